"""Stage 7, render: a :class:`~lawdiff.model.Report` -> what a reader sees (JSON, Markdown, HTML, Word, terminal).

Renderers read only the Report (and a :class:`~lawdiff.render.view.View`: the language and the units to
show): nothing here loads a data file of the pipeline or imports a stage.  :func:`render` writes the
text formats, :func:`render_bytes` any file format (Word included); :func:`lawdiff.render.terminal.render_report`
prints to a rich console.  Each format is imported only when it is asked for.
"""

from __future__ import annotations

from lawdiff.model import Report
from lawdiff.render.view import View

FORMATS = ("json", "markdown", "html", "docx")
TEXT_FORMATS = ("json", "markdown", "html")


def render(report: Report, fmt: str, *, show_unchanged: bool = False, timestamp: bool = False,
           view: View | None = None) -> str:
    """The report as a ``json``, ``markdown`` or ``html`` document.  ``show_unchanged``: Markdown and HTML
    print unchanged articles on both sides instead of 同左; ``timestamp``: record when it was made;
    ``view``: the language and the units shown (:class:`~lawdiff.render.view.View`)."""
    from lawdiff.render.view import view_of

    v = view_of(view, show_unchanged=show_unchanged, timestamp=timestamp)
    if fmt == "json":
        from lawdiff.render.json import render_json

        return render_json(report, v)
    if fmt == "markdown":
        from lawdiff.render.markdown import render_markdown

        return render_markdown(report, v)
    if fmt == "html":
        from lawdiff.render.html import render_html

        return render_html(report, v)
    raise ValueError(f"unknown text format {fmt!r}; use one of {', '.join(TEXT_FORMATS)} (docx: render_bytes)")


def render_bytes(report: Report, fmt: str, *, view: View | None = None) -> bytes:
    """The report as the bytes of a file: UTF-8 text for json, markdown and html; a .docx for ``docx``."""
    if fmt == "docx":
        from lawdiff.render.word import render_docx

        return render_docx(report, view)
    return render(report, fmt, view=view).encode("utf-8")


__all__ = ["FORMATS", "View", "render", "render_bytes"]
