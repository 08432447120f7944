"""Programme cues: quoted names before a generic head, and counted honours.

“X”活动, “X”行动, “X”项目 … → PROGRAM X; 工人先锋号6个 → PROGRAM 工人先锋号.

Unions quote the names of their campaigns and follow them with a generic head
(ANNOTATION.md 2: “夏送清凉”慰问活动 → 夏送清凉). The cue holds for names the
models have never seen; on train+dev it finds 92 gold programmes for 4 misses.
Counted honours (their level as written) are programmes by section 6; the
NER misses them inside long lists. Both only fill gaps: an entity already
there is kept.
"""

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import place_names

QUOTED_PROGRAMME = re.compile(
    r"“(?P<name>[^”“\n]{2,14})”(?:主题|系列|专项)?(?:活动|行动|项目|工程|竞赛|品牌|服务)")
_HONOURS = ("五一劳动奖章|五一劳动奖状|工人先锋号|创新标兵|岗位标兵|技术能手|优秀工会工作者"
            "|优秀工会积极分子|巾帼建功标兵|巾帼文明岗|模范职工之家|模范职工小家|最美工驿站")
_COUNT_AFTER = r"(?=[”」]?\d|[”」]?[一二两三四五六七八九十]+[个名人家项])"
COUNTED_HONOUR = re.compile(
    rf"(?:全国|全省|全市|全县|省级|市级|县级|区级|[省市县区])?(?P<honour>{_HONOURS}){_COUNT_AFTER}")
# a quoted honour with its own brand: “芜湖市金融系统工人先锋号”12个, “华鞍工匠”20名
QUOTED_HONOUR = re.compile(
    rf"[“「](?P<name>[^”“」「、，\n]{{1,14}}?(?:{_HONOURS}|工匠))[”」]{_COUNT_AFTER}")


def counted_honours(text: str) -> list[tuple[int, int]]:
    """Counted honours (ANNOTATION 6) with their level as written: 吉林省工人先锋号1个,
    全国五一劳动奖章2人, 市五一劳动奖章13名. A place name before the honour is
    looked up in the gazetteer, longest first."""
    found = [match.span("name") for match in QUOTED_HONOUR.finditer(text)]
    quoted = list(found)
    for match in COUNTED_HONOUR.finditer(text):
        if any(start <= match.start("honour") < end for start, end in quoted):
            continue
        start = match.start()
        core = match.start("honour")
        for length in range(10, 1, -1):  # 吉林省 + 工人先锋号, 白城市级 + …
            candidate = text[max(0, core - length):core]
            place = candidate.removesuffix("级")
            if len(candidate) == length and place in place_names():
                start = min(start, core - length)
                break
        found.append((start, match.end()))
    return found


class QuotedProgrammes:
    def __init__(self, name: str = "union_ie_quoted_programmes") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        added = []
        text = doc._.processing_text
        bounds = [m.span("name") for m in QUOTED_PROGRAMME.finditer(text)]
        for start, end in bounds + counted_honours(text):
            span = doc.char_span(start, end, label="PROGRAM")
            if span is not None and not any(e.start < span.end and span.start < e.end
                                            for e in ents):
                added.append(span)
        if added:
            doc.ents = sorted(ents + added, key=lambda e: e.start)
        return doc


@Language.factory("union_ie_quoted_programmes", requires=["doc.ents"],
                  assigns=["doc.ents"], default_config={})
def make_quoted_programmes(nlp: Language, name: str) -> QuotedProgrammes:
    """Create the quoted-programme ruler (see the module docstring)."""
    return QuotedProgrammes(name)
