"""The shared shape of this package's non-neural components."""

from typing import Any

from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span


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


def take_over(span: Span, ents: list[Span], label: str) -> list[Span] | None:
    """``ents`` with ``span`` in place of the ``label`` entities it covers (the
    NER's 股份有限公司工会 inside 湛江港（集团）股份有限公司工会), or None when
    it clashes with any other entity: the repair rules only fill gaps."""
    clashes = [e for e in ents if e.start < span.end and span.start < e.end]
    if not all(e.label_ == label and span.start <= e.start and e.end <= span.end
               for e in clashes):
        return None
    return [e for e in ents if e not in clashes] + [span]
