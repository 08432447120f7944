"""Convert the corpus authoring markup into guideline JSONL.

Annotators write reports with inline tags instead of counting offsets by hand;
this module strips the tags, computes the offsets on the raw text and emits one
guideline record (ANNOTATION.md section 1) per report. The markup is described
in ``corpus/AUTHORING.md``.

    [[洮南市总工会|UNION|u1]] … [[金秋助学|PROGRAM|p1]] … [[15.73万元|MONEY|157300|-|p1]]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CorpusError

METRIC_LABELS = ("MONEY", "HEADCOUNT", "COUNT")
ENTITY_LABELS = ("UNION", "ORG", "PROGRAM")
APPROX_VALUES = {"-": None, "more": "more", "nearly": "nearly", "about": "about",
                 "range": "range"}

_TAG = re.compile(r"\[\[(?P<surface>[^\[\]|]+)\|(?P<fields>[^\[\]]+?)\]\]", re.DOTALL)
_HEADER = re.compile(r"^### id:\s*(?P<id>\S+)\s*$", re.MULTILINE)


@dataclass
class AuthoredReport:
    """One report read from a markup file, before conversion."""

    id: str
    meta: dict[str, Any] = field(default_factory=dict)
    default_union: str | None = None
    source: str | None = None
    body: str = ""
    line: int = 0
    path: str = ""


def read_markup(path: Path) -> Iterator[AuthoredReport]:
    """Yield the reports of one markup file.

    path (Path): A ``.md`` or ``.txt`` file of ``### id:`` blocks.
    YIELDS (AuthoredReport): Each block's header fields and tagged body.
    """
    content = path.read_text(encoding="utf-8")
    headers = list(_HEADER.finditer(content))
    for i, match in enumerate(headers):
        end = headers[i + 1].start() if i + 1 < len(headers) else len(content)
        block = content[match.end() + 1 : end]
        head, sep, body = block.partition("\n---\n")
        if not sep:
            raise CorpusError.at(path, match, "E101", "no '---' line after the header")
        report = AuthoredReport(
            id=match.group("id"),
            body=body.rstrip("\n"),
            line=content.count("\n", 0, match.start()) + 1,
            path=str(path),
        )
        for raw_line in head.splitlines():
            key, _, value = raw_line.partition(":")
            key, value = key.strip(), value.strip()
            if key == "meta":
                report.meta = json.loads(value)
            elif key == "union":
                report.default_union = value
            elif key == "source":
                report.source = value
            elif key:
                raise CorpusError.at(path, match, "E102", f"unknown header key {key!r}")
        yield report


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value


def convert_report(report: AuthoredReport, root: Path | None = None) -> dict[str, Any]:
    """Strip the tags of one report and compute spans and relations.

    report (AuthoredReport): The report as read by ``read_markup``.
    root (Path | None): Folder that ``source:`` paths are relative to.
    RETURNS (dict): The report in the guideline's JSONL form.
    """
    where = f"{report.path}:{report.line} ({report.id})"
    pieces: list[str] = []
    spans: list[dict[str, Any]] = []
    links: list[tuple[str, str | None, str | None]] = []
    cursor = 0
    length = 0
    used_ids: set[str] = set()
    for n, tag in enumerate(_TAG.finditer(report.body), start=1):
        before = report.body[cursor : tag.start()]
        if "[[" in before or "]]" in before:
            raise CorpusError(f"{where}: E103 malformed tag near {before[-30:]!r}")
        pieces.append(before)
        length += len(before)
        surface = tag.group("surface")
        fields = [f.strip() for f in tag.group("fields").split("|")]
        label = fields[0]
        span: dict[str, Any] = {"start": length, "end": length + len(surface),
                                "label": label}
        if label in ENTITY_LABELS:
            if len(fields) > 2:
                raise CorpusError(f"{where}: E104 {surface!r}: entity takes one id")
            span["id"] = fields[1] if len(fields) == 2 else f"s{n}"
        elif label in METRIC_LABELS:
            if len(fields) not in (4, 5):
                raise CorpusError(
                    f"{where}: E105 {surface!r}: metric needs LABEL|value|approx|prog"
                    " [|union]"
                )
            span["id"] = f"m{n}"
            value_text, approx_text, prog = fields[1], fields[2], fields[3]
            if approx_text not in APPROX_VALUES:
                raise CorpusError(f"{where}: E106 {surface!r}: approx {approx_text!r}")
            approx = APPROX_VALUES[approx_text]
            if approx == "range":
                low, _, high = value_text.partition("~")
                if not high:
                    raise CorpusError(f"{where}: E107 {surface!r}: range needs lo~hi")
                span["value"], span["value_high"] = _number(low), _number(high)
            else:
                try:
                    span["value"] = _number(value_text)
                except ValueError:
                    raise CorpusError(
                        f"{where}: E108 {surface!r}: value {value_text!r}"
                    ) from None
            span["approx"] = approx
            union = fields[4] if len(fields) == 5 else report.default_union
            links.append((span["id"], union, None if prog == "-" else prog))
        else:
            raise CorpusError(f"{where}: E109 {surface!r}: unknown label {label!r}")
        if span["id"] in used_ids:
            raise CorpusError(f"{where}: E110 duplicate span id {span['id']!r}")
        used_ids.add(span["id"])
        pieces.append(surface)
        length += len(surface)
        spans.append(span)
        cursor = tag.end()
    rest = report.body[cursor:]
    if "[[" in rest or "]]" in rest:
        raise CorpusError(f"{where}: E103 malformed tag near {rest[:30]!r}")
    pieces.append(rest)
    text = "".join(pieces)
    if report.source:
        source_path = (root or Path.cwd()) / report.source
        original = source_path.read_text(encoding="utf-8")
        if original.rstrip("\n") != text.rstrip("\n"):
            raise CorpusError(f"{where}: E111 text differs from {report.source}")
        text = original
    by_id = {s["id"]: s for s in spans}
    relations = []
    for head, union, prog in links:
        if union is None or by_id.get(union, {}).get("label") != "UNION":
            raise CorpusError(f"{where}: E112 metric {head}: no UNION with id {union!r}")
        relations.append({"head": head, "child": union, "label": "UNION_OF"})
        if prog is not None:
            if by_id.get(prog, {}).get("label") != "PROGRAM":
                raise CorpusError(f"{where}: E113 metric {head}: no PROGRAM {prog!r}")
            relations.append({"head": head, "child": prog, "label": "PROGRAM_OF"})
    ordered = [{"id": s.pop("id"), **s} for s in spans]
    return {"id": report.id, "text": text, "meta": report.meta,
            "spans": ordered, "relations": relations}


def convert_file(path: Path, root: Path | None = None) -> list[dict[str, Any]]:
    """Convert every report of one markup file (see ``convert_report``)."""
    return [convert_report(r, root) for r in read_markup(path)]


def main(argv: list[str] | None = None) -> int:
    """Check markup files: ``python -m pipeline.authoring FILE...``.

    Converts each file without writing anything, then runs the guideline
    validator and the value parser on every report; exit 1 on any problem.
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m pipeline.authoring",
        description="Check authoring-markup files (corpus/AUTHORING.md) without writing anything.")
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    paths = parser.parse_args(argv).paths
    failed = 0
    for path in paths:
        try:
            reports = convert_file(path, Path.cwd())
        except (CorpusError, OSError, UnicodeDecodeError) as error:
            print(f"{path}: {error}")
            failed += 1
            continue
        from .corpus import check_values, validate_report

        for report in reports:
            problems = validate_report(report) + [
                f"value: {issue}" for issue in check_values(report)]
            for problem in problems:
                print(f"{path}:{report['id']}: {problem}")
            failed += bool(problems)
        metrics = sum(s["label"] in METRIC_LABELS for r in reports for s in r["spans"])
        programs = sum(
            rel["label"] == "PROGRAM_OF" for r in reports for rel in r["relations"]
        )
        chars = sum(len(r["text"]) for r in reports)
        print(f"{path}: {len(reports)} reports, {chars} chars, {metrics} metrics, "
              f"{programs} PROGRAM_OF")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
