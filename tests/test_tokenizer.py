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
    """No W030: a gold span inside a token is an entity the NER can never predict."""
    reports = [r for split in ("train", "dev") for r in read_jsonl(ROOT / "corpus" / f"{split}.jsonl")]
    converted = reports_to_docs(blank_nlp, reports)
    assert converted.spans > 3000
    assert [(m.report_id, m.surface, m.tokens) for m in converted.misaligned] == []


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


def test_released_bigram_table_leaves_the_words_unchanged(blank_nlp):
    # the shipped layout has no word bigrams and the tokenizer frees any it
    # finds (130 MB); pkuseg needs them only to build training features, so a
    # pkuseg given the original bigrams cuts the same words
    import pickle

    import spacy_pkuseg

    from pipeline.segmenter import cache_dir, require_segmenter
    from pipeline.tokenizer import USER_DICT

    released = blank_nlp.tokenizer.pkuseg_seg
    assert not released.feature_extractor.bigram
    full = spacy_pkuseg.pkuseg(str(require_segmenter()), user_dict=str(USER_DICT))
    with (cache_dir() / "features.pkl").open("rb") as handle:
        full.feature_extractor.bigram = set(pickle.load(handle)["bigram"])
    assert len(full.feature_extractor.bigram) > 1_000_000
    lines = [line for split in ("dev", "test")
             for report in read_jsonl(ROOT / "corpus" / f"{split}.jsonl")
             for line in normalize_text(report["text"]).text.split("\n") if line.strip()]
    assert len(lines) > 500
    assert [released.cut(line) for line in lines] == [full.cut(line) for line in lines]


def test_tokenizer_cuts_around_title_separators(blank_nlp):
    doc = blank_nlp("半年成绩单丨叙州区总工会上半年工作")
    assert "丨" in [t.text for t in doc]


@pytest.mark.parametrize("text,word", [
    ("▌女职工关爱清单", "▌"),  # a list mark stands alone
    ("饿了么辖区站点", "饿了么"),  # a platform in the lexicon
    ("市总工会和县总工会", "和"),  # a conjunction before a short form
    ("澳门酒店及娱乐业职工会同场颁发", "会"),  # a union's name before 同
    ("邀请区疾控中心", "邀请"),
    ("联合格力电器公司工会开展", "联合"),  # a joint verb before a company
    ("被命名为长沙市工人先锋号", "工人先锋号"),  # an honour is one word
    ("命名楚雄州职工书屋", "命名"),
    ("农业银行西城支行为职工", "支行"),  # not 支|行为
    ("县工人文化宫场馆", "场馆"),
    ("太和县一中一名教师", "一中"),  # a school's short name before an article
    ("港九工联共有属会", "共有"),
    ("其中市税务局机关工会组队", "其中"),  # 其中|市…, not 其中市
    ("研发中心部门工会坚持", "工会"),
    ("依托县人民法院设立", "依托"),  # 依托|县…, not 依托县
    ("工伤职工向区人社局申请", "向"),
    ("联合河南豫法律师事务所开展", "联合"),  # a law firm after a joint verb
    ("侨声网讯 本报", "讯"),  # an outlet before a dateline's 讯
    ("设立职工法律服务站", "站"),  # a service line before its venue
    ("组织职工参加县总举办的", "参加"),  # 参加|县总, not 参加县|总
    ("——镇总工会宣", "镇"),  # a dash stands apart from the name after it (not ——镇)
    ("上海申衡律师事务所为职工", "为"),  # 事务所|为, not 事务所为
    ("一、普惠服务惠及面持续扩大", "服务"),  # 服务|惠及, not 服务惠
    ("全省各级工会认真落实省总关于扩面的部署", "关于"),  # 省总|关于, not 省|总关于
    ("市总班子成员将分5组走访", "班子"),  # 市总|班子, not 市|总班子
    ("屬會香港電工聯會的會員", "电"),  # 电|工联会, not 电工|联会
])
def test_tokenizer_cuts_names_free(blank_nlp, text, word):
    assert word in [t.text for t in blank_nlp(text)]
