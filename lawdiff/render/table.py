"""The 修改对照表 laid out once, for the Markdown and the HTML renderers.

Both renderers show the same table, so the decisions live here and the renderers only choose syntax
(escaping, delimiters, tags): which units are shown once with 同左, how a unit's word edits fall onto
the lines of each article, where the chapter breaks fall, how a label and its reasons read, and the
text bars of the signal summary.  Everything here is plain text; nothing is escaped yet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from lawdiff.model import Article, ArticleDiff, Label, Lang, Op, Report, UnitKind, UnitReport
from lawdiff.render.i18n import Words
from lawdiff.render.reasons import align_notes, explain, label_word

Line = tuple["Run", ...]


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of one side's text: unmarked, deleted (draft side) or inserted (final side)."""

    text: str
    mark: str | None = None  # None | "del" | "ins"


@dataclass(frozen=True, slots=True)
class Block:
    """One article as shown in a cell: its label and caption, then its lines with their marks."""

    label: str
    caption: str | None
    lines: tuple[Line, ...]


class RowKind(str, Enum):
    SAME = "same"  # shown once, 同左 on the right
    CHANGED = "changed"
    ADDED = "added"  # 新增条文
    REMOVED = "removed"  # 删除条文


@dataclass(frozen=True, slots=True)
class Row:
    kind: RowKind
    unit: UnitReport
    left: tuple[Block, ...]
    right: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """Consecutive rows under one chapter heading ('' when the texts have no chapters)."""

    title: str
    anchor: str
    rows: tuple[Row, ...]

    @property
    def changed(self) -> int:
        return sum(1 for r in self.rows if r.kind is not RowKind.SAME)


# --------------------------------------------------------------------------- diff -> runs


def side_runs(d: ArticleDiff) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    """The draft and final texts cut into marked runs, sliced by the edits' offsets.

    Offsets rather than ``Edit.text``: equal runs carry the draft's characters, and the final side may
    print the same words with other widths (，/,) or spacing, which the 对照表 must show as printed.
    """
    dt, ft, edits = d.draft_text, d.final_text, d.edits
    left: list[Run] = []
    right: list[Run] = []
    ok = bool(edits) and edits[0].draft_start == 0 and edits[0].final_start == 0
    for i, e in enumerate(edits if ok else ()):
        nd = edits[i + 1].draft_start if i + 1 < len(edits) else len(dt)
        nf = edits[i + 1].final_start if i + 1 < len(edits) else len(ft)
        if nd < e.draft_start or nf < e.final_start or nd > len(dt) or nf > len(ft):
            ok = False
            break
        if e.op is Op.EQUAL:
            left.append(Run(dt[e.draft_start : nd]))
            right.append(Run(ft[e.final_start : nf]))
        elif e.op is Op.DELETE:
            left.append(Run(dt[e.draft_start : nd], "del"))
            ok = ok and nf == e.final_start
        else:
            right.append(Run(ft[e.final_start : nf], "ins"))
            ok = ok and nd == e.draft_start
    if ok:
        return tuple(left), tuple(right)
    if dt == ft:
        return (Run(dt),), (Run(ft),)
    # no usable edits: show the whole of each side as changed rather than guess
    return (Run(dt, "del"),) if dt else (), (Run(ft, "ins"),) if ft else ()


def _slice(runs: Iterable[Run], start: int, end: int) -> list[Run]:
    out: list[Run] = []
    pos = 0
    for r in runs:
        a, b = pos, pos + len(r.text)
        pos = b
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            out.append(Run(r.text[lo - a : hi - a], r.mark))
    return out


def _merge(runs: Iterable[Run]) -> Line:
    """Join neighbours with the same mark, so a renderer never writes ``**a****b**``."""
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        if out and out[-1].mark == r.mark:
            out[-1] = Run(out[-1].text + r.text, r.mark)
        else:
            out.append(r)
    return tuple(out)


def _lines(runs: list[Run]) -> tuple[Line, ...]:
    lines: list[list[Run]] = [[]]
    for r in runs:
        parts = r.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                lines.append([])
            lines[-1].append(Run(part, r.mark))
    return tuple(_merge(line) for line in lines)


def blocks(articles: tuple[Article, ...], runs: tuple[Run, ...]) -> tuple[Block, ...]:
    """Cut one side's runs at article boundaries (texts are joined with one newline) and at lines."""
    total = sum(len(r.text) for r in runs)
    if total != len("\n".join(a.text for a in articles)):
        runs = (Run("\n".join(a.text for a in articles)),)  # inconsistent diff: show unmarked
    out: list[Block] = []
    pos = 0
    for a in articles:
        n = len(a.text)
        out.append(Block(a.label, a.caption, _lines(_slice(runs, pos, pos + n))))
        pos += n + 1
    return tuple(out)


def plain_blocks(articles: tuple[Article, ...]) -> tuple[Block, ...]:
    return blocks(articles, (Run("\n".join(a.text for a in articles)),))


# --------------------------------------------------------------------------- rows and sections


def text_changed(u: UnitReport) -> bool:
    """Whether the words differ (renumbering alone does not: that row still reads 同左)."""
    unit = u.unit
    if unit.kind is not UnitKind.MATCHED or len(unit.draft) != len(unit.final):
        return True
    if any(a.caption != b.caption for a, b in zip(unit.draft, unit.final)):
        return True
    return u.diff.changed or u.diff.draft_text != u.diff.final_text


