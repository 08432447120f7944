"""Candidate pairs and their features for the union and programme linkers.

Both linkers score (metric, candidate) pairs with a logistic regression over
the features below and take the best candidate; the programme linker also
abstains when no candidate clears its threshold. Features describe the text
between the two mentions (distance in characters, clauses, sentences and
paragraphs, order, cue words, competing candidates), never the names
themselves, so that they carry over to unions and programmes never seen.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, pairwise

from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Doc, Span

from .lexicon import canonical_programme
from .metric_grammar import declared_money_unit
from .reports import ReportSegment, split_reports
from .unions import (
    ALIAS_OPENING,
    dateline_union,
    fold_union_name,
    is_short_form,
    resolve_union,
    same_union,
)

METRIC_LABELS = ("MONEY", "HEADCOUNT", "COUNT")
_SENTENCE_MARKS = "。！？!?；;"
_SENT = re.compile(f"[{_SENTENCE_MARKS}]")
_SENTENCE_ENDS = frozenset(_SENTENCE_MARKS + "\n")
_CLAUSE_ENDS = frozenset(_SENTENCE_MARKS + "\n，,：:")


def _last_mark(text: str, marks: str, lo: int, hi: int) -> int:
    """Offset of the last of ``marks`` in text[lo:hi], or -1 (rfind per mark:
    no regex scan over the stretch)."""
    return max(text.rfind(mark, lo, hi) for mark in marks)
_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n")
_CLAUSE = re.compile(r"[，,、：:]")
_BOUNDARY_BEFORE = set("\n，。；：！？、)）】」”,;:!? —-－")
_GIVER_AFTER = ("的", "资金", "下拨", "拨付", "支持", "补助", "组织的", "举办的", "主办的",
                "表彰", "授予", "命名", "评为", "带来", "配套", "奖励")
_OBJECT_BEFORE = ("联合", "参加", "向", "获", "被", "协同", "配合", "会同", "经", "由", "争取",
                  "补助", "帮助", "指导", "推动", "督促", "对", "在")
_ACTIVITY_VERBS = ("开展", "组织", "举办", "实施", "推进", "启动", "深化", "落实", "打造")
# a union handing money or goods to another unit in the metric's clause:
# 西安市总工会对…5家驿站每家奖补2万元, 昌平区总工会为驿站配送物资价值8万元
_GIFT_TO_UNIT = re.compile(r"奖补|给予|下拨|拨付|追加|划拨|配送|补贴给|资助给")
_CUES = ("其中", "在", "中", "为", "投入", "发放", "慰问", "期间", "活动", "共", "累计",
         "资助", "覆盖", "参保", "理赔", "新建", "建成", "选树", "推荐", "培训", "办理")
_HONOUR_ENDINGS = ("奖章", "奖状", "先锋号", "工匠", "标兵", "劳动模范", "劳模", "示范点",
                   "之家", "小家", "工作室", "奖")
_BULLETS = " ●○■□◆◇▲△★☆·•-—▶►"  # list marks before a name at a line start
_UMBRELLAS = ("四季送", "四季恒温", "普惠服务", "帮扶")
# a paragraph that refers back to the activity before it (ANNOTATION 6)
_REFERS_BACK = re.compile(r"(?:本次|此次|这次|该|上述|此项)(?:活动|行动|项目|工作)|活动(?:期间|中|现场|当天)|期间")
# a programme that titles its line item: "1. 工资集体协商。全区签订…", "◆ 法律援助："
_TITLES_ITEM = re.compile(r"[”\"」]?(?:工作|活动|行动|方面)?[ ]?[。：:．]")
_LABELLED_LINE = re.compile(r"(?:^|\n)[ \t]*(?:[^\n，。；]{1,8}(?:——|—|－|-|：|:)|【[^\n】]{1,8}】"
                            r"|[\u4e00-\u9fff]{1,8}[ \t\u3000])[ \t\u3000]*$")  # …, or "麦积 ", "望奎讯 "
# a legal-aid case item: "案例二：陶瓷企业职工工伤待遇案。…", "▲ 保洁员加班费案：…"
# (matched at the line start: no ^, which would match only at the text's start)
_CASE_ITEM = re.compile(r"[ \t▲△◆◇●■□·•\-—]*(?:【?典型)?案例[一二三四五六七八九十\d]*|[^\n]{2,40}?案[：:。]")
_STATEMENT = re.compile(r"收支|决算|预算|经费.{0,4}(?:使用|情况)|财务")
CUE_WINDOW = 160
ECHO_BEFORE = 30  # how far back a metric's own clause may repeat a programme's head word
_GENERIC_ENDING = re.compile(r"(?:活动|行动|工程|项目|计划|工作)$")
FIGURE_LOOKAHEAD = 80


def _is_figure_line(text: str, metric: Mention) -> bool:
    """Whether the metric stands (nearly) alone on its line, as in round-ups."""
    start = text.rfind("\n", 0, metric.start_char) + 1
    end = text.find("\n", metric.end_char)
    line = text[start:len(text) if end < 0 else end]
    return len(line.strip()) - len(metric.text) <= 4


_CAPTION_OPENING = re.compile(r"[ \t▶►■□●◆◇▲△★☆·•#]*(?:\d{1,2}[ \t]*[|｜丨.、 ][ \t]*)?$")
_CAPTION_CLOSE = re.compile(r"[ \t]*(?:[。！!：:]|——)")


def _is_caption_figure(text: str, metric: Mention) -> bool:
    """Whether the metric opens its line and a sentence mark closes it, as a
    figure captioned by the sentence after it ("186万元！楚雄州总工会“金秋助学”…",
    "73.2万元。“两节”送温暖投入资金…")."""
    start = text.rfind("\n", 0, metric.start_char) + 1
    return bool(_CAPTION_OPENING.match(text[start:metric.start_char])
                and _CAPTION_CLOSE.match(text, metric.end_char))


_LAST_CONTEXT: dict = {}
_ENT_COLUMNS = [ENT_IOB, ENT_TYPE]


@dataclass(frozen=True, slots=True, eq=False)
class Mention:
    """An entity's offsets, text and label, read once from its Span: spaCy
    builds Token objects on every ``Span.start_char`` access, and the linkers
    read offsets hundreds of times per metric."""

    start_char: int
    end_char: int
    text: str
    label_: str

    @classmethod
    def of(cls, span: Span) -> Mention:
        return cls(span.start_char, span.end_char, span.text, span.label_)


@dataclass
class DocContext:
    """Per-Doc facts shared by every pair: reports, unions and their names."""

    doc: Doc
    text: str  # doc._.processing_text
    segments: list[ReportSegment]
    metrics: list[Mention]
    unions: list[Mention]
    programmes: list[Mention]
    union_names: dict[int, str] = field(default_factory=dict)  # start_char -> name
    subjects: dict[int, str | None] = field(default_factory=dict)  # segment start -> name
    # prefix counts: sentence ends, clause marks and line breaks in text[:i]
    sentence_prefix: list[int] = field(default_factory=list)
    clause_prefix: list[int] = field(default_factory=list)
    newline_prefix: list[int] = field(default_factory=list)
    blank_line_prefix: list[int] = field(default_factory=list)  # blocks of one-phrase lines
    metric_starts: list[int] = field(default_factory=list)
    programme_starts: list[int] = field(default_factory=list)
    mention_features: dict[int, dict[str, float]] = field(default_factory=dict)  # per union
    # per segment start: its unions and programmes in text order
    segment_unions: dict[int, list[Mention]] = field(default_factory=dict)
    segment_programmes: dict[int, list[Mention]] = field(default_factory=dict)
    # per segment start: how often each programme name is mentioned
    programme_name_counts: dict[int, Counter[str]] = field(default_factory=dict)
    # per segment start: its title lines (a headline, a 原标题 after the article)
    segment_titles: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    line_heads: set[int] = field(default_factory=set)  # starts of unions opening a line
    colon_heads: set[int] = field(default_factory=set)  # line heads followed by a colon
    statements: set[int] = field(default_factory=set)  # starts of segments that are statements
    # ids of programme mentions that modify the next one, and of the names they modify
    modifiers: set[int] = field(default_factory=set)
    modified: set[int] = field(default_factory=set)
    # offsets of every clause or sentence end, and of every sentence end (line breaks included)
    clause_ends: list[int] = field(default_factory=list)
    sentence_ends: list[int] = field(default_factory=list)

    def count(self, prefix: list[int], start: int, end: int) -> int:
        """How many marks of one kind lie in text[start:end]."""
        lo, hi = sorted((start, end))
        return prefix[hi] - prefix[lo]

    def last_before(self, ends: list[int], position: int) -> int:
        """The last of ``ends`` before ``position``, or -1."""
        index = bisect_left(ends, position)
        return ends[index - 1] if index else -1

    def same_sentence(self, a: int, b: int) -> bool:
        return not self.count(self.sentence_prefix, a, b) and not self.count(
            self.newline_prefix, a, b)

    @classmethod
    def of(cls, doc: Doc) -> DocContext:
        """The context of a Doc, built once and shared by both linkers."""
        # one slot: the Doc the pipeline is on now (a cache keyed by Doc would
        # keep every Doc alive, since the context refers to its Doc)
        # the entity columns as bytes: reading doc.ents builds a Span per entity
        signature = (id(doc), doc.to_array(_ENT_COLUMNS).tobytes())
        if _LAST_CONTEXT.get("signature") != signature:
            _LAST_CONTEXT["signature"] = signature
            _LAST_CONTEXT["context"] = cls.build(doc)
        return _LAST_CONTEXT["context"]

    @classmethod
    def build(cls, doc: Doc) -> DocContext:
        ents = [Mention.of(e) for e in doc.ents]
        text = doc._.processing_text
        context = cls(
            doc=doc,
            text=text,
            segments=split_reports(text),
            metrics=[e for e in ents if e.label_ in METRIC_LABELS],
            unions=[e for e in ents if e.label_ == "UNION"],
            programmes=[e for e in ents if e.label_ == "PROGRAM"],
        )
        context.sentence_prefix = _prefix(text, _SENT)
        context.clause_prefix = _prefix(text, _CLAUSE)
        context.blank_line_prefix = _blank_line_prefix(doc, text)
        context.newline_prefix = list(accumulate((c == "\n" for c in text), initial=0))
        context.metric_starts = [m.start_char for m in context.metrics]
        context.clause_ends = [i for i, c in enumerate(text) if c in _CLAUSE_ENDS]
        context.sentence_ends = [i for i, c in enumerate(text) if c in _SENTENCE_ENDS]
        context.programme_starts = [p.start_char for p in context.programmes]
        context.line_heads = {u.start_char for u in context.unions if _heads_line(text, u)}
        # "一、齐齐哈尔市总工会：…", "· 湖州市总工会：…", "四、曲水县总工会⏎…": a
        # union that opens its line and is followed by a colon or stands alone
        # on it heads the item below it
        context.colon_heads = {u.start_char for u in context.unions
                               if u.start_char in context.line_heads
                               and (text[u.end_char:u.end_char + 2].lstrip(" \t】]").startswith(
                                   ("：", ":", "\n")) or not text[u.end_char:].strip())}
        for segment in context.segments:
            if _STATEMENT.search(text, segment.start, min(segment.end, segment.start + 80)) or (
                    declared_money_unit(text[segment.start:segment.end])):
                context.statements.add(segment.start)  # 收支说明, 单位：元
            inside = [u for u in context.unions if segment.start <= u.start_char < segment.end]
            context.segment_unions[segment.start] = inside
            context.segment_titles[segment.start] = _title_lines(text, segment)
            context.segment_programmes[segment.start] = [
                p for p in context.programmes if segment.start <= p.start_char < segment.end]
            pairs = modified_names(text, context.segment_programmes[segment.start])
            context.modifiers.update(pairs)
            context.modified.update(pairs.values())
            context.programme_name_counts[segment.start] = Counter(
                canonical_programme(p.text) for p in context.segment_programmes[segment.start])
            full = [fold_union_name(u.text) for u in inside if not is_short_form(u.text)]
            # a page's 来源/编辑 line names the publisher, not the subject ...
            content = [u for u in inside if not _is_metadata(text, u)]
            lead = [u for u in content if segment.lead_start <= u.start_char < segment.lead_end]
            # ... unless the body opens with figures before naming any union
            # (来源：浙江省总工会 / · 工会会员总数1146万名): then it is the author
            first_metric = next((m.start_char for m in context.metrics
                                 if segment.start <= m.start_char < segment.end), segment.end)
            if not lead and inside and inside[0] not in content and (
                    not content or content[0].start_char > first_metric):
                content = [inside[0], *content]
            # the lead's first union that is not the object of another's act
            # (为落实北京市总工会关于…的要求，北京市朝阳区总工会定于…)
            acting = [u for u in (lead or content) if not _is_object(text, u)]
            subject_span = (acting or lead or content or inside or [None])[0]
            subject = None
            if subject_span is not None:
                subject = resolve_union(subject_span.text, full)
                full = [subject, *[f for f in full if f != subject]]
            # one name per union: aliases (中建三局工会 / 中建三局集团有限公司工会)
            # take the longest spelling, which is the fullest mention
            representative: dict[str, str] = {}
            # (ties in text order: a set's order changes with the hash seed)
            for name in sorted(dict.fromkeys(full), key=len, reverse=True):
                representative[name] = next(
                    (r for r in representative.values() if same_union(r, name)), name)
            if subject is not None:
                subject = representative.get(subject, subject)
            # 港九职工权益联合会（职权联）: the abbreviation in brackets names the union before it
            aliases: dict[str, str] = {}
            for outer, inner in pairwise(inside):
                if _ALIAS_OPENING.fullmatch(text, outer.end_char, inner.start_char) and (
                        text[inner.end_char:inner.end_char + 2].lstrip("”\"").startswith(("）", ")"))):
                    name = resolve_union(outer.text, full)
                    aliases[fold_union_name(inner.text)] = representative.get(name, name)
            if subject in aliases:
                subject = aliases[subject]
            context.subjects[segment.start] = subject
            for index, union in enumerate(inside):
                name = _nearest_in_paragraph(text, union, inside[:index]) or resolve_union(union.text, full)
                name = aliases.get(fold_union_name(union.text), representative.get(name, name))
                if is_short_form(name):  # 武宁讯 县总工会: the item's dateline names the place
                    line_start = text.rfind("\n", 0, union.start_char) + 1
                    name = dateline_union(text[line_start:union.start_char], name) or name
                context.union_names[union.start_char] = name
        return context

    def segment(self, position: int) -> ReportSegment:
        for segment in self.segments:
            if segment.start <= position < segment.end:
                return segment
        return self.segments[-1]


def _nearest_in_paragraph(text: str, union: Mention, before: list[Mention]) -> str | None:
    """The full name a short form stands for when its own paragraph named one
    of its kind before it (南康区总工会联合…。区总工会还为…): the nearest."""
    if not is_short_form(union.text):
        return None
    for other in reversed(before):
        if "\n" in text[other.end_char:union.start_char]:
            return None
        if is_short_form(other.text):
            continue
        full = fold_union_name(other.text)
        if resolve_union(union.text, [full]) == full:
            return full
    return None


_ALIAS_OPENING = re.compile(ALIAS_OPENING)
_COMPLIED_WITH = re.compile(r"(?:落实|按照|根据|贯彻|响应|依据|遵照|在)[“\"]?$")
_ITS_DOCUMENT = re.compile(r"(?:关于|的(?:要求|部署|安排|通知|指导|支持|号召|统一))")


def _is_object(text: str, union: Mention) -> bool:
    """Whether a union is named as the one whose call is followed (为落实
    市总工会关于…, 在省总工会的指导下), not as the actor."""
    return bool(_COMPLIED_WITH.search(text, max(0, union.start_char - 3), union.start_char)
                and _ITS_DOCUMENT.match(text, union.end_char))


def _is_metadata(text: str, union: Mention) -> bool:
    before = text[max(0, union.start_char - 8):union.start_char]
    return any(mark in before for mark in ("来源", "编辑", "发布", "供稿", "作者"))


def _blank_line_prefix(doc: Doc, text: str) -> list[int]:
    """Prefix counts of the line breaks that stand for a blank line in the raw
    text: the normalizer keeps one break per run, so the processing text no
    longer shows where a post's blocks end."""
    raw, offsets = doc._.raw_text, doc._.raw_offsets
    if raw is None or offsets is None or len(offsets) != len(text):
        return _prefix(text, _BLANK_LINE)
    marks = [0] * (len(text) + 1)
    for i, char in enumerate(text):
        if char == "\n":
            raw_end = offsets[i + 1] if i + 1 < len(offsets) else len(raw)
            marks[i + 1] = int(raw.count("\n", offsets[i], raw_end) >= 2)
    return list(accumulate(marks))


