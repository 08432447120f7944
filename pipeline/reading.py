"""Read report files as they arrive from the web: bytes in, plain text out.

Files come in UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK/GB2312
or Big5, with CRLF, CR or LF line ends, as plain text, HTML or markdown.
``read_report_file`` turns any of them into one kind of text: decoded, BOM
removed, every line end a LF, markup stripped.

Offsets: records' ``start``/``end`` refer to that text. Line ends are made LF
before any offset exists, so a plain-text file's offsets are its decoded
characters with LF line ends; for HTML and markdown they are offsets into the
stripped text, not into the markup.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .errors import Errors, InputError
from .markup import strip_markup
from .reports import REPORT_LEAD

logger = logging.getLogger("pipeline")

INPUT_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm"})

# The 800 most frequent characters of our corpus and the most frequent of general
# Chinese, then their traditional forms (OpenCC s2t, s2tw, s2hk), then fullwidth
# punctuation. Big5 read as GB18030, or the reverse, gives kana, Greek, private-use
# and rare characters, so the share of these tells the right decoding apart even
# for a few characters, where charset-normalizer guesses (it reads GBK "總工會" as
# cp949 and GBK "工会" as Big5). On 2-12 character snippets of held-out reports
# this gets 766 of 768 right (charset-normalizer as tie-breaker: 763).
COMMON_CHARS = frozenset(
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生"
    "自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与"
    "好看学进种将还分此心前面又定见只主没公从知使工已间第外儿高些最实全长开话正两想头"
    "把意回问很因合等被她重新内明美政部关老向但本相通由更加期月万元亿名户次项位余约近"
    "超共计省市县区镇街社职业动助建劳务总服金企展送组资活员入會保司困萬织提创慰技化模"
    "每推集理站職机力难设体律安放费赛暖障支联女办培案件五商解總参场民温手调训班互精报"
    "产点援快品深走级获城局车维立度帮权平强基单线态补員持目奖查資节增及造升付协代范匠"
    "州神收動覆骑电扶结竞取农情物网团专供驿康积宣形赔数师個广优极春各盖學打先室接業勞"
    "讯导清秋救四争现递南夏号队议护值岗医质引份传管果秀术疗文党访治交口处務层额济健育"
    "书益配餘區规爱休题受续园發投效程讲评举微运做台白凉步屋示型吉林贴惠阵热山院领托例"
    "港為围改营批检包聚流至海線坚习标表冬施難促暑抓选伍息薪价章球源责遞水守防群系牌排"
    "功风乡首量聘待病阳伤货參教请荣均门式患崗思指养身签科依字咨询免欠某招况辦開申众拨"
    "性纳信百干准項聯转任北制比锋吸普款返累环识负据江問費車绕扎季类杯整决西裁武場洮荐"
    "订焦采卖记幫療關色六奋充带常双青素享偿担落路隐命失周达纠纷庭節專進點團戶愛補評書"
    "機特利遇卫应筛并承挽仲千逾今沙組足东凝确典树革激审委消餐扩急购络策癌未让桂损求湖"
    "河张間織養賽獎义稳梦兵才贷赉厂京认连涉追汉继報續來兩級對內設賠過實體贫攻跟弘扬域"
    "村旅绩核统途综校故需找限筑筹状底考族予诉缴贸茶川籌涼運獲選創府完挥读誉称气档丰富"
    "志历励际艺直娘该崇花险拿石疫容算昌滴控門後驛撥醫貨還貼药斗征届顺羽毛八响史延伸怀"
    "格彰措停亚讨率扣辆湘派速备另宇圳廈訊溫經勵擴鍵詞農晉划降列克独饿异媒诺乒乓照宫论"
    "课段播切料置操授红真榆履赴尚图临践感光宝假拒华陈录岁初脱少苗属店孩洋装咪郑截套波"
    "歇芒浦奥舉約時單訪數達連東現蓋這爲們說説國於著裏裡軍無麼當與種將見沒從兒長話頭億"
    "計縣鎮調訓產維權強態協範騎電結競網積師廣優極導爭號隊議護質傳術黨處層額濟規題園講"
    "臺陣熱領圍營檢堅習標價責羣風鄉陽傷請榮籤諮詢況衆眾納幹準轉鋒環識負據繞類決薦訂採"
    "賣記奮帶雙償擔隱糾紛衛衞應篩並確樹審購絡讓損張義穩夢貸賚廠認漢繼貧揚績統綜築狀訴"
    "繳貿揮讀譽稱氣檔豐歷際藝該險藥鬥徵屆順響懷亞討輛備劃獨餓異諾宮論課紅圖臨踐寶華陳"
    "錄歲脫屬裝鄭奧"
    "，。、；：？！“”‘’（）《》…—·【】％"  # fullwidth punctuation
)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts the same
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tried after strict UTF-8, in order of preference on a tie (mainland reports are
# the majority). cp950 adds the euro sign and ETEN symbols to Big5, HKSCS the
# Hong Kong characters; UTF-8 comes back for files with a few broken bytes.
_CANDIDATES = (("gb18030",), ("big5", "cp950", "big5hkscs"), ("utf-8",))
_MAX_REPLACED_SHARE = 0.01
_MAX_CONTROL_SHARE = 0.1
_SAMPLE = 65_536
_MIN_GUESS = 64
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r") + b"\x7f"
_CONTROL_CHARS = frozenset(_CONTROL_BYTES.decode("ascii"))


@dataclass(frozen=True)
class DecodedText:
    """A report's text and the encoding it was read with."""

    text: str
    encoding: str


