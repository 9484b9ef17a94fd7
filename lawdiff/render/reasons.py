"""Why a unit got its label, in the reader's language, made from the structured findings.

The classifier records what it judged — for each rule that fired, the norm changes (kind, the two
norms, what changed) and the quoted words with their offsets — and keeps an English one-liner
(``Change.reason``) for ``lawdiff check``.  A report never shows or translates that line: it builds
the sentence here from the records, the rule's description in the reader's language (``description_zh``
or ``description``) followed by the quoted evidence and where it stands (征求意见稿第六条第二款第三项,
draft art. 6(2) item (c)), computed from the offsets and the unit's articles.  Rule ids, themes and
weights go on a separate detail line, for the reader who checks the machinery rather than the law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lawdiff.model import (
    AlignNote,
    Article,
    ChangeKind,
    Direction,
    Effect,
    Firing,
    Label,
    Lang,
    NoteKind,
    Op,
    PairKind,
    Quote,
    Report,
    Side,
    UnitReport,
)
from lawdiff.render.i18n import Words

#: Items in the reason sentence; the rest are counted ("and 2 more") and listed on the detail line.
MAX_ITEMS = 4
#: Quotes per item: the first words that changed on each side is what a lawyer looks up.
MAX_QUOTES = 2
_RELAX = {Label.RELAXED, Effect.ENABLING, Effect.RELAXING}
_TIGHTEN = {Label.TIGHTENED, Effect.BURDEN, Effect.TIGHTENING}
_SHOWN_DETAIL = {ChangeKind.QUANTITY, ChangeKind.INSTRUMENT, ChangeKind.REVIEW}  # details in the texts' own words
_ITEM_MARKS = re.compile(r"[（）()．.、\s]")
_CN = "零一二三四五六七八九"


@dataclass(frozen=True, slots=True)
class Explanation:
    head: str  # the label as a reader says it: "放宽", "added (enabling)" ("" for an unchanged unit)
    body: str  # why: the rules' descriptions with their evidence
    detail: str  # the rules, their themes and weights ("" when none fired)
    sentence: str = ""  # head and body: the whole reason, as JSON carries it


def cn_numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (paragraph and item numbers in a citation)."""
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n % 10] if n % 10 else "")
    if n < 100:
        return _CN[n // 10] + "十" + (_CN[n % 10] if n % 10 else "")
    rest = n % 100
    return _CN[n // 100] + "百" + ("" if not rest else ("零" + _CN[rest] if rest < 10 else cn_numeral(rest)))


# --------------------------------------------------------------------------- places


def locate(articles: tuple[Article, ...], offset: int) -> tuple[Article, int, str] | None:
    """The article, paragraph number and item label (or "") at ``offset`` of a unit side's text (its
    articles' texts joined with newlines, each article's lines joined with newlines)."""
    pos = 0
    for k, a in enumerate(articles):
        last = k == len(articles) - 1
        end = 0 if last else pos + len(a.text)  # the last article's length is not needed (a.text joins its lines)
        if last or offset <= end:
            rel, at = offset - pos, 0
            for p in a.paragraphs:
                lines = ([(p.text, "")] if p.text else []) + [(i.text, i.label) for i in p.items]
                for text, item in lines:
                    if rel <= at + len(text):
                        return a, p.number, item
                    at += len(text) + 1
            return a, a.paragraphs[-1].number if a.paragraphs else 1, ""
        pos = end + 1
    return None


def place(u: UnitReport, side: Side, offset: int, w: Words, kind: PairKind, text_lang: Lang) -> str:
    """'征求意见稿第六条第二款第三项', 'draft art. 6(2) item (c)': where a quote stands, for the reader."""
    articles = u.unit.draft if side is Side.DRAFT else u.unit.final
    found = locate(articles, offset)
    name = w.side_short(kind, 0 if side is Side.DRAFT else 1)
    if found is None:
        return name
    a, paragraph, item = found
    if w.lang is Lang.ZH and text_lang is Lang.EN:  # an English law cited as it cites itself: Article 2(1)(g)
        return f"{name} {a.label}" + (f"({paragraph})" if len(a.paragraphs) > 1 else "") + item
    if w.lang is Lang.ZH:
        out = w.p("place", side=name, article=a.label)
        if len(a.paragraphs) > 1:
            out += w.p("place_paragraph", n=cn_numeral(paragraph))
        if item:
            out += w.p("place_item", item=_ITEM_MARKS.sub("", item))
        return out
    out = w.p("place", side=name, article=a.ref)
    if len(a.paragraphs) > 1:
        out += w.p("place_paragraph", n=paragraph)
    if item:
        out += w.p("place_item", item=item)
    return out


def unit_where(u: UnitReport, w: Words, kind: PairKind) -> str:
    """'征求意见稿第六条 → 正式文本第十七条', 'draft 6 → final 17': which articles a unit joins."""
    def refs(articles: tuple[Article, ...]) -> str:
        if not articles:
            return "—"
        return w.list_sep.join(a.label if w.lang is Lang.ZH else a.ref for a in articles)

    if not u.unit.final or not u.unit.draft:  # an added or removed article: only the side it is on
        i = 0 if u.unit.draft else 1
        return w.p("unit_one", side=w.side_short(kind, i), articles=refs(u.unit.draft or u.unit.final))
    return w.p("unit_where", left=w.side_short(kind, 0), right=w.side_short(kind, 1),
               draft=refs(u.unit.draft), final=refs(u.unit.final))


def _room(text_lang: Lang) -> int:
    """Characters a quote may keep: forty Chinese characters say as much as about seventy English ones."""
    return 40 if text_lang is Lang.ZH else 72


def clip(text: str, n: int = 40) -> str:
    """One line of at most ``n`` characters, the middle elided: a quote points at the words, the table has them."""
    t = " ".join(text.split())
    return t if len(t) <= n else f"{t[: n * 2 // 3]}…{t[-(n // 3 - 1):]}"


def align_notes(report: Report, u: UnitReport, w: Words) -> str:
    """What the aligner noted (a weak match and why it was kept, parts split off or merged in, articles
    that also resemble the unit), worded from its records: 匹配较弱（相似度 0.29）；另与正式文本第十四条（0.31）相似."""
    if not u.unit.notes:
        return ""
    kind = report.versions.kind

    def label(side: Side, r: str) -> str:
        doc = report.draft if side is Side.DRAFT else report.final
        return _labels(_Same(doc.articles)).get(r, r)

    def ref(side: Side, r: str, s: float) -> str:
        name = w.side_short(kind, 0 if side is Side.DRAFT else 1)
        article = label(side, r) if w.lang is Lang.ZH else r
        if article[:1].isascii() and w.lang is Lang.ZH:
            article = f" {article}"  # 通过文本 Article 105
        return w.p("note_ref", side=name, article=article, similarity=s)

    def one(n: AlignNote) -> str:
        refs = w.list_sep.join(ref(*x) for x in n.refs)
        if n.kind is NoteKind.WEAK:
            return w.p("note_weak", similarity=n.similarity) + (w.p(f"why_{n.why}") if n.why else "")
        return w.p(f"note_{n.kind.value}", refs=refs)

    return w.sep.join(one(n) for n in u.unit.notes)


class _Same:
    """A tuple of articles keyed by identity: hashing the articles themselves would read every one of them."""

    __slots__ = ("articles",)

    def __init__(self, articles: tuple[Article, ...]) -> None:
        self.articles = articles

    def __hash__(self) -> int:
        return id(self.articles)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.articles is self.articles


@lru_cache(maxsize=4)  # pure memoisation: the articles are immutable, and the key holds them (no id is reused)
def _labels(same: _Same) -> dict[str, str]:
    """Each article ref's label, the last article's where two share a ref (as a table of the articles had it).
    Made once per document: scanning the articles for every note made the reports quadratic (1.5 of 7 s at
    5,000 articles; before that, a table made for every unit, 11 of 15 s at 2,500)."""
    return {a.ref: a.label for a in same.articles}


# --------------------------------------------------------------------------- the reason


def direction_of(u: UnitReport) -> Direction | None:
    c = u.change
    if c.label in _RELAX or c.effect in _RELAX:
        return Direction.RELAX
    if c.label in _TIGHTEN or c.effect in _TIGHTEN:
        return Direction.TIGHTEN
    return None


def label_word(u: UnitReport, w: Words) -> str:
    c = u.change
    text = w.labels[c.label.value]
    if c.effect is not None:
        eff = w.effects[c.effect.value]
        text += f"（{eff}）" if w.lang is Lang.ZH else f" ({eff})"
    return text


def description(f: Firing, w: Words) -> str:
    return (f.description_zh or f.description) if w.lang is Lang.ZH else f.description


def _item(u: UnitReport, f: Firing, w: Words, kind: PairKind, text_lang: Lang) -> str:
    findings = [x for x in u.change.findings if x.rule_id == f.rule_id]
    if findings:
        quotes: list[Quote] = []
        quoted: set[tuple[Side, int]] = set()  # where the quotes so far start (a set per finding was quadratic)
        for x in findings:
            new = [q for q in x.quotes if (q.side, q.start) not in quoted]
            quotes += new
            quoted.update((q.side, q.start) for q in new)
        shown = [x for x in findings if x.change.kind in _SHOWN_DETAIL and "->" in x.change.detail]
    else:
        quotes = [Quote(e.side, e.text, e.where, e.start, e.end) for e in f.evidence]
        shown = []
    parts = []
    for x in shown[:1]:  # a number or an instrument that changed: before → after, each where it stands
        before, _, after = (clip(t.strip(), 24) for t in x.change.detail.partition("->"))
        dq = next((q for q in x.quotes if q.side is Side.DRAFT), None)
        fq = next((q for q in x.quotes if q.side is Side.FINAL), None)
        if dq is not None and fq is not None:
            before = w.p("quote", place=place(u, dq.side, dq.start, w, kind, text_lang), text=before)
            after = w.p("quote", place=place(u, fq.side, fq.start, w, kind, text_lang), text=after)
        parts.append(w.p("change", before=before, after=after))
    if not parts:
        parts = [w.p("quote", place=place(u, q.side, q.start, w, kind, text_lang), text=clip(q.text, _room(text_lang)))
                 for q in quotes[:MAX_QUOTES]]
    evidence = w.sep.join(parts)
    return w.p("item", description=description(f, w), evidence=evidence) if evidence else description(f, w)


def _items(u: UnitReport, firings: list[Firing], w: Words, kind: PairKind, text_lang: Lang,
           most: int = MAX_ITEMS) -> str:
    items = [_item(u, f, w, kind, text_lang) for f in firings[:most]]
    if len(firings) > most:
        items.append(w.p("more", n=len(firings) - most))
    return w.sep.join(items)


def _first_edit(u: UnitReport, w: Words, kind: PairKind, text_lang: Lang) -> str:
    first = next((e for e in u.diff.edits if e.op is not Op.EQUAL), None)
    if first is None:
        return ""
    side = Side.DRAFT if first.op is Op.DELETE else Side.FINAL
    offset = first.draft_start if side is Side.DRAFT else first.final_start
    return w.p("quote", place=place(u, side, offset, w, kind, text_lang), text=clip(first.text, _room(text_lang)))


def explain(u: UnitReport, w: Words, kind: PairKind, text_lang: Lang, *, brief: bool = False) -> Explanation:
    """The reason sentence and the rules line of one unit, in the language of ``w``.  ``brief``: the
    weightiest rule alone, the others counted (the signal summary's list of top changes)."""
    c = u.change
    if c.label is Label.UNCHANGED:
        return Explanation("", "", "")
    head = label_word(u, w)
    firings = list(c.firings)
    main = direction_of(u)
    relax = sum(f.weight for f in firings if f.direction is Direction.RELAX)
    tighten = sum(f.weight for f in firings if f.direction is Direction.TIGHTEN)
    if main is not None and any(f.direction is main for f in firings):
        ours = [f for f in firings if f.direction is main] + [f for f in firings if f.direction is Direction.NEUTRAL]
        theirs = [f for f in firings if f.direction not in (main, Direction.NEUTRAL)]
        body = _items(u, ours, w, kind, text_lang, 1 if brief else MAX_ITEMS)
        if theirs and not brief:
            body += w.p("against", items=_items(u, theirs, w, kind, text_lang))
    elif firings:
        lead = [w.p("balance", relax=relax, tighten=tighten)] if relax or tighten else []
        tail = [] if relax or tighten else [w.p("no_rule")]
        body = w.sep.join([*lead, _items(u, firings, w, kind, text_lang), *tail])
    elif c.label in (Label.ADDED, Label.REMOVED) or not u.diff.changed:
        body = w.p("no_rule")
    else:
        body = w.p("wording", evidence=_first_edit(u, w, kind, text_lang))
    detail = ""
    if firings:
        rules = w.list_sep.join(
            w.p("detail_rule", id=f.rule_id, theme=w.themes[f.theme.value], direction=w.directions[f.direction.value],
                weight=f.weight)
            for f in firings
        )
        detail = w.p("detail", rules=rules, relax=round(relax, 3), tighten=round(tighten, 3))
    return Explanation(head, body, detail, w.p("head", label=head, items=body))


__all__ = ["Explanation", "align_notes", "clip", "cn_numeral", "explain", "label_word", "locate", "place", "unit_where"]