def _prefix(text: str, pattern: re.Pattern[str]) -> list[int]:
    marks = [0] * (len(text) + 1)
    for match in pattern.finditer(text):
        marks[match.start() + 1] = 1
    return list(accumulate(marks))


def _between(text: str, a: int, b: int) -> str:
    return text[min(a, b):max(a, b)]


def _shared(context: DocContext, metric: Mention, other: Mention) -> dict[str, float]:
    """Features of the stretch of text between a metric and a candidate."""
    before = other.end_char <= metric.start_char
    lo, hi = (other.end_char, metric.start_char) if before else (metric.end_char, other.start_char)
    lo, hi = min(lo, hi), max(lo, hi)
    sentences = context.count(context.sentence_prefix, lo, hi)
    paragraphs = context.count(context.newline_prefix, lo, hi)
    clauses = context.count(context.clause_prefix, lo, hi)
    features = {
        "before": float(before),
        "after": float(not before),
        "log_chars": math.log1p(hi - lo),
        "clauses": min(clauses, 6) / 6,
        "same_clause": float(not clauses and not sentences and not paragraphs),
        "same_sentence": float(sentences == 0 and paragraphs == 0),
        "sentences": min(sentences, 6) / 6,
        "paragraphs": min(paragraphs, 4) / 4,
        "same_paragraph": float(paragraphs == 0),
        # a post with one phrase per line: its blocks end at blank lines
        "same_block": float(not context.count(context.blank_line_prefix, lo, hi)),
        f"dir_{'b' if before else 'a'}_sent{min(sentences, 3)}_par{min(paragraphs, 2)}": 1.0,
        "label_" + metric.label_: 1.0,
    }
    if hi - lo <= CUE_WINDOW:  # cue words only matter near the metric
        gap = context.text[lo:hi]
        for cue in _CUES:
            if cue in gap:
                features[f"cue_{cue}"] = 1.0
        verbs = sum(gap.count(v) for v in _ACTIVITY_VERBS)
        features["activity_verbs"] = min(verbs, 3) / 3
    else:
        features["far"] = 1.0
    return features


