"""The front matter of a report — versions and signal summary — as neutral blocks.

Markdown and HTML show the same headings, tables, text bar charts and lists; building them once as
plain-text blocks keeps the two formats from drifting apart, and keeps each renderer to what is its
own: escaping and syntax.  Text here is unescaped; :class:`Mono` marks what must be monospaced (the
bars only line up in a fixed-width font).
"""

from __future__ import annotations

from dataclasses import dataclass

from lawdiff.model import Level, Report, Status
from lawdiff.render.i18n import Words
from lawdiff.render.table import (
    cell_width,
    count_bar,
    display_path,
    one_line,
    pad,
    score_bar,
    side_heading,
    split_bar,
)


@dataclass(frozen=True, slots=True)
class Mono:
    text: str


Part = str | Mono
Inline = tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Para:
    parts: Inline


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[Part, ...]
    rows: tuple[tuple[Part, ...], ...]
    align: str  # one of l / r per column


@dataclass(frozen=True, slots=True)
class Chart:
    """Preformatted lines (a bar chart); never holds law text."""

    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Items:
    items: tuple[Inline, ...]
    ordered: bool = False


Block = Heading | Para | Table | Chart | Items


def _colon(w: Words) -> str:
    return "：" if w.inline_caption else ": "


def sides(report: Report, w: Words, *, dated: bool = False) -> tuple[str, str]:
    d, f = report.draft_meta, report.final_meta
    return (
        side_heading(d.status, Status.DRAFT, w, d.date if dated else ""),
        side_heading(f.status, Status.FINAL, w, f.date if dated else ""),
    )


def version_blocks(report: Report, w: Words) -> list[Block]:
    d, f = report.draft_meta, report.final_meta
    n = w.fields

    def level(x: str) -> str:
        return w.levels.get(x, x)

    # without a meta.yaml, show what the signal summary inferred from the texts, marked as inferred
    inferred = "（推断）" if report.lang.value == "zh" else " (inferred)"
    co, cm = report.signal.coordination, report.signal.commitment

    def issuers(given: tuple[str, ...], guessed: tuple[str, ...]) -> str:
        if given:
            return w.list_sep.join(given)
        return w.list_sep.join(guessed) + inferred if guessed else ""

    def level_of(given: Level | None, guessed: str) -> str:
        if given is not None:
            return level(given.value)
        return level(guessed) + inferred if guessed else ""

    def status(s: Status | None) -> str:
        return "" if s is None else w.sides.get(s.value, s.value)

    rows = (
        (n[0], d.title or report.draft.title, f.title or report.final.title),
        (n[1], issuers(d.issuers, co.draft_issuers), issuers(f.issuers, co.final_issuers)),
        (n[2], d.date, f.date),
        (n[3], level_of(d.level, cm.draft_level_shown), level_of(f.level, cm.final_level_shown)),
        (n[4], status(d.status), status(f.status)),
        (n[5], display_path(report.draft.path), display_path(report.final.path)),
        (n[6], str(len(report.draft.articles)), str(len(report.final.articles))),
    )
    out: list[Block] = [
        Table(("", *sides(report, w)), tuple(tuple(one_line(c) for c in r) for r in rows), "lll")
    ]
    warnings = [(w.sides["draft"], x) for x in report.draft.warnings]
    warnings += [(w.sides["final"], x) for x in report.final.warnings]
    warnings += [("lawdiff", x) for x in report.warnings]
    if warnings:
        out.append(Para((w.warnings + _colon(w).rstrip(),)))
        out.append(Items(tuple((f"{side}{_colon(w)}{one_line(x)}",) for side, x in warnings)))
    return out


