"""Every custom attribute the pipeline sets, registered in one place.

Values are plain JSON-serialisable data so that ``DocBin(store_user_data=True)``
round-trips them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .metric_grammar import declared_money_unit
from .values import MetricValue, clean_value, parse_metric


def _metric_value(span: Span) -> MetricValue | None:
    if span.label_ not in ("MONEY", "HEADCOUNT", "COUNT"):
        return None
    value = parse_metric(span.text)
    # a bare figure (not 280万, whose 元 is left out)
    if value is not None and not value.unit and span.label_ == "MONEY" and not re.search(
            r"[万萬亿億]", span.text):
        return with_declared_unit(value, span.doc._.processing_text)
    return value


def with_declared_unit(value: MetricValue, text: str) -> MetricValue:
    """A bare figure of a statement that declares its unit (单位：万元), in
    yuan; the value as read where the text declares none (280万)."""
    declared = declared_money_unit(text)
    if declared is None:
        return value
    scale = 10_000 if declared[1] == "万元" else 1
    high = None if value.value_high is None else clean_value(value.value_high * scale)
    return MetricValue(clean_value(value.value * scale), value.approx, high, declared[1])


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
