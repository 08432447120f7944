"""Programme candidate features that carry a report's theme to its bare paragraphs."""

import pytest
import spacy

from pipeline.linking import DocContext, programme_candidates


@pytest.fixture
def char_nlp():
    return spacy.blank("zh")  # character segmenter: no pkuseg needed


def _doc(nlp, text, entities):
    doc = nlp.make_doc(text)
    spans, position = [], 0
    for surface, label in entities:
        start = text.index(surface, position)
        position = start + len(surface)
        spans.append(doc.char_span(start, position, label=label))
    doc.ents = spans
    doc._.processing_text = text
    return doc


def _union_feature(context, metric, key):
    from pipeline.linking import union_candidates

    return {name: f[key] for name, _, f in union_candidates(context, metric)}


def _features(doc, metric_text):
    context = DocContext.build(doc)
    metric = next(m for m in context.metrics if m.text == metric_text)
    return {p.text: f for p, f in programme_candidates(context, metric)}


def test_linking_one_programme_report_covers_its_bare_paragraphs(char_nlp):
    text = "本报讯 县总工会开展金秋助学活动，发放助学金15万元。\n另为困难职工子女35人送去文具。"
    doc = _doc(char_nlp, text, [("金秋助学", "PROGRAM"), ("15万元", "MONEY"), ("35人", "HEADCOUNT")])
    features = _features(doc, "35人")["金秋助学"]
    assert features["only_name"] == 1.0
    assert features["only_name_bare_paragraph"] == 1.0
    assert features["name_share"] == 1.0


def test_linking_name_share_counts_repeats_across_quote_marks(char_nlp):
    text = "本报讯 开展“金秋助学”和夏送清凉，金秋助学发放15万元。"
    doc = _doc(char_nlp, text, [("金秋助学", "PROGRAM"), ("夏送清凉", "PROGRAM"),
                                ("金秋助学", "PROGRAM"), ("15万元", "MONEY")])
    features = _features(doc, "15万元")
    assert features["金秋助学"]["name_share"] == 2 / 3
    assert features["金秋助学"]["most_named"] == 1.0
    assert features["夏送清凉"]["most_named"] == 0.0
    assert features["夏送清凉"]["only_name"] == 0.0


def test_linking_a_union_heading_an_item_with_a_colon_owns_it(char_nlp):

    text = "本报讯 省总工会梳理各地做法。\n一、甲市总工会：发放慰问金216万元。\n二、乙市总工会：首评工匠20名。"
    doc = _doc(char_nlp, text, [("省总工会", "UNION"), ("甲市总工会", "UNION"), ("216万元", "MONEY"),
                                ("乙市总工会", "UNION"), ("20名", "HEADCOUNT")])
    context = DocContext.build(doc)
    metric = next(m for m in context.metrics if m.text == "20名")
    heads = _union_feature(context, metric, "item_head")
    assert heads == {"省总工会": 0.0, "甲市总工会": 0.0, "乙市总工会": 1.0}


def test_linking_an_item_head_owns_its_item_through_a_later_short_form(char_nlp):

    text = "本报讯 黑龙江省总工会梳理各地做法。\n一、齐齐哈尔市总工会：温暖\n入冬后，市总工会新建司机之家9个。"
    doc = _doc(char_nlp, text, [("黑龙江省总工会", "UNION"), ("齐齐哈尔市总工会", "UNION"),
                                ("市总工会", "UNION"), ("9个", "COUNT")])
    context = DocContext.build(doc)
    metric = next(m for m in context.metrics if m.text == "9个")
    heads = _union_feature(context, metric, "item_head")
    assert heads == {"黑龙江省总工会": 0.0, "齐齐哈尔市总工会": 1.0}


