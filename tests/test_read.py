"""Reading: encodings accepted, refusals with cause and fix."""

from __future__ import annotations

import codecs

import pytest

from lawdiff.errors import InputError
from lawdiff.io.read import decode, read_file

LAW = "第一条　为了规范生成式人工智能服务，制定本办法。\n第二条　本办法自2023年8月15日起施行。\n"


@pytest.mark.parametrize(
    ("data", "expected_encoding"),
    [
        (LAW.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + LAW.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + LAW.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + LAW.encode("utf-16-be"), "utf-16"),
        (LAW.encode("gb18030"), "gb18030"),
        (LAW.encode("gbk"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030", "gbk"],
)
def test_encodings_give_the_same_text(data, expected_encoding):
    text, enc = decode(data)
    assert text == LAW
    assert enc == expected_encoding


def test_encoding_override():
    text, enc = decode(LAW.encode("gbk"), encoding="gbk")
    assert text == LAW and enc == "gbk"


def test_wrong_encoding_override_names_cause_and_fix():
    with pytest.raises(InputError, match=r"not valid utf-8; check --encoding"):
        decode(LAW.encode("gbk"), name="x.txt", encoding="utf-8")


def test_unknown_encoding():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(b"abc", encoding="klingon")


def test_line_endings_become_lf():
    assert decode(b"a\r\nb\rc\n")[0] == "a\nb\nc\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\t\n\xe3\x80\x80\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "looks like a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "looks like a PDF file"),
        (b"PK\x03\x04\x14\x00", "looks like a ZIP archive"),
        (b"\x00\x01\x02\x03law", "binary"),
        ("第一条".encode() + b"\xe4\xb8", "looks truncated"),
    ],
    ids=["empty", "whitespace", "png", "pdf", "zip", "nul", "truncated-utf8"],
)
def test_refusals(tmp_file, content, message):
    p = tmp_file(content)
    with pytest.raises(InputError) as info:
        read_file(p)
    msg = str(info.value)
    assert message in msg
    assert str(p) in msg
    assert "\n" not in msg


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file; check the path"):
        read_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)
