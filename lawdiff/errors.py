"""Typed errors.  The core raises these; only :mod:`lawdiff.cli` turns them into one line and exit 2.

Every message says the cause and the fix, e.g. "draft.txt: not UTF-8 or GB18030 text; pass --encoding".
"""


class LawdiffError(Exception):
    """Base class: trouble the user can fix (exit code 2)."""


class InputError(LawdiffError):
    """A file cannot be read: missing, a directory, empty, binary, undecodable."""


class ParseError(LawdiffError):
    """The text has no usable structure."""


class RuleError(LawdiffError):
    """A rule table is malformed (names file, rule id and line)."""


class CorpusError(LawdiffError):
    """A corpus folder, meta.yaml or annotations.yaml is malformed (names file, line and field)."""


class OutputError(LawdiffError):
    """An output file cannot be written."""