def test_linking_a_programme_titling_its_line_item_is_marked(char_nlp):
    text = "二、维权\n1. 工资集体协商。全区签订合同1,150份。\n2. 职工法律服务。接待咨询520人次。"
    doc = _doc(char_nlp, text, [("工资集体协商", "PROGRAM"), ("1,150份", "COUNT"),
                                ("职工法律服务", "PROGRAM"), ("520人次", "HEADCOUNT")])
    features = _features(doc, "520人次")
    assert features["职工法律服务"]["item_title_same_line"] == 1.0
    assert features["工资集体协商"]["item_title_same_line"] == 0.0  # an earlier item


def test_linking_a_paragraph_referring_back_is_marked(char_nlp):
    text = "市总工会开展冬送温暖活动，筹集资金200万元。\n活动期间，还为126名劳模送去慰问金。"
    doc = _doc(char_nlp, text, [("冬送温暖", "PROGRAM"), ("200万元", "MONEY"), ("126名", "HEADCOUNT")])
    assert _features(doc, "126名")["冬送温暖"]["refers_back"] == 1.0
    assert _features(doc, "200万元")["冬送温暖"]["refers_back"] == 0.0


def test_linking_a_source_line_names_the_author_of_a_body_opening_with_figures(char_nlp):
    text = "数说2022｜浙江工会年度关键数字\n来源：浙江省总工会\n· 会员总数1146万名\n· 湖州市总工会：发放红包1,800万元"
    doc = _doc(char_nlp, text, [("浙江省总工会", "UNION"), ("1146万名", "HEADCOUNT"),
                                ("湖州市总工会", "UNION"), ("1,800万元", "MONEY")])
    assert list(DocContext.build(doc).subjects.values()) == ["浙江省总工会"]


def test_linking_a_source_line_is_not_the_subject_of_a_body_naming_a_union_first(char_nlp):
    text = "来源：浙江省总工会\n湖州市总工会近日发放红包1,800万元。"
    doc = _doc(char_nlp, text, [("浙江省总工会", "UNION"), ("湖州市总工会", "UNION"),
                                ("1,800万元", "MONEY")])
    assert list(DocContext.build(doc).subjects.values()) == ["湖州市总工会"]


@pytest.mark.parametrize("text,union,figure,item_head", [
    ("分区县看：\n岳麓区——岳麓区总工会办结案件47件。", "岳麓区总工会", "47件", 0.0),  # label + dash
    ("各地做法：\n【图们】图们市总工会慰问230人。", "图们市总工会", "230人", 0.0),
    ("现通报如下。\n四、曲水县总工会\n走访慰问困难职工58户。", "曲水县总工会", "58户", 1.0),  # alone
    ("关爱劳模\n泊头 泊头市总工会为86名劳模体检。", "泊头市总工会", "86名", 0.0),  # label + space
])
def test_linking_a_union_opening_a_labelled_line_heads_its_item(char_nlp, text, union, figure,
                                                                 item_head):
    from pipeline.linking import union_candidates

    doc = _doc(char_nlp, text, [(union, "UNION"), (figure, "HEADCOUNT")])
    context = DocContext.build(doc)
    features = union_candidates(context, context.metrics[0])[0][2]
    assert features["line_start"] == 1.0 and features["subject_position"] == 1.0
    assert features["item_head"] == item_head


def test_linking_a_legal_aid_case_is_marked(char_nlp):
    text = ("唐山工会法律援助年度报告\n全年受理法律援助申请612件。\n"
            "案例一：钢厂派遣工讨薪案。公司拖欠工资58万余元。")
    doc = _doc(char_nlp, text, [("法律援助", "PROGRAM"), ("法律援助", "PROGRAM"), ("612件", "COUNT"),
                                ("58万余元", "MONEY")])
    features = _features(doc, "58万余元")["法律援助"]
    assert features["case_item"] == 1.0 and features["case_item_theme"] == 1.0
    assert _features(doc, "612件")["法律援助"]["case_item"] == 0.0


