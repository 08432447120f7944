"""Records: one per metric, the row a statistician reads.

    Record(label="MONEY", text="8万余元", value=80000, approx="more", unit="元",
           union="洮南市总工会", programme="夏送清凉", start=431, end=436, ...)

Offsets are in the raw text the pipeline was given, so ``raw[start:end] ==
record.text`` always holds.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, fields, replace
from typing import Any

from spacy.tokens import Doc, Span

from .normalize import NormalizedText
from .reports import SENTENCE_END
from .unions import fold_union_name

METRIC_LABELS = ("MONEY", "HEADCOUNT", "COUNT")


@dataclass(frozen=True)
class Record:
    """One extracted metric with its value, union, programme and place in the text."""

    label: str
    text: str
    value: float | None
    approx: str | None
    value_high: float | None
    unit: str
    union: str | None
    programme: str | None
    confidence: float
    start: int
    end: int
    sentence: str
    source: str | None = None
    union_span: tuple[int, int] | None = None
    programme_span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        # not dataclasses.asdict: it deep-copies every field, a fifth of the
        # records stage; every field here is immutable already
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _raw_view(doc: Doc) -> NormalizedText:
    text = doc._.processing_text
    if doc._.raw_offsets is None:  # a Doc made without the report tokenizer
        return NormalizedText(text, text, tuple(range(len(text))))
    return NormalizedText(doc._.raw_text, text, tuple(doc._.raw_offsets))


def doc_to_records(doc: Doc) -> list[Record]:
    """Turn a processed Doc into records, one per metric entity.

    doc (Doc): A Doc that went through the whole pipeline.
    RETURNS (list[Record]): Records in text order, offsets in the raw text.
    """
    view = _raw_view(doc)
    text = view.text
    relations = doc._.relations or []
    by_head: dict[tuple[int, int, str], dict] = {
        (r["head"][0], r["head"][1], r["label"]): r for r in relations}
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    raw_names = _raw_union_names(doc, view)
    records = []
    for ent in doc.ents:
        if ent.label_ not in METRIC_LABELS:
            continue
        record = _record(doc, ent, view, by_head, ends)
        if record.union in raw_names:  # 儋州市总工会 -> 儋州市總工會 as written
            record = replace(record, union=raw_names[record.union])
        records.append(record)
    return records


def _raw_union_names(doc: Doc, view: NormalizedText) -> dict[str, str]:
    """Resolved union names as the report writes them: a traditional-character
    report's 儋州市總工會 rather than the processing text's 儋州市总工会
    (line breaks and spaces inside a mention dropped)."""
    names: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ == "UNION":
            start, end = view.to_raw(ent.start_char, ent.end_char)
            raw = "".join(view.raw[start:end].split())
            names.setdefault(fold_union_name(ent.text), raw)
    return names


def _record(doc: Doc, ent: Span, view: NormalizedText, by_head: dict,
            sentence_ends: list[int]) -> Record:
    start, end = view.to_raw(ent.start_char, ent.end_char)
    value = ent._.metric_value
    union = by_head.get((ent.start_char, ent.end_char, "UNION_OF"))
    programme = by_head.get((ent.start_char, ent.end_char, "PROGRAM_OF"))
    index = bisect_right(sentence_ends, ent.start_char)
    s_start = sentence_ends[index - 1] if index else 0
    s_end = sentence_ends[index] if index < len(sentence_ends) else len(view.text)
    raw_s_start, raw_s_end = view.to_raw(s_start, max(s_end, s_start + 1))
    confidence = (union["score"] if union else 0.0)
    if programme:
        confidence = min(confidence, programme["score"]) if union else programme["score"]
    return Record(
        label=ent.label_,
        text=view.raw[start:end],
        value=None if value is None else value.value,
        approx=None if value is None else value.approx,
        value_high=None if value is None else value.value_high,
        unit=("" if value is None else value.unit) or ("元" if ent.label_ == "MONEY" else ""),
        union=union["name"] if union else None,
        programme=programme["name"] if programme else None,
        confidence=round(float(confidence), 4),
        start=start,
        end=end,
        sentence=view.raw[raw_s_start:raw_s_end].strip(),
        source=doc._.source,
        union_span=view.to_raw(*union["child"]) if union else None,
        programme_span=view.to_raw(*programme["child"]) if programme else None,
    )
