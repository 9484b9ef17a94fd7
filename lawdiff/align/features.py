"""Features, similarity and candidate search for :mod:`lawdiff.align.passes`.

Each article becomes a set of features (character bigrams of :func:`lawdiff.text.normalize.key` for Chinese,
which has no word spaces and where jieba would cost a second to load; lower-cased words and word pairs
for English), never crossing punctuation, so a bigram is a piece of one phrase.  Features are weighted by
squared IDF, the weight a tf-idf cosine gives a shared feature, so boilerplate such as 应当 or
生成式人工智能 counts for little and rare terms (暂停或者终止, 可编程接口) for a lot.  Two articles, or two
sentences, are compared by the weighted Dice coefficient of their feature sets.

An inverted index of one side finds, for each article of the other, the few candidates sharing its
rarest features -- never all pairs -- and only those candidate pairs are scored exactly.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import cast

from lawdiff.align.thresholds import (
    MAX_POSTING_FRACTION,
    MAX_POSTING_MIN,
    MIN_LOOKUPS,
    MIN_SENTENCE,
    QUERY_BUDGET,
    TOP_K,
)
from lawdiff.model import Document, Lang, Side
from lawdiff.text.normalize import key, key_en

_SPLIT_ZH = re.compile(r"[\W_]+")
_SPLIT_EN = re.compile(r"[^\w\s]+")
_SENTENCE_ZH = re.compile(r"(?<=[。！!？?])")
_SENTENCE_EN = re.compile(r"(?<=[.!?])\s+")


def comparison_key(text: str, lang: Lang) -> str:
    return key_en(text) if lang is Lang.EN else key(text)


def grams(k: str, lang: Lang) -> dict[str, None]:
    """Features of a comparison key (see the module docstring), in reading order, each once."""
    out: dict[str, None] = {}
    if lang is Lang.EN:
        for run in _SPLIT_EN.split(k.lower()):
            words = run.split()
            out.update(dict.fromkeys(words))
            out.update(dict.fromkeys(f"{a} {b}" for a, b in itertools.pairwise(words)))
    else:
        for run in _SPLIT_ZH.split(k):
            if len(run) == 1:
                out[run] = None
            else:
                out.update(dict.fromkeys(run[i : i + 2] for i in range(len(run) - 1)))
    return out


class Memo:
    """Features by article text (comparison key and feature ids) and by article lines (sentence features),
    shared by the two sides of one alignment: most articles of a revision are word for word the same."""

    __slots__ = ("pieces", "texts")

    def __init__(self) -> None:
        self.texts: dict[str, tuple[str, frozenset[int]]] = {}
        self.pieces: dict[tuple[str, ...], list[frozenset[int]]] = {}


class SideFeatures:
    """Features of one document's articles, indexed by reading position.

    Features are numbered (``vocab``, shared by both sides) in the order the texts first use them, so
    that sets of them iterate in the same order in every run: floating-point sums over a set of strings
    would depend on the hash seed in their last digits, and ties could break differently."""

    __slots__ = ("_lines", "_memo", "articles", "grams", "keys", "lang", "rel", "vocab")

    def __init__(self, doc: Document, lang: Lang, vocab: dict[str, int], memo: Memo | None = None) -> None:
        """``memo``: features already computed for article texts (shared by the two sides, whose articles
        are mostly the same texts): each distinct text is keyed and split into features once.  A text seen
        before has all its features numbered already, so the numbering is what it would have been."""
        self.articles = doc.articles
        self.lang = lang
        self.vocab = vocab
        self._memo = memo if memo is not None else Memo()
        texts = self._memo.texts
        keys: list[str] = []
        feats: list[frozenset[int]] = []
        for a in doc.articles:
            text = a.text
            got = texts.get(text)
            if got is None:
                k = comparison_key(text, lang)
                got = texts[text] = (k, self.ids(grams(k, lang)))
            keys.append(got[0])
            feats.append(got[1])
        self.keys = keys
        self.grams = feats
        n = len(doc.articles)
        self.rel = [i / (n - 1) if n > 1 else 0.5 for i in range(n)]
        self._lines: dict[int, tuple[list[frozenset[int]], dict[int, list[int]]]] = {}

    def ids(self, features: Iterable[str]) -> frozenset[int]:
        v = self.vocab
        return frozenset([v.setdefault(x, len(v)) for x in features])

    def lines(self, i: int) -> tuple[list[frozenset[int]], dict[int, list[int]]]:
        """Features of each sentence of article i, and which sentences hold each feature.

        Sentences end at 。！？ (or . ! ? in English) and at line ends (an enumerated item is its own
        sentence), not at ；: clauses of one sentence stay together.  A "sentence" shorter than
        MIN_SENTENCE features (an enumerator such as "1.", 禁止。) joins the next one, or it would match
        every other short sentence perfectly."""
        got = self._lines.get(i)
        if got is None:
            pieces = self._pieces(i)
            where: dict[int, list[int]] = defaultdict(list)
            for n, g in enumerate(pieces):
                for x in g:
                    where[x].append(n)
            self._lines[i] = got = (pieces, where)
        return got

    def _pieces(self, i: int) -> list[frozenset[int]]:
        """The sentence features of article i, computed once per distinct article (its lines)."""
        lines = self.articles[i].lines
        known = self._memo.pieces.get(lines)
        if known is None:
            known = self._memo.pieces[lines] = self._split(i, lines)
        return known

    def _split(self, i: int, lines: tuple[str, ...]) -> list[frozenset[int]]:
        split = _SENTENCE_EN if self.lang is Lang.EN else _SENTENCE_ZH
        parts = [p for line in lines for p in split.split(line)]
        pieces: list[frozenset[int]] = []
        carry = ""
        for text in parts:
            features = grams(comparison_key(carry + text, self.lang), self.lang)
            if len(features) < MIN_SENTENCE:
                carry += text + " "
                continue
            pieces.append(self.ids(features))
            carry = ""
        if carry and pieces:
            pieces[-1] = pieces[-1] | self.ids(grams(comparison_key(carry, self.lang), self.lang))
        if len(pieces) < 2:
            pieces = [self.grams[i]]
        return pieces


class Index:
    """Both sides' features, the feature weights, and cached article and sentence similarities."""

    def __init__(self, draft: Document, final: Document, lang: Lang) -> None:
        vocab: dict[str, int] = {}
        memo = Memo()
        self.d = SideFeatures(draft, lang, vocab, memo)
        self.f = SideFeatures(final, lang, vocab, memo)
        self.w = self._weights()
        self.wd = [self.W(g) for g in self.d.grams]
        self.wf = [self.W(g) for g in self.f.grams]
        self.sim: dict[tuple[int, int], float] = {}  # exact article similarity of candidate pairs
        self.adj_d: dict[int, list[int]] = defaultdict(list)  # candidate pairs by draft / final article
        self.adj_f: dict[int, list[int]] = defaultdict(list)
        self._pairs: dict[tuple[int, int], dict[tuple[int, int], float]] = {}
        self._line: dict[tuple[int, int], tuple[float, int, int]] = {}
        self._pw_d: dict[int, list[float]] = {}  # sentence weights, by article
        self._pw_f: dict[int, list[float]] = {}

    def _weights(self) -> dict[int, float]:
        nd, nf = len(self.d.grams), len(self.f.grams)
        dfd: Counter[int] = Counter()
        dff: Counter[int] = Counter()
        for g in self.d.grams:
            dfd.update(g)
        for g in self.f.grams:
            dff.update(g)
        eps = 0.5 / max(1, nd + nf)
        w: dict[int, float] = {}
        # A feature is as common as it is in the version where it is commonest: the final text of genai-2023
        # says 服务 where the draft said 产品, and the draft's rarity must not make 服务 look informative.
        for gram in dfd.keys() | dff.keys():
            r = max(dfd[gram] / nd if nd else 0.0, dff[gram] / nf if nf else 0.0)
            # > 0 even for a feature in every article: a one-article text still aligns
            idf = math.log(1.0 + 1.0 / (r + eps))
            w[gram] = idf * idf
        return w

    def W(self, grams: Iterable[int]) -> float:
        """Total weight of some features; one missing from the weights counts 0 (a sentence can hold a
        bigram across a line end that its article does not)."""
        get = cast("Callable[[int, float], float]", self.w.get)  # map over C: the hot loop of alignment
        return sum(map(get, grams, itertools.repeat(0.0)))

    def dice(self, a: frozenset[int], b: frozenset[int]) -> float:
        total = self.W(a) + self.W(b)
        if total == 0:
            return 1.0 if a == b else 0.0
        return 2 * self.W(a & b) / total

    def pair(self, i: int, j: int) -> float:
        """Similarity of draft i and final j (cached; the pair becomes a candidate pair)."""
        s = self.sim.get((i, j))
        if s is None:
            a, b = self.d.grams[i], self.f.grams[j]
            total = self.wd[i] + self.wf[j]
            s = 2 * self.W(a & b) / total if total else float(a == b)
            self.sim[(i, j)] = s
            self.adj_d[i].append(j)
            self.adj_f[j].append(i)
        return s

    def sentence_pairs(self, i: int, j: int) -> dict[tuple[int, int], float]:
        """Similarity of every sentence pair (p of draft i, q of final j) that shares a feature.

        Only sentence pairs that share a feature are scored (through each article's feature -> sentence
        map), so two long articles cost what they share, not the product of their lengths."""
        got = self._pairs.get((i, j))
        if got is None:
            where_d = self.d.lines(i)[1]
            where_f = self.f.lines(j)[1]
            wd, wf = self.piece_weights(self.d, i), self.piece_weights(self.f, j)
            w = self.w
            inter: dict[tuple[int, int], float] = defaultdict(float)
            for g in self.d.grams[i] & self.f.grams[j]:
                wg = w[g]
                for p in where_d.get(g, ()):
                    for q in where_f.get(g, ()):
                        inter[(p, q)] += wg
            got = {pq: 2 * x / (wd[pq[0]] + wf[pq[1]]) for pq, x in inter.items()}
            self._pairs[(i, j)] = got
        return got

    def line(self, i: int, j: int) -> tuple[float, int, int]:
        """Best sentence-pair similarity of draft i and final j, with the two sentence positions."""
        got = self._line.get((i, j))
        if got is None:
            pairs = self.sentence_pairs(i, j)
            got = (0.0, 0, 0)
            if pairs:
                got = max(((s, p, q) for (p, q), s in pairs.items()), key=lambda t: (t[0], -t[1], -t[2]))
            self._line[(i, j)] = got
        return got

    def piece_weights(self, side: SideFeatures, i: int) -> list[float]:
        cache = self._pw_d if side is self.d else self._pw_f
        got = cache.get(i)
        if got is None:
            got = cache[i] = [self.W(x) for x in side.lines(i)[0]]
        return got

    def union(self, side: SideFeatures, idx: list[int]) -> frozenset[int]:
        return frozenset().union(*(side.grams[i] for i in idx))

    def new_sentence(self, i: int, j: int, unit: list[int], *, split: bool, margin: float) -> float | None:
        """How strongly a leftover brings a sentence that a unit lacks: the best similarity of a sentence
        pair of the leftover and the unit's article, counting only the article's sentences that the unit
        accounts for less than ``margin`` times as well; None if there is none.

        ``split``: final j would join draft i's unit, whose final articles are ``unit``; otherwise draft i
        would join final j's unit, whose draft articles are ``unit``."""
        mine = 0 if split else 1
        members = [self.sentence_pairs(i, k) if split else self.sentence_pairs(k, j) for k in unit]
        claims = self._claims(members, mine)
        best = None
        for pq, s in self.sentence_pairs(i, j).items():
            if claims.get(pq[mine], 0.0) < margin * s and (best is None or s > best):
                best = s
        return best

    @staticmethod
    def _claims(members: list[dict[tuple[int, int], float]], mine: int) -> dict[int, float]:
        """How well a unit's articles account for each sentence of the article they share.

        A member's sentence accounts for the sentence it most resembles (position ``mine`` in the
        sentence pairs), not for every sentence it shares words with: when old 12 ¶2 became new 27
        (administrative-reconsideration-law-2023), new 27 accounts for ¶2 (0.91), not for ¶1, whose
        phrasing it echoes (0.27)."""
        out: dict[int, float] = defaultdict(float)
        theirs = 1 - mine
        for pairs in members:
            best: dict[int, tuple[float, int]] = {}
            for pq, s in pairs.items():
                k = pq[theirs]
                if k not in best or (s, -pq[mine]) > (best[k][0], -best[k][1]):
                    best[k] = (s, pq[mine])
            for s, m in best.values():
                out[m] = max(out[m], s)
        return out

    def resembling(self, ds: list[int], fs: list[int], floor: float, lines: int) -> list[tuple[Side, str, float]]:
        """Articles outside a unit that resemble it from ``floor``, most similar first, as (side, article ref,
        similarity); for the ``lines`` most similar candidates, a sentence pair counts too."""
        found: dict[tuple[Side, str], float] = {}
        pairs = [(i, j) for i in ds for j in self.adj_d.get(i, ()) if j not in fs]
        pairs += [(i, j) for j in fs for i in self.adj_f.get(j, ()) if i not in ds]
        pairs.sort(key=lambda ij: (-self.sim[ij], ij))
        for n, (i, j) in enumerate(pairs):
            s = max(self.sim[(i, j)], self.line(i, j)[0]) if n < lines else self.sim[(i, j)]
            if s >= floor:
                name = (Side.FINAL, self.f.articles[j].ref) if i in ds else (Side.DRAFT, self.d.articles[i].ref)
                found[name] = max(found.get(name, 0.0), s)
        ranked = sorted(found.items(), key=lambda kv: (-kv[1], f"{kv[0][0]} {kv[0][1]}"))
        return [(side, ref, s) for (side, ref), s in ranked]

    # ----------------------------------------------------------------- candidate search

    def candidates(self, rd: list[int], rf: list[int]) -> None:
        """Score the candidate pairs of the draft articles ``rd`` and final articles ``rf``."""
        for i, js in self._search(rd, self.d.grams, self.wd, rf, self.f.grams, self.wf):
            for j in js:
                self.pair(i, j)
        for j, is_ in self._search(rf, self.f.grams, self.wf, rd, self.d.grams, self.wd):
            for i in is_:
                self.pair(i, j)

    def _search(
        self,
        queries: list[int],
        qgrams: list[frozenset[int]],
        qw: list[float],
        targets: list[int],
        tgrams: list[frozenset[int]],
        tw: list[float],
    ) -> Iterator[tuple[int, list[int]]]:
        """For each query article, the TOP_K targets sharing the most weight of its rarest features."""
        post: dict[int, list[int]] = defaultdict(list)
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
