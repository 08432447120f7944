"""Train the union and programme linkers on gold Docs (see pipeline.linking).

Pairs come from gold entities; a union candidate is positive when it names
the gold union, a programme candidate when it overlaps the gold programme
mention. The programme threshold is chosen by cross-validation on train + dev
(``cv_threshold``) for PROGRAM_OF F1.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Doc

from .linking import DocContext, programme_candidates, union_candidates
from .pair_classifier import BoostedPairClassifier, PairClassifier
from .unions import union_names_match

logger = logging.getLogger("pipeline")


@dataclass
class PairData:
    features: list[dict[str, float]]
    labels: list[int]
    groups: list[int]  # metric index of each pair
    gold_has: list[bool]  # per metric: has a gold relation of this kind


def _gold_by_head(doc: Doc, label: str) -> dict[tuple[int, int], dict]:
    return {tuple(r["head"]): r for r in doc._.relations or [] if r["label"] == label}


def _pairs(docs: list[Doc], label: str, candidates, is_gold) -> PairData:
    """Candidate pairs of every metric, labelled against the gold relation."""
    data = PairData([], [], [], [])
    for doc in docs:
        context = DocContext.build(doc)
        gold = _gold_by_head(doc, label)
        for metric in context.metrics:
            truth = gold.get((metric.start_char, metric.end_char))
            data.gold_has.append(truth is not None)
            for candidate, features in candidates(context, metric):
                data.features.append(features)
                data.labels.append(int(truth is not None and is_gold(candidate, truth)))
                data.groups.append(len(data.gold_has) - 1)
    return data


def union_pairs(docs: list[Doc]) -> PairData:
    """A union candidate is right when it names the gold union."""
    return _pairs(docs, "UNION_OF",
                  lambda context, metric: [(name, features) for name, _, features
                                           in union_candidates(context, metric)],
                  lambda name, truth: union_names_match(name, truth["name"]))


def programme_pairs(docs: list[Doc]) -> PairData:
    """A programme candidate is right when it overlaps the gold mention."""
    return _pairs(docs, "PROGRAM_OF", programme_candidates,
                  lambda programme, truth: programme.start_char < truth["child"][1]
                  and truth["child"][0] < programme.end_char)


def choose_best(data: PairData, scores: list[float], threshold: float) -> tuple[int, int, int]:
    """(tp, fp, fn) when each metric takes its best pair if it clears ``threshold``."""
    best: dict[int, tuple[float, int]] = {}
    for score, label, group in zip(scores, data.labels, data.groups):
        if group not in best or score > best[group][0]:
            best[group] = (score, label)
    tp = sum(1 for s, lab in best.values() if s >= threshold and lab)
    fp = sum(1 for s, lab in best.values() if s >= threshold and not lab)
    fn = sum(data.gold_has) - tp
    return tp, fp, fn


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _fit(data: PairData, C: float = 1.0, boosted: bool = False
         ) -> PairClassifier | BoostedPairClassifier:
    if boosted:
        return BoostedPairClassifier().fit(data.features, data.labels)
    return PairClassifier().fit(data.features, data.labels, C=C)


def train_union_linker(train: list[Doc], dev: list[Doc], C: float = 1.0, boosted: bool = False
                       ) -> tuple[PairClassifier | BoostedPairClassifier, dict]:
    model = _fit(union_pairs(train), C=C, boosted=boosted)
    dev_data = union_pairs(dev)
    tp, fp, fn = choose_best(dev_data, model.predict_proba(dev_data.features), 0.0)
    rule = choose_best(dev_data, [f["is_subject"] for f in dev_data.features], 0.0)
    return model, {"dev_union_of_f": f1(tp, fp, fn), "dev_rule_union_of_f": f1(*rule)}


THRESHOLDS = tuple(step / 100 for step in range(10, 91, 5))


def cv_threshold(docs: list[Doc], folds: int = 5, C: float = 1.0, boosted: bool = False
                 ) -> float:
    """The programme threshold with the best pooled K-fold F1 over ``docs``:
    steadier than one dev split, where neighbouring thresholds differ by less
    than the split's noise."""
    scores = cross_validate(docs, folds, C=C, boosted=boosted, thresholds=THRESHOLDS)
    return max(THRESHOLDS, key=lambda t: (scores[f"program_of_f@{t}"], -abs(t - 0.5)))


def train_programme_linker(train: list[Doc], dev: list[Doc], C: float = 1.0,
                           boosted: bool = False, threshold: float | None = None
                           ) -> tuple[PairClassifier | BoostedPairClassifier, float, dict]:
    """Fit on ``train``; the threshold is the given one (``cv_threshold``) or,
    without one, the best on ``dev``."""
    model = _fit(programme_pairs(train), C=C, boosted=boosted)
    dev_data = programme_pairs(dev)
    scores = model.predict_proba(dev_data.features)
    candidates = THRESHOLDS if threshold is None else (threshold,)
    best_threshold, best_f = 0.5, -1.0
    for candidate in candidates:
        score = f1(*choose_best(dev_data, scores, candidate))
        if score > best_f:
            best_threshold, best_f = candidate, score
    rule_scores = [f.get("rank_b0", 0.0) * f["same_sentence"] for f in dev_data.features]
    rule = f1(*choose_best(dev_data, rule_scores, 0.5))
    return model, best_threshold, {"dev_program_of_f": best_f, "threshold": best_threshold,
                                   "dev_rule_program_of_f": rule}


def cross_validate(docs: list[Doc], folds: int = 5, C: float = 1.0, boosted: bool = False,
                   thresholds: tuple[float, ...] = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
                   ) -> dict[str, float]:
    """K-fold (by report, fixed order) F1 of both linkers on gold entities,
    both boosted trees or both logistic regressions.

    Pairs of all folds are pooled before scoring, so every metric counts once.
    """
    union_counts = [0, 0, 0]
    programme_counts = {t: [0, 0, 0] for t in thresholds}
    for fold in range(folds):
        train = [d for i, d in enumerate(docs) if i % folds != fold]
        held = [d for i, d in enumerate(docs) if i % folds == fold]
        model = _fit(union_pairs(train), C=C, boosted=boosted)
        held_data = union_pairs(held)
        for i, n in enumerate(choose_best(held_data, model.predict_proba(held_data.features), 0.0)):
            union_counts[i] += n
        model = _fit(programme_pairs(train), C=C, boosted=boosted)
        held_data = programme_pairs(held)
        scores = model.predict_proba(held_data.features)
        for threshold in thresholds:
            for i, n in enumerate(choose_best(held_data, scores, threshold)):
                programme_counts[threshold][i] += n
    result = {"union_of_f": round(f1(*union_counts), 4)}
    for threshold, counts in programme_counts.items():
        result[f"program_of_f@{threshold}"] = round(f1(*counts), 4)
    return result
