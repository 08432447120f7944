"""Train the union and programme linkers on the corpus and write their weights.

    python training/train_linkers.py [--output training/output/linkers]
    python training/train_linkers.py --cv 5   # cross-validate on train+dev, write nothing
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.components.programme_linker import ProgrammeLinker
from pipeline.components.union_linker import UnionLinker
from pipeline.corpus import read_jsonl
from pipeline.gold import reports_to_docs
from pipeline.linker_training import (
    cross_validate,
    cv_threshold,
    train_programme_linker,
    train_union_linker,
)
from pipeline.loading import blank_pipeline

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--output", type=Path, default=ROOT / "training" / "output" / "linkers")
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--logistic", action="store_true",
                        help="logistic regressions for both linkers instead of the "
                             "boosted trees (see BoostedPairClassifier)")
    parser.add_argument("--cv", type=int, default=0, metavar="K",
                        help="K-fold cross-validation by report over train+dev (gold "
                             "entities); prints F1 per linker and threshold, writes nothing")
    args = parser.parse_args()
    nlp = blank_pipeline()
    train = reports_to_docs(nlp, read_jsonl(args.corpus / "train.jsonl")).docs
    dev = reports_to_docs(nlp, read_jsonl(args.corpus / "dev.jsonl")).docs
    if args.cv:
        print(json.dumps(cross_validate(train + dev, args.cv, C=args.C,
                                        boosted=not args.logistic), indent=2))
        return
    union_model, union_info = train_union_linker(train, dev, C=args.C, boosted=not args.logistic)
    threshold = cv_threshold(train + dev, C=args.C, boosted=not args.logistic)
    programme_model, threshold, programme_info = train_programme_linker(
        train, dev, C=args.C, boosted=not args.logistic, threshold=threshold)
    args.output.mkdir(parents=True, exist_ok=True)
    union_linker = UnionLinker(nlp)
    union_linker.model = union_model
    union_linker.to_disk(args.output / "union_linker")
    linker = ProgrammeLinker(nlp, threshold=threshold)
    linker.model = programme_model
    linker.to_disk(args.output / "programme_linker")
    print(json.dumps({**union_info, **programme_info}, indent=2))


if __name__ == "__main__":
    main()
