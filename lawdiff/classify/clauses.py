"""Sentences, clauses and actors of one text, found once, so that guessing a duty-bearer is a lookup.

Why: :meth:`lawdiff.classify.parties.Parties.bearer_actor` is asked about every match of every rule with a
``bearer:`` key and about every modal word when the regulated parties are inferred.  It used to walk
back from the match to the start of its sentence and then scan the sentence clause by clause and the
whole actor list, so one long article without sentence ends (a PDF conversion that lost its 。) took
time quadratic in its length: 18 s at 80 KB.  :class:`ClauseIndex` does that work once per text in
linear time; every question after that is a binary search.

A *clause* here is a stretch between two delimiters (``,:`` end a clause, ``。;\\n!?`` a sentence, in
the width-folded match text).  For each clause the index keeps the first actor named inside it (none if
the clause opens with 对: its actors are objects) and whether the clause is a condition (ends with 的 or
时), and, for every clause, the next clause at or after it that names an actor and the next one that
does so outside a condition.  The answers are exactly those of the clause-by-clause scan.
"""

from __future__ import annotations

import bisect
import re

SENTENCE_END = "。;\n!?"
CLAUSE_END = ",:"
_SENTENCE_RX = re.compile(f"[{re.escape(SENTENCE_END)}]")
_CLAUSE_RX = re.compile(f"[{re.escape(CLAUSE_END)}]")
_DELIM_RX = re.compile(f"[{re.escape(SENTENCE_END + CLAUSE_END)}]")

Actor = tuple[int, int, str]  # (start, end, actor) in the text


class ClauseIndex:
    """Sentence and clause boundaries and the actors of one text (see the module docstring)."""

    __slots__ = (
        "_aends",
        "_astarts",
        "_by_start",
        "_clause_ends",
        "_cstarts",
        "_first",
        "_next_any",
        "_next_main",
        "_sent_ends",
        "actors",
    )

    def __init__(self, text: str, actors: list[Actor]):
        self.actors = actors
        self._astarts = [a[0] for a in actors]  # actors do not overlap (one finditer), so ends sort too
        self._aends = [a[1] for a in actors]
        self._by_start: dict[int, Actor] = {}
        for actor in actors:
            self._by_start.setdefault(actor[0], actor)
        self._sent_ends = [m.start() for m in _SENTENCE_RX.finditer(text)]
        self._clause_ends = [m.start() for m in _CLAUSE_RX.finditer(text)]
        delims = [m.start() for m in _DELIM_RX.finditer(text)]
        self._cstarts = [0] + [i + 1 for i in delims]
        stops = [*delims, len(text)]
        first: list[Actor | None] = []
        main: list[bool] = []
        for start, stop in zip(self._cstarts, stops):
            piece = text[start:stop]
            a: Actor | None = None
            if not piece.lstrip().startswith("对"):
                a = self._first_within(start, stop)
            first.append(a)
            main.append(a is not None and not piece.rstrip().endswith(("的", "时")))
        self._first = first
        n = len(first)
        self._next_any = [n] * (n + 1)
        self._next_main = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            self._next_any[k] = k if first[k] is not None else self._next_any[k + 1]
            self._next_main[k] = k if main[k] else self._next_main[k + 1]

    def _first_within(self, lo: int, hi: int) -> Actor | None:
        """The first actor a with lo <= a.start and a.end <= hi."""
        k = bisect.bisect_left(self._astarts, lo)
        if k < len(self.actors) and self._aends[k] <= hi:
            return self.actors[k]
        return None

    def sentence_start(self, pos: int) -> int:
        k = bisect.bisect_left(self._sent_ends, pos)
        return self._sent_ends[k - 1] + 1 if k else 0

    def clause_start(self, pos: int, sentence_start: int) -> int:
        k = bisect.bisect_left(self._clause_ends, pos)
        return max(sentence_start, self._clause_ends[k - 1] + 1) if k else sentence_start

    def own_actor(self, clause_start: int, pos: int) -> Actor | None:
        """The first actor named in [clause_start, pos)."""
        return self._first_within(clause_start, pos)

    def actor_at(self, start: int) -> Actor | None:
        return self._by_start.get(start)

    def earlier_clause_actor(self, sentence_start: int, clause_start: int) -> str | None:
        """The actor of the first clause in [sentence_start, clause_start) that names one outside a
        condition; else that of the first that names one in a condition (申请人对…不服的); else None."""
        if clause_start <= sentence_start:
            return None
        lo = bisect.bisect_left(self._cstarts, sentence_start)
        hi = bisect.bisect_left(self._cstarts, clause_start)  # clauses starting before the match's clause
        for nxt in (self._next_main, self._next_any):
            k = nxt[lo]
            if k < hi:
                a = self._first[k]
                assert a is not None
                return a[2]
        return None


__all__ = ["CLAUSE_END", "SENTENCE_END", "ClauseIndex"]
