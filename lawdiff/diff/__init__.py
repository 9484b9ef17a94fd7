"""Stage 4, diff: an aligned unit -> its word-level edits (jieba or English words, diff-match-patch)."""

from lawdiff.diff.word_diff import diff_unit, diff_units

__all__ = ["diff_unit", "diff_units"]
