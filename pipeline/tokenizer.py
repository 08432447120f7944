"""The report tokenizer: normalize, segment with pkuseg, cut at metric bounds.

spaCy's Chinese tokenizer sees only the text it is given. Reports arrive with
OCR breaks, traditional characters and full-width digits, so this tokenizer
normalizes first (keeping the raw text and offset map on the Doc), segments
the processing text with pkuseg and its domain user dictionary, then cuts
tokens wherever a metric match or a digit run starts or ends, so that entity
boundaries fall on token boundaries.
"""

import contextlib
import io
import re
from collections.abc import Callable
from pathlib import Path

from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from . import extensions  # noqa: F401  (registers Doc._.raw_text and friends)
from .fast_pkuseg import FastSegmenter
from .metric_grammar import metric_regex
from .normalize import normalize_text
from .segmenter import require_segmenter

USER_DICT = Path(__file__).resolve().parent / "data" / "user_dict.txt"
_DIGIT_EDGE = re.compile(r"(?<=[\d.,])(?=[^\d.,])|(?<=[^\d.,])(?=\d)")
# title separators and list marks stand alone (▌女职工关爱 was one token ▌女)
_MARKS = "丨|｜▌▍▎■□●○◆◇▲△▶►★☆※•·—"
_SEPARATOR_EDGE = re.compile(rf"(?=[{_MARKS}])|(?<=[{_MARKS}])")
# pkuseg glues a verb to the level word that opens the next name
# (联合市|人社局 for 联合|市人社局); names start after these verbs
_VERB_BEFORE_NAME = re.compile(
    r"(?<=联合|会同|协同|配合|组织|指导|推动|带领|选树|荣获|获评|获得|推荐|邀请|建议"
    r"|今年|去年|明年|当年|年内|全年|其中|依托|常驻|参加)(?=[省市县区团镇乡院])"
    r"|(?<=[向据])(?=[省市县区][\u4e00-\u9fff]{0,6}(?:局|院|委|工会))"
    # a conjunction before a short form (和|县总工会, not 和县|总工会), and a
    # union's name before 同 (职工会|同场, not 职工|会同场)
    r"|(?<=[和与及])(?=[省市县区州]总)|(?<=工会)(?=同)|(?=厅机关)"
    # 命名|楚雄州…, not 命名楚雄州; a company after a joint verb
    # (联合|美的集团工会, not 联合美|的)
    r"|(?<=命名)|(?<=联合|会同|携手)(?=[\u4e00-\u9fff]{2,6}(?:集团|公司|银行|医院|港|事务所))")
# a name's own last word before the verb that follows it: 支行|为 (not 支|行为),
# 文化宫|场馆, 县一高|一名 (not 高一), 职权联|共有 (not 联共)
_NAME_END_BEFORE_VERB = re.compile(
    r"(?<=支行|分行)(?=为)|(?<=事务所)(?=为)|(?<=宫)(?=场馆)|(?<=[县市区旗][一二三四五六七八九十][中高])(?=一)"
    r"|(?<=[联会])(?=共有|共计)|(?<=[委会联局])(?=办了|合办)"
    # a conjunction after a union before a body of one level: 总工会和|县教育局
    r"|(?<=工会[和与])(?=[省市县区])"
    # a short form after a word that ends in its first character: 春运|局工会, 据|局工会
    r"|(?=局工会)"
    # a school's short name before a list's 等: 合肥八中|等 (not 中等)
    r"|(?<=[一二三四五六七八九十]中)(?=等)"
    # a source line's verb before the outlet: 转自|台海网 (not 转自台)
    r"|(?<=转自|来自|摘自)"
    # an outlet before a dateline's 讯 (侨声网|讯); a service line before its venue (法律服务|站)
    r"|(?<=网)(?=讯)|(?<=法律服务|法律援助)(?=站)"
    # a programme's last word before 惠及: 普惠服务|惠及 (not 服务惠)
    r"|(?<=服务)(?=惠及)"
    # Hong Kong's 工联会 after a word ending in 工: 电工|联会 -> 电|工联会
    r"|(?=工联会)")
# and a short form to the verb after it (省总|下拨 for 省|总下拨)
_SHORT_FORM_BEFORE_VERB = re.compile(
    r"(?<=[省市县区州旗]总)(?=下拨|拨付|指派|本级|投入|组织|联合|牵头|统筹|统一|基层|为|向|将|在|对|把|从|与|和|还|也|已|共"
    r"|负责|关于|班子)")


