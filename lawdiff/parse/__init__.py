"""Stage 2, parse: the text of a law -> :class:`~lawdiff.model.Document`."""

from lawdiff.parse.structure import parse_text

__all__ = ["parse_text"]
