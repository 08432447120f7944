"""Union linker: every metric gets the union whose work it reports (UNION_OF).

Candidates are the distinct unions of the metric's report (short forms
resolved to the full name meant); a trained pair classifier (boosted trees,
or a logistic regression) picks one. Without
trained weights, or with ``use_model = false``, the rule baseline picks the
report's subject union.
"""

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

from ..linking import DocContext, union_candidates
from ..pair_classifier import PairClassifier
from ..relation_scoring import score_relations
from .base import PairModelPipe


def fullest_mention(context: DocContext, name: str, near: int):
    """The longest mention of a resolved union name in the report around ``near``."""
    segment = context.segment(near)
    same = [u for u in context.unions if segment.start <= u.start_char < segment.end
            and context.union_names.get(u.start_char) == name]
    return max(same, key=lambda u: (len(u.text), -u.start_char)) if same else None


class UnionLinker(PairModelPipe):
    def __init__(self, nlp: Language, name: str = "union_ie_union_linker",
                 use_model: bool = True) -> None:
        self.nlp = nlp
        self.name = name
        self.use_model = use_model
        self.model = PairClassifier()

    def predict(self, doc: Doc) -> list[dict]:
        context = DocContext.of(doc)
        per_metric = [(m, union_candidates(context, m)) for m in context.metrics]
        # the rule: the report's subject union
        scores_per_metric = self.score_candidates([[f for _, _, f in c] for _, c in per_metric],
                                                  lambda f: f["is_subject"])
        relations = []
        for (metric, candidates), scores in zip(per_metric, scores_per_metric):
            if not candidates:
                continue
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

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        return score_relations(examples, "UNION_OF")


@Language.factory(
    "union_ie_union_linker",
    requires=["doc.ents"],
    assigns=["doc._.relations"],
    default_config={"use_model": True},
    default_score_weights={"union_of_f": 1.0},
)
def make_union_linker(nlp: Language, name: str, use_model: bool) -> UnionLinker:
    """Create the union linker (see the module docstring)."""
    return UnionLinker(nlp, name, use_model=use_model)
