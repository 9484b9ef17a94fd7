"""Align the articles of two versions of a law by content, not by number.

Drafts renumber, move, split and merge articles, so article numbers say little; text does.  Articles and
their sentences are compared by the weighted Dice coefficient of their features (see
:mod:`lawdiff.align.features`, which also finds the candidate pairs through an inverted index).

The passes, each cheap enough for a 1,260-article code:

1. identical texts (same comparison key) pair first, in reading order;
2. an inverted index of the remaining final articles finds, for each remaining draft article, the few
   candidates sharing its rarest features (and vice versa) -- never all pairs;
3. a greedy assignment by descending similarity accepts confident matches; position is only a tiebreak;
4. the remaining candidate pairs, again by descending similarity: two leftover articles pair as a weak
   match (flagged ``weak``) when something corroborates it -- the final article sits where the confident
   neighbours say it should, or a whole sentence carried over; a leftover joins a matched unit as a split
   part (1 -> n) or a merged part (n -> 1) when it carried over a sentence of that unit's article which
   the unit does not already account for (``PART_MARGIN``, ``PART_LINE``), and no other article
   resembles it as closely sentence for sentence.  One pass, so the stronger evidence wins either way;
5. leftovers with less evidence may then still join a unit, if joining makes the unit more similar or
   the leftover lies mostly inside it;
6. everything else is added or removed, with a note naming the closest article that was not accepted.

A unit is ``moved`` when it is out of order among the matched units (not in their longest increasing
run) or when its article left its chapter: most matched articles of a draft chapter go to one final
chapter (its counterpart, whatever it is now called or numbered), and an article that went elsewhere
moved.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict

from lawdiff.align.features import Index
from lawdiff.align.repeats import nearest_pairs
from lawdiff.align.thresholds import (
    ALT_FLOOR,
    ALT_SENTENCES,
    CONFIDENT,
    LINE_CARRIED,
    PART_CONTAINED,
    PART_LINE,
    PART_MARGIN,
    PLACE_FREE,
    PROXIMITY_TIEBREAK,
    SLACK_FRACTION,
    SLACK_MIN,
    WEAK_FLOOR,
)
from lawdiff.model import AlignedUnit, AlignNote, Article, Document, Lang, NoteKind, Side, UnitKind
from lawdiff.text.normalize import key

_DIVISION = re.compile(
    r"^(?:第[\d零〇一二三四五六七八九十百千两]+(?:分编|编|章)|(?:part|title|chapter)\b)", re.IGNORECASE
)


class _Aligner:
    def __init__(self, draft: Document, final: Document, lang: Lang) -> None:
        self.x = Index(draft, final, lang)
        self.d, self.f = self.x.d, self.x.f
        # units: id -> (draft indices, final indices); article -> unit id
        self.units: dict[int, tuple[list[int], list[int]]] = {}
        self.ud: dict[int, int] = {}
        self.uf: dict[int, int] = {}
        self.weak_pass: dict[int, str] = {}  # unit -> what corroborated the weak match
        self.joined: dict[int, list[AlignNote]] = defaultdict(list)  # unit -> parts that joined it, for the note

    # ----------------------------------------------------------------- passes

    def link(self, ds: list[int], fs: list[int]) -> int:
        uid = len(self.units)
        self.units[uid] = (ds, fs)
        for i in ds:
            self.ud[i] = uid
        for j in fs:
            self.uf[j] = uid
        return uid

    def exact(self) -> None:
        by_key: dict[str, list[int]] = defaultdict(list)
        for j, k in enumerate(self.f.keys):
            by_key[k].append(j)
        groups: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(self.d.keys):
            if k in by_key:
                groups[k].append(i)
        for k, ds in groups.items():
            fs = by_key[k]
            if len(ds) != len(fs):  # repeated text, unequal counts: keep the nearest, then pair in order
                ds, fs = nearest_pairs(ds, fs, self.d.rel, self.f.rel)
            for i, j in zip(ds, fs):
                self.link([i], [j])

    def candidates(self) -> None:
        rd = [i for i in range(len(self.d.keys)) if i not in self.ud]
        rf = [j for j in range(len(self.f.keys)) if j not in self.uf]
        self.x.candidates(rd, rf)

    def _ranked(self, floor: float, *, both_free: bool) -> list[tuple[int, int, float]]:
        ranked = []
        for (i, j), s in self.x.sim.items():
            if s < floor:
                continue
            free_d, free_f = i not in self.ud, j not in self.uf
            if (free_d and free_f) if both_free else (free_d or free_f):
                ranked.append((s - PROXIMITY_TIEBREAK * abs(self.d.rel[i] - self.f.rel[j]), i, j, s))
        ranked.sort(key=lambda t: (-t[0], t[1], t[2]))
        return [(i, j, s) for _, i, j, s in ranked]

    def confident(self) -> None:
        for i, j, _ in self._ranked(CONFIDENT, both_free=True):
            if i not in self.ud and j not in self.uf:
                self.link([i], [j])

    def grow(self) -> None:
        """Weak matches and split / merged parts, in one greedy pass by descending similarity.

        One pass, not two, so that the stronger evidence wins: a leftover final article that carried
        over a sentence of an already matched draft article joins it as a split part before a weaker
        article-level resemblance can pair it with another leftover, and the reverse."""
        anchors = sorted((ds[0], fs[0]) for ds, fs in self.units.values())
        nf = len(self.f.keys)
        slack = max(SLACK_MIN, round(SLACK_FRACTION * nf))
        pos_d = [a for a, _ in anchors]

        def window(i: int) -> tuple[int, int]:
            k = bisect_left(pos_d, i)
            before = anchors[k - 1][1] if k > 0 else 0
            after = anchors[k][1] if k < len(anchors) else nf - 1
            return min(before, after) - slack, max(before, after) + slack

        for i, j, s in self._ranked(WEAK_FLOOR, both_free=False):
            free_d, free_f = i not in self.ud, j not in self.uf
            if free_d and free_f:
                lo, hi = window(i)
                if s >= PLACE_FREE:
                    self.weak_pass[self.link([i], [j])] = ""
                elif lo <= j <= hi:
                    self.weak_pass[self.link([i], [j])] = "in-place"
                elif self.x.line(i, j)[0] >= LINE_CARRIED:
                    self.weak_pass[self.link([i], [j])] = "carried"
            elif free_f:
                self._split_off(i, j, carried_only=True)
            elif free_d:
                self._merge_in(i, j, carried_only=True)

    def attach(self) -> None:
        """Once every weak match is made, leftovers may still join a unit as parts: those that carried no
        sentence over if joining makes the unit more similar or the leftover lies mostly inside it."""
        for i, j, _ in self._ranked(WEAK_FLOOR, both_free=False):
            free_d, free_f = i not in self.ud, j not in self.uf
            if free_f and not free_d:
                self._split_off(i, j, carried_only=False)
            elif free_d and not free_f:
                self._merge_in(i, j, carried_only=False)

    def _split_off(self, i: int, j: int, *, carried_only: bool) -> None:
        """Final j (a leftover) joins draft i's unit as a split part, if i is its source."""
        uid = self.ud[i]
        ds, fs = self.units[uid]
        if len(ds) != 1:
            return  # never n:m
        x = self.x
        found = x.new_sentence(i, j, fs, split=True, margin=PART_MARGIN)
        if found is None or (carried_only and found < PART_LINE) or self._source_f(j) != i:
            return
        gain = x.dice(x.d.grams[i], x.union(x.f, fs + [j])) > x.dice(x.d.grams[i], x.union(x.f, fs))
        if found >= PART_LINE or gain or x.W(x.d.grams[i] & x.f.grams[j]) >= PART_CONTAINED * x.wf[j]:
            fs.append(j)
            fs.sort()
            self.uf[j] = uid
            self.joined[uid].append(AlignNote(NoteKind.SPLIT_OFF, ((Side.FINAL, self.f.articles[j].ref, x.sim[(i, j)]),)))

    def _merge_in(self, i: int, j: int, *, carried_only: bool) -> None:
        """Draft i (a leftover) joins final j's unit as a merged part, if j is its destination."""
        uid = self.uf[j]
        ds, fs = self.units[uid]
        if len(fs) != 1:
            return  # never n:m
        x = self.x
        found = x.new_sentence(i, j, ds, split=False, margin=PART_MARGIN)
        if found is None or (carried_only and found < PART_LINE) or self._source_d(i) != j:
            return
        gain = x.dice(x.union(x.d, ds + [i]), x.f.grams[j]) > x.dice(x.union(x.d, ds), x.f.grams[j])
        if found >= PART_LINE or gain or x.W(x.d.grams[i] & x.f.grams[j]) >= PART_CONTAINED * x.wd[i]:
            ds.append(i)
            ds.sort()
            self.ud[i] = uid
            self.joined[uid].append(AlignNote(NoteKind.MERGED_IN, ((Side.DRAFT, self.d.articles[i].ref, x.sim[(i, j)]),)))

    def _source_f(self, j: int) -> int:
        """The draft article final j most resembles sentence for sentence (then as a whole)."""
        x = self.x
        cands = [t for t in x.adj_f[j] if x.sim[(t, j)] >= WEAK_FLOOR]
        return max(cands, key=lambda t: (x.line(t, j)[0], x.sim[(t, j)], -t))

    def _source_d(self, i: int) -> int:
        x = self.x
        cands = [t for t in x.adj_d[i] if x.sim[(i, t)] >= WEAK_FLOOR]
        return max(cands, key=lambda t: (x.line(i, t)[0], x.sim[(i, t)], -t))

    # ----------------------------------------------------------------- units

    def build(self) -> tuple[AlignedUnit, ...]:
        d, f = self.d, self.f
        for i in range(len(d.keys)):
            if i not in self.ud:
                self.link([i], [])
        for j in range(len(f.keys)):
            if j not in self.uf:
                self.link([], [j])
        moved = self._moved()
        out: dict[int, AlignedUnit] = {}
        for uid, (ds, fs) in self.units.items():
            out[uid] = self._unit(uid, ds, fs, uid in moved)
        # reading order of the final text; a removed unit follows the unit of the draft article before it
        order = sorted((fs[0], uid) for uid, (ds, fs) in self.units.items() if fs)
        seq = [uid for _, uid in order]
        for i in range(len(d.keys)):
            uid = self.ud[i]
            if self.units[uid][1] or uid in seq:
                continue
            at = seq.index(self.ud[i - 1]) + 1 if i > 0 else 0
            seq.insert(at, uid)
        seen: Counter[str] = Counter()
        units = []
        for uid in seq:
            u = out[uid]
            seen[u.id] += 1
            if seen[u.id] > 1:  # duplicate article numbers in a malformed text: keep ids unique
                u = _replace_id(u, f"{u.id}#{seen[u.id]}")
            units.append(u)
        return tuple(units)

    def _moved(self) -> set[int]:
        """Units out of order among the matched units, or whose article left its chapter.

        Out of order: not in the longest run of matched units whose final positions increase with their
        draft positions.  Left its chapter: each draft chapter's counterpart is the final chapter that
        received most of its matched articles (all of them on a tie), so a chapter renamed or renumbered
        as a whole moves nothing; an article that went to another final chapter moved.  Both texts need
        chapters for the second test."""
        both = sorted((ds[0], fs[0], uid) for uid, (ds, fs) in self.units.items() if ds and fs)
        in_order = {both[k][2] for k in _lis([fj for _, fj, _ in both])}
        moved = {uid for _, _, uid in both if uid not in in_order}
        chap_d, chap_f = _chapters(self.d.articles), _chapters(self.f.articles)
        where = [(chap_d[i], chap_f[j], uid) for i, j, uid in both]
        counts: dict[int, Counter[int]] = defaultdict(Counter)
        for cd, cf, _ in where:
            if cd is not None and cf is not None:
                counts[cd][cf] += 1
        for cd, cf, uid in where:
            if cd is not None and cf is not None:
                top = max(counts[cd].values())
                if counts[cd][cf] < top:
                    moved.add(uid)
        return moved

    def _unit(self, uid: int, ds: list[int], fs: list[int], moved: bool) -> AlignedUnit:
        d, f, x = self.d, self.f, self.x
        da = tuple(d.articles[i] for i in ds)
        fa = tuple(f.articles[j] for j in fs)
        uid_s = "-".join(
            p for p in ("+".join(f"d{a.ref}" for a in da), "+".join(f"f{a.ref}" for a in fa)) if p
        )
        if not ds or not fs:
            kind = UnitKind.REMOVED if ds else UnitKind.ADDED
            alt = self._alternatives(ds, fs, WEAK_FLOOR, lines=True)
            closest = (AlignNote(NoteKind.CLOSEST, alt),) if alt else ()
            return AlignedUnit(uid_s, kind, da, fa, 0.0, note=note_text(closest), notes=closest)
        kind = (
            UnitKind.MATCHED
            if len(ds) == len(fs) == 1
            else UnitKind.SPLIT
            if len(ds) == 1
            else UnitKind.MERGED
        )
        if "".join(d.keys[i] for i in ds) == "".join(f.keys[j] for j in fs):
            sim = 1.0
        elif len(ds) == len(fs) == 1:
            sim = min(0.99, x.pair(ds[0], fs[0]))  # 0.99: equal features, different text (punctuation)
        else:
            sim = min(0.99, x.dice(x.union(d, ds), x.union(f, fs)))
        renumbered = not any(a.ref == b.ref for a in da for b in fa)
        weak = sim < CONFIDENT
        notes: list[AlignNote] = []
        if weak:
            notes.append(AlignNote(NoteKind.WEAK, similarity=sim, why=self.weak_pass.get(uid) or ""))
        notes.extend(self.joined.get(uid, ()))
        alt = (
            ()
            if sim == 1.0
            else self._alternatives(ds, fs, WEAK_FLOOR if weak else max(ALT_FLOOR, sim / 2), weak)
        )
        if alt:
            notes.append(AlignNote(NoteKind.RESEMBLES, alt))
        return AlignedUnit(uid_s, kind, da, fa, round(sim, 4), renumbered, moved, weak, note_text(notes),
                           tuple(notes))

    def _alternatives(self, ds: list[int], fs: list[int], floor: float, lines: bool) -> tuple[tuple[Side, str, float], ...]:
        """Articles outside the unit that resemble it (article level; sentence level too if ``lines``)."""
        return tuple(self.x.resembling(ds, fs, floor, ALT_SENTENCES if lines else 0)[:3])


