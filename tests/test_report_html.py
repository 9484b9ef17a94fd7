"""``--format html``: one self-contained page, the same table, nothing from a law text executable."""

from __future__ import annotations

from html.parser import HTMLParser

from test_report_markdown import file_report, layout_report

from lawdiff.model import Lang
from lawdiff.render.html import render_html

TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "h3",
    "nav",
    "ul",
    "ol",
    "li",
    "a",
    "p",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "br",
    "del",
    "ins",
    "em",
    "span",
    "code",
    "pre",
    "details",
    "summary",
}
VOID = {"meta", "br"}


class Page(HTMLParser):
    """Collects tags, attributes and text; checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.cells: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "td":
            self.cells.append("")

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)

    def handle_data(self, data):
        self.text.append(data)
        if "td" in self.stack and self.cells:
            self.cells[-1] += data


def page(src: str) -> Page:
    p = Page()
    p.feed(src)
    p.close()
    assert p.errors == [] and p.stack == []
    return p


def test_escaping_pair_is_text_only():
    src = render_html(file_report("markdown-escaping"))
    p = page(src)
    assert {t for t, _ in p.tags} <= TAGS
    assert not any(t == "script" or t == "img" for t, _ in p.tags)
    for tag, attrs in p.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert attrs.get("href", "#").startswith("#"), attrs  # only links within the page
    text = "".join(p.text)
    assert '<script>alert("' in text and "<img src=x onerror=alert(1)>" in text
    assert "[点击这里](javascript:alert(" in text and "&lt;实体&gt;" in text
    assert any(c.startswith("第五条　本条保持不变：| 甲 | 乙 |") for c in p.cells)


def test_self_contained_and_locked_down():
    src = render_html(file_report("genai-2023"))
    p = page(src)
    assert src.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    csp = [a for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0]["content"].startswith("default-src 'none'")
    assert not any("src" in a or a.get("rel") == "stylesheet" for _, a in p.tags)
    assert "http://" not in src and "https://" not in src


def test_same_table_as_markdown():
    p = page(render_html(layout_report()))
    assert "同左" in p.cells and "新增条文" in p.cells and "删除条文" in p.cells
    assert "第5条　同左" in p.cells
    notes = [a for t, a in p.tags if t == "td" and a.get("colspan") == "2"]
    assert len(notes) == 3  # one explanation row under each changed unit, across both columns
    assert any(t == "del" for t, _ in p.tags) and any(t == "ins" for t, _ in p.tags)


def test_show_unchanged_and_english():
    p = page(render_html(layout_report(Lang.EN), show_unchanged=True))
    assert "Same as left" not in p.cells and "Added" in p.cells and "Removed" in p.cells
    assert ("html", {"lang": "en"}) in p.tags


def test_deterministic(monkeypatch):
    report = file_report("genai-2023")
    assert render_html(report) == render_html(report)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert "1970-01-01T00:00:00Z" in render_html(report, timestamp=True)
    assert "1970" not in render_html(report)
