"""Conditions and exceptions of two matched norms paired (part of :mod:`lawdiff.norms.compare`): which are new,
which are gone, which only restate the other clause or point elsewhere."""

from __future__ import annotations

import re

from lawdiff.model import Span
from lawdiff.norms.keys import REF, bigrams, key, similarity
from lawdiff.text.normalize import fold

SAME_CONDITION = 0.55  # least similarity for a condition / exception to have a counterpart


def unmatched_parts(dl: tuple[Span, ...], fl: tuple[Span, ...]) -> tuple[list[Span], list[Span]]:
    """Conditions (or exceptions) of the final with no similar one in the draft, and the reverse."""
    dk = [(s, key(s.text)) for s in dl if not trivial(s.text)]
    fk = [(s, key(s.text)) for s in fl if not trivial(s.text)]
    used: set[int] = set()
    removed: list[Span] = []
    for s, k in dk:
        best, bj = 0.0, -1
        for j, (_, k2) in enumerate(fk):
            if j in used:
                continue
            sim = 1.0 if k == k2 or _listed(s.text, fk[j][0].text) else similarity(s.text, fk[j][0].text)
            if sim > best:
                best, bj = sim, j
        if best >= SAME_CONDITION:
            used.add(bj)
        else:
            removed.append(s)
    added = [s for j, (s, _) in enumerate(fk) if j not in used]
    return added, removed


_JOINER = re.compile(r"^(?:、|，|,|或者|或|和|及|以及|and |or )|(?:、|，|,|或者|或|和|及|以及| and| or)$")


def _listed(a: str, b: str) -> bool:
    """较大数额罚款的 / 较大数额罚款、没收较大数额违法所得的: the same condition with list members added (the
    members reading weighs them), not one condition dropped and another added."""
    a, b = (fold(t).strip().rstrip("的,，;；。 ") for t in (a, b))
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3 or short == long_:
        return False
    rest = long_[len(short):] if long_.startswith(short) else long_[:-len(short)] if long_.endswith(short) else ""
    return bool(rest) and bool(_JOINER.search(rest))


RESTATED = 0.8  # share of a condition's character pairs found in the other clause for it to count as restated


_WORD = re.compile(r"[A-Za-z]{3,}")


def restated(condition: str, other_clause: str) -> bool:
    """The condition's words stand in the other clause already.  Chinese: by character pairs; English: by words
    (character pairs of any two English clauses overlap too much to tell)."""
    words = {w.lower() for w in _WORD.findall(condition)}
    if words:
        other = {w.lower() for w in _WORD.findall(other_clause)}
        return len(words) >= 2 and len(words & other) / len(words) >= RESTATED
    k = bigrams(key(condition))
    return len(k) >= 3 and len(k & bigrams(key(other_clause))) / len(k) >= RESTATED


_TRIVIAL = re.compile(r"^(?:违反本(?:条例|办法|规定|法|解释)?(?:第[^,;。]{1,12}(?:条|款|项))?(?:的)?规定(?:的)?|"
                      r".{0,12}另有规定的|从其规定[。;]?|"
                      r"(?:有|具有)下列[^,;。]{0,12}之一的|但是?|[(（][一二三四五六七八九十0-9]+[)）].{0,2})$")


def trivial(t: str) -> bool:
    """A condition that only points elsewhere (违反本条例第十条规定) carries no substance of its own."""
    return bool(_TRIVIAL.match(REF.sub("第#条", fold(t).strip())))


__all__ = ["SAME_CONDITION", "restated", "trivial", "unmatched_parts"]
