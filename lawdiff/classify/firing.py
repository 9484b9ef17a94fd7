"""How one rule fires on one unit: the rule's matchers, asked of a :class:`UnitContext`.

The semantics are those documented in the schema at the top of ``data/rules/zh.yaml`` and summed up in
:mod:`lawdiff.classify.matcher`; :mod:`lawdiff.classify.label` turns the firings into a label and a
reason.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from lawdiff.classify.amounts import Term
from lawdiff.classify.matcher import CONTEXT, MAX_EVIDENCE, NUMERIC_WINDOW, Hit, Patterns, UnitContext, bigrams
from lawdiff.classify.schema import Compare, Rule
from lawdiff.model import Evidence, Firing, Side, Sphere


def _side_hits(ctx: UnitContext, rule: Rule, pats: Patterns, side: Side, counterpart: float | None = None
               ) -> list[Hit]:
    """``deleted`` (side=draft) / ``inserted`` (side=final) hits, or [] if the rule's condition fails."""
    other = Side.FINAL if side is Side.DRAFT else Side.DRAFT
    mine = ctx.found(pats, side, rule.unless, rule.bearer)
    if not mine:
        return []
    if counterpart is not None:
        # compared with every match on the other side, guards or not: a reworded clause is not new
        similar = _Similar(ctx.mtext[other][t.start : t.end] for t in ctx.found(pats, other, (), rule.bearer))
        kept = [h for h in mine if similar.best(ctx.mtext[side][h.start : h.end]) < counterpart]
        if not kept:
            return []
        if ctx.side_mode:
            return kept
        mine = kept
    elif (ctx.side_mode and not _has_changed_group(pats)) or rule.net:
        # presence: more matches on this side than on the other; evidence prefers the changed ones
        if len(mine) <= len(ctx.found(pats, other, rule.unless, rule.bearer)):
            return []
        touched = [h for h in mine if ctx.touched(h.start, h.end, side)]
        return touched or mine
    return [h for h in mine if ctx.changed(h, side)]


class _Similar:
    """The best bigram overlap of a text with any of a set of texts (``counterpart``).

    Comparing every match with every match on the other side was quadratic in a long article; here each
    distinct text is compared once, and only with the texts it shares a bigram with (the overlap with the
    others is 0)."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.sets: list[set[str]] = []
        self.texts: set[str] = set()
        self.by_bigram: dict[str, list[int]] = {}
        for t in texts:
            if t not in self.texts:
                self.texts.add(t)
                b = bigrams(t)
                for g in b:
                    self.by_bigram.setdefault(g, []).append(len(self.sets))
                self.sets.append(b)
        self.memo: dict[str, float] = {}

    def best(self, text: str) -> float:
        score = self.memo.get(text)
        if score is None:
            if text in self.texts:
                score = 1.0  # the same words: |b & b| / |b|
            else:
                hb = bigrams(text)
                cands = {i for g in hb for i in self.by_bigram.get(g, ())}
                score = max((len(hb & self.sets[i]) / max(1, min(len(hb), len(self.sets[i]))) for i in cands),
                            default=0.0)
            self.memo[text] = score
        return score


def _has_changed_group(pats: Patterns) -> bool:
    """Patterns with a (?P<changed>...) group compare runs even in rewritten units: presence can't say it."""
    return any("changed" in rx.groupindex for rx in pats)


def _numeric(ctx: UnitContext, rule: Rule) -> list[Evidence] | None:
    assert rule.numeric is not None
    kind, cmp = rule.numeric.kind, rule.numeric.compare
    dterms, fterms = ctx.terms(kind, Side.DRAFT), ctx.terms(kind, Side.FINAL)
    if rule.bearer:
        dterms = tuple(t for t in dterms if ctx.bearer(Side.DRAFT, t.start, t.end) in rule.bearer)
        fterms = tuple(t for t in fterms if ctx.bearer(Side.FINAL, t.start, t.end) in rule.bearer)
    pairs: list[tuple[Term | None, Term | None]] = []
    if ctx.side_mode:
        for k in sorted({t.kind for t in dterms} | {t.kind for t in fterms}):
            d = max((t for t in dterms if t.kind == k), key=lambda t: t.value, default=None)
            f = max((t for t in fterms if t.kind == k), key=lambda t: t.value, default=None)
            pairs.append((d, f))
    else:
        dchg = [t for t in dterms if ctx.touched(t.start, t.end, Side.DRAFT)]
        fchg = [t for t in fterms if ctx.touched(t.start, t.end, Side.FINAL)]
        free = list(fchg)
        for d in dchg:
            at = ctx.to_final(d.start)
            lead = bigrams(ctx.mtext[Side.DRAFT][max(0, d.start - CONTEXT) : d.start])
            best, best_score = None, 0.0
            for f in free:
                if f.kind != d.kind:
                    continue
                flead = bigrams(ctx.mtext[Side.FINAL][max(0, f.start - CONTEXT) : f.start])
                sim = 2 * len(lead & flead) / max(1, len(lead) + len(flead))
                near = abs(f.start - at) <= NUMERIC_WINDOW
                score = sim + (0.5 if near else 0.0)
                if (sim >= 0.3 or near) and score > best_score:
                    best, best_score = f, score
            if best is not None:
                free.remove(best)
            pairs.append((d, best))
        pairs.extend((None, f) for f in free)
    out: list[Evidence] = []
    for d, f in pairs:
        ok = {
            Compare.INCREASE: d is not None and f is not None and f.value > d.value,
            Compare.DECREASE: d is not None and f is not None and f.value < d.value,
            Compare.ADDED: d is None and f is not None,
            Compare.REMOVED: d is not None and f is None,
        }[cmp]
        if ok:
            if d is not None:
                out.append(ctx.evidence(Side.DRAFT, d.start, d.end))
            if f is not None:
                out.append(ctx.evidence(Side.FINAL, f.start, f.end))
    return out or None


