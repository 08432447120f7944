"""Split an input into reports, paragraphs and sentences, on processing text.

A newspaper page carries several reports, each opened by a 本报讯-style lead;
headlines may stand before their article, after it, or not at all. The lead
sentence names the report's own union, so reports are cut at leads and each
takes its subject from its lead (or, failing that, from its first union).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REPORT_LEAD = re.compile(r"(?m)^[ \t]*(?:本报讯|本网讯|本报记者|本刊讯|[^\n，。]{0,12}讯[（(])")
SENTENCE_END = re.compile(r"[。！？!?；;]|\n")


@dataclass(frozen=True)
class ReportSegment:
    """One report inside an input, in processing-text offsets."""

    start: int
    end: int
    lead_end: int  # end of the lead sentence (subject union is named here)
    lead_start: int = 0  # where the lead sentence starts


def split_reports(text: str) -> list[ReportSegment]:
    """Cut processing text into reports at their leads.

    text (str): Normalized text.
    RETURNS (list[ReportSegment]): Consecutive segments covering the text; text
        before the first lead (a greeting, a headline) joins the first report.
        Without any lead the whole text is one report led by its first sentence.
    """
    leads = list(REPORT_LEAD.finditer(text))
    if not leads:
        first = SENTENCE_END.search(text)
        return [ReportSegment(0, len(text), first.end() if first else len(text))]
    starts = [0, *(m.start() for m in leads[1:])]
    ends = [*starts[1:], len(text)]
    segments = []
    for start, end, lead in zip(starts, ends, leads):
        lead_sentence = SENTENCE_END.search(text, lead.end(), end)
        segments.append(ReportSegment(start, end, lead_sentence.end() if lead_sentence else end,
                                      lead.start()))
    return segments

