"""Gold Docs from annotated reports, through the same normalization as inference.

The converter builds each Doc with the pipeline's own tokenizer (so training
sees exactly what inference sees), maps every raw gold span into the
processing text, and reports the spans that do not fall on token boundaries
(spaCy's W030, the classic Chinese NER trap) instead of dropping them silently.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .normalize import NormalizedText

logger = logging.getLogger("pipeline")


@dataclass
class Misaligned:
    report_id: str
    label: str
    surface: str
    tokens: str


@dataclass
class GoldConversion:
    docs: list[Doc] = field(default_factory=list)
    misaligned: list[Misaligned] = field(default_factory=list)
    spans: int = 0


def raw_to_doc_span(doc: Doc, start: int, end: int, label: str,
                    normalized: NormalizedText | None = None) -> Span | None:
    """The Doc span of a raw-text span, or None if it cuts through a token."""
    normalized = normalized or NormalizedText(doc._.raw_text, doc.text, tuple(doc._.raw_offsets))
    mapped = normalized.to_processing(start, end)
    if mapped is None:
        return None
    return doc.char_span(mapped[0], mapped[1], label=label)


def reports_to_docs(nlp: Language, reports: Iterable[dict[str, Any]]) -> GoldConversion:
    """Tokenize reports and set their gold entities on ``doc.ents``.

    nlp (Language): A pipeline whose tokenizer is initialized.
    reports (Iterable[dict]): Guideline records.
    RETURNS (GoldConversion): Docs, and every span that could not be aligned.
    """
    result = GoldConversion()
    for report in reports:
        doc = nlp.make_doc(report["text"])
        normalized = NormalizedText(doc._.raw_text, doc.text, tuple(doc._.raw_offsets))
        ents = []
        for gold in report["spans"]:
            result.spans += 1
            span = raw_to_doc_span(doc, gold["start"], gold["end"], gold["label"], normalized)
            if span is None:
                mapped = normalized.to_processing(gold["start"], gold["end"]) or (0, 0)
                inside = doc.char_span(mapped[0], mapped[1], alignment_mode="expand")
                result.misaligned.append(Misaligned(
                    report["id"], gold["label"], report["text"][gold["start"]:gold["end"]],
                    " | ".join(t.text for t in inside) if inside is not None else ""))
                continue
            ents.append(span)
        doc.ents = ents
        doc._.relations = gold_relations(doc, report)
        doc.user_data["report_id"] = report["id"]
        result.docs.append(doc)
    return result


def gold_relations(doc: Doc, report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's gold relations in processing offsets, with resolved names."""
    from .lexicon import canonical_programme
    from .linking import DocContext
    from .unions import fold_union_name

    normalized = NormalizedText(doc._.raw_text, doc.text, tuple(doc._.raw_offsets))
    spans = {s["id"]: s for s in report["spans"]}
    context = DocContext.build(doc)
    relations = []
    for relation in report.get("relations", []):
        head, child = spans.get(relation["head"]), spans.get(relation["child"])
        if head is None or child is None:
            continue
        head_span = normalized.to_processing(head["start"], head["end"])
        child_span = normalized.to_processing(child["start"], child["end"])
        if head_span is None or child_span is None:
            continue
        surface = report["text"][child["start"]:child["end"]]
        if relation["label"] == "UNION_OF":
            name = context.union_names.get(child_span[0], fold_union_name(surface))
        else:
            name = canonical_programme(surface)
        relations.append({"head": list(head_span), "child": list(child_span),
                          "label": relation["label"], "name": name, "score": 1.0})
    return relations
