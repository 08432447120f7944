"""Train the entity stage (configs/ner.cfg) on corpus/train.spacy, CPU, fixed seed.

    python training/train_ner.py [--max-steps N] [--seed N] [--output training/output/ner]

Writes spaCy's usual output folder (model-best, model-last); the trained
components are assembled into the shipped pipeline by training/assemble.py.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from spacy.cli.train import train

import pipeline.augment  # registers the entity-swap augmenter
import pipeline.tokenizer  # noqa: F401  (registers the tokenizer)

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, default=ROOT / "configs" / "ner.cfg")
    parser.add_argument("--output", type=Path, default=ROOT / "training" / "output" / "ner")
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--train", type=Path, default=ROOT / "corpus" / "train.spacy")
    parser.add_argument("--dev", type=Path, default=ROOT / "corpus" / "dev.spacy")
    parser.add_argument("--seed", type=int, default=None,
                        help="system.seed (default: the config's); runs differ by seed")
    args = parser.parse_args()
    overrides = {
        "paths.train": str(args.train),
        "paths.dev": str(args.dev),
    }
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
    if args.seed is not None:
        overrides["system.seed"] = args.seed
    started = time.time()
    train(args.config, args.output, use_gpu=-1, overrides=overrides)
    print(f"trained in {time.time() - started:.0f} s -> {args.output}/model-best")


if __name__ == "__main__":
    main()
