"""Split an input into reports, paragraphs and sentences, on processing text.

A newspaper page carries several reports, each opened by a 本报讯-style lead;
headlines may stand before their article, after it, or not at all. The lead
sentence names the report's own union, so reports are cut at leads and each
takes its subject from its lead (or, failing that, from its first union).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

REPORT_LEAD = re.compile(r"(?m)^[ \t]*(?:本报讯|本网讯|本报记者|本刊讯|[^\n，。]{0,12}讯[（(])")
SENTENCE_END = re.compile(r"[。！？!?；;]|\n")
CLAUSE_END = re.compile(r"[，,、：:]")


@dataclass(frozen=True)
class ReportSegment:
    """One report inside an input, in processing-text offsets."""

    start: int
    end: int
    lead_end: int  # end of the lead sentence (subject union is named here)


def split_reports(text: str) -> list[ReportSegment]:
    """Cut processing text into reports at their leads.

    text (str): Normalized text.
    RETURNS (list[ReportSegment]): Consecutive segments covering the text; text
        before the first lead (a greeting, a headline) joins the first report.
    """
    starts = [m.start() for m in REPORT_LEAD.finditer(text)]
    if not starts or starts[0] != 0:
        starts = [0, *starts[1:]] if starts else [0]
    bounds = [*starts, len(text)]
    segments = []
    for start, end in zip(bounds, bounds[1:]):
        lead_match = SENTENCE_END.search(text, REPORT_LEAD.match(text, start).end()
                                         if REPORT_LEAD.match(text, start) else start)
        lead_end = lead_match.end() if lead_match and lead_match.end() <= end else end
        segments.append(ReportSegment(start, end, lead_end))
    return segments


def paragraph_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the paragraph (line) holding ``position``."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence holding ``position`` (。！？； or a line break)."""
    start = 0
    for match in SENTENCE_END.finditer(text, 0, position):
        start = match.end()
    after = SENTENCE_END.search(text, position)
    return start, len(text) if after is None else after.end()


def segment_of(segments: list[ReportSegment], position: int) -> ReportSegment:
    for segment in segments:
        if segment.start <= position < segment.end:
            return segment
    return segments[-1]


def ents_in(doc: Doc, label: str, start: int, end: int) -> list[Span]:
    """Entities with ``label`` whose characters lie in [start, end)."""
    return [e for e in doc.ents if e.label_ == label and start <= e.start_char and e.end_char <= end]
