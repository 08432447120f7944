"""Every component: add from config, save/load round trip, scorer keys, registry."""

import pytest
import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from pipeline.pair_classifier import PairClassifier

FACTORIES = ["union_ie_metric_ruler", "union_ie_union_linker",
             "union_ie_programme_linker", "union_ie_records"]


@pytest.mark.parametrize("factory", FACTORIES)
def test_components_factory_resolves_from_config(factory):
    nlp = spacy.blank("zh")
    nlp.add_pipe(factory)
    assert nlp.pipe_names == [factory]
    assert spacy.util.load_model_from_config(nlp.config).pipe_names == [factory]


def test_components_tokenizer_is_registered():
    assert registry.tokenizers.get("union_ie.ReportTokenizer.v1")


def _doc(nlp, words, ents):
    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


@pytest.fixture
def char_nlp():
    return spacy.blank("zh")  # character segmenter: no pkuseg needed


def test_components_metric_ruler_overwrites_clashing_ents(char_nlp):
    ruler = char_nlp.add_pipe("union_ie_metric_ruler")
    doc = char_nlp.make_doc("投入8万余元")
    doc.ents = [Span(doc, 1, 4, label="ORG")]  # 入8万: a wrong NER guess
    doc = ruler(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("8万余元", "MONEY")]


def test_components_metric_ruler_scorer_keys(char_nlp):
    ruler = char_nlp.add_pipe("union_ie_metric_ruler")
    doc = char_nlp.make_doc("投入8万余元")
    reference = char_nlp.make_doc("投入8万余元")
    reference.ents = [Span(reference, 2, 6, label="MONEY")]
    scores = ruler.score([Example(ruler(doc), reference)])
    assert {"ents_p", "ents_r", "ents_f"} <= set(scores) and scores["ents_f"] == 1.0


@pytest.mark.parametrize("factory", ["union_ie_union_linker", "union_ie_programme_linker"])
def test_components_linker_round_trip(char_nlp, tmp_path, factory):
    linker = char_nlp.add_pipe(factory)
    linker.model = PairClassifier({"same_sentence": 2.0, "is_subject": 1.5}, -0.5)
    char_nlp.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert loaded.get_pipe(factory).model.to_dict() == linker.model.to_dict()
    assert loaded.get_pipe(factory).to_bytes() == linker.to_bytes()


TEXT = "本报讯 2023年，洮南市总工会在金秋助学活动中发放15.73万元，资助35人。新增会员512人。"


def _annotated(nlp):
    doc = nlp.make_doc(TEXT)
    spans = []
    for surface, label in [("洮南市总工会", "UNION"), ("金秋助学", "PROGRAM"),
                           ("15.73万元", "MONEY"), ("35人", "HEADCOUNT"), ("512人", "HEADCOUNT")]:
        start = TEXT.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    return doc


def test_components_rule_linkers_and_records(char_nlp):
    for name in ["union_ie_union_linker", "union_ie_programme_linker", "union_ie_records"]:
        char_nlp.add_pipe(name, config={"use_model": False} if "linker" in name else {})
    doc = _annotated(char_nlp)
    for name, proc in char_nlp.pipeline:
        doc = proc(doc)
    rows = {(r["text"], r["union"], r["programme"], r["value"]) for r in doc._.records}
    assert rows == {("15.73万元", "洮南市总工会", "金秋助学", 157300),
                    ("35人", "洮南市总工会", "金秋助学", 35),
                    ("512人", "洮南市总工会", None, 512)}
    for record in doc._.records:
        assert TEXT[record["start"]:record["end"]] == record["text"]


def test_components_linker_scorer_keys(char_nlp):
    linker = char_nlp.add_pipe("union_ie_union_linker", config={"use_model": False})
    predicted = linker(_annotated(char_nlp))
    reference = _annotated(char_nlp)
    reference._.relations = [dict(r) for r in predicted._.relations]
    scores = linker.score([Example(predicted, reference)])
    assert scores["union_of_f"] == 1.0 and {"union_of_p", "union_of_r"} <= set(scores)


