"""Turn raw report text into processing text plus an offset map.

Models see one canonical form: simplified characters, half-width digits and
letters, full-width Chinese punctuation, OCR column breaks joined. Users see
the raw text. ``normalize_text`` returns both views at once, and
``NormalizedText`` maps spans between them, so every entity the pipeline
reports is a span of the text it was given.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"

# A line that ends like this closes a sentence or a heading: keep the break.
_SENTENCE_END = set("。！？!?；;：:…")
# OCR column breaks join only when the line before is this long; shorter lines
# are headings or one-phrase-per-line posts whose breaks separate phrases.
OCR_MIN_LINE = 11
OCR_MIN_SHARE = 0.7  # of the column width: shorter lines never join
COLUMN_MIN_WIDTH, COLUMN_TOLERANCE, COLUMN_MIN_SHARE = 13, 3, 0.4
# A column page's long lines are cut prose: nearly all hold a clause mark (the
# seed page 94 %, the corpus's OCR pages 61 % and up); a poster's phrases
# mostly do not (11 of the 21 one-phrase-per-line posts that the width test
# alone took for column pages are under 55 %).
COLUMN_MIN_PROSE = 0.55
_INNER_MARK = re.compile(r"[，、；：“”（）。！？,;:()!?]")

_ASCII_PUNCT = {",": "，", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_FULLWIDTH_FOLD = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH_FOLD.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH_FOLD.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH_FOLD.update({"％": "%", "．": ".", "\u3000": " ", "\u00a0": " ", "\r": "\n"})

_FOLD_CANDIDATE = re.compile(r'[,;!?():".，]')  # what _fold_ascii_punct may change
_BREAK_RUN = re.compile(r"[ \t\u3000]*\n(?:[ \t\u3000]*\n)*[ \t\u3000]*")
_BULLETS = set("◎●○■□▲△◆◇★☆·•—-【[")
_HEADLINE_SPACE = re.compile(r"[\u3400-\u9fff] +[\u3400-\u9fff]")
# A new report starts here, whatever the line before looks like.
_REPORT_LEADS = ("本报讯", "本报记者", "本网讯", "本站讯", "本刊讯", "讯（", "讯(")
_ITEM_START = re.compile(r"[一二三四五六七八九十]{1,2}、|\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,2}[）)]")
_LABEL_LINE = re.compile(r"[\u4e00-\u9fff]{2,8}[：:]")
_CLAUSE_MARK = re.compile(r"[，。,]")
_ENDS_WITH_FIGURE = re.compile(r"\d[\u4e00-\u9fff]{0,3}$")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _translation_table() -> dict[int, str]:
    table = json.loads((_DATA / "t2s_chars.json").read_text(encoding="utf-8"))
    table.update(_FULLWIDTH_FOLD)
    return str.maketrans(table)


@dataclass(frozen=True)
class NormalizedText:
    """Processing text and, for each of its characters, the raw offset."""

    raw: str
    text: str
    offsets: tuple[int, ...]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a processing-text span to the raw text.

        start (int): Start offset in ``text``.
        end (int): End offset in ``text`` (exclusive, > start).
        RETURNS (tuple[int, int]): The raw span from the first to the last character.
        """
        return self.offsets[start], self.offsets[end - 1] + 1

    def to_processing(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a raw span to the processing text, or None if nothing of it remains."""
        from bisect import bisect_left

        first = bisect_left(self.offsets, start)
        last = bisect_left(self.offsets, end)
        if first >= last:
            return None
        return first, last


def _is_cjk(char: str) -> bool:
    return bool(_CJK.match(char))


def _next_visible(chars: list[str], start: int) -> str:
    for char in chars[start:start + 4]:
        if not char.isspace():
            return char
    return ""


def _near_digit(chars: list[str], i: int) -> bool:
    """A digit on both sides of chars[i], line breaks and spaces skipped."""
    before = next((c for c in reversed(chars[max(0, i - 4):i]) if not c.isspace()), "")
    return before.isdigit() and _next_visible(chars, i + 1).isdigit()


def _thousands_follow(chars: list[str], start: int) -> bool:
    digits = "".join(chars[start:start + 4])
    return len(digits) >= 3 and digits[:3].isdigit() and not digits[3:4].isdigit()


def _fold_ascii_punct(chars: list[str]) -> None:
    """ASCII punctuation to full-width, except inside numbers and codes."""
    quote_open = True
    for match in _FOLD_CANDIDATE.finditer("".join(chars)):  # skip the other characters
        i = match.start()
        char = chars[i]
        before = chars[i - 1] if i else ""
        after = chars[i + 1] if i + 1 < len(chars) else ""
        if char in _ASCII_PUNCT:
            if char in ",;" and _near_digit(chars, i):
                continue  # 1,200 (also 1,\n376 broken across lines) and 3;4 codes stay
            chars[i] = _ASCII_PUNCT[char]
        elif char == "，" and before.isdigit() and _thousands_follow(chars, i + 1):
            chars[i] = ","  # ６，２１０人: a full-width thousands separator
        elif char == ":" and not (before.isdigit() and after.isdigit()):
            chars[i] = "："
        elif char == '"':
            chars[i] = "“" if quote_open else "”"
            quote_open = not quote_open
        elif char == "." and _is_cjk(before) and (not after or not after.isalnum()):
            chars[i] = "。"


def column_width(text: str) -> int:
    """The width of a scanned page's columns, or 0 for free-flowing text.

    Column text has many lines of one width of 13 or more characters, and
    most of its long lines hold a clause mark; web text and one-phrase-per-line
    posts do not, and their breaks are all real.
    """
    lengths = [len(line.strip()) for line in text.split("\n") if len(line.strip()) >= 8]
    if len(lengths) < 4:
        return 0
    mode, _ = Counter(lengths).most_common(1)[0]
    share = sum(1 for n in lengths if abs(n - mode) <= COLUMN_TOLERANCE) / len(lengths)
    if mode < COLUMN_MIN_WIDTH or share < COLUMN_MIN_SHARE:
        return 0
    long_lines = [line for line in (raw.strip() for raw in text.split("\n"))
                  if len(line) >= max(OCR_MIN_LINE, round(mode * OCR_MIN_SHARE))]
    prose = sum(1 for line in long_lines
                if _INNER_MARK.search(line, 0, len(line) - 1) or line[-1] in "，、,")
    return mode if prose >= COLUMN_MIN_PROSE * len(long_lines) else 0


def _splits_a_metric(text: str, start: int, end: int) -> bool:
    """Whether the break text[start:end] falls inside a figure ("1,\n376人",
    "23\n.4万元", "312人\n次"): such a break is never a real one."""
    from .metric_grammar import metric_regex

    left, right = text[max(0, start - 12):start], text[end:end + 12]
    if not left or not right or text.count("\n", start, end) > 1:
        return False  # a blank line is a paragraph break, never inside a figure
    junction = len(left)
    joined = left + right
    for match in metric_regex().finditer(joined):
        if match.start() < junction < match.end():
            # "2023" + "1,285名" is a year and a figure: grouped digits start
            # with at most three
            digits = re.search(r"\d[\d,.]*", joined[match.start():match.end()])
            return not (digits and "," in digits.group()
                        and not re.match(r"\d{1,3},", digits.group()))
    return False


_UNION_WORD = re.compile(r"工会联合会|工会|工联会")  # 总工\n会 and 联合工\n会 break 工会


def _splits_a_union_word(text: str, start: int, end: int) -> bool:
    """Whether a single line break falls inside 工会 or 总工会 ("临猗县总工\n会"):
    no line, not even a one-phrase-per-line post's, ends there."""
    if text.count("\n", start, end) != 1:
        return False
    left, right = text[max(0, start - 3):start], text[end:end + 3]
    junction = len(left)
    return any(m.start() < junction < m.end() for m in _UNION_WORD.finditer(left + right))


_INNER_SPACE = re.compile(r"[ \u3000\t]")  # headlines, list items and table rows have them


def _strip_lead(line: str) -> str:
    """The line without a leading 本报讯-style lead and the space after it."""
    for lead in _REPORT_LEADS:
        if line.startswith(lead):
            return line[len(lead):].lstrip()
    return line


def normalize_text(raw: str) -> NormalizedText:
    """Normalize raw report text for the models, keeping the offset map.

    raw (str): The report as received.
    RETURNS (NormalizedText): ``text`` for processing and its raw ``offsets``.

    "職工１２０ 人" -> text "职工120人", offsets (0, 1, 2, 3, 4, 6)
    """
    folded = raw.translate(_translation_table())
    chars = list(folded)
    _fold_ascii_punct(chars)
    folded = "".join(chars)
    keep = [True] * len(folded)
    width = column_width(folded)
    # a line this long is a full column line; a shorter one down to min_line
    # (OCR lines vary with punctuation widths) joins unless it has a space
    # inside, as headlines, list items and table rows do
    full_line = max(OCR_MIN_LINE, width - COLUMN_TOLERANCE)
    min_line = max(OCR_MIN_LINE, min(full_line, round(width * OCR_MIN_SHARE)))
    # Join OCR column breaks: a break inside a sentence of a long line.
    for match in _BREAK_RUN.finditer(folded):
        start, end = match.span()
        line_start = folded.rfind("\n", 0, start) + 1
        line = folded[line_start:start].strip()
        before = folded[start - 1] if start else ""
        after = folded[end] if end < len(folded) else ""
        blank_line = folded.count("\n", start, end) > 1
        joinable = (
            width
            and len(line) >= min_line
            and (len(line) >= full_line or not _INNER_SPACE.search(_strip_lead(line)))
            and not (blank_line and (after.isdigit() or after in _BULLETS))
            # a table row ends in its figure: "收入合计　19,337,755.50" + a blank
            # line + "支出部分" is two blocks, not "19,337,755.50支"
            and not (blank_line and before.isdigit())
            and not (blank_line and _HEADLINE_SPACE.search(line))
            and not folded.startswith(_REPORT_LEADS, end)
            and before not in _SENTENCE_END
            and after
            and (_is_cjk(after) or after.isdigit() or after in "“‘《（")
            and (_is_cjk(before) or before.isdigit() or before in "，、”’》）")
        )
        # "浏览次数: 1,536" + "本站讯…" is a page header and a lead, not "1,536本"
        # and "01" alone on its line numbers a section: "01" + "3.2万人次" is no figure
        section_number = line.isdigit() and len(line) <= 3
        # an indented or numbered line opens a paragraph, an item or a table row
        # ("  (一)会费收入 38,760.00", "二、支出合计")
        # and a label line ("沂水县：电商课堂开到村头") is a headline, not a column line
        # and a figure's line before a labelled one is a data sheet's row
        # ("秦州区总工会：新建5家，服务1.3万人次" / "麦积区总工会：新建4家")
        if folded[end - 1] in " \t\u3000" or _ITEM_START.match(folded, end) or (
                _LABEL_LINE.match(line) and not _CLAUSE_MARK.search(line)) or (
                _LABEL_LINE.match(folded, end) and _ENDS_WITH_FIGURE.search(line)):
            joinable = False
        if joinable or _splits_a_union_word(folded, start, end) or (
                _splits_a_metric(folded, start, end) and not section_number
                and not folded.startswith(_REPORT_LEADS, end)):
            for i in range(start, end):
                keep[i] = False
        else:
            # keep one line break for the run, drop the padding around it
            newline = folded.index("\n", start)
            for i in range(start, end):
                keep[i] = i == newline
    # Spaces between a digit and a character: "126 家", "30 余名", "1 200人".
    for match in re.finditer(r"(?<=\d)[ \t]+(?=[\d\u3400-\u9fff])|(?<=[\u3400-\u9fff])[ \t]+(?=\d)", folded):
        for i in range(*match.span()):
            keep[i] = False
    offsets = tuple(i for i, k in enumerate(keep) if k)
    text = "".join(folded[i] for i in offsets)
    return NormalizedText(raw=raw, text=text, offsets=offsets)
