"""Stage 7, render: a :class:`~lawdiff.model.Report` -> what a reader sees (JSON, Markdown, HTML, terminal).

Renderers read only the Report: nothing here loads a data file of the pipeline or imports a stage.
:func:`render` writes the file formats; :func:`lawdiff.render.terminal.render_report` prints to a rich
console.  Each format is imported only when it is asked for (JSON needs neither rich nor the layout).
"""

from __future__ import annotations

from lawdiff.model import Report

FORMATS = ("json", "markdown", "html")


def render(report: Report, fmt: str, *, show_unchanged: bool = False, timestamp: bool = False) -> str:
    """The report as a ``json``, ``markdown`` or ``html`` document.  ``show_unchanged``: Markdown and HTML
    print unchanged articles on both sides instead of 同左; ``timestamp``: record when it was made."""
    if fmt == "json":
        from lawdiff.render.json import render_json

        return render_json(report, timestamp=timestamp)
    if fmt == "markdown":
        from lawdiff.render.markdown import render_markdown

        return render_markdown(report, show_unchanged=show_unchanged, timestamp=timestamp)
    if fmt == "html":
        from lawdiff.render.html import render_html

        return render_html(report, show_unchanged=show_unchanged, timestamp=timestamp)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render"]
