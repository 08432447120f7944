"""Organization names the NER missed: a place-led or incorporated name that
ends in an organization word (河北冀华律师事务所, 海口市龙华区人民法院,
天津曙光精测仪器有限公司, 湘西州人社局).

The name is read back from its last organization word to the nearest word
that cannot be inside a name (a verb, a preposition, punctuation), and kept
only when it starts with a place in the gazetteer (or 中国/国家…) or carries
a legal form (有限, 股份, 集团): the two marks of a proper name. A name that
runs on into 工会 is a union's and is left to the union stages. Fills gaps
only; an ORG the NER cut short inside the name is replaced.
"""

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import load_lexicon, place_names, places_by_start
from ..names import NAME_STOP, name_start
from .base import take_over

_ORG_WORD = re.compile(
    r"股份有限公司|有限责任公司|有限公司|分公司|集团公司|集团|中级人民法院|人民法院|律师事务所"
    r"|附属医院|医院|大学|学院|中学|小学|仲裁委员会|仲裁院|人社局|局|委员会|研究院|研究所"
    r"|融媒体中心|电视台|日报社|报社|日报|晚报|银行|支行|分行|基金会|协会|商会|支队|大队|卫生院")
_NATIONAL = ("中国", "中华", "国家", "国网", "中铁", "中建", "中交", "中冶", "中车", "中石")
_LEGAL_FORM = re.compile(r"有限|股份|集团")
_UNION_AHEAD = re.compile(r"[\u4e00-\u9fff（）]{0,14}?(?:工会|工联会)")


def _proper(name: str) -> bool:
    return name.startswith(_NATIONAL) or bool(_LEGAL_FORM.search(name)) or any(
        name.startswith(place) for place in places_by_start().get(name[:2], []))


# the names a list gives as examples of a kind of body: 为岳阳林纸、巴陵石化等18家
#重点企业, 走进华为、比亚迪等企业, e代驾、滴滴代驾等平台
_LISTED_ITEM = r"[^\s、，,。；;：:“”\"（）()\n等和与及]{2,26}"
_LISTED_BODIES = re.compile(
    rf"(?P<items>{_LISTED_ITEM}(?:、{_LISTED_ITEM})*)等(?:[\d一二两三四五六七八九十百余多]+[家个所])?"
    r"(?:重点|大型|民营|国有|骨干|规上|非公|外资|新业态)?(?:企业|单位|平台|楼宇|公司|商场|市场"
    r"|高校|银行|酒店|医院)")
# a place or a stretch of land is not a body (南港工业区, 中央大街, 亚龙湾)
_PLACE_LIKE = re.compile(r"(?:区|县|市|镇|乡|村|街|路|山|湾|湖|岛|港|园区|片区|新城)$")


def listed_bodies(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names listed as examples of a kind of body (…等企业).
    A name is read back to the nearest word that cannot be inside one; it has
    three characters or more, or is a platform of the lexicon (美团), so that
    the kinds of industry a list may give (石化、造纸等企业) stay out."""
    platforms = set(load_lexicon().organizations)
    found = []
    for match in _LISTED_BODIES.finditer(text):
        position = match.start("items")
        for item in match.group("items").split("、"):
            end = position + len(item)
            start = name_start(text, end, NAME_STOP, reach=len(item))
            position = end + 1
            if start is None:
                continue
            name = text[start:end]
            if (len(name) >= 3 or name in platforms) and not _PLACE_LIKE.search(name) \
                    and "工会" not in name and name not in place_names(with_stems=True):
                found.append((start, end))
    return found


def organization_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of the organization names in processing text, longest first
    where they overlap (大连医科大学附属第一医院, not 大连医科大学)."""
    found: list[tuple[int, int]] = []
    for match in _ORG_WORD.finditer(text):
        start = name_start(text, match.start(), NAME_STOP, reach=22)
        if start is None:
            continue
        ahead = _UNION_AHEAD.match(text, match.end())
        if ahead and not NAME_STOP.search(text[match.end():ahead.end()]):
            continue  # 烟台海港物流集团 + 有限公司工会: a union's name
        name = text[start:match.end()]
        if _proper(name) and "工会" not in name:  # 中国海员建设工会…委员会 is a union
            found.append((start, match.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class OrganizationNames:
    def __init__(self, name: str = "union_ie_organizations") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        changed = False
        text = doc._.processing_text
        for start, end in organization_names(text) + listed_bodies(text):
            span = doc.char_span(start, end, label="ORG")
            placed = take_over(span, ents, "ORG") if span is not None else None
            if placed is not None:
                ents, changed = placed, True
        if changed:
            doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


@Language.factory("union_ie_organizations", requires=["doc.ents"], assigns=["doc.ents"],
                  default_config={})
def make_organizations(nlp: Language, name: str) -> OrganizationNames:
    """Create the organization-name repair (see the module docstring)."""
    return OrganizationNames(name)
