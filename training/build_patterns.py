"""Build the entity ruler patterns and the pkuseg user dictionary from the lexicons.

Both come from the same files (``pipeline/data/lexicon``, ``places.tsv``), so
that the names the ruler matches are the words pkuseg keeps whole.

    python training/build_patterns.py
"""

from __future__ import annotations

import json
import re

from pipeline.lexicon import DATA, load_lexicon

RULER_PATTERNS = DATA / "patterns" / "entity_ruler.jsonl"
USER_DICT = DATA / "user_dict.txt"
CJK_WORD = r"^[\u3400-\u9fff]{1,6}$"


def build() -> tuple[list[dict], list[str]]:
    lexicon = load_lexicon()
    patterns: list[dict] = []
    for surface in sorted(lexicon.ruler_programmes):
        canonical = lexicon.programmes[surface]
        patterns.append({"label": "PROGRAM", "pattern": surface, "id": canonical})
    for short in lexicon.union_short_forms:
        patterns.append({"label": "UNION", "pattern": short})
    for name in lexicon.organizations:
        patterns.append({"label": "ORG", "pattern": name})
    # full place names only: stems are often common words (新建, 和平, 开发)
    places = sorted(set(lexicon.places))
    suffixes = list(lexicon.union_suffixes)
    # 吉林省白城市总工会, 洮南市总工会, 白城工业园区工会, 镇赉县职业技术教育中心工会
    patterns.append({"label": "UNION", "pattern": [
        {"TEXT": {"IN": places}}, {"TEXT": {"IN": places}, "OP": "*"},
        {"TEXT": {"REGEX": CJK_WORD}, "OP": "{0,4}"},
        {"TEXT": {"IN": suffixes}}]})
    words = set(lexicon.ruler_programmes) | set(lexicon.union_short_forms) | set(suffixes)
    # honours stay out of the ruler (they take their level) but are words:
    # 命名楚雄州工人先锋号 was cut 工人|先|锋号
    words |= {name for name in lexicon.programmes if re.fullmatch(CJK_WORD, name)}
    # Full place names only: bare stems (合江, 东方) force wrong cuts in running
    # text, e.g. 联合江汉区 -> 联|合江|汉区.
    words |= set(lexicon.places)
    words |= {name for name in lexicon.organizations if re.fullmatch(CJK_WORD, name)}
    # spacy-pkuseg's forced matching keeps the characters it walked past a
    # shorter dictionary word ("工会" + "联合" of 工会联合会 -> "工会联合"), so no
    # word may be a proper prefix of another
    words = {w for w in words if not any(o != w and o.startswith(w) for o in words)}
    return patterns, sorted(words)


def main() -> None:
    patterns, words = build()
    with RULER_PATTERNS.open("w", encoding="utf-8") as out:
        for pattern in patterns:
            out.write(json.dumps(pattern, ensure_ascii=False) + "\n")
    USER_DICT.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(patterns)} ruler patterns and {len(words)} user-dictionary words")


if __name__ == "__main__":
    main()