def normalize_line_ends(text: str) -> str:
    """Turn CRLF and lone CR into LF ("a\\r\\nb\\rc" -> "a\\nb\\nc")."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(
    data: bytes, encoding: str | None = None, *, source: str = "<bytes>"
) -> DecodedText:
    """Decode a report file's bytes, detecting the encoding unless one is given.

    Detection: a BOM (UTF-8, UTF-16, UTF-32) decides; else strict UTF-8; else
    GB18030 and Big5 are both tried strictly and the result with the higher share
    of COMMON_CHARS wins; charset-normalizer breaks exact ties from 64 bytes on,
    shorter ties go to GB18030. A file that is UTF-8, GB18030 or Big5 but for at
    most 1% broken bytes (a download cut in the middle of a character) is decoded
    with U+FFFD for them, and logged. NUL bytes or over 10% control characters
    raise InputError E202, undecodable bytes E201.

    data (bytes): The file's content.
    encoding (str | None): A Python codec name to use instead of detecting;
        bytes it cannot decode raise. Defaults to None.
    source (str): The file name for messages. Defaults to "<bytes>".
    RETURNS (DecodedText): Text without BOM and with LF line ends, and the
        codec name ("utf-8", "utf-8-sig", "utf-16", "gb18030", "big5", ...).
    """
    if not data:
        return DecodedText("", _codec_name(encoding, source) if encoding else "utf-8")
    if encoding is not None:
        decoded = _decode_as(data, encoding, source)
    else:
        decoded = _detect(data, source)
    if _looks_binary_text(decoded.text):
        raise InputError(Errors.E202.format(path=source))
    text = normalize_line_ends(decoded.text.removeprefix("\ufeff"))
    return DecodedText(text, decoded.encoding)


def _codec_name(encoding: str, source: str) -> str:
    try:
        info = codecs.lookup(encoding)
    except LookupError as error:
        reason = f"unknown encoding {encoding!r}"
        raise InputError(Errors.E201.format(path=source, reason=reason)) from error
    if not getattr(info, "_is_text_encoding", True):
        reason = f"{encoding!r} is not a text encoding"
        raise InputError(Errors.E201.format(path=source, reason=reason))
    return info.name


def _decode_as(data: bytes, encoding: str, source: str) -> DecodedText:
    name = _codec_name(encoding, source)
    try:
        return DecodedText(data.decode(name), name)
    except UnicodeDecodeError as error:
        raise InputError(Errors.E201.format(path=source, reason=error)) from error


def _detect(data: bytes, source: str) -> DecodedText:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, name, source)
    if _looks_binary_bytes(data):
        raise InputError(Errors.E202.format(path=source))
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # (score, preference, text, codec, replaced): higher score, then earlier codec
    scored = []
    for preference, family in enumerate(_CANDIDATES):
        text, name, replaced = _decode_family(data, family)
        if text is not None:
            scored.append((_score(text, replaced), -preference, text, name, replaced))
    if not scored:
        raise InputError(Errors.E201.format(path=source, reason=_detection_hint(data)))
    scored.sort(key=lambda item: item[:2], reverse=True)
    # charset-normalizer is weak on short texts: below _MIN_GUESS bytes a tie goes
    # to the earlier codec (right more often on held-out snippets)
    if len(scored) > 1 and scored[0][0] == scored[1][0] and len(data) >= _MIN_GUESS:
        scored = _break_tie(data, scored)
    _, _, text, name, replaced = scored[0]
    if replaced:
        logger.warning(
            "%s: %d bytes are not %s; replaced with U+FFFD", source, replaced, name
        )
    return DecodedText(text, name)


def _decode_family(data: bytes, family: tuple[str, ...]) -> tuple[str | None, str, int]:
    """Strict decoding with the first codec that works, else lenient with the last."""
    for name in family:
        try:
            return data.decode(name), name, 0
        except UnicodeDecodeError:
            continue
    name = family[-1]
    text = data.decode(name, errors="replace")
    replaced = text.count("\ufffd")
    if replaced > max(1, len(text) * _MAX_REPLACED_SHARE):
        return None, name, replaced
    return text, name, replaced


def _score(text: str, replaced: int) -> tuple[float, bool]:
    """Share of common characters among the non-ASCII ones, less broken bytes and
    private-use characters (GB18030 puts Big5 punctuation there)."""
    wide = [char for char in text[:_SAMPLE] if ord(char) > 0x7F]
    common = sum(char in COMMON_CHARS for char in wide)
    broken = sum(char == "\ufffd" or "\ue000" <= char <= "\uf8ff" for char in wide)
    return (common - broken) / max(len(wide), 1), replaced == 0


def _break_tie(data: bytes, scored: list[tuple]) -> list[tuple]:
    from charset_normalizer import from_bytes

    names = [item[3] for item in scored if item[0] == scored[0][0]]
    best = from_bytes(data, cp_isolation=names).best()
    if best is None:
        return scored
    guess = codecs.lookup(best.encoding).name
    return sorted(scored, key=lambda item: item[3] != guess)


def _detection_hint(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE]).best()
    hint = f"; charset-normalizer guesses {best.encoding}" if best is not None else ""
    return f"not UTF-8, GB18030 or Big5{hint}"


def _looks_binary_bytes(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * _MAX_CONTROL_SHARE


def _looks_binary_text(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:_SAMPLE]
    controls = sum(1 for char in sample if char in _CONTROL_CHARS)
    return controls > len(sample) * _MAX_CONTROL_SHARE


# --- files -----------------------------------------------------------------


def read_report_file(path: Path, encoding: str | None = None) -> DecodedText:
    """Read a report file: decode it, make line ends LF, strip markup.

    path (Path): The file.
    encoding (str | None): A codec to use instead of detecting. Defaults to None.
    RETURNS (DecodedText): The plain text ("" for an empty or blank file) and
        the encoding it was read with.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(Errors.E203.format(path=path)) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(Errors.E205.format(path=path, reason=reason)) from error
    decoded = decode_bytes(data, encoding, source=str(path))
    text = strip_markup(decoded.text)
    return DecodedText(text if text.strip() else "", decoded.encoding)


