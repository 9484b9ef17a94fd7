"""A tool for finding changes must never hide one: no wrong "no differences" (issue 11, item 1).

Each reproduction of the adversarial run is kept: a changed first line of a text without article markers,
a paragraph equal to the title, a one-line file, a right-to-left mark inside 第…条, a changed title, a
Chinese text full of Latin words.
"""

from __future__ import annotations

import json

import pytest
from conftest import run, write

from lawdiff.model import Lang
from lawdiff.parse import parse_text
from lawdiff.parse.structure import detect_lang


def diff_json(tmp_path, draft: str, final: str, *args: str) -> tuple[int, dict]:
    d = write(tmp_path / "d.txt", draft)
    f = write(tmp_path / "f.txt", final)
    res = run("diff", str(d), str(f), "--format", "json", *args)
    assert res.exit_code in (0, 1), res.output
    return res.exit_code, json.loads(res.stdout)


@pytest.mark.parametrize(("draft", "final", "changed"), [
    ("提供者应当履行网络信息安全义务。\n国家鼓励创新。\n", "提供者可以履行网络信息安全义务。\n国家鼓励创新。\n", "应当"),
    ("Providers shall ensure network security.\nThe State encourages innovation.\n",
     "Providers may ensure network security.\nThe State encourages innovation.\n", "shall"),
], ids=["zh", "en"])
def test_a_changed_first_line_is_a_difference(tmp_path, draft, final, changed):
    """It was taken for the title and never compared: "no differences", exit 0."""
    code, data = diff_json(tmp_path, draft, final)
    assert code == 1 and data["changed"] is True
    deleted = [e["text"] for u in data["units"] for e in u["edits"] if e["op"] == "delete"]
    assert changed in "".join(deleted)
    assert data["draft"]["title"] == "" and data["draft"]["articles"] == 2


def test_a_paragraph_equal_to_the_title_is_compared(tmp_path):
    """Every later paragraph with the title's words was dropped too."""
    code, data = diff_json(tmp_path, "某某管理办法\n某某管理办法\n国家鼓励创新。\n", "某某管理办法\n国家鼓励创新。\n")
    assert code == 1
    assert [u["kind"] for u in data["units"]] == ["removed", "matched"]
    assert data["draft"]["title"] == data["final"]["title"] == "某某管理办法"


@pytest.mark.parametrize("text", ["某某服务管理办法\n", "提供者应当遵守法律。\n", "An Act on Services\n"])
def test_a_one_line_file_works(tmp_path, text):
    code, data = diff_json(tmp_path, text, text)
    assert code == 0 and data["changed"] is False and data["draft"]["articles"] == 1
    other = text.replace("服务", "数据").replace("Services", "Data").replace("应当", "可以")
    code, data = diff_json(tmp_path, text, other)
    assert code == 1 and data["changed"] is True


@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\u202e", "\u2067", "\u061c"])
def test_a_bidi_mark_inside_the_article_marker_does_not_hide_it(mark):
    doc = parse_text(f"某某办法\n第{mark}一条　提供者应当遵守法律。\n第二{mark}条　本办法自公布之日起施行。\n")
    assert [a.label for a in doc.articles] == ["第一条", "第二条"] and not doc.fallback
    en = parse_text(f"An Act\nArticle{mark} 1\nProviders shall comply.\nArticle 2\nThis Act applies.\n")
    assert [a.number for a in en.articles] == [1, 2]


def test_a_changed_title_is_a_reported_difference(tmp_path):
    body = "第一条　提供者应当遵守法律。\n"
    d, f = write(tmp_path / "d.txt", "某某办法\n" + body), write(tmp_path / "f.txt", "某某暂行办法\n" + body)
    res = run("diff", str(d), str(f), "--no-signal", "--ui", "en")
    assert res.exit_code == 1
    assert "title changed: 某某办法 → 某某暂行办法" in res.stdout and "no differences" not in res.stdout
    zh = run("diff", str(d), str(f), "--no-signal")
    assert "标题有改动：某某办法 → 某某暂行办法" in zh.stdout and "没有差异" not in zh.stdout
    code, data = diff_json(tmp_path, "某某办法\n" + body, "某某暂行办法\n" + body)
    assert (code, data["changed"], data["title_changed"], data["preamble_changed"]) == (1, True, True, False)


def test_a_changed_preamble_is_a_reported_difference(tmp_path):
    body = "第一条　提供者应当遵守法律。\n"
    code, data = diff_json(tmp_path, "某某办法\n（征求意见稿）\n" + body, "某某办法\n" + body)
    assert (code, data["title_changed"], data["preamble_changed"]) == (1, False, True)


def test_the_same_text_is_still_no_difference(tmp_path):
    text = "某某办法\n（征求意见稿）\n第一条　提供者应当遵守法律。\n"
    code, data = diff_json(tmp_path, text, text.replace("　", " "))
    assert (code, data["changed"]) == (0, False)


@pytest.mark.parametrize(("line", "lang", "title"), [
    ("某某服务管理办法", Lang.ZH, True), ("中华人民共和国民法典", Lang.ZH, True),
    ("生成式人工智能服务管理办法（征求意见稿）", Lang.ZH, True), ("提供者应当遵守法律。", Lang.ZH, False),
    ("国家鼓励创新", Lang.ZH, False), ("An Act on Services", Lang.EN, True),
    ("Regulation (EU) 2024/1689 of the European Parliament", Lang.EN, True),
    ("Providers shall comply.", Lang.EN, False), ("The State encourages innovation", Lang.EN, False),
])
def test_what_looks_like_a_title(line, lang, title):
    """Without article markers the first line is a title only when it looks like one; else it is compared."""
    doc = parse_text(f"{line}\nsecond paragraph.\n", lang=lang)
    assert (doc.title == line) is title
    assert [a.text for a in doc.articles][0] == ("second paragraph." if title else line)


def test_chinese_with_much_latin_is_chinese():
    """Letters were counted against CJK characters, so 第X条 was ignored in a text quoting English terms."""
    latin = "（API、SDK、GB/T 35273-2020 Information security technology—Personal information security specification）"
    text = "某某办法\n" + "".join(f"第{n}条　提供者应当遵守{latin}的规定。\n" for n in "一二三四五")
    assert detect_lang(text) is Lang.ZH
    doc = parse_text(text)
    assert doc.lang is Lang.ZH and len(doc.articles) == 5 and not doc.fallback
    assert detect_lang("An Act\nArticle 1\nProviders shall comply with 《数据安全法》.\n") is Lang.EN
