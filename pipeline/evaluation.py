"""Evaluate a pipeline on annotated reports, with optional ablations.

Works on any guideline JSONL file: no id or split assumptions, and files that
annotate only entities, or only some labels, are scored on what they have.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from spacy.language import Language

from .normalize import NormalizedText
from .records import doc_to_records
from .scoring import Scores, score_reports

ABLATIONS = {
    "full pipeline": {},
    "ruler only": {"disable": ["tok2vec", "ner"]},
    "no entity guard": {"disable": ["union_ie_entity_guard"]},
    "NER only": {"disable": ["union_ie_metric_ruler", "entity_ruler",
                             "union_ie_quoted_programmes", "union_ie_organizations"]},
    "rule linkers": {"rule_linkers": True},
}


@contextmanager
def configured(nlp: Language, disable: list[str] | None = None,
               rule_linkers: bool = False) -> Iterator[Language]:
    """Temporarily disable components or switch the linkers to their rules."""
    linkers = [nlp.get_pipe(n) for n in ("union_ie_union_linker", "union_ie_programme_linker")
               if n in nlp.pipe_names]
    previous = [linker.use_model for linker in linkers]
    names = [n for n in (disable or []) if n in nlp.pipe_names]
    try:
        for linker in linkers:
            linker.use_model = not rule_linkers
        with nlp.select_pipes(disable=names):
            yield nlp
    finally:
        for linker, flag in zip(linkers, previous):
            linker.use_model = flag


def predict_reports(nlp: Language, reports: list[dict[str, Any]], batch_size: int = 1
                    ) -> list[dict[str, Any]]:
    """Raw-offset entities and records for each report."""
    out = []
    texts = (r["text"] for r in reports)
    for doc in nlp.pipe(texts, batch_size=batch_size):
        view = NormalizedText(doc._.raw_text, doc.text, tuple(doc._.raw_offsets))
        entities = [(*view.to_raw(e.start_char, e.end_char), e.label_) for e in doc.ents]
        records = [r.to_dict() for r in doc_to_records(doc)]
        out.append({"entities": entities, "records": records})
    return out


def evaluate(nlp: Language, reports: list[dict[str, Any]], ablation: str = "full pipeline",
             keep_errors: bool = False) -> Scores:
    """Score one configuration of the pipeline on annotated reports."""
    with configured(nlp, **ABLATIONS[ablation]):
        predictions = predict_reports(nlp, reports)
    return score_reports(reports, predictions, keep_errors=keep_errors)


def format_scores(rows: dict[str, Scores]) -> str:
    """A plain-text table: one block of entity rows, one of relation/record rows."""
    labels = sorted({label for s in rows.values() for label in s.entities})
    names = list(rows)
    width = max(20, *(len(n) for n in names)) + 2
    lines = ["entities (P / R / F)".ljust(16) + "".join(n.rjust(width) for n in names)]
    for label in [*labels, "micro"]:
        cells = []
        for scores in rows.values():
            prf = scores.micro if label == "micro" else scores.entities.get(label)
            cells.append(f"{prf.p:.3f}/{prf.r:.3f}/{prf.f:.3f}" if prf else "-")
        lines.append(label.ljust(16) + "".join(c.rjust(width) for c in cells))
    lines.append("")
    for key in ("union_of", "program_of", "records"):
        cells = []
        for scores in rows.values():
            prf = getattr(scores, key)
            # a file without relations (entities only) has nothing to score here
            cells.append("-" if prf.tp + prf.fp + prf.fn == 0 and scores.values_total == 0
                         else f"{prf.p:.3f}/{prf.r:.3f}/{prf.f:.3f}")
        lines.append(key.upper().ljust(16) + "".join(c.rjust(width) for c in cells))
    cells = [f"{s.values_correct}/{s.values_total}" for s in rows.values()]
    lines.append("value accuracy".ljust(16) + "".join(c.rjust(width) for c in cells))
    return "\n".join(lines)
