"""Render a :class:`~lawdiff.model.Signal`: a rich panel, plain text, and a JSON-ready dict.

The three forms carry the same content.  The panel is at most 100 columns wide (CJK characters count
two cells; rich measures them); the plain form wraps to the same width by cell count, for NO_COLOR
and pipes.  Renderers read only the Signal (STYLE: renderers never reach back into the pipeline).
"""

from __future__ import annotations

import re

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lawdiff.model import Effect, Information, Label, Lang, Signal, Verdict
from lawdiff.render.i18n import VERDICT_SHOWN

WIDTH = 100
#: Themes shown in the panel and plain text (the weightiest first); JSON carries all of them.
MAX_THEMES = 8
TITLE = "Signal: what the revision expresses"
_BAR_HALF = 10
_VERDICT_STYLE = {Verdict.RELAXING: "bold green", Verdict.TIGHTENING: "bold red", Verdict.MIXED: "bold yellow",
                  Verdict.NONE: "dim", Verdict.INSUFFICIENT: "dim"}


# --------------------------------------------------------------------------- shared pieces


def _weights_line(info: Information) -> str:
    """The evidence behind the score: directional units each way and the rule weight behind them."""
    return (f"relaxing {info.relaxing:g} units (rule weight {info.relaxing_weight:g}) · "
            f"tightening {info.tightening:g} units (rule weight {info.tightening_weight:g})")


def score_bar(score: float, *, ascii_only: bool = False) -> str:
    """21 cells: tightening fills left of the centre, relaxing right; one cell per 0.1."""
    n = min(_BAR_HALF, round(abs(score) * _BAR_HALF))
    full, empty, mid = ("#", "-", "|") if ascii_only else ("█", "·", "│")
    left = empty * (_BAR_HALF - n) + (full * n if score < 0 else empty * n)
    right = (full * n if score > 0 else empty * n) + empty * (_BAR_HALF - n)
    return f"[{left}{mid}{right}]" if ascii_only else f"{left}{mid}{right}"


def _num(x: float, places: int = 2) -> str:
    return f"{x:+.{places}f}".replace("-", "−")


def _labels_line(signal: Signal) -> str:
    info = signal.information
    effects = dict(info.effect_counts)
    sub = {Label.ADDED: (Effect.ENABLING, Effect.BURDEN, Effect.NEUTRAL),
           Label.REMOVED: (Effect.RELAXING, Effect.TIGHTENING, Effect.NEUTRAL)}
    out = []
    for label, n in info.label_counts:
        if not n:
            continue
        text = f"{label.value} {n}"
        if label in sub:
            # an effect count is per label only when the other label has none of the shared "neutral"
            parts = [f"{e.value} {effects.get(e, 0)}" for e in sub[label] if effects.get(e, 0) and e is not Effect.NEUTRAL]
            if parts:
                text += f" ({', '.join(parts)})"
        out.append(text)
    return " · ".join(out) or "no units"


def _word_counts(draft: tuple[tuple[str, int], ...], final: tuple[tuple[str, int], ...]) -> str:
    """'应当 12→9 · 不得 3→4': the words of one kind counted in either version, draft → final."""
    after = dict(final)
    pairs = [(w, n, after.get(w, 0)) for w, n in draft]
    pairs += [(w, 0, n) for w, n in final if w not in dict(draft)]
    return " · ".join(f"{w} {d}→{f}" for w, d, f in pairs if d or f) or "none"


def _join(items: tuple[str, ...], empty: str = "none", lang: Lang | None = None) -> str:
    """Chinese names are listed with 、 as in the law itself; others with commas."""
    if not items:
        return empty
    zh = lang is Lang.ZH if lang is not None else any(_is_cjk(i) for i in items)
    return ("、" if zh else ", ").join(items)


def _is_cjk(s: str) -> bool:
    return bool(re.search(r"[\u3400-\u9fff]", s))


def _change(before: float, after: float) -> str:
    return f"{before:.2f} → {after:.2f} ({_num(after - before)})"


def _rows(signal: Signal, lang: Lang | None = None) -> dict[str, list[tuple[str, str]]]:
    """The label/value rows of the three text sections, shared by panel and plain text."""
    r, c, m = signal.restriction, signal.coordination, signal.commitment
    restr_words = _word_counts(r.draft_restriction_counts, r.final_restriction_counts)
    promo_words = _word_counts(r.draft_promotion_counts, r.final_promotion_counts)
    restriction = [
        ("restriction", _change(r.draft_restriction_per_1000, r.final_restriction_per_1000)),
        ("promotion", _change(r.draft_promotion_per_1000, r.final_promotion_per_1000)),
        ("words", restr_words),
        ("", promo_words),
    ]
    coordination = [
        ("issuers (d)", _join(c.draft_issuers, "not stated", lang)),
        ("issuers (f)", _join(c.final_issuers, "not stated", lang)),
        ("bases +", _join(c.bases_added, lang=lang)),
        ("bases −", _join(c.bases_removed, lang=lang)),
        ("actors +", _join(c.actors_added, lang=lang)),
        ("actors −", _join(c.actors_removed, lang=lang)),
    ]

    def yes(b: bool) -> str:
        return "yes" if b else "no"

    commitment = [
        ("level", f"{m.draft_level_shown} → {m.final_level_shown}"),
        ("provisional", f"draft {yes(m.draft_provisional)} → final {yes(m.final_provisional)}"),
        ("note", m.note),
    ]
    return {
        "Restriction index (per 1,000 characters, draft → final)": restriction,
        "Coordination": coordination,
        "Commitment": commitment,
    }


