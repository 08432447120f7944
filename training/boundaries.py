"""Count gold entity boundaries that fall inside a token, per segmentation setup.

    python training/boundaries.py [corpus/test.jsonl ...]

Setups: pkuseg alone; pkuseg with the domain user dictionary; and the shipped
tokenizer (user dictionary plus cuts at metric matches and digit runs).
A boundary inside a token is an entity the NER can never predict exactly.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.corpus import read_jsonl
from pipeline.loading import blank_pipeline
from pipeline.normalize import normalize_text
from pipeline.tokenizer import USER_DICT, apply_cuts, forced_cuts

ROOT = Path(__file__).resolve().parent.parent


def token_bounds(words: list[str], text: str) -> set[int]:
    bounds, position = {0, len(text)}, 0
    for word in words:
        start = text.find(word, position)
        if start < 0:
            continue
        position = start + len(word)
        bounds.update((start, position))
    return bounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path,
                        default=[ROOT / "corpus" / "test.jsonl"])
    parser.add_argument("--only", default=None, help="only the report with this id")
    args = parser.parse_args()
    nlp = blank_pipeline()
    segmenter = nlp.tokenizer.pkuseg_seg
    import spacy_pkuseg

    with_dict = segmenter.preprocesser
    without_dict = spacy_pkuseg.Preprocesser(None)
    counts = {"pkuseg alone": 0, "+ user dictionary": 0, "+ metric, digit and name cuts (shipped)": 0}
    total = 0
    for path in args.files:
        for report in read_jsonl(path):
            if args.only and report["id"] != args.only:
                continue
            normalized = normalize_text(report["text"])
            text = normalized.text
            segmenter.preprocesser = without_dict
            plain = segmenter.cut(text)
            segmenter.preprocesser = with_dict
            dictionary = segmenter.cut(text)
            setups = {"pkuseg alone": plain, "+ user dictionary": dictionary,
                      "+ metric, digit and name cuts (shipped)": apply_cuts(dictionary, text, forced_cuts(text))}
            bounds = {name: token_bounds(words, text) for name, words in setups.items()}
            for span in report["spans"]:
                mapped = normalized.to_processing(span["start"], span["end"])
                if mapped is None:
                    continue
                total += 2
                for name in setups:
                    counts[name] += (mapped[0] not in bounds[name]) + (mapped[1] not in bounds[name])
    print(f"gold entity boundaries: {total} ({', '.join(str(p) for p in args.files)}; "
          f"user dictionary: {USER_DICT.name})")
    for name, count in counts.items():
        print(f"  {name:<36} {count:>5} inside a token")


if __name__ == "__main__":
    main()