def _heads_line(text: str, union: Mention) -> bool:
    """Whether the mention opens its line (after a list mark or a number)."""
    prev = text[max(0, union.start_char - 4):union.start_char].rstrip(" ")
    return (not prev or prev.rstrip(_BULLETS + "【[").endswith("\n")
            or bool(re.search(r"\n[（(]?[一二三四五六七八九十\d]+[、.）)]?$", prev))
            # a place label before a dash or in brackets: "岳麓区——岳麓区总工会…", "【图们】…"
            or bool(_LABELLED_LINE.search(text, max(0, union.start_char - 12), union.start_char)))


_HONOURED_AFTER = re.compile(r"[\n ]?(?:荣获|被评为|被授予|被命名|入选|获(?!悉))")  # 获评, 获得
# the union spends its own money: 县总共投入各类资金86万元 is no gift of 县总's
_SPENDS = re.compile(r"投入|筹集|自筹|拿出|发放|安排|募集|整合|统筹")


def _gives_after(window: str) -> bool:
    """Whether a gift word (资金, 补助, 表彰…) follows the union name before
    any verb of its own spending."""
    spends = _SPENDS.search(window)
    return any(cue in window[:spends.start() if spends else None] for cue in _GIVER_AFTER[1:])


def _union_mention_features(context: DocContext, union: Mention, name: str) -> dict[str, float]:
    """The features of a union mention that do not depend on the metric,
    computed once per mention."""
    cached = context.mention_features.get(union.start_char)
    if cached is not None:
        return cached
    text = context.text
    prev = text[max(0, union.start_char - 4):union.start_char].rstrip(" ")
    after = text[union.end_char:union.end_char + 4]
    features = {
        "subject_position": float(not prev or prev[-1] in _BOUNDARY_BEFORE
                                  or prev.endswith(("年", "日", "月"))
                                  or bool(_LABELLED_LINE.search(
                                      text, max(0, union.start_char - 12), union.start_char))),
        "giver_after": float(after.startswith(_GIVER_AFTER) or _gives_after(
            text[union.end_char:union.end_char + 8])),
        "object_before": float(prev.endswith(_OBJECT_BEFORE)),
        "metadata": float(_is_metadata(text, union)),
        "listed": float(after.startswith(("等", "、", "和", "及"))),
        # an honoured unit named in passing (…中心工会荣获全国“模范小家”称号):
        # the figures after it stay the reporting union's
        "honoured": float(bool(_HONOURED_AFTER.match(text, union.end_char))),
        "short_form": float(is_short_form(union.text)),
        "national_or_province": float(name.endswith(("省总工会", "全总", "全国总工会"))
                                      or name in ("省总", "省总工会")),
        "line_start": float(union.start_char in context.line_heads),
    }
    context.mention_features[union.start_char] = features
    return features


