"""lawdiff: read how a law changed between two versions.

The pipeline, one sub-package per stage (``lawdiff.pipeline`` alone knows the order)::

    io.read -> parse -> align -> diff -> classify -> signal (summarize) -> render

``compare(draft, final)`` runs it on two parsed documents and ``compare_files(draft_path, final_path)``
on two files; both return a :class:`~lawdiff.model.Report`, the one thing renderers read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lawdiff.errors import LawdiffError
from lawdiff.model import Report

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lawdiff.pipeline import compare, compare_files, load_document


def __getattr__(name: str) -> Any:
    # The pipeline imports every stage (rule tables, jieba's wrapper, diff-match-patch): only when asked for,
    # so that ``import lawdiff.cli`` stays light.
    if name in ("compare", "compare_files", "load_document"):
        from lawdiff import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'lawdiff' has no attribute {name!r}")


__all__ = ["LawdiffError", "Report", "__version__", "compare", "compare_files", "load_document"]