@pytest.mark.parametrize("text,span,label,expected", [
    ("由市总工会组织", "市总工会组织", "UNION", "市总工会"),  # trimmed to the federation
    ("闽宁工会协作结出新硕果", "闽宁工会", "UNION", None),  # a modifier, not a body
    ("下半年市总工会还将新建", "下半年市总工会", "UNION", "市总工会"),  # a time word before it
    ("命名浙江大东吴集团有限公司工会等30家", "命名浙江大东吴集团有限公司工会", "UNION",
     "浙江大东吴集团有限公司工会"),  # the verb before a named body
    ("（同期声）宝鸡石油机械有限责任公司钳工", "期声）宝鸡石油机械有限责任公司", "ORG",
     "宝鸡石油机械有限责任公司"),  # a bracketed label before the name
    ("发布会答问摘登\n\n鞍钢集团工会副主席", "发布会答问摘登\n\n鞍钢集团工会", "UNION", "鞍钢集团工会"),
    ("湛江港（集团）股份有限公司工会", "湛江港（集团）股份有限公司工会", "UNION",
     "湛江港（集团）股份有限公司工会"),  # brackets inside the name
    ("由车队组织", "车队组织", "UNION", None),  # not a union ending
    ("由市总工会组织", "市总工会", "UNION", "市总工会"),
    ("洮北区总工会奋力开创工会", "洮北区总工会奋力开创工会", "UNION", "洮北区总工会"),
    ("开展“夏送清凉”活动", "“夏送清凉”", "PROGRAM", "夏送清凉"),  # quotes trimmed
    ("投入资金。开展活动", "资金。开展", "PROGRAM", None),  # crosses a sentence end
    ("说：“夜班下来能歇一会儿”", "夜班下来能", "PROGRAM", None),  # a piece of a quotation
    ("在“两节”送温暖中", "两节”送温暖", "PROGRAM", "两节”送温暖"),
    ("深入一线", "一线", "COUNT", None),  # no number to read
    ("明年市机械冶金建材工会将", "明年市机械冶金建材工会", "UNION", "市机械冶金建材工会"),
    ("满洲里：口岸货车司机收到工会“暖心包”", "口岸货车司机收到工会", "UNION", None),  # a clause
    ("“要不是工会，这钱还拿不回来。”", "要不是工会", "UNION", None),  # a worker's words
    ("在山南市中级人民法院设立工会调解工作室", "山南市中级人民法院设立工会", "UNION", None),
    ("东街街道工联会：小阵地", "东街街道工联会", "UNION", "东街街道工联会"),
    ("半年成绩单丨叙州区总工会上半年", "半年成绩单丨叙州区总工会", "UNION", "叙州区总工会"),  # a column title
    ("由集团公司和集团工会承担", "集团公司和集团工会", "UNION", "集团工会"),  # two bodies
    ("西宁市各区县工会走访", "西宁市各区县工会", "UNION", None),  # several unions at once
    ("龙沙区两级工会发放", "龙沙区两级工会", "UNION", None),
    ("全省市地工会发放", "市地工会", "UNION", None),  # cities and prefectures
    ("基层站段工会同步开展", "基层站段工会", "UNION", None),
    ("市人力资源和社会保障局工会组织", "市人力资源和社会保障局工会", "UNION", "市人力资源和社会保障局工会"),
    ("3. 众包骑手意外伤害理赔案。", "众包骑手意外伤害理赔案", "PROGRAM", None),  # a case title
    ("让胡路区新添6家驿站", "让胡路区", "PROGRAM", None),  # a place
    ("到区职工服务中心一楼咨询", "职工服务中心", "PROGRAM", None),  # a venue
    ("并叮嘱中铁建工集团项目", "叮嘱中铁建工集团", "ORG", "中铁建工集团"),  # a verb before it
    ("另有长虹集团、九洲集团", "有长虹集团", "ORG", "长虹集团"),  # a word of the clause
    ("泊头 泊头市总工会为全市86名劳模体检", "泊头 泊头市总工会", "UNION", "泊头市总工会"),  # a label
    ("望奎讯 县总工会年内为9家企业", "望奎讯 县总工会", "UNION", "县总工会"),  # a dateline
    ("奋力谱写盘州工会高质量发展新篇章", "奋力谱写盘州工会", "UNION", None),  # a slogan
    ("今年新增工会会员2.3万余名", "新增工会", "UNION", None),  # a clause
    ("联合辖区金鹰商贸集团共建", "辖区金鹰商贸集团", "ORG", "金鹰商贸集团"),
    ("我代表集团工会向大家表示感谢", "代表集团工会", "UNION", "集团工会"),
    ("联合工会发放", "联合工会", "UNION", "联合工会"),
    ("（摘自北京经济技术开发区总工会工作报告）", "摘自北京经济技术开发区总工会", "UNION",
     "北京经济技术开发区总工会"),  # a source line
    ("新建儋州市快递行业联合工会等", "新建儋州市快递行业联合工会", "UNION", "儋州市快递行业联合工会"),
    ("新建区总工会组织", "新建区总工会", "UNION", "新建区总工会"),  # a district of Nanchang
    ("新建楼宇联合工会3个", "楼宇联合工会", "UNION", None),  # a kind counted
    ("四季度，产业工会将", "四季度，产业工会", "UNION", "产业工会"),  # a clause before it
    ("天心区——天心区总工会与", "天心区——天心区总工会", "UNION", "天心区总工会"),  # a label
    ("马建国（陇原石化公司车间工会主席）", "马建国（陇原石化公司车间工会", "UNION", "陇原石化公司车间工会"),
    ("2023年分公司工会将", "年分公司工会", "UNION", "分公司工会"),
    ("按照集团工会确定的标准", "按照集团工会", "UNION", "集团工会"),
    ("当雄县总工会设立", "当雄县总工会", "UNION", "当雄县总工会"),  # a place, not a verb
    ("一家外资电子厂的工会账本", "一家外资电子厂的工会", "UNION", None),  # a description
    ("各生产车间工会轮流牵头", "生产车间工会", "UNION", None),  # several
    ("青岛区市工会发放", "青岛区市工会", "UNION", None),
    ("各设区市总工会也把疗休养", "市总工会", "UNION", None),  # 各 + a kind of place
    ("各区县总工会同步选树", "县总工会", "UNION", None),
    ("翔安6个区总工会同步开展", "区总工会", "UNION", None),  # counted
    ("各级工会在省总工会带领下", "省总工会", "UNION", "省总工会"),  # 各 belongs to another name
    ("区总工会为6家企业", "区总工会", "UNION", "区总工会"),
    ("开展“护薪”行动", "护薪”行动", "PROGRAM", "护薪"),  # the head stays outside
    ("推进职工医疗互助保障工作", "职工医疗互助", "PROGRAM", "职工医疗互助保障"),  # the whole name
    ("分批赴阿勒泰疗休养", "阿勒泰疗休养", "PROGRAM", "疗休养"),  # the place stays outside
    ("推荐吉林省工人先锋号1个", "吉林省工人先锋号", "PROGRAM", "吉林省工人先锋号"),  # an honour keeps it
    ("参加“春训”技能培训", "春训”技能培训", "PROGRAM", "春训"),
    ("开展“小候鸟”暑期托管班", "小候鸟”暑期托管班", "PROGRAM", "小候鸟”暑期托管班"),
    ("命名县级模范职工之家14家", "县级模范职工之家", "PROGRAM", "模范职工之家"),  # level word
    ("落实县级工会加强年", "县级工会加强年", "PROGRAM", "县级工会加强年"),  # not a title
    ("以“品读经典 奋进新征程”为主题", "品读经典 奋进新征程", "PROGRAM", None),  # a theme
    ("以“当好主人翁、建功新时代”为主题", "当好主人翁、建功新时代", "PROGRAM", None),
    ("以“女职工关爱行动”为主题", "女职工关爱行动", "PROGRAM", "女职工关爱行动"),  # one phrase
    ("开展“中国梦·劳动美”主题宣讲", "中国梦·劳动美", "PROGRAM", "中国梦·劳动美"),  # a campaign's name
    ("启动“两节”走访慰问", "两节”走访慰问", "PROGRAM", None),  # a holiday is a time
    ("开展“四季送·春送岗位”招聘", "四季送·春送岗位", "PROGRAM", "春送岗位"),  # the specific one
    ("打造“吴兴·暖心驿站”", "吴兴·暖心驿站", "PROGRAM", "吴兴·暖心驿站"),  # a local brand stays whole
    ("开展“当好主人翁 建功新时代”劳动竞赛", "当好主人翁 建功新时代", "PROGRAM", "当好主人翁 建功新时代"),
])
def test_components_entity_guard(char_nlp, text, span, label, expected):
    guard = char_nlp.add_pipe("union_ie_entity_guard")
    doc = char_nlp.make_doc(text)
    start = text.index(span)
    doc.ents = [doc.char_span(start, start + len(span), label=label)]
    doc = guard(doc)
    assert [e.text for e in doc.ents] == ([] if expected is None else [expected])


