"""Programme linker: the programme a metric was achieved under (PROGRAM_OF).

A trained classifier (boosted trees, or a logistic regression) scores
(metric, programme mention) candidates and the best one is kept when its
probability clears ``threshold``; otherwise the
metric has no programme. The rule baseline (``use_model = false``) takes the
nearest programme before the metric in the same sentence.
"""

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ..lexicon import canonical_programme
from ..linking import DocContext, programme_candidates
from ..pair_classifier import PairClassifier
from ..relation_scoring import score_relations
from .base import PairModelPipe

RESPECTIVELY_PRECISION = 0.98  # measured: 70 of 71 分别-paired figures of train+dev (see predict)


class ProgrammeLinker(PairModelPipe):
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
        # the rule: the nearest preceding mention in the same sentence
        scores = self.score_candidates([[f for _, f in c] for _, c in per_metric],
                                       lambda f: float(f.get("rank_b0", 0.0) * f["same_sentence"]))
        threshold = self.threshold if self.uses_model else 0.5
        relations = []
        for (metric, candidates), own in zip(per_metric, scores):
            if not candidates:
                continue
            best = max(range(len(candidates)), key=lambda i: own[i])
            score = float(own[best])
            paired = next((i for i, (_, f) in enumerate(candidates)
                           if f.get("respectively_match")), None)
            if self.uses_model and paired is not None:
                # 开展A、B、C，分别投入x、y、z: the list pairs them, whatever the
                # distances say (the i-th figure was the i-th programme's in 70
                # of 71 such figures of train and dev)
                best, score = paired, max(float(own[paired]), RESPECTIVELY_PRECISION)
            if score < threshold:
                continue
            programme = candidates[best][0]
            relations.append({
                "head": [metric.start_char, metric.end_char],
                "child": [programme.start_char, programme.end_char],
                "label": "PROGRAM_OF", "name": canonical_programme(programme.text),
                "score": round(score, 4),
            })
        return relations

    def set_annotations(self, doc: Doc, relations: list[dict]) -> None:
        kept = [r for r in (doc._.relations or []) if r["label"] != "PROGRAM_OF"]
        doc._.relations = kept + relations

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        return score_relations(examples, "PROGRAM_OF")

    def _settings(self) -> dict:
        return {"threshold": self.threshold}

    def _apply_settings(self, data: dict) -> None:
        self.threshold = float(data.get("threshold", self.threshold))


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