_NAME_SUFFIX = re.compile(r"(?:工会联合会|联合工会|总工会|工会委员会|工会)$")
_LEVEL = re.compile(r"(街道|新区|[省市县区旗州盟镇乡])$")
_MINORITY_AUTONOMY = re.compile(
    r"(?:(?:朝鲜|苗|侗|彝|土家|布依|藏|回|壮|傣|白|哈尼|景颇|傈僳|羌|瑶|黎|畲|蒙古|哈萨克|柯尔克孜"
    r"|维吾尔|土|撒拉|东乡|保安|裕固|仡佬|水|纳西|拉祜|佤|怒|独龙|普米|基诺|德昂|阿昌|仫佬|毛南"
    r"|京|达斡尔|鄂温克|鄂伦春|锡伯|满|各)族)+自治(?=[州县旗]$)")
# an item labelled by its place: 【岳麓】, 五华区。…, 浏阳——…, #万州#, ■ 芙蓉区, 01 | 浏阳
_PLACE_LABEL = re.compile(
    r"[ \t▶►■□●◆◇▲△★☆·•#]*(?:\d{1,2}[ \t]*[|｜丨][ \t]*)?【?"
    r"([\u4e00-\u9fff]{2,8}?)(?:】|#|——|—|。|[ \t]*\n|[ \t]*[|｜丨])")


@lru_cache(maxsize=4096)
def place_forms(name: str) -> frozenset[str]:
    """The place a union's name opens with, as an item label writes it:
    林周县总工会 -> 林周县, 林周; 延边朝鲜族自治州总工会 -> 延边州, 延边.
    None for unit unions (集团工会)."""
    base = _MINORITY_AUTONOMY.sub("", _NAME_SUFFIX.sub("", name))
    level = _LEVEL.search(base)
    if not level:
        return frozenset()
    stem = base[:level.start()]
    last = re.split(r"[省市州盟师]", stem)[-1]
    return frozenset(form for part in (stem, last) if len(part) >= 2
                     for form in (part, part + level.group()))


def _item_label(context: DocContext, metric: Mention, segment: ReportSegment) -> str | None:
    """The place label of the item the metric is in: the nearest line before
    it (within its report) that opens with one."""
    text = context.text
    line_start = text.rfind("\n", 0, metric.start_char) + 1
    for _ in range(8):  # an item runs a few lines at most
        if line_start < segment.start:
            return None
        label = _PLACE_LABEL.match(text, line_start)
        if label:
            return label.group(1)
        if line_start == 0:
            return None
        line_start = text.rfind("\n", 0, line_start - 1) + 1
    return None


PLACE_WINDOW = 120


def _places_named_before(text: str, metric: Mention, names: list[str],
                         unions: list[Mention]) -> dict[str, int]:
    """Per union name, where the last bare mention of its place (not inside a
    union's name) before the metric ends, within the metric's sentence; names
    whose place is not there are left out."""
    window_start = max(0, metric.start_char - PLACE_WINDOW)
    opening = _last_mark(text, _SENTENCE_MARKS + "\n", window_start, metric.start_char)
    start = opening + 1 if opening >= 0 else window_start
    inside = [(u.start_char, u.end_char) for u in unions
              if u.end_char > start and u.start_char < metric.start_char]
    window = text[start:metric.start_char]
    found = {}
    for name in names:
        for form in place_forms(name):
            index = window.find(form)
            while index >= 0:
                begin, end = start + index, start + index + len(form)
                if not any(a < end and begin < b for a, b in inside):
                    found[name] = max(found.get(name, -1), end)
                index = window.find(form, index + 1)
    return found


