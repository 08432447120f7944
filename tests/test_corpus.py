"""The corpus obeys the guideline: CI runs the validator through these tests."""

import json
from pathlib import Path

import pytest

from pipeline.authoring import convert_file
from pipeline.corpus import SPLITS, read_jsonl, split_of, validate_report

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _all_reports():
    return [r for split in SPLITS for r in read_jsonl(CORPUS / f"{split}.jsonl")]


def test_corpus_every_report_is_valid():
    problems = [f"{r['id']}: {p}" for r in _all_reports() for p in validate_report(r)]
    assert problems == []


def test_corpus_jsonl_is_built_from_the_markup():
    built = {}
    for path in sorted((CORPUS / "authored").glob("*.md")):
        for report in convert_file(path, ROOT):
            built[report["id"]] = (report["text"], report["spans"], report["relations"])
    shipped = {r["id"]: (r["text"], r["spans"], r["relations"]) for r in _all_reports()}
    assert shipped == built


def test_corpus_seed_is_test_only_and_byte_exact():
    seed = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    test_texts = [r["text"] for r in read_jsonl(CORPUS / "test.jsonl")]
    train_texts = [r["text"] for s in ("train", "dev") for r in read_jsonl(CORPUS / f"{s}.jsonl")]
    assert seed in test_texts and seed not in train_texts


@pytest.mark.parametrize("report_id,source,split", [
    ("anything", "seed.md", "test"), ("test-x", "test_authored.md", "test"),
])
def test_corpus_split_rules(report_id, source, split):
    assert split_of(report_id, source) == split


@pytest.mark.parametrize("mutate,problem", [
    (lambda r: r["spans"][0].update(start=0, end=3), "punctuation"),
    (lambda r: r["spans"][2].pop("value"), "value"),
    (lambda r: r["relations"].append(dict(r["relations"][0])), "UNION_OF"),
    (lambda r: r["spans"][2].update(start=1, end=20), "overlap"),
    (lambda r: r["spans"][2].update(approx="roughly"), "approx"),
])
def test_corpus_validator_catches(mutate, problem):
    text = "“本报讯”洮南市总工会发放6万元。"
    report = {"id": "x", "text": text, "spans": [
        {"id": "u", "start": 5, "end": 11, "label": "UNION"},
        {"id": "p", "start": 1, "end": 4, "label": "PROGRAM"},
        {"id": "m", "start": 13, "end": 16, "label": "MONEY", "value": 60000, "approx": None}],
        "relations": [{"head": "m", "child": "u", "label": "UNION_OF"}]}
    assert validate_report(json.loads(json.dumps(report))) == []
    mutate(report)
    assert any(problem in p for p in validate_report(report))


def test_corpus_consistency_has_nothing_unreviewed():
    from pipeline.corpus import find_inconsistencies, is_reviewed, read_reviewed

    reviewed = read_reviewed(CORPUS / "consistency_reviewed.tsv")
    lines = find_inconsistencies(_all_reports())
    assert [line for line in lines if not is_reviewed(line, reviewed)] == []


def test_corpus_reading_a_missing_or_binary_file_is_one_clear_error(tmp_path):
    from pipeline.errors import CorpusError

    binary = tmp_path / "x.jsonl"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    for path, code in ((tmp_path / "missing.jsonl", "E203"), (binary, "E201")):
        with pytest.raises(CorpusError, match=code):
            list(read_jsonl(path))


def test_corpus_a_reviewed_star_covers_every_report():
    from pipeline.corpus import is_reviewed

    line = "missed PROGRAM '医疗救助' in p-x at 179: …"
    assert is_reviewed(line, {("医疗救助", "*")})
    assert not is_reviewed(line, {("医疗救助", "p-y")})
