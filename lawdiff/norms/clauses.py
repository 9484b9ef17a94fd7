"""An article side cut into sentences and clause parts, with items tied to their lead-in.

The unit of reading is a *sentence* (up to 。；!? or a line end).  A sentence is cut into *parts* at
commas and colons outside quotation marks, brackets and book-title marks (《…》), because Chinese
legal clauses put conditions, bearers, modal verbs and sanctions in comma-separated parts:
``违反本条例第十条规定，未取得许可的，由市场监督管理部门责令改正，处一万元以上五万元以下罚款。``

An item (项) belongs to the paragraph whose lead line introduces it (``…有下列行为之一的：`` or
``经营者应当遵守下列规定：``); the lead's last sentence is kept with each item so the item can inherit
its bearer and modality.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from lawdiff.model import Article

#: An item's number as printed at its start (（三）, (3)): the pattern other modules build their frames from
ITEM_NUMBER = r"[(（][一二三四五六七八九十0-9]+[)）]"
_SENTENCE_END = re.compile(r"[。;!?；！？]|\.(?=\s|$)")
_PART_DELIMS = ",:，："
_OPEN = "《“(\"「『["
_CLOSE = "》”)」』]"


@lru_cache(maxsize=8)  # pure memoisation: a function of the delimiters asked for
def _marks(delims: str) -> re.Pattern[str]:
    """The characters :meth:`Sentence.parts` acts on: openers, closers and delimiters."""
    return re.compile("[" + "".join(re.escape(c) for c in dict.fromkeys(_OPEN + _CLOSE + delims)) + "]")


@dataclass(frozen=True, slots=True)
class Part:
    text: str  # match text (width-folded, same length as the original)
    start: int  # offset in the side text


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # match text
    start: int
    end: int
    where: str
    lead: Sentence | None = None  # for an item: the sentence that introduces it
    item: bool = False
    para: str = ""  # "12:2" = article 12, paragraph 2: a bearer named earlier in it carries over

    def parts(self, delims: str = _PART_DELIMS) -> list[Part]:
        """Comma/colon parts outside 《》“”() — ends stripped of the delimiter."""
        out: list[Part] = []
        depth = 0
        begin = 0
        t = self.text
        for m in _marks(delims).finditer(t):  # only the characters that open, close or cut
            i, ch = m.start(), m.group()
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE and depth:
                depth -= 1
            elif ch in delims and depth == 0:
                if ch == "," and 0 < i < len(t) - 1 and t[i - 1].isdigit() and t[i + 1].isdigit():
                    continue  # 1,5 % and 10,000: a decimal or thousands comma, not a clause break
                if i > begin:
                    out.append(Part(t[begin:i], self.start + begin))
                begin = i + 1
        if begin < len(t):
            out.append(Part(t[begin:], self.start + begin))
        return [p for p in out if p.text.strip()]


def sentences(text: str, articles: tuple[Article, ...], side: str, mtext: str) -> list[Sentence]:
    """Every sentence of one side of a unit, in order.  ``text`` is the side text as printed (articles'
    lines joined by newlines, articles joined by newlines); ``mtext`` its match text (same length)."""
    out: list[Sentence] = []
    pos = 0
    for a in articles:
        many = len(a.paragraphs) > 1
        for p in a.paragraphs:
            base = f"{side} art. {a.ref}" + (f"({p.number})" if many else "")
            lead: Sentence | None = None
            para = f"{a.ref}:{p.number}"
            if p.text:
                sents = _split(mtext, pos, pos + len(p.text), base, para)
                out.extend(sents)
                if sents and p.items:
                    lead = sents[-1]
                pos += len(p.text) + 1
            for it in p.items:
                for s in _split(mtext, pos, pos + len(it.text), f"{base} item {it.label}", para):
                    out.append(Sentence(s.text, s.start, s.end, s.where, lead, True, para))
                pos += len(it.text) + 1
    return out


def _split(mtext: str, start: int, end: int, where: str, para: str) -> list[Sentence]:
    out: list[Sentence] = []
    s = start
    for m in _SENTENCE_END.finditer(mtext, start, end):
        if m.end() - s > 1:
            out.append(Sentence(mtext[s : m.end()], s, m.end(), where, para=para))
        s = m.end()
    if end - s > 0 and mtext[s:end].strip():
        out.append(Sentence(mtext[s:end], s, end, where, para=para))
    return out


class Locator:
    """Offset in a side text -> "draft art. 4(2) item （三）"."""

    def __init__(self, sents: list[Sentence], side: str):
        self.starts = [s.start for s in sents]
        self.names = [s.where for s in sents]
        self.side = side

    def where(self, offset: int) -> str:
        if not self.starts:
            return self.side
        return self.names[max(0, bisect.bisect_right(self.starts, offset) - 1)]


__all__ = ["ITEM_NUMBER", "Locator", "Part", "Sentence", "sentences"]
