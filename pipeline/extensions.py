"""Every custom attribute the pipeline sets, registered in one place.

Values are plain JSON-serialisable data so that ``DocBin(store_user_data=True)``
round-trips them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .values import MetricValue, read_metric


def _metric_value(span: Span) -> MetricValue | None:
    if span.label_ not in ("MONEY", "HEADCOUNT", "COUNT"):
        return None
    return read_metric(span.text, span.label_, span.doc._.processing_text)


TEXT_KEY = ("union_ie", "processing_text")


def processing_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy rebuilds it from the tokens on every
    access (about 5 µs a token), and every component reads it."""
    cached = doc.user_data.get(TEXT_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    text = doc.text
    doc.user_data[TEXT_KEY] = (len(doc), text)
    return text


def register_extensions() -> None:
    """Register the Doc and Span extensions once (idempotent)."""
    doc_defaults = {
        "raw_text": None,  # the text as received
        "raw_offsets": None,  # raw offset of each processing character
        "source": None,  # file the text came from
        "relations": None,  # [{"head": [s, e], "child": [s, e], "label", "score"}]
        "union_names": None,  # {"start,end" of a UNION: resolved full name}
        "records": None,  # [record dicts], see pipeline.records
    }
    for name, default in doc_defaults.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Doc.has_extension("processing_text"):
        Doc.set_extension("processing_text", getter=processing_text)
    if not Span.has_extension("metric_value"):
        Span.set_extension("metric_value", getter=_metric_value)


register_extensions()
