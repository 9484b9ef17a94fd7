"""The signal summary in the terminal: a rich panel, or plain text for NO_COLOR and pipes.

The two forms carry the same content, in the reader's language (:mod:`lawdiff.render.i18n`): the
verdict and its rule, the weights, the themes, the weightiest changes with their reasons (made from the
findings), the restriction index, coordination and commitment.  The panel is at most 100 columns wide
(CJK characters count two cells; rich measures them); the plain form wraps to the same width by cell
count.  Renderers read only the Report (STYLE: renderers never reach back into the pipeline).
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lawdiff.model import Effect, Information, Label, Report, Verdict
from lawdiff.render.i18n import Words
from lawdiff.render.prose import commitment_note, level_text, thresholds_text, top_changes

WIDTH = 100
#: Themes shown in the panel and plain text (the weightiest first); JSON carries all of them.
MAX_THEMES = 8
_BAR_HALF = 10
_VERDICT_STYLE = {Verdict.RELAXING: "bold green", Verdict.TIGHTENING: "bold red", Verdict.MIXED: "bold yellow",
                  Verdict.NONE: "dim", Verdict.INSUFFICIENT: "dim"}


# --------------------------------------------------------------------------- shared pieces


def _weights_line(info: Information, w: Words) -> str:
    """The evidence behind the score: directional units each way and the rule weight behind them."""
    return w.p("weights_line", relax=info.relaxing, relax_weight=info.relaxing_weight, tighten=info.tightening,
               tighten_weight=info.tightening_weight)


def score_bar(score: float, *, ascii_only: bool = False) -> str:
    """21 cells: tightening fills left of the centre, relaxing right; one cell per 0.1."""
    n = min(_BAR_HALF, round(abs(score) * _BAR_HALF))
    full, empty, mid = ("#", "-", "|") if ascii_only else ("█", "·", "│")
    left = empty * (_BAR_HALF - n) + (full * n if score < 0 else empty * n)
    right = (full * n if score > 0 else empty * n) + empty * (_BAR_HALF - n)
    return f"[{left}{mid}{right}]" if ascii_only else f"{left}{mid}{right}"


def _num(x: float, places: int = 2) -> str:
    return f"{x:+.{places}f}".replace("-", "−")


def _labels_line(report: Report, w: Words) -> str:
    info = report.signal.information
    effects = dict(info.effect_counts)
    sub = {Label.ADDED: (Effect.ENABLING, Effect.BURDEN, Effect.NEUTRAL),
           Label.REMOVED: (Effect.RELAXING, Effect.TIGHTENING, Effect.NEUTRAL)}
    out = []
    for label, n in info.label_counts:
        if not n:
            continue
        text = f"{w.labels[label.value]} {n}"
        if label in sub:
            # an effect count is per label only when the other label has none of the shared "neutral"
            parts = [f"{w.effects[e.value]} {effects.get(e, 0)}" for e in sub[label]
                     if effects.get(e, 0) and e is not Effect.NEUTRAL]
            if parts:
                text += w.paren(w.list_sep.join(parts))
        out.append(text)
    return " · ".join(out) or w.signal_words["no_units"]


def _word_counts(draft: tuple[tuple[str, int], ...], final: tuple[tuple[str, int], ...], w: Words) -> str:
    """'应当 12→9 · 不得 3→4': the words of one kind counted in either version, first → second."""
    after = dict(final)
    pairs = [(x, n, after.get(x, 0)) for x, n in draft]
    pairs += [(x, 0, n) for x, n in final if x not in dict(draft)]
    return " · ".join(f"{x} {d}→{f}" for x, d, f in pairs if d or f) or w.none


def _change(before: float, after: float) -> str:
    return f"{before:.2f} → {after:.2f} ({_num(after - before)})"


def _rows(report: Report, w: Words) -> dict[str, list[tuple[str, str]]]:
    """The label/value rows of the three text sections, shared by panel and plain text."""
    s, sw, kind = report.signal, w.signal_words, report.versions.kind
    r, c, m = s.restriction, s.coordination, s.commitment
    d, f = w.side_short(kind, 0), w.side_short(kind, 1)

    def names(items: tuple[str, ...], empty: str) -> str:
        return w.names(items, empty)

    def yes(b: bool) -> str:
        return w.yes if b else w.no

    restriction = [
        (sw["restriction_row"], _change(r.draft_restriction_per_1000, r.final_restriction_per_1000)),
        (sw["promotion_row"], _change(r.draft_promotion_per_1000, r.final_promotion_per_1000)),
        (sw["words"], _word_counts(r.draft_restriction_counts, r.final_restriction_counts, w)),
        ("", _word_counts(r.draft_promotion_counts, r.final_promotion_counts, w)),
    ]
    coordination = [
        (f"{sw['issuers']}{w.paren(d)}", names(c.draft_issuers, sw["unstated"])),
        (f"{sw['issuers']}{w.paren(f)}", names(c.final_issuers, sw["unstated"])),
        (sw["bases_added"], names(c.bases_added, w.none)),
        (sw["bases_removed"], names(c.bases_removed, w.none)),
        (sw["actors_added"], names(c.actors_added, w.none)),
        (sw["actors_removed"], names(c.actors_removed, w.none)),
    ]
    commitment = [
        (sw["level"], f"{level_text(m.draft_level, m.draft_is_draft, w)} → {level_text(m.final_level, m.final_is_draft, w)}"),
        (sw["provisional"], f"{d} {yes(m.draft_provisional)} → {f} {yes(m.final_provisional)}"),
        (w.note, commitment_note(report, w)),
    ]
    return {
        f"{sw['restriction']}{w.paren(f'{d} → {f}')}": restriction,
        sw["coordination"]: coordination,
        sw["commitment"]: commitment,
    }


# --------------------------------------------------------------------------- rich panel


def signal_panel(report: Report, w: Words) -> RenderableType:
    """A compact panel, at most 100 columns: information, restriction index, coordination, commitment."""
    info, sw = report.signal.information, w.signal_words
    parts: list[RenderableType] = []
    parts.append(Text.assemble(
        (f"{sw['information']}  ", "bold"),
        (w.verdicts[info.verdict.value], _VERDICT_STYLE[info.verdict]),
        f"  {sw['score']} {_num(info.score)}  ",
        (f"{sw['tightening']} ", "red"),
        score_bar(info.score),
        (f" {sw['relaxing']}", "green"),
    ))
    parts.append(Text(f"{_weights_line(info, w)}    {sw['units']}{w.colon}{_labels_line(report, w)}"))
    if info.themes:
        t = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False)
        for name, just, wrap in ((sw["theme"], "left", True), (sw["units"], "right", False),
                                 (sw["relax"], "right", False), (sw["tighten"], "right", False),
                                 (sw["score"], "right", False), ("", "left", False)):
            t.add_column(name, justify=just, no_wrap=not wrap)  # type: ignore[arg-type]
        for s in info.themes[:MAX_THEMES]:
            t.add_row(w.themes[s.theme.value], str(s.units), f"{s.relaxing:g}", f"{s.tightening:g}", _num(s.score),
                      _mini_bar(s.score))
        if len(info.themes) > MAX_THEMES:
            t.caption = sw["lighter"].format(n=len(info.themes) - MAX_THEMES)
            t.caption_justify = "left"
        parts.append(t)
    top = top_changes(report, w)
    if top:
        t = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1), show_edge=False, title_justify="left")
        t.add_column(sw["top"], no_wrap=True, justify="right")
        t.add_column(sw["label"], no_wrap=True)
        t.add_column(sw["where"], max_width=28, overflow="fold")
        t.add_column(w.reason, ratio=1, overflow="fold")
        for weight, label, where, reason in top:
            t.add_row(Text(_num(weight, 1), style="green" if weight > 0 else "red"), label, where, reason)
        parts.append(t)
    parts.append(Text(f"{sw['thresholds']}{w.colon}{thresholds_text(info, w)}", style="dim"))
    for title, rows in _rows(report, w).items():
        parts.append(Text(""))
        parts.append(Text(title, style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="cyan", no_wrap=True, min_width=11)
        grid.add_column(ratio=1, overflow="fold")
        for label, value in rows:
            grid.add_row(label, value)
        parts.append(grid)
    return Panel(Group(*parts), title=sw["panel"], title_align="left", width=WIDTH, box=box.ROUNDED)


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


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def signal_plain(report: Report, w: Words, *, width: int = WIDTH) -> str:
    """The panel's content as plain text (no colour, no box), wrapped to ``width`` cells."""
    info, sw = report.signal.information, w.signal_words
    out: list[str] = [sw["panel"], "=" * min(width, cell_len(sw["panel"]))]

    def row(label: str, value: str, pad: int = 12) -> None:
        out.extend(wrap_cells(f"  {_pad(label, pad)} {value}".rstrip(), width, " " * (pad + 3)))

    out.append(sw["information"])
    row(sw["verdict"], w.verdicts[info.verdict.value] + w.paren(f"{sw['score']} {_num(info.score)}"))
    row(sw["direction"], f"{sw['tightening']} {score_bar(info.score, ascii_only=True)} {sw['relaxing']}")
    row(sw["weight"], _weights_line(info, w))
    row(sw["units"], _labels_line(report, w))
    if info.themes:
        row(sw["themes"], "")
        cols = (sw["theme"], sw["units"], sw["relax"], sw["tighten"], sw["score"])
        widths = (14, 5, 7, 8, 6)

        def line(cells: tuple[str, ...]) -> str:
            first = _pad(cells[0], widths[0])
            rest = [" " * max(0, n - cell_len(x)) + x for x, n in zip(cells[1:], widths[1:])]
            return "    " + " ".join([first, *rest])

        out.append(line(cols))
        for s in info.themes[:MAX_THEMES]:
            out.extend(wrap_cells(line((w.themes[s.theme.value], str(s.units), f"{s.relaxing:g}",
                                        f"{s.tightening:g}", _num(s.score))), width))
        if len(info.themes) > MAX_THEMES:
            out.append("    " + sw["lighter"].format(n=len(info.themes) - MAX_THEMES))
    top = top_changes(report, w)
    if top:
        row(sw["top"], "")
        for weight, label, where, reason in top:
            out.extend(wrap_cells(f"    {_num(weight, 1)} {label} {where}{w.colon}{reason}", width, " " * 8))
    row(sw["thresholds"], thresholds_text(info, w))
    for title, rows in _rows(report, w).items():
        out.append("")
        out.append(title)
        for label, value in rows:
            row(label, value)
    return "\n".join(out) + "\n"


__all__ = ["signal_panel", "signal_plain", "wrap_cells"]