def test_components_boosted_programme_linker_round_trip(char_nlp, tmp_path):
    from pipeline.pair_classifier import BoostedPairClassifier

    features = [{"same_sentence": float(i % 2), "log_chars": float(i % 7)} for i in range(60)]
    labels = [i % 2 for i in range(60)]
    linker = char_nlp.add_pipe("union_ie_programme_linker")
    linker.model = BoostedPairClassifier().fit(features, labels)
    linker.threshold = 0.4
    char_nlp.to_disk(tmp_path)
    loaded = spacy.load(tmp_path).get_pipe("union_ie_programme_linker")
    assert loaded.threshold == 0.4
    assert loaded.model.predict_proba(features) == linker.model.predict_proba(features)
    probabilities = linker.model.predict_proba(features)
    assert all((p > 0.5) == bool(y) for p, y in zip(probabilities, labels))


def test_components_boosted_union_linker_round_trip(char_nlp, tmp_path):
    from pipeline.pair_classifier import BoostedPairClassifier

    features = [{"is_subject": float(i % 2), "log_chars": float(i % 5)} for i in range(60)]
    labels = [i % 2 for i in range(60)]
    linker = char_nlp.add_pipe("union_ie_union_linker")
    linker.model = BoostedPairClassifier().fit(features, labels)
    char_nlp.to_disk(tmp_path)
    loaded = spacy.load(tmp_path).get_pipe("union_ie_union_linker")
    assert loaded.model.predict_proba(features) == linker.model.predict_proba(features)
    restored = char_nlp.get_pipe("union_ie_union_linker").from_bytes(linker.to_bytes())
    assert restored.model.predict_proba(features) == linker.model.predict_proba(features)


