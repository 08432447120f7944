"""Score the pipeline on authors it was not trained on.

Every markup file in ``corpus/authored`` is one author's batch. This holds
some batches out entirely (their train and dev reports), trains the NER and
the linkers on the rest, and evaluates on the held-out batches: the closest
thing to reports written outside the project that the corpus can offer.

    python training/cross_author.py batch_j.md batch_k.md [--config configs/ner.cfg]

Takes about as long as ``make train`` (NER training dominates). Writes to
``training/output/cross_author/`` and prints the evaluation table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def split_held_out(corpus: Path, held: set[str], out: Path) -> dict[str, int]:
    """train/dev JSONL without the held-out files, and held.jsonl with them."""
    out.mkdir(parents=True, exist_ok=True)
    lines: dict[str, list[str]] = {"train": [], "dev": [], "held": []}
    for split in ("train", "dev"):
        for line in (corpus / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            file = json.loads(line)["meta"].get("file")
            lines["held" if file in held else split].append(line + "\n")
    for split, rows in lines.items():
        (out / f"{split}.jsonl").write_text("".join(rows), encoding="utf-8")
    return {split: len(rows) for split, rows in lines.items()}


def _run(*args: str) -> None:
    print("$", " ".join(args), flush=True)
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("held", nargs="+", help="markup file names to hold out (batch_j.md)")
    parser.add_argument("--config", type=Path, default=ROOT / "configs" / "ner.cfg")
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--output", type=Path,
                        default=ROOT / "training" / "output" / "cross_author")
    args = parser.parse_args()
    known = {p.name for p in (ROOT / "corpus" / "authored").glob("*.md")}
    unknown = set(args.held) - known
    if unknown:
        parser.error(f"not in corpus/authored: {', '.join(sorted(unknown))}")
    data = args.output / "corpus"
    counts = split_held_out(ROOT / "corpus", set(args.held), data)
    print(f"reports: {counts}", flush=True)
    if not counts["held"]:
        parser.error("the held-out files have no train or dev reports")
    _run("training/convert.py", "--corpus", str(data), "--splits", "train", "dev", "held")
    steps = ["--max-steps", str(args.max_steps)] if args.max_steps else []
    _run("training/train_ner.py", "--config", str(args.config), "--train",
         str(data / "train.spacy"), "--dev", str(data / "dev.spacy"),
         "--output", str(args.output / "ner"), *steps)
    _run("training/train_linkers.py", "--corpus", str(data),
         "--output", str(args.output / "linkers"))
    _run("training/assemble.py", "--ner", str(args.output / "ner" / "model-best"),
         "--linkers", str(args.output / "linkers"), "--output", str(args.output / "model"))
    _run("-m", "pipeline", "evaluate", str(data / "held.jsonl"),
         "--model", str(args.output / "model"), "--ablation")


if __name__ == "__main__":
    main()