# --------------------------------------------------------------------------- rich panel


def signal_panel(signal: Signal, *, lang: Lang) -> RenderableType:
    """A compact panel, at most 100 columns: information, restriction index, coordination, commitment."""
    info = signal.information
    parts: list[RenderableType] = []
    head = Text.assemble(
        ("Information  ", "bold"),
        (VERDICT_SHOWN[info.verdict], _VERDICT_STYLE[info.verdict]),
        f"  score {_num(info.score)}  ",
        ("tightening ", "red"),
        score_bar(info.score),
        (" relaxing", "green"),
    )
    parts.append(head)
    parts.append(
        Text(
            f"{_weights_line(info)}    units: {_labels_line(signal)}"
        )
    )
    if info.themes:
        t = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False)
        for name, just in (
            ("theme", "left"),
            ("units", "right"),
            ("relax", "right"),
            ("tighten", "right"),
            ("score", "right"),
            ("", "left"),
        ):
            t.add_column(name, justify=just, no_wrap=name != "theme")  # type: ignore[arg-type]
        for s in info.themes[:MAX_THEMES]:
            t.add_row(
                s.theme.value,
                str(s.units),
                f"{s.relaxing:g}",
                f"{s.tightening:g}",
                _num(s.score),
                _mini_bar(s.score),
            )
        if len(info.themes) > MAX_THEMES:
            t.caption = f"{len(info.themes) - MAX_THEMES} lighter themes not shown (see --format json)"
            t.caption_justify = "left"
        parts.append(t)
    if info.top:
        t = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False, title_justify="left")
        t.add_column("top changes", no_wrap=True, justify="right")
        t.add_column("label", no_wrap=True)
        t.add_column("where", max_width=28, overflow="fold")
        t.add_column("reason", ratio=1, overflow="fold")
        for c in info.top:
            style = "green" if c.weight > 0 else "red"
            t.add_row(Text(_num(c.weight, 1), style=style), c.label.value, c.where, c.reason)
        parts.append(t)
    parts.append(Text(f"verdict rule: {info.thresholds}", style="dim"))
    for title, rows in _rows(signal, lang).items():
        parts.append(Text(""))
        parts.append(Text(title, style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="cyan", no_wrap=True, min_width=11)
        grid.add_column(ratio=1, overflow="fold")
        for label, value in rows:
            grid.add_row(label, value)
        parts.append(grid)
    return Panel(Group(*parts), title=TITLE, title_align="left", width=WIDTH, box=box.ROUNDED)


def _mini_bar(score: float) -> Text:
    n = min(5, round(abs(score) * 5))
    left = "·" * (5 - n) + ("█" * n if score < 0 else "·" * n)
    right = ("█" * n if score > 0 else "·" * n) + "·" * (5 - n)
    return Text.assemble((left, "red"), "│", (right, "green"))


# --------------------------------------------------------------------------- plain text


def wrap_cells(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap by terminal cells (CJK counts two), breaking at spaces where there are any."""
    lines: list[str] = []
    room = width - cell_len(indent)
    rest = text
    first = True
    while rest:
        lead = "" if first else indent
        avail = width - cell_len(lead) if first else room
        if cell_len(rest) <= avail:
            lines.append(lead + rest)
            break
        used, cut = 0, 0
        for i, ch in enumerate(rest):
            used += cell_len(ch)
            if used > avail:
                cut = i
                break
        space = rest.rfind(" ", 0, cut + 1)
        if space > cut // 2:
            cut = space
        cut = max(cut, 1)
        lines.append((lead + rest[:cut]).rstrip())
        rest = rest[cut:].lstrip()
        first = False
    return lines or [""]


def signal_plain(signal: Signal, *, width: int = WIDTH) -> str:
    """The panel's content as plain text (no colour, no box), wrapped to ``width`` cells."""
    info = signal.information
    out: list[str] = [TITLE, "=" * min(width, cell_len(TITLE))]

    def row(label: str, value: str, pad: int = 12) -> None:
        out.extend(wrap_cells(f"  {label:<{pad}} {value}".rstrip(), width, " " * (pad + 3)))

    out.append("Information")
    row("verdict", f"{VERDICT_SHOWN[info.verdict]} (score {_num(info.score)})")
    row("direction", f"tightening {score_bar(info.score, ascii_only=True)} relaxing")
    row("weight", _weights_line(info))
    row("units", _labels_line(signal))
    if info.themes:
        row("themes", "")
        theme_row = "    {:<14} {:>5} {:>7} {:>8} {:>6}"
        out.append(theme_row.format("theme", "units", "relax", "tighten", "score"))
        for s in info.themes[:MAX_THEMES]:
            out.extend(
                wrap_cells(
                    theme_row.format(s.theme.value, s.units, f"{s.relaxing:g}", f"{s.tightening:g}", _num(s.score)),
                    width,
                )
            )
        if len(info.themes) > MAX_THEMES:
            out.append(f"    {len(info.themes) - MAX_THEMES} lighter themes not shown (see --format json)")
    if info.top:
        row("top changes", "")
        for c in info.top:
            out.extend(
                wrap_cells(f"    {_num(c.weight, 1)} {c.label.value} {c.where}: {c.reason}", width, " " * 8)
            )
    row("verdict rule", info.thresholds)
    for title, rows in _rows(signal).items():
        out.append("")
        out.append(title)
        for label, value in rows:
            row(label, value)
    return "\n".join(out) + "\n"
