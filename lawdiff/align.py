"""Align the articles of two versions of a law by content, not by number.

Drafts renumber, move, split and merge articles, so article numbers say little; text does.  Each
article becomes a set of features (character bigrams of :func:`lawdiff.normalize.key` for Chinese, which
has no word spaces and where jieba would cost a second to load; lower-cased words and word pairs for
English), never crossing punctuation, so a bigram is a piece of one phrase.  Features are weighted by
squared IDF, the weight a tf-idf cosine gives a shared feature, so boilerplate such as 应当 or
生成式人工智能 counts for little and rare terms (暂停或者终止, 可编程接口) for a lot.  Two articles are compared by
the weighted Dice coefficient of their feature sets.

The passes, each cheap enough for a 1,260-article code:

1. identical texts (same comparison key) pair first, in reading order;
2. an inverted index of the remaining final articles finds, for each remaining draft article, the few
   candidates sharing its rarest features (and vice versa) -- never all pairs;
3. a greedy assignment by descending similarity accepts confident matches; position is only a tiebreak;
4. a second greedy pass accepts weaker matches, flagged ``weak``, when something corroborates them: the
   final article sits where the confident neighbours say it should, or a whole sentence carried over;
5. a leftover article joins a matched unit as a split part (1 -> n) or a merged part (n -> 1) when its text
   lands in a sentence of that unit that its partner does not already account for, and joining makes the
   unit more similar (or the leftover lies mostly inside it);
6. everything else is added or removed, with a note naming the closest article that was not accepted.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from .model import AlignedUnit, Article, Document, Lang, UnitKind
from .normalize import key, key_en

CONFIDENT = 0.30
"""Similarity from which a match is accepted on content alone.  A kept article, even reworded, scores
above it (the weakest in the annotated pairs: genai-2023 11->11 0.33, 2->2 0.35; public-data-registration
27->24 0.34).  Unrelated articles stay under it except parallel provisions of one law (anti-monopoly old 36
vs new 10: 0.73), which the greedy order settles because each has a closer counterpart.  Below it content
alone cannot tell a rewrite from a coincidence: genai-2023 19->14 (0.11) is real, 9 vs 20 (0.14) is not."""

WEAK_FLOOR = 0.08
"""Lowest similarity accepted at all, and then only with corroboration, flagged ``weak``.  Articles
rewritten while being moved fall to 0.11-0.13 (genai-2023: 19->14, 13->15, 15->14, 17->19); below 0.08
the shared features are boilerplate (提供者, 应当, 生成式人工智能) and nothing else."""

PLACE_FREE = 0.20
"""From this similarity a weak match needs no corroboration of place.  Once the confident matches are
made, no leftover pair of unrelated articles in the bundled pairs reaches it, while provisions moved to
another chapter as they were rewritten do (administrative-reconsideration-law-2023 old 18 -> new 60: 0.29,
old 17 -> new 30: 0.28)."""

LINE_CARRIED = 0.40
"""A sentence pair this similar means a sentence was carried over, which corroborates a weak article
match wherever it sits (genai-2023 draft 18 sentence 2 -> final 18: 0.43)."""

LINE_CLAIM = 0.20
"""A sentence of a matched article that its partner resembles this much is accounted for: another article
may not join the unit through it.  Keeps an unrelated leftover out of a unit (draft 9 shares
中华人民共和国网络安全法 with final 1, whose sentence draft 1 already explains at 0.60) and lets the real source
of a new sentence in (draft 19 -> the second paragraph of final 14, which draft 15 explains at 0.03).
Sentences end at 。！？, not at ；: clauses of one sentence stay together, so final 22's definition of
提供者 does not split draft 5, whose one sentence final 9 already accounts for."""

PART_CONTAINED = 0.60
"""A leftover article whose weighted features lie this much inside an already matched article joins its
unit even when that lowers the unit's similarity: most of its text came from there (a split)."""

SLACK_MIN = 3
SLACK_FRACTION = 0.05
"""How far outside the window given by its confidently matched neighbours a weak match may land:
at least 3 articles, or 5% of the final document.  Wide enough for a reshuffled chapter (genai-2023
draft 13 -> final 15, two places past its window), narrow enough to refuse a match to the other end of
the text (draft 9 -> final 20)."""

