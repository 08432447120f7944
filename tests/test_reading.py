import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.reading import (
    DecodedText,
    atomic_write_text,
    atomic_writer,
    decode_bytes,
    iter_input_files,
    normalize_line_ends,
    read_report_file,
    split_for_streaming,
    strip_markup,
)

FAMILIES = {
    "utf-8": {"utf-8"},
    "utf-8-sig": {"utf-8-sig"},
    "utf-16": {"utf-16"},
    "gb": {"gb18030", "gbk", "gb2312"},
    "big5": {"big5", "cp950", "big5hkscs"},
}
SIMPLIFIED = [
    "本报讯 2023年，洮南市总工会全年走访慰问困难职工320户，发放慰问金48万元。",
    "市总工会开展“金秋助学”活动，资助困难职工子女120名。",
    "工会",
    "总工会",
]
TRADITIONAL = [
    "本報訊 台北市總工會舉辦職工技能競賽，參賽職工1200餘人。",
    "香港工會聯合會為會員提供培訓課程，全年受惠會員逾三萬人次。",
    "總工會",
    "職工",
]


def _cases(sentences, codecs):
    return [(s, codec, family) for s in sentences for codec, family in codecs]


@pytest.mark.parametrize("text,codec,family", [
    *_cases(SIMPLIFIED, [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"),
                         ("utf-16", "utf-16"), ("gbk", "gb"), ("gb2312", "gb"),
                         ("gb18030", "gb")]),
    *_cases(TRADITIONAL, [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"),
                          ("utf-16-le", "utf-16"), ("utf-16-be", "utf-16"),
                          ("gbk", "gb"), ("gb18030", "gb"), ("big5", "big5"),
                          ("cp950", "big5")]),
])
def test_reading_decode_bytes_detects_encoding(text, codec, family):
    data = text.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(codec)
        data = bom + data
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding in FAMILIES[family]


@pytest.mark.parametrize("text,codec,other", [
    ("工会", "gbk", "big5"),
    ("其中，临桂区总工会办理案件58件，挽回损失3", "gbk", "big5"),
    ("本报讯（记者 彭湘）岁末年初，岳阳市总工会联", "gbk", "big5"),
    ("近日，滿洲里市總工會在公路口岸開展“貨車司機", "big5", "gb18030"),
    ("市總工會負責人表示，送溫暖不是一陣風，將把節", "big5", "gb18030"),
    # Big5 read as GB18030 here gives no private-use character either
    ("將把節日慰問與常態化幫扶", "big5", "gb18030"),
    ("公用經費945.22萬元", "big5", "gb18030"),
])
def test_reading_decode_bytes_prefers_common_characters(text, codec, other):
    data = text.encode(codec)
    assert data.decode(other) != text  # both decode: only the score can tell
    assert decode_bytes(data).text == text


@pytest.mark.parametrize("data,expected", [
    (b"", DecodedText("", "utf-8")),
    (b"plain ascii", DecodedText("plain ascii", "utf-8")),
    (b"\xef\xbb\xbf\xe5\xb7\xa5\xe4\xbc\x9a", DecodedText("工会", "utf-8-sig")),
])
def test_reading_decode_bytes_simple_cases(data, expected):
    assert decode_bytes(data) == expected


@pytest.mark.parametrize("text,codec", [
    ("工会全年发放慰问金48万元", "gbk"),
    ("總工會全年發放慰問金", "big5"),
    ("總工會", "gbk"),  # would be read as Big5 or cp949 without being told
])
def test_reading_decode_bytes_given_encoding(text, codec):
    decoded = decode_bytes(text.encode(codec), encoding=codec)
    assert decoded == DecodedText(text, codec)


