"""The shared shape of this package's non-neural components."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import srsly
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span

from ..pair_classifier import BoostedPairClassifier, PairClassifier


class PredictPipe(Pipe):
    """``__call__`` = ``predict`` then ``set_annotations``, behind spaCy's
    error handler, as spaCy's own components do; nothing to initialize."""

    name: str

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc, self.predict(doc))
        except Exception as error:  # reported through spaCy's handler
            error_handler(self.name, self, [doc], error)
        return doc

    def predict(self, doc: Doc) -> Any:
        raise NotImplementedError

    def set_annotations(self, doc: Doc, predictions: Any) -> None:
        raise NotImplementedError

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        pass


class PairModelPipe(PredictPipe):
    """A linker that scores (metric, candidate) pairs with a trained pair
    classifier, or with its rule where it has none or ``use_model`` is off.
    Stored as ``model.json`` (settings, kind and, for a logistic regression,
    its weights) and, for boosted trees, ``trees.npz``."""

    model: PairClassifier | BoostedPairClassifier
    use_model: bool

    @property
    def uses_model(self) -> bool:
        return self.use_model and self.model.is_trained

    def score_candidates(self, groups: list[list[dict[str, float]]],
                         rule: Callable[[dict[str, float]], float]) -> list[list[float]]:
        """Scores of each metric's candidate features, in one classifier call
        per Doc (a call has a fixed cost that many small ones would repeat)."""
        pairs = [features for group in groups for features in group]
        if self.uses_model:
            flat = self.model.predict_proba(pairs) if pairs else []
        else:
            flat = [rule(features) for features in pairs]
        scores, offset = [], 0
        for group in groups:
            scores.append(flat[offset:offset + len(group)])
            offset += len(group)
        return scores

    def _settings(self) -> dict[str, Any]:
        """What ``model.json`` keeps besides the model (a threshold)."""
        return {}

    def _apply_settings(self, data: dict[str, Any]) -> None:
        pass

    def _serialized(self) -> dict[str, Any]:
        if isinstance(self.model, BoostedPairClassifier):
            return {**self._settings(), "kind": "boosted"}
        return {**self._settings(), "kind": "logistic", **self.model.to_dict()}

    def _restore(self, data: dict[str, Any], boosted: bytes | None) -> None:
        self._apply_settings(data)
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

    def from_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        if (path / "model.json").exists():
            boosted = (path / "trees.npz").read_bytes() if (path / "trees.npz").exists() else None
            self._restore(srsly.read_json(path / "model.json"), boosted)
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        boosted = self.model.to_bytes() if isinstance(self.model, BoostedPairClassifier) else b""
        return srsly.msgpack_dumps({"config": self._serialized(), "boosted": boosted})

    def from_bytes(self, data: bytes, *, exclude=tuple()):
        state = srsly.msgpack_loads(data)
        self._restore(state["config"], state["boosted"] or None)
        return self


def take_over(span: Span, ents: list[Span], label: str) -> list[Span] | None:
    """``ents`` with ``span`` in place of the ``label`` entities it covers (the
    NER's 股份有限公司工会 inside 湛江港（集团）股份有限公司工会), or None when
    it clashes with any other entity: the repair rules only fill gaps."""
    clashes = [e for e in ents if e.start < span.end and span.start < e.end]
    if not all(e.label_ == label and span.start <= e.start and e.end <= span.end
               for e in clashes):
        return None
    return [e for e in ents if e not in clashes] + [span]
