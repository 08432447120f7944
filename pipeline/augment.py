"""Entity-swap augmentation for NER training.

A model trained on a few hundred reports learns the names it saw (洮南市总工会,
金秋助学) instead of the contexts that announce a name (…总工会开展“…”活动,
为…发放). Reports nobody here has seen name other unions and programmes, so
the augmenter adds, next to each training report, a copy whose union,
programme and organization names are swapped for other names of the same
label: names from other training reports, the programme lexicon, and
gazetteer places + 总工会. Short forms (市总工会) and names broken by a line
are left as written, since they are read from their context anyway.

    [corpora.train.augmenter]
    @augmenters = "union_ie.entity_swap.v1"
    probability = 0.5
    inventory = ${paths.train}
"""

import random
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example
from spacy.util import registry

from .lexicon import load_lexicon
from .unions import is_short_form

SWAPPED_LABELS = ("UNION", "PROGRAM", "ORG")
_NOT_SWAPPED = set("“”‘’「」『』\"'\n")
_FEDERATION_SUFFIXES = ("总工会", "总工会", "总工会", "工会联合会")


class NameInventory:
    """Names per label to swap in, read once from the training corpus."""

    def __init__(self, names: dict[str, list[str]], places: list[str]) -> None:
        self.names = names
        self.places = places

    @classmethod
    def from_docbin(cls, path: Path, nlp: Language) -> "NameInventory":
        names: dict[str, set[str]] = {label: set() for label in SWAPPED_LABELS}
        for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
            for ent in doc.ents:
                if ent.label_ in names and _swappable(ent.text, ent.label_):
                    names[ent.label_].add(ent.text)
        lexicon = load_lexicon()
        names["PROGRAM"].update(p for p in lexicon.ruler_programmes if _swappable(p, "PROGRAM"))
        return cls({label: sorted(found) for label, found in names.items()},
                   sorted(p for p in lexicon.places if len(p) >= 3))

    def draw(self, label: str, rng: random.Random) -> str | None:
        """Another name of the label; for unions also a new place federation
        or an organization's union."""
        if label == "UNION":
            roll = rng.random()
            if roll < 0.4 and self.places:
                return rng.choice(self.places) + rng.choice(_FEDERATION_SUFFIXES)
            if roll < 0.55 and self.names["ORG"]:
                return rng.choice(self.names["ORG"]) + "工会"
        choices = self.names.get(label) or []
        return rng.choice(choices) if choices else None


def _swappable(text: str, label: str) -> bool:
    if any(c in _NOT_SWAPPED for c in text) or len(text) < 2:
        return False
    return not (label == "UNION" and is_short_form(text))


def swap_entities(example: Example, nlp: Language, inventory: NameInventory,
                  rng: random.Random, share: float = 0.7) -> Example | None:
    """A copy of the example with about ``share`` of its names swapped, or
    None when nothing could be swapped or the new text does not tokenize back."""
    reference = example.reference
    text = reference.text
    pieces: list[str] = []
    entities: list[tuple[int, int, str]] = []
    position = length = 0
    swapped = 0
    for ent in reference.ents:
        surface = ent.text
        if ent.label_ in SWAPPED_LABELS and _swappable(surface, ent.label_) and rng.random() < share:
            surface = inventory.draw(ent.label_, rng) or surface
            swapped += surface != ent.text
        before = text[position:ent.start_char]
        pieces += [before, surface]
        start = length + len(before)
        entities.append((start, start + len(surface), ent.label_))
        length = start + len(surface)
        position = ent.end_char
    if not swapped:
        return None
    pieces.append(text[position:])
    new_text = "".join(pieces)
    doc = nlp.make_doc(new_text)
    if doc.text != new_text:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W030: a swapped name off token bounds
        return Example.from_dict(doc, {"entities": entities})


@registry.augmenters("union_ie.entity_swap.v1")
def create_entity_swap(probability: float = 0.5, inventory: str = "corpus/train.spacy",
                       share: float = 0.7, seed: int = 0
                       ) -> Callable[[Language, Example], Iterator[Example]]:
    """Yield each example, and with ``probability`` a copy with swapped names.

    probability (float): Chance that a report also gets a swapped copy.
    inventory (str): DocBin whose entity names are swapped in.
    share (float): Chance that each swappable name in a copy is swapped.
    seed (int): Seed of the augmenter's own random generator.
    """
    rng = random.Random(seed)
    state: dict[str, NameInventory] = {}

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield example
        if rng.random() >= probability:
            return
        if "names" not in state:
            state["names"] = NameInventory.from_docbin(Path(inventory), nlp)
        copy = swap_entities(example, nlp, state["names"], rng, share)
        if copy is not None:
            yield copy

    return augment
