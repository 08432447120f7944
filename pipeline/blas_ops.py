"""Matrix products through numpy's BLAS, one thread, for the CNN at inference.

thinc's ``NumpyOps.gemm`` calls blis, whose wheel runs generic kernels on
this machine's CPU; numpy's bundled OpenBLAS picks kernels for the CPU it
finds. On the bench machine tok2vec took 24-26 µs of CPU per token with blis
and 18 µs with OpenBLAS (README, "Speed"). Everything else stays
``NumpyOps``: the parser's C loop keeps its own BLAS handle.

OpenBLAS would use every core; each product runs under a one-thread limit so
that one process uses one core and ``n_process=2`` does not oversubscribe.
"""

from spacy.language import Language
from thinc.api import NumpyOps
from thinc.backends.ops import Ops
from threadpoolctl import ThreadpoolController

_CONTROLLER = ThreadpoolController()


class BlasOps(NumpyOps):
    """``NumpyOps`` whose ``gemm`` is numpy's ``dot`` on one BLAS thread."""

    name = "union_ie_blas"

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        with _CONTROLLER.limit(limits=1, user_api="blas"):
            return Ops.gemm(self, x, y, out=out, trans1=trans1, trans2=trans2)


def use_blas_ops(nlp: Language) -> None:
    """Give every layer of the pipeline's trained components ``BlasOps``."""
    ops = BlasOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if hasattr(model, "walk"):
            for layer in model.walk():
                layer.ops = ops