def test_linking_a_blank_line_of_the_raw_text_ends_a_block(char_nlp):
    raw = "参加互助的职工12.6万人\n\n47个\n全区建成的服务站点"
    text = "参加互助的职工12.6万人\n47个\n全区建成的服务站点"
    doc = _doc(char_nlp, text, [("互助", "PROGRAM"), ("12.6万人", "HEADCOUNT"), ("47个", "COUNT"),
                                ("服务站点", "PROGRAM")])
    doc._.raw_text = raw
    doc._.raw_offsets = [i if i <= text.index("\n") else i + 1 for i in range(len(text))]
    features = _features(doc, "47个")
    assert features["互助"]["same_block"] == 0.0  # the block above
    assert features["服务站点"]["same_block"] == 1.0


@pytest.mark.parametrize("label_line", ["【芙蓉】", "■ 芙蓉区", "01 | 芙蓉", "芙蓉——"])
def test_linking_an_item_labelled_with_a_place_names_its_union(char_nlp, label_line):

    text = f"长沙市总工会开展夏送清凉。\n{label_line}\n小分队慰问户外劳动者2600多人次，芙蓉区总工会还设点义诊。"
    doc = _doc(char_nlp, text, [("长沙市总工会", "UNION"), ("2600多人次", "HEADCOUNT"),
                                ("芙蓉区总工会", "UNION")])
    context = DocContext.build(doc)
    labelled = _union_feature(context, context.metrics[0], "item_label_names_it")
    assert labelled == {"长沙市总工会": 0.0, "芙蓉区总工会": 1.0}


def test_linking_a_statement_line_is_not_covered_by_the_line_above(char_nlp):
    text = "区总工会2023年经费收支情况\n送温暖支出346,500元\n业务支出94,502元"
    doc = _doc(char_nlp, text, [("送温暖", "PROGRAM"), ("346,500元", "MONEY"), ("94,502元", "MONEY")])
    assert _features(doc, "94,502元")["送温暖"]["statement_other_line"] == 1.0
    assert _features(doc, "346,500元")["送温暖"]["statement_other_line"] == 0.0


def test_linking_the_place_named_last_before_a_figure_marks_its_union(char_nlp):

    text = "达孜区总工会、林周县总工会联合办班，达孜区培训3期，林周县培训2期。"
    doc = _doc(char_nlp, text, [("达孜区总工会", "UNION"), ("林周县总工会", "UNION"),
                                ("3期", "COUNT"), ("2期", "COUNT")])
    context = DocContext.build(doc)
    for figure, owner in (("3期", "达孜区总工会"), ("2期", "林周县总工会")):
        metric = next(m for m in context.metrics if m.text == figure)
        latest = _union_feature(context, metric, "place_latest")
        assert latest == {n: float(n == owner) for n in ("达孜区总工会", "林周县总工会")}


def test_linking_a_place_inside_a_union_name_is_no_bare_place(char_nlp):

    text = "湟中区总工会、湟源县总工会分别发放38.6万元和22.4万元。"
    doc = _doc(char_nlp, text, [("湟中区总工会", "UNION"), ("湟源县总工会", "UNION"),
                                ("38.6万元", "MONEY")])
    context = DocContext.build(doc)
    named = _union_feature(context, context.metrics[0], "place_in_sentence")
    assert named == {"湟中区总工会": 0.0, "湟源县总工会": 0.0}


def test_linking_an_abbreviation_in_brackets_names_the_union_before_it(char_nlp):
    text = "港九职工权益联合会（职权联）昨日开会。职权联共有属会46个。"
    doc = _doc(char_nlp, text, [("港九职工权益联合会", "UNION"), ("职权联", "UNION"),
                                ("职权联", "UNION"), ("46个", "COUNT")])
    context = DocContext.build(doc)
    assert set(context.union_names.values()) == {"港九职工权益联合会"}
    assert context.subjects[0] == "港九职工权益联合会"


