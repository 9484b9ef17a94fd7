"""The front matter of a report — versions and signal summary — as neutral blocks.

Markdown and HTML show the same headings, tables, text bar charts and lists; building them once as
plain-text blocks keeps the two formats from drifting apart, and keeps each renderer to what is its
own: escaping and syntax.  Text here is unescaped; :class:`Mono` marks what must be monospaced (the
bars only line up in a fixed-width font).
"""

from __future__ import annotations

from dataclasses import dataclass

from lawdiff.model import Level, Report
from lawdiff.render.i18n import Words
from lawdiff.render.prose import (
    commitment_note,
    count_text,
    date_of,
    level_text,
    notice_text,
    order_warning,
    regulated_line,
    thresholds_text,
    top_changes,
)
from lawdiff.render.reasons import unit_where
from lawdiff.render.stamps import display_path
from lawdiff.render.table import (
    cell_width,
    count_bar,
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


def sides(report: Report, w: Words, *, dated: bool = False) -> tuple[str, str]:
    return side_heading(report, 0, w, dated=dated), side_heading(report, 1, w, dated=dated)


def version_rows(report: Report, w: Words) -> tuple[tuple[str, str, str], ...]:
    """Title, issuers, date, level, status, file and article count of both versions: the cover table."""
    d, f = report.draft_meta, report.final_meta
    n = w.fields
    co, cm, kind = report.signal.coordination, report.signal.commitment, report.versions.kind

    def issuers(given: tuple[str, ...], guessed: tuple[str, ...]) -> str:
        # without a meta.yaml, show what the signal summary inferred from the texts, marked as inferred
        if given:
            return w.names(given)
        return w.names(guessed) + w.inferred if guessed else ""

    def level_of(given: Level | None, guessed: Level | None, is_draft: bool) -> str:
        if given is not None:
            return level_text(given, is_draft, w)
        return level_text(guessed, is_draft, w) + w.inferred if guessed is not None else ""

    status = [w.side(kind, i) + ("" if report.versions.kind_given else w.inferred) for i in (0, 1)]
    rows = (
        (n[0], d.title or report.draft.title, f.title or report.final.title),
        (n[1], issuers(d.issuers, co.draft_issuers), issuers(f.issuers, co.final_issuers)),
        (n[2], date_of(report, 0, w), date_of(report, 1, w)),
        (n[3], level_of(d.level, cm.draft_level, cm.draft_is_draft), level_of(f.level, cm.final_level, cm.final_is_draft)),
        (n[4], status[0], status[1]),
        (n[5], display_path(report.draft.path), display_path(report.final.path)),
        (n[6], count_text(report.draft, w), count_text(report.final, w)),
    )
    return tuple((a, one_line(b), one_line(c)) for a, b, c in rows)


def warning_lines(report: Report, w: Words) -> list[str]:
    """The order check first, then what the parser noticed in each file."""
    out = [x for x in (order_warning(report, w),) if x]
    for i, doc in enumerate((report.draft, report.final)):
        side = w.side(report.versions.kind, i)
        if doc.notices:
            out += [f"{side}{w.colon}{one_line(notice_text(n, w))}" for n in doc.notices]
        else:  # a Document built by hand, with English warnings only
            out += [f"{side}{w.colon}{one_line(x)}" for x in doc.warnings]
    coarse = [u for u in report.units if u.diff.coarse]
    if coarse:
        out += [w.p("coarse", where=unit_where(u, w, report.versions.kind)) for u in coarse]
    else:  # a Report built by hand, with English warnings only
        out += [f"lawdiff{w.colon}{one_line(x)}" for x in report.warnings]
    return out


def version_blocks(report: Report, w: Words) -> list[Block]:
    out: list[Block] = [Table(("", *sides(report, w)), version_rows(report, w), "lll"),
                        Para((one_line(regulated_line(report, w)),))]
    warnings = warning_lines(report, w)
    if warnings:
        out.append(Para((w.warnings + w.colon.rstrip(),)))
        out.append(Items(tuple((x,) for x in warnings)))
    return out


def signal_blocks(report: Report, w: Words) -> list[Block]:
    """Verdict and score bar, label chart, themes, top changes, restriction, coordination, commitment."""
    sw, info, c = w.signal_words, report.signal.information, w.colon
    out: list[Block] = [
        Para(
            (
                f"{sw['verdict']}{c}{w.verdicts[info.verdict.value]} · {sw['score']} {info.score:+.2f}",
            )
        ),
        Para((f"{sw['tightening']} ", Mono(score_bar(info.score)), f" {sw['relaxing']}")),
        Para(
            (
                f"{sw['weights']}{c}{sw['relaxing']} {info.relaxing:g}{w.paren(f'{info.relaxing_weight:g}')} · "
                f"{sw['tightening']} {info.tightening:g}{w.paren(f'{info.tightening_weight:g}')}",
            )
        ),
        Para((f"{sw['thresholds']}{c}{thresholds_text(info, w)}",)),
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
                        w.themes[t.theme.value],
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
                    (Mono(f"{weight:+g}"), f" {label} · {where} — {one_line(reason)}")
                    for weight, label, where, reason in top_changes(report, w)
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
    sw, c, m, col = w.signal_words, report.signal.coordination, report.signal.commitment, w.colon
    d_side, f_side = sides(report, w)

    def names(items: tuple[str, ...], empty: str) -> str:
        return w.names(items, empty)

    def yes(b: bool) -> str:
        return w.yes if b else w.no

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
        f"{sw['level']}{col}{level_text(m.draft_level, m.draft_is_draft, w)} → "
        f"{level_text(m.final_level, m.final_is_draft, w)}",
        f"{sw['provisional']}{col}{yes(m.draft_provisional)} → {yes(m.final_provisional)}",
    ]
    commitment.append(f"{w.note}{col}{commitment_note(report, w)}")
    return [
        Heading(3, sw["coordination"]),
        Items(tuple((x,) for x in coordination)),
        Heading(3, sw["commitment"]),
        Items(tuple((x,) for x in commitment)),
    ]
