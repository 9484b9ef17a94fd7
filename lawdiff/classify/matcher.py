"""How one rule fires on one unit: match texts, diff runs, side counts, amounts, evidence spans.

Split from :mod:`lawdiff.classify.label` (which turns firings into a label and a reason) so each reads in one
sitting.  The matching semantics are those documented in the schema at the top of
``data/rules/zh.yaml``:

* Patterns run on a *match text*: the unit text width-folded character by character (``，`` reads ``,``,
  full-width digits read as ASCII) so offsets stay those of the text as printed.
* ``deleted`` / ``inserted``: a match on the draft (final) side at least half of whose characters lie in
  deleted (inserted) runs of the word diff.  A ``(?P<changed>...)`` group narrows that to the group, and
  the rest of the match must not have changed entirely.  ``counterpart: x`` discards a match that has a
  similar match (bigram overlap >= x) on the other side: the clause was reworded, not added or dropped.
* When the two sides share little text (split/merged units, or under half the characters equal) run
  positions mean little, so ``deleted`` / ``inserted`` become side counts: more matches on the draft
  (final) side than on the other (``net: true`` asks for this always).
* ``unless`` matches on either side veto the matches they overlap (negation: "shall not be required to").
* ``bearer`` keeps only matches whose guessed duty-bearer (:mod:`lawdiff.classify.parties`) is of the listed
  classes (regulated / authority / counterparty); ``side`` runs a rule only when the run's regulated
  parties are private (or public) bodies.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from lawdiff.classify import amounts
from lawdiff.classify import budget as regex_budget
from lawdiff.classify.clauses import ClauseIndex
from lawdiff.errors import RuleError
from lawdiff.model import Article, ArticleDiff, Evidence, Firing, Lang, Op, UnitKind
from lawdiff.text.normalize import match_text
from lawdiff.classify.parties import DEFAULT, Parties
from lawdiff.classify.rules import Rule

SIDE_MODE_BELOW = 0.5  # share of equal characters under which run positions are not trusted
NUMERIC_WINDOW = 40  # characters within which a changed amount is paired with its replacement
CONTEXT = 16  # characters before an amount compared to pair it with its replacement (可以处 / 尚未实施…的)
MAX_EVIDENCE = 3  # spans per side and rule


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int


class _Locator:
    """Offset in a unit side's joined text -> "draft art. 4 item （四）"."""

    def __init__(self, side: str, articles: tuple[Article, ...]):
        self.starts: list[int] = []
        self.names: list[str] = []
        pos = 0
        for a in articles:
            many = len(a.paragraphs) > 1
            for p in a.paragraphs:
                base = f"{side} art. {a.ref}" + (f"({p.number})" if many else "")
                for text, name in ((p.text, base), *((i.text, f"{base} item {i.label}") for i in p.items)):
                    self.starts.append(pos)
                    self.names.append(name)
                    pos += len(text) + 1
        self.side = side

    def where(self, offset: int) -> str:
        if not self.starts:
            return self.side
        return self.names[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def _cover(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> int:
    """Characters of [s, e) inside the sorted, disjoint ``spans``."""
    n = 0
    i = max(0, bisect.bisect_right(starts, s) - 1)
    while i < len(spans) and spans[i][0] < e:
        a, b = spans[i]
        n += max(0, min(b, e) - max(a, s))
        i += 1
    return n


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"\W", "", s)
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


class UnitContext:
    """Everything about one changed unit that rules share: texts, runs, modes, cached matches."""

    def __init__(self, diff: ArticleDiff, lang: Lang, parties: Parties | None = None):
        self.diff, self.lang = diff, lang
        self.parties = parties or DEFAULT
        self.text = {"draft": diff.draft_text, "final": diff.final_text}
        self.mtext = {"draft": match_text(diff.draft_text), "final": match_text(diff.final_text)}
        dele: list[tuple[int, int]] = []
        ins: list[tuple[int, int]] = []
        self.map: list[tuple[int, int, int, Op]] = []  # (draft start, draft end, final start, op)
        equal = 0
        for e in diff.edits:
            n = len(e.text)
            if e.op is Op.DELETE:
                dele.append((e.draft_start, e.draft_start + n))
            elif e.op is Op.INSERT:
                ins.append((e.final_start, e.final_start + n))
            else:
                equal += n
            self.map.append((e.draft_start, e.draft_start + (0 if e.op is Op.INSERT else n), e.final_start, e.op))
        self.spans = {"draft": dele, "final": ins}
        self.span_starts = {"draft": [a for a, _ in dele], "final": [a for a, _ in ins]}
        total = len(diff.draft_text) + len(diff.final_text)
        unit = diff.unit
        self.side_mode = unit.kind in (UnitKind.SPLIT, UnitKind.MERGED) or (
            bool(diff.draft_text) and bool(diff.final_text) and 2 * equal / max(total, 1) < SIDE_MODE_BELOW)
        self.loc = {"draft": _Locator("draft", unit.draft), "final": _Locator("final", unit.final)}
        self._cache: dict[tuple[str, str], list[_Hit]] = {}
        self._terms: dict[tuple[str, str], tuple[amounts.Term, ...]] = {}
        self._index: dict[str, ClauseIndex] = {}
        self._bearers: dict[tuple[str, int], str] = {}
        self._found: dict[tuple, list[_Hit]] = {}
        self.timed: Rule | None = None  # the user rule being matched, whose patterns have a time limit
        self._map_starts = [m[0] for m in self.map]

    # -- matching
    def matches(self, rx: re.Pattern[str], side: str) -> list[_Hit]:
        """Non-empty matches of ``rx`` on one side, memoised; a user rule's under its time limit."""
        key = (rx.pattern, side)
        hits = self._cache.get(key)
        if hits is None:
            rule = self.timed
            if rule is None or not (limit := regex_budget.seconds()):
                hits = self._cache[key] = self._finditer(rx, side)
                return hits
            try:
                with regex_budget.time_limit(limit):
                    hits = self._finditer(rx, side)
            except regex_budget.PatternTimeout as exc:
                refs = ", ".join(f"art. {a.ref}" for a in getattr(self.diff.unit, side)) or "the text"
                raise RuleError(f"{rule.source}:{rule.line}: rule {rule.id}: pattern {rx.pattern!r} {exc} on "
                                f"{side} {refs}; simplify it (e.g. one .* where there are several in a row)"
                                ) from None
            self._cache[key] = hits
        return hits

    def _finditer(self, rx: re.Pattern[str], side: str) -> list[_Hit]:
        hits: list[_Hit] = []
        for m in rx.finditer(self.mtext[side]):
            if m.end() > m.start():
                if "changed" in rx.groupindex and m.group("changed") is not None:
                    hits.append(_ChangedHit(m.start(), m.end(), *m.span("changed")))
                else:
                    hits.append(_Hit(m.start(), m.end()))
        return hits

    def bearer(self, side: str, start: int, end: int) -> str:
        """regulated | authority | counterparty: who is guessed to bear the words at [start, end)."""
        key = (side, start)
        b = self._bearers.get(key)
        if b is None:
            text = self.mtext[side]
            if side not in self._index:
                self._index[side] = self.parties.index(text)
            b = self._bearers[key] = self.parties.bearer(text, start, end, self._index[side])
        return b

    def found(self, pats, side: str, unless, bearer: tuple[str, ...] = ()) -> list[_Hit]:
        """Matches of any pattern on one side, minus those vetoed by ``unless`` or borne by a party not in
        ``bearer`` (empty: anyone), overlaps merged: a match that overlaps one kept earlier (an earlier
        pattern's) is dropped.

        Kept matches never overlap, so they are kept sorted and a new match is checked against its one
        neighbour by binary search, and ``unless`` guards by a running maximum of their ends: linear
        in the matches, where comparing every pair took 18 s on an 80 KB article.  Memoised: rules
        share patterns, and ``fire`` asks about the same patterns on both sides."""
        key = (pats, side, unless, bearer)
        cached = self._found.get(key)
        if cached is not None:
            return list(cached)
        out: list[_Hit] = []
        for rx in pats:
            hits = self.matches(rx, side)  # sorted and disjoint: finditer
            if out:
                ends = [h.end for h in out]  # disjoint and sorted by start, so sorted by end too
                hits = [h for h in hits if (k := bisect.bisect_right(ends, h.start)) == len(out)
                        or out[k].start >= h.end]
                out = sorted([*out, *hits], key=lambda h: h.start) if hits else out
            else:
                out = list(hits)
        if out and unless:  # guards are only scanned when there is something to veto
            guards = sorted((g.start, g.end) for rx in unless for g in self.matches(rx, side))
            gstarts = [g[0] for g in guards]
            reach: list[int] = []  # reach[i]: the furthest end of guards[:i + 1]
            for _, e in guards:
                reach.append(max(e, reach[-1]) if reach else e)
            out = [h for h in out if not ((k := bisect.bisect_left(gstarts, h.end)) and reach[k - 1] > h.start)]
        if out and bearer:
            out = [h for h in out if self.bearer(side, h.start, h.end) in bearer]
        self._found[key] = out
        return list(out)

    def changed(self, h: _Hit, side: str) -> bool:
        spans, starts = self.spans[side], self.span_starts[side]
        if isinstance(h, _ChangedHit):
            core = _cover(spans, starts, h.cstart, h.cend)
            rest_len = (h.end - h.start) - (h.cend - h.cstart)
            rest = _cover(spans, starts, h.start, h.end) - core
            return 2 * core >= (h.cend - h.cstart) and (rest_len == 0 or rest < rest_len)
        return 2 * _cover(spans, starts, h.start, h.end) >= h.end - h.start

    def touched(self, s: int, e: int, side: str) -> bool:
        return _cover(self.spans[side], self.span_starts[side], s, e) > 0

    def to_final(self, draft_pos: int) -> int:
        """The final-text offset of a draft offset.

        The runs tile the draft text in order, so no run before the last one starting at or before
        ``draft_pos`` can hold it: the scan starts there (bisection) instead of at the first run."""
        i = max(0, bisect.bisect_right(self._map_starts, draft_pos) - 1)
        while i > 0 and self.map[i - 1][1] > draft_pos:  # runs that do not tile (never from diff_tokens)
            i -= 1
        for j in range(i, len(self.map)):
            ds, de, fs, op = self.map[j]
            if op is Op.EQUAL and ds <= draft_pos < de:
                return fs + draft_pos - ds
            if op is Op.DELETE and ds <= draft_pos < de:
                return fs
            if ds > draft_pos:
                return fs
        return len(self.diff.final_text)

    def terms(self, kind: str, side: str) -> tuple[amounts.Term, ...]:
        key = (kind, side)
        if key not in self._terms:
            self._terms[key] = amounts.terms(kind, self.mtext[side], self.lang)
        return self._terms[key]

    def evidence(self, side: str, s: int, e: int) -> Evidence:
        return Evidence(side, self.text[side][s:e], self.loc[side].where(s), s, e)


@dataclass(frozen=True, slots=True)
class _ChangedHit(_Hit):
    cstart: int
    cend: int


# ----------------------------------------------------------------------------------- a rule


def _side_hits(ctx: UnitContext, rule: Rule, pats, side: str, counterpart: float | None = None) -> list[_Hit]:
    """``deleted`` (side=draft) / ``inserted`` (side=final) hits, or [] if the rule's condition fails."""
    other = "final" if side == "draft" else "draft"
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

    def __init__(self, texts):
        self.sets: list[set[str]] = []
        self.texts: set[str] = set()
        self.by_bigram: dict[str, list[int]] = {}
        for t in texts:
            if t not in self.texts:
                self.texts.add(t)
                b = _bigrams(t)
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
                hb = _bigrams(text)
                cands = {i for g in hb for i in self.by_bigram.get(g, ())}
                score = max((len(hb & self.sets[i]) / max(1, min(len(hb), len(self.sets[i]))) for i in cands),
                            default=0.0)
            self.memo[text] = score
        return score


def _has_changed_group(pats) -> bool:
    """Patterns with a (?P<changed>...) group compare runs even in rewritten units: presence can't say it."""
    return any("changed" in rx.groupindex for rx in pats)


def _numeric(ctx: UnitContext, rule: Rule) -> list[Evidence] | None:
    assert rule.numeric is not None
    kind, cmp = rule.numeric.kind, rule.numeric.compare
    dterms, fterms = ctx.terms(kind, "draft"), ctx.terms(kind, "final")
    if rule.bearer:
        dterms = tuple(t for t in dterms if ctx.bearer("draft", t.start, t.end) in rule.bearer)
        fterms = tuple(t for t in fterms if ctx.bearer("final", t.start, t.end) in rule.bearer)
    pairs: list[tuple[amounts.Term | None, amounts.Term | None]] = []
    if ctx.side_mode:
        for k in sorted({t.kind for t in dterms} | {t.kind for t in fterms}):
            d = max((t for t in dterms if t.kind == k), key=lambda t: t.value, default=None)
            f = max((t for t in fterms if t.kind == k), key=lambda t: t.value, default=None)
            pairs.append((d, f))
    else:
        dchg = [t for t in dterms if ctx.touched(t.start, t.end, "draft")]
        fchg = [t for t in fterms if ctx.touched(t.start, t.end, "final")]
        free = list(fchg)
        for d in dchg:
            at = ctx.to_final(d.start)
            lead = _bigrams(ctx.mtext["draft"][max(0, d.start - CONTEXT) : d.start])
            best, best_score = None, 0.0
            for f in free:
                if f.kind != d.kind:
                    continue
                flead = _bigrams(ctx.mtext["final"][max(0, f.start - CONTEXT) : f.start])
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
            "increase": d is not None and f is not None and f.value > d.value,
            "decrease": d is not None and f is not None and f.value < d.value,
            "added": d is None and f is not None,
            "removed": d is not None and f is None,
        }[cmp]
        if ok:
            if d is not None:
                out.append(ctx.evidence("draft", d.start, d.end))
            if f is not None:
                out.append(ctx.evidence("final", f.start, f.end))
    return out or None


