"""Units' norm changes judged by the norm rules: firings with evidence spans a lawyer can check.

Three steps, so that data flows one way:

1. :func:`read_unit` reads both sides of one aligned unit into norms and lists their changes;
2. :func:`resolve_moves` looks across the whole revision: a norm removed from one article and added,
   nearly word for word, to another (a criminal-liability clause gathered into a general article, a
   paragraph moved) was moved, not removed and added — both changes become ``moved``;
3. :func:`judge` applies the norm rules to a unit's remaining changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..match import match_text
from ..model import ArticleDiff, Direction, Evidence, Firing, UnitKind
from .clauses import Locator, sentences
from .compare import ChangeKind, NormChange, changes, core_key, similarity_of_keys
from .read import Reader
from .rules import NormRule, NormRules
from .types import Norm, Span

MOVE_MIN = 0.75  # least similarity for a removed and an added norm in different units to be one norm moved
MOVE_POOL_MAX = 400  # above this many candidates per side only word-for-word moves are looked for


@dataclass(frozen=True, slots=True)
class UnitNorms:
    """The norms of one unit's two sides, their changes, and where each offset lies (for evidence)."""

    unit_id: str
    draft: tuple[Norm, ...]
    final: tuple[Norm, ...]
    changes: tuple[NormChange, ...]
    locators: tuple[Locator, Locator]  # draft, final


@dataclass(frozen=True, slots=True)
class Judgement:
    norms: UnitNorms
    findings: tuple[tuple[NormChange, NormRule], ...]  # the changes a rule decided, with that rule
    firings: tuple[Firing, ...]


def read_unit(diff: ArticleDiff, reader: Reader) -> UnitNorms:
    unit = diff.unit
    dm, fm = match_text(diff.draft_text), match_text(diff.final_text)
    dn = reader.read(diff.draft_text, unit.draft, "draft", dm) if unit.draft else ()
    fn = reader.read(diff.final_text, unit.final, "final", fm) if unit.final else ()
    locs = (Locator(sentences(diff.draft_text, unit.draft, "draft", dm), "draft"),
            Locator(sentences(diff.final_text, unit.final, "final", fm), "final"))
    if unit.kind not in (UnitKind.ADDED, UnitKind.REMOVED) and not diff.changed:
        return UnitNorms(unit.id, dn, fn, (), locs)
    return UnitNorms(unit.id, dn, fn, tuple(changes(dn, fn, reader.lex, diff.edits)), locs)


def resolve_moves(units: Sequence[UnitNorms]) -> list[UnitNorms]:
    """Pair norms removed in one unit with near-identical norms added in another: moved, not changed."""
    removed = [(i, k, core_key(c.draft)) for i, u in enumerate(units) for k, c in enumerate(u.changes)
               if c.kind is ChangeKind.NORM_REMOVED and c.draft is not None]
    added = [(i, k, core_key(c.final)) for i, u in enumerate(units) for k, c in enumerate(u.changes)
             if c.kind is ChangeKind.NORM_ADDED and c.final is not None]
    if not removed or not added:
        return list(units)
    fuzzy = len(removed) <= MOVE_POOL_MAX and len(added) <= MOVE_POOL_MAX
    cands: list[tuple[float, int, int]] = []
    by_key: dict[str, list[int]] = {}
    for b, (_, _, key) in enumerate(added):
        by_key.setdefault(key, []).append(b)
    for a, (i, k, key) in enumerate(removed):
        if fuzzy:
            for b, (j, m, key2) in enumerate(added):
                if j != i and _same_kind(units[i].changes[k], units[j].changes[m]):
                    sim = 1.0 if key == key2 else similarity_of_keys(key, key2)
                    if sim >= MOVE_MIN:
                        cands.append((sim, a, b))
        else:
            cands.extend((1.0, a, b) for b in by_key.get(key, ()) if added[b][0] != i)
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
    return out


def _same_kind(a: NormChange, b: NormChange) -> bool:
    return a.norm.modality is b.norm.modality and a.polarity is b.polarity


def judge(norms: UnitNorms, rules: NormRules) -> Judgement:
    findings: list[tuple[NormChange, NormRule]] = []
    firings: list[Firing] = []
    for c in norms.changes:
        r = rules.first(c)
        if r is None:
            continue
        w = r.weight_of(c)
        if w <= 0 and r.direction is not Direction.NEUTRAL:
            continue
        findings.append((c, r))
        ev = tuple(_evidence("draft", s, norms.locators[0]) for s in c.draft_spans[:3]) + tuple(
            _evidence("final", s, norms.locators[1]) for s in c.final_spans[:3])
        firings.append(Firing(r.id, r.theme, r.direction, w, r.description, ev))
    return Judgement(norms, tuple(findings), tuple(_merge(firings)))


def _evidence(side: str, s: Span, loc: Locator) -> Evidence:
    return Evidence(side, s.text, loc.where(s.start), s.start, s.end)


def _merge(firings: list[Firing]) -> list[Firing]:
    """One firing per rule: weights add up, evidence is pooled (a list of three dropped items is one
    'prohibition deleted' with three spans, weighing three)."""
    by: dict[str, Firing] = {}
    for f in firings:
        g = by.get(f.rule_id)
        if g is None:
            by[f.rule_id] = f
        else:
            by[f.rule_id] = Firing(g.rule_id, g.theme, g.direction, round(g.weight + f.weight, 3), g.description,
                                   (g.evidence + f.evidence)[:6])
    return list(by.values())


__all__ = ["Judgement", "UnitNorms", "judge", "read_unit", "resolve_moves"]