_WHY = {"in-place": "kept: in place among its neighbours", "carried": "kept: a sentence carried over"}


def note_text(notes: tuple[AlignNote, ...] | list[AlignNote]) -> str:
    """The aligner's notes as one English line ("weak match (0.29); also resembles final 14 (0.31)"): what
    ``lawdiff check`` and ``annotate`` show; reports word :class:`AlignNote` records themselves."""
    def refs(n: AlignNote) -> str:
        return ", ".join(f"{side} {ref} ({s:.2f})" for side, ref, s in n.refs)

    out = []
    for n in notes:
        if n.kind is NoteKind.WEAK:
            out.append(f"weak match ({n.similarity:.2f})" + (f", {_WHY[n.why]}" if n.why else ""))
        elif n.kind is NoteKind.SPLIT_OFF:
            out.append(f"final {n.refs[0][1]} split off ({n.refs[0][2]:.2f})")
        elif n.kind is NoteKind.MERGED_IN:
            out.append(f"draft {n.refs[0][1]} merged in ({n.refs[0][2]:.2f})")
        elif n.kind is NoteKind.RESEMBLES:
            out.append(f"also resembles {refs(n)}")
        else:
            out.append(f"closest: {refs(n)} (not accepted)")
    return "; ".join(out)


def _lis(seq: list[int]) -> list[int]:
    """Indices of one longest strictly increasing subsequence (patience sorting, O(n log n))."""

    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for k, x in enumerate(seq):
        p = bisect_left(tails, x)
        if p == len(tails):
            tails.append(x)
            tails_idx.append(k)
        else:
            tails[p] = x
            tails_idx[p] = k
        prev[k] = tails_idx[p - 1] if p > 0 else -1
    out = []
    k = tails_idx[-1] if tails_idx else -1
    while k >= 0:
        out.append(k)
        k = prev[k]
    return out[::-1]


