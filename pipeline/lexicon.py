"""The domain lexicons: programme names with aliases, union name forms, places.

One reader for the data files that the entity ruler patterns, the pkuseg user
dictionary and the union resolver are all built from, so they cannot drift.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import srsly
from spacy.util import registry

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Lexicon:
    programmes: dict[str, str]  # surface form or alias -> canonical name
    ruler_programmes: frozenset[str]  # the surfaces the entity ruler may match
    union_suffixes: tuple[str, ...]
    union_short_forms: tuple[str, ...]
    union_generic: frozenset[str]
    place_suffixes: tuple[str, ...]
    places: tuple[str, ...]  # full names, e.g. 洮南市
    place_stems: tuple[str, ...]  # names without their level, e.g. 洮南
    organizations: tuple[str, ...] = ()  # platforms and carriers, e.g. 饿了么


def _stem(name: str, suffixes: tuple[str, ...]) -> str | None:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the lexicon files under ``pipeline/data``."""
    programmes: dict[str, str] = {}
    ruler_programmes: set[str] = set()
    for line in (DATA / "lexicon" / "programmes.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, _, aliases = line.partition("\t")
        in_ruler = not canonical.startswith("~")
        canonical = canonical.lstrip("~").strip()
        surfaces = [canonical, *filter(None, (a.strip() for a in aliases.split("|")))]
        for surface in surfaces:
            programmes[surface] = canonical
            if in_ruler:
                ruler_programmes.add(surface)
    unions = json.loads((DATA / "lexicon" / "unions.json").read_text(encoding="utf-8"))
    place_suffixes = tuple(unions["place_suffixes"])
    places = []
    for line in (DATA / "places.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        name = line.split("\t")[1].strip()
        if name not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            places.append(name)
    stems = {s for s in (_stem(p, place_suffixes) for p in places) if s}
    organizations = [line.strip() for line in (DATA / "lexicon" / "organizations.tsv").read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return Lexicon(
        programmes=programmes,
        ruler_programmes=frozenset(ruler_programmes),
        union_suffixes=tuple(unions["suffixes"]),
        union_short_forms=tuple(unions["short_forms"]),
        union_generic=frozenset(unions["generic"]),
        place_suffixes=place_suffixes,
        places=tuple(sorted(set(places))),
        place_stems=tuple(sorted(stems)),
        organizations=tuple(organizations),
    )


@lru_cache(maxsize=2)
def place_names(with_stems: bool = False) -> frozenset[str]:
    """Gazetteer place names (洮南市), and their stems (洮南) if asked."""
    lexicon = load_lexicon()
    return frozenset(lexicon.places) | (frozenset(lexicon.place_stems) if with_stems else frozenset())


@lru_cache(maxsize=1)
def places_by_start() -> dict[str, list[str]]:
    """Place names and stems indexed by their first two characters."""
    index: dict[str, list[str]] = {}
    for name in place_names(with_stems=True):
        if len(name) >= 2:
            index.setdefault(name[:2], []).append(name)
    return index


@lru_cache(maxsize=4096)
def canonical_programme(surface: str) -> str:
    """The canonical programme name (ANNOTATION.md 2): the name as written,
    quote marks and line breaks dropped, traditional characters folded.
    Aliases are not folded: a record names the programme the text names.

    "“两节”送温暖" -> "两节送温暖"; "職工互助保\n障" -> "职工互助保障"
    """
    from .normalize import normalize_text

    text = normalize_text(surface).text
    for mark in "“”‘’「」『』《》\"'\n ":
        text = text.replace(mark, "")
    return text


@registry.readers("union_ie.read_patterns.v1")
def read_patterns(path: str) -> list[dict]:
    """Read entity ruler patterns as a list (srsly's reader yields a generator,
    which the entity ruler's initialize settings reject)."""
    return list(srsly.read_jsonl(path))