@pytest.mark.parametrize("text,expected", [
    ("他们的“夏送清凉”慰问活动", []),  # 慰问 stands between: not the head cue
    ("开展“夏送清凉”活动", ["夏送清凉"]),
    ("启动“护薪”专项行动", ["护薪"]),
    ("他说“谢谢”。", []),
    # an activity verb before the quotation
    ("县总工会开展“互助保障进万家”，", ["互助保障进万家"]),
    ("被授予“技术能手”称号", []),  # a title, not counted
    ("开展“两节”送温暖", []),  # 两节 is the time (section 6)
    # a contest after it, a figure right after it
    ("举办第三届“尼山杯”导游讲解员技能大赛", ["尼山杯"]),
    ("其中“楼宇白领运动汇”120.00万元", ["楼宇白领运动汇"]),
    ("发放“暖心包”6,000份", []),  # a gift pack
    # a programme's head inside the quotation, a plan after it
    ("中午回到游客中心旁的“导游之家”，", ["导游之家"]),
    ("获评“东莞市模范职工之家”。", []),  # a title, not counted
    ("“12351热线”全年接听", []),  # a number
    ("(一)“码上健康”护航计划。", ["码上健康"]),
])
def test_components_quoted_programmes(char_nlp, text, expected):
    ruler = char_nlp.add_pipe("union_ie_quoted_programmes")
    doc = ruler(char_nlp.make_doc(text))
    assert [e.text for e in doc.ents] == expected


