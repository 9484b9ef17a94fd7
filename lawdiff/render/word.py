"""``--format docx``: the 修改对照表 as a Word document a lawyer can hand in or paste into a memo.

Three columns — 原条文 | 修改后条文 | 修改说明 (征求意见稿条文 | 正式文本条文 for a draft) — one row per
unit: deleted words in red strike-through, inserted words in blue underline (the marks of Word's own
track changes, which lawyers read without a legend), 同左 for an unchanged article, 新增条文 / 删除条文
for an added or removed one, and in the third column the label, the reason with its evidence and, in
small grey type, the rules behind it.  编/章/节 become headings; the column heads repeat on every page.
Before the table: a cover table of the two versions, any warning, and the signal summary as tables with
bars drawn in the cells.  A4 landscape, 宋体 with fallbacks (:mod:`lawdiff.render.docx_xml`).

The same inputs give the same bytes: fixed core properties (created and modified at ``SOURCE_DATE_EPOCH``,
else 2000-01-01, unless ``--timestamp``) and fixed ZIP member times.  Layout decisions (which rows read
同左, where chapters break) are the Markdown and HTML reports' own, from :mod:`lawdiff.render.table`.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from lawdiff.model import Label, Report
from lawdiff.render.docx_xml import HEI, deterministic, fixed_layout, repeat_header, set_fonts, shade, xml_text
from lawdiff.render.frontmatter import version_rows, warning_lines
from lawdiff.render.i18n import Words
from lawdiff.render.prose import (
    commitment_note,
    kind_line,
    level_text,
    regulated_line,
    thresholds_text,
    top_changes,
)
from lawdiff.render.table import (
    Anchors,
    Block,
    Line,
    Row,
    RowKind,
    label_phrase,
    one_line,
    reason_lines,
    sections,
    side_heading,
)
from lawdiff.render.view import View

RED = RGBColor(0xC0, 0x00, 0x00)
BLUE = RGBColor(0x00, 0x3E, 0xC0)
GREEN = RGBColor(0x1A, 0x7F, 0x37)
GREY = RGBColor(0x59, 0x60, 0x69)
HEAD_FILL = "E7EBF0"
#: Landscape A4 less 15 mm margins is 267 mm = 15,137 twips: two text columns and the explanation.
COLUMNS = (5900, 5900, 3337)
BAR = "█"
BAR_CELLS = 20


def _run(par: Any, text: str, *, bold: bool = False, italic: bool = False, color: RGBColor | None = None,
         strike: bool = False, underline: bool = False, size: float | None = None) -> Any:
    run = par.add_run(xml_text(text))
    run.bold, run.italic = bold or None, italic or None
    if strike:
        run.font.strike = True
    if underline:
        run.font.underline = True
    if color is not None:
        run.font.color.rgb = color
    if size is not None:
        run.font.size = Pt(size)
    return run


def _line(par: Any, line: Line) -> None:
    for r in line:
        if r.mark == "del":
            _run(par, r.text, strike=True, color=RED)
        elif r.mark == "ins":
            _run(par, r.text, underline=True, color=BLUE)
        else:
            _run(par, r.text)


def _blocks(cell: Any, blocks: tuple[Block, ...], w: Words) -> None:
    """Articles into a cell: label (and caption) in bold before the first line, each line a paragraph."""
    par = cell.paragraphs[0]
    for k, b in enumerate(blocks):
        if k:
            par = cell.add_paragraph()
        cap = (f"【{b.caption}】" if w.inline_caption else f" — {b.caption}") if b.caption else ""
        _run(par, b.label + (w.article_sep if w.inline_caption else " ") + cap, bold=True)
        lines = [x for x in b.lines if x]
        for i, line in enumerate(lines):
            if i or not w.inline_caption:
                par = cell.add_paragraph()
            _line(par, line)


def _mark(cell: Any, text: str) -> None:
    _run(cell.paragraphs[0], text, italic=True, color=GREY)


def _row(report: Report, table: Any, row: Row, w: Words, show_unchanged: bool) -> None:
    cells = table.add_row().cells
    if row.kind is RowKind.ADDED:
        _mark(cells[0], w.added)
    else:
        _blocks(cells[0], row.left, w)
    if row.kind is RowKind.REMOVED:
        _mark(cells[1], w.removed)
    elif row.kind is RowKind.SAME and not show_unchanged:
        labels = [b.label for b in row.right]
        if labels != [b.label for b in row.left]:
            _run(cells[1].paragraphs[0], w.list_sep.join(labels) + w.article_sep)
        _run(cells[1].paragraphs[0], w.same, italic=True, color=GREY)
    else:
        _blocks(cells[1], row.right, w)
    if row.kind is RowKind.SAME:
        return
    note = cells[2]
    _run(note.paragraphs[0], label_phrase(row.unit, w), bold=True)
    reason, detail = reason_lines(report, row.unit, w)
    if reason:
        _run(note.add_paragraph(), reason.removeprefix(w.reason + w.colon), size=9)
    if detail:
        _run(note.add_paragraph(), detail, color=GREY, size=7.5)


def _table(doc: Any, header: tuple[str, ...], widths: tuple[int, ...]) -> Any:
    """A grid table with a shaded header row repeated on every page (``fixed_layout`` once the rows are in)."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header):
        _run(cell.paragraphs[0], text, bold=True)
        shade(cell, HEAD_FILL)
    repeat_header(table.rows[0])
    return table


