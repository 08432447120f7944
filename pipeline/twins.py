"""Twins of annotated reports in other scripts and punctuation styles.

A twin changes characters one for one (simplified -> traditional, Chinese
punctuation -> ASCII, digits -> full-width), so every gold span keeps its
offsets and values; scoring the twins shows how much a style costs.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
TWIN_KINDS = ("traditional", "ascii_punctuation", "fullwidth_digits")
_ASCII = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?",
          "“": '"', "”": '"', "‘": "'", "’": "'"}


@lru_cache(maxsize=1)
def _tables() -> dict[str, dict[int, str]]:
    s2t = json.loads((DATA / "s2t_chars.json").read_text(encoding="utf-8"))
    return {
        "traditional": str.maketrans(s2t),
        "ascii_punctuation": str.maketrans(_ASCII),
        "fullwidth_digits": str.maketrans({str(d): chr(0xFF10 + d) for d in range(10)}),
    }


def make_twin(report: dict[str, Any], kind: str) -> dict[str, Any]:
    """A copy of ``report`` with its text converted; spans and relations unchanged.

    report (dict): A guideline record.
    kind (str): One of TWIN_KINDS.
    RETURNS (dict): The twin, id suffixed with the kind.
    """
    text = report["text"].translate(_tables()[kind])
    assert len(text) == len(report["text"]), "twins convert one character for one"
    return {**report, "id": f"{report['id']}~{kind}", "text": text}
