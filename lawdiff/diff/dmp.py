"""The character diff under the word diff: diff-match-patch's C++ build when it is installed, else its
pure-Python one.

Why two: the pure-Python ``diff_bisect`` is O(N·D) in the interpreter, and was more than half of a run
on the EU AI Act (1.95 s of diff stage); the C++ build (``fast-diff-match-patch``, the same algorithm
compiled) does the same diff in a tenth of that.  It ships wheels for the common platforms only, so the
pure-Python library stays the fallback, and both must give the same edits: the C++ build is asked for the
raw diff only (no clean-up, the same half-match time limit), and the semantic clean-up is always the
pure-Python one, so the edits a user sees never depend on which build ran.  tests/test_dmp_builds.py
compares the two on real units.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from diff_match_patch import diff_match_patch

#: A timeout of 0 would disable diff-match-patch's half-match speed-up (it then insists on a minimal diff,
#: O(N·D): 8 s on the EU AI Act in pure Python).  A generous timeout turns the speed-up on; the deadline
#: itself is never reached on a law text, so the output stays the same run after run, in both builds.
TIMEOUT = 3600.0

RawDiff = list[tuple[int, str]]  # diff-match-patch's (-1 | 0 | 1, text) pairs
_CODES = {"-": -1, "=": 0, "+": 1}


def python_dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = TIMEOUT
    return dmp


def python_diff(a: str, b: str) -> RawDiff:
    """The pure-Python library's ``diff_main`` (no line mode, no clean-up)."""
    return python_dmp().diff_main(a, b, False)


def fast_module() -> Any | None:
    """The C++ build, or None where it is not installed (or is blocked, as a test does)."""
    try:
        import fast_diff_match_patch
    except ImportError:
        return None
    return fast_diff_match_patch


def fast_diff(a: str, b: str) -> RawDiff:
    """The C++ build's diff of the same strings: what :func:`python_diff` returns."""
    module = fast_module()
    if module is None:
        raise ImportError("fast_diff_match_patch is not installed")
    return [(_CODES[op], text) for op, text in
            module.diff(a, b, timelimit=TIMEOUT, checklines=False, cleanup="No", counts_only=False)]


def raw_differ() -> Callable[[str, str], RawDiff]:
    """The fastest diff available here: C++ if installed, else pure Python."""
    return fast_diff if fast_module() is not None else python_diff


def cleanup_semantic(raw: RawDiff) -> RawDiff:
    """diff-match-patch's semantic clean-up (edits snap to whole words), in place; always the pure-Python
    one, so that both builds end in the same edits."""
    python_dmp().diff_cleanupSemantic(raw)
    return raw


__all__ = ["TIMEOUT", "RawDiff", "cleanup_semantic", "fast_diff", "fast_module", "python_diff", "python_dmp",
           "raw_differ"]
