"""Which regular expressions may backtrack catastrophically: checked when a rule table is loaded.

Python's ``re`` has no time limit, and rule patterns run over whole articles, so a pattern that can
backtrack exponentially hangs a run on text that almost matches.  A repeat that may run many times
(``+``, ``*``, ``{2,}``, ``{25}``) is refused when its body

* contains another such repeat — ``(a+)+``, ``(\\w*,)*`` (the check lawdiff always had);
* can match the empty string — ``(a?)*``, ``(a?){25}a{25}`` (2^25 ways to place the empty matches);
* has alternatives that can start with the same character — ``(a|aa)+``, ``(应当|应)+``,
  ``(a|b|ab)*`` (a run of n characters splits in Fibonacci(n) ways).

Possessive repeats (``a++``) and atomic groups (``(?>…)``) never backtrack and are allowed.  Python's
parser already turns one-character alternatives into a set (``(\\w|\\d)+`` is ``[\\w\\d]+``), which is safe.
Not detected: polynomial patterns such as ``.*.*.*x`` (cubic, not exponential) — slow on a long
article, but finite.  The first-character sets are approximate on the safe side: a class such as
``\\w`` or ``[^。]`` counts as "any character", so it overlaps everything.
"""

from __future__ import annotations

try:  # Python >= 3.11
    import re._parser as _sre  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

import re

#: "any character": a first-character set we do not spell out
ANY = None
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT")


def backtracking_risk(pattern: str, flags: int = re.IGNORECASE) -> str | None:
    """Why ``pattern`` can backtrack catastrophically (a phrase for an error message), or None."""
    parsed = _sre.parse(pattern, flags)
    icase = bool(parsed.state.flags & re.IGNORECASE)

    def walk(items, inside: bool) -> str | None:
        for op, av in items:
            name = str(op)
            if name in _REPEATS:
                _lo, hi, sub = av
                multi = hi > 1
                if multi and inside:
                    return "nests a quantifier inside a repeated group"
                if multi and _first(sub, icase)[1]:
                    return "repeats a group that can match nothing"
                if multi and _ambiguous(sub, icase):
                    return "repeats a group whose alternatives can start with the same character"
                why = walk(sub, inside or multi)
            elif name in ("POSSESSIVE_REPEAT", "ATOMIC_GROUP"):
                continue  # never backtracks into
            else:
                why = next((w for child in _children(name, av) if (w := walk(child, inside))), None)
            if why:
                return why
        return None

    return walk(parsed, False)


def _children(name: str, av) -> list:
    if name == "SUBPATTERN":
        return [av[-1]]
    if name == "BRANCH":
        return list(av[1])
    if name in ("ASSERT", "ASSERT_NOT"):
        return [av[1]]
    if name == "GROUPREF_EXISTS":
        return [b for b in av[1:] if b is not None and not isinstance(b, int)]
    return []


def _ambiguous(items, icase: bool) -> bool:
    """An alternation (at this level or in a group) with two branches that can start alike, or an empty one."""
    for op, av in items:
        name = str(op)
        if name == "BRANCH":
            firsts = [_first(b, icase) for b in av[1]]
            if any(nullable for _f, nullable in firsts):
                return True
            sets = [f for f, _n in firsts]
            if any(_overlap(sets[i], sets[j]) for i in range(len(sets)) for j in range(i + 1, len(sets))):
                return True
        elif name == "SUBPATTERN" and _ambiguous(av[-1], icase):
            return True
    return False


def _union(a, b):
    return ANY if a is ANY or b is ANY else a | b


def _overlap(a, b) -> bool:
    if a is ANY or b is ANY:
        return bool(a is ANY or a) and bool(b is ANY or b)
    return bool(a & b)


def _chars(code: int, icase: bool) -> frozenset[str]:
    ch = chr(code)
    return frozenset({ch, ch.lower(), ch.upper()}) if icase else frozenset({ch})


def _first(items, icase: bool) -> tuple[object, bool]:
    """(the characters a sequence can start with, whether it can match the empty string)."""
    out: object = frozenset()
    for item in items:
        first, nullable = _first_item(item, icase)
        out = _union(out, first)
        if not nullable:
            return out, False
    return out, True


def _first_item(item, icase: bool) -> tuple[object, bool]:
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return _chars(av, icase), False
    if name in ("NOT_LITERAL", "ANY", "CATEGORY"):
        return ANY, False
    if name == "IN":
        out: frozenset[str] = frozenset()
        for iop, iav in av:
            iname = str(iop)
            if iname == "LITERAL":
                out |= _chars(iav, icase)
            elif iname == "RANGE" and iav[1] - iav[0] < 256:
                out = out.union(*(_chars(c, icase) for c in range(iav[0], iav[1] + 1)))
            else:  # NEGATE, CATEGORY, a wide RANGE
                return ANY, False
        return out, False
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return frozenset(), True
    if name == "SUBPATTERN":
        return _first(av[-1], icase)
    if name == "ATOMIC_GROUP":
        return _first(av, icase)
    if name == "BRANCH":
        out2: object = frozenset()
        nullable = False
        for branch in av[1]:
            first, n = _first(branch, icase)
            out2, nullable = _union(out2, first), nullable or n
        return out2, nullable
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, _hi, sub = av
        first, n = _first(sub, icase)
        return first, lo == 0 or n
    return ANY, True  # group references and anything unknown: assume the worst


__all__ = ["backtracking_risk"]
