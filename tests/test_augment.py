import random

import spacy
from spacy.training import Example

from pipeline.augment import NameInventory, create_entity_swap, swap_entities


def _example(nlp, text, ents):
    doc = nlp.make_doc(text)
    spans, position = [], 0
    for surface, label in ents:  # in order of appearance
        start = text.index(surface, position)
        spans.append(doc.char_span(start, start + len(surface), label=label))
        position = start + len(surface)
    doc.ents = spans
    return Example(nlp.make_doc(text), doc)


def _inventory():
    return NameInventory({"UNION": ["通榆县总工会"], "PROGRAM": ["夏送清凉"], "ORG": ["敖东药业"]},
                         places=["白城市"])


def test_augment_swaps_names_and_keeps_offsets_right():
    nlp = spacy.blank("zh")
    example = _example(nlp, "洮南市总工会开展金秋助学，发放8万元。市总工会表示",
                       [("洮南市总工会", "UNION"), ("金秋助学", "PROGRAM"), ("8万元", "MONEY"),
                        ("市总工会", "UNION")])
    copy = swap_entities(example, nlp, _inventory(), random.Random(0), share=1.0)
    ents = [(e.text, e.label_) for e in copy.reference.ents]
    assert ents[1:] == [("夏送清凉", "PROGRAM"), ("8万元", "MONEY"), ("市总工会", "UNION")]
    assert ents[0][1] == "UNION" and ents[0][0] != "洮南市总工会"  # swapped
    assert copy.reference.text.endswith("发放8万元。市总工会表示")  # short form kept


def test_augment_leaves_a_report_without_swappable_names_alone():
    nlp = spacy.blank("zh")
    example = _example(nlp, "县总工会发放8万元", [("县总工会", "UNION"), ("8万元", "MONEY")])
    assert swap_entities(example, nlp, _inventory(), random.Random(0), share=1.0) is None


def test_augment_yields_the_original_first(tmp_path):
    nlp = spacy.blank("zh")
    example = _example(nlp, "洮南市总工会开展金秋助学", [("洮南市总工会", "UNION"), ("金秋助学", "PROGRAM")])
    from spacy.tokens import DocBin
    DocBin(docs=[example.reference]).to_disk(tmp_path / "train.spacy")
    augment = create_entity_swap(probability=1.0, inventory=str(tmp_path / "train.spacy"),
                                 share=1.0)
    out = list(augment(nlp, example))
    assert out[0] is example and len(out) <= 2