# a transcript's turn: "兰山区总工会主席孙浩：…", "张玉梅：…" (introduced before as
# 沂南县总工会主席张玉梅), "阿依古丽·买买提：…"
_TURN_LABEL = re.compile(r"[ \t\u3000]*(?P<label>[^\n：:，。！？；,!?;\d]{2,30}?)[ \t]*[：:]")
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}·[\u4e00-\u9fff]{2,6}")
NAME_AFTER_UNION = 12  # 沂南县总工会主席张玉梅: from the union's end to the name


def speaker_union(context: DocContext, metric: Mention, unions: list[Mention]) -> Mention | None:
    """The union whose speaker holds the turn the metric is in: a union named
    in the turn's label, or the union a bare name was introduced with."""
    text = context.text
    line_start = text.rfind("\n", 0, metric.start_char) + 1
    turn = _TURN_LABEL.match(text, line_start)
    if not turn or turn.end() > metric.start_char:
        return None
    label_start, label_end = turn.span("label")
    in_label = [u for u in unions if label_start <= u.start_char and u.end_char <= label_end]
    if in_label:
        return in_label[-1]
    name = turn.group("label")
    if not _PERSON_NAME.fullmatch(name):
        return None
    found = None
    index = text.find(name)
    while 0 <= index < line_start:
        before = [u for u in unions if u.end_char <= index and index - u.end_char <= NAME_AFTER_UNION
                  and "\n" not in text[u.end_char:index]]
        if before:
            found = before[-1]
        index = text.find(name, index + 1)
    return found


def union_candidates(context: DocContext, metric: Mention) -> list[tuple[str, Mention, dict[str, float]]]:
    """Every distinct union of the metric's report, with the features of its best mention."""
    text = context.text
    segment = context.segment(metric.start_char)
    subject = context.subjects.get(segment.start)
    mentions = context.segment_unions[segment.start]
    sentence_unions = [u for u in mentions
                       if context.same_sentence(u.start_char, metric.start_char)]
    by_name: dict[str, tuple[Mention, dict[str, float]]] = {}
    nearest_before = next((u for u in reversed(mentions) if u.end_char <= metric.start_char),
                          None)
    # round-ups that list unions one per line (● 利通区总工会 / 新建驿站6个): the
    # last union heading a line before the metric owns the lines that follow
    nearest_heading = next((u for u in reversed(mentions) if u.end_char <= metric.start_char
                            and u.start_char in context.line_heads), None)
    nearest_item = next((u for u in reversed(mentions) if u.end_char <= metric.start_char
                         and u.start_char in context.colon_heads), None)

    def name_of(union: Mention | None) -> str | None:
        if union is None:
            return None
        return context.union_names.get(union.start_char, fold_union_name(union.text))

    # the item's head names the union; its best mention may be a later short form
    item_name = name_of(nearest_item)
    item_near = nearest_item is not None and metric.start_char - nearest_item.end_char <= 400
    heading_name = name_of(nearest_heading)
    speaker_name = name_of(speaker_union(context, metric, mentions))
    for union in mentions:
        name = name_of(union)
        features = _shared(context, metric, union)
        features.update(_union_mention_features(context, union, name))
        features.update({
            "is_subject": float(name == subject),
            "in_lead": float(segment.lead_start <= union.start_char < segment.lead_end),
            "nearest_before": float(union is nearest_before),
            "nearest_line_heading": float(name == heading_name),
            "item_head": float(name == item_name),
            "item_head_near": float(name == item_name and item_near),
            "item_head_block": float(name == item_name and not context.count(
                context.blank_line_prefix, nearest_item.end_char, metric.start_char)),
            "in_sentence": float(union in sentence_unions),
            "speaker": float(name == speaker_name),
            "other_speaker": float(speaker_name is not None and name != speaker_name),
        })
        actor = features["subject_position"] * (1.0 - features["giver_after"]) * (
            1.0 - features["object_before"]) * (1.0 - features["listed"])
        features["actor_nearest_sentence"] = actor * features["nearest_before"] * features["same_sentence"]
        features["actor_nearest_paragraph"] = actor * features["nearest_before"] * features["same_paragraph"]
        features["actor_line_start_paragraph"] = features["line_start"] * features["same_paragraph"]
        features["actor_after_sentence"] = actor * features["after"] * features["same_sentence"]
        features["gift_in_sentence"] = float(
            features["before"] and features["same_sentence"]
            and bool(_GIFT_TO_UNIT.search(text, union.end_char, metric.start_char)))
        # 分别: the i-th union of the sentence takes the i-th metric after 分别
        if union in sentence_unions and "分别" in _between(text, union.end_char, metric.start_char):
            metrics_after = [m for m in context.metrics if union.end_char < m.start_char
                             and context.same_sentence(union.end_char, m.start_char)]
            index_union = sentence_unions.index(union)
            index_metric = metrics_after.index(metric) if metric in metrics_after else -1
            features["respectively_match"] = float(index_union == index_metric)
            features["respectively_listed"] = 1.0
        # the mention that stands for the union: in the sentence, before the
        # metric (东风本田…公司工会 …参赛职工1,050人，公司工会拿出…), then nearest
        score = (features["in_sentence"] * 2 + features["same_paragraph"] + features["before"] * 1.5
                 - features["log_chars"] / 10)
        kept = by_name.get(name)
        if kept is None or score > kept[1].get("_score", -1e9):
            features["_score"] = score
            by_name[name] = (union, features)
    places = _places_named_before(text, metric, list(by_name), mentions)
    latest = max(places.values(), default=None)
    # a round-up: several unions open lines or sentences of the report
    heads = {name_of(u) for u in mentions if u.start_char in context.line_heads}
    label = _item_label(context, metric, segment)
    roundup = float(len(heads) >= 2)
    result = []
    for name, (union, features) in by_name.items():
        features = {k: v for k, v in features.items() if k != "_score"}
        features["n_candidates"] = min(len(by_name), 5) / 5
        features["subject_in_roundup"] = features["is_subject"] * roundup
        features["item_label_names_it"] = float(label is not None and label in place_forms(name))
        # 其中，达孜区培训3期、学员150人，林周县培训2期: the place named last before
        # the metric in its sentence is the unit whose figure it is
        features["place_in_sentence"] = float(name in places)
        features["place_latest"] = float(name in places and places[name] == latest)
        features["nearest_before_in_roundup"] = features["nearest_before"] * roundup
        features["sentence_in_roundup"] = features["in_sentence"] * roundup
        # a pair classifier scores one candidate at a time: tell it when another
        # union is the actor right before the metric (迁安市…；遵化市总工会办理…54件)
        others = [f for other, (_, f) in by_name.items() if other != name]
        features["other_actor_sentence"] = float(any(f["actor_nearest_sentence"] for f in others))
        features["other_same_clause"] = float(any(f["same_clause"] for f in others))
        # 甲、乙、丙分别建成驿站6家、4家、3家: another union's turn in the list
        features["other_respectively_match"] = float(any(f.get("respectively_match") for f in others))
        result.append((name, union, features))
    return result


