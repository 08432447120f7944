"""Command line: ``python -m pipeline <command>``.

    setup                      fetch the pkuseg model into the cache (once)
    extract PATH...            records from report files or folders
    evaluate FILE.jsonl...     accuracy against annotated reports
    bench                      speed and memory
    corpus build|validate|consistency|stats
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import PipelineError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _cmd_setup(args: argparse.Namespace) -> int:
    from .segmenter import fetch_segmenter

    folder = fetch_segmenter(force=args.force)
    print(f"pkuseg model ready in {folder}")
    return 0


def _corpus_files(args: argparse.Namespace) -> list[Path]:
    return [Path(p) for p in args.files] or sorted(CORPUS.glob("*.jsonl"))


def _cmd_corpus(args: argparse.Namespace) -> int:
    from . import corpus

    if args.action == "build":
        counts = corpus.build_corpus(CORPUS, ROOT)
        print("wrote " + ", ".join(f"{n} {s}" for s, n in counts.items()) + " reports")
        return 0
    files = _corpus_files(args)
    reports = {p.stem: list(corpus.read_jsonl(p)) for p in files}
    if args.action == "validate":
        bad = 0
        value_issues = 0
        total = 0
        for name, items in reports.items():
            for report in items:
                for problem in corpus.validate_report(report):
                    print(f"{name}:{report['id']}: {problem}")
                    bad += 1
                issues = corpus.check_values(report)
                value_issues += len(issues)
                total += sum(s["label"] in corpus.METRIC_LABELS for s in report["spans"])
                if args.values:
                    for issue in issues:
                        print(f"value: {issue}")
        n = sum(len(r) for r in reports.values())
        print(f"{n} reports, {bad} problems; value parser agrees on "
              f"{total - value_issues}/{total} metrics")
        return 1 if bad else 0
    if args.action == "consistency":
        flat = [r for items in reports.values() for r in items]
        reviewed = corpus.read_reviewed(CORPUS / "consistency_reviewed.tsv")
        lines = corpus.find_inconsistencies(flat)
        open_lines = [line for line in lines if not corpus.is_reviewed(line, reviewed)]
        for line in open_lines:
            print(line)
        print(f"{len(lines)} suspicious surface forms, {len(lines) - len(open_lines)} "
              f"reviewed and kept (corpus/consistency_reviewed.tsv), {len(open_lines)} open")
        return 1 if open_lines and args.strict else 0
    if args.action == "stats":
        print(corpus.corpus_stats(reports))
        return 0
    raise AssertionError(args.action)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    commands = parser.add_subparsers(dest="command", required=True)

    setup = commands.add_parser("setup", help="fetch the pkuseg model (once)")
    setup.add_argument("--force", action="store_true", help="fetch again")
    setup.set_defaults(run=_cmd_setup)

    corpus = commands.add_parser("corpus", help="build, validate and count the corpus")
    corpus.add_argument("action", choices=["build", "validate", "consistency", "stats"])
    corpus.add_argument("files", nargs="*", help="JSONL files (default corpus/*.jsonl)")
    corpus.add_argument("--values", action="store_true", help="list value disagreements")
    corpus.add_argument("--strict", action="store_true",
                        help="fail on inconsistencies not on the reviewed list")
    corpus.set_defaults(run=_cmd_corpus)

    for register in _EXTRA_COMMANDS:
        register(commands)
    return parser


def _cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from .corpus import read_jsonl
    from .evaluation import ABLATIONS, evaluate, format_scores
    from .extraction import get_pipeline

    reports = [r for path in args.files for r in read_jsonl(Path(path))]
    nlp = get_pipeline(args.model)
    names = list(ABLATIONS) if args.ablation else ["full pipeline"]
    rows = {}
    for name in names:
        logging.getLogger("pipeline").info("evaluating: %s", name)
        rows[name] = evaluate(nlp, reports, name, keep_errors=args.errors and name == names[0])
    print(f"{len(reports)} reports, {sum(len(r['text']) for r in reports)} characters")
    print(format_scores(rows))
    if args.errors:
        for error in rows[names[0]].errors:
            print(json.dumps(error, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps(
            {name: scores.as_dict() for name, scores in rows.items()},
            ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def _cmd_twins(args: argparse.Namespace) -> int:
    from .corpus import read_jsonl
    from .evaluation import evaluate
    from .extraction import get_pipeline
    from .twins import TWIN_KINDS, make_twin

    reports = [r for path in args.files for r in read_jsonl(Path(path))]
    nlp = get_pipeline(args.model)
    base = evaluate(nlp, reports)
    print(f"{'variant':<20}{'entity F':>10}{'record F':>10}{'diff':>8}")
    print(f"{'original':<20}{base.micro.f:>10.3f}{base.records.f:>10.3f}{'':>8}")
    for kind in TWIN_KINDS:
        scores = evaluate(nlp, [make_twin(r, kind) for r in reports])
        print(f"{kind:<20}{scores.micro.f:>10.3f}{scores.records.f:>10.3f}"
              f"{scores.records.f - base.records.f:>+8.3f}")
    return 0


def _register_evaluate(commands) -> None:
    twins = commands.add_parser("twins", help="score traditional / ASCII / full-width twins")
    twins.add_argument("files", nargs="+", help="guideline JSONL files")
    twins.add_argument("--model", default=None, help="model folder (default models/union_ie)")
    twins.set_defaults(run=_cmd_twins)

    evaluate = commands.add_parser("evaluate", help="score against annotated JSONL files")
    evaluate.add_argument("files", nargs="+", help="guideline JSONL files")
    evaluate.add_argument("--model", default=None, help="model folder (default models/union_ie)")
    evaluate.add_argument("--json", default=None, help="write all figures to this JSON file")
    evaluate.add_argument("--errors", action="store_true", help="list every error with context")
    evaluate.add_argument("--ablation", action="store_true",
                          help="add ruler-only, NER-only and rule-linker rows")
    evaluate.set_defaults(run=_cmd_evaluate)


def _cmd_extract(args: argparse.Namespace) -> int:
    from .output import run_extraction

    return run_extraction(
        [Path(p) for p in args.paths], model=args.model, output_format=args.format,
        output=Path(args.output) if args.output else None, encoding=args.encoding,
        resume=args.resume, n_process=args.n_process)


def _register_extract(commands) -> None:
    extract = commands.add_parser("extract", help="records from report files or folders")
    extract.add_argument("paths", nargs="+", help="files or folders of reports")
    extract.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")
    extract.add_argument("--output", default=None, help="write here (atomically) instead of stdout")
    extract.add_argument("--encoding", default=None, help="force an input encoding (e.g. gbk)")
    extract.add_argument("--resume", action="store_true",
                         help="with --output jsonl: skip files already in the output")
    extract.add_argument("--model", default=None, help="model folder (default models/union_ie)")
    extract.add_argument("--n-process", type=int, default=1, help="worker processes")
    extract.set_defaults(run=_cmd_extract)


def _cmd_bench(args: argparse.Namespace) -> int:
    from .benchmark import run_bench

    print(run_bench(args.model, args.chars))
    return 0


def _register_bench(commands) -> None:
    bench = commands.add_parser("bench", help="characters per second, load time, peak memory")
    bench.add_argument("--model", default=None, help="model folder (default models/union_ie)")
    bench.add_argument("--chars", type=int, default=500_000, help="input size in characters")
    bench.set_defaults(run=_cmd_bench)


_EXTRA_COMMANDS: list = [_register_extract, _register_evaluate, _register_bench]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(message)s")
    try:
        return args.run(args)
    except PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `... | head`: the reader has what it wanted
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
