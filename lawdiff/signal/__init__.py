"""Stage 6, summarize: what a revision expresses (information, restriction, coordination, commitment)."""

from lawdiff.signal.summary import summarize

__all__ = ["summarize"]
