"""What every rule asks of one unit: match texts, diff runs, side counts, amounts, bearers, evidence spans.

:class:`UnitContext` answers and memoises those questions; :mod:`lawdiff.classify.firing` asks them for
one rule, :mod:`lawdiff.classify.label` turns the firings into a label and a reason.  The matching
semantics are those documented in the schema at the top of
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

from lawdiff.classify.amounts import Term
from lawdiff.classify.amounts import terms as amount_terms
from lawdiff.classify.clauses import ClauseIndex
from lawdiff.classify.parties import DEFAULT, Parties
from lawdiff.classify.patterns import PatternTimeout, seconds, time_limit
from lawdiff.classify.schema import Rule
from lawdiff.errors import RuleError
from lawdiff.model import Article, ArticleDiff, Bearer, Evidence, Lang, Op, Side, UnitKind
from lawdiff.text.normalize import match_text

Patterns = tuple[re.Pattern[str], ...]

SIDE_MODE_BELOW = 0.5  # share of equal characters under which run positions are not trusted
NUMERIC_WINDOW = 40  # characters within which a changed amount is paired with its replacement
CONTEXT = 16  # characters before an amount compared to pair it with its replacement (可以处 / 尚未实施…的)
MAX_EVIDENCE = 3  # spans per side and rule


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int


class Locator:
    """Offset in a unit side's joined text -> "draft art. 4 item （四）"."""

    def __init__(self, side: Side, articles: tuple[Article, ...]):
        self.starts: list[int] = []
        self.names: list[str] = []
        pos = 0
        for a in articles:
            many = len(a.paragraphs) > 1
            for p in a.paragraphs:
                base = f"{side.value} art. {a.ref}" + (f"({p.number})" if many else "")
                for text, name in ((p.text, base), *((i.text, f"{base} item {i.label}") for i in p.items)):
                    self.starts.append(pos)
                    self.names.append(name)
                    pos += len(text) + 1
        self.side = side

    def where(self, offset: int) -> str:
        if not self.starts:
            return self.side.value
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


def bigrams(s: str) -> set[str]:
    s = re.sub(r"\W", "", s)
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


class UnitContext:
    """Everything about one changed unit that rules share: texts, runs, modes, cached matches."""

    def __init__(self, diff: ArticleDiff, lang: Lang, parties: Parties | None = None):
        self.diff, self.lang = diff, lang
        self.parties = parties or DEFAULT
        self.text = {Side.DRAFT: diff.draft_text, Side.FINAL: diff.final_text}
        self.mtext = {Side.DRAFT: match_text(diff.draft_text), Side.FINAL: match_text(diff.final_text)}
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
        self.spans = {Side.DRAFT: dele, Side.FINAL: ins}
        self.span_starts = {Side.DRAFT: [a for a, _ in dele], Side.FINAL: [a for a, _ in ins]}
        total = len(diff.draft_text) + len(diff.final_text)
        unit = diff.unit
        self.side_mode = unit.kind in (UnitKind.SPLIT, UnitKind.MERGED) or (
            bool(diff.draft_text) and bool(diff.final_text) and 2 * equal / max(total, 1) < SIDE_MODE_BELOW)
        self.loc = {Side.DRAFT: Locator(Side.DRAFT, unit.draft), Side.FINAL: Locator(Side.FINAL, unit.final)}
        self._cache: dict[tuple[str, str], list[Hit]] = {}
        self._terms: dict[tuple[str, str], tuple[Term, ...]] = {}
        self._index: dict[str, ClauseIndex] = {}
        self._bearers: dict[tuple[Side, int], Bearer] = {}
        self._found: dict[tuple, list[Hit]] = {}
        self.timed: Rule | None = None  # the user rule being matched, whose patterns have a time limit
        self._map_starts = [m[0] for m in self.map]

    # -- matching
    def matches(self, rx: re.Pattern[str], side: Side) -> list[Hit]:
        """Non-empty matches of ``rx`` on one side, memoised; a user rule's under its time limit."""
        key = (rx.pattern, side)
        hits = self._cache.get(key)
        if hits is None:
            rule = self.timed
            if rule is None or not (limit := seconds()):
                hits = self._cache[key] = self._finditer(rx, side)
                return hits
            try:
                with time_limit(limit):
                    hits = self._finditer(rx, side)
            except PatternTimeout as exc:
                refs = ", ".join(f"art. {a.ref}" for a in getattr(self.diff.unit, side.value)) or "the text"
                raise RuleError(f"{rule.source}:{rule.line}: rule {rule.id}: pattern {rx.pattern!r} {exc} on "
                                f"{side.value} {refs}; simplify it (e.g. one .* where there are several in a row)"
                                ) from None
            self._cache[key] = hits
        return hits

    def _finditer(self, rx: re.Pattern[str], side: Side) -> list[Hit]:
        hits: list[Hit] = []
        for m in rx.finditer(self.mtext[side]):
            if m.end() > m.start():
                if "changed" in rx.groupindex and m.group("changed") is not None:
                    hits.append(ChangedHit(m.start(), m.end(), *m.span("changed")))
                else:
                    hits.append(Hit(m.start(), m.end()))
        return hits

    def bearer(self, side: Side, start: int, end: int) -> Bearer:
        """regulated | authority | counterparty: who is guessed to bear the words at [start, end)."""
        key = (side, start)
        b = self._bearers.get(key)
        if b is None:
            text = self.mtext[side]
            if side not in self._index:
                self._index[side] = self.parties.index(text)
            b = self._bearers[key] = self.parties.bearer(text, start, end, self._index[side])
        return b

    def found(self, pats: Patterns, side: Side, unless: Patterns, bearer: tuple[Bearer, ...] = ()) -> list[Hit]:
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
        out: list[Hit] = []
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

    def changed(self, h: Hit, side: Side) -> bool:
        spans, starts = self.spans[side], self.span_starts[side]
        if isinstance(h, ChangedHit):
            core = _cover(spans, starts, h.cstart, h.cend)
            rest_len = (h.end - h.start) - (h.cend - h.cstart)
            rest = _cover(spans, starts, h.start, h.end) - core
            return 2 * core >= (h.cend - h.cstart) and (rest_len == 0 or rest < rest_len)
        return 2 * _cover(spans, starts, h.start, h.end) >= h.end - h.start

    def touched(self, s: int, e: int, side: Side) -> bool:
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

    def terms(self, kind: str, side: Side) -> tuple[Term, ...]:
        key = (kind, side)
        if key not in self._terms:
            self._terms[key] = amount_terms(kind, self.mtext[side], self.lang)
        return self._terms[key]

    def evidence(self, side: Side, s: int, e: int) -> Evidence:
        return Evidence(side, self.text[side][s:e], self.loc[side].where(s), s, e)


@dataclass(frozen=True, slots=True)
class ChangedHit(Hit):
    cstart: int
    cend: int


__all__ = ["CONTEXT", "MAX_EVIDENCE", "NUMERIC_WINDOW", "ChangedHit", "Hit", "Locator", "Patterns", "UnitContext",
           "bigrams"]
