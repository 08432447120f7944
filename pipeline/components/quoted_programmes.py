"""Programme cues: quoted names before a generic head, and counted honours.

“X”活动, “X”行动, “X”项目 … → PROGRAM X; 工人先锋号6个 → PROGRAM 工人先锋号.

Unions quote the names of their campaigns and follow them with a generic head
(ANNOTATION.md 2: “夏送清凉”慰问活动 → 夏送清凉). The cue holds for names the
models have never seen; on train+dev it finds 92 gold programmes for 4 misses.
Counted honours (their level as written) are programmes by section 6; the
NER misses them inside long lists. Both only fill gaps: an entity already
there is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import load_lexicon

QUOTED_PROGRAMME = re.compile(
    r"“(?P<name>[^”“\n]{2,14})”(?:主题|系列|专项)?(?:活动|行动|项目|工程|竞赛|品牌|服务)")
_HONOURS = "五一劳动奖章|五一劳动奖状|工人先锋号|创新标兵|模范职工之家|最美工驿站"


@lru_cache(maxsize=1)
def counted_honour() -> re.Pattern[str]:
    """A counted honour (ANNOTATION 6) with its level as written (吉林省工人先锋号,
    全国五一劳动奖章, 市五一劳动奖章), then a count right after."""
    places = "|".join(sorted(load_lexicon().places, key=len, reverse=True))
    return re.compile(
        rf"(?P<name>(?:(?:{places})(?:级)?|全国|全省|全市|全县|省级|市级|县级|区级|[省市县区])?"
        rf"(?:{_HONOURS}))(?=[”」]?\d|[”」]?[一二两三四五六七八九十]+[个名人家项])")


class QuotedProgrammes:
    def __init__(self, name: str = "union_ie_quoted_programmes") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        added = []
        text = doc.text
        for match in (*QUOTED_PROGRAMME.finditer(text), *counted_honour().finditer(text)):
            span = doc.char_span(match.start("name"), match.end("name"), label="PROGRAM")
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
