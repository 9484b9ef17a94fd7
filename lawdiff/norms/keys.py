"""Comparison keys of legal text (part of :mod:`lawdiff.norms.compare`): folded, punctuation-free, with
cross-references masked so that a renumbered 第十六条 → 第十五条 compares equal; and the character-pair
similarity that matches norms, conditions and moved clauses by."""

from __future__ import annotations

import re
from functools import lru_cache

from lawdiff.text.normalize import fold

REF = re.compile(r"第[零〇一二两三四五六七八九十百千0-9]+(?:条|款|项|章|节)(?:之[一二三四五六七八九十])?|"
                 r"(?:Article|Art\.|paragraph|point)\s*\(?[0-9a-z]+\)?", re.IGNORECASE)
_NOISE = re.compile(r"[\W_]+")


@lru_cache(maxsize=8192)  # pure memoisation: a norm's clause is keyed in match, changes and moves alike
def key(text: str) -> str:
    return _NOISE.sub("", REF.sub("#", fold(text)).lower())


@lru_cache(maxsize=8192)  # pure memoisation, as above
def gram_set(k: str) -> frozenset[str]:
    """The character pairs of a comparison key (what :func:`match` and :mod:`moves` score by), memoised."""
    return frozenset(bigrams(k))


def bigrams(k: str) -> set[str]:
    return {k[i : i + 2] for i in range(len(k) - 1)} or ({k} if k else set())


def similarity(a: str, b: str) -> float:
    ka, kb = bigrams(key(a)), bigrams(key(b))
    if not ka or not kb:
        return 0.0
    return 2 * len(ka & kb) / (len(ka) + len(kb))


def similarity_of_keys(a: str, b: str) -> float:
    ga, gb = bigrams(a), bigrams(b)
    return 2 * len(ga & gb) / (len(ga) + len(gb)) if ga and gb else 0.0


__all__ = ["REF", "bigrams", "gram_set", "key", "similarity", "similarity_of_keys"]