def _simple(doc: Any, header: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: tuple[int, ...]) -> Any:
    table = _table(doc, header, widths)
    for r in rows:
        for cell, text in zip(table.add_row().cells, r):
            _run(cell.paragraphs[0], text)
    fixed_layout(table, widths)
    return table


def _bar(cell: Any, n: int, most: float, color: RGBColor, value: str = "") -> None:
    cells = 0 if n <= 0 or most <= 0 else max(1, round(n / most * BAR_CELLS))
    par = cell.paragraphs[0]
    if cells:
        _run(par, BAR * cells, color=color, size=7)
    if value:
        _run(par, f" {value}")


# --------------------------------------------------------------------------- the parts


def _cover(doc: Any, report: Report, w: Words) -> None:
    doc.add_heading(xml_text(w.versions), level=1)
    header = ("", side_heading(report, 0, w), side_heading(report, 1, w))
    _simple(doc, header, list(version_rows(report, w)), (2200, 6470, 6467))
    doc.add_paragraph(xml_text(kind_line(report, w)))
    doc.add_paragraph(xml_text(regulated_line(report, w)))
    for line in warning_lines(report, w):
        _run(doc.add_paragraph(), f"{w.warnings}{w.colon}{line}", color=RED)


def _signal(doc: Any, report: Report, w: Words) -> None:
    info, sw = report.signal.information, w.signal_words
    doc.add_heading(xml_text(w.signal), level=1)
    par = doc.add_paragraph()
    _run(par, f"{sw['verdict']}{w.colon}", bold=True)
    _run(par, f"{w.verdicts[info.verdict.value]} · {sw['score']} {info.score:+.2f}")
    doc.add_paragraph(xml_text(w.p("weights_line", relax=info.relaxing, relax_weight=info.relaxing_weight,
                                   tighten=info.tightening, tighten_weight=info.tightening_weight)))
    _run(doc.add_paragraph(), f"{sw['thresholds']}{w.colon}{thresholds_text(info, w)}", color=GREY, size=8)
    colors = {Label.RELAXED: GREEN, Label.TIGHTENED: RED}
    most = max((n for _l, n in info.label_counts), default=0)
    widths: tuple[int, ...] = (3000, 1500, 10637)
    table = _table(doc, (sw["labels"], sw["units"], sw["chart"]), widths)
    for label, n in info.label_counts:
        cells = table.add_row().cells
        _run(cells[0].paragraphs[0], w.labels[label.value])
        _run(cells[1].paragraphs[0], str(n))
        _bar(cells[2], n, most, colors.get(label, GREY))
    fixed_layout(table, widths)
    if info.themes:
        doc.add_heading(xml_text(sw["themes"]), level=2)
        scale = max(max(t.relaxing, t.tightening) for t in info.themes)
        widths = (3000, 1300, 1500, 4668, 4669)
        table = _table(doc, (sw["theme"], sw["units"], sw["score"], f"◀ {sw['tightening']}", f"{sw['relaxing']} ▶"),
                       widths)
        for t in info.themes:
            cells = table.add_row().cells
            for cell, text in zip(cells, (w.themes[t.theme.value], str(t.units), f"{t.score:+.2f}")):
                _run(cell.paragraphs[0], text)
            cells[3].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT  # the two bars meet in the middle
            _bar(cells[3], round(t.tightening * 100), scale * 100, RED, f"{t.tightening:g}")
            _bar(cells[4], round(t.relaxing * 100), scale * 100, GREEN, f"{t.relaxing:g}")
        fixed_layout(table, widths)
    top = top_changes(report, w)
    if top:
        doc.add_heading(xml_text(sw["top"]), level=2)
        _simple(doc, (sw["weight"], sw["label"], sw["where"], w.reason),
                [(f"{x:+g}", label, where, reason) for x, label, where, reason in top], (1100, 1800, 3400, 8837))
    r, m, kind = report.signal.restriction, report.signal.commitment, report.versions.kind
    doc.add_heading(xml_text(sw["restriction"]), level=2)
    _simple(doc, ("", side_heading(report, 0, w), side_heading(report, 1, w), sw["change"]), [
        (sw["restriction_row"], f"{r.draft_restriction_per_1000:.2f}", f"{r.final_restriction_per_1000:.2f}",
         f"{r.final_restriction_per_1000 - r.draft_restriction_per_1000:+.2f}"),
        (sw["promotion_row"], f"{r.draft_promotion_per_1000:.2f}", f"{r.final_promotion_per_1000:.2f}",
         f"{r.final_promotion_per_1000 - r.draft_promotion_per_1000:+.2f}"),
    ], (4000, 3700, 3700, 3737))
    c = report.signal.coordination
    doc.add_heading(xml_text(f"{sw['coordination']} · {sw['commitment']}"), level=2)

    def names(items: tuple[str, ...]) -> str:
        return w.names(items, w.none)

    rows = [
        (sw["issuers"], names(c.draft_issuers), names(c.final_issuers)),
        (sw["bases_added"], "", names(c.bases_added)),
        (sw["bases_removed"], names(c.bases_removed), ""),
        (sw["actors_added"], "", names(c.actors_added)),
        (sw["actors_removed"], names(c.actors_removed), ""),
        (sw["level"], level_text(m.draft_level, m.draft_is_draft, w), level_text(m.final_level, m.final_is_draft, w)),
        (sw["provisional"], w.yes if m.draft_provisional else w.no, w.yes if m.final_provisional else w.no),
    ]
    _simple(doc, ("", w.side(kind, 0), w.side(kind, 1)), rows, (3600, 5768, 5769))
    doc.add_paragraph(xml_text(f"{w.note}{w.colon}{commitment_note(report, w)}"))