_LIST_JOINER = re.compile(r"[“”\"'「」『』、和及与以 \t\n]*")


def _listed_before_respectively(context: DocContext, metric: Mention,
                                 mentions: list[Mention]) -> tuple[list[Mention], int]:
    """The programmes listed in the metric's sentence before its 分别, and the
    metric's place among the figures after that 分别 (送温暖、金秋助学、帮扶三项工作
    分别投入1386万元、214万元和592万元); ([], -1) when there is no such list."""
    text = context.text
    opening = _last_mark(text, _SENTENCE_MARKS, 0, metric.start_char)
    respectively = text.rfind("分别", opening + 1, metric.start_char)
    if respectively < 0:
        return [], -1
    first = text.find("分别", opening + 1)
    listed = [p for p in mentions if opening < p.start_char and p.end_char <= first]
    # the list is the run of names joined only by quotes, 、 and 和 that ends
    # before 分别 (统筹推进“四季送”，开展“春送岗位”“夏送清凉”…，分别…)
    run = listed[-1:]
    for earlier in reversed(listed[:-1]):
        if not _LIST_JOINER.fullmatch(text, earlier.end_char, run[0].start_char):
            break
        run.insert(0, earlier)
    if len(run) >= 2:
        listed = run
    figures_before = bisect_left(context.metric_starts, metric.start_char) - bisect_left(
        context.metric_starts, respectively)
    return listed, figures_before


def _respectively_features(context: DocContext, metric: Mention, programme: Mention,
                           listed: tuple[list[Mention], int]) -> dict[str, float]:
    """Whether the candidate is the listed programme whose turn the metric is
    (match), another one of the list (other), or outside a list that exists."""
    programmes, index = listed
    if len(programmes) < 2 or index < 0:
        return {}
    names = list(dict.fromkeys(canonical_programme(p.text) for p in programmes))
    name = canonical_programme(programme.text)
    if name not in names:
        return {"respectively_other": 1.0}
    return {"respectively_listed": 1.0,
            "respectively_match": float(names.index(name) == index),
            "respectively_other": float(index < len(names) and names.index(name) != index)}


_COORDINATOR = re.compile(r"[“”\"'「」『』 \t]*(?:、|和|及|与|以及|同|暨)?[“”\"'「」『』 \t]*")
_QUOTE_PAIR = re.compile(r"[”\"」』][ \t]*[“\"「『]")


def _coordinated(text: str, left: Mention, right: Mention) -> bool:
    """Two programme names in one list (“春送岗位”“夏送清凉”, 金秋助学和冬送温暖),
    not a modifier and its name (工资集体协商“百日要约”)."""
    if not _COORDINATOR.fullmatch(text, left.end_char, right.start_char):
        return False
    joiner = text[left.end_char:right.start_char]
    return bool(re.search(r"[、和及与同暨]", joiner) or _QUOTE_PAIR.search(joiner))


def coordinated_run(context: DocContext, metric: Mention,
                    mentions: list[Mention]) -> list[Mention]:
    """The list of two or more programmes that ends nearest before the metric in
    its sentence, with no figure between: 开展“春送岗位”“夏送清凉”“金秋助学”活动，
    共投入386万元 — a total that is no single member's (ANNOTATION 6: the most
    specific one, the umbrella, or none). [] for a 分别 list or no list."""
    text = context.text
    opening = context.last_before(context.sentence_ends, metric.start_char)
    before = [p for p in mentions if opening < p.start_char and p.end_char <= metric.start_char]
    if len(before) < 2 or "分别" in text[before[-1].end_char:metric.start_char]:
        return []
    if bisect_left(context.metric_starts, metric.start_char) > bisect_left(
            context.metric_starts, before[-1].end_char):
        return []
    run = before[-1:]
    for earlier in reversed(before[:-1]):
        if not _coordinated(text, earlier, run[0]):
            break
        run.insert(0, earlier)
    if len({canonical_programme(p.text) for p in run}) < 2:
        return []
    return run


_HOLIDAY_TIME = re.compile(
    r"[ \t“\"]*(?:两节|双节|元旦春节|春节|元旦|中秋|国庆|端午|五一|重阳)[”\"]?节?"
    r"(?:期间|前夕|前后|来临之际|之际|临近|前)")
_CLAUSE_OPENING = re.compile(r"[ \t“”\"]*(?:全年|今年|年内|同时|此外|另外|还|并|共|累计|先后|再)*")
_FOUNDING = re.compile(r"(?:新建|建设|建成|创建|组建|成立|完成|举办|召开|组织|开展|评选|推荐|选树|命名|"
                       r"表彰|发展|新增|吸纳|培训|建立|打造|设立)")
_GIVING = re.compile(r"(?:发放|慰问|资助|救助|帮扶|覆盖|惠及|受益|帮助|走访|送去|送出|投入|支出|"
                     r"提供|服务|接待|理赔|赔付|签订|涵盖|参保|办理)")


def _clause_opening(text: str, clause_start: int) -> str:
    """The verb that opens a metric's clause, after time words and adverbs:
    a founding verb starts a new activity (新建劳模创新工作室2个，建设培训基地2个),
    a giving verb continues the one before (开展夏送清凉，发放物资5万元)."""
    start = _CLAUSE_OPENING.match(text, clause_start).end()
    if _FOUNDING.match(text, start):
        return "founding"
    if _GIVING.match(text, start):
        return "giving"
    return ""


