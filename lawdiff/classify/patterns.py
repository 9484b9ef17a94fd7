"""Rule patterns: references to shared patterns, compiling, refusing those that could hang, a time limit.

Python's ``re`` has no time limit, and rule patterns run over whole articles, so a pattern that can
backtrack exponentially hangs a run on text that almost matches.  :func:`compile_pattern` refuses, when
a table is loaded, a repeat that may run many times (``+``, ``*``, ``{2,}``, ``{25}``) when its body

* contains another such repeat — ``(a+)+``, ``(\\w*,)*``;
* can match the empty string — ``(a?)*``, ``(a?){25}a{25}`` (2^25 ways to place the empty matches);
* has alternatives that can start with the same character — ``(a|aa)+``, ``(应当|应)+``,
  ``(a|b|ab)*`` (a run of n characters splits in Fibonacci(n) ways).

Possessive repeats (``a++``) and atomic groups (``(?>…)``) never backtrack and are allowed.  Python's
parser already turns one-character alternatives into a set (``(\\w|\\d)+`` is ``[\\w\\d]+``), which is safe.
Not detected: polynomial patterns such as ``.*.*.*x`` (cubic, not exponential) — slow on a long
article, but finite.  The first-character sets are approximate on the safe side: a class such as
``\\w`` or ``[^。]`` counts as "any character", so it overlaps everything.

Also refused: a repeated group whose optional end can start the next repetition, or whose optional
start can end the previous one — ``(?:\\w\\w?)+$``, ``(\\w?\\w)+`` (a run of n letters splits into
Fibonacci(n) repetitions) — which no rule above caught.

For what is left, a *user* rule's pattern (``--rules FILE``) is matched by the ``regex`` package with its
``timeout=`` (:class:`TimedPattern`): the engine checks the clock as it works, in any thread and on every
platform (the ``SIGALRM`` timer it replaces worked only in the main thread, and not on Windows), and an
overrun becomes a :class:`PatternTimeout` that the matcher turns into a RuleError naming the rule, the
pattern and the article.  Shipped tables are trusted (their patterns are tested on the bundled corpora)
and run on ``re`` unbounded, so the common case costs nothing.  ``LAWDIFF_RULE_TIMEOUT`` (seconds,
default 5; 0 turns the bound off) sets the limit per pattern and article side.

Shared patterns: a table's ``patterns:`` section names a pattern once (``modal_shall: '必须|应当|…'``)
and a rule refers to it as ``{modal_shall}``: alone, the pattern is the shared one as written;
inside a longer pattern it stands for ``(?:…)``.  A name is lower case (letters, digits, ``_``), so a
reference never reads as a repeat such as ``{2,40}``; write ``\\{`` for a literal brace.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Mapping
from typing import Any, cast

from lawdiff.text.normalize import fold

try:  # Python >= 3.11
    import re._parser as _sre  # type: ignore[import-not-found,unused-ignore]  # private: no stubs
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef,unused-ignore]

#: "any character": a first-character set we do not spell out
ANY = None
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT")


def backtracking_risk(pattern: str, flags: int = re.IGNORECASE) -> str | None:
    """Why ``pattern`` can backtrack catastrophically (a phrase for an error message), or None."""
    parsed = _sre.parse(pattern, flags)
    icase = bool(parsed.state.flags & re.IGNORECASE)

    def walk(items: Any, inside: bool) -> str | None:
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
                if not why and multi and _edges_overlap(sub, icase):
                    why = "repeats a group whose optional end or start can also begin or end a repetition"
            elif name in ("POSSESSIVE_REPEAT", "ATOMIC_GROUP"):
                continue  # never backtracks into
            else:
                why = next((w for child in _children(name, av) if (w := walk(child, inside))), None)
            if why:
                return why
        return None

    return walk(parsed, False)


def _children(name: str, av: Any) -> list[Any]:
    if name == "SUBPATTERN":
        return [av[-1]]
    if name == "BRANCH":
        return list(av[1])
    if name in ("ASSERT", "ASSERT_NOT"):
        return [av[1]]
    if name == "GROUPREF_EXISTS":
        return [b for b in av[1:] if b is not None and not isinstance(b, int)]
    return []


def _ambiguous(items: Any, icase: bool) -> bool:
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


def _edges_overlap(items: Any, icase: bool) -> bool:
    """``(\\w\\w?)+``: an optional item at the end of the repeated body can take a character that the next
    repetition could start with (or an optional item at its start one the previous repetition could end
    with), so a run splits into repetitions in exponentially many ways."""
    items = list(items)
    while len(items) == 1 and str(items[0][0]) == "SUBPATTERN":  # (…)+: the group's own items
        items = list(items[0][1][-1])
    start, _ = _first(items, icase)
    end, _ = _first(items, icase, last=True)
    for seq, edge in ((reversed(items), start), (items, end)):
        for item in seq:
            first, nullable = _first_item(item, icase)
            if not nullable:
                break
            if _overlap(first, edge):
                return True
    return False


def _union(a: Any, b: Any) -> Any:
    return ANY if a is ANY or b is ANY else a | b


def _overlap(a: Any, b: Any) -> bool:
    if a is ANY or b is ANY:
        return bool(a is ANY or a) and bool(b is ANY or b)
    return bool(a & b)


def _chars(code: int, icase: bool) -> frozenset[str]:
    ch = chr(code)
    return frozenset({ch, ch.lower(), ch.upper()}) if icase else frozenset({ch})


def _first(items: Any, icase: bool, last: bool = False) -> tuple[object, bool]:
    """(the characters a sequence can start with — or end with, ``last`` —, whether it can match the empty
    string)."""
    out: object = frozenset()
    for item in (reversed(list(items)) if last else items):
        first, nullable = _first_item(item, icase, last)
        out = _union(out, first)
        if not nullable:
            return out, False
    return out, True


def _first_item(item: Any, icase: bool, last: bool = False) -> tuple[object, bool]:
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
        return _first(av[-1], icase, last)
    if name == "ATOMIC_GROUP":
        return _first(av, icase, last)
    if name == "BRANCH":
        out2: object = frozenset()
        nullable = False
        for branch in av[1]:
            first, n = _first(branch, icase, last)
            out2, nullable = _union(out2, first), nullable or n
        return out2, nullable
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, _hi, sub = av
        first, n = _first(sub, icase, last)
        return first, lo == 0 or n
    return ANY, True  # group references and anything unknown: assume the worst

def required_runs(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str]:
    """Literal strings (lower case) every match of ``pattern`` contains: ``应当(?:在|于)\\d+日内`` -> {应当, 日内}.

    A cheap pre-test for ``lawdiff rules check``: a pattern cannot match a text that lacks one of them.
    Conservative: what is optional, in alternatives or in a class is left out."""
    try:
        parsed = _sre.parse(pattern, flags)
    except (re.error, OverflowError, RecursionError, ValueError):
        return frozenset()
    runs: set[str] = set()

    def walk(items: Any) -> None:
        run: list[str] = []
        for op, av in items:
            name = str(op)
            if name == "LITERAL":
                run.append(chr(av).lower())
                continue
            if run:
                runs.add("".join(run))
                run = []
            if name == "SUBPATTERN":
                walk(av[-1])
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
                walk(av[2])
            elif name == "ATOMIC_GROUP":
                walk(av)
        if run:
            runs.add("".join(run))

    walk(parsed)
    return frozenset(runs)


# ------------------------------------------------------------------------------------------ compiling

#: Characters that width folding rewrites: a pattern containing them could never match the folded text.
FOLDED_AWAY = frozenset(ch for ch in "，；：（）！？【】“”‘’　０１２３４５６７８９" if fold(ch) != ch)
_REFERENCE = re.compile(r"(?<!\\)\{([a-z][a-z0-9_]*)\}")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class PatternError(ValueError):
    """A pattern lawdiff refuses: ``problem`` and ``fix`` (the loader adds file, rule and line)."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(f"{problem}; {fix}")
        self.problem, self.fix = problem, fix


