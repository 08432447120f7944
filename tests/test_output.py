"""The extract command: formats, streaming of huge files, resume, bad files."""

import json
from pathlib import Path

import pytest

from pipeline import output
from pipeline.output import format_table, run_extraction

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def _records(path: Path) -> list[tuple]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(r["source"], r["start"], r["end"], r["text"], r["value"], r["union"]) for r in rows]


def test_output_streaming_chunks_lose_and_duplicate_nothing(nlp, seed_text, tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_text(seed_text * 3, encoding="utf-8")
    whole, chunked = tmp_path / "whole.jsonl", tmp_path / "chunked.jsonl"
    assert run_extraction([big], output_format="jsonl", output=whole) == 0
    monkeypatch.setattr(output, "STREAM_CHARS", 5000)
    assert run_extraction([big], output_format="jsonl", output=chunked) == 0
    # the same metrics, each once, at the same raw offsets with the same values
    assert [r[:5] for r in _records(chunked)] == [r[:5] for r in _records(whole)]
    # a chunk sees less of the page than the whole file: a union decided by a
    # narrow margin may change, but only rarely (README, Known limits)
    changed = sum(a != b for a, b in zip(_records(chunked), _records(whole)))
    assert changed <= len(_records(whole)) // 100
    text = big.read_text(encoding="utf-8")
    assert all(text[start:end] == surface for _, start, end, surface, _, _ in _records(whole))


def test_output_bad_file_costs_one_line_and_the_batch_goes_on(nlp, seed_text, tmp_path, capsys):
    (tmp_path / "good.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "gbk.txt").write_bytes("本报讯 某县总工会发放慰问金6万元。".encode("gbk"))
    result = tmp_path / "out.jsonl"
    code = run_extraction([tmp_path], output_format="jsonl", output=result)
    err = capsys.readouterr().err
    assert code == 1
    assert sum("E202" in line for line in err.splitlines()) == 1
    sources = {row[0] for row in _records(result)}
    assert sources == {str(tmp_path / "good.txt"), str(tmp_path / "gbk.txt")}


def test_output_resume_skips_files_done(nlp, seed_text, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(seed_text, encoding="utf-8")
    result = tmp_path / "out.jsonl"
    run_extraction([folder], output_format="jsonl", output=result)
    first = _records(result)
    (folder / "b.txt").write_text("县总工会发放慰问金6万元。", encoding="utf-8")
    run_extraction([folder], output_format="jsonl", output=result, resume=True)
    second = _records(result)
    assert second[: len(first)] == first and len(second) == len(first) + 1


def test_output_table_lines_up_cjk():
    table = format_table([{"union": "洮南市总工会", "programme": None, "label": "MONEY",
                           "value": 80000, "approx": "more", "text": "8万余元", "start": 1, "end": 5}])
    header, rule, row = table.splitlines()
    assert len(rule.split("  ")) == 8 and row.startswith("洮南市总工会")