@pytest.mark.parametrize("text,expected", [
    ("推荐选树吉林省工人先锋号1个", ["吉林省工人先锋号"]),  # the level as written
    ("工人先锋号的故事", []),  # not counted
    ("命名“芜湖市金融系统工人先锋号”12个", ["芜湖市金融系统工人先锋号"]),  # its own brand
    ("评选首届“宜昌工匠”10名", ["宜昌工匠"]),
    ("推荐全国优秀工会工作者1人", ["全国优秀工会工作者"]),
    ("慰问“大国工匠”的家属", []),  # quoted but not counted
    ("评选“岗位标兵、创新标兵”50名", ["创新标兵"]),  # two honours: not one name
])
def test_components_counted_honours(char_nlp, text, expected):
    ruler = char_nlp.add_pipe("union_ie_quoted_programmes")
    doc = ruler(char_nlp.make_doc(text))
    assert [e.text for e in doc.ents] == expected


@pytest.mark.parametrize("text,found,expected", [
    # a full name takes the place names written before it
    ("7月以来，黄石市下陆区团城山街道总工会启动", "团城山街道总工会", "黄石市下陆区团城山街道总工会"),
    # but not a stretch that is not places
    ("当天，白城市举办洮北区总工会", "洮北区总工会", "洮北区总工会"),
    ("近日，洮南市总工会开展", "洮南市总工会", "洮南市总工会"),
    # and its own committee (ANNOTATION 7.22)
    ("福州市直机关工会工作委员会围绕", "福州市直机关工会", "福州市直机关工会工作委员会"),
    ("经厅机关工会委员会审议", "厅机关工会", "厅机关工会委员会"),
    # a place whose name holds 和 (共和县, 和平区), but not 和 between two unions
    ("春节前后，共和县总工会举办", "县总工会", "共和县总工会"),
    ("天津市和平区总工会开展", "区总工会", "天津市和平区总工会"),
    ("市总工会和县总工会联合举办", "县总工会", "县总工会"),
    # a place under its newer level (无为县 became 无为市), whose name holds 为
    ("慰问612户；无为市总工会慰问438户", "市总工会", "无为市总工会"),
])
def test_components_union_repair_extends_over_places(char_nlp, text, found, expected):
    repair = char_nlp.add_pipe("union_ie_union_repair")
    doc = char_nlp.make_doc(text)
    start = text.index(found)
    doc.ents = [doc.char_span(start, start + len(found), label="UNION")]
    assert [e.text for e in repair(doc).ents if e.label_ == "UNION"] == [expected]


def test_components_a_short_form_takes_the_union_its_paragraph_named(char_nlp):
    from pipeline.linking import DocContext

    text = "章贡区总工会举办招聘会。\n南康区总工会开展培训。区总工会还为88名职工发放补贴。"
    doc = char_nlp.make_doc(text)
    short = text.rindex("区总工会")
    doc.ents = [doc.char_span(text.index(u), text.index(u) + len(u), label="UNION")
                for u in ("章贡区总工会", "南康区总工会")] + [
        doc.char_span(short, short + 4, label="UNION")]
    context = DocContext.build(doc)
    assert context.union_names[short] == "南康区总工会"


