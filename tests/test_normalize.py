import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize import column_width, normalize_text


@pytest.mark.parametrize("raw,expected", [
    ("職工互助保障", "职工互助保障"),
    ("２６萬余名", "26万余名"),
    ("发放慰问金(共计):12,000元;", "发放慰问金（共计）：12,000元；"),
    ('开展"金秋助学"活动', "开展“金秋助学”活动"),
    ("时间10:30开始", "时间10:30开始"),
    ("覆盖 126 家企业", "覆盖126家企业"),
    ("走访困难职工320户\n发放慰问金48万元", "走访困难职工320户\n发放慰问金48万元"),
    ("洮南市总工会\n强基层促创新 提升服务能力\n\n洮北区总工会", "洮南市总工会\n强基层促创新 提升服务能力\n洮北区总工会"),
    ("各项工作成效显著啊啊啊\n本报讯 2023年", "各项工作成效显著啊啊啊\n本报讯2023年"),
    ("a\r\nb", "a\nb"),
    # a page header's count is not joined to the lead's 本 ("1,536本")
    ("浏览次数: 1,536\n本站讯 近日", "浏览次数： 1,536\n本站讯 近日"),
    ("【数说】\n01\n3.2万人次\n参加职工运动会", "【数说】\n01\n3.2万人次\n参加职工运动会"),  # a section number
])
def test_normalize_text_output(raw, expected):
    assert normalize_text(raw).text == expected


COLUMNS = ("本报讯 2023年，洮南市总工会坚\n持以习近平新时代中国特色社会主义思\n想为指导，围绕中心，服务大局，改进\n"
           "作风，主动谋划，以强基层、促创新为\n目标，不断增强工会组织服务职工的能\n力水平。\n")


@pytest.mark.parametrize("tail,expected", [
    ("受众职工1000余人，打造工会服务职\n\n“全国职工书屋示范点”1个", "打造工会服务职“全国职工书屋示范点”1个"),
    ("完成职工互助保障7944人，占年度任务\n的106%", "占年度任务的106%"),
    ("洮南市总工会\n强基层促创新 提升服务能力\n\n洮北区总工会", "洮南市总工会\n强基层促创新 提升服务能力\n洮北区总工会"),
])
def test_normalize_joins_column_breaks(tail, expected):
    text = normalize_text(COLUMNS + tail).text
    assert text.startswith("本报讯2023年，洮南市总工会坚持以习近平新时代中国特色社会主义思想为指导")
    assert text.endswith(expected)


def test_normalize_keeps_breaks_of_free_text():
    post = "【帮扶】\n全年走访慰问困难职工家庭\n\n1,460户\n发放慰问金和物资共计\n219万元\n"
    assert normalize_text(post).text.count("\n") == post.count("\n") - 1


@given(st.text())
def test_normalize_offsets_point_into_raw(raw):
    normalized = normalize_text(raw)
    assert len(normalized.offsets) == len(normalized.text)
    assert list(normalized.offsets) == sorted(set(normalized.offsets))
    assert all(0 <= i < len(raw) for i in normalized.offsets)


@given(st.text(min_size=1))
def test_normalize_span_round_trip(raw):
    normalized = normalize_text(raw)
    if not normalized.text:
        return
    start, end = normalized.to_raw(0, len(normalized.text))
    assert 0 <= start < end <= len(raw)
    assert normalized.to_processing(start, end) == (0, len(normalized.text))


# OCR column lines vary in length (punctuation, quotes): a line of 70 % of the
# column width or more joins the next one; a shorter line with a space inside
# is a headline, a list item or a table row and keeps its break
PAGE = ("本报讯 建党百年之际，齐齐哈尔市机械冶金\n建材工会在全行业开展劳动和技能竞赛，参赛\n"
        "职工1,860人次，126名职工\n通过竞赛晋升技术等级；组织高温岗位的技术\n骨干分3批参加疗休养，共120人，发放疗\n"
        "休养补贴每人800元。各基层工会同步开展职\n工技能比武活动。\n\n")


def test_normalize_joins_short_column_lines_of_running_text():
    text = normalize_text(PAGE).text
    assert "参赛职工1,860人次，126名职工通过竞赛晋升技术等级" in text


def test_normalize_keeps_breaks_after_short_lines_with_spaces():
    text = normalize_text(PAGE + "会费收入　86,420.00元\n拨缴经费收入　1,700.00元\n").text
    assert text.endswith("会费收入86,420.00元\n拨缴经费收入1,700.00元\n")


def test_normalize_joins_a_break_inside_a_union_word():
    # a short lead line keeps its break by width, but no line ends inside 总工会
    text = normalize_text("本报讯 临猗县总工\n会开展“互助保障进万家”活动，\n县总工会全年").text
    assert text.startswith("本报讯 临猗县总工会开展")
    assert "活动，\n县总工会" in text  # a break before a name stays


@pytest.mark.parametrize("raw", ["读懂沙县工会的2023\n\n1,285名", "读懂沙县工会的2023\n1,285名"])
def test_normalize_keeps_a_year_apart_from_the_figure_below_it(raw):
    # "20231,285名" would be a figure with a five-digit first group
    assert normalize_text(raw).text == "读懂沙县工会的2023\n1,285名"


def test_normalize_keeps_the_rows_of_a_statement_in_a_column_page():
    rows = "（三）上级补助收入 312,000.00\n      其中:送温暖补助 120,000.00\n\n二、支出合计 1,295,318.60\n"
    text = normalize_text(COLUMNS + rows).text
    assert text.endswith("312,000.00\n其中：送温暖补助120,000.00\n二、支出合计1,295,318.60\n")


def test_normalize_keeps_a_label_headline_apart_from_its_item():
    page = COLUMNS + "沂水县：电商课堂开到村头\n沂水县总工会联合县商务局开办培训班4期。\n"
    assert "开到村头\n沂水县总工会" in normalize_text(page).text


def test_normalize_keeps_a_table_row_apart_from_the_block_after_a_blank_line():
    rows = "收入合计　19,337,755.50\n\n支出部分\n1. 职工活动支出　8,000.00\n"
    text = normalize_text(COLUMNS + rows).text
    assert "19,337,755.50\n支出部分" in text


def test_normalize_keeps_the_rows_of_a_data_sheet_apart():
    rows = "秦州区总工会：新建5家，服务1.3万人次\n麦积区总工会：新建4家，服务1.1万人次\n"
    text = normalize_text(COLUMNS + rows).text
    assert "1.3万人次\n麦积区总工会：" in text


def test_normalize_keeps_the_phrases_of_a_poster_with_column_like_widths():
    # lines of 12-16 characters, like a narrow column, but phrases without
    # clause marks: each break ends a phrase
    poster = ("暑假将至\n又成了不少双职工家庭的烦恼\n合肥市蜀山区笔架山街道总工会\n今年继续开办暑期托管班\n"
              "辖区企业职工六至十二周岁子女\n联合辖区三所中小学的老师\n开设书法编程心理健康等课程9项\n"
              "去年托管班共接收职工子女86名\n街道总工会投入约4.5万元\n")
    assert column_width(poster) == 0
    assert normalize_text(poster).text == poster
