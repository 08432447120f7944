"""Assemble the shipped pipeline: trained NER + rulers + linkers + records.

    python training/assemble.py [--ner training/output/ner/model-best]
                                [--linkers training/output/linkers]
                                [--output models/union_ie]

The pkuseg weights are left out (they load from the segmenter cache), so the
shipped folder stays small.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import spacy

from pipeline.lexicon import DATA, read_patterns
from pipeline.loading import DEFAULT_MODEL, save_pipeline

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = DATA / "patterns" / "entity_ruler.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ner", type=Path, default=ROOT / "training" / "output" / "ner" / "model-best")
    parser.add_argument("--linkers", type=Path, default=ROOT / "training" / "output" / "linkers")
    parser.add_argument("--output", type=Path, default=DEFAULT_MODEL)
    args = parser.parse_args()
    nlp = spacy.load(args.ner, exclude=["tokenizer"])
    for name in [n for n in nlp.pipe_names if n not in ("tok2vec", "ner")]:
        nlp.remove_pipe(name)  # --ner may be a shipped pipeline: keep only its NER
    nlp.tokenizer.initialize()
    # the metric grammar is exact, so it wins over the NER on metric clashes;
    # lexicon names only fill gaps: the NER's longer spans (冰城暖心驿站,
    # 吉林省五一劳动奖章) are right more often (measured on dev)
    nlp.add_pipe("union_ie_metric_ruler", config={"overwrite_ents": True})
    # the guard drops the NER's impossible spans before the lexicon fills the
    # gaps, so that 司机之家能 (UNION) no longer hides 司机之家 from the ruler
    nlp.add_pipe("union_ie_entity_guard")
    entity_ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": False,
                                                       "phrase_matcher_attr": None})
    entity_ruler.add_patterns(read_patterns(str(PATTERNS)))
    nlp.add_pipe("union_ie_quoted_programmes")
    nlp.add_pipe("union_ie_organizations")
    nlp.add_pipe("union_ie_entity_guard", name="union_ie_entity_guard_final")
    nlp.add_pipe("union_ie_union_repair")
    union_linker = nlp.add_pipe("union_ie_union_linker")
    union_linker.from_disk(args.linkers / "union_linker")
    programme_linker = nlp.add_pipe("union_ie_programme_linker")
    programme_linker.from_disk(args.linkers / "programme_linker")
    nlp.add_pipe("union_ie_records")
    if args.output.exists():
        shutil.rmtree(args.output)
    save_pipeline(nlp, args.output)
    size = sum(f.stat().st_size for f in args.output.rglob("*") if f.is_file())
    print(f"pipeline {nlp.pipe_names} saved to {args.output} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
