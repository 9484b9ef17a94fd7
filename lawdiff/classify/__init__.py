"""Stage 5, classify: an ArticleDiff and the rule tables -> a Change (label, rules that fired, evidence, reason)."""

from lawdiff.classify.label import classify

__all__ = ["classify"]
