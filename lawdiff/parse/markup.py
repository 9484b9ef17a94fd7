"""The text of a law file as lines: markup and noise dropped, words kept, line numbers true to the file.

Markup of the formats users meet is understood and dropped from the *structure* (Markdown ``#``
headings, ``**bold**``, ``<!-- -->`` comments, LawRefBook's metadata block ending in
``<!-- INFO END -->``, zero-width spaces); the words of the law are kept as printed.

HTML pasted as text (a page saved from a government site, ``<p>第一条 …</p>``) is read for its words:
tags are dropped (block tags end a line), ``<script>``/``<style>`` contents are dropped, entities are
unescaped; line numbers then count lines of the text without tags.  Control characters are dropped
(line-like ones end a line first).  Every pattern here runs in time linear in the line length (no
regular expression that can backtrack over a whole hostile line: see ``tests/test_hardening.py`` and
``fuzz/``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawdiff.model import Notice, NoticeKind
from lawdiff.text.normalize import ZERO_WIDTH

_MD_HEADING = re.compile(r"#{1,6}")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ZERO_WIDTH_CHAR = re.compile("[" + "".join(map(chr, ZERO_WIDTH)) + "]")


@dataclass(slots=True)
class Line:
    no: int  # 1-based source line
    text: str  # stripped, markup removed, original characters
    md_level: int = 0  # Markdown heading level, 0 if not a heading
    meta: bool = False  # inside a metadata block (amendment history before <!-- INFO END -->)


# HTML: a few block-level tags are enough to tell a saved web page from a law that mentions "<"
_HTML_SIGN = re.compile(r"<(?:!doctype\s+html|html|body|p|div|br|table|tr|td|span|font|h[1-6]|li)\b[^<>]{0,500}>",
                        re.IGNORECASE)
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})\b[^<>]{0,2000}>|<![^<>]{0,2000}>")
# raw-text elements and the page's <title> (the tab caption, not a word of the page body) are dropped whole
_HTML_RAW = re.compile(r"<(script|style|title)\b[^<>]{0,2000}>", re.IGNORECASE)
_HTML_BLOCK = frozenset(("p", "div", "br", "li", "ul", "ol", "tr", "table", "thead", "tbody", "tfoot", "td", "th",
                         "h1", "h2", "h3", "h4", "h5", "h6", "title", "section", "article", "header", "footer",
                         "blockquote", "pre", "hr", "dd", "dt", "dl", "center", "body", "html", "head"))


def looks_like_html(text: str) -> bool:
    sample = text[:200_000]
    return len(_HTML_SIGN.findall(sample, 0, 200_000)[:2]) >= 2


def strip_html(text: str) -> str:
    """The words of an HTML page: script/style/title dropped, block tags end a line, other tags dropped, entities
    unescaped.  Linear: each raw-text element is skipped with one forward search for its end tag."""
    import html  # here: its table of entities is imported only for a page that needs it (1 ms a run otherwise)

    out: list[str] = []
    pos = 0
    while True:
        m = _HTML_RAW.search(text, pos)
        if m is None:
            break
        out.append(text[pos:m.start()])
        end = re.compile(rf"</{m.group(1)}\s*>", re.IGNORECASE).search(text, m.end())
        if end is None:
            pos = len(text)
            break
        pos = end.end()
    out.append(text[pos:])
    text = "".join(out)

    def tag(t: re.Match[str]) -> str:
        name = (t.group(2) or "").lower()
        return "\n" if name in _HTML_BLOCK else ""

    return html.unescape(_HTML_TAG.sub(tag, text))


# C0 controls but tab and newline, DEL, C1 controls; vertical tab, form feed and the Unicode line and
# paragraph separators end a line (Word's manual line break and page break)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAKS = str.maketrans(dict.fromkeys(map(ord, "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), "\n"))


def drop_controls(text: str) -> tuple[str, list[Notice]]:
    """Control characters are not words of a law, and printed raw an ESC could rewrite the user's terminal
    (``ESC ] 0 ;`` sets its title, ``ESC [ 2 J`` clears it).  Line-like ones (vertical tab, form feed, the
    Unicode line and paragraph separators) become line breaks first.  Returns the text and a notice."""
    if not _CONTROL.search(text):
        return text, []
    text = text.translate(_LINE_BREAKS)
    first = _CONTROL.search(text)
    if first is None:
        return text, []
    line = text.count("\n", 0, first.start()) + 1
    out = _CONTROL.sub("", text)
    return out, [Notice(NoticeKind.CONTROLS, line, (repr(first.group(0)),))]


def _strip_comments(text: str) -> str:
    """Drop ``<!-- -->`` comments, keeping their line breaks so line numbers stay true to the file.

    A forward scan, not ``re.sub(r"<!--.*?-->")``: that regex retries from every ``<!--`` of a text with
    no ``-->`` and takes quadratic time (a 20 000-character line of ``<!--`` took 18 s).
    """
    out: list[str] = []
    pos = 0
    while True:
        i = text.find("<!--", pos)
        if i < 0:
            break
        j = text.find("-->", i + 4)
        if j < 0:
            break
        comment = text[i:j + 3]
        out.append(text[pos:i])
        out.append("\x00INFOEND" if "INFO END" in comment else "\n" * comment.count("\n"))
        pos = j + 3
    out.append(text[pos:])
    return "".join(out)


def _md_heading(s: str) -> tuple[int, str] | None:
    """``## 第一章 总则 ##`` -> (2, "第一章 总则").  Without a regex over the whole line: ``#{1,6}\\s*(.*?)\\s*#*$``
    backtracks quadratically on a long line of ``#`` or spaces."""
    m = _MD_HEADING.match(s)
    if m is None:
        return None
    return len(m.group(0)), s[m.end():].strip().rstrip("#").strip()


def split_lines(text: str) -> list[Line]:
    """Split into stripped lines, dropping comments, bold markers and invisible characters."""
    text = _strip_comments(text)
    if _ZERO_WIDTH_CHAR.search(text):  # rare; str.translate costs ~5 µs a line even when there is none
        text = text.translate(ZERO_WIDTH)
    out: list[Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        s = raw.strip()
        if not s:
            continue
        if s == "\x00INFOEND":
            # LawRefBook: everything since the last level-1 heading is metadata (dates, amendments)
            for ln in reversed(out):
                if ln.md_level == 1:
                    break
                ln.meta = True
            continue
        level = 0
        md = _md_heading(s) if s.startswith("#") else None
        if md is not None:
            level, s = md
        s = _BOLD.sub(lambda b: b.group(1) or b.group(2), s).strip()
        if s:
            out.append(Line(no, s, level))
    return out