def expand(raw: str, shared: Mapping[str, str]) -> str:
    """``raw`` with every ``{name}`` replaced by the shared pattern of that name (see the module docstring)."""
    whole = _REFERENCE.fullmatch(raw)
    if whole is not None:
        return _lookup(whole.group(1), shared)
    return _REFERENCE.sub(lambda m: f"(?:{_lookup(m.group(1), shared)})", raw)


def _lookup(name: str, shared: Mapping[str, str]) -> str:
    if name not in shared:
        known = ", ".join(sorted(shared)) or "none"
        raise PatternError(f"{{{name}}} names no shared pattern (defined: {known})",
                           f"define {name} under patterns:, or write \\{{{name}\\}} for literal braces")
    return shared[name]


def compile_pattern(raw: Any, *, timed: bool = False) -> re.Pattern[str]:
    """A rule pattern compiled as matched (case-insensitive); :class:`PatternError` if it is refused.

    ``timed``: a user's pattern, matched under the time limit (:class:`TimedPattern`, which offers what the
    matcher uses of a compiled pattern: ``pattern``, ``groupindex``, ``search`` and ``finditer``)."""
    if not isinstance(raw, str) or not raw:
        raise PatternError(f"pattern {raw!r} is not a non-empty string", "quote the regular expression")
    bad = sorted({c for c in raw if c in FOLDED_AWAY})
    if bad:
        raise PatternError(f"pattern {raw!r} contains {''.join(bad)!r}, which never matches because text is "
                           "width-folded before matching", "write ASCII punctuation and digits (， -> , ；-> ;)")
    try:
        rx = re.compile(raw, re.IGNORECASE)
        why = backtracking_risk(raw)  # nested repeats, and repeats of nothing or of ambiguous parts
    except re.error as exc:
        raise PatternError(f"bad regular expression {raw!r} ({exc})", "fix the pattern") from None
    except (OverflowError, RecursionError, ValueError) as exc:  # a{1,4294967296}; groups nested thousands deep
        raise PatternError(f"bad regular expression {raw!r} ({str(exc)[:80]})",
                           "use repeat counts below 4294967295 and less nesting") from None
    if why:
        raise PatternError(f"pattern {raw!r} {why} (catastrophic backtracking)",
                           "remove the inner or the outer repeat, e.g. (a+)+ -> a+, (a|aa)+ -> a+, (ab?)+ -> (ab)+")
    if rx.groupindex and set(rx.groupindex) - {"changed"}:
        raise PatternError(f"pattern {raw!r} names a group other than 'changed'",
                           "use (?:...) for grouping and (?P<changed>...) to mark the part that must change")
    if not timed:
        return rx
    import regex  # only for a user's rule: importing it costs every run about 8 ms

    try:
        return cast("re.Pattern[str]", TimedPattern(regex.compile(raw, regex.IGNORECASE | regex.VERSION0)))
    except (regex.error, OverflowError, RecursionError, ValueError) as exc:
        raise PatternError(f"bad regular expression {raw!r} ({str(exc)[:80]})", "fix the pattern") from None