@pytest.mark.parametrize("turn,speaker", [
    ("兰山区总工会主席孙浩：今年建了11个驿站。", "兰山区总工会"),  # named in the label
    ("张玉梅：今年建了11个驿站。", "沂南县总工会"),  # introduced before with her union
    ("主持人：今年建了11个驿站。", None),  # no union's speaker
])
def test_components_union_candidates_know_the_speaker_of_a_turn(char_nlp, turn, speaker):
    from pipeline.linking import DocContext, union_candidates

    text = "临沂市总工会召开发布会。\n请沂南县总工会主席张玉梅回答。\n" + turn
    doc = char_nlp.make_doc(text)
    spans = [(u, "UNION") for u in ("临沂市总工会", "沂南县总工会", "兰山区总工会") if u in text]
    doc.ents = [doc.char_span(text.index(t), text.index(t) + len(t), label=lab) for t, lab in spans] + [
        doc.char_span(text.index("11个"), text.index("11个") + 3, label="COUNT")]
    context = DocContext.build(doc)
    features = {name: f for name, _, f in union_candidates(context, context.metrics[0])}
    assert [name for name, f in features.items() if f["speaker"]] == ([speaker] if speaker else [])


def test_components_union_candidates_see_a_nearer_actor(char_nlp):
    from pipeline.linking import DocContext, union_candidates

    text = "唐山市总工会全年办案。迁安市总工会办理案件86件；遵化市总工会办理案件54件。"
    doc = char_nlp.make_doc(text)
    spans = [("唐山市总工会", "UNION"), ("迁安市总工会", "UNION"), ("遵化市总工会", "UNION"),
             ("86件", "COUNT"), ("54件", "COUNT")]
    doc.ents = [doc.char_span(text.index(t), text.index(t) + len(t), label=lab)
                for t, lab in spans]
    context = DocContext.build(doc)
    metric = next(m for m in context.metrics if m.text == "54件")
    features = {name: f for name, _, f in union_candidates(context, metric)}
    assert features["唐山市总工会"]["other_actor_sentence"] == 1.0
    assert features["遵化市总工会"]["actor_nearest_sentence"] == 1.0
    assert features["遵化市总工会"]["other_actor_sentence"] == 0.0


def test_components_union_repair_reads_a_lead_federation(char_nlp):
    # nothing found: the lead's place + 工会联合总会 is read as the subject union
    repair = char_nlp.add_pipe("union_ie_union_repair")
    doc = char_nlp.make_doc("澳门工会联合总会日前召开会员代表大会，全年总收入4,862.3万元。")
    assert [e.text for e in repair(doc).ents if e.label_ == "UNION"] == ["澳门工会联合总会"]


def test_components_union_repair_names_a_unit_union_after_a_lead_in(char_nlp):
    # the NER found only 集团工会; the name runs back to 从, not to the sentence start
    repair = char_nlp.add_pipe("union_ie_union_repair")
    text = "记者近日从冀中能源峰峰集团工会获悉，集团工会投入资金近90万元。"
    doc = char_nlp.make_doc(text)
    start = text.rindex("集团工会")
    doc.ents = [doc.char_span(start, start + 4, label="UNION")]
    assert next(e.text for e in repair(doc).ents if e.label_ == "UNION") == "冀中能源峰峰集团工会"


@pytest.mark.parametrize("text,found,expected", [
    # nothing found: a unit's name + unit word + 工会 is read back to the nearest stop
    ("，外国语学院分工会开设周末亲子阅读班", None, "外国语学院分工会"),
    ("今年，炼油运行一部工会在6个班组", None, "炼油运行一部工会"),
    # the NER's piece inside the name is replaced
    ("记者日前从湛江港（集团）股份有限公司工会获悉", "股份有限公司工会", "湛江港（集团）股份有限公司工会"),
    ("全市新建楼宇联合工会3个", None, None),  # a kind counted, not a union
])
def test_components_union_repair_reads_unit_unions(char_nlp, text, found, expected):
    repair = char_nlp.add_pipe("union_ie_union_repair")
    doc = char_nlp.make_doc(text)
    if found:
        start = text.index(found)
        doc.ents = [doc.char_span(start, start + len(found), label="UNION")]
    unions = [e.text for e in repair(doc).ents if e.label_ == "UNION"]
    assert unions == ([] if expected is None else [expected])