def test_linking_a_figure_whose_clause_repeats_a_programme_head_word_is_marked(char_nlp):
    text = "开展户外劳动者服务站建设，又打造骑士加油站22家；丰台区新建服务站27家。"
    doc = _doc(char_nlp, text, [("户外劳动者服务站", "PROGRAM"), ("骑士加油站", "PROGRAM"),
                                ("22家", "COUNT"), ("27家", "COUNT")])
    features = _features(doc, "27家")
    assert features["户外劳动者服务站"]["echo_head3"] == 1.0
    assert features["骑士加油站"]["echo_head2"] == 0.0
    # the programme's own mention is no echo of itself
    assert _features(doc, "22家")["骑士加油站"]["echo_head2"] == 0.0


def test_linking_the_figures_after_respectively_pair_with_the_listed_programmes(char_nlp):
    text = "送温暖、金秋助学、帮扶三项工作分别投入1386万元、214万元和592万元。"
    doc = _doc(char_nlp, text, [("送温暖", "PROGRAM"), ("金秋助学", "PROGRAM"), ("帮扶", "PROGRAM"),
                                ("1386万元", "MONEY"), ("214万元", "MONEY"), ("592万元", "MONEY")])
    features = _features(doc, "214万元")
    assert features["金秋助学"]["respectively_match"] == 1.0
    assert features["帮扶"]["respectively_match"] == 0.0
    assert features["帮扶"]["respectively_other"] == 1.0


def test_linking_a_legal_aid_case_reaches_the_service_line_named_after_its_figures(char_nlp):
    text = "典型案例：镇总工会接到37名员工求助。镇总工会随即启动法律援助，追回工资。"
    doc = _doc(char_nlp, text, [("37名", "HEADCOUNT"), ("法律援助", "PROGRAM")])
    assert "法律援助" in _features(doc, "37名")


@pytest.mark.parametrize("text,union,figure,gives", [
    ("省总工会资金50万元已到位", "省总工会", "50万元", 1.0),  # the province's money, given
    ("今年县总共投入各类资金86万元", "县总", "86万元", 0.0),  # the county spends its own
])
def test_linking_a_union_spending_money_is_no_giver(char_nlp, text, union, figure, gives):
    doc = _doc(char_nlp, text, [(union, "UNION"), (figure, "MONEY")])
    context = DocContext.build(doc)
    assert list(_union_feature(context, context.metrics[0], "giver_after").values()) == [gives]


@pytest.mark.parametrize("text,figure,programme,reached", [
    ("186万元！楚雄州总工会“金秋助学”圆了1,200个大学梦", "186万元", "金秋助学", True),  # a headline
    ("数字里的一年\n73.2万元。“两节”送温暖投入资金73.2万元。", "73.2万元", "“两节”送温暖", True),
    ("发放慰问金12万元。另据统计，“金秋助学”资助学生30名。", "12万元", "金秋助学", False),
])
def test_linking_a_figure_opening_its_line_reaches_the_sentence_that_captions_it(
        char_nlp, text, figure, programme, reached):
    doc = _doc(char_nlp, text, [(figure, "MONEY"), (programme, "PROGRAM")])
    features = _features(doc, figure)
    assert (programme in features) == reached
    if reached:
        assert features[programme]["caption_after"] == 1.0


@pytest.mark.parametrize("text,union,figure,gift", [
    ("西安市总工会对获评的5家驿站每家奖补2万元。", "西安市总工会", "2万元", 1.0),  # to another unit
    ("县总工会为困难职工发放慰问金2万元。", "县总工会", "2万元", 0.0),  # its own spending
])
def test_linking_a_union_handing_money_to_another_unit_is_marked(char_nlp, text, union, figure,
                                                                  gift):
    doc = _doc(char_nlp, text, [(union, "UNION"), (figure, "MONEY")])
    context = DocContext.build(doc)
    assert _union_feature(context, context.metrics[0], "gift_in_sentence") == {union: gift}


