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

from lawdiff.model import Article, ArticleDiff, Edit, Label, Lang, Op, Report, UnitKind, UnitReport
from lawdiff.text.controls import safe

DEL_STYLE = "bold red strike"
INS_STYLE = "bold green underline"
LABEL_STYLE = {
    Label.UNCHANGED: "dim", Label.REWORDED: "cyan", Label.RELAXED: "bold green", Label.TIGHTENED: "bold red",
    Label.ADDED: "bold yellow", Label.REMOVED: "bold magenta",
}


def _ref(articles: tuple[Article, ...], side: str) -> str:
    if not articles:
        return "—"
    return "、".join(a.label for a in articles) if side == "zh" else ", ".join(a.label for a in articles)


def unit_title(u: UnitReport, lang: Lang) -> str:
    unit = u.unit
    flags = [unit.kind.value]
    if unit.renumbered:
        flags.append("renumbered")
    if unit.moved:
        flags.append("moved")
    if unit.weak:
        flags.append("REVIEW: weak match")
    if unit.kind not in (UnitKind.ADDED, UnitKind.REMOVED):
        flags.append(f"similarity {unit.similarity:.2f}")
    label = u.change.label.value
    if u.change.effect is not None:
        label += f" ({u.change.effect.value})"
    if u.change.secondary is not None:
        label += f", also {u.change.secondary.value}"
    sep = "zh" if lang is Lang.ZH else "en"
    return safe(f"draft {_ref(unit.draft, sep)} → final {_ref(unit.final, sep)} · {' · '.join(flags)} · {label}")


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


def _explanation(u: UnitReport, plain: bool) -> Text:
    c = u.change
    t = Text()
    if c.label is Label.UNCHANGED:
        return t
    t.append("  why: ", style=None if plain else "bold")
    t.append(c.reason)
    for f in c.firings:
        t.append("\n    rule ")
        t.append(f.rule_id, style=None if plain else "cyan")
        t.append(f" ({f.theme.value}, {f.direction.value}, weight {f.weight:g})")
        for ev in f.evidence[:2]:
            snippet = ev.text if len(ev.text) <= 60 else ev.text[:57] + "…"
            t.append(f"\n      {ev.where}: “{snippet}”")
    if u.unit.note:
        t.append(f"\n  note: {u.unit.note}")
    return t


def render_units(report: Report, console: Console, *, plain: bool, side_by_side: bool = False,
                 only_changed: bool = False, context: int | None = None, explain: bool = True) -> None:
    for u in report.units:
        if only_changed and u.change.label is Label.UNCHANGED:
            continue
        title = unit_title(u, report.lang)
        if plain:
            console.print(Text(f"@@ {title} @@"))
        else:
            console.print(Rule(Text(title, style=LABEL_STYLE.get(u.change.label, "")), align="left", style="dim"))
        if side_by_side:
            left, right = side_texts(u.diff, context=context, plain=plain)
            table = Table(show_header=True, expand=True, box=None if plain else None, padding=(0, 1),
                          show_edge=False)
            table.add_column("draft", ratio=1, overflow="fold")
            table.add_column("final", ratio=1, overflow="fold")
            table.add_row(left, right)
            console.print(table)
        else:
            console.print(inline_text(u.diff, context=context, plain=plain))
        if explain:
            ex = _explanation(u, plain)
            if ex.plain:
                console.print(ex)
        console.print()


def header_lines(report: Report) -> Iterable[str]:
    """The header, control characters escaped (see the module docstring)."""
    return [safe(line) for line in _header(report)]


def _header(report: Report) -> Iterable[str]:
    d, f = report.draft, report.final
    for side, doc, meta in (("draft", d, report.draft_meta), ("final", f, report.final_meta)):
        title = meta.title or doc.title
        yield " ".join(x for x in (f"{side}:", title, f"({len(doc.articles)} articles)", doc.path) if x)
    counts: dict[str, int] = {}
    for u in report.units:
        counts[u.change.label.value] = counts.get(u.change.label.value, 0) + 1
    kinds: dict[str, int] = {}
    for u in report.units:
        k = u.unit.kind.value
        kinds[k] = kinds.get(k, 0) + 1
    ren = sum(1 for u in report.units if u.unit.renumbered)
    mov = sum(1 for u in report.units if u.unit.moved)
    weak = sum(1 for u in report.units if u.unit.weak)
    yield ("units: " + ", ".join(f"{v} {k}" for k, v in kinds.items())
           + f"; {ren} renumbered, {mov} moved" + (f", {weak} weak matches to review" if weak else ""))
    yield "labels: " + ", ".join(f"{v} {k}" for k, v in counts.items())
    if report.title_changed:
        yield f"title changed: {d.title or '(none)'} → {f.title or '(none)'}"
    if report.preamble_changed:
        yield (f"preamble changed (the {_n(len(d.preamble), 'line')} → {_n(len(f.preamble), 'line')} before the "
               "first article; not compared word by word)")
    for w in (*d.warnings, *f.warnings, *report.warnings):
        yield f"warning: {w}"
    if not report.changed and all(u.change.label is Label.UNCHANGED for u in report.units):
        yield f"no differences: {_n(len(report.units), 'article')}, all unchanged"


def _n(k: int, word: str) -> str:
    return f"{k} {word}" if k == 1 else f"{k} {word}s"


def render_report(report: Report, console: Console, *, plain: bool, side_by_side: bool = False,
                  only_changed: bool = False, context: int | None = None, signal: bool = True) -> None:
    for line in header_lines(report):
        console.print(Text(line, style="" if plain or not line.startswith("warning") else "yellow"))
    console.print()
    render_units(report, console, plain=plain, side_by_side=side_by_side, only_changed=only_changed,
                 context=context)
    if signal:
        from lawdiff.render.signal_panel import signal_panel, signal_plain

        if plain:
            console.print(Text(signal_plain(report.signal)))
        else:
            console.print(signal_panel(report.signal, lang=report.lang))


__all__ = ["render_report", "inline_text", "side_texts", "unit_title", "Group"]
