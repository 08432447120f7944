"""The annotated corpus: reading, validating, splitting and counting it.

``validate_report`` checks one report against ANNOTATION.md; ``find_inconsistencies``
looks across reports for the same surface annotated two ways or missed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .authoring import convert_file
from .errors import CorpusError, Errors
from .normalize import normalize_text
from .values import read_metric

METRIC_LABELS = ("MONEY", "HEADCOUNT", "COUNT")
ENTITY_LABELS = ("UNION", "ORG", "PROGRAM")
LABELS = ENTITY_LABELS + METRIC_LABELS
APPROX = (None, "more", "nearly", "about", "range")
SPLITS = ("train", "dev", "test")
# files under corpus/authored/ whose reports are held out for testing
TEST_SOURCES = ("seed.md", "test_authored.md")
DEV_SHARE = 5  # one report in five (by id hash) goes to dev

_BAD_EDGE = set("“”‘’「」『』《》\"'()（）[]【】<>〈〉，。、；：！？,.;:!? \t\n\u3000")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the reports of a guideline JSONL file, with clear errors."""
    if not path.is_file():
        raise CorpusError(Errors.E203.format(path=path))
    try:
        yield from _read_jsonl(path)
    except UnicodeDecodeError as error:
        raise CorpusError(Errors.E201.format(path=path, reason=error.reason)) from None


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                report = json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusError(Errors.E301.format(path=path, line=number,
                                                     reason=error.msg)) from None
            if not isinstance(report, dict):
                raise CorpusError(Errors.E301.format(path=path, line=number,
                                                     reason="not an object"))
            if "text" not in report:
                raise CorpusError(Errors.E302.format(path=path, line=number))
            report.setdefault("id", f"{path.stem}-{number}")
            report.setdefault("spans", [])
            report.setdefault("relations", [])
            yield report


