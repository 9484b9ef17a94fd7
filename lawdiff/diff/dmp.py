"""The character diff under the word diff: diff-match-patch's C++ build when it is installed, else its
pure-Python one.

Why two: the pure-Python ``diff_bisect`` is O(N·D) in the interpreter, and was more than half of a run
on the EU AI Act (1.95 s of diff stage); the C++ build (``fast-diff-match-patch``, the same algorithm
compiled) does the same diff in a tenth of that.  It ships wheels for the common platforms only, so the
pure-Python library stays the fallback, and both must give the same edits: the C++ build is asked for the
raw diff only (no clean-up, with diff-match-patch's half-match speed-up on, as in the pure-Python one), and
the semantic clean-up is always the same Python one (:mod:`lawdiff.diff.cleanup`, diff-match-patch's,
rewritten to run in linear time), so the edits a user sees never depend on which build ran.  :mod:`lawdiff.diff.engine` calls :func:`raw_differ` with the time its unit has left; only a diff cut
short by that deadline (a pathological text, flagged in the report) can differ between the builds, as it
differs between a fast and a slow machine.  tests/test_dmp_builds.py compares the two on real units.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import diff_match_patch as dmp_module
from diff_match_patch import diff_match_patch

#: The time limit of a diff with no deadline of its own (the tests' comparisons): generous, so that the
#: half-match speed-up is on (a limit of 0 turns it off and insists on a minimal diff) and never reached.
TIMEOUT = 3600.0

RawDiff = list[tuple[int, str]]  # diff-match-patch's (-1 | 0 | 1, text) pairs
Differ = Callable[[str, str, float], RawDiff]  # (a, b, seconds it may take) -> raw diff
_CODES = {"-": -1, "=": 0, "+": 1}


def python_diff(a: str, b: str, seconds: float = TIMEOUT) -> RawDiff:
    """The pure-Python library's ``diff_main`` (no line mode, no clean-up) within ``seconds``."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = seconds
    raw: RawDiff = dmp.diff_main(a, b, False)
    return raw


def fast_module() -> Any | None:
    """The C++ build, or None where it is not installed (or is blocked, as a test does)."""
    try:
        import fast_diff_match_patch
    except ImportError:
        return None
    return fast_diff_match_patch


def fast_diff(a: str, b: str, seconds: float = TIMEOUT) -> RawDiff:
    """The C++ build's diff of the same strings within ``seconds`` (> 0; 0 would mean no limit and no
    half-match): what :func:`python_diff` returns."""
    module = fast_module()
    if module is None:
        raise ImportError("fast_diff_match_patch is not installed")
    return [(_CODES[op], text) for op, text in
            module.diff(a, b, timelimit=seconds, checklines=False, cleanup="No", counts_only=False)]


def raw_differ() -> Differ | None:
    """The C++ diff where it is installed; None where it is not, and the caller runs the pure-Python
    library (:mod:`lawdiff.diff.engine` keeps its own account of the deadline there)."""
    return fast_diff if fast_module() is not None else None


def build() -> str:
    """Which diff runs, for the raw diff cache's key (:mod:`lawdiff.io.diff_store`): the pure-Python library's
    version, and the C++ build's file (size and time: it carries no version of its own) where it is installed
    and not blocked.  Looked up at each call (a stat), as :func:`raw_differ` is."""
    out = f"diff-match-patch {getattr(dmp_module, '__version__', '?')}"
    module = fast_module()
    if module is not None:
        try:
            st = os.stat(module.__file__)
        except (OSError, TypeError):
            return f"{out}; C++ build of unknown file"
        out += f"; C++ build {os.path.basename(module.__file__)} {st.st_size} {st.st_mtime_ns}"
    return out


__all__ = ["TIMEOUT", "Differ", "RawDiff", "build", "fast_diff", "fast_module", "python_diff", "raw_differ"]