def fire(rule: Rule, ctx: UnitContext) -> Firing | None:
    """The firing of ``rule`` on the unit, or None.  A user rule's patterns are timed (regex_budget)."""
    ctx.timed = rule if rule.user else None
    try:
        return _fire(rule, ctx)
    finally:
        ctx.timed = None


def _fire(rule: Rule, ctx: UnitContext) -> Firing | None:
    if rule.side is not None and (rule.side == "public") is not ctx.parties.public:
        return None
    ev: list[Evidence] = []
    dhits = fhits = None
    if rule.deleted:
        dhits = _side_hits(ctx, rule, rule.deleted, "draft", rule.counterpart)
        if not dhits:
            return None
    if rule.inserted:
        fhits = _side_hits(ctx, rule, rule.inserted, "final", rule.counterpart)
        if not fhits:
            return None
    if rule.near is not None and dhits and fhits and not ctx.side_mode:
        near = _near(ctx, dhits, fhits, rule.near)
        if near is None:
            return None
        dhits, fhits = near
    for side, pats, want in (("draft", rule.draft_only, "only"), ("final", rule.final_only, "only"),
                             ("draft", rule.draft_has, "has"), ("final", rule.final_has, "has")):
        if not pats:
            continue
        other = "final" if side == "draft" else "draft"
        hits: list[_Hit] = []
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
    ev[:0] = [ctx.evidence("draft", h.start, h.end) for h in (dhits or [])[:MAX_EVIDENCE]] + [
        ctx.evidence("final", h.start, h.end) for h in (fhits or [])[:MAX_EVIDENCE]]
    ev.sort(key=lambda e: (e.side != "draft", e.start))
    return Firing(rule.id, rule.theme, rule.direction, rule.weight, rule.description, tuple(ev))


def _near(ctx: UnitContext, dhits: list[_Hit], fhits: list[_Hit], near: int):
    """The draft and final hits within ``near`` characters of each other (a draft hit placed in the final
    text), or None if there are none.

    A final hit f is near the point p when f.start - near <= p <= f.end + near.  Hits are sorted and
    disjoint, and p grows with the draft hit, so the final hits near each draft hit are a window found
    by bisection and the windows only move forward: linear, where pairing every hit with every hit was
    quadratic in a long article."""
    fstarts = [f.start for f in fhits]
    fends = [f.end for f in fhits]
    dk: list[_Hit] = []
    fk: list[_Hit] = []
    upto = 0  # final hits before this index are already kept
    for d in dhits:
        p = ctx.to_final(d.start)
        lo, hi = bisect.bisect_left(fends, p - near), bisect.bisect_right(fstarts, p + near)
        if lo < hi:
            dk.append(d)
            fk.extend(fhits[max(lo, upto) : hi])
            upto = max(upto, hi)
    return (dk, fk) if dk else None


__all__ = ["UnitContext", "fire"]
