"""Metric ruler: MONEY, HEADCOUNT and COUNT entities from the metric grammar.

A custom component rather than spaCy's entity_ruler because the grammar
(approximators, Arabic or Chinese numerals, multipliers, ranges, units) is a
character-level expression that token patterns cannot state over pkuseg's
unstable number segmentation. The grammar lives in
``data/patterns/metrics.json``; the tokenizer cuts at the same matches, so
every span lands on token boundaries.
"""

from collections.abc import Iterable

from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans

from ..metric_grammar import find_declared_money, find_metrics
from .base import PredictPipe


class MetricRuler(PredictPipe):
    """Add metric entities; on a clash with entities already set, the ruler
    wins when ``overwrite_ents`` is true (it runs after the NER)."""

    def __init__(self, nlp: Language, name: str = "union_ie_metric_ruler",
                 overwrite_ents: bool = False) -> None:
        self.nlp = nlp
        self.name = name
        self.overwrite_ents = overwrite_ents

    def predict(self, doc: Doc) -> list[Span]:
        spans = []
        text = doc._.processing_text
        for start, end, label in find_metrics(text) + find_declared_money(text):
            span = doc.char_span(start, end, label=label)
            if span is not None:
                spans.append(span)
        return spans

    def set_annotations(self, doc: Doc, spans: list[Span]) -> None:
        spans = filter_spans(spans)
        existing = list(doc.ents)
        winners, losers = (spans, existing) if self.overwrite_ents else (existing, spans)
        taken = bytearray(len(doc))  # tokens the winners cover: one pass, not pairs
        for w in winners:
            taken[w.start:w.end] = b"\x01" * (w.end - w.start)
        kept = [s for s in losers if not any(taken[s.start:s.end])]
        doc.ents = sorted(winners + kept, key=lambda s: s.start)

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        return get_ner_prf(examples)

    def to_disk(self, path, *, exclude=tuple()) -> None:
        pass

    def from_disk(self, path, *, exclude=tuple()) -> "MetricRuler":
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "MetricRuler":
        return self


@Language.factory(
    "union_ie_metric_ruler",
    assigns=["doc.ents"],
    default_config={"overwrite_ents": True},
    default_score_weights={"ents_f": None},
)
def make_metric_ruler(nlp: Language, name: str, overwrite_ents: bool) -> MetricRuler:
    """Create the metric ruler (see the module docstring)."""
    return MetricRuler(nlp, name, overwrite_ents=overwrite_ents)
