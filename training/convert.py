"""Convert corpus JSONL to spaCy DocBin files with the pipeline's own tokenizer.

    python training/convert.py            # corpus/{train,dev,test}.jsonl -> .spacy

Every gold span that does not fall on token boundaries is listed (W030).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from pipeline.corpus import read_jsonl
from pipeline.gold import reports_to_docs
from pipeline.loading import blank_pipeline

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--splits", nargs="*", default=["train", "dev", "test"])
    args = parser.parse_args()
    nlp = blank_pipeline()
    total_bad = 0
    for split in args.splits:
        reports = list(read_jsonl(args.corpus / f"{split}.jsonl"))
        converted = reports_to_docs(nlp, reports)
        DocBin(docs=converted.docs, store_user_data=True).to_disk(args.corpus / f"{split}.spacy")
        for bad in converted.misaligned:
            print(f"W030 {split} {bad.report_id} {bad.label} {bad.surface!r} -> tokens {bad.tokens}")
        by_label = Counter(b.label for b in converted.misaligned)
        print(f"{split}: {len(converted.docs)} docs, {converted.spans} spans, "
              f"{len(converted.misaligned)} misaligned {dict(by_label)}")
        total_bad += len(converted.misaligned)
    print(f"misaligned spans in all: {total_bad}")


if __name__ == "__main__":
    main()