def _comparison(doc: Any, report: Report, w: Words, view: View) -> None:
    doc.add_heading(xml_text(w.comparison), level=1)
    kind = report.versions.kind
    doc.add_paragraph(xml_text(w.legend.format(left=w.side(kind, 0), right=w.side(kind, 1), struck=w.struck,
                                               bold=w.bold)))
    shown: tuple[str, ...] = ()
    for s in sections(view.units(report), Anchors()):
        first = s.rows[0].unit.unit
        heads = (first.final or first.draft)[0].headings if (first.final or first.draft) else ()
        for level, h in enumerate(heads):
            if shown[: level + 1] != heads[: level + 1]:
                doc.add_heading(xml_text(one_line(h)), level=min(level + 2, 4))
        shown = heads
        table = _table(doc, w.columns[kind.value], COLUMNS)
        for row in s.rows:
            _row(report, table, row, w, view.show_unchanged)
        fixed_layout(table, COLUMNS)


# --------------------------------------------------------------------------- the document


def _when(view: View) -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if view.timestamp:
        return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit() else datetime.now(
            timezone.utc)
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime(2000, 1, 1, tzinfo=timezone.utc)


def _setup(doc: Any, title: str, view: View) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    for style in doc.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE, WD_STYLE_TYPE.CHARACTER):
            heading = style.name.startswith(("Heading", "Title"))
            set_fonts(style.element, east_asia=HEI if heading else "SimSun")
            if heading:
                style.font.color.rgb = RGBColor(0, 0, 0)
    doc.styles["Normal"].font.size = Pt(10.5)  # 五号
    props = doc.core_properties
    when = _when(view)
    props.title, props.subject, props.author = xml_text(title), "lawdiff", "lawdiff"
    props.comments, props.keywords, props.category = "", "", ""
    props.last_modified_by, props.revision = "lawdiff", 1
    props.created = props.modified = when.replace(tzinfo=None)


def render_docx(report: Report, view: View | None = None) -> bytes:
    """The whole report as the bytes of a .docx file."""
    view = view or View()
    w = view.words(report)
    doc = Document()
    d_title = one_line(report.draft_meta.title or report.draft.title)
    f_title = one_line(report.final_meta.title or report.final.title)
    title = f"{w.title}{w.colon}{d_title} → {f_title}"
    _setup(doc, title, view)
    doc.add_heading(xml_text(title), level=0)
    _cover(doc, report, w)
    _signal(doc, report, w)
    if not view.summary:
        _comparison(doc, report, w, view)
    buf = io.BytesIO()
    doc.save(buf)
    return deterministic(buf.getvalue())


__all__ = ["render_docx"]
