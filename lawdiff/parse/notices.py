"""Warnings about an input file: recorded as :class:`~lawdiff.model.Notice` data, written out in English here.

The English line is what ``Document.warnings`` has always held (``lawdiff check``, the JSON ``warnings``);
a report words the same notice in its reader's language from the record (:mod:`lawdiff.render`).
"""

from __future__ import annotations

from lawdiff.model import Notice, NoticeKind

_ENGLISH = {
    NoticeKind.CONTROLS: "line {line}: control characters such as {0} removed (they are not text); check the file "
                         "if this is unexpected",
    NoticeKind.HTML: "looks like HTML; tags were removed and the text between them compared (line numbers count "
                     "lines without tags) — save the page as plain text to silence this",
    NoticeKind.DUPLICATE: "line {line}: article number {0} appears again; kept as {1}",
    NoticeKind.OUT_OF_ORDER: "line {line}: article {0} comes after article {1}",
    NoticeKind.JUMP: "line {line}: article numbers jump from {0} to {1}",
    NoticeKind.UNREADABLE: "line {line}: cannot read the article number {0}; numbered it {1}, one after the "
                           "previous article — check the text",
    NoticeKind.STRAY_SPACES: "line {line}: article label {0} has stray spaces; read as {1}",
    NoticeKind.NO_ARTICLES: "no article markers ({0}) found; compared paragraph by paragraph",
}
#: Notices about the whole file start with its name, as the English lines always did.
_WHOLE_FILE = {NoticeKind.CONTROLS, NoticeKind.HTML, NoticeKind.NO_ARTICLES}


def english(n: Notice, path: str) -> str:
    text = _ENGLISH[n.kind].format(*n.values, line=n.line)
    return f"{path or 'input'}: {text}" if n.kind in _WHOLE_FILE else text


__all__ = ["english"]
