"""FastSegmenter.cut must return exactly what spacy_pkuseg's pkuseg.cut returns."""

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.fast_pkuseg import (
    FastSegmenter,
    _codes,
    _HashSet,
    _IntMap,
    _string_hashes,
    _Windows,
)
from pipeline.normalize import normalize_text

ROOT = Path(__file__).resolve().parent.parent
USER_WORDS = [line.split("\t")[0].strip()
              for line in (ROOT / "pipeline" / "data" / "user_dict.txt")
              .read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus_texts() -> list[str]:
    texts = []
    for split in ("train", "dev", "test"):
        path = ROOT / "corpus" / f"{split}.jsonl"
        if path.exists():
            texts += [json.loads(line)["text"]
                      for line in path.read_text(encoding="utf-8").splitlines()
                      if line.strip()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*"))
              if p.is_file()]
    return texts


@pytest.fixture(scope="module")
def seg(blank_nlp):
    return blank_nlp.tokenizer.pkuseg_seg


@pytest.fixture(scope="module")
def fast(seg):
    segmenter = FastSegmenter(seg)
    segmenter.small_text = 0  # always the vectorised path (short texts included)
    return segmenter


def test_window_hashes_match_string_hashes():
    # the dictionaries are hashed per string, texts per window: the two must agree
    strings = ["ab", "中文", "a\x00b", "😀x", "七台河市", "x" * 120, "&\ufdd0"]
    text = "".join(strings)
    ends = np.cumsum([len(s) for s in strings])
    windows = _Windows(_codes(text)).hash(ends - [len(s) for s in strings], ends)
    hashes, flagged = _string_hashes(strings, flag=("**Num",))
    assert hashes.tolist() == windows.tolist()
    assert not flagged
    table = _HashSet(hashes[:4])
    assert table.contains(windows).tolist() == [True] * 4 + [False] * 3


def test_int_map_keeps_values_across_rebuilds():
    made = []
    mapping = _IntMap(lambda key: made.append(key) or key * 3)
    for start in range(0, 20_000, 5_000):
        keys = np.arange(start, start + 6_000, dtype=np.int64)
        assert mapping.get(keys).tolist() == (keys * 3).tolist()
    assert len(made) == len(set(made)) == 21_000


@pytest.mark.slow
def test_fast_cut_equals_pkuseg_on_every_corpus_text(seg, fast):
    texts = corpus_texts()
    assert len(texts) > 250
    # pkuseg cuts each whitespace-separated chunk on its own, so the expected
    # output is the chunks' cuts, each computed once (raw and normalized texts
    # share many lines); that identity is checked on a few whole texts first
    for raw in texts[:3]:
        assert seg.cut(raw) == [w for chunk in raw.split() for w in seg.cut(chunk)]
    memo: dict[str, list[str]] = {}
    for raw in texts:
        for text in (normalize_text(raw).text, raw):
            expected = []
            for chunk in text.split():
                if chunk not in memo:
                    memo[chunk] = seg.cut(chunk)
                expected += memo[chunk]
            assert fast.cut(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "", " ", "\n\t\u3000 ", "中", "a", "1", "１", "&", "本报讯", "七台河市",
    " 七台河市七星区 ", "在七台河市工作，七台河市总工会", "七台", "丁青县丁青县丁",
    "市总工会(Hefei) 发放: 1,200元; \"金秋助学\"", "2023年3月5日，ＡＢＣ公司",
    "-._,|/*:", "**Num**Letter", "中\x00文", "中\ud800文", "😀中文😀",
    "a\x1cb\u2028c", "\ufdd0中文\ufdd1",  # the canonical stand-ins: handed to pkuseg
])
def test_fast_cut_edge_cases(seg, fast, text):
    assert fast.cut(text) == seg.cut(text)


@pytest.mark.slow
def test_short_texts_go_to_pkuseg_and_agree(seg):
    segmenter = FastSegmenter(seg)
    for text in ("", "中", "七台河市", "本报讯 2023年，洮南市總工會投入８萬餘元"):
        assert segmenter.cut(text) == seg.cut(text)


@pytest.mark.slow
def test_fast_cut_after_caches_are_cleared(seg, monkeypatch):
    from pipeline import fast_pkuseg

    monkeypatch.setattr(fast_pkuseg, "_CACHE_LIMIT", 30)
    segmenter = FastSegmenter(seg)
    segmenter.small_text = 0
    for raw in corpus_texts()[:8]:
        text = normalize_text(raw).text
        assert segmenter.cut(text) == seg.cut(text)


@pytest.mark.slow
def test_fast_cut_with_the_dense_pair_path(seg):
    # the path taken when some pair feature involves "**noWord" or ""
    segmenter = FastSegmenter(seg)
    segmenter.small_text = 0
    segmenter._special_pairs = True
    for raw in corpus_texts()[8:16]:
        text = normalize_text(raw).text
        assert segmenter.cut(text) == seg.cut(text)


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
_CHARS = st.one_of(
    _CJK, _CJK, _CJK,
    st.sampled_from(list("总工会市县区省镇万亿元年月日人次家企业职工的了在和与")),
    st.sampled_from(list("0123456789.几二三十千万亿兆零１２３４５６７８９０％")),
    st.sampled_from(list("，。、；：？！“”（）《》-._,|/*:&·—…%")),
    st.sampled_from(list("abcXYZＡＢＣａｂｃ／・－")),
    st.sampled_from([" ", "\n", "\t", "\u3000", "\r"]),
    st.characters(),
)
_PIECES = st.one_of(
    st.text(_CHARS, max_size=10),
    st.sampled_from(USER_WORDS),
    st.sampled_from(USER_WORDS).map(lambda w: w[:-1]),
    st.sampled_from(["工会", "总工会", "劳动者", "困难职工", "金秋助学", "帮扶资金",
                     "二〇二三年", "万元", "8万余元", "1,200", "３０００多人次"]),
)


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                   HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_fast_cut_equals_pkuseg_on_random_text(seg, fast, text):
    assert fast.cut(text) == seg.cut(text)
