"""Read the number a metric states: value, approximation, range and unit.

    "8万余元"      -> MetricValue(80000, approx="more", unit="元")
    "近两千万元"   -> MetricValue(20000000, approx="nearly", unit="元")
    "3000元至5000元" -> MetricValue(3000, approx="range", value_high=5000, unit="元")

The parser works on the raw surface (full-width digits, traditional 萬/億/餘,
spaces, separators and line breaks are folded first), so it can check the
corpus gold values as well as read the pipeline's entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .metric_grammar import declared_money_unit
from .normalize import normalize_text

APPROX_MORE, APPROX_NEARLY, APPROX_ABOUT, APPROX_RANGE = "more", "nearly", "about", "range"

LEADING_APPROX = {
    "不少于": APPROX_MORE, "至少": APPROX_MORE, "超过": APPROX_MORE, "逾": APPROX_MORE,
    "超": APPROX_MORE, "上": APPROX_MORE, "近": APPROX_NEARLY, "不足": APPROX_NEARLY,
    "不到": APPROX_NEARLY, "将近": APPROX_NEARLY, "约": APPROX_ABOUT, "大约": APPROX_ABOUT,
    "达到": None, "达": None, "共": None, "计": None,
}
TRAILING_APPROX = {"余": APPROX_MORE, "多": APPROX_MORE, "以上": APPROX_MORE,
                   "左右": APPROX_ABOUT, "许": APPROX_ABOUT}

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4,
              "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_CN_NUMERAL = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万亿"

def _units() -> str:
    import json

    from .metric_grammar import PATTERNS

    spec = json.loads(PATTERNS.read_text(encoding="utf-8"))
    units = {u for group in spec["units"].values() for u in group}
    return "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))


_LEAD = "|".join(sorted(LEADING_APPROX, key=len, reverse=True))
_TRAIL = "|".join(sorted(TRAILING_APPROX, key=len, reverse=True))
_ONE = re.compile(
    rf"^(?P<lead>(?:{_LEAD})*)"
    rf"(?:(?P<arabic>\d+(?:\.\d+)?)(?P<mid>余|多)?(?P<mult>[十百千万亿]*)"
    rf"|(?P<chinese>[{_CN_NUMERAL}]+)(?P<cmid>余|多)?(?P<cmult>[万亿]?))"
    rf"(?P<approx>余|多)?(?P<unit>(?:{_units()})?)"
    rf"(?P<trail>(?:{_TRAIL})?)$"
)
_RANGE_SEP = re.compile(r"(?<=\S)(?:至|到|-|—|~|～|－|－)(?=\S)")


@dataclass(frozen=True)
class MetricValue:
    """The number a metric states, in base units (yuan, persons, items)."""

    value: float
    approx: str | None = None
    value_high: float | None = None
    unit: str = ""

    @property
    def kind(self) -> str:
        """MONEY, HEADCOUNT or COUNT as the unit suggests ('' if it cannot tell)."""
        if "元" in self.unit:
            return "MONEY"
        if self.unit.startswith(("人", "名", "位")):
            return "HEADCOUNT"
        return "COUNT" if self.unit else ""


def chinese_to_number(text: str) -> float:
    """Read a Chinese numeral: "一百二十" -> 120, "两千万" -> 2e7, "百" -> 100.

    text (str): Chinese numeral characters only.
    RETURNS (float): The number.
    """
    total, section, digit = 0.0, 0.0, None
    if all(c in _CN_DIGITS for c in text) and len(text) > 1:
        return float("".join(str(_CN_DIGITS[c]) for c in text))  # 二〇二三 style
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * _CN_SMALL_UNITS[char]
            digit = None
        elif char in _CN_BIG_UNITS:
            section += digit or 0
            if section == 0:
                section = 1
            total = (total + section) * _CN_BIG_UNITS[char] if char == "亿" else (
                total + section * _CN_BIG_UNITS[char])
            section, digit = 0.0, None
    return total + section + (digit or 0)


def _multiplier(mult: str) -> float:
    factor = 1.0
    for char in mult:
        factor *= {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}[char]
    return factor


def _fold(surface: str) -> str:
    text = re.sub(r"\s+", "", normalize_text(surface).text)
    return re.sub(r"(?<=\d)[,，](?=\d{3})", "", text)


def _parse_one(text: str) -> tuple[float, str | None, str, str] | None:
    match = _ONE.match(text)
    if not match:
        return None
    approx = None
    for lead in re.findall(_LEAD, match["lead"]):
        approx = LEADING_APPROX[lead] or approx
    if match["arabic"]:
        value = float(match["arabic"]) * _multiplier(match["mult"])
    else:  # 一百余万元: the 余 stands between the numeral and its multiplier
        value = chinese_to_number(match["chinese"]) * _multiplier(match["cmult"] or "")
    for marker in (match["mid"], match["cmid"], match["approx"], match["trail"]):
        if marker:
            # the marker attached to the number states the direction (ANNOTATION 7.1)
            approx = TRAILING_APPROX[marker]
    return value, approx, match["unit"], match["mult"] or match["cmult"] or ""


@lru_cache(maxsize=8192)  # Span._.metric_value is read by several components
def parse_metric(surface: str) -> MetricValue | None:
    """Parse a metric's surface form.

    surface (str): The metric as written, e.g. "2.6萬余名" or "3000-5000元".
    RETURNS (MetricValue | None): The value, or None if no number can be read.
    """
    text = _fold(surface)
    parts = _RANGE_SEP.split(text, maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        high = _parse_one(parts[1])
        low = _parse_one(parts[0])
        if high is not None and low is not None:
            low_value = low[0]
            if not low[2] and not low[3] and high[3]:
                low_value *= _multiplier(high[3])  # "1-2万元": 万 applies to both
            return MetricValue(_clean(low_value), APPROX_RANGE, _clean(high[0]),
                               high[2] or low[2])
    one = _parse_one(text)
    if one is None:
        return None
    value, approx, unit, _ = one
    return MetricValue(_clean(value), approx, None, unit)


def _clean(value: float) -> float:
    rounded = round(value, 4)
    return int(rounded) if float(rounded).is_integer() else rounded


_MULTIPLIED = re.compile(r"[万萬亿億]")


def read_metric(surface: str, label: str, text: str) -> MetricValue | None:
    """A metric's value in its report: ``parse_metric``, except that a bare
    MONEY figure of a statement that declares its unit (单位：万元, ANNOTATION
    7.21) is valued in yuan. ``text`` is the report's processing text.
    280万, whose 元 is left out, keeps its own multiplier."""
    value = parse_metric(surface)
    if value is None or value.unit or label != "MONEY" or _MULTIPLIED.search(surface):
        return value
    declared = declared_money_unit(text)
    if declared is None:
        return value
    scale = 10_000 if declared[1] == "万元" else 1
    high = None if value.value_high is None else _clean(value.value_high * scale)
    return MetricValue(_clean(value.value * scale), value.approx, high, declared[1])