@dataclass(frozen=True, slots=True)
class MetricClause:
    """What a metric's own clause and sentence say, read once per metric."""

    clause_start: int
    opening: str  # founding, giving or ""
    holiday: bool  # the sentence opens with a holiday as a time (“两节”期间…)

    @classmethod
    def of(cls, context: DocContext, metric: Mention) -> MetricClause:
        text = context.text
        clause_start = context.last_before(context.clause_ends, metric.start_char) + 1
        sentence_start = context.last_before(context.sentence_ends, metric.start_char) + 1
        return cls(clause_start, _clause_opening(text, clause_start),
                   bool(_HOLIDAY_TIME.match(text, sentence_start)))


_MODIFIER_JOINER = re.compile(r"[ \t]*[“\"「『‘]?[ \t]*")


def modified_names(text: str, mentions: list[Mention]) -> dict[int, int]:
    """Programme names that modify the next one (工资集体协商“百日要约”,
    送温暖“两节”送温暖): id of the modifier -> id of the name, the more specific
    of the two (ANNOTATION 6)."""
    return {id(left): id(right) for left, right in pairwise(mentions)
            if _MODIFIER_JOINER.fullmatch(text, left.end_char, right.start_char)
            and canonical_programme(left.text) != canonical_programme(right.text)}


def _sentence_features(context: DocContext, metric: Mention, programme: Mention,
                       is_before: bool, run: list[Mention], clause: MetricClause
                       ) -> dict[str, float]:
    """How the programme's sentence stands to the metric's: a topic sentence
    with no figure of its own (持续推进职工互助保障。全年吸纳会员…), parallel
    clauses after a semicolon (签订合同21份；签订区域性合同，覆盖企业60余家),
    and the list a total follows."""
    features: dict[str, float] = {}
    text = context.text
    if clause.opening and (programme.end_char <= clause.clause_start
                           or programme.start_char > metric.end_char):
        features[f"clause_opens_{clause.opening}"] = 1.0
    earlier_sentence = is_before and not context.same_sentence(programme.end_char, metric.start_char)
    if earlier_sentence:
        features["metric_sentence_holiday"] = float(clause.holiday)
    if context.modifiers:
        features["modifier_of_next"] = float(id(programme) in context.modifiers)
        features["named_after_modifier"] = float(id(programme) in context.modified)
    if run:
        inside = any(p is programme for p in run)
        features["run_member"] = float(inside)
        features["run_before"] = float(is_before and not inside and programme.end_char <= run[0].start_char)
    if not earlier_sentence or context.count(context.newline_prefix, programme.end_char,
                                             metric.start_char):
        return features
    sentence_end = _SENT.search(text, programme.end_char)
    sentence_start = context.last_before(context.sentence_ends, programme.start_char) + 1
    if sentence_end is None:
        return features
    figures = bisect_left(context.metric_starts, sentence_end.start()) - bisect_left(
        context.metric_starts, sentence_start)
    features["topic_sentence"] = float(figures == 0)
    features["topic_sentence_short"] = float(figures == 0 and sentence_end.start() - sentence_start <= 24)
    gap = text[programme.end_char:metric.start_char]
    features["semicolon_only"] = float(not any(mark in gap for mark in "。！？!?"))
    return features


def _echo_features(text: str, metric: Mention, programme: Mention) -> dict[str, float]:
    """Whether the metric's own sentence, just before it, repeats the programme's
    head word: 新建服务站27家 names 户外劳动者服务站 again, 托管班共设4个班 the
    暑期托管班, 发放助学金 the 金秋助学; the programme's own mention does not count."""
    core = _GENERIC_ENDING.sub("", canonical_programme(programme.text))
    if len(core) < 2:
        return {}
    lo = max(0, metric.start_char - ECHO_BEFORE)
    window = list(text[lo:metric.end_char + 8])
    for i in range(max(programme.start_char, lo), min(programme.end_char, lo + len(window))):
        window[i - lo] = " "
    window = "".join(window)
    cut = _last_mark(window, _SENTENCE_MARKS, 0, metric.start_char - lo)
    window = window[cut + 1:]
    bigrams = {core[i:i + 2] for i in range(len(core) - 1)}
    return {
        "echo_head2": float(core[-2:] in window),
        "echo_head3": float(len(core) >= 3 and core[-3:] in window),
        "echo_bigrams": sum(b in window for b in bigrams) / len(bigrams),
    }


def _question_before(text: str, metric: Mention) -> tuple[int, int] | None:
    """The line asking the question that the metric's line answers (记者：夏送清凉
    有什么新亮点？ then 何明亮：…补给点12个), or None when the line before asks nothing."""
    end = text.rfind("\n", 0, metric.start_char)  # the end of the line before
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip(" \t\u3000")
        if line:
            return (start, end) if line.endswith(("？", "?")) else None
        end = start - 1
    return None


_TITLE_MARKS = re.compile(r"原标题|^[ \t]*标题[：:]")
TITLE_MAX = 60


def _title_lines(text: str, segment: ReportSegment) -> tuple[tuple[int, int], ...]:
    """The report's title lines: its first line when it reads as a headline
    (short, no sentence mark, no lead), and any line that says it is the title (原标题)."""
    lines = []
    first = True
    position = segment.start
    while position < segment.end:
        line_end = text.find("\n", position, segment.end)
        line_end = segment.end if line_end < 0 else line_end
        line = text[position:line_end].strip()
        if line:
            short = len(line) <= TITLE_MAX and not _SENT.search(line) and not line.startswith(
                ("本报讯", "本网讯", "本刊讯"))
            if (first and short) or _TITLE_MARKS.search(line):
                lines.append((position, line_end))
            first = False
        position = line_end + 1
    return tuple(lines)


