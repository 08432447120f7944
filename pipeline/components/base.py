"""The shared shape of this package's non-neural components."""

from typing import Any

from spacy.pipeline import Pipe
from spacy.tokens import Doc


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