@pytest.mark.parametrize("data,encoding,message", [
    ("總工會舉辦職工技能競賽".encode("big5"), "utf-8", "E201"),
    ("工会".encode(), "no-such-codec", "E201 <bytes>: cannot decode as text (unknown"),
    (b"abc", "base64", "not a text encoding"),
    (b"\x80abc\xff", None, "not UTF-8, GB18030 or Big5"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", None, "E202"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "latin-1", "E202"),
    ("工会\x00职工".encode(), None, "E202"),
    (b"\x01\x02\x03\x04\x05\x06ab", None, "E202"),
])
def test_reading_decode_bytes_errors(data, encoding, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        decode_bytes(data, encoding=encoding)


def test_reading_decode_bytes_tolerates_a_cut_off_character():
    text = "洮南市总工会全年走访慰问困难职工320户，发放慰问金48万元"
    decoded = decode_bytes(text.encode("utf-8")[:-1])
    assert decoded == DecodedText(text[:-1] + "\ufffd", "utf-8")


@pytest.mark.parametrize("raw,expected", [
    ("工会\r\n职工", "工会\n职工"),
    ("工会\r职工", "工会\n职工"),
    ("a\r\n\r\nb\rc\n", "a\n\nb\nc\n"),
    ("a\r\r\nb", "a\n\nb"),
    ("a\n\rb", "a\n\nb"),
    ("no breaks", "no breaks"),
])
def test_reading_line_ends(raw, expected):
    assert normalize_line_ends(raw) == expected
    assert decode_bytes(raw.encode("gb18030")).text == expected
    assert decode_bytes(raw.encode("utf-16")).text == expected


@given(st.text(
    st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\r\n")
))
def test_reading_decode_bytes_utf8_round_trip(text):
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded.text == normalize_line_ends(text.removeprefix("\ufeff"))
    assert "\r" not in decoded.text


HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="gbk">
  <title>洮南市总工会发放慰问金48万元 - 吉林工人网</title>
  <style>p { text-indent: 2em; }</style>
  <script>var views = "3,200";</script>
</head>
<body>
  <div class="article">
    <h1>洮南市总工会&nbsp;强基层促创新</h1>
    <p>&nbsp;&nbsp;本报讯 2023年，洮南市总工会全年走访慰问困难职工<b>320</b>户，
       发放慰问金48万元。</p>
    <p>开展&ldquo;金秋助学&rdquo;活动，资助职工子女&#49;&#50;&#48;名&amp;家属。<br>
    <span class="note">（记者 张三）</span></p>
    <table><tr><td>职工书屋</td><td>12个</td></tr><tr><td>驿站</td><td>5个</td></tr></table>
    <!-- 广告 -->
    <ul><li>职工互助保障7944人</li><li>占年度任务的106%</li></ul>
    <p>第一段</p><br><br><br><br><p>第二段</p>
  </div>
</body>
</html>"""
HTML_TEXT = """洮南市总工会 强基层促创新
本报讯 2023年，洮南市总工会全年走访慰问困难职工320户，发放慰问金48万元。
开展“金秋助学”活动，资助职工子女120名&家属。
（记者 张三）
职工书屋 12个
驿站 5个
职工互助保障7944人
占年度任务的106%
第一段

第二段"""
MARKDOWN = """# 洮南市总工会2023年工作总结

## 一、基本情况 ##

> 本报讯 全年走访慰问**困难职工**320户，发放慰问金*48万元*。

- 开展[金秋助学](https://example.org/zx)活动，资助120名学生
- 建成`职工书屋`12个
  * 户外劳动者驿站5个



| 项目 | 数量 |
| --- | ---: |
| 职工书屋 | 12个 |

---

![慰问现场](img/1.jpg)
转义的\\*星号\\*保留，__全年__完成。
"""
MARKDOWN_TEXT = """洮南市总工会2023年工作总结

一、基本情况

本报讯 全年走访慰问困难职工320户，发放慰问金48万元。

开展金秋助学活动，资助120名学生
建成职工书屋12个
户外劳动者驿站5个

项目 数量
职工书屋 12个

慰问现场
转义的*星号*保留，全年完成。"""


@pytest.mark.parametrize("markup,expected", [
    (HTML_PAGE, HTML_TEXT),
    ("<p>全年走访\n   困难职工</p><div>慰问金</div>", "全年走访困难职工\n慰问金"),
    # <br> after a block is an empty line, as in a browser; <pre> keeps its breaks
    ("<P>一</P><BR/>二<pre>  三\n  四</pre>", "一\n\n二\n三\n四"),
    ("<title>标题<body><p>正文</p></body>", "正文"),  # an unclosed title
    # a fragment keeps its own line breaks
    ("全年发放慰问金<b>48万元</b>，\n惠及职工&amp;家属&nbsp;300人",
     "全年发放慰问金48万元，\n惠及职工&家属 300人"),
    (MARKDOWN, MARKDOWN_TEXT),
    ("- 走访困难职工320户\n- 发放慰问金48万元", "走访困难职工320户\n发放慰问金48万元"),
    ("详见[通知](http://example.org)。", "详见通知。"),
])
def test_reading_strip_markup(markup, expected):
    assert strip_markup(markup) == expected


PLAIN = [
    "本报讯 2023年，洮南市总工会全年走访慰问困难职工320户，发放慰问金48万元。\n",
    "【帮扶】\n全年走访慰问困难职工家庭\n\n1,460户\n发放慰问金和物资共计\n219万元\n",
    "一、基本情况\n  1. 职工书屋12个\n  2. 驿站5个\n\n\n\n(完)",
    "增长率>10%，覆盖率<5%，AT&T 员工 3*4 人；#工会# 话题 - 统计",
    "   缩进的段落　　全角空格\t制表符  \n",
]


@pytest.mark.parametrize("text", PLAIN)
def test_reading_strip_markup_keeps_plain_text(text):
    assert strip_markup(text) == text


def test_reading_strip_markup_keeps_the_seed_report(seed_text):
    assert strip_markup(seed_text) == seed_text


@given(st.text(st.characters(exclude_characters="<>&*_#[]()|`>-+~\\!=",
                             exclude_categories=("Cs",))))
def test_reading_strip_markup_identity_without_markup_characters(text):
    assert strip_markup(text) == text


@given(st.text(st.sampled_from(list("<>&;#*_[]()|`-+~\\!= \n工会pbrdv1")), max_size=60))
def test_reading_strip_markup_total(text):
    assert isinstance(strip_markup(text), str)


@pytest.mark.parametrize("content,name,expected_text,family", [
    ("本报讯\r\n全年发放慰问金48万元。\r\n".encode("gbk"), "a.txt",
     "本报讯\n全年发放慰问金48万元。\n", "gb"),
    (HTML_PAGE.encode("gb18030"), "page.html", HTML_TEXT, "gb"),
    (MARKDOWN.replace("\n", "\r\n").encode("utf-8-sig"), "report.md", MARKDOWN_TEXT,
     "utf-8-sig"),
    ("總工會舉辦職工競賽。".encode("big5"), "tw.text", "總工會舉辦職工競賽。", "big5"),
    (b"", "empty.txt", "", "utf-8"),
    (b"  \r\n\t\r\n", "blank.txt", "", "utf-8"),
    (b"<html><body><script>x()</script></body></html>", "nothing.html", "", "utf-8"),
])
def test_reading_read_report_file(tmp_path, content, name, expected_text, family):
    path = tmp_path / name
    path.write_bytes(content)
    decoded = read_report_file(path)
    assert decoded.text == expected_text
    assert decoded.encoding in FAMILIES[family]


@pytest.mark.parametrize("content,message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E202 {path}: looks like a binary"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "E202 {path}"),
    (b"\x80abc\xff", "E201 {path}: cannot decode"),
])
def test_reading_read_report_file_rejects(tmp_path, content, message):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_report_file(path)
    assert str(error.value).startswith(message.format(path=path))


def test_reading_read_report_file_missing_or_folder(tmp_path):
    with pytest.raises(InputError, match="E203"):
        read_report_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="E205"):
        read_report_file(tmp_path)


def test_reading_iter_input_files(tmp_path):
    names = ["b.txt", "a.md", "sub/c.html", "sub/d.HTM", "sub/deeper/e.text",
             "f.jsonl", "g.pdf", ".hidden/x.txt", "sub/.y.txt", "notes"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("工会", encoding="utf-8")
    extra = tmp_path / "f.jsonl"
    files = iter_input_files([tmp_path, extra, tmp_path / "b.txt"])
    relative = [f.relative_to(tmp_path).as_posix() for f in files]
    assert relative == ["a.md", "b.txt", "sub/c.html", "sub/d.HTM",
                        "sub/deeper/e.text", "f.jsonl"]
    assert iter_input_files([extra]) == [extra]
    with pytest.raises(InputError, match="E203"):
        iter_input_files([tmp_path / "b.txt", tmp_path / "nope"])


def test_reading_atomic_write_text(tmp_path):
    path = tmp_path / "out" / "records.jsonl"
    atomic_write_text(path, "一\n")
    atomic_write_text(path, "二\n")
    assert path.read_text(encoding="utf-8") == "二\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["records.jsonl"]


def test_reading_atomic_writer_keeps_old_content_on_error(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("旧内容\n", encoding="utf-8")
    os.chmod(path, 0o640)
    with pytest.raises(RuntimeError, match="mid-write"), atomic_writer(path) as handle:
        handle.write("新内容的一半")
        handle.flush()
        raise RuntimeError("mid-write")
    assert path.read_text(encoding="utf-8") == "旧内容\n"
    assert [p.name for p in tmp_path.iterdir()] == ["records.jsonl"]
    with atomic_writer(path) as handle:
        handle.write("新内容\n")
    assert path.read_text(encoding="utf-8") == "新内容\n"
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("text,max_chars,expected", [
    ("", 5, [(0, "")]),
    ("工会职工", 4, [(0, "工会职工")]),
    # a report lead wins over a later blank line
    ("本报讯甲乙。\n本报讯丙丁。\n\n戊己庚。\n", 16,
     [(0, "本报讯甲乙。\n"), (7, "本报讯丙丁。\n\n戊己庚。\n")]),
    # a blank line wins over a later line break
    ("第一段文字。\n\n第二段文字。\n第三行文字。", 12,
     [(0, "第一段文字。\n\n"), (8, "第二段文字。\n"), (15, "第三行文字。")]),
    ("甲乙丙。丁戊己。庚", 5, [(0, "甲乙丙。"), (4, "丁戊己。庚")]),
    ("甲乙丙丁戊己", 4, [(0, "甲乙丙丁"), (4, "戊己")]),
])
def test_reading_split_for_streaming_cuts(text, max_chars, expected):
    assert split_for_streaming(text, max_chars) == expected


REPORT_PIECES = ["本报讯", "本网讯", "\n", "\n\n", "工会", "。", "a", " ", "某某讯（"]


@given(
    st.one_of(
        st.text(),
        st.lists(st.sampled_from(REPORT_PIECES)).map("".join),
    ),
    st.integers(min_value=1, max_value=40),
)
def test_reading_split_for_streaming_covers_text(text, max_chars):
    chunks = split_for_streaming(text, max_chars)
    assert "".join(chunk for _, chunk in chunks) == text
    position = 0
    for offset, chunk in chunks:
        assert offset == position
        assert text[offset:offset + len(chunk)] == chunk
        assert 0 < len(chunk) <= max_chars or text == ""
        position += len(chunk)


@pytest.mark.parametrize("max_chars", [0, -1])
def test_reading_split_for_streaming_rejects_bad_size(max_chars):
    with pytest.raises(ValueError, match="E206"):
        split_for_streaming("工会", max_chars)
