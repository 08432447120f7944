import numpy as np
import pytest
from thinc.api import NumpyOps

from pipeline.blas_ops import BlasOps


@pytest.mark.parametrize("trans1,trans2", [(False, False), (True, False), (False, True)])
def test_blas_gemm_equals_thinc_gemm(trans1, trans2):
    rng = np.random.default_rng(0)
    x = rng.random((7, 5), dtype=np.float32)
    y = rng.random((5, 3), dtype=np.float32)
    x = x.T.copy() if trans1 else x  # stored transposed, as the layers pass it
    y = y.T.copy() if trans2 else y
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = BlasOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.shape == expected.shape == (7, 3)
    assert np.allclose(got, expected, atol=1e-5)


def test_blas_gemm_writes_into_out():
    x = np.ones((4, 2), dtype=np.float32)
    out = np.zeros((4, 4), dtype=np.float32)
    assert BlasOps().gemm(x, x, out=out, trans2=True) is out
    assert (out == 2).all()


def test_loaded_pipeline_uses_blas_ops(nlp):
    tok2vec = nlp.get_pipe("tok2vec").model
    assert all(isinstance(layer.ops, BlasOps) for layer in tok2vec.walk())