# ------------------------------------------------------------------------------------------ time limit

ENV = "LAWDIFF_RULE_TIMEOUT"
DEFAULT_SECONDS = 5.0


def seconds() -> float:
    """The limit per pattern and article side; 0 means none."""
    try:
        value = float(os.environ.get(ENV, DEFAULT_SECONDS))
    except ValueError:
        return DEFAULT_SECONDS
    return value if value > 0 else 0.0


class PatternTimeout(Exception):
    """A pattern ran past its limit (the caller names the rule and the article)."""


class TimedPattern:
    """A user's pattern, compiled by ``regex`` and matched with its ``timeout=`` (:func:`seconds`)."""

    __slots__ = ("_rx",)

    def __init__(self, rx: Any) -> None:
        self._rx = rx

    @property
    def pattern(self) -> str:
        return str(self._rx.pattern)

    @property
    def groupindex(self) -> Mapping[str, int]:
        return dict(self._rx.groupindex)

    @property
    def flags(self) -> int:
        return int(self._rx.flags)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        limit = seconds()
        try:
            return self._rx.search(text, pos, endpos, timeout=limit or None)
        except TimeoutError:
            raise PatternTimeout(f"took longer than {limit:g} s") from None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        """All matches, found at once: the limit covers the whole scan, not only the first match."""
        limit = seconds()
        try:
            return iter(list(self._rx.finditer(text, pos, endpos, timeout=limit or None)))
        except TimeoutError:
            raise PatternTimeout(f"took longer than {limit:g} s") from None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TimedPattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"TimedPattern({self.pattern!r})"


@contextlib.contextmanager
def time_limit(limit: float) -> Iterator[None]:
    """The block a user's pattern is matched in.  The limit itself is applied by :class:`TimedPattern`
    (``regex``'s ``timeout=``), which raises :class:`PatternTimeout`; this context stays for the callers
    that mark where a user's pattern runs."""
    yield


__all__ = ["DEFAULT_SECONDS", "ENV", "FOLDED_AWAY", "PatternError", "PatternTimeout", "TimedPattern", "backtracking_risk",
           "compile_pattern", "expand", "required_runs", "seconds", "time_limit"]
