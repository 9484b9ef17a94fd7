"""Norms moved across articles: removed from one unit and added, nearly word for word, to another.

A criminal-liability clause gathered into a general article, a paragraph moved into the article it now
belongs to: read unit by unit these look like a norm removed here and a norm added there.  Looked at
across the whole revision they are one norm moved, and neither change moves the burden.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from lawdiff.model import ChangeKind, NormChange, UnitNorms
from lawdiff.norms.compare import core_key, gram_set

MOVE_MIN = 0.75  # least similarity for a removed and an added norm in different units to be one norm moved
MOVE_POOL_MAX = 400  # above this many candidates per side only word-for-word moves are looked for (speed)


def resolve_moves(units: Sequence[UnitNorms]) -> tuple[UnitNorms, ...]:
    """Pair norms removed in one unit with near-identical norms added in another: both become ``moved``."""
    removed = [(i, k, core_key(c.draft)) for i, u in enumerate(units) for k, c in enumerate(u.changes)
               if c.kind is ChangeKind.NORM_REMOVED and c.draft is not None]
    added = [(i, k, core_key(c.final)) for i, u in enumerate(units) for k, c in enumerate(u.changes)
             if c.kind is ChangeKind.NORM_ADDED and c.final is not None]
    if not removed or not added:
        return tuple(units)
    fuzzy = len(removed) <= MOVE_POOL_MAX and len(added) <= MOVE_POOL_MAX
    by_key: dict[str, list[int]] = {}
    for b, (_, _, key) in enumerate(added):
        by_key.setdefault(key, []).append(b)
    cands: list[tuple[float, int, int]] = []
    grams = [gram_set(key) for _, _, key in added] if fuzzy else []
    index: dict[str, list[int]] = {}
    for b, g in enumerate(grams):
        for x in g:
            index.setdefault(x, []).append(b)
    for a, (i, k, key) in enumerate(removed):
        if not fuzzy:
            cands.extend((1.0, a, b) for b in by_key.get(key, ()) if added[b][0] != i)
            continue
        # only the added norms that share a character pair can reach MOVE_MIN (or have the very same key)
        ga = gram_set(key)
        shared: dict[int, int] = dict.fromkeys(by_key.get(key, ()), 0)
        for x in ga:
            for b in index.get(x, ()):
                shared[b] = shared.get(b, 0) + 1
        for b in sorted(shared):
            j, m, key2 = added[b]
            if j != i and _same_kind(units[i].changes[k], units[j].changes[m]):
                sim = 1.0 if key == key2 else (2 * shared[b] / (len(ga) + len(grams[b])) if ga and grams[b] else 0.0)
                if sim >= MOVE_MIN:
                    cands.append((sim, a, b))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    moved: dict[tuple[int, int], str] = {}
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, a, b in cands:
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        (i, k, _), (j, m, _) = removed[a], added[b]
        moved[(i, k)] = units[j].unit_id
        moved[(j, m)] = units[i].unit_id
    out: list[UnitNorms] = []
    for i, u in enumerate(units):
        if not any((i, k) in moved for k in range(len(u.changes))):
            out.append(u)
            continue
        cs = tuple(replace(c, kind=ChangeKind.MOVED, detail=moved[(i, k)]) if (i, k) in moved else c
                   for k, c in enumerate(u.changes))
        out.append(replace(u, changes=cs))
    return tuple(out)


def _same_kind(a: NormChange, b: NormChange) -> bool:
    return a.norm.modality is b.norm.modality and a.polarity is b.polarity


__all__ = ["resolve_moves"]
