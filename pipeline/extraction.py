"""The library entry point: ``extract(text | path | iterable of texts)``.

    >>> from pipeline import extract
    >>> for record in extract("seeds/"):
    ...     print(record.union, record.programme, record.label, record.value)
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .loading import load_pipeline
from .records import Record, doc_to_records

logger = logging.getLogger("pipeline")

_PIPELINES: dict[str, Language] = {}


def get_pipeline(model: str | Path | None = None) -> Language:
    """Load a pipeline once per process and reuse it."""
    key = str(model or "")
    if key not in _PIPELINES:
        _PIPELINES[key] = load_pipeline(model)
    return _PIPELINES[key]


def _looks_like_path(text: str) -> bool:
    return len(text) < 1024 and "\n" not in text and Path(text).exists()


BATCH_CHARS = 4000  # characters per nlp.pipe batch (bench: README, "Speed")


def pipe_by_size(nlp: Language, items: Iterable, *, as_tuples: bool = False,
                 n_process: int = 1, batch_chars: int = BATCH_CHARS) -> Iterator:
    """``nlp.pipe`` over batches of about ``batch_chars`` characters.

    Each component pays a cost per call (thinc layers, the NER's state setup),
    so a batch of short reports runs faster than one report at a time; a
    budget in characters rather than in reports keeps a batch of long reports
    from holding more memory. Worker processes (``n_process > 1``) take one
    report at a time. Yields what ``nlp.pipe`` yields, in input order.
    """
    if n_process != 1:
        yield from nlp.pipe(items, as_tuples=as_tuples, batch_size=1, n_process=n_process)
        return
    batch: list = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item[0] if as_tuples else item)
        if size >= batch_chars:
            yield from nlp.pipe(batch, as_tuples=as_tuples, batch_size=len(batch))
            batch, size = [], 0
    if batch:
        yield from nlp.pipe(batch, as_tuples=as_tuples, batch_size=len(batch))


def process_texts(nlp: Language, texts: Iterable[tuple[str, str | None]],
                  n_process: int = 1) -> Iterator[Doc]:
    """Run the pipeline over (text, source) pairs, keeping each Doc's source."""
    for doc, source in pipe_by_size(nlp, texts, as_tuples=True, n_process=n_process):
        doc._.source = source
        if source is not None and doc._.records is not None:
            for record in doc._.records:
                record["source"] = source
        yield doc


def extract(inputs: str | Path | Iterable[str], model: str | Path | None = None,
            nlp: Language | None = None) -> list[Record]:
    """Extract records from a text, a file or folder, or an iterable of texts.

    inputs (str | Path | Iterable[str]): Report text, a path, or texts.
    model (str | Path | None): Model folder. Defaults to ``models/union_ie``.
    nlp (Language | None): An already loaded pipeline to use instead.
    RETURNS (list[Record]): Records in input order; ``source`` names the file.
    """
    from .reading import iter_input_files, read_report_file

    nlp = nlp or get_pipeline(model)
    if isinstance(inputs, Path) or (isinstance(inputs, str) and _looks_like_path(inputs)):
        files = iter_input_files([Path(inputs)])
        pairs = ((read_report_file(f).text, str(f)) for f in files)
    elif isinstance(inputs, str):
        pairs = iter([(inputs, None)])
    else:
        pairs = ((text, None) for text in inputs)
    records: list[Record] = []
    for doc in process_texts(nlp, pairs):
        records.extend(doc_to_records(doc))
    return records
