"""A faster ``spacy_pkuseg.pkuseg.cut`` with exactly the same output.

``pkuseg._cut`` spends ~20 us per character building about 70 feature strings
per character (Cython ``__get_node_features_idx``) and looking each up in an
870k-entry dict. ``FastSegmenter`` computes the same feature ids with numpy and
a few caches, then scores and decodes exactly as pkuseg does:

* the text is mapped once (``str.translate``) to a *canonical* string with one
  character per pkuseg node: keyword characters -> ``&`` as pkuseg renames
  them, every "**Num" character -> U+FDD0, every "**Letter" character ->
  U+FDD1. pkuseg's node sequence is a function of that string, so slices of it
  stand for joined node strings (texts that contain U+FDD0/U+FDD1 themselves
  go to pkuseg);
* unigram character features come from a table indexed by code point, bigram
  features from a map keyed by the code-point pair;
* which substrings of length 2..6 at each position are in the unigram set is
  found with vectorised 64-bit polynomial hashes and then verified on the
  string itself (a hash collision cannot change the result). pkuseg's four
  word lists per character (prefix/suffix, inclusive/exclusive) are shifts of
  that one table. Out-of-range slices are the word ``""`` (the pretrained
  unigram set contains ``""``), other non-words are ``**noWord``;
* the 2 x 25 ``ww.l.``/``ww.r.`` pair slots: pairs of two real words come from
  a map keyed by word-id pairs; pairs with ``**noWord`` or ``""`` from per-word
  columns. Each of the 50 combinations is its own slot, so a feature that
  repeats counts as often as in pkuseg;
* emission scores add the present features *in pkuseg's order* to 0.0, so
  they are bit-identical to ``inference.getLogYY``; the compiled
  ``inference.run_viterbi`` decodes them, piece by piece.

All model pieces of one ``cut`` call (whitespace split, user-dictionary split)
are scored in one batch. The pre-processor (user-dictionary trie) and the
post-processor (dictionary joins of 2..7 tokens) keep pkuseg's semantics,
quirks included; hashes only pick the places where they can do something.
The caches grow with the text seen (bounded); an instance is not thread-safe.

Use::

    fast = FastSegmenter(seg)        # seg: an initialized spacy_pkuseg.pkuseg
    words = fast.cut(text)           # == seg.cut(text), for every str
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise

import numpy as np
from spacy_pkuseg import inference as _inf
from spacy_pkuseg.config import config as _config

_NUM = "\ufdd0"  # canonical stand-in for every "**Num" node (a Unicode noncharacter)
_LETTER = "\ufdd1"  # canonical stand-in for every "**Letter" node
_NODES = {_NUM: "**Num", _LETTER: "**Letter"}
_NOWORD = "**noWord"
_CACHE_LIMIT = 400_000  # entries per cache before it is cleared
_CODE_BITS = 21  # code point + 1 < 2**21

_U64 = np.uint64
_BASE = 0x9E3779B97F4A7C15  # odd, so invertible modulo 2**64
_BASE_INV = pow(_BASE, -1, 1 << 64)
_POWERS = [np.ones(1, dtype=_U64), np.ones(1, dtype=_U64)]  # BASE**k, BASE_INV**k


def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """BASE**k and BASE_INV**k (mod 2**64) for k < size, grown on demand."""
    if len(_POWERS[0]) < size:
        size = max(size, 2 * len(_POWERS[0]))
        for i, base in enumerate((_BASE, _BASE_INV)):
            powers = np.full(size, base, dtype=_U64)
            powers[0] = 1
            _POWERS[i] = np.cumprod(powers, dtype=_U64)  # wraps modulo 2**64
    return _POWERS[0], _POWERS[1]


def _codes(text: str) -> np.ndarray:
    """Code point + 1 of every character (so that no code is 0)."""
    raw = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return raw.astype(_U64) + _U64(1)


def _mix(h: np.ndarray) -> np.ndarray:
    """A bijective 64-bit finaliser, so buckets use well-spread top bits."""
    h = h ^ (h >> _U64(31))
    h = h * _U64(0xBF58476D1CE4E5B9)
    return h ^ (h >> _U64(29))


class _Windows:
    """Polynomial hashes of arbitrary windows [start, end) of one string."""

    def __init__(self, codes: np.ndarray):
        powers, inverse = _powers(len(codes) + 1)
        self._powers = powers
        prefix = np.zeros(len(codes) + 1, dtype=_U64)
        np.cumsum(codes * inverse[: len(codes)], dtype=_U64, out=prefix[1:])
        self._prefix = prefix

    def hash(self, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        # sum code[k] * BASE**(end-1-k)  ==  BASE**(end-1) * sum code[k] * BASE**-k
        prefix = self._prefix
        return _mix(self._powers[end - 1] * (prefix[end] - prefix[start]))


class _HashSet:
    """Exact membership of uint64 values, vectorised (sorted values, bucket index)."""

    def __init__(self, values: np.ndarray, presorted: bool = False):
        if not presorted:
            values = np.sort(values)
            if len(values) > 1:
                values = values[np.append(True, values[1:] != values[:-1])]
        bits = len(values).bit_length() + 1  # at most half the buckets used
        self._shift = _U64(64 - bits)
        buckets = (values >> self._shift).astype(np.int64)
        start = np.zeros((1 << bits) + 1, dtype=np.int32)
        np.cumsum(np.bincount(buckets, minlength=1 << bits), out=start[1:])
        self._start = start
        self.values = values

    def find(self, query: np.ndarray) -> np.ndarray:
        """Index of each query value in ``self.values`` (sorted), -1 if absent."""
        bucket = (query >> self._shift).astype(np.int64)
        lo = self._start[bucket]
        hi = self._start[bucket + 1]
        where = np.full(len(query), -1, dtype=np.int64)
        idx = np.flatnonzero(lo < hi)
        lo, hi, query = lo[idx], hi[idx], query[idx]
        values = self.values
        while len(idx):
            value = values[lo]
            hit = value == query
            where[idx[hit]] = lo[hit]
            more = (value < query) & (lo + 1 < hi)
            idx, lo, hi, query = idx[more], lo[more] + 1, hi[more], query[more]
        return where

    def contains(self, query: np.ndarray) -> np.ndarray:
        return self.find(query) >= 0


class _IntMap:
    """Exact int64 key -> int value, read vectorised; a missing value is made
    by ``make(key)`` in Python and kept (in a dict until the table is rebuilt)."""

    def __init__(self, make):
        self._make = make
        self.clear()

    def clear(self) -> None:
        self._table = _HashSet(np.zeros(0, dtype=_U64))
        self._values = np.zeros(0, dtype=np.int64)
        self._pending: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._values) + len(self._pending)

    def get(self, keys: np.ndarray) -> np.ndarray:
        at = self._table.find(_mix(keys.astype(_U64)))  # _mix is a bijection
        values = self._values
        out = values[at] if len(values) else np.zeros(len(keys), dtype=np.int64)
        missing = np.flatnonzero(at < 0)
        if len(missing):
            pending = self._pending
            make = self._make
            got = []
            for key in keys[missing].tolist():
                value = pending.get(key)
                if value is None:
                    value = pending[key] = make(key)
                got.append(value)
            out[missing] = got
            if len(pending) > max(4096, len(self._values) // 4):
                self._rebuild()
        return out

    def _rebuild(self) -> None:
        old = self._table.values
        keys = np.fromiter(self._pending.keys(), dtype=np.int64, count=len(self._pending))
        values = np.fromiter(self._pending.values(), dtype=np.int64, count=len(self._pending))
        mixed = np.concatenate([old, _mix(keys.astype(_U64))])
        values = np.concatenate([self._values, values])
        order = np.argsort(mixed, kind="stable")
        self._table = _HashSet(mixed[order], presorted=True)
        self._values = values[order]
        self._pending = {}


def _string_hashes(strings, low: int = 1, high: int = 1 << 30,
                   flag: tuple[str, ...] = ()) -> tuple[np.ndarray, bool]:
    """The _Windows hash of each string with ``low <= len <= high``, and
    whether any string contains one of ``flag``. Works on chunks of joined
    strings, so that the temporary arrays stay small."""
    strings = list(strings)
    parts = []
    flagged = False
    for at in range(0, len(strings), 8_000):
        chunk = strings[at:at + 8_000]
        joined = "\x00".join(chunk)
        flagged = flagged or any(token in joined for token in flag)
        codes = _codes(joined)
        separator = codes == _U64(1)  # code point 0, + 1
        ends = np.flatnonzero(separator)
        if len(ends) != len(chunk) - 1:  # some string holds a NUL
            hashes = [_Windows(_codes(s)).hash(np.zeros(1, dtype=np.int64),
                                               np.array([len(s)], dtype=np.int64))
                      for s in chunk if low <= len(s) <= high]
            parts.extend(hashes)
            continue
        ends = np.append(ends, len(codes))
        starts = np.empty_like(ends)
        starts[0] = 0
        starts[1:] = ends[:-1] + 1
        lens = ends - starts
        codes[separator] = 0
        # code[k] * BASE**(end-1-k) with the end of k's own string, summed per string
        owner = np.cumsum(separator) - separator
        exponent = np.maximum(ends[owner] - 1 - np.arange(len(codes)), 0)
        powers, _ = _powers(int(lens.max()) + 1)
        total = np.zeros(len(codes) + 1, dtype=_U64)
        np.cumsum(codes * powers[exponent], dtype=_U64, out=total[1:])
        keep = (lens >= low) & (lens <= high)
        parts.append(_mix(total[ends[keep]] - total[starts[keep]]))
    hashes = np.concatenate(parts) if parts else np.zeros(0, dtype=_U64)
    return hashes, flagged


class _Cache(dict):
    """A dict that computes a missing value with ``make(key)`` and keeps it."""

    __slots__ = ("_make",)

    def __init__(self, make):
        super().__init__()
        self._make = make

    def __missing__(self, key):
        value = self[key] = self._make(key)
        return value


class _Rows:
    """A growable int32 table of feature ids (-1 = absent), read by fancy indexing."""

    def __init__(self, width: int):
        self.width = width
        self.array = np.full((256, width), -1, dtype=np.int32)
        self.count = 0

    def append(self, row) -> int:
        if self.count == len(self.array):
            grown = np.full((2 * len(self.array), self.width), -1, dtype=np.int32)
            grown[: self.count] = self.array
            self.array = grown
        self.array[self.count] = row
        self.count += 1
        return self.count - 1


class FastSegmenter:
    """``cut(text)`` returns exactly ``seg.cut(text)``, several times faster.

    Texts shorter than ``small_text`` characters go to ``seg.cut`` itself: the
    fixed cost of the vectorised path (~0.4 ms a call) only pays from ~25
    characters on.

    seg: an initialized ``spacy_pkuseg.pkuseg``. Its weights, features and
        dictionaries are shared, not copied. The global ``spacy_pkuseg.config``
        feature settings (wordMax, wordMin, wordFeature, numLetterNorm) are read
        once, here. With ``postag=True`` ``cut`` simply calls ``seg.cut``.
    """

    small_text = 24

    def __init__(self, seg):
        self.seg = seg
        fe = seg.feature_extractor
        self._f2i = fe.feature_to_idx
        model = seg.model
        n_tag, n_feature = int(model.n_tag), int(model.n_feature)
        self._n_tag = n_tag
        w = model.w
        # emission weights, one row per feature (a view, not a copy)
        self._weights = w[: n_feature * n_tag].reshape(n_feature, n_tag)
        # as getLogYY: edge[s_pre, s] = 1 + w[n_feature*T + s*T + s_pre]
        edge = np.ones((n_tag, n_tag), dtype=np.float64)
        edge += w[n_feature * n_tag: (n_feature + n_tag) * n_tag].reshape(n_tag, n_tag).T
        self._edge = np.ascontiguousarray(edge)
        self._is_b = np.array(["B" in seg.idx_to_tag[t] for t in range(n_tag)], dtype=bool)
        self._fallback = bool(getattr(seg, "postag", False))

        self._word_feature = bool(_config.wordFeature)
        self._lengths = list(range(int(_config.wordMax), int(_config.wordMin) - 1, -1))
        self._length_array = np.array(self._lengths, dtype=np.int64)
        n_len = len(self._lengths)
        self._n_slot = 9 + (2 * n_len + 2 * n_len * n_len if self._word_feature else 0)
        self._canon = self._canonical_table(type(fe), bool(_config.numLetterNorm))

        # pkuseg "words": canonical substrings whose node string is in the unigram set
        unigram = fe.unigram
        self._lookup = unigram
        if self._word_feature:
            low, high = min(self._lengths), max(self._lengths)
            hashes, odd = _string_hashes(unigram, low, high,
                                         flag=(_NUM, _LETTER, "**Num", "**Letter"))
            if odd:  # not so in the pretrained model
                bad = {w for w in unigram if _NUM in w or _LETTER in w}
                extra = {w.replace("**Num", _NUM).replace("**Letter", _LETTER)
                         for w in unigram if "**Num" in w or "**Letter" in w}
                self._lookup = (unigram - bad) | {c for c in extra
                                                  if self._expand(c) in unigram}
                hashes, _ = _string_hashes(self._lookup, low, high)
            self._word_hashes = _HashSet(hashes)
        # word ids: 0 = "**noWord"; a row per word: w-1. w1., then the pair
        # features with "**noWord" and with "" (the out-of-range slice, when it
        # is a word): ww.l.(nw*w) ww.l.(w*nw) ww.r.(nw*w) ww.r.(w*nw),
        # ww.l.(""*w) ww.l.(w*"") ww.r.(""*w) ww.r.(w*"")
        self._words: list[str] = []
        self._word_rows = _Rows(10)
        self._empty_is_word = "" in self._lookup
        self._special_pairs = False  # any pair feature with "**noWord" or ""
        self._register(_NOWORD)
        self._vocab = _Cache(self._make_word_id)
        self._bound = self._vocab[""]  # the out-of-range slice
        self._key_base = len(self._lookup) + 2  # > any word id
        self._side = 1 << (2 * self._key_base.bit_length())  # ww.r. keys: + side
        self._pairs = _IntMap(self._make_pair)  # by [side +] pre * key_base + post
        self._char_row_of = np.full(0x110000 + 2, -1, dtype=np.int32)  # by code + 1
        self._char_rows = _Rows(5)  # c. c-1. c1. c-2. c2.
        self._bigram_rows = _Rows(3)  # c-1c. cc1. c-2c-1.
        self._bigram_ids = _IntMap(self._make_bigram_row)  # by (code+1) << 21 | code+1

        # user dictionary: a trie walk can only succeed where a word starts, so
        # only where a word's first two characters (or a one-character word) are
        self._trie = seg.preprocesser.trie
        children = self._trie.children
        self._user_singles = np.array(sorted(ord(c) + 1 for c, node in children.items()
                                             if node.isword), dtype=_U64)
        self._user_pairs = _HashSet(_mix(np.array(
            [(ord(a) + 1) << _CODE_BITS | (ord(b) + 1)
             for a, node in children.items() for b in node.children], dtype=_U64)))
        self._has_user = bool(children)

        post = seg.postprocesser
        self._post = bool(post.do_process)
        if self._post:
            self._common = post.common_words
            self._other = post.other_words
            self._joinable = self._other if not self._common else self._common | self._other
            self._join_hashes = _HashSet(_string_hashes(self._joinable)[0])

    # ------------------------------------------------------------------ tables

    def _canonical_table(self, extractor, num_letter_norm: bool) -> dict[int, str]:
        table = {}
        if num_letter_norm:
            table.update((ord(c), _NUM) for c in extractor.num)
            table.update((ord(c), _LETTER) for c in extractor.letter)
        table.update((ord(c), extractor.keyword_rename(c)) for c in extractor.keywords)
        # the canonical string must determine pkuseg's nodes, one to one
        for code, canonical in table.items():
            nodes = list(extractor.normalize_text(chr(code)))
            assert nodes == [_NODES.get(canonical, canonical)], chr(code)
        for canonical in set(table.values()) - set(_NODES):
            assert list(extractor.normalize_text(canonical)) == [canonical], canonical
        return table

    @staticmethod
    def _expand(canonical: str) -> str:
        """The joined node string of a canonical substring."""
        if _NUM in canonical:
            canonical = canonical.replace(_NUM, "**Num")
        if _LETTER in canonical:
            canonical = canonical.replace(_LETTER, "**Letter")
        return canonical

    def _register(self, word: str) -> int:
        get = self._f2i.get
        wid = len(self._words)
        self._words.append(word)
        is_word = wid != 0
        nw = _NOWORD
        row = [get("w-1." + word, -1) if is_word else -1,
               get("w1." + word, -1) if is_word else -1,
               get("ww.l." + nw + "*" + word, -1), get("ww.l." + word + "*" + nw, -1),
               get("ww.r." + nw + "*" + word, -1), get("ww.r." + word + "*" + nw, -1)]
        if self._empty_is_word:
            row += [get("ww.l.*" + word, -1), get("ww.l." + word + "*", -1),
                    get("ww.r.*" + word, -1), get("ww.r." + word + "*", -1)]
        else:
            row += [-1, -1, -1, -1]
        if max(row[2:]) >= 0:
            self._special_pairs = True
        self._word_rows.append(row)
        return wid

    def _make_word_id(self, canonical: str) -> int:
        """Word id of a canonical substring (0 when it is not a unigram word)."""
        if canonical not in self._lookup:
            return 0
        return self._register(self._expand(canonical))

    def _make_pair(self, key: int) -> int:
        right, key = divmod(key, self._side)
        pre, post = divmod(key, self._key_base)
        prefix = "ww.r." if right else "ww.l."
        return self._f2i.get(prefix + self._words[pre] + "*" + self._words[post], -1)

    def _make_char_row(self, char: str) -> int:
        get = self._f2i.get
        node = _NODES.get(char, char)
        return self._char_rows.append((get("c." + node, -1), get("c-1." + node, -1),
                                       get("c1." + node, -1), get("c-2." + node, -1),
                                       get("c2." + node, -1)))

    def _make_bigram_row(self, key: int) -> int:
        get = self._f2i.get
        first = chr((key >> _CODE_BITS) - 1)
        second = chr((key & ((1 << _CODE_BITS) - 1)) - 1)
        text = _NODES.get(first, first) + "." + _NODES.get(second, second)
        return self._bigram_rows.append((get("c-1c." + text, -1), get("cc1." + text, -1),
                                         get("c-2c-1." + text, -1)))

    def _trim_caches(self) -> None:
        if len(self._pairs) > _CACHE_LIMIT:
            self._pairs.clear()
        if len(self._bigram_ids) > _CACHE_LIMIT:
            self._bigram_ids.clear()
            self._bigram_rows.count = 0

    # -------------------------------------------------------------- segmenting

    def cut(self, txt: str) -> list[str]:
        """Segment ``txt`` exactly as ``spacy_pkuseg.pkuseg.cut`` does."""
        if (self._fallback or len(txt) < self.small_text
                or _NUM in txt or _LETTER in txt):
            return self.seg.cut(txt)
        txt = txt.strip()
        if not txt:
            return []
        chunks = txt.split()
        plan: list[tuple[str, bool]]  # (piece, is a user-dictionary word)
        if self._has_user:
            starts = self._user_starts(txt)
            plan = []
            solve = self._solve
            offset = 0
            for w0 in chunks:
                offset = txt.find(w0, offset)
                lo = bisect_left(starts, offset)
                hi = bisect_left(starts, offset + len(w0), lo)
                if lo == hi:
                    plan.append((w0, False))
                else:
                    plan.extend(solve(w0, [s - offset for s in starts[lo:hi]]))
                offset += len(w0)
        else:
            plan = [(w0, False) for w0 in chunks]
        model = [piece for piece, is_user in plan if not is_user]
        if not model:
            return [piece for piece, _ in plan]
        self._trim_caches()
        groups = self._segment(model)
        if len(model) == len(plan):
            return [word for group in groups for word in group]
        ret: list[str] = []
        next_group = iter(groups).__next__
        for piece, is_user in plan:
            if is_user:
                ret.append(piece)
            else:
                ret.extend(next_group())
        return ret

    __call__ = cut

    def _segment(self, pieces: list[str]) -> list[list[str]]:
        """``postprocesser(_cut(piece))`` for each piece."""
        lens = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
        raw = "".join(pieces)
        n = len(raw)
        ends = np.cumsum(lens)
        starts = ends - lens
        states = self._decode(raw.translate(self._canon), lens, starts, ends)
        word_start = self._is_b[states]
        word_start[starts] = True
        firsts = np.flatnonzero(word_start)
        bounds = firsts.tolist()
        bounds.append(n)
        words = [raw[a:b] for a, b in pairwise(bounds)]
        piece_first = np.searchsorted(firsts, starts)
        edges = piece_first.tolist()
        edges.append(len(words))
        groups = [words[a:b] for a, b in pairwise(edges)]
        if self._post and len(words) > 1:
            # windows of m words whose text may be a dictionary word (hash hit);
            # only their pieces can change, and post_process decides exactly
            bound_array = np.append(firsts, n)
            spans = [m for m in range(2, 8) if m < len(bound_array)]
            first = np.concatenate([np.arange(len(bound_array) - m) for m in spans])
            span = np.repeat(np.array(spans, dtype=np.int64), len(bound_array) - np.array(spans))
            hit = np.flatnonzero(self._join_hashes.contains(
                _Windows(_codes(raw)).hash(bound_array[first], bound_array[first + span])))
            if len(hit):
                hit_first = first[hit]
                hit_piece = np.searchsorted(piece_first, hit_first, side="right") - 1
                hits: dict[int, dict[int, list[int]]] = {}
                for k, m, i in zip(hit_piece.tolist(), span[hit].tolist(),
                                   (hit_first - piece_first[hit_piece]).tolist()):
                    hits.setdefault(k, {}).setdefault(m, []).append(i)
                for k, by_span in hits.items():
                    groups[k] = self._post_process(groups[k], by_span)
        return groups

    def _decode(self, whole: str, lens, starts, ends) -> np.ndarray:
        """Viterbi tags of every character of the canonical pieces in ``whole``."""
        n = len(whole)
        rel = np.arange(n, dtype=np.int64) - np.repeat(starts, lens)  # index in piece
        left = np.repeat(lens, lens) - rel  # characters from here to the piece end
        slots = np.full((n, self._n_slot), -1, dtype=np.int32)  # pkuseg's feature order
        slots[:, 0] = 0  # "$$"
        has1 = rel >= 1
        has2 = rel >= 2
        nxt1 = left >= 2
        codes = _codes(whole)

        row_of = self._char_row_of
        crow = row_of[codes]
        if (crow < 0).any():
            for code in np.unique(codes[crow < 0]).tolist():
                row_of[code] = self._make_char_row(chr(code - 1))
            crow = row_of[codes]
        cf = self._char_rows.array[crow]
        slots[:, 1] = cf[:, 0]  # c.
        slots[1:, 2] = np.where(has1[1:], cf[:-1, 1], -1)  # c-1.
        slots[:-1, 4] = np.where(nxt1[:-1], cf[1:, 2], -1)  # c1.
        slots[2:, 6] = np.where(has2[2:], cf[:-2, 3], -1)  # c-2.
        slots[:-2, 8] = np.where((left >= 3)[:-2], cf[2:, 4], -1)  # c2.
        if n > 1:  # the pair (j, j+1); pairs across pieces are masked out
            keys = (codes[:-1] << _U64(_CODE_BITS)) | codes[1:]
            brow = self._bigram_ids.get(keys.astype(np.int64))
            bf = self._bigram_rows.array[brow]
            slots[1:, 3] = np.where(has1[1:], bf[:, 0], -1)  # c-1c.
            slots[:-1, 5] = np.where(nxt1[:-1], bf[:, 1], -1)  # cc1.
            slots[2:, 7] = np.where(has2[2:], bf[:-1, 2], -1)  # c-2c-1.
        if self._word_feature:
            self._word_slots(whole, codes, slots, rel, left)

        # emission scores: per position, the present features in slot order,
        # added one by one to 0.0 exactly as getLogYY does
        ii, kk = np.nonzero(slots >= 0)
        counts = np.bincount(ii, minlength=n)
        rank = np.arange(len(ii)) - np.repeat(np.cumsum(counts) - counts, counts)
        dense = np.zeros((int(counts.max()), n, self._n_tag), dtype=np.float64)
        dense[rank, ii] = self._weights[slots[ii, kk]]
        score = np.zeros((n, self._n_tag), dtype=np.float64)
        for layer in dense:
            score += layer
        edge = self._edge
        viterbi = _inf.run_viterbi
        return np.concatenate([viterbi(score[a:b], edge)[1]
                               for a, b in zip(starts.tolist(), ends.tolist())])

    def _word_slots(self, whole: str, codes, slots, rel, left) -> None:
        n = len(whole)
        lengths = self._length_array
        n_len = len(lengths)
        bound = self._bound
        vocab = self._vocab
        # starting[i, a]: id of the word whole[i:i+l] (l = lengths[a]) inside its
        # piece; "" (bound) where that slice runs past the piece end
        inside = left[:, None] >= lengths
        flat = np.flatnonzero(inside)
        begin = flat // n_len
        end = begin + lengths[flat % n_len]
        maybe = np.flatnonzero(self._word_hashes.contains(_Windows(codes).hash(begin, end)))
        starting = np.where(inside, np.int32(0), np.int32(bound))
        if len(maybe):  # verified on the string itself: a hash collision changes nothing
            starting.ravel()[flat[maybe]] = [vocab[whole[a:b]] for a, b in
                                             zip(begin[maybe].tolist(), end[maybe].tolist())]
        pad = int(lengths.max()) + 1
        padded = np.full((n + 2 * pad, n_len), bound, dtype=np.int32)
        padded[pad:pad + n] = starting
        here = np.arange(pad, pad + n)[:, None]
        column = np.arange(n_len)[None, :]
        rel2 = rel[:, None]
        # the word ending at i, ending at i-1, starting at i+1 (slices before the
        # piece start are "" too)
        pre_in = np.where(rel2 >= lengths - 1, padded[here - lengths + 1, column], bound)
        pre_ex = np.where(rel2 >= lengths, padded[here - lengths, column], bound)
        post_ex = np.where(left[:, None] >= 2, padded[here + 1, column], bound)
        post_in = starting

        rows = self._word_rows.array
        base = 9
        slots[:, base:base + n_len] = rows[pre_in, 0]  # w-1.
        slots[:, base + n_len:base + 2 * n_len] = rows[post_in, 1]  # w1.
        base += 2 * n_len
        square = n_len * n_len
        key_base = self._key_base
        if self._special_pairs:
            self._pair_slots_dense(slots, base, pre_ex, post_in, pre_in, post_ex)
            return
        # no pair feature involves "**noWord" or "" (so in the pretrained model):
        # only pairs of two real words can be present, and those are few
        keys = []
        targets = []
        for side, (pre, post) in enumerate(((pre_ex, post_in), (pre_in, post_ex))):
            pre_i, pre_a = np.nonzero((pre != 0) & (pre != bound))
            post_i, post_b = np.nonzero((post != 0) & (post != bound))
            per_position = np.bincount(post_i, minlength=n)
            reps = per_position[pre_i]
            total = int(reps.sum())
            if not total:
                continue
            entry = np.repeat(np.arange(len(pre_i)), reps)
            within = np.arange(total) - np.repeat(np.cumsum(reps) - reps, reps)
            other = (np.cumsum(per_position) - per_position)[pre_i[entry]] + within
            i, a, b = pre_i[entry], pre_a[entry], post_b[other]
            keys.append(pre[i, a].astype(np.int64) * key_base + post[i, b]
                        + side * self._side)
            targets.append((i, base + side * square + a * n_len + b))
        if keys:
            values = self._pairs.get(np.concatenate(keys))
            rows_at = np.concatenate([t[0] for t in targets])
            cols_at = np.concatenate([t[1] for t in targets])
            slots[rows_at, cols_at] = values

    def _pair_slots_dense(self, slots, base, pre_ex, post_in, pre_in, post_ex) -> None:
        """The ww.l./ww.r. slots when some pair feature has "**noWord" or ""."""
        n, n_len = pre_ex.shape
        square = n_len * n_len
        bound = self._bound
        rows = self._word_rows.array
        key_base = self._key_base
        fids = []
        wanted = []
        for side, (pre, post, columns) in enumerate((
                (pre_ex, post_in, (3, 2, 7, 6)), (pre_in, post_ex, (5, 4, 9, 8)))):
            # slot a*L+b of the 25 is the pair (pre[:, a], post[:, b]); pairs
            # with "**noWord" (0) or "" (bound) come from the word rows, the
            # others from the pair map
            pre_nw, nw_post, pre_empty, empty_post = columns
            pre_special = ((pre == 0) | (pre == bound))[:, :, None]
            post_special = ((post == 0) | (post == bound))[:, None, :]
            fid = np.where(
                (pre == 0)[:, :, None], rows[post, nw_post][:, None, :],
                np.where((post == 0)[:, None, :], rows[pre, pre_nw][:, :, None],
                         np.where((pre == bound)[:, :, None],
                                  rows[post, empty_post][:, None, :],
                                  rows[pre, pre_empty][:, :, None])))
            both = ~(pre_special | post_special)
            wanted.append((pre[:, :, None].astype(np.int64) * key_base
                           + post[:, None, :] + side * self._side)[both])
            fids.append((fid, both))
        values = self._pairs.get(np.concatenate(wanted))
        split = len(wanted[0])
        for (fid, both), part, offset in zip(fids, (values[:split], values[split:]),
                                             (base, base + square)):
            fid[both] = part
            slots[:, offset:offset + square] = fid.reshape(n, square)

    # ------------------------------------------------- user dictionary, joins

    def _user_starts(self, txt: str) -> list[int]:
        """Offsets in ``txt`` where a user-dictionary word may start (a superset
        of where ``Preprocesser.solve``'s trie walk can succeed)."""
        codes = _codes(txt)
        if len(self._user_singles):
            maybe = np.isin(codes, self._user_singles)
        else:
            maybe = np.zeros(len(codes), dtype=bool)
        if len(codes) > 1:
            pairs = _mix((codes[:-1] << _U64(_CODE_BITS)) | codes[1:])
            maybe[:-1] |= self._user_pairs.contains(pairs)
        return np.flatnonzero(maybe).tolist()

    def _solve(self, txt: str, starts: list[int]) -> list[tuple[str, bool]]:
        """``Preprocesser.solve`` without tags, trying only the given starts
        (increasing; every other start fails in pkuseg too)."""
        root = self._trie
        out = []
        length = len(txt)
        last = 0
        for i in starts:
            if i < last:
                continue
            now = root
            j = i
            found = False
            last_word_idx = -1
            # Preprocesser.solve's walk: on a mismatch after a word was seen the
            # match runs to the mismatch, not to the end of that word
            while True:
                children = now.children
                c = txt[j]
                if c not in children:
                    found = last_word_idx != -1
                    break
                now = children[c]
                if now.isword:
                    last_word_idx = j
                j += 1
                if j == length:
                    if last_word_idx != -1:
                        j = last_word_idx + 1
                        found = True
                    break
            if found:
                if last != i:
                    out.append((txt[last:i], False))
                out.append((txt[i:j], True))
                last = j
        if last < length:
            out.append((txt[last:length], False))
        return out

    def _post_process(self, words: list[str], hits: dict[int, list[int]]) -> list[str]:
        """``Postprocesser.post_process(words, check_seperated=True)``.

        hits: for each window size m, the increasing window starts (word
            indices) whose joined text may be a dictionary word, a superset of
            those that are; used until the first join changes the words.
        """
        if len(words) < 2:
            return words
        text = "".join(words)
        offsets = [0]
        total = 0
        for word in words:
            total += len(word)
            offsets.append(total)
        common, other = self._common, self._other
        joinable = self._joinable
        changed = False
        for m in range(7, 1, -1):
            if not changed:  # still the original words: only hit windows can join
                start = None
                last = len(words) - m
                for i in hits.get(m, ()):
                    if i > last:  # a window running into the next piece
                        break
                    merged = text[offsets[i]:offsets[i + m]]
                    if merged not in joinable:
                        continue
                    if _joins(merged, text, offsets, i, m, common, other):
                        del offsets[i + 1:i + m]
                        changed = True
                        start = i + 1  # go on over the joined words, as pkuseg does
                        break
                if start is None:
                    continue
            else:
                start = 0
            i = start
            while i <= len(offsets) - 1 - m:
                merged = text[offsets[i]:offsets[i + m]]
                if merged not in joinable:
                    i += 1
                    continue
                if _joins(merged, text, offsets, i, m, common, other):
                    del offsets[i + 1:i + m]
                    changed = True
                i += 1
        if not changed:
            return words
        return [text[a:b] for a, b in pairwise(offsets)]


def _joins(merged: str, text: str, offsets: list[int], i: int, m: int,
           common: set[str], other: set[str]) -> bool:
    """pkuseg's join rule for the m words from word i: a common word always
    joins; another dictionary word joins unless every part is a word itself."""
    if merged in common:
        return True
    return not all(text[offsets[k]:offsets[k + 1]] in common
                   or text[offsets[k]:offsets[k + 1]] in other for k in range(i, i + m))
