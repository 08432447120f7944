"""Programme linker: the programme a metric was achieved under (PROGRAM_OF).

A trained classifier (boosted trees, or a logistic regression) scores (metric, programme mention) candidates and
the best one is kept when its probability clears ``threshold``; otherwise the
metric has no programme. The rule baseline (``use_model = false``) takes the
nearest programme before the metric in the same sentence.
"""

from collections.abc import Iterable
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ..lexicon import canonical_programme
from ..linking import DocContext, programme_candidates
from ..pair_classifier import BoostedPairClassifier, PairClassifier
from ..relation_scoring import score_relations
from .base import PredictPipe


class ProgrammeLinker(PredictPipe):
    def __init__(self, nlp: Language, name: str = "union_ie_programme_linker",
                 threshold: float = 0.5, use_model: bool = True) -> None:
        self.nlp = nlp
        self.name = name
        self.threshold = threshold
        self.use_model = use_model
        self.model = PairClassifier()

    def predict(self, doc: Doc) -> list[dict]:
        context = DocContext.of(doc)
        per_metric = [(m, programme_candidates(context, m)) for m in context.metrics]
        pairs = [features for _, candidates in per_metric for _, features in candidates]
        if self.use_model and self.model.is_trained:
            scores = self.model.predict_proba(pairs) if pairs else []  # one call per Doc
            threshold = self.threshold
        else:  # nearest preceding mention in the same sentence
            scores = [float(f.get("rank_b0", 0.0) * f["same_sentence"]) for f in pairs]
            threshold = 0.5
        relations = []
        offset = 0
        for metric, candidates in per_metric:
            own = scores[offset:offset + len(candidates)]
            offset += len(candidates)
            if not candidates:
                continue
            best = max(range(len(candidates)), key=lambda i: own[i])
            if own[best] < threshold:
                continue
            programme = candidates[best][0]
            relations.append({
                "head": [metric.start_char, metric.end_char],
                "child": [programme.start_char, programme.end_char],
                "label": "PROGRAM_OF", "name": canonical_programme(programme.text),
                "score": round(float(own[best]), 4),
            })
        return relations

    def set_annotations(self, doc: Doc, relations: list[dict]) -> None:
        kept = [r for r in (doc._.relations or []) if r["label"] != "PROGRAM_OF"]
        doc._.relations = kept + relations

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        return score_relations(examples, "PROGRAM_OF")

    def _serialized(self) -> dict:
        if isinstance(self.model, BoostedPairClassifier):
            return {"threshold": self.threshold, "kind": "boosted"}
        return {"threshold": self.threshold, "kind": "logistic", **self.model.to_dict()}

    def _restore(self, data: dict, boosted: bytes | None) -> None:
        self.threshold = float(data.get("threshold", self.threshold))
        if data.get("kind") == "boosted" and boosted is not None:
            self.model = BoostedPairClassifier.from_bytes(boosted)
        else:
            self.model = PairClassifier.from_dict(data)

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "model.json", self._serialized())
        if isinstance(self.model, BoostedPairClassifier):
            (path / "trees.npz").write_bytes(self.model.to_bytes())

    def from_disk(self, path, *, exclude=tuple()) -> "ProgrammeLinker":
        path = Path(path)
        if (path / "model.json").exists():
            boosted = (path / "trees.npz").read_bytes() if (path / "trees.npz").exists() else None
            self._restore(srsly.read_json(path / "model.json"), boosted)
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        boosted = self.model.to_bytes() if isinstance(self.model, BoostedPairClassifier) else b""
        return srsly.msgpack_dumps({"config": self._serialized(), "boosted": boosted})

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "ProgrammeLinker":
        state = srsly.msgpack_loads(data)
        self._restore(state["config"], state["boosted"] or None)
        return self


@Language.factory(
    "union_ie_programme_linker",
    requires=["doc.ents"],
    assigns=["doc._.relations"],
    default_config={"threshold": 0.5, "use_model": True},
    default_score_weights={"program_of_f": 1.0},
)
def make_programme_linker(nlp: Language, name: str, threshold: float,
                          use_model: bool) -> ProgrammeLinker:
    """Create the programme linker (see the module docstring)."""
    return ProgrammeLinker(nlp, name, threshold=threshold, use_model=use_model)
