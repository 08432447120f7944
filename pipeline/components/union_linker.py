"""Union linker: every metric gets the union whose work it reports (UNION_OF).

Candidates are the distinct unions of the metric's report (short forms
resolved to the full name meant); a trained PairClassifier picks one. Without
trained weights, or with ``use_model = false``, the rule baseline picks the
report's subject union.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from spacy.training import Example

from ..linking import DocContext, union_candidates
from ..reports import split_reports
from ..pair_classifier import PairClassifier
from ..relation_scoring import score_relations


def fullest_mention(context: DocContext, name: str, near: int):
    """The longest mention of a resolved union name in the report around ``near``."""
    segment = context.segment(near)
    same = [u for u in context.unions if segment.start <= u.start_char < segment.end
            and context.union_names.get(u.start_char) == name]
    return max(same, key=lambda u: (len(u.text), -u.start_char)) if same else None


LEAD_UNION = re.compile(
    r"(?:(?<=[，,：:\s）)])|(?<=年)|^)(?P<union>[\u4e00-\u9fff]{2,24}?"
    r"(?:总工会|工会联合会|联合工会|工会委员会|工会))")


def add_lead_unions(doc: Doc) -> None:
    """A report's lead names its union; where the NER missed it there, read it
    with the union-name pattern so that the report keeps its subject."""
    text = doc.text
    ents = list(doc.ents)
    added = []
    for segment in split_reports(text):
        lead = text[segment.lead_start:segment.lead_end]
        if any(e.label_ == "UNION" and segment.lead_start <= e.start_char < segment.lead_end
               for e in ents):
            continue
        match = LEAD_UNION.search(lead)
        if not match:
            continue
        start = segment.lead_start + match.start("union")
        span = doc.char_span(start, start + len(match.group("union")), label="UNION")
        if span is not None and not any(e.start < span.end and span.start < e.end for e in ents):
            added.append(span)
    if added:
        doc.ents = sorted(ents + added, key=lambda e: e.start)


class UnionLinker(Pipe):
    def __init__(self, nlp: Language, name: str = "union_ie_union_linker",
                 use_model: bool = True) -> None:
        self.nlp = nlp
        self.name = name
        self.use_model = use_model
        self.model = PairClassifier()

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.predict(doc))
        except Exception as error:
            error_handler(self.name, self, [doc], error)
        return doc

    def predict(self, doc: Doc) -> list[dict]:
        add_lead_unions(doc)
        context = DocContext.of(doc)
        relations = []
        for metric in context.metrics:
            candidates = union_candidates(context, metric)
            if not candidates:
                continue
            if self.use_model and self.model.is_trained:
                scores = self.model.predict_proba([f for _, _, f in candidates])
            else:
                scores = [f["is_subject"] for _, _, f in candidates]
            best = max(range(len(candidates)), key=lambda i: scores[i])
            name, mention, _ = candidates[best]
            child = fullest_mention(context, name, metric.start_char) or mention
            relations.append({
                "head": [metric.start_char, metric.end_char],
                "child": [child.start_char, child.end_char],
                "label": "UNION_OF", "name": name, "score": round(float(scores[best]), 4),
            })
        return relations

    def set_annotations(self, doc: Doc, relations: list[dict]) -> None:
        kept = [r for r in (doc._.relations or []) if r["label"] != "UNION_OF"]
        doc._.relations = kept + relations

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        pass

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        return score_relations(examples, "UNION_OF")

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "model.json", self.model.to_dict())

    def from_disk(self, path, *, exclude=tuple()) -> "UnionLinker":
        model_path = Path(path) / "model.json"
        if model_path.exists():
            self.model = PairClassifier.from_dict(srsly.read_json(model_path))
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.json_dumps(self.model.to_dict()).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "UnionLinker":
        self.model = PairClassifier.from_dict(srsly.json_loads(data))
        return self


@Language.factory(
    "union_ie_union_linker",
    requires=["doc.ents"],
    assigns=["doc._.relations", "doc.ents"],
    default_config={"use_model": True},
    default_score_weights={"union_of_f": 1.0},
)
def make_union_linker(nlp: Language, name: str, use_model: bool) -> UnionLinker:
    """Create the union linker (see the module docstring)."""
    return UnionLinker(nlp, name, use_model=use_model)
