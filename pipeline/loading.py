"""Build and load pipelines without ever reading pkuseg weights from a model folder.

Trained pipelines are saved without the tokenizer's 170 MB of pkuseg weights;
``load_pipeline`` restores the tokenizer from the segmenter cache instead.
"""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
from spacy.language import Language

from . import extensions  # noqa: F401
from . import tokenizer as _tokenizer  # noqa: F401  (registers the tokenizer)
from .blas_ops import use_blas_ops
from .errors import Errors, PipelineError
from .segmenter import require_segmenter

logger = logging.getLogger("pipeline")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = ROOT / "models" / "union_ie"


def blank_pipeline(segmenter: str = "pkuseg") -> Language:
    """A blank Chinese pipeline with the report tokenizer, initialized."""
    if segmenter == "pkuseg":
        require_segmenter()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
        "@tokenizers": "union_ie.ReportTokenizer.v1", "segmenter": segmenter}}})
    nlp.tokenizer.initialize()
    return nlp


def save_pipeline(nlp: Language, path: Path) -> None:
    """Save a trained pipeline without the pkuseg weights."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path, exclude=["tokenizer"])


def load_pipeline(path: Path | str | None = None) -> Language:
    """Load a trained pipeline and initialize its tokenizer from the cache.

    path (Path | str | None): Model folder. Defaults to ``models/union_ie``.
    RETURNS (Language): The ready pipeline.
    """
    path = Path(path) if path else DEFAULT_MODEL
    if not (path / "config.cfg").exists():
        raise PipelineError(Errors.E004.format(path=path))
    require_segmenter()
    nlp = spacy.load(path, exclude=["tokenizer"])
    use_blas_ops(nlp)
    # the entity ruler's phrase patterns already made the tokenizer load pkuseg
    if getattr(nlp.tokenizer, "pkuseg_seg", True) is None:
        nlp.tokenizer.initialize()
    return nlp