def _chapters(articles: tuple[Article, ...]) -> list[int | None]:
    """Each article's chapter, numbered in reading order (None outside any chapter).

    A chapter is the article's headings down to the innermost 编/章/part/title/chapter (sections below a
    chapter do not count); a new chapter starts wherever that changes, so two chapters that happen to
    share a title (第一章 总则 of two laws in one compilation) stay apart."""
    out: list[int | None] = []
    prev: tuple[str, ...] | None = None
    n = -1
    for a in articles:
        path = None
        for k in range(len(a.headings) - 1, -1, -1):
            if _DIVISION.match(a.headings[k].strip()):
                path = tuple(key(h) for h in a.headings[: k + 1])
                break
        if path is not None and path != prev:
            n += 1
        prev = path
        out.append(None if path is None else n)
    return out


def _replace_id(u: AlignedUnit, new_id: str) -> AlignedUnit:
    return AlignedUnit(new_id, u.kind, u.draft, u.final, u.similarity, u.renumbered, u.moved, u.weak, u.note, u.notes)


def align(draft: Document, final: Document, *, lang: Lang | None = None) -> tuple[AlignedUnit, ...]:
    """Put every article of both versions in exactly one unit, in the final text's reading order."""
    a = _Aligner(draft, final, lang or draft.lang or Lang.ZH)
    a.exact()
    a.candidates()
    a.confident()
    a.grow()
    a.attach()
    return a.build()