def write_jsonl(path: Path, reports: Iterable[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for report in reports:
            out.write(json.dumps(report, ensure_ascii=False) + "\n")
            count += 1
    return count


def split_of(report_id: str, source_file: str) -> str:
    """The fixed split of a report: by source file for test, by id hash otherwise."""
    if source_file in TEST_SOURCES:
        return "test"
    digest = int(hashlib.sha1(report_id.encode("utf-8")).hexdigest(), 16)
    return "dev" if digest % DEV_SHARE == 0 else "train"


def build_corpus(corpus_dir: Path, root: Path) -> dict[str, int]:
    """Convert ``corpus/authored/*.md`` into ``corpus/{train,dev,test}.jsonl``.

    corpus_dir (Path): The ``corpus/`` folder.
    root (Path): The project root (``source:`` paths are relative to it).
    RETURNS (dict[str, int]): Reports written per split.
    """
    by_split: dict[str, list[dict]] = {s: [] for s in SPLITS}
    seen: set[str] = set()
    for path in sorted((corpus_dir / "authored").glob("*.md")):
        for report in convert_file(path, root):
            if report["id"] in seen:
                raise CorpusError(f"{path}: E114 report id {report['id']!r} used twice")
            seen.add(report["id"])
            report["meta"] = {**report["meta"], "file": path.name}
            by_split[split_of(report["id"], path.name)].append(report)
    return {s: write_jsonl(corpus_dir / f"{s}.jsonl", r) for s, r in by_split.items()}


def validate_report(report: dict[str, Any]) -> list[str]:
    """Every way one report breaks the guideline (empty list: valid).

    report (dict): One guideline JSONL record.
    RETURNS (list[str]): Human-readable problems, each naming the span.
    """
    problems: list[str] = []
    text = report["text"]
    spans = report.get("spans", [])
    by_id: dict[str, dict] = {}
    for span in spans:
        sid, label = span.get("id"), span.get("label")
        where = f"span {sid} ({label})"
        if sid in by_id:
            problems.append(f"{where}: duplicate id")
        by_id[sid] = span
        start, end = span.get("start"), span.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{where}: bad offsets {start}-{end}")
            continue
        surface = text[start:end]
        where = f"span {sid} ({label} {surface!r} at {start})"
        if label not in LABELS:
            problems.append(f"{where}: unknown label")
        if surface[0] in _BAD_EDGE or surface[-1] in _BAD_EDGE:
            problems.append(f"{where}: starts or ends with punctuation/space")
        if label in METRIC_LABELS:
            value, approx = span.get("value"), span.get("approx", "missing")
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                problems.append(f"{where}: value missing or not a number")
            if approx not in APPROX:
                problems.append(f"{where}: approx {approx!r} not allowed")
            if approx == "range" and not isinstance(span.get("value_high"), (int, float)):
                problems.append(f"{where}: range without value_high")
    ordered = sorted((s for s in spans if isinstance(s.get("start"), int)),
                     key=lambda s: (s["start"], s["end"]))
    for left, right in zip(ordered, ordered[1:]):
        if right["start"] < left["end"]:
            problems.append(f"spans {left.get('id')} and {right.get('id')} overlap")
    union_of: Counter[str] = Counter()
    program_of: Counter[str] = Counter()
    for relation in report.get("relations", []):
        head, child = by_id.get(relation.get("head")), by_id.get(relation.get("child"))
        label = relation.get("label")
        if head is None or child is None:
            problems.append(f"relation {relation}: unknown span id")
            continue
        if head["label"] not in METRIC_LABELS:
            problems.append(f"relation {relation}: head is not a metric")
        wanted = {"UNION_OF": "UNION", "PROGRAM_OF": "PROGRAM"}.get(label)
        if wanted is None:
            problems.append(f"relation {relation}: unknown label")
        elif child["label"] != wanted:
            problems.append(f"relation {relation}: child is {child['label']}, not {wanted}")
        (union_of if label == "UNION_OF" else program_of)[relation["head"]] += 1
    for span in spans:
        if span.get("label") in METRIC_LABELS:
            if union_of[span["id"]] != 1:
                problems.append(f"metric {span['id']}: {union_of[span['id']]} UNION_OF (need 1)")
            if program_of[span["id"]] > 1:
                problems.append(f"metric {span['id']}: more than one PROGRAM_OF")
    return problems


def check_values(report: dict[str, Any]) -> list[str]:
    """Metrics whose gold value or approx differs from what the parser reads."""
    problems = []
    processing = normalize_text(report["text"]).text  # for a statement's declared unit
    for span in report["spans"]:
        if span["label"] not in METRIC_LABELS:
            continue
        surface = report["text"][span["start"]:span["end"]]
        parsed = read_metric(surface, span["label"], processing)
        gold = (span.get("value"), span.get("approx"), span.get("value_high"))
        if parsed is None or not _same_value(parsed.value, gold[0]) or parsed.approx != gold[1] or (
            gold[1] == "range" and not _same_value(parsed.value_high, gold[2])
        ):
            got = None if parsed is None else (parsed.value, parsed.approx, parsed.value_high)
            problems.append(f"{report['id']} {span['id']} {surface!r}: gold {gold}, parser {got}")
    return problems


def _same_value(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def find_inconsistencies(reports: list[dict[str, Any]], min_length: int = 2) -> list[str]:
    """Surface forms annotated with two labels, or annotated here and missed there.

    reports (list[dict]): Guideline records.
    min_length (int): Ignore surfaces shorter than this. Defaults to 2.
    RETURNS (list[str]): One line per suspicious surface form.
    """
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for report in reports:
        for span in report["spans"]:
            surface = report["text"][span["start"]:span["end"]]
            if span["label"] in ENTITY_LABELS and len(surface) >= min_length:
                labels[surface][span["label"]] += 1
    lines = []
    for surface, counts in sorted(labels.items()):
        if len(counts) > 1:
            lines.append(f"two labels: {surface!r} {dict(counts)} in *")
    # surfaces by their first two characters: one pass over each text instead
    # of one regex scan per surface and report (minutes on 1,700 reports)
    by_opening: dict[str, list[str]] = defaultdict(list)
    for surface in labels:
        by_opening[surface[:2]].append(surface)
    order = {surface: index for index, surface in enumerate(labels)}
    for report in reports:
        covered = [(s["start"], s["end"]) for s in report["spans"]]
        text = report["text"]
        found: dict[str, list[int]] = defaultdict(list)
        for start in range(len(text) - 1):
            for surface in by_opening.get(text[start:start + 2], ()):
                if not text.startswith(surface, start):
                    continue
                starts = found[surface]
                # non-overlapping occurrences of each surface, as re.finditer finds them
                if not starts or starts[-1] + len(surface) <= start:
                    starts.append(start)
        for surface in sorted(found, key=order.__getitem__):
            for start in found[surface]:
                end = start + len(surface)
                if not any(a < end and start < b for a, b in covered):
                    context = text[max(0, start - 8):end + 8].replace("\n", "⏎")
                    label = labels[surface].most_common(1)[0][0]
                    lines.append(f"missed {label} {surface!r} in {report['id']} at {start}: …{context}…")
    return lines


def corpus_stats(reports_by_split: dict[str, list[dict[str, Any]]]) -> str:
    """A plain-text table of counts per label, relation, style and split."""
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    names: set[str] = set()
    provinces: set[str] = set()
    for split, reports in reports_by_split.items():
        for report in reports:
            rows["reports"][split] += 1
            rows["characters"][split] += len(report["text"])
            rows[f"style {report.get('meta', {}).get('style', '?')}"][split] += 1
            for span in report["spans"]:
                rows[f"label {span['label']}"][split] += 1
            for relation in report["relations"]:
                rows[f"relation {relation['label']}"][split] += 1
            names.update(report["text"][s["start"]:s["end"]] for s in report["spans"]
                         if s["label"] == "PROGRAM")
            if report.get("meta", {}).get("province"):
                provinces.add(report["meta"]["province"])
    splits = list(reports_by_split)
    width = max(len(k) for k in rows) + 2
    out = ["".ljust(width) + "".join(s.rjust(9) for s in splits) + "total".rjust(9)]
    for key in sorted(rows, key=lambda k: (not k.startswith(("reports", "char")), k)):
        counts = rows[key]
        out.append(key.ljust(width) + "".join(str(counts[s]).rjust(9) for s in splits)
                   + str(sum(counts.values())).rjust(9))
    out.append(f"distinct programme surfaces: {len(names)}; provinces: {len(provinces)}")
    return "\n".join(out)


def read_reviewed(path: Path) -> set[tuple[str, str]]:
    """(surface, report id) pairs a person checked and kept, from a TSV file
    of ``surface<TAB>report id or *<TAB>reason`` lines."""
    reviewed: set[tuple[str, str]] = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                surface, report_id, *_ = line.split("\t")
                reviewed.add((surface, report_id))
    return reviewed


def is_reviewed(line: str, reviewed: set[tuple[str, str]]) -> bool:
    """Whether a find_inconsistencies line is on the reviewed list."""
    match = re.search(r"'(?P<surface>[^']+)'.* in (?P<report>\S+?)(?: at \d+:|$)", line)
    return bool(match) and ((match["surface"], match["report"]) in reviewed
                            or (match["surface"], "*") in reviewed)
