"""``lawdiff check``: the tool measured against gold annotations (meta.yaml, annotations.yaml, metrics, bars)."""

from lawdiff.evaluation.check import run_check

__all__ = ["run_check"]
