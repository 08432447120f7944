"""End to end with the shipped pipeline: the seed page and arbitrary input."""


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.records import doc_to_records

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("surface,union,programme,value,approx", [
    ("8万余元", "洮南市总工会", "夏送清凉", 80000, "more"),
    ("1720人", "洮南市总工会", "夏送清凉", 1720, None),
    ("15.73万元", "洮南市总工会", "金秋助学", 157300, None),
    ("2500多人次", "洮北区总工会", "夏送清凉", 2500, "more"),
    ("1978万元", "镇赉县总工会", None, 19780000, None),
    ("2402万元", "通榆县总工会", None, 24020000, None),
    ("4.6万元", "白城经济开发区工会", "职工互助保障", 46000, None),
    ("1万余元", "白城工业园区工会", None, 10000, "more"),
])
def test_pipeline_seed_records(nlp, seed_text, surface, union, programme, value, approx):
    records = {r.text: r for r in doc_to_records(nlp(seed_text))}
    record = records[surface]
    assert (record.union, record.value, record.approx) == (union, value, approx)
    if programme is not None:
        assert record.programme == programme
    assert seed_text[record.start:record.end] == surface


def test_pipeline_extract_accepts_text_path_and_iterable(nlp, seed_text):
    from_path = extract("seeds/", nlp=nlp)
    from_text = extract(seed_text, nlp=nlp)
    from_iterable = extract([seed_text, "县总工会发放慰问金6万元。"], nlp=nlp)
    assert [r.text for r in from_path] == [r.text for r in from_text]
    assert len(from_iterable) == len(from_text) + 1
    assert from_path[0].source.endswith(".txt") and from_text[0].source is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200) | st.text(alphabet="工会总市县万元余多近约人次名家个，。\n “”0123456789", max_size=120))
def test_pipeline_any_text_gives_exact_offsets(nlp, text):
    for record in doc_to_records(nlp(text)):
        assert 0 <= record.start < record.end <= len(text)
        assert text[record.start:record.end] == record.text


def test_records_name_the_union_as_the_report_writes_it(nlp):
    text = "本報訊 2023年，儋州市總工會開展“金秋助學”活動，發放助學金15.73萬元，資助35人。"
    records = doc_to_records(nlp(text))
    assert records and {r.union for r in records} == {"儋州市總工會"}
    assert {r.programme for r in records} == {"金秋助学"}  # programmes: canonical form


@pytest.mark.parametrize("unit,value", [("元", 38760), ("万元", 387600000)])
def test_pipeline_reads_a_statements_bare_figures_in_its_declared_unit(nlp, unit, value):
    text = (f"三厂街道总工会2023年度经费收支情况\n\n单位：{unit}\n\n"
            "一、收入合计 1,386,540.00\n  （一）会费收入 38,760.00\n")
    records = {r.text: r for r in doc_to_records(nlp(text))}
    assert set(records) == {"1,386,540.00", "38,760.00"}
    assert records["38,760.00"].value == value and records["38,760.00"].label == "MONEY"
