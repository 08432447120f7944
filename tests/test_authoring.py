from pathlib import Path

import pytest

from pipeline.authoring import AuthoredReport, convert_report
from pipeline.errors import CorpusError


def _report(body: str, union: str | None = "u1") -> AuthoredReport:
    return AuthoredReport(id="t", body=body, default_union=union, path="x.md", line=1)


def test_authoring_computes_offsets_and_relations():
    out = convert_report(_report(
        "[[洮南市总工会|UNION|u1]]在[[金秋助学|PROGRAM|p1]]中发放[[15.73万元|MONEY|157300|-|p1]]，"
        "新增会员[[512\n人|HEADCOUNT|512|-|-]]"))
    text = out["text"]
    assert text == "洮南市总工会在金秋助学中发放15.73万元，新增会员512\n人"
    surfaces = {s["id"]: text[s["start"]:s["end"]] for s in out["spans"]}
    assert surfaces["u1"] == "洮南市总工会" and surfaces["p1"] == "金秋助学"
    assert sorted(r["label"] for r in out["relations"]) == ["PROGRAM_OF", "UNION_OF", "UNION_OF"]


def test_authoring_range_metric():
    out = convert_report(_report("[[工会|UNION|u1]][[3000元至5000元|MONEY|3000~5000|range|-]]"))
    metric = out["spans"][1]
    assert (metric["value"], metric["value_high"], metric["approx"]) == (3000, 5000, "range")


@pytest.mark.parametrize("body", [
    "[[6万元|MONEY|60000|-|p9]][[某工会|UNION|u1]]",  # unknown programme id
    "[[6万元|MONEY|60000|maybe|-]][[某工会|UNION|u1]]",  # bad approx
    "[[6万元|AMOUNT]]",  # unknown label
    "[[6万元|MONEY|60000|-|-]]",  # no union at all
    "[[某工会|UNION|u1]][[某工会|UNION|u1]]",  # duplicate id
])
def test_authoring_rejects_broken_tags(body):
    with pytest.raises(CorpusError):
        convert_report(_report(body))


def test_authoring_source_must_match(tmp_path: Path):
    (tmp_path / "page.txt").write_text("白城市总工会\n", encoding="utf-8")
    report = _report("[[白城市总工会|UNION]]\n", union=None)
    report.source = "page.txt"
    assert convert_report(report, tmp_path)["text"] == "白城市总工会\n"
    report.body = "[[白城市总工会|UNION]]!"
    with pytest.raises(CorpusError):
        convert_report(report, tmp_path)


def test_authoring_check_reports_a_wrong_gold_value(tmp_path: Path, capsys):
    from pipeline.authoring import main

    page = tmp_path / "batch.md"
    header = '### id: t-1\nmeta: {"style": "short_news"}\nunion: u1\n---\n'
    page.write_text(header + "[[某县总工会|UNION|u1]]发放[[8万余元|MONEY|80000|-|-]]。\n",
                    encoding="utf-8")
    assert main([str(page)]) == 1
    assert "8万余元" in capsys.readouterr().out
    page.write_text(header + "[[某县总工会|UNION|u1]]发放[[8万余元|MONEY|80000|more|-]]。\n",
                    encoding="utf-8")
    assert main([str(page)]) == 0
