import pytest

from pipeline.metric_grammar import find_declared_money, find_metrics
from pipeline.normalize import normalize_text


def _found(raw: str) -> list[tuple[str, str]]:
    text = normalize_text(raw).text
    return [(text[s:e], label) for s, e, label in find_metrics(text)]


@pytest.mark.parametrize("raw,expected", [
    ("投入8万余元走访慰问", [("8万余元", "MONEY")]),
    ("一线职工1720人", [("1720人", "HEADCOUNT")]),
    ("向一线职工夏送清凉2500多人次", [("2500多人次", "HEADCOUNT")]),
    ("开展宣讲活动20场次", [("20场次", "COUNT")]),
    ("价值近6万元", [("近6万元", "MONEY")]),
    ("惠及三千余人", [("三千余人", "HEADCOUNT")]),
    ("争取近两千万元", [("近两千万元", "MONEY")]),
    ("上百人参加", [("上百人", "HEADCOUNT")]),
    ("资助3000元至5000元", [("3000元至5000元", "MONEY")]),
    ("覆盖 126 家企业", [("126家", "COUNT")]),
    ("每人发放慰问金800元", [("800元", "MONEY")]),
    ("约10多万元", [("约10多万元", "MONEY")]),
    ("发出要约 1 420 份", [("1420份", "COUNT")]),  # the offer's 约, an exact figure
    ("当场签约1150人", [("1150人", "HEADCOUNT")]),
    ("物资折合约520万元", [("约520万元", "MONEY")]),  # 折合 + 约
    ("办理理赔7笔，出动救援船3艘、志愿者5组", [("7笔", "COUNT"), ("3艘", "COUNT"), ("5组", "COUNT")]),
])
def test_metric_grammar_finds(raw, expected):
    assert _found(raw) == expected


@pytest.mark.parametrize("raw", [
    "2023年3月15日", "占年度任务的106%", "建筑面积1832平方米", "连续12年", "18至35周岁",
    "第一家", "三等奖", "三种精神", "“两节”期间", "一线职工", "一家汽车销售企业",
    "拨打12351热线", "培训3个月", "党的二十大", "第3期", "五一劳动奖章",
    "三组织联动", "凯里市三棵树镇",
    "缩短至5个工作日", "加快6个百分点",  # durations and percentage points
    "实施二次救助", "二期工程", "第一、二批", "三届五次全委会",  # ordinals
])
def test_metric_grammar_ignores_non_metrics(raw):
    assert _found(raw) == []


STATEMENT = "单位:元\n一、收入合计 1,386,540.00\n  (一)会费收入 38,760.00\n说明:业务支出下降11.2%,2024年3月8日公开。"


def test_metric_grammar_reads_bare_figures_after_a_declared_unit():
    text = normalize_text(STATEMENT).text
    assert [text[s:e] for s, e, _ in find_declared_money(text)] == ["1,386,540.00", "38,760.00"]


def test_metric_grammar_reads_no_bare_figure_without_a_declared_unit():
    text = normalize_text(STATEMENT.replace("单位:元", "")).text
    assert find_declared_money(text) == []