def fire(rule: Rule, ctx: UnitContext) -> Firing | None:
    """The firing of ``rule`` on the unit, or None.  A user rule's patterns are timed (lawdiff.classify.patterns)."""
    ctx.timed = rule if rule.user else None
    try:
        return _fire(rule, ctx)
    finally:
        ctx.timed = None


def _fire(rule: Rule, ctx: UnitContext) -> Firing | None:
    if rule.side is not None and (rule.side is Sphere.PUBLIC) is not ctx.parties.public:
        return None
    ev: list[Evidence] = []
    dhits = fhits = None
    if rule.deleted:
        dhits = _side_hits(ctx, rule, rule.deleted, Side.DRAFT, rule.counterpart)
        if not dhits:
            return None
    if rule.inserted:
        fhits = _side_hits(ctx, rule, rule.inserted, Side.FINAL, rule.counterpart)
        if not fhits:
            return None
    if rule.near is not None and dhits and fhits and not ctx.side_mode:
        near = _near(ctx, dhits, fhits, rule.near)
        if near is None:
            return None
        dhits, fhits = near
    for side, pats, want in ((Side.DRAFT, rule.draft_only, "only"), (Side.FINAL, rule.final_only, "only"),
                             (Side.DRAFT, rule.draft_has, "has"), (Side.FINAL, rule.final_has, "has")):
        if not pats:
            continue
        other = Side.FINAL if side is Side.DRAFT else Side.DRAFT
        hits: list[Hit] = []
        for rx in pats:
            mine = ctx.found((rx,), side, rule.unless, rule.bearer)
            if mine and (want == "has" or not ctx.found((rx,), other, rule.unless, rule.bearer)):
                hits.extend(mine)
        if not hits:
            return None
        if want == "only":
            ev.extend(ctx.evidence(side, h.start, h.end) for h in hits[:MAX_EVIDENCE])
    if rule.numeric is not None:
        nev = _numeric(ctx, rule)
        if nev is None:
            return None
        ev.extend(nev[: 2 * MAX_EVIDENCE])
    ev[:0] = [ctx.evidence(Side.DRAFT, h.start, h.end) for h in (dhits or [])[:MAX_EVIDENCE]] + [
        ctx.evidence(Side.FINAL, h.start, h.end) for h in (fhits or [])[:MAX_EVIDENCE]]
    ev.sort(key=lambda e: (e.side is not Side.DRAFT, e.start))
    return Firing(rule.id, rule.theme, rule.direction, rule.weight, rule.description, tuple(ev), rule.description_zh)


def _near(ctx: UnitContext, dhits: list[Hit], fhits: list[Hit], near: int) -> tuple[list[Hit], list[Hit]] | None:
    """The draft and final hits within ``near`` characters of each other (a draft hit placed in the final
    text), or None if there are none.

    A final hit f is near the point p when f.start - near <= p <= f.end + near.  Hits are sorted and
    disjoint, and p grows with the draft hit, so the final hits near each draft hit are a window found
    by bisection and the windows only move forward: linear, where pairing every hit with every hit was
    quadratic in a long article."""
    fstarts = [f.start for f in fhits]
    fends = [f.end for f in fhits]
    dk: list[Hit] = []
    fk: list[Hit] = []
    upto = 0  # final hits before this index are already kept
    for d in dhits:
        p = ctx.to_final(d.start)
        lo, hi = bisect.bisect_left(fends, p - near), bisect.bisect_right(fstarts, p + near)
        if lo < hi:
            dk.append(d)
            fk.extend(fhits[max(lo, upto) : hi])
            upto = max(upto, hi)
    return (dk, fk) if dk else None


__all__ = ["fire"]
