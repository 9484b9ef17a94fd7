"""Conditions and exceptions of two matched norms paired (part of :mod:`lawdiff.norms.compare`): which are new,
which are gone, which only restate the other clause or point elsewhere."""

from __future__ import annotations

import re

from lawdiff.model import Modality, Norm, Span
from lawdiff.norms.clauses import ITEM_NUMBER
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
_TITLED = re.compile(r"《[^》]*》")
_FRAME = re.compile(rf"^\s*{ITEM_NUMBER}\s*|的?[,，;；。]?\s*$")  # an item's number, a closing 的


def restated(condition: str, other_clause: str) -> bool:
    """The condition's words stand in the other clause already.  Chinese: by character pairs; English: by words
    (character pairs of any two English clauses overlap too much to tell)."""
    words = {w.lower() for w in _WORD.findall(condition)}
    if words:
        other = {w.lower() for w in _WORD.findall(other_clause)}
        return len(words) >= 2 and len(words & other) / len(words) >= RESTATED
    k = bigrams(key(_FRAME.sub("", condition)))  # （六）设立分支机构的 -> 设立分支机构
    # (words inside a cited title, 《具有舆论属性…安全评估规定》, name a statute: they restate no condition)
    return len(k) >= 3 and len(k & bigrams(key(_TITLED.sub("", other_clause)))) / len(k) >= RESTATED


_TRIVIAL = re.compile(r"^(?:违反本(?:条例|办法|规定|法|解释)?(?:第[^,;。]{1,12}(?:条|款|项))?(?:的)?规定(?:的)?|"
                      r".{0,12}另有规定的|从其规定[。;]?|"
                      r"(?:有|具有)下列[^,;。]{0,12}之一的|但是?|" + ITEM_NUMBER + r".{0,2})$")


def trivial(t: str) -> bool:
    """A condition that only points elsewhere (违反本条例第十条规定) carries no substance of its own."""
    return bool(_TRIVIAL.match(REF.sub("第#条", fold(t).strip())))


_CONVERSE = re.compile(r"^(?:超出|超越|超过|离开|脱离|偏离|改变|变更|违反)")  # 不得超出指定地点经营 <- 应当在指定地点经营
_UNLESS_DONE = re.compile(r"^未(?:经|取得|办理|依法取得)(.+?)的?$")
CONVERSE_SAME = 0.6  # least similarity of the ban's act (its verb of departure removed) to the duty's


def restates_duty(n: Norm, kept: list[Norm]) -> bool:
    """应当在指定地点经营，不得超出指定地点经营: a ban that only forbids departing from a duty kept on both sides
    adds no norm."""
    if n.modality is not Modality.PROHIBITION:
        return False
    m = _CONVERSE.match(n.action.strip())
    unless = next((u for c in n.conditions if (u := _UNLESS_DONE.match(c.text.strip()))), None)
    if m is None and unless is None:
        return False
    # 不得超出指定地点经营 after 应当在指定地点经营; 未经审查批准的，不得发布 after 应当经审查批准
    rest = n.action.strip()[m.end():] if m is not None else unless.group(1) if unless is not None else ""
    return any(k.modality is Modality.OBLIGATION and k.role is n.role and (
        similarity(rest, k.action) >= CONVERSE_SAME or len(rest) >= 2 and rest in k.action) for k in kept)


__all__ = ["SAME_CONDITION", "restated", "restates_duty", "trivial", "unmatched_parts"]
