"""``--format markdown``: the comparison as a 修改对照表 that can be committed, diffed and read on GitHub.

Layout (which units read 同左, chapter breaks, reasons) comes from :mod:`lawdiff.render.table`; this
module only writes Markdown, and its one hard job is that law text can never break the table or
inject markup:

* every ASCII character with a Markdown meaning is backslash-escaped (``|`` included, which GFM
  tables require even inside other spans); ``<`` and ``>`` too, so ``<script>`` stays text;
* a line break inside a cell becomes ``<br>``, the only raw HTML the report writes besides ``<!-- -->``;
* ``~~`` and ``**`` follow CommonMark's flanking rules, which Chinese text trips over: ``文**（新增）**中``
  is *not* bold, because a delimiter next to punctuation must have whitespace or punctuation on its
  other side.  Where that would fail, an empty comment ``<!-- -->`` is put outside the delimiter: it
  renders as nothing, but its ``<``/``>`` are punctuation, so the delimiter opens or closes.

The output is deterministic: no time unless ``timestamp=True``, no absolute paths.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from lawdiff.model import Report, UnitReport
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

_SPECIAL = re.compile(r"([\\`*_~\[\]<>|#$&])")
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")
_CONTROL = re.compile(r"[\r\n\t\v\f\x00]")
EMPTY_COMMENT = "<!-- -->"
BR = "<br>"
DEL, INS, EM = "~~", "**", "*"


# --------------------------------------------------------------------------- escaping


def escape(text: str, *, block_start: bool = False) -> str:
    """Law text as Markdown that shows exactly these characters and nothing else.

    ``block_start``: the text begins a paragraph or list item, where ``1.``, ``-`` or ``+`` would start
    a list; inside a table cell or after other text they are plain and stay unescaped (readable source).
    """
    text = _CONTROL.sub(" ", text)
    out = _SPECIAL.sub(r"\\\1", text)
    if block_start:
        out = _BLOCK_START.sub(
            lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", out, count=1
        )
    return out


def _broad_punct(c: str) -> bool:
    """Punctuation in CommonMark's sense, taken widely (P and S categories): the side that must be guarded."""
    return unicodedata.category(c)[0] in "PS" or (c.isascii() and not c.isalnum() and not c.isspace())


def _safe_neighbour(c: str | None) -> bool:
    """A neighbour that lets a delimiter open/close whatever is inside: none, whitespace, punctuation."""
    return c is None or c.isspace() or unicodedata.category(c)[0] == "P" or (c.isascii() and not c.isalnum())


def marked(segments: Iterable[tuple[str, str]]) -> str:
    """Join ``(raw text, delimiter)`` pieces into inline Markdown, delimiters guarded as described above.

    Whitespace at the edges of a marked piece goes outside the delimiters (``** x**`` never opens);
    a piece that is only whitespace is written unmarked.
    """
    pieces: list[tuple[str, str]] = []  # (escaped text, delimiter)
    for raw, delim in segments:
        if not raw:
            continue
        raw = _CONTROL.sub(" ", raw)
        core = raw.strip()
        if not delim or not core:
            pieces.append((escape(raw), ""))
            continue
        lead, trail = raw[: len(raw) - len(raw.lstrip())], raw[len(raw.rstrip()) :]
        if lead:
            pieces.append((lead, ""))
        pieces.append((escape(core), delim))
        if trail:
            pieces.append((trail, ""))
    out = ""
    for i, (text, delim) in enumerate(pieces):
        if not delim:
            out += text
            continue
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        after = (nxt[1] or nxt[0])[0] if nxt else None
        before = out[-1] if out else None
        if _broad_punct(text[0]) and not _safe_neighbour(before):
            out += EMPTY_COMMENT
        out += f"{delim}{text}{delim}"
        if _broad_punct(text[-1]) and not _safe_neighbour(after):
            out += EMPTY_COMMENT
    return out


def em(text: str) -> str:
    return marked([(text, EM)])


# --------------------------------------------------------------------------- the comparison table


def _line(line: Line) -> str:
    return marked((r.text, DEL if r.mark == "del" else INS if r.mark == "ins" else "") for r in line)


def _block(b: Block, w: Words) -> str:
    head = escape(b.label)
    lines = [_line(x) for x in b.lines if x]
    if w.inline_caption:
        cap = escape(f"【{b.caption}】") if b.caption else ""
        first = head + w.article_sep + cap + (lines[0] if lines else "")
        return BR.join([first.rstrip(), *lines[1:]])
    if b.caption:
        head += " — " + escape(b.caption)
    return BR.join([head, *lines])


def _cell(blocks: Sequence[Block], w: Words) -> str:
    return (BR + BR).join(_block(b, w) for b in blocks)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c.strip() for c in cells) + " |"


