"""The ``extract`` command: read files, run the pipeline, write records.

Bad files cost one line each and the batch goes on; the run ends with a
summary and a non-zero exit code if any file failed. Output files are written
atomically, and ``--resume`` skips files whose records are already there.
"""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError
from .extraction import get_pipeline, pipe_by_size
from .reading import (
    atomic_writer,
    iter_input_files,
    read_report_file,
    split_for_streaming,
)
from .records import doc_to_records

logger = logging.getLogger("pipeline")

STREAM_CHARS = 10_000  # larger inputs go through in report- or paragraph-sized chunks
TABLE_COLUMNS = ("union", "programme", "label", "value", "approx", "text", "start", "end")
CSV_COLUMNS = ("source", "label", "text", "value", "approx", "value_high", "unit", "union",
               "programme", "confidence", "start", "end", "sentence")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _cell(record: dict, column: str) -> str:
    value = record.get(column)
    if value is None:
        return "-"
    if column == "value" and record.get("approx") == "range":
        return f"{value}~{record.get('value_high')}"
    return str(value).replace("\n", "⏎")


def format_table(records: list[dict]) -> str:
    """Records as an aligned text table (CJK characters count double)."""
    rows = [[_cell(r, c) for c in TABLE_COLUMNS] for r in records]
    widths = [max([_width(c), *(_width(row[i]) for row in rows)])
              for i, c in enumerate(TABLE_COLUMNS)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(TABLE_COLUMNS, widths))]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(_pad(cell, w) for cell, w in zip(row, widths)) for row in rows)
    return "\n".join(lines)


def _done_sources(path: Path) -> set[str]:
    done = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except json.JSONDecodeError:
                continue
            if item.get("source") is not None:
                done.add(item["source"])
    return done


def run_extraction(paths: list[Path], model: str | None = None, output_format: str = "table",
                   output: Path | None = None, encoding: str | None = None,
                   resume: bool = False, n_process: int = 1) -> int:
    """Extract records from files and write them; returns the exit code."""
    files = iter_input_files(paths)
    previous: list[str] = []
    if resume and output is not None and output.exists():
        if output_format != "jsonl":
            raise InputError("E204 --resume needs --format jsonl (a file of one record per line).")
        done = _done_sources(output)
        previous = output.read_text(encoding="utf-8").splitlines()
        files = [f for f in files if str(f) not in done]
        logger.warning("resuming: %d files already done, %d to go", len(done), len(files))
    nlp = get_pipeline(model)
    failures: list[str] = []
    empty_files: list[str] = []

    def texts() -> Iterator[tuple[str, tuple[str, int, bool]]]:
        for path in files:
            try:
                decoded = read_report_file(path, encoding=encoding)
            except InputError as error:
                print(f"error: {error}", file=sys.stderr)
                failures.append(str(path))
                yield "", (str(path), 0, True)
                continue
            if not decoded.text.strip():
                empty_files.append(str(path))
            # huge files go through in report- or paragraph-sized chunks, so
            # memory stays bounded; offsets are shifted back onto the file
            chunks = split_for_streaming(decoded.text, STREAM_CHARS)
            for index, (offset, chunk) in enumerate(chunks):
                yield chunk, (str(path), offset, index == len(chunks) - 1)

    from tqdm import tqdm

    progress = tqdm(total=len(files), unit="file", disable=len(files) < 2, file=sys.stderr)
    count = 0

    def rows() -> Iterator[dict]:
        nonlocal count
        for doc, (source, offset, last_chunk) in pipe_by_size(
                nlp, texts(), as_tuples=True, n_process=n_process):
            for record in doc_to_records(doc):
                count += 1
                yield {**record.to_dict(), "source": source,
                       "start": record.start + offset, "end": record.end + offset,
                       "union_span": _shift(record.union_span, offset),
                       "programme_span": _shift(record.programme_span, offset)}
            if last_chunk:
                progress.update(1)

    # records are written as they come (jsonl, csv), so a huge input never
    # holds them all; a table needs every row for its widths
    target = atomic_writer(output) if output is not None else contextlib.nullcontext(sys.stdout)
    with target as handle:
        for line in previous:
            handle.write(line + "\n")
        if output_format == "table":
            handle.write(format_table(list(rows())) + "\n")
        elif output_format == "jsonl":
            for row in rows():
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows())
    progress.close()
    print(f"{len(files)} files, {count} records, {len(failures)} failed"
          + (f", {len(empty_files)} empty" if empty_files else ""), file=sys.stderr)
    return 1 if failures else 0


def _shift(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + offset, span[1] + offset)
