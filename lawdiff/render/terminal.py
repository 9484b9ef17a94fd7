"""Terminal rendering: rich colours on a terminal, ``[-deleted-]{+inserted+}`` markers elsewhere.

Markers follow ``git diff --word-diff=plain`` so people and scripts already know them.  rich measures
CJK characters as two cells, so side-by-side columns line up for Chinese text.

File names, titles and article labels are printed with control characters escaped (ESC as ``\\x1b``,
see :mod:`lawdiff.text.controls`).  When nothing differs the header is followed by one plain line saying so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from lawdiff.model import ArticleDiff, Edit, Label, Lang, Op, Report, UnitKind, UnitReport
from lawdiff.render.frontmatter import warning_lines
from lawdiff.render.i18n import Words
from lawdiff.render.prose import count_text, kind_line, regulated_line
from lawdiff.render.reasons import align_notes, label_word, unit_where
from lawdiff.render.view import View, explanation
from lawdiff.text.controls import safe

DEL_STYLE = "bold red strike"
INS_STYLE = "bold green underline"
LABEL_STYLE = {
    Label.UNCHANGED: "dim", Label.REWORDED: "cyan", Label.RELAXED: "bold green", Label.TIGHTENED: "bold red",
    Label.ADDED: "bold yellow", Label.REMOVED: "bold magenta",
}


def unit_title(report: Report, u: UnitReport, w: Words) -> str:
    """'征求意见稿第六条 → 正式文本第十七条 · 对应 · 条序调整 · 相似度 0.74 · 放宽'."""
    unit = u.unit
    # an added or removed article says so in its label; matched / split / merged are said here
    flags = [] if unit.kind in (UnitKind.ADDED, UnitKind.REMOVED) else [w.unit_kinds[unit.kind.value]]
    if unit.renumbered:
        flags.append(w.flags["renumbered"])
    if unit.moved:
        flags.append(w.flags["moved"])
    if unit.weak:
        flags.append(w.flags["weak"])
    if unit.kind not in (UnitKind.ADDED, UnitKind.REMOVED):
        flags.append(f"{w.flags['similarity']} {unit.similarity:.2f}")
    label = label_word(u, w)
    if u.change.secondary is not None:
        label += f"，{w.flags['also']}{w.labels[u.change.secondary.value]}" if w.lang is Lang.ZH else \
            f", {w.flags['also']} {w.labels[u.change.secondary.value]}"
    return safe(" · ".join([unit_where(u, w, report.versions.kind), *flags, label]))


def _clip(text: str, context: int | None, first: bool, last: bool) -> str:
    """Shorten an unchanged run to ``context`` characters on each side of the neighbouring changes."""
    if context is None:
        return text
    keep_head = 0 if first else context
    keep_tail = 0 if last else context
    if len(text) <= keep_head + keep_tail + 1:
        return text
    head = text[:keep_head]
    tail = text[len(text) - keep_tail:] if keep_tail else ""
    return f"{head}…{tail}"


def _runs(edits: tuple[Edit, ...], context: int | None) -> Iterator[tuple[Op, str]]:
    n = len(edits)
    for i, e in enumerate(edits):
        if e.op is Op.EQUAL:
            yield e.op, _clip(e.text, context, i == 0, i == n - 1)
        else:
            yield e.op, e.text


def inline_text(d: ArticleDiff, *, context: int | None = None, plain: bool) -> Text:
    t = Text()
    for op, s in _runs(d.edits, context):
        if op is Op.EQUAL:
            t.append(s)
        elif op is Op.DELETE:
            t.append(f"[-{s}-]" if plain else s, style=None if plain else DEL_STYLE)
        else:
            t.append(f"{{+{s}+}}" if plain else s, style=None if plain else INS_STYLE)
    return t


def side_texts(d: ArticleDiff, *, context: int | None = None, plain: bool) -> tuple[Text, Text]:
    left, right = Text(), Text()
    for op, s in _runs(d.edits, context):
        if op is Op.EQUAL:
            left.append(s)
            right.append(s)
        elif op is Op.DELETE:
            left.append(f"[-{s}-]" if plain else s, style=None if plain else DEL_STYLE)
        else:
            right.append(f"{{+{s}+}}" if plain else s, style=None if plain else INS_STYLE)
    return left, right


def _explanation(report: Report, u: UnitReport, w: Words, plain: bool) -> Text:
    """The reason made from the findings, then the rules behind it on a line of their own."""
    t = Text()
    if u.change.label is Label.UNCHANGED:
        return t
    e = explanation(report, u, w)
    t.append(f"  {w.p('why')}{w.colon}", style=None if plain else "bold")
    t.append(e.body)
    if e.detail:
        t.append(f"\n    {e.detail}", style=None if plain else "dim")
    notes = align_notes(report, u, w)
    if notes:
        t.append(f"\n  {w.p('note')}{w.colon}{notes}", style=None if plain else "dim")
    return t


def render_units(report: Report, console: Console, *, plain: bool, side_by_side: bool = False,
                 context: int | None = None, explain: bool = True, view: View | None = None) -> None:
    view = view or View()
    w = view.words(report)
    for u in view.units(report):
        title = unit_title(report, u, w)
        if plain:
            console.print(Text(f"@@ {title} @@"))
        else:
            console.print(Rule(Text(title, style=LABEL_STYLE.get(u.change.label, "")), align="left", style="dim"))
        if side_by_side:
            left, right = side_texts(u.diff, context=context, plain=plain)
            table = Table(show_header=True, expand=True, box=None if plain else None, padding=(0, 1),
                          show_edge=False)
            table.add_column(w.side(report.versions.kind, 0), ratio=1, overflow="fold")
            table.add_column(w.side(report.versions.kind, 1), ratio=1, overflow="fold")
            table.add_row(left, right)
            console.print(table)
        else:
            console.print(inline_text(u.diff, context=context, plain=plain))
        if explain:
            ex = _explanation(report, u, w, plain)
            if ex.plain:
                console.print(ex)
        console.print()


def header_lines(report: Report, w: Words) -> Iterable[str]:
    """The header, control characters escaped (see the module docstring)."""
    return [safe(line) for line in _header(report, w)]


def _header(report: Report, w: Words) -> Iterable[str]:
    kind = report.versions.kind
    for i, (doc, meta) in enumerate(((report.draft, report.draft_meta), (report.final, report.final_meta))):
        yield w.p("header", side=w.side_short(kind, i), title=meta.title or doc.title or "—", count=count_text(doc, w),
                  path=doc.path).rstrip()
    yield kind_line(report, w)
    yield regulated_line(report, w)
    kinds: dict[str, int] = {}
    labels: dict[str, int] = {}
    for u in report.units:
        kinds[u.unit.kind.value] = kinds.get(u.unit.kind.value, 0) + 1
        labels[u.change.label.value] = labels.get(u.change.label.value, 0) + 1
    ren = sum(1 for u in report.units if u.unit.renumbered)
    mov = sum(1 for u in report.units if u.unit.moved)
    weak = sum(1 for u in report.units if u.unit.weak)
    units = w.list_sep.join(f"{w.unit_kinds[k]} {v}" if w.lang is Lang.ZH else f"{v} {k}" for k, v in kinds.items())
    yield w.p("units_line", kinds=units, renumbered=ren, moved=mov) + (w.p("weak_line", n=weak) if weak else "")
    yield w.p("labels_line", labels=w.list_sep.join(
        f"{w.labels[k]} {v}" if w.lang is Lang.ZH else f"{v} {k}" for k, v in labels.items()))
    d, f = report.draft, report.final
    if report.title_changed:
        yield w.p("title_changed", before=d.title or w.none, after=f.title or w.none)
    if report.preamble_changed:
        lines = [w.p("count", n=len(x.preamble), noun=w.p("line" if len(x.preamble) == 1 else "lines")) for x in (d, f)]
        yield w.p("preamble_changed", before=lines[0], after=lines[1])
    for line in warning_lines(report, w):
        yield w.p("warning", text=line)
    if report.units and not report.changed and all(u.change.label is Label.UNCHANGED for u in report.units):
        n = len(report.units)
        yield w.p("no_differences", count=w.p("count", n=n, noun=w.p("article" if n == 1 else "articles")))


def render_report(report: Report, console: Console, *, plain: bool, side_by_side: bool = False,
                  context: int | None = None, signal: bool = True, view: View | None = None) -> None:
    """Header, units and the signal panel; ``view.summary`` prints the signal alone."""
    view = view or View()
    w = view.words(report)
    from lawdiff.render.signal_panel import signal_panel, signal_plain

    if not view.summary:
        warn = w.p("warning", text="")
        for line in header_lines(report, w):
            console.print(Text(line, style="" if plain or not line.startswith(warn) else "yellow"))
        console.print()
        render_units(report, console, plain=plain, side_by_side=side_by_side, context=context, view=view)
    if signal or view.summary:
        if plain:
            console.print(Text(signal_plain(report, w)))
        else:
            console.print(signal_panel(report, w))


__all__ = ["render_report", "inline_text", "side_texts", "unit_title", "Group"]
