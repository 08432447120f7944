"""The metric grammar: one regular expression built from a data file.

Union reports state figures in a small, regular grammar (approximator, number
in Arabic or Chinese numerals, multiplier, unit, trailing approximator, or a
range of two such) that pkuseg segments unpredictably ("8万" "余元",
"万余元"). A character-level expression states it once; the tokenizer cuts
tokens at its matches so that metric spans always fall on token boundaries.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

PATTERNS = Path(__file__).resolve().parent / "data" / "patterns" / "metrics.json"
_CN_DIGIT = "零〇二两三四五六七八九十百千万亿"  # no 一: alone it is an article
BOUND_BEFORE_YUE = "要签预邀履节特违践毁解守立缔续"  # 要约 1,420份 is exact; 折合约 is not


def _alternatives(items: list[str]) -> str:
    return "|".join(re.escape(i) for i in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def metric_regex() -> re.Pattern[str]:
    """Compile the metric expression from ``data/patterns/metrics.json``.

    RETURNS (re.Pattern): Named groups ``MONEY``, ``HEADCOUNT``, ``COUNT`` tell
        which unit class matched.
    """
    spec = json.loads(PATTERNS.read_text(encoding="utf-8"))
    # 约 ends words of its own (要约, 签约, 预约): then the figure after it is exact
    lead = _alternatives(spec["leading_approx"]).replace(
        "|约", rf"|(?<![{BOUND_BEFORE_YUE}])约")
    trail = _alternatives(spec["trailing_approx"])
    sep = _alternatives(spec["range_separators"])
    arabic = r"\d+(?:[.,]\d+)*(?:余|多)?[十百千万亿]{0,2}"
    # Chinese numerals: a numeral string that starts with a digit word
    # (一百二十, 两千, 三), never 一 alone (an article) nor a bare 万/千 (千家万户);
    # 百/千/万 alone only after 上 or an approximator (上千, 近百).
    # A lone 二 counts nothing: counts say 两 (二次救助, 二期工程, 第一、二批 are
    # ordinals), and a congress's session is no count (三届五次全委会).
    chinese = (rf"(?<!届)(?:[一二两三四五六七八九十][一{_CN_DIGIT}]+|[两三四五六七八九十]"
               rf"|上[百千万]|(?<=[近约逾超])[百千万])")
    number = rf"(?:{arabic}|{chinese})(?:余|多)?"
    groups = []
    for label, units in spec["units"].items():
        unit_alts = []
        for unit in sorted(units, key=len, reverse=True):
            blocked = spec["not_after_unit"].get(unit, [])
            guard = f"(?!{_alternatives(blocked)})" if blocked else ""
            unit_alts.append(re.escape(unit) + guard)
        unit = "(?:" + "|".join(unit_alts) + ")"
        one = rf"{number}{unit}"
        ranged = rf"{number}(?:{unit})?(?:{sep}){number}{unit}"
        groups.append(rf"(?P<{label}>(?:{ranged}|{one})(?:{trail})?)")
    not_before = "".join(spec["not_before"])
    body = "|".join(groups)
    # what may not precede the number (第三, 前三名, 数万名) may precede an
    # approximator: 总数逾3,000个, 总数达226个
    return re.compile(rf"(?:(?:{lead})|(?<![{not_before}\d.,一{_CN_DIGIT}]))(?:{body})")


def find_metrics(text: str) -> list[tuple[int, int, str]]:
    """Find metric candidates in processing text.

    text (str): Normalized text (half-width digits, simplified characters).
    RETURNS (list[tuple[int, int, str]]): (start, end, label) of each match.
    """
    return [(m.start(), m.end(), m.lastgroup or "") for m in metric_regex().finditer(text)]


# A financial statement states its unit once (单位：元, 金额单位：万元) and then
# lists bare figures: "一、收入合计 1,386,540.00".
_DECLARED_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元)")
_BARE_FIGURE = re.compile(
    r"(?<![\d.,A-Za-z%])(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+\.\d{1,2})(?![\d.,%])(?![ \t]*[\u4e00-\u9fff%])")


def declared_money_unit(text: str) -> tuple[int, str] | None:
    """Where a statement declares its money unit, and the unit ("元" or "万元")."""
    match = _DECLARED_UNIT.search(text)
    return (match.end(), match.group(1)) if match else None


def find_declared_money(text: str) -> list[tuple[int, int, str]]:
    """Bare figures after a declared money unit, as MONEY candidates."""
    declared = declared_money_unit(text)
    if declared is None:
        return []
    return [(m.start(), m.end(), "MONEY") for m in _BARE_FIGURE.finditer(text, declared[0])]