def comparison_rows(report: Report, row: Row, w: Words, *, show_unchanged: bool) -> list[str]:
    """One table row per unit, and under a changed unit one row with its label, reasons and rules."""
    if row.kind is RowKind.SAME:
        left = _cell(row.left, w)
        if show_unchanged:
            right = _cell(row.right, w)
        elif [b.label for b in row.left] != [b.label for b in row.right]:
            right = escape(w.list_sep.join(b.label for b in row.right)) + w.article_sep + em(w.same)
        else:
            right = em(w.same)
        return [_row([left, right])]
    if row.kind is RowKind.ADDED:
        cells = [em(w.added), _cell(row.right, w)]
    elif row.kind is RowKind.REMOVED:
        cells = [_cell(row.left, w), em(w.removed)]
    else:
        cells = [_cell(row.left, w), _cell(row.right, w)]
    return [_row(cells), _row(explanation(report, row.unit, w))]


def explanation(report: Report, u: UnitReport, w: Words) -> list[str]:
    """Under a changed unit: its label and flags, then the reason and, on a line of its own, the rules."""
    reason, detail = reason_lines(report, u, w)
    return [em(f"{w.note}{w.colon}{label_phrase(u, w)}"), BR.join(escape(x) for x in (reason, detail) if x)]


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> list[str]:
    """A GFM table; ``align`` gives one of l/r per column (default left)."""
    align = align or "l" * len(header)
    out = [_row(header), "| " + " | ".join("---:" if a == "r" else "---" for a in align) + " |"]
    out.extend(_row(r) for r in rows)
    return out


def _section(s: Section, report: Report, w: Words, show_unchanged: bool) -> list[str]:
    out = [f"### {escape(s.title)}", ""] if s.title else []
    header = [escape(x) for x in sides(report, w, dated=True)]
    rows: list[str] = []
    for r in s.rows:
        rows.extend(comparison_rows(report, r, w, show_unchanged=show_unchanged))
    out += _table(header, [])
    out += rows
    out.append("")
    return out


# --------------------------------------------------------------------------- neutral blocks


def _inline(parts: Inline, *, block_start: bool = False) -> str:
    out = ""
    for p in parts:
        if isinstance(p, Mono):
            out += f"`{p.text}`"  # bars and numbers only: never a backtick inside
        else:
            out += escape(p, block_start=block_start and not out)
    return out


def _blocks(blocks: Iterable[SummaryBlock], heading: Callable[[int, str], Any]) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Heading):
            out += heading(b.level, b.text)
            continue
        if isinstance(b, Para):
            out.append(_inline(b.parts, block_start=True))
        elif isinstance(b, Table):
            out += _table(
                [_inline((c,)) for c in b.header], ([_inline((c,)) for c in r] for r in b.rows), b.align
            )
        elif isinstance(b, Chart):
            out += ["```text", *b.lines, "```"]
        elif isinstance(b, Items):
            out += [
                f"{i}. " + _inline(x) if b.ordered else "- " + _inline(x, block_start=True)
                for i, x in enumerate(b.items, 1)
            ]
        out.append("")
    return out


# --------------------------------------------------------------------------- the document


def render_markdown(report: Report, view: View | None = None, *, show_unchanged: bool = False,
                    timestamp: bool = False) -> str:
    """The whole report: title, versions, contents, signal summary, then the 修改对照表 by chapter (with
    ``view.summary``, the versions and the signal summary alone)."""
    view = view_of(view, show_unchanged=show_unchanged, timestamp=timestamp)
    w = view.words(report)
    anchors = Anchors()
    toc: list[tuple[int, str, str, str]] = []  # level, title, anchor, note

    def heading(level: int, title: str, note: str = "") -> list[str]:
        anchor = anchors(title)
        if level == 2:
            toc.append((level, title, anchor, note))
        return [f"{'#' * level} {escape(one_line(title))}", ""]

    d_title = report.draft_meta.title or report.draft.title
    f_title = report.final_meta.title or report.final.title
    colon = w.colon
    title = f"{w.title}{colon}{one_line(d_title)} → {one_line(f_title)}"
    anchors(title)
    out = [f"# {escape(title)}", ""]
    if view.timestamp:
        out += [f"{w.fields[7]}{colon}{timestamp_now()}", ""]
    out += heading(2, w.versions)
    out += _blocks(version_blocks(report, w), heading)
    contents_at = len(out)
    anchors(w.contents)
    out += heading(2, w.signal)
    out += _blocks(signal_blocks(report, w), heading)
    secs = () if view.summary else sections(view.units(report), anchors)
    if not view.summary:
        out += heading(2, w.comparison)
        d_side, f_side = sides(report, w)
        legend = w.legend.format(
            left=escape(d_side), right=escape(f_side), struck=f"{DEL}{w.struck}{DEL}", bold=f"{INS}{w.bold}{INS}"
        )
        out += [legend, ""]
    for s in secs:
        out += _section(s, report, w, view.show_unchanged)
    contents = [f"## {escape(w.contents)}", ""]
    for _level, t, anchor, _note in toc:
        contents.append(f"- [{escape(t)}](#{anchor})")
        if t == w.comparison:
            for s in secs:
                if s.title:
                    n = w.changes_in.format(n=s.changed) if s.changed else ""
                    contents.append(f"  - [{escape(s.title)}](#{s.anchor})" + (f" · {n}" if n else ""))
    contents.append("")
    out[contents_at:contents_at] = contents
    return "\n".join(out).rstrip("\n") + "\n"


__all__ = ["escape", "marked", "render_markdown"]
