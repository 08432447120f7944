"""Every message a user can see, with a code and what to do next.

Codes: E0xx loading and setup, E1xx corpus and authoring, E2xx input files,
E3xx evaluation and training.
"""

from __future__ import annotations

import re
from pathlib import Path


class PipelineError(Exception):
    """Base class of the errors this package raises on purpose."""


class SegmenterMissingError(PipelineError):
    """The pkuseg model is neither cached nor fetchable."""


class CorpusError(PipelineError):
    """A corpus or markup file breaks the annotation guideline."""

    @classmethod
    def at(cls, path: Path, match: re.Match, code: str, message: str) -> CorpusError:
        line = match.string.count("\n", 0, match.start()) + 1
        return cls(f"{path}:{line}: {code} {message}")


class InputError(PipelineError):
    """An input file cannot be read as text."""


class Errors:
    E001 = (
        "E001 The pkuseg segmenter model is not in {cache}. Run `make setup` "
        "(or `python -m pipeline setup`) once with network access to PyPI."
    )
    E002 = "E002 Could not fetch pkuseg from PyPI: {reason}. Check the network and retry."
    E003 = "E003 Checksum mismatch for {path}: expected {expected}, got {actual}. Delete {cache} and run `make setup` again."
    E004 = "E004 No trained model in {path}. Run `make train` or pass --model."
    E201 = "E201 {path}: cannot decode as text ({reason}); try --encoding."
    E202 = "E202 {path}: looks like a binary file, skipped."
    E203 = "E203 {path}: no such file or folder."
    E205 = "E205 {path}: cannot be read ({reason}). Check that it is a file you may read."
    E206 = "E206 max_chars must be a positive number of characters, got {max_chars}."
    E301 = "E301 {path}:{line}: not a JSON object: {reason}"
    E302 = "E302 {path}:{line}: report has no 'text' field."
