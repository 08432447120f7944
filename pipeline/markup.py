"""Reduce pasted HTML or markdown to the plain text a reader sees.

Plain text passes through unchanged. HTML: block tags become line breaks,
table cells a space, script/style/title vanish, entities are unescaped.
Markdown: headings, quotes, bullets, emphasis, links, code and tables lose
their marks and keep their text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center",
    "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul",
})
_CELL_TAGS = frozenset({"td", "th"})
# Not shown on the page. <title> repeats the headline (and the site name); kept,
# its numbers would give every record twice.
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "title"})
_INLINE_TAGS = frozenset({
    "a", "abbr", "b", "code", "em", "font", "head", "i", "img", "input", "label",
    "link", "mark", "meta", "s", "small", "span", "strike", "strong", "sub", "sup",
    "time", "u", "wbr",
})
_HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_HTML_PAGE = re.compile(r"<!--|<!doctype\b", re.IGNORECASE)
_HTML_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]+);")
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
# A source line break between two CJK characters is no space on the page (CSS
# Text 3 segment break rule): "全年走访\n困难职工" -> "全年走访困难职工".
_CJK_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t]*\n\s*(?=[{_CJK}])")
_WHITESPACE = re.compile(r"\s+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def strip_markup(text: str) -> str:
    """Reduce HTML or markdown to plain text; plain text comes back unchanged.

    HTML: p, div, br, li, h1-h6, tr and other block tags become line breaks,
    table cells a space, other tags vanish, entities are unescaped, script,
    style and title are dropped. Markdown: heading, quote, bullet, emphasis,
    link, code and table marks go, their text stays ("[职工书屋](http://x)" ->
    "职工书屋"). Runs of blank lines become one blank line.

    text (str): Decoded text with LF line ends.
    RETURNS (str): The text a reader sees.
    """
    kind = _html_kind(text)
    if kind is not None:
        text = _html_to_text(text, collapse=kind == "page")
    if _looks_like_markdown(text):
        text = _markdown_to_text(text)
    return text


def _html_kind(text: str) -> str | None:
    """"page" if block tags are found, "fragment" if only inline tags/entities."""
    if _HTML_PAGE.search(text):
        return "page"
    kind = None
    for match in _HTML_TAG.finditer(text):
        name = match.group(1).lower()
        if name in _BLOCK_TAGS or name in _HIDDEN_TAGS or name in _CELL_TAGS:
            return "page"
        if name in _INLINE_TAGS:
            kind = "fragment"
    if kind is None and any(
        html.unescape(m.group()) != m.group() for m in _HTML_ENTITY.finditer(text)
    ):
        kind = "fragment"
    return kind


class _HTMLTextParser(HTMLParser):
    """Collects the visible text of HTML, breaking lines at block tags."""

    def __init__(self, collapse: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.collapse = collapse  # browser whitespace rules (a page, not a fragment)
        self.parts: list[str] = []
        self.hidden = 0
        self.pre = 0
        self.open_line = False  # text since the last line break

    def line_break(self, hard: bool = False) -> None:
        if hard or self.open_line:
            self.parts.append("\n")
            self.open_line = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "body":
            self.hidden = 0  # an unclosed <title> must not hide the page
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag == "br":
            self.line_break(hard=True)
        elif tag in _BLOCK_TAGS:
            self.line_break()
            self.pre += tag == "pre"
        elif tag in _CELL_TAGS and self.open_line:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS and tag != "br":
            self.line_break()
            self.pre = max(0, self.pre - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.collapse and not self.pre:
            data = _WHITESPACE.sub(" ", _CJK_WRAP.sub("", data))
            if data == " " and not self.open_line:
                return
        self.parts.append(data)
        self.open_line = self.open_line or bool(data.strip())


def _html_to_text(text: str, collapse: bool) -> str:
    parser = _HTMLTextParser(collapse)
    parser.feed(text)
    parser.close()
    lines = "".join(parser.parts).replace("\xa0", " ").split("\n")
    lines = [line.strip() if collapse else line.rstrip() for line in lines]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


_MD_SIGNALS = (
    re.compile(r"(?m)^ {0,3}#{1,6}[ \t]+\S"),  # heading
    re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),  # bold
    re.compile(r"!?\[[^\]\n]+\]\([^)\s]+\)"),  # link or image
    re.compile(r"(?m)^ {0,3}>[ \t]+\S"),  # quote
    re.compile(r"(?m)^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|"),  # table rule
    re.compile(r"(?m)^ {0,3}```"),  # code fence
)
_MD_BULLET = re.compile(r"(?m)^[ \t]*[-*+][ \t]+(?=\S)")
_MD_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_MD_DROPPED_LINE = re.compile(
    r"^(?: {0,3}```.*"  # code fence
    r"|[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*"  # table rule
    r"| {0,3}\[[^\]\n]+\]:[ \t]*<?(?:https?://|www\.|/)\S*.*)$"  # link reference
)
_MD_RULE = re.compile(r"^ {0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*)$")
_MD_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+")
_MD_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_MD_INLINE = (
    (re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[([^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\])"), r"\1"),  # link
    (re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>"), r"\1"),  # autolink
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"\*\*(?=\S)([^\n]+?)(?<=\S)\*\*|__(?=\S)([^\n]+?)(?<=\S)__"), r"\1\2"),
    (re.compile(r"~~(?=\S)([^\n]+?)(?<=\S)~~"), r"\1"),
    # no word boundary for *: "全年*发放*慰问金" is emphasis between CJK words
    (re.compile(r"(?<!\*)\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?!\*)"), r"\1"),
    (re.compile(r"(?<![_\w])_(?=\S)([^_\n]+?)(?<=\S)_(?![_\w])"), r"\1"),
)
# Escaped characters hide in a private-use plane while the marks are removed.
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_ESCAPED = re.compile("[\U000f0000-\U000f007f]")


def _looks_like_markdown(text: str) -> bool:
    if any(signal.search(text) for signal in _MD_SIGNALS):
        return True
    bullets = len(_MD_BULLET.findall(text))
    rows = sum(1 for line in text.split("\n") if _MD_TABLE_ROW.match(line))
    return bullets >= 2 or rows >= 2


def _markdown_to_text(text: str) -> str:
    text = _MD_ESCAPE.sub(lambda m: chr(0xF0000 + ord(m.group(1))), text)
    lines = []
    for line in text.split("\n"):
        if _MD_DROPPED_LINE.match(line):
            continue
        if _MD_RULE.match(line):
            lines.append("")
            continue
        line = _MD_QUOTE.sub("", line)
        heading = _MD_HEADING.match(line)
        if heading:
            line = _MD_CLOSING_HASHES.sub("", line[heading.end():])
        else:
            line = _MD_BULLET.sub("", line)
        if _MD_TABLE_ROW.match(line):
            cells = line.strip().strip("|").split("|")
            line = " ".join(cell.strip() for cell in cells)
        lines.append(line.rstrip())
    text = "\n".join(lines)
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    text = _MD_ESCAPED.sub(lambda m: chr(ord(m.group()) - 0xF0000), text)
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")
