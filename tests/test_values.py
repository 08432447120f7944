import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.values import MetricValue, chinese_to_number, parse_metric, read_metric


@pytest.mark.parametrize("surface,value,approx,high,unit", [
    ("15.73万元", 157300, None, None, "元"),
    ("8万余元", 80000, "more", None, "元"),
    ("近6万元", 60000, "nearly", None, "元"),
    ("1050多万元", 10500000, "more", None, "元"),
    ("14.4316万元", 144316, None, None, "元"),
    ("280万", 2800000, None, None, ""),
    ("1.2亿元", 120000000, None, None, "元"),
    ("3000元至5000元", 3000, "range", 5000, "元"),
    ("1-2万元", 10000, "range", 20000, "元"),
    ("200～300人", 200, "range", 300, "人"),
    ("2500多人次", 2500, "more", None, "人次"),
    ("近百人", 100, "nearly", None, "人"),
    ("上千人次", 1000, "more", None, "人次"),
    ("三千余人", 3000, "more", None, "人"),
    ("一百二十万元", 1200000, None, None, "元"),
    ("近两千万元", 20000000, "nearly", None, "元"),
    ("2.6萬余名", 26000, "more", None, "名"),
    ("近40万人次", 400000, "nearly", None, "人次"),
    ("约10多万元", 100000, "more", None, "元"),
    ("约5万元", 50000, "about", None, "元"),
    ("50人左右", 50, "about", None, "人"),
    ("100名以上", 100, "more", None, "名"),
    ("逾3000人", 3000, "more", None, "人"),
    ("超过500人", 500, "more", None, "人"),
    ("不足20家", 20, "nearly", None, "家"),
    ("达1200人", 1200, None, None, "人"),
    ("126 家", 126, None, None, "家"),
    ("30 余名", 30, "more", None, "名"),
    ("1,200人", 1200, None, None, "人"),
    ("５６．８万元", 568000, None, None, "元"),
    ("512\n人", 512, None, None, "人"),
    ("3千人", 3000, None, None, "人"),
    ("十二个", 12, None, None, "个"),
    ("一百余万元", 1000000, "more", None, "元"),
    ("一次", 1, None, None, "次"),
])
def test_parse_metric_reads_every_form(surface, value, approx, high, unit):
    parsed = parse_metric(surface)
    assert parsed == MetricValue(value, approx, high, unit)


@pytest.mark.parametrize("surface", ["", "工会", "第一", "每人"])
def test_parse_metric_without_number_is_none(surface):
    assert parse_metric(surface) is None


@pytest.mark.parametrize("numeral,value", [
    ("一百二十", 120), ("两千万", 20_000_000), ("百", 100), ("十二", 12),
    ("三千零五", 3005), ("一亿二千万", 120_000_000), ("二〇二三", 2023),
])
def test_chinese_to_number(numeral, value):
    assert chinese_to_number(numeral) == value


@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["元", "人", "家", "人次"]))
def test_parse_metric_arabic_round_trip(number, unit):
    assert parse_metric(f"{number}{unit}").value == number


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["余", "多"]))
def test_parse_metric_wan_more(number, marker):
    parsed = parse_metric(f"{number}万{marker}元")
    assert (parsed.value, parsed.approx) == (number * 10000, "more")


@given(st.text(max_size=30))
def test_parse_metric_never_raises(text):
    parse_metric(text)


@pytest.mark.parametrize("surface,text,value", [
    ("40.21", "单位：万元\n职工活动支出 40.21", 402100),  # a statement's bare figure
    ("40.21", "单位：元\n职工活动支出 40.21", 40.21),
    ("280万", "单位：万元\n争取资金280万", 2800000),  # its own multiplier
    ("40.21", "职工活动支出 40.21", 40.21),  # no unit declared
])
def test_read_metric_values_bare_figures_in_the_declared_unit(surface, text, value):
    assert read_metric(surface, "MONEY", text).value == value