PROXIMITY_TIEBREAK = 0.02
"""Subtracted per unit of relative-position distance (0..1) when ranking pairs: two equally similar
candidates (repeated boilerplate such as 本办法自…起施行) go to the nearer one, but a 0.02 content
difference always beats position."""

ALT_FLOOR = 0.15
"""Notes name another article a confident unit also resembles from this similarity and at least half
the unit's own (weak units: from WEAK_FLOOR, sentences included), to say where a clause went."""

ALT_SENTENCES = 6
"""Notes compare sentences only for the six candidates most similar as whole articles: a clause that
moved shows at article level too, and long English articles would otherwise cost seconds."""

MIN_SENTENCE = 4
"""Fewest features a sentence needs to stand alone in sentence comparisons (see ``_Side.lines``)."""

TOP_K = 8
"""Candidates scored exactly per article: a true counterpart is among the eight that share the most
rare features unless the article was rewritten beyond WEAK_FLOOR."""

MAX_POSTING_MIN = 16
MAX_POSTING_FRACTION = 0.01
"""Features shared by more than 1% of the articles (and more than 16) are not looked up in the index:
they are too common to find a counterpart (规定, 应当, 民事) and their posting lists are what would make
the search quadratic (on the civil code this cap halves the time and loses no match).  They still count
in the exact similarity."""

MIN_LOOKUPS = 4
"""An article made only of common features (法律另有规定的，依照其规定。) still looks up its four
rarest ones, whatever their posting lists cost, so that short boilerplate finds its counterpart."""

QUERY_BUDGET = 2000
"""Posting entries one article may visit, rarest features first: bounds the work per article on a
long code without losing recall on short laws (where the budget is never reached)."""

_SPLIT_ZH = re.compile(r"[\W_]+")
_SPLIT_EN = re.compile(r"[^\w\s]+")
_SENTENCE_ZH = re.compile(r"(?<=[。！!？?])")
_SENTENCE_EN = re.compile(r"(?<=[.!?])\s+")
_HEAD_LABEL = re.compile(
    r"^(?:第[\d零〇一二三四五六七八九十百千两]+(?:分编|编|章|节)|(?:part|title|chapter|section)\s+[\w.]+)"
    r"\s*[:.\-–—]?\s*",
    re.IGNORECASE,
)
_CHAPTER = re.compile(r"^(?:第[\d零〇一二三四五六七八九十百千两]+章|chapter\b)", re.IGNORECASE)


def _key(text: str, lang: Lang) -> str:
    return key_en(text) if lang is Lang.EN else key(text)


def _grams(k: str, lang: Lang) -> frozenset[str]:
    """Features of a comparison key (see the module docstring)."""
    out: set[str] = set()
    if lang is Lang.EN:
        for run in _SPLIT_EN.split(k.lower()):
            words = run.split()
            out.update(words)
            out.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    else:
        for run in _SPLIT_ZH.split(k):
            if len(run) == 1:
                out.add(run)
            else:
                out.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(out)


class _Side:
    """Features of one document's articles, indexed by reading position."""

    __slots__ = ("_lines", "articles", "grams", "keys", "lang", "rel")

    def __init__(self, doc: Document, lang: Lang) -> None:
        self.articles = doc.articles
        self.lang = lang
        self.keys = [_key(a.text, lang) for a in doc.articles]
        self.grams = [_grams(k, lang) for k in self.keys]
        n = len(doc.articles)
        self.rel = [i / (n - 1) if n > 1 else 0.5 for i in range(n)]
        self._lines: dict[int, tuple[list[frozenset[str]], dict[str, list[int]]]] = {}

    def lines(self, i: int) -> tuple[list[frozenset[str]], dict[str, list[int]]]:
        """Features of each sentence of article i, and which sentences hold each feature.

        A "sentence" shorter than MIN_SENTENCE features (an enumerator such as "1.", 禁止。) joins the
        next one, or it would match every other short sentence perfectly."""
        got = self._lines.get(i)
        if got is None:
            split = _SENTENCE_EN if self.lang is Lang.EN else _SENTENCE_ZH
            parts = [p for line in self.articles[i].lines for p in split.split(line)]
            pieces: list[frozenset[str]] = []
            carry = ""
            for text in parts:
                g = _grams(_key(carry + text, self.lang), self.lang)
                if len(g) < MIN_SENTENCE:
                    carry += text + " "
                    continue
                pieces.append(g)
                carry = ""
            if carry and pieces:
                pieces[-1] = pieces[-1] | _grams(_key(carry, self.lang), self.lang)
            if len(pieces) < 2:
                pieces = [self.grams[i]]
            where: dict[str, list[int]] = defaultdict(list)
            for n, g in enumerate(pieces):
                for x in g:
                    where[x].append(n)
            self._lines[i] = got = (pieces, where)
        return got