class ReportTokenizer(ChineseTokenizer):
    """ChineseTokenizer over normalized text; see the module docstring."""

    def __call__(self, text: str) -> Doc:
        normalized = normalize_text(text)
        words = self._segment(normalized.text)
        words, spaces = _words_and_spaces(words, normalized.text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.raw_text = text
        doc._.raw_offsets = list(normalized.offsets)
        return doc

    def _segment(self, text: str) -> list[str]:
        if self.segmenter == Segmenter.pkuseg:
            if self.pkuseg_seg is None:
                self.initialize()  # from the cache; one clear error if it is empty
            words = self._fast_segmenter().cut(text)
        elif self.segmenter == Segmenter.char:
            words = list(text)
        else:
            words = self.jieba_seg.cut(text, cut_all=False) if self.jieba_seg else list(text)
        return apply_cuts(words, text, forced_cuts(text))

    def _fast_segmenter(self) -> FastSegmenter:
        """pkuseg's own model and dictionaries, scored without its per-character
        feature strings (pipeline/fast_pkuseg.py): the same words, about 5x faster."""
        fast = getattr(self, "_fast", None)
        if fast is None or fast.seg is not self.pkuseg_seg:
            fast = self._fast = FastSegmenter(self.pkuseg_seg)
        return fast

    def initialize(self, get_examples=None, *, nlp=None, pkuseg_model=None,
                   pkuseg_user_dict=None):
        """Load pkuseg from the cache and the domain user dictionary."""
        if self.segmenter == Segmenter.pkuseg:
            pkuseg_model = pkuseg_model or str(require_segmenter())
            if pkuseg_user_dict is None:
                pkuseg_user_dict = str(USER_DICT) if USER_DICT.exists() else "default"
        # spacy-pkuseg prints a format warning on stderr for the .pkl layout
        with contextlib.redirect_stderr(io.StringIO()):
            super().initialize(get_examples, nlp=nlp, pkuseg_model=pkuseg_model,
                               pkuseg_user_dict=pkuseg_user_dict)
        if self.pkuseg_seg is not None:
            release_training_tables(self.pkuseg_seg)

    def to_disk(self, path, **kwargs) -> None:
        """Save the settings only: the 170 MB pkuseg weights stay in the cache."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg").write_text(f'{{"segmenter": "{self.segmenter}"}}')

    def from_disk(self, path, **kwargs) -> "ReportTokenizer":
        """Initialize pkuseg from the cache instead of reading weights from disk."""
        self.initialize()
        return self


def release_training_tables(seg) -> None:
    """Free pkuseg's set of 1.1 million word bigrams (about 130 MB).

    pkuseg reads it only when it builds training features; segmenting looks
    features up in ``feature_to_idx`` and ``unigram`` alone, so the words do
    not change (tests/test_tokenizer.py checks this on the corpus).
    """
    seg.feature_extractor.bigram = set()


def forced_cuts(text: str) -> set[int]:
    """Offsets where a token must end whatever pkuseg says: metric match edges,
    digit-run edges, and the start of a name after a verb."""
    cuts = {0, len(text)}
    for match in metric_regex().finditer(text):
        cuts.update(match.span())
    for pattern in (_DIGIT_EDGE, _VERB_BEFORE_NAME, _SHORT_FORM_BEFORE_VERB,
                    _NAME_END_BEFORE_VERB, _SEPARATOR_EDGE):
        cuts.update(match.start() for match in pattern.finditer(text))
    return cuts


def apply_cuts(words: list[str], text: str, cuts: set[int]) -> list[str]:
    """Split segmenter words at the given offsets of ``text``."""
    ordered = sorted(cuts)
    n_cuts = len(ordered)
    pieces: list[str] = []
    position = 0
    next_cut = 0  # words come in text order, so the cut pointer only moves on
    for word in words:
        start = text.find(word, position)
        if start < 0:  # the segmenter changed the text: trust the text instead
            continue
        end = start + len(word)
        while next_cut < n_cuts and ordered[next_cut] <= start:
            next_cut += 1
        if next_cut < n_cuts and ordered[next_cut] < end:
            piece_start = start
            while next_cut < n_cuts and ordered[next_cut] < end:
                pieces.append(text[piece_start:ordered[next_cut]])
                piece_start = ordered[next_cut]
                next_cut += 1
            pieces.append(text[piece_start:end])
        else:
            pieces.append(word)
        position = end
    return pieces


def _words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """Align words to the text; whitespace becomes trailing spaces or tokens."""
    out_words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for word in words:
        if not word.strip():
            continue
        start = text.find(word, position)
        if start < 0:
            continue
        gap = text[position:start]
        if gap:
            if gap == " " and out_words and not spaces[-1]:
                spaces[-1] = True
            else:
                out_words.append(gap)
                spaces.append(False)
        out_words.append(word)
        spaces.append(False)
        position = start + len(word)
    if position < len(text):
        out_words.append(text[position:])
        spaces.append(False)
    return out_words, spaces


@registry.tokenizers("union_ie.ReportTokenizer.v1")
def create_report_tokenizer(segmenter: str = "pkuseg") -> Callable[[Language], ReportTokenizer]:
    """Registered tokenizer factory for the config's ``[nlp.tokenizer]`` block.

    segmenter (str): "pkuseg" (default), "char" or "jieba".
    """

    def report_tokenizer_factory(nlp: Language) -> ReportTokenizer:
        return ReportTokenizer(nlp.vocab, segmenter=segmenter)

    return report_tokenizer_factory