def iter_input_files(paths: list[Path]) -> list[Path]:
    """Expand folders into the report files they hold.

    A folder gives its .txt, .text, .md, .html and .htm files, recursively,
    sorted, skipping hidden files and folders (".git"); a file is kept whatever
    its suffix. A file reached twice is listed once.

    paths (list[Path]): Files and folders as the user gave them.
    RETURNS (list[Path]): Files, in the order given.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                child for child in path.rglob("*")
                if child.suffix.lower() in INPUT_SUFFIXES and child.is_file()
                and not _is_hidden(child.relative_to(path))
            )
        elif path.exists():
            found = [path]
        else:
            raise InputError(Errors.E203.format(path=path))
        for file in found:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                files.append(file)
    return files


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


@contextmanager
def atomic_writer(path: Path) -> Iterator[TextIO]:
    """Write a UTF-8 text file so that readers see the old or the new content.

    The text goes to a temporary file in the same folder, which is flushed,
    fsynced and then renamed over ``path``; if the block raises, the temporary
    file is removed and ``path`` keeps its old content. Missing parent folders
    are created; an existing file's permissions are kept.

    path (Path): The file to write.
    YIELDS (TextIO): A text handle; line ends are written as given.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    # os.open, not mkstemp: mkstemp makes 0600 files, this honours the umask
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders can't be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 through ``atomic_writer``.

    path (Path): The file to write.
    text (str): Its new content.
    """
    with atomic_writer(path) as handle:
        handle.write(text)


# --- streaming ---------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？；!?;]")


def split_for_streaming(text: str, max_chars: int = 200_000) -> list[tuple[int, str]]:
    """Cut a huge text into chunks the pipeline can take one at a time.

    Each cut falls, by preference, before a line opening a report (本报讯 ...,
    see ``reports.REPORT_LEAD``), after a blank line, after any line break,
    after a sentence end (。！？；), and only then anywhere: a report cut in
    two loses its lead, and with it its union, in the second half.

    text (str): The text.
    max_chars (int): Longest chunk. Defaults to 200_000.
    RETURNS (list[tuple[int, str]]): (offset in text, chunk) pairs; the chunks
        joined are the text, each at most max_chars long (a text that fits is
        one chunk, "" included).
    """
    if max_chars < 1:
        raise ValueError(Errors.E206.format(max_chars=max_chars))
    chunks = []
    start = 0
    while len(text) - start > max_chars:
        cut = _streaming_cut(text, start, start + max_chars)
        chunks.append((start, text[start:cut]))
        start = cut
    chunks.append((start, text[start:]))
    return chunks


def _streaming_cut(text: str, start: int, limit: int) -> int:
    """The best cut in (start, limit]."""
    best = None
    for match in REPORT_LEAD.finditer(text, start, limit + 32):
        line_start = text.rfind("\n", start, match.start()) + 1
        if start < line_start <= limit:
            best = line_start
    if best is not None:
        return best
    blank = text.rfind("\n\n", start, limit)
    if blank >= 0:
        return blank + 2
    newline = text.rfind("\n", start, limit)
    if newline >= 0:
        return newline + 1
    for match in _SENTENCE_END.finditer(text, start, limit):
        best = match.end()
    return best if best is not None else limit