def test_components_union_repair_reads_a_national_union_committee(char_nlp):
    repair = char_nlp.add_pipe("union_ie_union_repair")
    text = "中国海员建设工会海南港航控股有限公司委员会组织船员疗休养120人。"
    doc = char_nlp.make_doc(text)
    doc.ents = [doc.char_span(0, 8, label="UNION")]
    assert [e.text for e in repair(doc).ents] == ["中国海员建设工会海南港航控股有限公司委员会"]
    doc.ents = [doc.char_span(0, 8, label="UNION"), doc.char_span(8, 21, label="ORG")]
    assert [e.text for e in repair(doc).ents] == ["中国海员建设工会海南港航控股有限公司委员会"]


def test_components_union_repair_joins_no_organization_to_a_union_across_a_verb(char_nlp):
    repair = char_nlp.add_pipe("union_ie_union_repair")
    text = "在山南市中级人民法院设立工会调解工作室"
    doc = char_nlp.make_doc(text)
    doc.ents = [doc.char_span(1, 10, label="ORG")]
    assert [(e.text, e.label_) for e in repair(doc).ents] == [("山南市中级人民法院", "ORG")]


def test_components_union_repair_reads_a_place_led_name_after_a_preposition(char_nlp):
    repair = char_nlp.add_pipe("union_ie_union_repair")
    text = "记者日前从天津滨海高新技术产业开发区总工会获悉"
    doc = char_nlp.make_doc(text)
    doc.ents = [doc.char_span(5, 15, label="ORG"), doc.char_span(17, 21, label="UNION")]
    assert [e.text for e in repair(doc).ents] == ["天津滨海高新技术产业开发区总工会"]


@pytest.mark.parametrize("text,expected", [
    ("援助律师代理诉讼，海口市龙华区人民法院判决", ["海口市龙华区人民法院"]),  # place-led
    ("位于华苑产业区的天津曙光精测仪器有限公司，去年", ["天津曙光精测仪器有限公司"]),
    ("组织大连医科大学附属第一医院专家义诊", ["大连医科大学附属第一医院"]),  # the longest
    ("向烟台海港物流集团有限公司工会拨付", []),  # a union's name
    ("全市中小学教师", []),  # no proper name
    ("为岳阳林纸、巴陵石化等18家重点企业送去水饺", ["岳阳林纸", "巴陵石化"]),  # listed examples
    # two characters outside the platform lexicon could be a kind (石化), not a name
    ("组织港籍职工走进华为、比亚迪等企业参访", ["比亚迪"]),
    ("在星海路、中央大街等楼宇周边", []),  # places, not bodies
    ("向石化、造纸等企业", []),  # kinds of industry
])
def test_components_organization_names(char_nlp, text, expected):
    component = char_nlp.add_pipe("union_ie_organizations")
    doc = component(char_nlp.make_doc(text))
    assert [e.text for e in doc.ents] == expected


@pytest.mark.parametrize("text,span,label,expected", [
    ("南宁建宁水务投资集团有限责任公司工会的2023", "南宁建宁水务投资集团有限责任公司工会", "PROGRAM", "UNION"),
    ("命名沧州市模范乡镇工会", "沧州市模范乡镇工会", "PROGRAM", "PROGRAM"),  # an honour
    ("2023年省直机关工会工委把", "省直机关工会工委", "UNION", "UNION"),
    ("我在电商公司当工会主席", "电商公司当工会", "UNION", None),  # a clause
])
def test_components_entity_guard_labels(char_nlp, text, span, label, expected):
    guard = char_nlp.add_pipe("union_ie_entity_guard")
    doc = char_nlp.make_doc(text)
    start = text.index(span)
    doc.ents = [doc.char_span(start, start + len(span), label=label)]
    assert [e.label_ for e in guard(doc).ents] == ([] if expected is None else [expected])


