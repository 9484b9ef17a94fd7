"""What lawdiff is measured against, in the same benchmark run.

* :func:`greedy_difflib` — what small law-diff scripts do: for each draft article, in order, take the
  unused final article with the best ``difflib.SequenceMatcher`` ratio above 0.5; the rest are added or
  removed.  1:1 only (no splits or merges).  Two variants with identical results: ``prune=False``
  computes every ratio, as such scripts do; ``prune=True`` first checks the ``real_quick_ratio`` and
  ``quick_ratio`` upper bounds and skips candidates that cannot beat the best so far (as
  ``difflib.get_close_matches`` does) — the strongest form of the same algorithm.
* :func:`redlines_markdown` — the ``redlines`` package (``pip install lawdiff[bench]``) on the whole text;
  it has no notion of articles, so it is timed only.
"""

from __future__ import annotations

import time
from difflib import SequenceMatcher

from lawdiff.model import Document

Unit = tuple[frozenset[int], frozenset[int]]


class Timeout(Exception):
    pass


def greedy_difflib(draft: Document, final: Document, *, threshold: float = 0.5, prune: bool = True,
                   deadline: float | None = None) -> list[Unit]:
    """Alignment units ``(draft numbers, final numbers)``; raises :class:`Timeout` past ``deadline``
    (a ``time.perf_counter()`` value)."""
    finals = [(a.number, a.text) for a in final.articles]
    used = [False] * len(finals)
    units: list[Unit] = []
    sm = SequenceMatcher(None)
    for a in draft.articles:
        if deadline is not None and time.perf_counter() > deadline:
            raise Timeout
        sm.set_seq2(a.text)  # seq2 is the one SequenceMatcher caches: the draft article
        best, best_j = threshold, None
        for j, (_, text) in enumerate(finals):
            if used[j]:
                continue
            sm.set_seq1(text)
            if prune and (sm.real_quick_ratio() <= best or sm.quick_ratio() <= best):
                continue
            r = sm.ratio()
            if r > best:
                best, best_j = r, j
        if best_j is None:
            units.append((frozenset({a.number}), frozenset()))
        else:
            used[best_j] = True
            units.append((frozenset({a.number}), frozenset({finals[best_j][0]})))
    units.extend((frozenset(), frozenset({n})) for (n, _), u in zip(finals, used) if not u)
    return units


def redlines_markdown(draft_text: str, final_text: str) -> str:
    from redlines import Redlines

    return Redlines(draft_text, final_text).output_markdown


if __name__ == "__main__":  # time redlines in a child process: python baselines.py redlines A B
    import sys
    from pathlib import Path

    a, b = (Path(p).read_text(encoding="utf-8") for p in sys.argv[2:4])
    t0 = time.perf_counter()
    redlines_markdown(a, b)
    print(f"{time.perf_counter() - t0:.6f}")
