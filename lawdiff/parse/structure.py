"""Stage 2: str -> Document.  Title, preamble, 编/章/节 headings, articles, paragraphs (款), items (项).

The lines come from :mod:`lawdiff.parse.markup` (markup, HTML and control characters dropped, the words
kept as printed).  Everything before the first article that is not a heading (subtitle such as
（征求意见稿）, issuing notice, 目录, amendment history) is preamble and never parsed as articles.  A
Document carries a warning for every repair (HTML read for its words, control characters dropped,
article numbers out of order or unreadable).  Every pattern here runs in time linear in the line length.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lawdiff.errors import ParseError
from lawdiff.model import Article, Document, Heading, Item, Lang, Notice, NoticeKind, Paragraph
from lawdiff.parse.markup import Line, drop_controls, looks_like_html, split_lines, strip_html
from lawdiff.parse.notices import english
from lawdiff.text.normalize import key
from lawdiff.text.numerals import CN_NUMERAL_CHARS, cn_to_int

_NUM = f"[{CN_NUMERAL_CHARS}0-9０-９]"
ZH_ARTICLE = re.compile(rf"^第\s*({_NUM}(?:\s*{_NUM}){{0,11}})\s*条(?:\s*之\s*([一二三四五六七八九十]+))?\s*(.*)$")
ZH_HEADING = re.compile(rf"^第\s*({_NUM}{{1,6}})\s*(编|分编|章|节)(?:[\s\u3000]*)(.*)$")
ZH_CAPTION = re.compile(r"^【([^】]{1,40})】\s*(.*)$")
ZH_ITEM = re.compile(r"^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|（\d+）|\(\d+\)|\d+[.．、](?!\d)|[一二三四五六七八九十]+、)")

EN_ARTICLE = re.compile(r"^(?:ARTICLE|Article|Art\.)\s*(\d+)\s*([a-z]{0,2})\b\.?\s*(.*)$")
EN_SECTION = re.compile(r"^(?:SECTION|Section|Sec\.|§)\s*(\d+)\s*([a-z]{0,2})\b\.?\s*(.*)$")
EN_HEADING = re.compile(r"^(PART|TITLE|CHAPTER|SECTION|Part|Title|Chapter|Section)\s+([IVXLCDM]+|\d+)\b\s*[.:—–-]?\s*(.*)$")
EN_PARAGRAPH = re.compile(r"^\d+\.\s")
EN_ITEM = re.compile(r"^\((?:[a-z]{1,2}|[ivxlc]+|\d+)\)\s")

_TITLE_END = re.compile(r"(法|法典|办法|规定|条例|细则|规则|决定|意见|通知|草案|征求意见稿|章程|准则|指引|纲要|）|\))$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_WORD = re.compile(r"\w")
_ZH_MARKER_LINE = re.compile(rf"^[ \t\u3000]*第\s*{_NUM}{{1,12}}\s*条", re.MULTILINE)
_EN_MARKER_LINE = re.compile(r"^[ \t]*(?:ARTICLE|Article|Art\.)\s*\d", re.MULTILINE)
#: words that end or name the title of an English instrument
_EN_TITLE_WORD = re.compile(r"\b(?:Act|Code|Law|Regulations?|Directive|Decision|Rules|Measures|Provisions|Order|Bill|"
                            r"Statute|Ordinance|Guidelines|Treaty|Convention|Charter|Constitution|Policy)\b")
_SENTENCE_MARK = re.compile(r"[。；;！!？?]")


def detect_lang(text: str) -> Lang:
    """Chinese or English: the article markers first, then CJK characters against Latin *words*.

    Why words, not letters: a Chinese law quoting English terms, URLs or standard names (``GB/T 35273``,
    ``API``) has few CJK characters per Latin letter, and was read as English, so 第X条 was ignored.
    A CJK character carries about as much text as an English word."""
    sample = text[:20000]
    zh_markers = len(_ZH_MARKER_LINE.findall(sample))
    en_markers = len(_EN_MARKER_LINE.findall(sample))
    if zh_markers != en_markers and max(zh_markers, en_markers) >= 2:
        return Lang.ZH if zh_markers > en_markers else Lang.EN
    cjk = len(_CJK.findall(sample))
    latin_words = len(_LATIN_WORD.findall(sample))
    return Lang.ZH if cjk >= latin_words else Lang.EN


def parse_text(text: str, *, lang: Lang | None = None, path: str = "", encoding: str = "utf-8") -> Document:
    """Parse a law text.  Raises :class:`ParseError` when there is no text at all."""
    text, notes = drop_controls(text)
    if looks_like_html(text):
        text = strip_html(text)
        notes.append(Notice(NoticeKind.HTML))
    lang = lang or detect_lang(text)
    lines = split_lines(text)
    if not any(_WORD.search(ln.text) for ln in lines):  # nothing but markup or punctuation ("**", "# ")
        raise ParseError(f"{path or 'input'}: no text found; give a file with the text of a law")
    body_start = _body_start(lines, lang)
    parser = _ZhParser() if lang is Lang.ZH else _EnParser(lines[body_start:])
    doc = parser.run(lines, body_start, lang=lang, path=path, encoding=encoding)
    if not notes:
        return doc
    return replace(doc, warnings=(*(english(n, path) for n in notes), *doc.warnings), notices=(*notes, *doc.notices))


def _is_title_candidate(s: str) -> bool:
    return len(s) <= 80 and not s.endswith(("。", "；", ".", ";", "：", ":"))


def _body_start(lines: list[Line], lang: Lang) -> int:
    """Index of the first body line (first heading/article after the title and any 目录)."""
    toc_end = _toc_end(lines)
    for i, ln in enumerate(lines):
        if i < toc_end:
            continue
        if _is_marker(ln.text, lang) and not ln.meta:
            return i
    return len(lines)


def _toc_end(lines: list[Line]) -> int:
    """If there is a 目录 (table of contents), the index where the body repeats its first entry."""
    for i, ln in enumerate(lines[:200]):
        if key(ln.text) in ("目录", "目次", "Contents", "TableofContents"):
            if i + 1 >= len(lines):
                return 0
            first = key(lines[i + 1].text)
            for j in range(i + 2, len(lines)):
                if key(lines[j].text) == first:
                    return j
            return 0
    return 0


def _is_marker(s: str, lang: Lang) -> bool:
    if lang is Lang.ZH:
        return bool(ZH_ARTICLE.match(s) or _zh_heading(s))
    return bool(_en_article(s) or EN_HEADING.match(s) or EN_SECTION.match(s))


def _zh_heading(s: str) -> re.Match[str] | None:
    m = ZH_HEADING.match(s)
    if m and len(s) <= 60 and not s.endswith(("。", "；", "，")):
        return m
    return None


def _en_article(s: str) -> re.Match[str] | None:
    m = EN_ARTICLE.match(s)
    if not m:
        return None
    rest = m.group(3)
    # "Article 6(1) shall apply" is a cross-reference, not a marker; a marker is "Article 6" or "Article 6 Title"
    if rest.startswith(("(", "of ", "to ")) or rest.endswith((".", ";", ",")) or len(rest) > 120:
        return None
    return m


class _Builder:
    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.headings: list[Heading] = []
        self.path: dict[str, Heading] = {}
        self.levels: list[str] = []
        self.notices: list[Notice] = []
        self.cur: dict | None = None
        self.seen: dict[str, int] = {}

    def heading(self, h: Heading, order: list[str]) -> None:
        self.close()
        self.headings.append(h)
        # a heading resets itself and every lower level
        lvl = order.index(h.level) if h.level in order else len(order)
        for k in list(self.path):
            if (order.index(k) if k in order else len(order)) >= lvl:
                del self.path[k]
        self.path[h.level] = h

    def start(self, number: int, suffix: str, label: str, caption: str | None, line: int) -> None:
        self.close()
        ref = f"{number}{suffix}"
        if ref in self.seen:
            self.seen[ref] += 1
            self.notices.append(Notice(NoticeKind.DUPLICATE, line, (label, f"{ref}#{self.seen[ref]}")))
            suffix = f"{suffix}#{self.seen[ref]}"
        else:
            self.seen[ref] = 1
            if self.articles and number < self.articles[-1].number:
                self.notices.append(Notice(NoticeKind.OUT_OF_ORDER, line, (label, self.articles[-1].label)))
            elif self.articles and number > self.articles[-1].number + 1 and not suffix:
                self.notices.append(Notice(NoticeKind.JUMP, line, (self.articles[-1].label, label)))
        heads = tuple(f"{h.label} {h.title}".strip() for h in self.path.values())
        self.cur = {"number": number, "suffix": suffix, "label": label, "caption": caption, "line": line,
                    "headings": heads, "paras": []}

    def para(self, text: str) -> None:
        if self.cur is not None:
            self.cur["paras"].append([text, []])

    def item(self, label: str, text: str) -> None:
        if self.cur is not None:
            if not self.cur["paras"]:
                self.cur["paras"].append(["", []])
            self.cur["paras"][-1][1].append(Item(label, text))

    def close(self) -> None:
        c = self.cur
        if c is None:
            return
        paras = tuple(Paragraph(i, t, tuple(items)) for i, (t, items) in enumerate(c["paras"], start=1))
        self.articles.append(Article(c["number"], c["label"], c["caption"], c["headings"], paras, c["line"],
                                     c["suffix"]))
        self.cur = None


def looks_like_title(ln: Line, lang: Lang) -> bool:
    """A line that reads as the name of an instrument: a Markdown level-1 heading, or a short line without
    sentence punctuation that ends like one (Chinese: 法, 办法, 条例 … or a closing bracket) or names one
    (English: Act, Regulation, Directive …).

    Why so strict: a text without article markers is compared paragraph by paragraph, and its title is
    not one of the paragraphs; a first line wrongly taken for a title was once never compared at all."""
    if ln.md_level == 1:
        return True
    s = ln.text
    if _SENTENCE_MARK.search(s) or s.endswith((",", "，", "、", ":", "：", ".")):
        return False
    if lang is Lang.ZH:
        return len(s) <= 80 and bool(_TITLE_END.search(s))
    return len(s) <= 150 and bool(_EN_TITLE_WORD.search(s))


def _title(lines: list[Line], body_start: int, lang: Lang) -> tuple[Line | None, list[str]]:
    """The title line (None when there is none) and the other lines before the body (the preamble).

    With article markers, everything before the first one is front matter: the title is the Markdown
    level-1 heading, else the first line ending like a title, else the first line.  Without markers
    (``body_start`` is the end), the first line is the title only when it looks like one
    (:func:`looks_like_title`); every other line is compared."""
    if body_start >= len(lines):
        first = next((ln for ln in lines if not ln.meta), None)
        md1 = next((ln for ln in lines if ln.md_level == 1 and not ln.meta), None)
        return md1 or (first if first is not None and looks_like_title(first, lang) else None), []
    head = [ln for ln in lines[:body_start] if not ln.meta]
    if not head:
        return None, [ln.text for ln in lines[:body_start]]
    title_line = next((ln for ln in head if ln.md_level == 1), None) or next(
        (ln for ln in head if _TITLE_END.search(ln.text)), head[0])
    return title_line, [ln.text for ln in lines[:body_start] if ln is not title_line]


class _ZhParser:
    ORDER = ["part", "编", "分编", "章", "节"]

    def run(self, lines: list[Line], body_start: int, *, lang: Lang, path: str, encoding: str) -> Document:
        title, preamble = _title(lines, body_start, lang)
        b = _Builder()
        for ln in lines[body_start:]:
            s = ln.text
            if ln.meta:
                continue
            m = ZH_ARTICLE.match(s)
            if m:
                number = cn_to_int(re.sub(r"\s", "", m.group(1)))
                label = f"第{re.sub(r'[ 　]', '', m.group(1))}条" + (f"之{m.group(2)}" if m.group(2) else "")
                if number is None:
                    # a typo such as 第十一一条: still an article marker (its text is not glued to the previous
                    # article), numbered one after the previous article; the printed label is kept
                    number = (b.cur["number"] if b.cur else b.articles[-1].number if b.articles else 0) + 1
                    b.notices.append(Notice(NoticeKind.UNREADABLE, ln.no, (label, str(number))))
                if label != s[: len(label)]:
                    b.notices.append(Notice(NoticeKind.STRAY_SPACES, ln.no, (repr(s[:len(label) + 4]), label)))
                suffix = f"-{cn_to_int(m.group(2))}" if m.group(2) else ""
                rest = m.group(3).strip()
                caption = None
                c = ZH_CAPTION.match(rest)
                if c:
                    caption, rest = c.group(1), c.group(2).strip()
                b.start(number, suffix, label, caption, ln.no)
                if rest:
                    self._body_line(b, rest)
                continue
            h = _zh_heading(s)
            if h and (b.cur is None or not ZH_ITEM.match(s)):
                b.heading(Heading(h.group(2), f"第{h.group(1)}{h.group(2)}", h.group(3).strip(), ln.no), self.ORDER)
                continue
            if ln.md_level:
                # a Markdown heading without 第X章 (a book title such as "# 物权编") outranks every 编/章
                b.heading(Heading("part" if ln.md_level == 1 else "章", "", s, ln.no), self.ORDER)
                continue
            self._body_line(b, s)
        b.close()
        return _finish(title, preamble, b, lang, path, encoding, lines)

    @staticmethod
    def _body_line(b: _Builder, s: str) -> None:
        m = ZH_ITEM.match(s)
        if m:
            b.item(m.group(1), s)
        else:
            b.para(s)


class _EnParser:
    ORDER = ["part", "title", "chapter", "section"]

    def __init__(self, body: list[Line]) -> None:
        # "Section 5" marks articles only in texts that have no "Article N" markers
        self.sections_are_articles = not any(_en_article(ln.text) for ln in body)

    def run(self, lines: list[Line], body_start: int, *, lang: Lang, path: str, encoding: str) -> Document:
        title, preamble = _title(lines, body_start, lang)
        b = _Builder()
        pending_title: Heading | None = None
        expect_caption = False
        for ln in lines[body_start:]:
            s = ln.text
            if ln.meta:
                continue
            m = _en_article(s) or (EN_SECTION.match(s) if self.sections_are_articles else None)
            if m:
                if pending_title is not None:
                    b.heading(pending_title, self.ORDER)
                    pending_title = None
                label = s[: m.start(3)].strip() if m.group(3) else s.strip()
                caption = m.group(3).strip() or None
                b.start(int(m.group(1)), m.group(2) or "", label, caption, ln.no)
                expect_caption = caption is None
                continue
            h = EN_HEADING.match(s)
            if h and not (self.sections_are_articles and h.group(1).lower() == "section"):
                if pending_title is not None:
                    b.heading(pending_title, self.ORDER)
                b.close()
                num = h.group(2)
                pending_title = Heading(h.group(1).lower(), f"{h.group(1)} {num}", h.group(3).strip(), ln.no)
                if pending_title.title:
                    b.heading(pending_title, self.ORDER)
                    pending_title = None
                expect_caption = False
                continue
            if pending_title is not None:
                # the line after "CHAPTER II" is its title
                pending_title = Heading(pending_title.level, pending_title.label, s, pending_title.line)
                b.heading(pending_title, self.ORDER)
                pending_title = None
                continue
            if expect_caption and b.cur is not None:
                expect_caption = False
                if _is_title_candidate(s) and not EN_PARAGRAPH.match(s) and not EN_ITEM.match(s) and len(s) <= 150:
                    b.cur["caption"] = s
                    continue
            if EN_ITEM.match(s):
                b.item(s[: s.index(")") + 1], s)
            else:
                b.para(s)
        if pending_title is not None:
            b.heading(pending_title, self.ORDER)
        b.close()
        return _finish(title, preamble, b, lang, path, encoding, lines)


def _finish(title: Line | None, preamble: list[str], b: _Builder, lang: Lang, path: str, encoding: str,
            lines: list[Line]) -> Document:
    articles = tuple(b.articles)
    notices = list(b.notices)
    fallback = False
    if not articles:
        fallback = True
        # the title line itself is left out (by identity: a paragraph with the same words is still compared);
        # a text of one line is that line, compared, whatever it looks like
        body = [ln for ln in lines if not ln.meta and ln is not title] or [ln for ln in lines if not ln.meta]
        if not body:
            raise ParseError(f"{path or 'input'}: no articles and no paragraphs found; give the text of a law")
        if title is not None and body[0] is title:
            title = None
        articles = tuple(
            Article(i, f"¶{i}", None, (), (Paragraph(1, ln.text),), ln.no) for i, ln in enumerate(body, start=1)
        )
        preamble = []
        marker = "第X条" if lang is Lang.ZH else "Article N"
        notices.insert(0, Notice(NoticeKind.NO_ARTICLES, 0, (marker,)))
    return Document(title=title.text if title is not None else "", lang=lang, articles=articles,
                    preamble=tuple(preamble), headings=tuple(b.headings), path=path, encoding=encoding,
                    fallback=fallback, warnings=tuple(english(n, path) for n in notices), notices=tuple(notices))
