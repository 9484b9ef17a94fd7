"""``--format html``: the same 修改对照表 as the Markdown report, as one self-contained page.

One file to mail or archive: CSS is inline, there are no scripts, fonts or images, and a
Content-Security-Policy forbids loading anything.  Every piece of text — law text, titles, rule
descriptions, paths — goes through :func:`html.escape`, so a ``<script>`` in a law stays text.
Unlike Markdown, HTML can span the explanation row across both columns, so it does, and it folds the
rules behind a reason into a ``<details>`` element.

Fonts: the page names Chinese fonts that ship with each system (PingFang / Songti on macOS, Microsoft
YaHei / SimSun on Windows, Noto CJK and WenQuanYi on Linux), serif for the law text as printed laws are
set, and lets the system fall back beyond them; it embeds none (a CJK font is megabytes).  In print
(or "Save as PDF") each chapter starts a page, the column heads repeat on every page, a row is kept whole
where it fits, the rules folded behind each reason are printed, and the page is A4 landscape, the format
of a 修改对照表.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape as _escape
from typing import Any

from lawdiff.model import Report
from lawdiff.render.frontmatter import Block as SummaryBlock
from lawdiff.render.frontmatter import (
    Chart,
    Heading,
    Inline,
    Items,
    Mono,
    Para,
    Table,
    sides,
    signal_blocks,
    version_blocks,
)
from lawdiff.render.i18n import Words
from lawdiff.render.stamps import timestamp_now
from lawdiff.render.table import (
    Anchors,
    Block,
    Line,
    Row,
    RowKind,
    Section,
    label_phrase,
    one_line,
    reason_lines,
    sections,
)
from lawdiff.render.view import View, view_of

SANS = ('system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",'
        '"Source Han Sans SC","WenQuanYi Micro Hei",sans-serif')
SERIF = ('"Songti SC","STSong",SimSun,"宋体","Noto Serif CJK SC","Source Han Serif SC","Noto Sans CJK SC",'
         '"WenQuanYi Zen Hei",serif')
CSS = f"""
body{{font-family:{SANS};
max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1f2328;background:#fff}}
table.compare td{{font-family:{SERIF}}}
""".strip() + "\n" + """h1{font-size:1.5rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #d0d7de;padding:.35rem .6rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}td.r,th.r{text-align:right}
table.compare td{width:50%;overflow-wrap:anywhere}
tr.note td{background:#f6f8fa;font-size:.9em;color:#424a53}
del{color:#b31d28;background:#ffeef0;text-decoration:line-through}
ins{color:#1a7f37;background:#e6ffec;text-decoration:none;font-weight:bold}
.mark{font-style:italic;color:#57606a}
code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.9em}
pre{background:#f6f8fa;padding:.6rem;overflow:auto}
details{margin-top:.2rem;color:#57606a}summary{cursor:pointer}
.warning{color:#9a6700}
@page{size:A4 landscape;margin:15mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}nav{display:none}
h2.part,h3.chapter{break-before:page}thead{display:table-header-group}
tr{break-inside:avoid}summary{display:none}details::details-content{content-visibility:visible}details{font-size:.85em}
del{background:none}ins{background:none}}
""".strip()
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def esc(text: str) -> str:
    return _escape(text, quote=True)


def _line(line: Line) -> str:
    out = []
    for r in line:
        t = esc(r.text)
        out.append(f"<del>{t}</del>" if r.mark == "del" else f"<ins>{t}</ins>" if r.mark == "ins" else t)
    return "".join(out)


def _block(b: Block, w: Words) -> str:
    lines = [_line(x) for x in b.lines if x]
    head = esc(b.label)
    if w.inline_caption:
        cap = esc(f"【{b.caption}】") if b.caption else ""
        return "<br>".join([head + w.article_sep + cap + (lines[0] if lines else ""), *lines[1:]])
    if b.caption:
        head += " — " + esc(b.caption)
    return "<br>".join([head, *lines])


def _cell(blocks: Sequence[Block], w: Words) -> str:
    return "<br><br>".join(_block(b, w) for b in blocks)


def _mark(text: str) -> str:
    return f'<span class="mark">{esc(text)}</span>'


def _rows(report: Report, row: Row, w: Words, show_unchanged: bool) -> list[str]:
    if row.kind is RowKind.SAME:
        if show_unchanged:
            right = _cell(row.right, w)
        elif [b.label for b in row.left] != [b.label for b in row.right]:
            right = esc(w.list_sep.join(b.label for b in row.right)) + w.article_sep + _mark(w.same)
        else:
            right = _mark(w.same)
        return [f"<tr><td>{_cell(row.left, w)}</td><td>{right}</td></tr>"]
    left = _mark(w.added) if row.kind is RowKind.ADDED else _cell(row.left, w)
    right = _mark(w.removed) if row.kind is RowKind.REMOVED else _cell(row.right, w)
    reason, detail = reason_lines(report, row.unit, w)
    note = [f"<em>{esc(w.note + w.colon + label_phrase(row.unit, w))}</em>", *([esc(reason)] if reason else [])]
    rules = f"<details><summary>{esc(w.rules)}</summary>{esc(detail)}</details>" if detail else ""
    return [
        f'<tr class="{row.kind.value}"><td>{left}</td><td>{right}</td></tr>',
        f'<tr class="note"><td colspan="2">{"<br>".join(note)}{rules}</td></tr>',
    ]


def _section(s: Section, report: Report, w: Words, show_unchanged: bool, *, first: bool) -> list[str]:
    """One chapter's table; in print every chapter after the first starts a page."""
    cls = "" if first else ' class="chapter"'
    out = [f'<h3{cls} id="{esc(s.anchor)}">{esc(s.title)}</h3>'] if s.title else []
    d, f = sides(report, w, dated=True)
    out.append(f'<table class="compare"><thead><tr><th>{esc(d)}</th><th>{esc(f)}</th></tr></thead><tbody>')
    for r in s.rows:
        out += _rows(report, r, w, show_unchanged)
    out.append("</tbody></table>")
    return out


def _inline(parts: Inline) -> str:
    return "".join(f"<code>{esc(p.text)}</code>" if isinstance(p, Mono) else esc(p) for p in parts)


def _blocks(blocks: Iterable[SummaryBlock], heading: Callable[[int, str], Any]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(heading(b.level, b.text))
        elif isinstance(b, Para):
            out.append(f"<p>{_inline(b.parts)}</p>")
        elif isinstance(b, Table):
            cls = [' class="r"' if a == "r" else "" for a in b.align.ljust(len(b.header), "l")]
            out.append(
                "<table><thead><tr>"
                + "".join(f"<th{cls[i]}>{_inline((c,))}</th>" for i, c in enumerate(b.header))
                + "</tr></thead><tbody>"
            )
            out += [
                "<tr>" + "".join(f"<td{cls[i]}>{_inline((c,))}</td>" for i, c in enumerate(r)) + "</tr>"
                for r in b.rows
            ]
            out.append("</tbody></table>")
        elif isinstance(b, Chart):
            out.append("<pre>" + esc("\n".join(b.lines)) + "</pre>")
        elif isinstance(b, Items):
            tag = "ol" if b.ordered else "ul"
            out.append(f"<{tag}>" + "".join(f"<li>{_inline(x)}</li>" for x in b.items) + f"</{tag}>")
    return out


def render_html(report: Report, view: View | None = None, *, show_unchanged: bool = False,
                timestamp: bool = False) -> str:
    """A complete HTML5 page: title, versions, contents, signal summary, the 修改对照表 by chapter."""
    view = view_of(view, show_unchanged=show_unchanged, timestamp=timestamp)
    w = view.words(report)
    anchors = Anchors()
    toc: list[tuple[str, str]] = []

    def heading(level: int, title: str) -> str:
        anchor = anchors(title)
        if level == 2:
            toc.append((title, anchor))
        return f'<h{level} id="{esc(anchor)}">{esc(one_line(title))}</h{level}>'

    colon = w.colon
    d_title = one_line(report.draft_meta.title or report.draft.title)
    f_title = one_line(report.final_meta.title or report.final.title)
    title = f"{w.title}{colon}{d_title} → {f_title}"
    anchors(title)
    body = [f"<h1>{esc(title)}</h1>"]
    if view.timestamp:
        body.append(f"<p>{esc(w.fields[7] + colon + timestamp_now())}</p>")
    body.append(heading(2, w.versions))
    body += _blocks(version_blocks(report, w), heading)
    contents_at = len(body)
    contents_anchor = anchors(w.contents)
    body.append(heading(2, w.signal))
    body += _blocks(signal_blocks(report, w), heading)
    secs = () if view.summary else sections(view.units(report), anchors)
    if not view.summary:
        body.append(heading(2, w.comparison).replace("<h2 ", '<h2 class="part" ', 1))
        d_side, f_side = sides(report, w)
        legend = w.legend.format(
            left=esc(d_side), right=esc(f_side), struck=f"<del>{esc(w.struck)}</del>", bold=f"<ins>{esc(w.bold)}</ins>"
        )
        body.append(f"<p>{legend}</p>")
    for i, s in enumerate(secs):
        body += _section(s, report, w, view.show_unchanged, first=i == 0)
    nav = [f'<nav><h2 id="{esc(contents_anchor)}">{esc(w.contents)}</h2><ul>']
    for t, anchor in toc:
        nav.append(f'<li><a href="#{esc(anchor)}">{esc(t)}</a>')
        if t == w.comparison:
            nav.append("<ul>")
            for s in secs:
                if s.title:
                    n = f" · {esc(w.changes_in.format(n=s.changed))}" if s.changed else ""
                    nav.append(f'<li><a href="#{esc(s.anchor)}">{esc(s.title)}</a>{n}</li>')
            nav.append("</ul>")
        nav.append("</li>")
    nav.append("</ul></nav>")
    body[contents_at:contents_at] = nav
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if w.lang.value == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


__all__ = ["render_html"]
