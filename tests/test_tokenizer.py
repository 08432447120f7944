import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.corpus import read_jsonl
from pipeline.gold import reports_to_docs
from pipeline.normalize import normalize_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_tokenizer_every_training_span_falls_on_token_boundaries(blank_nlp):
    reports = [r for split in ("train", "dev") for r in read_jsonl(ROOT / "corpus" / f"{split}.jsonl")]
    converted = reports_to_docs(blank_nlp, reports)
    assert converted.spans > 3000
    assert [(m.report_id, m.surface) for m in converted.misaligned] == []


@pytest.mark.slow
@pytest.mark.parametrize("raw", [
    "本报讯 2023年，洮南市總工會投入８萬餘元，走访 126 家企业。",
    "市总工会(Hefei) 发放: 1,200元; \"金秋助学\"",
])
def test_tokenizer_keeps_raw_text_and_offsets(blank_nlp, raw):
    doc = blank_nlp(raw)
    assert doc._.raw_text == raw
    assert len(doc._.raw_offsets) == len(doc.text)
    for index, char in enumerate(doc.text):
        source = raw[doc._.raw_offsets[index]]
        if source.isdigit() or "\u4e00" <= source <= "\u9fff":
            # each processing character is its raw character, folded
            assert normalize_text(source).text == char


def test_tokenizer_without_cache_fails_with_one_line(tmp_path):
    env = {**os.environ, "UNION_IE_CACHE": str(tmp_path / "empty")}
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", "seeds/"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "E001" in lines[0] and "make setup" in lines[0]
    assert not (tmp_path / "empty").exists()  # and nothing was fetched
