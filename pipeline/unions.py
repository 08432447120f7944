"""Union names: folding, short forms and resolution to the full name meant.

    resolve_union("市总工会", ["洮南市总工会"]) -> "洮南市总工会"
    union_names_match("宜昌市总工会", "市总工会") -> True   (ANNOTATION.md 6)
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import place_names
from .normalize import normalize_text

_QUOTES = re.compile(r"[“”‘’「」『』《》\"'\s]")
# 省总工会, 市总, 县总工会, 区总工会 ...: a level word and 总(工会), nothing before
SHORT_FORM = re.compile(
    r"^(?:(?:省|市|县|区|州|旗|盟|自治区|自治州|镇|乡|街道)总(?:工会)?"
    r"|(?:街道|园区|开发区|集团|公司|镇|乡|社区|厂|矿|院|局|段|校|产业|行业)(?:工会|工会联合会|联合工会))$")
_LEVEL = re.compile(r"(省|市|县|区|州|旗|盟|自治区|自治州|镇|乡|街道)总(?:工会)?$")


@lru_cache(maxsize=4096)
def fold_union_name(name: str) -> str:
    """Simplified characters, no quotes or spaces, 工联会 spelled out: the form
    names are compared in."""
    folded = re.sub(r"\s+", "", _QUOTES.sub("", normalize_text(name).text))  # OCR line breaks too
    if folded.endswith("工联会"):
        return folded[:-3] + "工会联合会"
    # 市直机关工会工委: the working committee's usual abbreviation
    return folded[:-2] + "工作委员会" if folded.endswith("工会工委") else folded


_UNIT_WORDS = ("集团", "公司", "厂", "矿", "院", "局", "段", "校")  # 段: a railway depot
# 产业工会, 行业工会: an industry union speaking of itself (湖南省能源化学地质工会)
_KIND_WORDS = ("产业", "行业")
_GENERIC_SHORT = re.compile(
    rf"^(街道|园区|开发区|镇|乡|社区|{'|'.join(_UNIT_WORDS + _KIND_WORDS)})"
    r"(工会|工会联合会|联合工会)$")


# the opening of a union's abbreviation in brackets after its name:
# 港九职工权益联合会（职权联）, 长春市总工会（以下简称“市总”）
ALIAS_OPENING = r"[（(](?:以下)?(?:简称)?[：:]?[“\"]?"


def is_short_form(name: str) -> bool:
    """Whether a union mention names no place (市总工会, 省总, 全总)."""
    folded = fold_union_name(name)
    return bool(SHORT_FORM.match(folded)) or folded in (
        "全总", "区工会", "镇工会", "街道工会", "联合工会", "联合会")


def _expand_abbreviation(name: str) -> str:
    return name + "工会" if name.endswith("总") else name


def resolve_union(mention: str, full_names: list[str]) -> str:
    """The full name a union mention stands for, among the report's full names.

    mention (str): The mention as written (洮南市总工会, 市总工会, 市总, 全总).
    full_names (list[str]): Folded full names in the report, the subject first.
    RETURNS (str): A full name ending like the short form, else the mention itself.
    """
    folded = fold_union_name(mention)
    if not is_short_form(folded):
        # 任丘市总, 沂水县总: a place's federation without 工会
        if _LEVEL.search(folded) and folded + "工会" in full_names:
            return folded + "工会"
        return folded
    if folded == "全总":  # the one national federation, when the report names it in full
        return next((f for f in full_names if f.endswith("全国总工会")), folded)
    expanded = _expand_abbreviation(folded)
    level = _LEVEL.search(folded)
    generic = _GENERIC_SHORT.match(folded)
    for full in full_names:
        if generic and not is_short_form(full) and full.endswith(generic.group(2)) and (
                generic.group(1) in full[: -len(generic.group(2))]):
            return full
        # 园区工会 for 中关村软件园工会联合会
        if generic and generic.group(1) == "园区" and not is_short_form(full) and (
                "园" in _SUFFIX.sub("", full)):
            return full
        if level and full.endswith(level.group(1) + "总工会") and not is_short_form(full):
            return full
        if full.endswith(expanded) and full != expanded and not is_short_form(full):
            return full
    if generic and generic.group(1) in _UNIT_WORDS + _KIND_WORDS:
        # 厂工会 in a report whose own union is 华励电器有限公司工会: the report's
        # enterprise union, the subject (first) unless a federation
        subject = next((f for f in full_names if not is_short_form(f)), None)
        if subject and not subject.endswith(("总工会", "工会联合会", "联合工会")):
            return subject
    return folded


_DATELINE = re.compile(r"[ \t]*(?:本报)?([\u4e00-\u9fff]{2,6}?)讯[ \t\u3000]*$")


def dateline_union(lead: str, short_form: str) -> str | None:
    """The federation a short form names right after a dateline ("武宁讯 县总工会…"
    -> 武宁县总工会, "涉县讯 县总工会" -> 涉县总工会), when the gazetteer knows
    the place at that level; else None.

    lead (str): The text of the line before the short form.
    short_form (str): A short-form mention (县总工会, 市总).
    """
    dateline = _DATELINE.match(lead)
    level = _LEVEL.match(fold_union_name(short_form))
    if not dateline or not level or level.group(1) not in ("市", "县", "区", "旗"):
        return None
    place, level_word = dateline.group(1), level.group(1)
    known = place_names()
    for name in (place, place + level_word):
        if name.endswith(level_word) and name in known:
            return name + "总工会"
    return None


def union_names_match(predicted: str, gold: str) -> bool:
    """Whether a resolved union name counts as the gold one (ANNOTATION.md 6).

    A resolved full name that ends with the gold short form is right, and so is
    a name without the province in front; a bare short form never stands for a
    full name.
    """
    predicted, gold = fold_union_name(predicted), fold_union_name(gold)
    if predicted == gold:
        return True
    if is_short_form(predicted):
        return False
    if is_short_form(gold):
        return predicted.endswith(_expand_abbreviation(gold)) or predicted.endswith(gold)
    return gold.endswith(predicted) and len(predicted) >= 4 or predicted.endswith(gold)



_SUFFIX = re.compile(r"(总工会|工会联合会|联合工会|工会工作委员会|工会委员会|工会)$")


def _is_subsequence(short: str, long: str) -> int:
    """Index in ``long`` just after the last matched character, or -1."""
    position = 0
    for char in short:
        position = long.find(char, position)
        if position < 0:
            return -1
        position += 1
    return position


_COMMITTEE_OF = re.compile(r"^中国.{2,8}?工会(.{2,}?)委员会$")
_LEGAL_FORM = re.compile(r"集团|有限|责任|股份|公司|控股|劳动者|[（）()]")
_LEVEL_WORD = re.compile(r"(省|市|县|区|州|镇|乡|街道|旗|盟)")
_COMPATIBLE = {"工会": "g", "总工会": "g", "工会委员会": "g", "工会工作委员会": "g", "联合工会": "l", "工会联合会": "f"}


_COMPANY = re.compile(r"(?:公司|集团)$")
# a branch, plant or workshop of the company: its own union, not the company's
# (a numbered unit is one for every name: 中建三局 / 中建三局一公司)
_NUMBERED_UNIT = re.compile(r"[一二三四五六七八九十\d]公司|车间|项目部")
_BRANCH = re.compile(r"分公司|分厂|分行|支行|分会|厂|矿")


def _is_brand(shorter: str, longer: str, rest: str) -> bool:
    """A company's union by its brand: 华晟工会 / 苏州华晟精密机械有限公司工会,
    华宇汽零工会 / 襄阳华宇汽车零部件有限公司工会. The short name is no place
    and no company form, the long one a company with no branch or level after
    the shared part."""
    return (not _LEGAL_FORM.search(shorter) and not _LEVEL_WORD.search(shorter)
            and bool(_COMPANY.search(longer)) and not _LEVEL_WORD.search(rest)
            and not _BRANCH.search(rest))


def same_union(a: str, b: str) -> bool:
    """Whether two folded full names in one report name the same union.

    Same: 中建三局工会 / 中建三局集团有限公司工会, 铜仁市总工会 / 贵州省铜仁市总工会,
    望京街道工会 / 朝阳区望京街道总工会, 南昌新就业形态联合工会 /
    南昌市新就业形态劳动者联合工会. Not the same: 深圳市总工会 /
    深圳市快递行业联合工会, 包钢集团工会 / 包钢（集团）稀土钢板材公司工会,
    浏阳市总工会 / 浏阳市大瑶镇总工会,
    镇赉县总工会 / 镇赉县职业技术教育中心工会.
    """
    if a == b:
        return True
    if is_short_form(a) or is_short_form(b):
        return False
    # 中国海员建设工会 + 海南港航控股有限公司 + 委员会 is that company's union
    a, b = _COMMITTEE_OF.sub(r"\1工会", a), _COMMITTEE_OF.sub(r"\1工会", b)
    suffix_a, suffix_b = _SUFFIX.search(a), _SUFFIX.search(b)
    if not suffix_a or not suffix_b:
        return False
    if _COMPATIBLE[suffix_a.group(1)] != _COMPATIBLE[suffix_b.group(1)]:
        return False
    core_a, core_b = a[: suffix_a.start()], b[: suffix_b.start()]
    shorter, longer = sorted((core_a, core_b), key=len)
    if len(shorter) < 2:
        return False
    end = _is_subsequence(shorter, longer)
    if end < 0 or shorter[0] not in longer[: max(4, len(longer) - len(shorter) + 1)]:
        return False
    # 镇赉县 + 职业技术教育中心: a unit's union inside the place, not its federation
    if end < len(longer) and _LEVEL_WORD.search(shorter[-2:]):
        return False
    # extra words after the shared part must not name a lower level (镇, 街道)
    # or a unit of its own (包钢集团 / 包钢（集团）稀土钢板材公司); a company's
    # legal form may follow (中建三局 / 中建三局集团有限公司)
    rest = longer[end:]
    if _NUMBERED_UNIT.search(rest):  # 中建三局 / 中建三局一公司
        return False
    if _is_brand(shorter, longer, rest):
        return True
    if not _LEVEL_WORD.search(shorter) and _LEVEL_WORD.fullmatch(rest[-1:]) and not \
            _LEVEL_WORD.search(rest[:-1]):
        # a bare name for the full one with its own level at the end:
        # 前海总工会 / 深圳市前海深港现代服务业合作区总工会, 大瑶总工会 / 大瑶镇总工会
        return True
    return not _LEVEL_WORD.search(rest) and len(_LEGAL_FORM.sub("", rest)) < 2
