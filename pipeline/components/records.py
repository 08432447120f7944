"""Records component: puts the records (plain dicts) on ``doc._.records``."""

from spacy.language import Language
from spacy.tokens import Doc

from ..records import doc_to_records


class RecordsComponent:
    def __init__(self, name: str = "union_ie_records") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.records = [r.to_dict() for r in doc_to_records(doc)]
        return doc


@Language.factory("union_ie_records", requires=["doc.ents", "doc._.relations"],
                  assigns=["doc._.records"], default_config={})
def make_records(nlp: Language, name: str) -> RecordsComponent:
    """Create the records component."""
    return RecordsComponent(name)
