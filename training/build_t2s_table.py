"""Build ``pipeline/data/t2s_chars.json`` from OpenCC's traditional→simplified tables.

Only one-character-to-one-character conversions are kept, so that folding
traditional text never changes its length and offsets survive.

    python training/build_t2s_table.py
"""

from __future__ import annotations

import json
from pathlib import Path

import opencc

TARGET = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "t2s_chars.json"
CJK_BLOCKS = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)]


def build_table() -> dict[str, str]:
    """Map every traditional character that OpenCC folds to one simplified one."""
    converter = opencc.OpenCC("t2s")
    table: dict[str, str] = {}
    for low, high in CJK_BLOCKS:
        for code in range(low, high + 1):
            char = chr(code)
            simplified = converter.convert(char)
            if len(simplified) == 1 and simplified != char:
                table[char] = simplified
    return table


def main() -> None:
    table = build_table()
    TARGET.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0),
                      encoding="utf-8")
    print(f"wrote {len(table)} characters to {TARGET}")


if __name__ == "__main__":
    main()