class _Aligner:
    def __init__(self, draft: Document, final: Document, lang: Lang) -> None:
        self.d = _Side(draft, lang)
        self.f = _Side(final, lang)
        self.w = self._weights()
        self.wd = [self.W(g) for g in self.d.grams]
        self.wf = [self.W(g) for g in self.f.grams]
        self.sim: dict[tuple[int, int], float] = {}  # exact article similarity of candidate pairs
        self.adj_d: dict[int, list[int]] = defaultdict(list)  # candidate pairs by draft / final article
        self.adj_f: dict[int, list[int]] = defaultdict(list)
        self._line: dict[tuple[int, int], tuple[float, int, int]] = {}
        self._pw_d: dict[int, list[float]] = {}  # sentence weights, by article
        self._pw_f: dict[int, list[float]] = {}
        # units: id -> (draft indices, final indices); article -> unit id
        self.units: dict[int, tuple[list[int], list[int]]] = {}
        self.ud: dict[int, int] = {}
        self.uf: dict[int, int] = {}
        self.weak_pass: dict[int, str] = {}  # unit -> what corroborated the weak match
        self.joined: dict[int, list[str]] = defaultdict(list)  # unit -> parts that joined it, for the note

    # ----------------------------------------------------------------- similarity

    def _weights(self) -> dict[str, float]:
        nd, nf = len(self.d.grams), len(self.f.grams)
        dfd: Counter[str] = Counter()
        dff: Counter[str] = Counter()
        for g in self.d.grams:
            dfd.update(g)
        for g in self.f.grams:
            dff.update(g)
        eps = 0.5 / max(1, nd + nf)
        w = {}
        # A feature is as common as it is in the version where it is commonest: the final text of genai-2023
        # says 服务 where the draft said 产品, and the draft's rarity must not make 服务 look informative.
        for gram in dfd.keys() | dff.keys():
            r = max(dfd[gram] / nd if nd else 0.0, dff[gram] / nf if nf else 0.0)
            idf = math.log(
                1.0 + 1.0 / (r + eps)
            )  # > 0 even in every article: a one-article text still aligns
            w[gram] = idf * idf
        return w

    def W(self, grams: Iterable[str]) -> float:
        w = self.w
        return sum(w.get(g, 0.0) for g in grams)  # .get: a sentence can hold a bigram its article does not

    def dice(self, a: frozenset[str], b: frozenset[str]) -> float:
        total = self.W(a) + self.W(b)
        if total == 0:
            return 1.0 if a == b else 0.0
        return 2 * self.W(a & b) / total

    def pair(self, i: int, j: int) -> float:
        s = self.sim.get((i, j))
        if s is None:
            a, b = self.d.grams[i], self.f.grams[j]
            total = self.wd[i] + self.wf[j]
            s = 2 * self.W(a & b) / total if total else float(a == b)
            self.sim[(i, j)] = s
            self.adj_d[i].append(j)
            self.adj_f[j].append(i)
        return s

    def line(self, i: int, j: int) -> tuple[float, int, int]:
        """Best sentence-pair similarity of draft i and final j, with the two sentence positions.

        Only sentence pairs that share a feature are scored (through each article's feature -> sentence
        map), so two long articles cost what they share, not the product of their lengths."""
        got = self._line.get((i, j))
        if got is None:
            where_d = self.d.lines(i)[1]
            where_f = self.f.lines(j)[1]
            wd, wf = self._piece_w(self.d, i), self._piece_w(self.f, j)
            w = self.w
            inter: dict[tuple[int, int], float] = defaultdict(float)
            for g in self.d.grams[i] & self.f.grams[j]:
                wg = w[g]
                for p in where_d.get(g, ()):
                    for q in where_f.get(g, ()):
                        inter[(p, q)] += wg
            got = (0.0, 0, 0)
            if inter:
                got = max(
                    ((2 * x / (wd[p] + wf[q]), p, q) for (p, q), x in inter.items()),
                    key=lambda t: (t[0], -t[1], -t[2]),
                )
            self._line[(i, j)] = got
        return got

    def _piece_w(self, side: _Side, i: int) -> list[float]:
        cache = self._pw_d if side is self.d else self._pw_f
        got = cache.get(i)
        if got is None:
            got = cache[i] = [self.W(x) for x in side.lines(i)[0]]
        return got

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
                near = sorted((abs(self.d.rel[i] - self.f.rel[j]), i, j) for i in ds for j in fs)
                used_d: set[int] = set()
                used_f: set[int] = set()
                for _, i, j in near:
                    if i not in used_d and j not in used_f:
                        used_d.add(i)
                        used_f.add(j)
                ds, fs = sorted(used_d), sorted(used_f)
            for i, j in zip(ds, fs):
                self.link([i], [j])

    def candidates(self) -> None:
        rd = [i for i in range(len(self.d.keys)) if i not in self.ud]
        rf = [j for j in range(len(self.f.keys)) if j not in self.uf]
        for i, js in self._search(rd, self.d.grams, self.wd, rf, self.f.grams, self.wf):
            for j in js:
                self.pair(i, j)
        for j, is_ in self._search(rf, self.f.grams, self.wf, rd, self.d.grams, self.wd):
            for i in is_:
                self.pair(i, j)

    def _search(
        self,
        queries: list[int],
        qgrams: list[frozenset[str]],
        qw: list[float],
        targets: list[int],
        tgrams: list[frozenset[str]],
        tw: list[float],
    ) -> Iterator[tuple[int, list[int]]]:
        """For each query article, the TOP_K targets sharing the most weight of its rarest features."""
        post: dict[str, list[int]] = defaultdict(list)
        for t in targets:
            for g in tgrams[t]:
                post[g].append(t)
        cap = max(MAX_POSTING_MIN, int(MAX_POSTING_FRACTION * len(targets)))
        w = self.w
        for q in queries:
            usable = sorted((g for g in qgrams[q] if g in post), key=lambda g: (-w[g], g))
            acc: dict[int, float] = defaultdict(float)
            budget = QUERY_BUDGET
            for n, g in enumerate(usable):
                p = post[g]
                if n >= MIN_LOOKUPS and (len(p) > cap or len(p) > budget):
                    break
                budget -= len(p)
                wg = w[g]
                for t in p:
                    acc[t] += wg
            best = heapq.nlargest(TOP_K, acc, key=lambda t: (acc[t] / (qw[q] + tw[t] or 1.0), -t))
            yield q, best

    def _ranked(self, floor: float) -> list[tuple[int, int, float]]:
        ranked = []
        for (i, j), s in self.sim.items():
            if s >= floor and i not in self.ud and j not in self.uf:
                ranked.append((s - PROXIMITY_TIEBREAK * abs(self.d.rel[i] - self.f.rel[j]), i, j, s))
        ranked.sort(key=lambda t: (-t[0], t[1], t[2]))
        return [(i, j, s) for _, i, j, s in ranked]

    def confident(self) -> None:
        for i, j, _ in self._ranked(CONFIDENT):
            if i not in self.ud and j not in self.uf:
                self.link([i], [j])

    def weak(self) -> None:
        anchors = sorted((ds[0], fs[0]) for ds, fs in self.units.values())
        nf = len(self.f.keys)
        slack = max(SLACK_MIN, round(SLACK_FRACTION * nf))
        pos_d = [a for a, _ in anchors]

        def window(i: int) -> tuple[int, int]:
            k = bisect_left(pos_d, i)
            before = anchors[k - 1][1] if k > 0 else 0
            after = anchors[k][1] if k < len(anchors) else nf - 1
            return min(before, after) - slack, max(before, after) + slack

        for i, j, s in self._ranked(WEAK_FLOOR):
            if i in self.ud or j in self.uf:
                continue
            lo, hi = window(i)
            if s >= PLACE_FREE:
                self.weak_pass[self.link([i], [j])] = ""
            elif lo <= j <= hi:
                self.weak_pass[self.link([i], [j])] = "kept: in place among its neighbours"
            elif self.line(i, j)[0] >= LINE_CARRIED:
                self.weak_pass[self.link([i], [j])] = "kept: a sentence carried over"

    def attach(self) -> None:
        """Leftover articles join a unit as split or merged parts (see LINE_CLAIM, PART_CONTAINED)."""
        cands_d, cands_f = self.adj_d, self.adj_f
        proposals = []
        for (i, j), s in self.sim.items():
            if s < WEAK_FLOOR:
                continue
            if (
                i not in self.ud
                and j in self.uf
                and j == max(cands_d[i], key=lambda t: (self.sim[(i, t)], -t))
            ):
                proposals.append((s, 0, i, j))  # draft i may merge into final j's unit
            elif (
                j not in self.uf
                and i in self.ud
                and i == max(cands_f[j], key=lambda t: (self.sim[(t, j)], -t))
            ):
                proposals.append((s, 1, i, j))  # final j may split off from draft i's unit
        proposals.sort(key=lambda t: (-t[0], t[1], t[2], t[3]))
        for _, side, i, j in proposals:
            if side == 0 and i not in self.ud:
                ds, fs = self.units[self.uf[j]]
                if len(fs) != 1:
                    continue  # never n:m
                q = self.line(i, j)[2]
                if max(self._claim_f(k, j, q) for k in ds) >= LINE_CLAIM:
                    continue
                gain = self.dice(self._union(self.d, ds + [i]), self.f.grams[j]) > self.dice(
                    self._union(self.d, ds), self.f.grams[j]
                )
                if gain or self.W(self.d.grams[i] & self.f.grams[j]) >= PART_CONTAINED * self.wd[i]:
                    ds.append(i)
                    ds.sort()
                    self.ud[i] = self.uf[j]
                    self.joined[self.uf[j]].append(
                        f"draft {self.d.articles[i].ref} merged in ({self.sim[(i, j)]:.2f})"
                    )
            elif side == 1 and j not in self.uf:
                ds, fs = self.units[self.ud[i]]
                if len(ds) != 1:
                    continue
                p = self.line(i, j)[1]
                if max(self._claim_d(i, k, p) for k in fs) >= LINE_CLAIM:
                    continue
                gain = self.dice(self.d.grams[i], self._union(self.f, fs + [j])) > self.dice(
                    self.d.grams[i], self._union(self.f, fs)
                )
                if gain or self.W(self.d.grams[i] & self.f.grams[j]) >= PART_CONTAINED * self.wf[j]:
                    fs.append(j)
                    fs.sort()
                    self.uf[j] = self.ud[i]
                    self.joined[self.ud[i]].append(
                        f"final {self.f.articles[j].ref} split off ({self.sim[(i, j)]:.2f})"
                    )

    def _claim_f(self, k: int, j: int, q: int) -> float:
        """How well draft k already accounts for sentence q of final j."""
        b = self.f.lines(j)[0][q]
        return max(self.dice(a, b) for a in self.d.lines(k)[0])

    def _claim_d(self, i: int, k: int, p: int) -> float:
        """How well final k already accounts for sentence p of draft i."""
        a = self.d.lines(i)[0][p]
        return max(self.dice(a, b) for b in self.f.lines(k)[0])

    @staticmethod
    def _union(side: _Side, idx: list[int]) -> frozenset[str]:
        return frozenset().union(*(side.grams[i] for i in idx))

    # ----------------------------------------------------------------- units

    def build(self) -> tuple[AlignedUnit, ...]:
        d, f = self.d, self.f
        for i in range(len(d.keys)):
            if i not in self.ud:
                self.link([i], [])
        for j in range(len(f.keys)):
            if j not in self.uf:
                self.link([], [j])
        both = sorted((ds[0], fs[0]) for ds, fs in self.units.values() if ds and fs)
        in_order = _lis([fj for _, fj in both])
        kept = {both[k] for k in in_order}
        out: dict[int, AlignedUnit] = {}
        for uid, (ds, fs) in self.units.items():
            out[uid] = self._unit(uid, ds, fs, (ds[0], fs[0]) not in kept if ds and fs else False)
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

    def _unit(self, uid: int, ds: list[int], fs: list[int], out_of_order: bool) -> AlignedUnit:
        d, f = self.d, self.f
        da = tuple(d.articles[i] for i in ds)
        fa = tuple(f.articles[j] for j in fs)
        uid_s = "-".join(
            p for p in ("+".join(f"d{a.ref}" for a in da), "+".join(f"f{a.ref}" for a in fa)) if p
        )
        if not ds or not fs:
            kind = UnitKind.REMOVED if ds else UnitKind.ADDED
            return AlignedUnit(uid_s, kind, da, fa, 0.0, note=self._closest(ds, fs))
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
            sim = min(0.99, self.pair(ds[0], fs[0]))  # 0.99: equal features, different text (punctuation)
        else:
            sim = min(0.99, self.dice(self._union(d, ds), self._union(f, fs)))
        renumbered = not any(a.ref == b.ref for a in da for b in fa)
        moved = out_of_order or _chapter_changed(da[0], fa[0])
        weak = sim < CONFIDENT
        notes = []
        if weak:
            why = self.weak_pass.get(uid)
            notes.append(f"weak match ({sim:.2f}){', ' + why if why else ''}")
        notes.extend(self.joined.get(uid, ()))
        alt = (
            []
            if sim == 1.0
            else self._alternatives(ds, fs, WEAK_FLOOR if weak else max(ALT_FLOOR, sim / 2), weak)
        )
        if alt:
            notes.append("also resembles " + ", ".join(alt))
        return AlignedUnit(uid_s, kind, da, fa, round(sim, 4), renumbered, moved, weak, "; ".join(notes))

    def _alternatives(self, ds: list[int], fs: list[int], floor: float, lines: bool) -> list[str]:
        """Articles outside the unit that resemble it (article level; sentence level too if ``lines``)."""
        found: dict[str, float] = {}
        pairs = [(i, j) for i in ds for j in self.adj_d.get(i, ()) if j not in fs]
        pairs += [(i, j) for j in fs for i in self.adj_f.get(j, ()) if i not in ds]
        pairs.sort(key=lambda ij: (-self.sim[ij], ij))
        for n, (i, j) in enumerate(pairs):
            s = max(self.sim[(i, j)], self.line(i, j)[0]) if lines and n < ALT_SENTENCES else self.sim[(i, j)]
            if s >= floor:
                name = f"final {self.f.articles[j].ref}" if i in ds else f"draft {self.d.articles[i].ref}"
                found[name] = max(found.get(name, 0.0), s)
        best = sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        return [f"{name} ({s:.2f})" for name, s in best]

    def _closest(self, ds: list[int], fs: list[int]) -> str:
        alt = self._alternatives(ds, fs, WEAK_FLOOR, lines=True)
        return "closest: " + ", ".join(alt) + " (not accepted)" if alt else ""


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


def _chapter(a: Article) -> str | None:
    for h in reversed(a.headings):
        if _CHAPTER.match(h.strip()):
            return key(_HEAD_LABEL.sub("", h.strip())).lower()
    return None


def _chapter_changed(a: Article, b: Article) -> bool:
    """Only when both versions have chapters: a draft without chapters has not moved every article."""
    ca, cb = _chapter(a), _chapter(b)
    return ca is not None and cb is not None and ca != cb


def _replace_id(u: AlignedUnit, new_id: str) -> AlignedUnit:
    return AlignedUnit(new_id, u.kind, u.draft, u.final, u.similarity, u.renumbered, u.moved, u.weak, u.note)


def align(draft: Document, final: Document, *, lang: Lang | None = None) -> tuple[AlignedUnit, ...]:
    """Put every article of both versions in exactly one unit, in the final text's reading order."""
    a = _Aligner(draft, final, lang or draft.lang or Lang.ZH)
    a.exact()
    a.candidates()
    a.confident()
    a.weak()
    a.attach()
    return a.build()