def _in_spans(position: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(start <= position < end for start, end in spans)


def programme_candidates(context: DocContext, metric: Mention, window: int = 400
                         ) -> list[tuple[Mention, dict[str, float]]]:
    """Programme mentions that may own the metric: same report, before it in the
    same or an earlier paragraph (within ``window`` characters), the report's
    lead and headline, or after it in the same sentence."""
    text = context.text
    segment = context.segment(metric.start_char)
    mentions = context.segment_programmes[segment.start]  # text order, no overlaps
    before = [p for p in reversed(mentions) if p.end_char <= metric.start_char]  # nearest first
    after = [p for p in mentions if p.start_char >= metric.end_char]
    # the lead and the rest of its paragraph
    lead_end = max(segment.lead_end, text.find("\n", segment.lead_end))
    in_lead_count = sum(p.start_char < lead_end for p in mentions)
    # a programme named once in the lead covers the figures of paragraphs
    # that name none of their own (a legal-aid bulletin's cases)
    paragraph_start = text.rfind("\n", 0, metric.start_char) + 1
    own_programme = any(paragraph_start <= p.start_char for p in before)
    refers_back = bool(_REFERS_BACK.search(text, paragraph_start, metric.start_char))
    statement = segment.start in context.statements
    case_item = bool(_CASE_ITEM.match(text, paragraph_start))
    candidates = []
    for rank, programme in enumerate(before):
        gap = metric.start_char - programme.end_char
        in_lead = programme.start_char < lead_end
        if gap <= window or in_lead:
            candidates.append((programme, rank, True))
    figure_line = _is_figure_line(text, metric)
    caption = _is_caption_figure(text, metric)
    for rank, programme in enumerate(after):
        if programme.start_char - metric.end_char > (
                FIGURE_LOOKAHEAD if figure_line or caption else 60):
            break
        # a figure standing alone on its line ("1,280名" then the description on
        # the next line) belongs to what the next line names
        if context.same_sentence(metric.end_char, programme.start_char) or (
                figure_line and context.count(context.newline_prefix, metric.end_char,
                                              programme.start_char) <= 2) or (
                caption and not context.count(context.newline_prefix, metric.end_char,
                                              programme.start_char)):
            candidates.append((programme, rank, False))
    # a title line names what the whole item is about, also a title printed
    # after its article (（原标题：《…疗休养》 来源：衢州日报）)
    titles = context.segment_titles[segment.start]
    question = _question_before(text, metric)
    listed = {id(p) for p, _, _ in candidates}
    candidates.extend((p, rank, False) for rank, p in enumerate(after)
                      if id(p) not in listed and _in_spans(p.start_char, titles))
    if case_item:
        # a case tells its story first and names the service line at its end
        # (…37名员工求助…镇总工会随即启动法律援助)
        paragraph_end = text.find("\n", metric.end_char)
        paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
        listed = {id(p) for p, _, _ in candidates}
        candidates.extend((p, rank, False) for rank, p in enumerate(after)
                          if id(p) not in listed and p.start_char < paragraph_end)
    listed_programmes = _listed_before_respectively(context, metric, mentions)
    run = coordinated_run(context, metric, mentions)
    clause = MetricClause.of(context, metric)
    names = context.programme_name_counts[segment.start]
    mentions_total = sum(names.values())
    top = max(names.values(), default=0)
    result = []
    for programme, rank, is_before in candidates:
        features = _shared(context, metric, programme)
        # a report that is all about one programme: its figures belong to it
        # even in paragraphs that do not name it again (ANNOTATION 6)
        repeats = names[canonical_programme(programme.text)]
        features.update({
            "name_share": repeats / mentions_total,
            "only_name": float(len(names) == 1),
            "most_named": float(repeats == top and len(names) > 1),
            "only_name_bare_paragraph": float(len(names) == 1 and not own_programme),
        })
        lo, hi = sorted((programme.end_char, metric.start_char)) if is_before else \
            (metric.end_char, programme.start_char)
        others = max(0, bisect_left(context.programme_starts, hi)
                     - bisect_left(context.programme_starts, lo))
        metrics_between = max(0, bisect_left(context.metric_starts, hi)
                              - bisect_left(context.metric_starts, lo))
        after_text = text[programme.end_char:programme.end_char + 6]
        before_text = text[max(0, programme.start_char - 4):programme.start_char]
        name = programme.text
        features.update({
            f"rank_{'b' if is_before else 'a'}{min(rank, 3)}": 1.0,
            "programmes_between": min(others, 4) / 4,
            "metrics_between": min(metrics_between, 8) / 8,
            "time_use": float(after_text.lstrip("”’\"").startswith(("期间", "前夕", "前后", "来临"))),
            "honour": float(name.endswith(_HONOUR_ENDINGS)),
            "umbrella": float(name.replace("“", "").replace("”", "") in _UMBRELLAS),
            "in_lead": float(programme.start_char < lead_end),
            "zai_before": float(before_text.endswith(("在", "在“", "“"))),
            "zhong_after": float(bool(re.match(r"[”’\"]?(?:活动|行动|工作|项目)?中", after_text))),
            "metric_directly_after": float(is_before and metric.start_char - programme.end_char <= 3),
            "programme_directly_after": float(not is_before and programme.start_char - metric.end_char <= 3),
            "n_candidates": min(len(candidates), 8) / 8,
            "figure_line": float(figure_line),
            "figure_line_after": float(figure_line and not is_before),
            "caption_after": float(caption and not is_before),
            "lead_alone": float(in_lead_count == 1 and programme.start_char < lead_end),
            "paragraph_names_none": float(not own_programme),
            "lead_for_bare_paragraph": float(not own_programme
                                             and programme.start_char < lead_end),
            "refers_back": float(refers_back and programme.start_char < paragraph_start),
            # a statement's line items each stand alone: 送温暖支出 covers its own line only
            "statement_other_line": float(statement and programme.start_char < paragraph_start),
            # a case of a legal-aid bulletin reports the service line it names
            "case_item": float(case_item),
            "case_item_theme": float(case_item and (repeats == top or programme.start_char < lead_end)),
        })
        features["asked"] = float(question is not None and question[0] <= programme.start_char < question[1])
        features["title"] = float(_in_spans(programme.start_char, titles))
        features["title_after"] = float(features["title"] and not is_before)
        features["title_only_name"] = float(features["title"] and len(names) == 1)
        features.update(_echo_features(text, metric, programme))
        features.update(_respectively_features(context, metric, programme, listed_programmes))
        features.update(_sentence_features(context, metric, programme, is_before, run, clause))
        if _heads_line(text, programme) and _TITLES_ITEM.match(text, programme.end_char):
            features["item_title"] = 1.0
            features["item_title_same_line"] = float(is_before and not context.count(
                context.newline_prefix, programme.end_char, metric.start_char))
        result.append((programme, features))
    return result
