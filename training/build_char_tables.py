"""Build the one-to-one character tables from OpenCC's conversion tables.

``pipeline/data/t2s_chars.json`` (traditional -> simplified) is what the
normalizer folds with; ``pipeline/data/s2t_chars.json`` (simplified ->
traditional) makes the traditional twins of test reports. Only
one-character-to-one-character conversions are kept, so that converting
never changes a text's length and offsets survive.

    python training/build_char_tables.py
"""

from __future__ import annotations

import json
from pathlib import Path

import opencc

DATA = Path(__file__).resolve().parent.parent / "pipeline" / "data"
CJK_BLOCKS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]


def build_table(config: str = "t2s") -> dict[str, str]:
    """Map every character that OpenCC converts to exactly one other character."""
    converter = opencc.OpenCC(config)
    table: dict[str, str] = {}
    for low, high in CJK_BLOCKS:
        for code in range(low, high + 1):
            char = chr(code)
            simplified = converter.convert(char)
            if len(simplified) == 1 and simplified != char:
                table[char] = simplified
    return table


def main() -> None:
    for config in ("t2s", "s2t"):
        table = build_table(config)
        target = DATA / f"{config}_chars.json"
        target.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0),
                          encoding="utf-8")
        print(f"wrote {len(table)} characters to {target}")


if __name__ == "__main__":
    main()
