"""Relation scores for spaCy's training loop and ``Language.evaluate``.

The reference Docs carry gold relations on ``doc._.relations`` (set by
``pipeline.gold``); a prediction is right when its head is the gold metric and
its child names the same union, or overlaps the gold programme mention.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.training import Example

from .unions import union_names_match


def score_relations(examples: Iterable[Example], label: str) -> dict[str, float]:
    """P/R/F of one relation label, keyed ``union_of_*`` or ``program_of_*``."""
    tp = fp = fn = 0
    for example in examples:
        gold = {tuple(r["head"]): r for r in example.reference._.relations or []
                if r["label"] == label}
        predicted = {tuple(r["head"]): r for r in example.predicted._.relations or []
                     if r["label"] == label}
        # heads are compared in processing offsets: both docs share the text
        for head, relation in predicted.items():
            truth = gold.get(head)
            if truth is None:
                ok = False
            elif label == "UNION_OF":
                ok = union_names_match(relation["name"], truth["name"])
            else:
                ok = relation["child"][0] < truth["child"][1] and truth["child"][0] < relation["child"][1]
            tp += ok
            fp += not ok
        fn += len(gold) - sum(1 for h in predicted if h in gold and (
            union_names_match(predicted[h]["name"], gold[h]["name"]) if label == "UNION_OF"
            else predicted[h]["child"][0] < gold[h]["child"][1]
            and gold[h]["child"][0] < predicted[h]["child"][1]))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = (tp / (tp + fn)) if tp + fn else 0.0
    key = label.lower()
    return {f"{key}_p": p, f"{key}_r": r, f"{key}_f": 2 * p * r / (p + r) if p + r else 0.0}