def signal_blocks(report: Report, w: Words) -> list[Block]:
    """Verdict and score bar, label chart, themes, top changes, restriction, coordination, commitment."""
    sw, info, c = w.signal_words, report.signal.information, _colon(w)
    out: list[Block] = [
        Para(
            (
                f"{sw['verdict']}{c}{w.verdicts[info.verdict.value]} · {sw['score']} {info.score:+.2f}",
            )
        ),
        Para((f"{sw['tightening']} ", Mono(score_bar(info.score)), f" {sw['relaxing']}")),
        Para(
            (
                f"{sw['weights']}{c}{sw['relaxing']} {info.relaxing:g} ({info.relaxing_weight:g}) · "
                f"{sw['tightening']} {info.tightening:g} ({info.tightening_weight:g})",
            )
        ),
        Para((f"{sw['thresholds']}{c}{one_line(info.thresholds)}",)),
        Heading(3, sw["labels"]),
    ]
    names = [w.labels[k.value] for k, _n in info.label_counts]
    width = max((cell_width(x) for x in names), default=0)
    most = max((k for _l, k in info.label_counts), default=0)
    out.append(
        Chart(
            tuple(
                f"{pad(name, width)}  {count_bar(k, most)} {k}"
                for name, (_l, k) in zip(names, info.label_counts)
            )
        )
    )
    if info.themes:
        scale = max(max(t.relaxing, t.tightening) for t in info.themes)
        out.append(Heading(3, sw["themes"]))
        out.append(
            Table(
                (
                    sw["theme"],
                    sw["units"],
                    sw["relaxing"],
                    sw["tightening"],
                    sw["score"],
                    f"{sw['tightening']} ◀ {sw['chart']} ▶ {sw['relaxing']}",
                ),
                tuple(
                    (
                        t.theme.value,
                        str(t.units),
                        f"{t.relaxing:g}",
                        f"{t.tightening:g}",
                        f"{t.score:+.2f}",
                        Mono(split_bar(t.tightening, t.relaxing, scale)),
                    )
                    for t in info.themes
                ),
                "lrrrrl",
            )
        )
    if info.top:
        out.append(Heading(3, sw["top"]))
        out.append(
            Items(
                tuple(
                    (
                        Mono(f"{t.weight:+g}"),
                        f" {w.labels.get(t.label.value, t.label.value)} · {one_line(t.where)} — {one_line(t.reason)}",
                    )
                    for t in info.top
                ),
                ordered=True,
            )
        )
    return out + restriction_blocks(report, w) + coordination_blocks(report, w)


def restriction_blocks(report: Report, w: Words) -> list[Block]:
    sw, r = w.signal_words, report.signal.restriction
    d_side, f_side = sides(report, w)
    out: list[Block] = [
        Heading(3, sw["restriction"]),
        Table(
            ("", d_side, f_side, sw["change"]),
            (
                (
                    sw["restriction_row"],
                    f"{r.draft_restriction_per_1000:.2f}",
                    f"{r.final_restriction_per_1000:.2f}",
                    f"{r.final_restriction_per_1000 - r.draft_restriction_per_1000:+.2f}",
                ),
                (
                    sw["promotion_row"],
                    f"{r.draft_promotion_per_1000:.2f}",
                    f"{r.final_promotion_per_1000:.2f}",
                    f"{r.final_promotion_per_1000 - r.draft_promotion_per_1000:+.2f}",
                ),
            ),
            "lrrr",
        ),
    ]
    draft = dict(r.draft_restriction_counts + r.draft_promotion_counts)
    final = dict(r.final_restriction_counts + r.final_promotion_counts)
    counted = [
        x for x in [*draft, *(y for y in final if y not in draft)] if draft.get(x, 0) or final.get(x, 0)
    ]
    if counted:
        out.append(
            Table(
                (sw["words"], d_side, f_side),
                tuple((x, str(draft.get(x, 0)), str(final.get(x, 0))) for x in counted),
                "lrr",
            )
        )
    return out


def coordination_blocks(report: Report, w: Words) -> list[Block]:
    sw, c, m, col = w.signal_words, report.signal.coordination, report.signal.commitment, _colon(w)
    d_side, f_side = sides(report, w)

    def names(items: tuple[str, ...], empty: str) -> str:
        return w.list_sep.join(items) if items else empty

    def yes(b: bool) -> str:
        return w.yes if b else w.no

    def level(x: str) -> str:
        return w.levels.get(x, x)

    issuers = (
        f"{sw['issuers']}{col}{d_side} {names(c.draft_issuers, sw['unstated'])} → "
        f"{f_side} {names(c.final_issuers, sw['unstated'])}"
    )
    coordination = (
        issuers,
        f"{sw['bases_added']}{col}{names(c.bases_added, w.none)}",
        f"{sw['bases_removed']}{col}{names(c.bases_removed, w.none)}",
        f"{sw['actors_added']}{col}{names(c.actors_added, w.none)}",
        f"{sw['actors_removed']}{col}{names(c.actors_removed, w.none)}",
    )
    commitment = [
        f"{sw['level']}{col}{level(m.draft_level_shown)} → {level(m.final_level_shown)}",
        f"{sw['provisional']}{col}{yes(m.draft_provisional)} → {yes(m.final_provisional)}",
    ]
    if m.note:
        commitment.append(f"{w.note}{col}{one_line(m.note)}")
    return [
        Heading(3, sw["coordination"]),
        Items(tuple((x,) for x in coordination)),
        Heading(3, sw["commitment"]),
        Items(tuple((x,) for x in commitment)),
    ]