def row_for(u: UnitReport) -> Row:
    unit = u.unit
    left, right = side_runs(u.diff)
    if not unit.draft:
        return Row(RowKind.ADDED, u, (), blocks(unit.final, right))
    if not unit.final:
        return Row(RowKind.REMOVED, u, blocks(unit.draft, left), ())
    if not text_changed(u) and u.change.label is Label.UNCHANGED:
        return Row(RowKind.SAME, u, plain_blocks(unit.draft), plain_blocks(unit.final))
    return Row(RowKind.CHANGED, u, blocks(unit.draft, left), blocks(unit.final, right))


def slug(text: str) -> str:
    """A heading anchor as GitHub makes it: lower case, letters/digits/-/_ kept, spaces to hyphens."""
    kept = "".join(c for c in text.lower() if c in "-_ " or unicodedata.category(c)[0] in "LNM")
    return kept.replace(" ", "-")


class Anchors:
    """Unique anchors in document order, suffixed -1, -2 … on repeats as GitHub does."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        base = slug(text) or "section"
        n = self.seen.get(base, 0)
        self.seen[base] = n + 1
        return base if n == 0 else f"{base}-{n}"


def heading_title(headings: tuple[str, ...]) -> str:
    return " / ".join(" ".join(h.split()) for h in headings)


def sections(units: Iterable[UnitReport], anchors: Anchors) -> tuple[Section, ...]:
    """Group units by the final text's chapter; an added-or-removed unit stays with its neighbours.

    The final's chapters, because the 对照表 is read in the order of the adopted text; a removed
    article has no place there, so it stays in the chapter of the unit before it.
    """
    groups: list[tuple[tuple[str, ...], list[Row]]] = []
    key: tuple[str, ...] | None = None
    for u in units:
        unit = u.unit
        if unit.final:
            k = unit.final[0].headings
        elif key is None:
            k = unit.draft[0].headings if unit.draft else ()
        else:
            k = key
        if not groups or k != key:
            groups.append((k, []))
        groups[-1][1].append(row_for(u))
        key = k
    out = []
    for k, rows in groups:
        title = heading_title(k)
        out.append(Section(title, anchors(title) if title else "", tuple(rows)))
    return tuple(out)


# --------------------------------------------------------------------------- explanations


def label_phrase(u: UnitReport, w: Words) -> str:
    """'放宽（增设义务），兼有收紧；条序调整；相似度 0.83': what a lawyer checks first."""
    c, unit = u.change, u.unit
    text = label_word(u, w)
    if c.secondary is not None:
        sec = w.labels[c.secondary.value]
        text += f"，{w.flags['also']}{sec}" if w.lang is Lang.ZH else f", {w.flags['also']} {sec}"
    flags = []
    if unit.kind is UnitKind.SPLIT:
        flags.append(w.flags["split"])
    if unit.kind is UnitKind.MERGED:
        flags.append(w.flags["merged"])
    if unit.renumbered:
        flags.append(w.flags["renumbered"])
    if unit.moved:
        flags.append(w.flags["moved"])
    if unit.weak:
        flags.append(w.flags["weak"])
    if unit.draft and unit.final:
        flags.append(f"{w.flags['similarity']} {unit.similarity:.2f}")
    return w.sep.join([text, *flags])


def reason_lines(report: Report, u: UnitReport, w: Words) -> tuple[str, str]:
    """The reason sentence, and the detail line: the rules with their themes and weights, and the aligner's
    notes (they name articles and similarities: the machinery behind the match)."""
    e = explain(u, w, report.versions.kind, report.lang)
    detail, notes = e.detail, align_notes(report, u, w)
    if notes:
        detail = w.sep.join(x for x in (detail, f"{w.p('note')}{w.colon}{notes}") if x)
    return (f"{w.reason}{w.colon}{e.body}" if e.body else "", detail)


def side_heading(report: Report, i: int, w: Words, *, dated: bool = False) -> str:
    """The head of column ``i``: 征求意见稿 / 修订后 / Adopted text, with the date when asked for."""
    name = w.side(report.versions.kind, i)
    meta = report.final_meta if i else report.draft_meta
    date = meta.date if dated else ""
    if not date:
        return name
    return f"{name}（{date}）" if w.lang is Lang.ZH else f"{name} ({date})"


# --------------------------------------------------------------------------- text bars


FULL, EMPTY, MID = "█", "·", "│"


def score_bar(score: float, half: int = 10) -> str:
    """Tightening fills left of the centre, relaxing right; one cell per 1/half of the score."""
    n = min(half, round(abs(score) * half))
    left = EMPTY * (half - n) + (FULL * n if score < 0 else EMPTY * n)
    right = (FULL * n if score > 0 else EMPTY * n) + EMPTY * (half - n)
    return f"{left}{MID}{right}"


def split_bar(tightening: float, relaxing: float, scale: float, half: int = 8) -> str:
    """Both weights of a theme on one axis, scaled to the heaviest theme: tightening ◀│▶ relaxing."""

    def cells(x: float) -> int:
        return 0 if scale <= 0 or x <= 0 else max(1, min(half, round(x / scale * half)))

    t, r = cells(tightening), cells(relaxing)
    return EMPTY * (half - t) + FULL * t + MID + FULL * r + EMPTY * (half - r)


def count_bar(n: int, most: int, width: int = 20) -> str:
    if n <= 0 or most <= 0:
        return ""
    return FULL * max(1, round(n / most * width))


def cell_width(text: str) -> int:
    """Terminal-style width: CJK characters take two cells in a monospaced code block."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_width(text))


_WS = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Headings and table cells hold one line; any line break in metadata becomes a space."""
    return _WS.sub(" ", text).strip()