@pytest.mark.parametrize("text,figure,kept", [
    ("发出要约210份，签订集体合同188份。", "约210份", "210份"),  # the offer's 约
    ("前20名被授予安全标兵称号。", "20名", None),  # a rank
    ("排名第3名，较上年前移2位。", "3名", None),  # an ordinal rank
    ("较上年前移2位。", "2位", None),  # a change of rank
    ("较去年同期加快6个百分点。", "6个", None),  # a rate
    ("目前300人已参保。", "300人", "300人"),
    ("7月1日9:30起报名。", "30起", None),  # a starting time
    ("4/5 场外还有开放日。", "5 场", None),  # a post's place in its thread
    ("数字2：12个。", "12个", "12个"),  # a label and its figure
    ("来源：县总工会  浏览次数：1268次", "1268次", None),  # the page's own counter
    ("直播带岗6期，线上观看3万人次", "3万人次", "3万人次"),  # viewers of the union's event
])
def test_entity_guard_reads_figures_next_to_ranks_offers_and_rates(text, figure, kept):
    from pipeline.components.entity_guard import guard_entity

    nlp = spacy.blank("zh")
    doc = nlp.make_doc(text)
    start = text.index(figure)
    span = doc.char_span(start, start + len(figure), label="COUNT" if figure[-1] in "份个" else "HEADCOUNT",
                         alignment_mode="strict")
    guarded = guard_entity(span, text)
    assert (guarded.text if guarded is not None else None) == kept


@pytest.mark.parametrize("text,orgs,expected", [
    # a workers' association named without 工会 is a union, also where the NER read an ORG
    ("港九劳工社团联会（劳联）昨日举办博览会", ["港九劳工社团联会"], ["港九劳工社团联会", "劳联"]),
    ("工联属会澳门餐饮业职工会同步开办进修班", [], ["澳门餐饮业职工会"]),
    # but not a congress of workers or a chamber of commerce
    ("县职工代表大会召开，市工商业联合会参加", ["市工商业联合会"], []),
])
def test_components_union_repair_reads_workers_associations(char_nlp, text, orgs, expected):
    repair = char_nlp.add_pipe("union_ie_union_repair")
    doc = char_nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(o), text.index(o) + len(o), label="ORG") for o in orgs]
    assert [e.text for e in repair(doc).ents if e.label_ == "UNION"] == expected


def test_components_programme_linker_pairs_the_figures_after_respectively(char_nlp):
    # a model that only likes the nearest programme would give all three
    # figures to 冬送温暖; the 分别 list pairs them in order
    text = "县总工会开展夏送清凉、金秋助学和冬送温暖，分别投入资金6万元、21万元和73万元。"
    linker = char_nlp.add_pipe("union_ie_programme_linker", config={"threshold": 0.5})
    linker.model = PairClassifier({"rank_b0": 3.0}, -1.0)
    doc = char_nlp.make_doc(text)
    entities = [("县总工会", "UNION"), ("夏送清凉", "PROGRAM"), ("金秋助学", "PROGRAM"),
                ("冬送温暖", "PROGRAM"), ("6万元", "MONEY"), ("21万元", "MONEY"), ("73万元", "MONEY")]
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label)
                for s, label in entities]
    doc._.processing_text = text
    doc = linker(doc)
    pairs = {text[r["head"][0]:r["head"][1]]: r["name"] for r in doc._.relations}
    assert pairs == {"6万元": "夏送清凉", "21万元": "金秋助学", "73万元": "冬送温暖"}