def test_linking_a_title_printed_after_its_article_is_a_candidate(char_nlp):
    text = ("7月以来，集团工会分8批组织一线职工休养。\n今年参加的职工416名。\n"
            "（原标题：《集团工会组织一线职工疗休养》 来源：日报）")
    doc = _doc(char_nlp, text, [("8批", "COUNT"), ("416名", "HEADCOUNT"), ("疗休养", "PROGRAM")])
    features = _features(doc, "416名")["疗休养"]
    assert features["title"] == features["title_after"] == features["title_only_name"] == 1.0


def test_linking_a_headline_is_a_title_but_a_sentence_is_not(char_nlp):
    headline = "县总工会“金秋助学”资助学生56名\n本报讯 县总工会发放助学金15万元。"
    sentence = "本报讯 县总工会开展“金秋助学”活动，发放助学金15万元。"
    for text, expected in ((headline, 1.0), (sentence, 0.0)):
        doc = _doc(char_nlp, text, [("金秋助学", "PROGRAM"), ("15万元", "MONEY")])
        assert _features(doc, "15万元")["金秋助学"]["title"] == expected


def test_linking_respectively_pairs_with_the_list_right_before_it(char_nlp):
    text = "市总工会统筹推进“四季送”，开展“春送岗位”“夏送清凉”，分别投入82万元、210万元。"
    doc = _doc(char_nlp, text, [("四季送", "PROGRAM"), ("春送岗位", "PROGRAM"), ("夏送清凉", "PROGRAM"),
                                ("82万元", "MONEY"), ("210万元", "MONEY")])
    assert _features(doc, "82万元")["春送岗位"]["respectively_match"] == 1.0
    assert _features(doc, "210万元")["夏送清凉"]["respectively_match"] == 1.0
    assert _features(doc, "82万元")["四季送"]["respectively_other"] == 1.0


def test_linking_an_answer_knows_the_programme_its_question_named(char_nlp):
    text = "记者：夏送清凉有什么新亮点？\n何明亮：今年在服务区设了补给点12个。\n记者：金秋助学呢？"
    doc = _doc(char_nlp, text, [("夏送清凉", "PROGRAM"), ("12个", "COUNT"), ("金秋助学", "PROGRAM")])
    assert _features(doc, "12个")["夏送清凉"]["asked"] == 1.0
    text = "县总工会开展夏送清凉。\n今年在服务区设了补给点12个。"
    doc = _doc(char_nlp, text, [("夏送清凉", "PROGRAM"), ("12个", "COUNT")])
    assert _features(doc, "12个")["夏送清凉"]["asked"] == 0.0


def test_linking_an_honoured_unit_named_in_passing_is_marked(char_nlp):
    text = ("本报讯 甲县总工会推进职工之家建设，乙中心工会荣获“模范小家”称号。"
            "向上争取资金143万元。")
    doc = _doc(char_nlp, text, [("甲县总工会", "UNION"), ("乙中心工会", "UNION"), ("143万元", "MONEY")])
    context = DocContext.build(doc)
    features = _union_feature(context, context.metrics[0], "honoured")
    assert features == {"甲县总工会": 0.0, "乙中心工会": 1.0}


def test_linking_a_source_union_is_not_honoured(char_nlp):
    text = "本报讯 记者从甲县总工会获悉，今年发放助学金143万元。"
    doc = _doc(char_nlp, text, [("甲县总工会", "UNION"), ("143万元", "MONEY")])
    context = DocContext.build(doc)
    assert _union_feature(context, context.metrics[0], "honoured") == {"甲县总工会": 0.0}


