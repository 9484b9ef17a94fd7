"""diff-match-patch on encoded token strings, in bounded time: pieces first, then words, within a deadline.

diff-match-patch's bisect is O(N·D) in pure Python: two 50 KB articles with little in common took 25 s,
200 KB took 415 s.  So a long diff is done in two levels, like diff-match-patch's own line mode:

1. the two token strings are cut into **pieces** — after each sentence end, and a stretch with no
   sentence end for more than :data:`PIECE_MAX` tokens (a run-on article, a wall of combining marks) is
   cut *by content*: after a token whose window of :data:`WINDOW` tokens hashes to a multiple of
   :data:`CUT_EVERY`, so that an insertion moves no cut but its own (cutting every N tokens would shift
   every later piece and leave nothing equal);
2. the sequences of pieces are diffed (one character per distinct piece), equal pieces kept, and each
   changed stretch diffed token by token.

Every diff-match-patch call of one unit shares one deadline, :data:`UNIT_SECONDS` after the unit's diff
began (``LAWDIFF_DIFF_TIMEOUT`` overrides).  The raw diffs run on diff-match-patch's C++ build where it is
installed (:mod:`lawdiff.diff.dmp`), given the time left; the semantic clean-up is diff-match-patch's, in
the linear-time rewrite of :mod:`lawdiff.diff.cleanup` (the same result, 0.02 s instead of 0.6 s on the
27,000 entries of a 400 KB article's merged diff).
Past the deadline, diff-match-patch returns what it has: the stretch it was working on as one deletion and
one insertion.  That diff is coarser, never wrong — every token of both sides is still there, in order —
and :func:`raw_diff` says so (``cut_short``), which the report turns into a warning naming the unit.  No
law text comes near the deadline (the longest article of the bundled corpora, in the EU AI Act, takes
well under a second), so the output stays the same run after run and with either build; only a
pathological text depends on the machine's speed (and on the build), and it is flagged.
"""

from __future__ import annotations

import os
import re
import time

from diff_match_patch import diff_match_patch

from lawdiff.diff.cleanup import cleanup_semantic
from lawdiff.diff.dmp import raw_differ

#: Below this many tokens a plain token diff is fast; above it, pieces first (measured on the EU AI Act,
#: articles of 5,000+ tokens: 26 s for the diff stage with a single pass, see CHANGELOG).
COARSE_MIN = 400
#: A stretch without a sentence end longer than this (in tokens) is cut by content.
PIECE_MAX = 256
#: Tokens hashed to decide a cut by content, the average piece length it aims at, and the shortest piece.
WINDOW = 3
CUT_EVERY = 32
PIECE_MIN = 8
#: Seconds all diff-match-patch calls of one unit may take together.
UNIT_SECONDS = 5.0
ENV = "LAWDIFF_DIFF_TIMEOUT"

Raw = list[tuple[int, str]]


def unit_seconds() -> float:
    try:
        value = float(os.environ.get(ENV, UNIT_SECONDS))
    except ValueError:
        return UNIT_SECONDS
    return value if value > 0 else UNIT_SECONDS


class _Bounded(diff_match_patch):
    """diff-match-patch that notes when its deadline cut a bisect short."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        # A timeout of 0 would disable diff-match-patch's half-match speed-up (it then insists on a minimal
        # diff: 8 s on the EU AI Act); a positive one turns it on and bounds the work.
        self.Diff_Timeout = seconds
        self.deadline = time.time() + seconds
        self.cut_short = False
        self.fast = raw_differ()  # C++ where installed (lawdiff.diff.dmp): the same edits in a tenth of the time

    def diff_bisect(self, text1: str, text2: str, deadline: float) -> Raw:
        out: Raw = super().diff_bisect(text1, text2, deadline)
        if time.time() > deadline:
            self.cut_short = True
        return out

    def diff(self, a: str, b: str) -> Raw:
        left = self.deadline - time.time()
        if self.fast is not None and left > 0:
            raw = self.fast(a, b, left)  # the C++ build stops at the same deadline, on its own clock
            if time.time() > self.deadline:
                self.cut_short = True
            return raw
        # pure Python: also once the deadline has passed, when every bisect returns at once (and says so)
        out: Raw = self.diff_main(a, b, False, self.deadline)
        return out


def raw_diff(a: str, b: str, ends: set[str]) -> tuple[Raw, bool]:
    """diff-match-patch diff of two encoded token strings (one character per token), two-level when they
    are long; and whether the deadline made it coarser than it would otherwise be."""
    dmp = _Bounded(unit_seconds())
    if len(a) + len(b) < COARSE_MIN:
        return cleanup_semantic(dmp.diff(a, b)), dmp.cut_short
    pieces: dict[str, str] = {}
    ca, la = chunk(a, ends, pieces)
    cb, lb = chunk(b, ends, pieces)
    coarse = dmp.diff(ca, cb)
    out: Raw = []
    dele: list[str] = []
    ins: list[str] = []
    ia = ib = 0

    def flush() -> None:
        if dele or ins:
            out.extend(dmp.diff("".join(dele), "".join(ins)))
            dele.clear()
            ins.clear()

    for code, chars in coarse:
        n = len(chars)
        if code == 0:
            flush()
            out.append((0, "".join(la[ia : ia + n])))
            ia += n
            ib += n
        elif code == -1:
            dele.extend(la[ia : ia + n])
            ia += n
        else:
            ins.extend(lb[ib : ib + n])
            ib += n
    flush()
    merged: Raw = []
    for code, chars in out:
        if merged and merged[-1][0] == code:
            merged[-1] = (code, merged[-1][1] + chars)
        elif chars:
            merged.append((code, chars))
    return cleanup_semantic(merged), dmp.cut_short


def chunk(s: str, ends: set[str], pieces: dict[str, str]) -> tuple[str, list[str]]:
    """Split an encoded string into pieces (see the module docstring); map each distinct piece to one
    character (pieces live in their own string, so they may reuse the token code space)."""
    if ends:  # each stretch up to and with a sentence end, then what follows the last one (one regex, not a loop)
        cls = "".join(re.escape(c) for c in sorted(ends))
        stretches: list[str] = re.findall(f"[^{cls}]*[{cls}]|[^{cls}]+", s)
    else:
        stretches = [s] if s else []
    parts = [p for stretch in stretches for p in _cut(stretch)]
    enc = []
    for p in parts:
        c = pieces.get(p)
        if c is None:
            c = pieces[p] = chr(0xF0000 + len(pieces)) if len(pieces) < 0xFFFD else chr(0x100000 + len(pieces))
        enc.append(c)
    return "".join(enc), parts


def _cut(stretch: str) -> list[str]:
    """A stretch without sentence ends, cut by content when it is longer than :data:`PIECE_MAX` tokens."""
    if len(stretch) <= PIECE_MAX:
        return [stretch]
    out = []
    start = 0
    codes = [ord(c) for c in stretch]
    for i in range(WINDOW - 1, len(stretch)):
        size = i + 1 - start
        if size < PIECE_MIN:
            continue
        h = (codes[i] * 0x9E3779B1 ^ codes[i - 1] * 0x85EBCA77 ^ codes[i - 2] * 0xC2B2AE3D) & 0xFFFFFFFF
        if h % CUT_EVERY == 0 or size >= PIECE_MAX:
            out.append(stretch[start : i + 1])
            start = i + 1
    if start < len(stretch):
        out.append(stretch[start:])
    return out


__all__ = ["COARSE_MIN", "ENV", "PIECE_MAX", "UNIT_SECONDS", "chunk", "raw_diff", "unit_seconds"]
