"""Texts repeated a different number of times in the two versions: which copies pair with which.

A law can repeat an article's text word for word (``第N条　（删除）`` for every deleted article of a
consolidated text, identical penalty clauses).  Identical texts pair first (:mod:`lawdiff.align.passes`),
and when one side has more copies than the other the copies nearest in relative position pair.
"""

from __future__ import annotations

import heapq


def nearest_pairs(ds: list[int], fs: list[int], rel_d: list[float], rel_f: list[float]) -> tuple[list[int], list[int]]:
    """The draft and final articles kept when a text repeats unequally often on the two sides (both lists
    in reading order, each as long as the shorter input): pairs are taken greedily, nearest relative
    position first (ties: lower draft index, then lower final index), until one side runs out.

    Why not sort every draft x final pair by distance: ten thousand "（删除）" articles against 9,999 made
    a hundred million pairs (a MemoryError; 1,000 took 130 MB).  On a line, the nearest free pair is
    always two neighbours of the merged reading order (a point between them would be nearer to one of
    them), so a heap of neighbouring pairs, updated as points are taken, gives the same pairs in
    O((d + f) log(d + f)) time and linear memory."""
    points = sorted([(rel_d[i], 0, i) for i in ds] + [(rel_f[j], 1, j) for j in fs])
    prev = list(range(-1, len(points) - 1))
    nxt = list(range(1, len(points) + 1))
    taken = [False] * len(points)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(a: int, b: int) -> None:
        if 0 <= a and b < len(points) and points[a][1] != points[b][1]:
            (pa, sa, ia), (pb, _sb, ib) = points[a], points[b]
            i, j = (ia, ib) if sa == 0 else (ib, ia)
            heapq.heappush(heap, (abs(pa - pb), i, j, a, b))

    for a in range(len(points) - 1):
        push(a, a + 1)
    kept_d: list[int] = []
    kept_f: list[int] = []
    while heap and len(kept_d) < min(len(ds), len(fs)):
        _, i, j, a, b = heapq.heappop(heap)
        if taken[a] or taken[b]:
            continue
        taken[a] = taken[b] = True
        kept_d.append(i)
        kept_f.append(j)
        left, right = prev[a], nxt[b]  # a and b are neighbours: unlink both, join what was around them
        if left >= 0:
            nxt[left] = right
        if right < len(points):
            prev[right] = left
        push(left, right)
    return sorted(kept_d), sorted(kept_f)


__all__ = ["nearest_pairs"]