def test_linking_a_total_after_a_list_of_programmes_marks_the_list_and_the_umbrella(char_nlp):
    text = "县总工会做强“四季送”品牌。开展“春送岗位”“夏送清凉”和金秋助学，共投入资金386万元。"
    doc = _doc(char_nlp, text, [("四季送", "PROGRAM"), ("春送岗位", "PROGRAM"), ("夏送清凉", "PROGRAM"),
                                ("金秋助学", "PROGRAM"), ("386万元", "MONEY")])
    features = _features(doc, "386万元")
    assert features["金秋助学"]["run_member"] == 1.0
    assert features["春送岗位"]["run_member"] == 1.0
    assert features["四季送"]["run_before"] == 1.0


@pytest.mark.parametrize("text", [
    "推进工资集体协商“百日要约”，签订集体合同318份。",  # a modifier and its name
    "开展“春送岗位”“夏送清凉”，分别投入82万元、210万元。",  # 分别: a list of its own
])
def test_linking_a_name_with_its_modifier_or_a_respectively_list_is_no_total_list(char_nlp, text):
    names = [n for n in ("工资集体协商", "百日要约", "春送岗位", "夏送清凉") if n in text]
    figure = next(f for f in ("318份", "82万元") if f in text)
    doc = _doc(char_nlp, text, [*((n, "PROGRAM") for n in names), (figure, "MONEY")])
    assert not any(f.get("run_member") for f in _features(doc, figure).values())


def test_linking_a_topic_sentence_without_figures_is_marked(char_nlp):
    text = "持续推进职工医疗互助。全年参保职工7151人，覆盖单位76家；另有53名会员获赔。"
    doc = _doc(char_nlp, text, [("职工医疗互助", "PROGRAM"), ("7151人", "HEADCOUNT"),
                                ("76家", "COUNT"), ("53名", "HEADCOUNT")])
    assert _features(doc, "76家")["职工医疗互助"]["topic_sentence_short"] == 1.0
    assert _features(doc, "76家")["职工医疗互助"]["semicolon_only"] == 0.0
    text = "开展百日要约，签订合同21份；签订区域性合同，覆盖企业60余家。"
    doc = _doc(char_nlp, text, [("百日要约", "PROGRAM"), ("21份", "COUNT"), ("60余家", "COUNT")])
    features = _features(doc, "60余家")["百日要约"]
    assert features["semicolon_only"] == 1.0
    assert features["topic_sentence"] == 0.0  # its sentence has a figure of its own


def test_linking_the_verb_opening_a_figure_clause_says_new_or_continued_activity(char_nlp):
    text = "新建劳模创新工作室2个，建设培训基地3个，全年发放补贴5万元。"
    doc = _doc(char_nlp, text, [("劳模创新工作室", "PROGRAM"), ("2个", "COUNT"), ("3个", "COUNT"),
                                ("5万元", "MONEY")])
    assert _features(doc, "3个")["劳模创新工作室"]["clause_opens_founding"] == 1.0
    assert _features(doc, "5万元")["劳模创新工作室"]["clause_opens_giving"] == 1.0
    assert "clause_opens_founding" not in _features(doc, "2个")["劳模创新工作室"]


def test_linking_a_holiday_opening_the_figure_sentence_is_marked(char_nlp):
    text = "开展冬送温暖活动。“两节”期间走访困难职工2000人。"
    doc = _doc(char_nlp, text, [("冬送温暖", "PROGRAM"), ("2000人", "HEADCOUNT")])
    assert _features(doc, "2000人")["冬送温暖"]["metric_sentence_holiday"] == 1.0


def test_linking_a_name_right_after_its_modifier_is_the_more_specific(char_nlp):
    text = "落实工资集体协商“百日要约”行动，签订工资集体协商合同113份。"
    doc = _doc(char_nlp, text, [("工资集体协商", "PROGRAM"), ("百日要约", "PROGRAM"), ("113份", "COUNT")])
    features = _features(doc, "113份")
    assert features["工资集体协商"]["modifier_of_next"] == 1.0
    assert features["百日要约"]["named_after_modifier"] == 1.0
