"""Scores by section 5 of the guideline: entities, relations, values, records.

Gold is a list of guideline records; predictions are, per report, the raw
entity spans and the records the pipeline produced. Everything is compared
on raw-text offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .lexicon import canonical_programme
from .unions import union_names_match

METRIC_LABELS = ("MONEY", "HEADCOUNT", "COUNT")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f": round(self.f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class GoldMetric:
    label: str
    start: int
    end: int
    value: float | None
    approx: str | None
    value_high: float | None
    union: str | None
    union_span: tuple[int, int] | None
    programme: str | None
    programme_span: tuple[int, int] | None


@dataclass
class Scores:
    entities: dict[str, PRF] = field(default_factory=dict)
    union_of: PRF = field(default_factory=PRF)
    program_of: PRF = field(default_factory=PRF)
    records: PRF = field(default_factory=PRF)
    values_correct: int = 0
    values_total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def micro(self) -> PRF:
        total = PRF()
        for prf in self.entities.values():
            total.tp, total.fp, total.fn = total.tp + prf.tp, total.fp + prf.fp, total.fn + prf.fn
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "entities": {k: v.as_dict() for k, v in sorted(self.entities.items())},
            "entities_micro": self.micro.as_dict(),
            "union_of": self.union_of.as_dict(),
            "program_of": self.program_of.as_dict(),
            "value_accuracy": round(self.values_correct / self.values_total, 4)
            if self.values_total else None,
            "value_total": self.values_total,
            "records": self.records.as_dict(),
        }


def gold_metrics(report: dict[str, Any]) -> list[GoldMetric]:
    """The gold records of one annotated report."""
    spans = {s["id"]: s for s in report["spans"]}
    text = report["text"]
    links: dict[tuple[str, str], dict] = {}
    for relation in report.get("relations", []):
        links[(relation["head"], relation["label"])] = spans.get(relation["child"])
    out = []
    for span in report["spans"]:
        if span["label"] not in METRIC_LABELS:
            continue
        union = links.get((span["id"], "UNION_OF"))
        programme = links.get((span["id"], "PROGRAM_OF"))
        out.append(GoldMetric(
            label=span["label"], start=span["start"], end=span["end"],
            value=span.get("value"), approx=span.get("approx"),
            value_high=span.get("value_high"),
            union=text[union["start"]:union["end"]] if union else None,
            union_span=(union["start"], union["end"]) if union else None,
            programme=canonical_programme(text[programme["start"]:programme["end"]])
            if programme else None,
            programme_span=(programme["start"], programme["end"]) if programme else None,
        ))
    return out


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def score_reports(gold: list[dict[str, Any]], predicted: list[dict[str, Any]],
                  labels: set[str] | None = None, keep_errors: bool = False) -> Scores:
    """Score predictions against gold reports, report by report.

    gold (list[dict]): Guideline records.
    predicted (list[dict]): Per report ``{"entities": [(start, end, label)],
        "records": [record dicts]}``, in the same order.
    labels (set[str] | None): Only score these entity labels (files that
        annotate some labels only). Defaults to the labels the gold uses.
    keep_errors (bool): Collect every false positive and negative. Defaults to False.
    RETURNS (Scores): All figures.
    """
    scores = Scores()
    if labels is None:
        labels = {s["label"] for r in gold for s in r["spans"]}
    has_relations = any(r.get("relations") for r in gold)
    for report, prediction in zip(gold, predicted):
        text = report["text"]
        gold_ents = {(s["start"], s["end"], s["label"]) for s in report["spans"]
                     if s["label"] in labels}
        pred_ents = {tuple(e) for e in prediction["entities"] if e[2] in labels}
        for label in labels:
            prf = scores.entities.setdefault(label, PRF())
            g = {e for e in gold_ents if e[2] == label}
            p = {e for e in pred_ents if e[2] == label}
            prf.tp += len(g & p)
            prf.fp += len(p - g)
            prf.fn += len(g - p)
        if keep_errors:
            for kind, items in (("false positive", pred_ents - gold_ents),
                                ("false negative", gold_ents - pred_ents)):
                for start, end, label in sorted(items):
                    scores.errors.append({
                        "report": report["id"], "kind": f"entity {kind}", "label": label,
                        "text": text[start:end], "start": start,
                        "context": text[max(0, start - 15):end + 15].replace("\n", "⏎")})
        if not has_relations:
            continue
        golds = {(g.start, g.end): g for g in gold_metrics(report)
                 if g.label in labels}
        records = {(r["start"], r["end"]): r for r in prediction["records"]}
        _score_relations(scores, report, golds, records, keep_errors)
    return scores


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return bool(a and b and a[0] < b[1] and b[0] < a[1])


def _value_correct(gold: GoldMetric, record: dict) -> bool:
    return (_same_number(record.get("value"), gold.value)
            and record.get("approx") == gold.approx
            and (gold.approx != "range"
                 or _same_number(record.get("value_high"), gold.value_high)))


def _union_correct(gold: GoldMetric, record: dict) -> bool:
    if gold.union is None or not record.get("union"):
        return gold.union is None and not record.get("union")
    return union_names_match(record["union"], gold.union)


def _score_relations(scores: Scores, report: dict, golds: dict, records: dict,
                     keep_errors: bool) -> None:
    text = report["text"]
    union_tp = programme_tp = record_tp = 0
    for key, record in records.items():
        gold = golds.get(key)
        if gold is None:
            continue
        union_tp += bool(gold.union and record.get("union") and _union_correct(gold, record))
        span = tuple(record["programme_span"]) if record.get("programme_span") else None
        programme_tp += _overlaps(span, gold.programme_span)
        scores.values_total += 1
        value_ok = _value_correct(gold, record)
        scores.values_correct += value_ok
        programme_ok = (gold.programme or None) == (record.get("programme") or None)
        correct = (record["label"] == gold.label and value_ok and programme_ok
                   and _union_correct(gold, record))
        record_tp += correct
        if keep_errors and not correct:
            scores.errors.append({
                "report": report["id"], "kind": "record", "text": text[key[0]:key[1]],
                "start": key[0],
                "gold": [gold.label, gold.value, gold.approx, gold.union, gold.programme],
                "predicted": [record["label"], record.get("value"), record.get("approx"),
                              record.get("union"), record.get("programme")]})
    predicted_unions = sum(1 for r in records.values() if r.get("union"))
    predicted_programmes = sum(1 for r in records.values() if r.get("programme_span"))
    gold_unions = sum(1 for g in golds.values() if g.union)
    gold_programmes = sum(1 for g in golds.values() if g.programme_span)
    for prf, tp, npred, ngold in (
        (scores.union_of, union_tp, predicted_unions, gold_unions),
        (scores.program_of, programme_tp, predicted_programmes, gold_programmes),
        (scores.records, record_tp, len(records), len(golds)),
    ):
        prf.tp += tp
        prf.fp += npred - tp
        prf.fn += ngold - tp
