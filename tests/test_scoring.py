"""The scorer on hand-made gold/prediction pairs whose scores are known."""

import pytest

from pipeline.scoring import score_reports

TEXT = "本报讯 2023年，洮南市总工会在“金秋助学”活动中发放助学资金15.73万元，资助35人。新增会员512人。"
#      0123456789...
U = TEXT.index("洮南市总工会")
P = TEXT.index("金秋助学")
M1 = TEXT.index("15.73万元")
M2 = TEXT.index("35人")
M3 = TEXT.index("512人")

GOLD = {
    "id": "r1", "text": TEXT,
    "spans": [
        {"id": "u", "start": U, "end": U + 6, "label": "UNION"},
        {"id": "p", "start": P, "end": P + 4, "label": "PROGRAM"},
        {"id": "m1", "start": M1, "end": M1 + 7, "label": "MONEY", "value": 157300, "approx": None},
        {"id": "m2", "start": M2, "end": M2 + 3, "label": "HEADCOUNT", "value": 35, "approx": None},
        {"id": "m3", "start": M3, "end": M3 + 4, "label": "HEADCOUNT", "value": 512, "approx": None},
    ],
    "relations": [
        {"head": "m1", "child": "u", "label": "UNION_OF"},
        {"head": "m1", "child": "p", "label": "PROGRAM_OF"},
        {"head": "m2", "child": "u", "label": "UNION_OF"},
        {"head": "m2", "child": "p", "label": "PROGRAM_OF"},
        {"head": "m3", "child": "u", "label": "UNION_OF"},
    ],
}


def _record(start, end, label, value, union="洮南市总工会", programme=None, span=None):
    return {"start": start, "end": end, "label": label, "value": value, "approx": None,
            "value_high": None, "union": union, "programme": programme,
            "programme_span": span}


PERFECT = {
    "entities": [(s["start"], s["end"], s["label"]) for s in GOLD["spans"]],
    "records": [
        _record(M1, M1 + 7, "MONEY", 157300, programme="金秋助学", span=(P, P + 4)),
        _record(M2, M2 + 3, "HEADCOUNT", 35, programme="金秋助学", span=(P, P + 4)),
        _record(M3, M3 + 4, "HEADCOUNT", 512),
    ],
}


def test_scoring_perfect_prediction_scores_one():
    scores = score_reports([GOLD], [PERFECT])
    assert scores.micro.f == 1.0
    assert scores.union_of.f == scores.program_of.f == scores.records.f == 1.0
    assert scores.values_correct == scores.values_total == 3


def test_scoring_counts_errors_exactly():
    predicted = {
        # the UNION is missed, an extra ORG is predicted
        "entities": [(P, P + 4, "PROGRAM"), (M1, M1 + 7, "MONEY"), (M2, M2 + 3, "HEADCOUNT"),
                     (M3, M3 + 4, "HEADCOUNT"), (0, 3, "ORG")],
        "records": [
            # wrong value
            _record(M1, M1 + 7, "MONEY", 15730, programme="金秋助学", span=(P, P + 4)),
            # programme missing
            _record(M2, M2 + 3, "HEADCOUNT", 35),
            # wrong union (a bare short form never stands for the full name)
            _record(M3, M3 + 4, "HEADCOUNT", 512, union="市总工会"),
        ],
    }
    scores = score_reports([GOLD], [predicted])
    assert (scores.entities["UNION"].tp, scores.entities["UNION"].fn) == (0, 1)
    # the gold file annotates no ORG, so ORG predictions are not scored
    assert "ORG" not in scores.entities
    assert scores.micro.tp == 4 and scores.micro.fp == 0 and scores.micro.fn == 1
    assert (scores.union_of.tp, scores.union_of.fp, scores.union_of.fn) == (2, 1, 1)
    assert (scores.program_of.tp, scores.program_of.fp, scores.program_of.fn) == (1, 0, 1)
    assert scores.values_correct == 2
    assert (scores.records.tp, scores.records.fp, scores.records.fn) == (0, 3, 3)


def test_scoring_short_form_gold_accepts_resolved_name():
    text = "本报讯 市总工会发放慰问金6万元。"
    union, metric = text.index("市总工会"), text.index("6万元")
    gold = {"id": "s", "text": text, "spans": [
        {"id": "u", "start": union, "end": union + 4, "label": "UNION"},
        {"id": "m", "start": metric, "end": metric + 3, "label": "MONEY", "value": 60000,
         "approx": None}],
        "relations": [{"head": "m", "child": "u", "label": "UNION_OF"}]}
    predicted = {"entities": [(union, union + 4, "UNION"), (metric, metric + 3, "MONEY")],
                 "records": [_record(metric, metric + 3, "MONEY", 60000, union="宜昌市总工会")]}
    scores = score_reports([gold], [predicted])
    assert scores.union_of.f == 1.0 and scores.records.f == 1.0


@pytest.mark.parametrize("labels", [{"MONEY"}, {"MONEY", "HEADCOUNT"}])
def test_scoring_only_some_labels(labels):
    gold = {"id": "x", "text": TEXT, "spans": [s for s in GOLD["spans"] if s["label"] in labels]}
    scores = score_reports([gold], [PERFECT])
    assert set(scores.entities) == labels
    assert scores.micro.f == 1.0
