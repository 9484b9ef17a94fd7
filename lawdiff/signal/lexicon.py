"""Load and validate ``data/signal.yaml``: the word lists behind the expressive-powers signal.

The lists are data so that a lawyer can extend them without touching code (STYLE: data, not code).
They are checked on load against ``data/schemas/signal.schema.json`` (:mod:`lawdiff.io.schema` names the
line); what a schema cannot say (a regex that does not compile, a level rule for a level the hierarchy
lacks) is checked here.  Every problem is a :class:`RuleError` naming the file, the key and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lawdiff.errors import RuleError
from lawdiff.io.parsed import load_parsed
from lawdiff.io.schema import check
from lawdiff.io.yaml_data import YamlError, line_of
from lawdiff.model import Lang, Level


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class IssuerRule:
    pattern: re.Pattern[str]
    issuers: tuple[str, ...]  # templates: "\1" expands the pattern's groups


@dataclass(frozen=True, slots=True)
class LevelRule:
    level: Level
    title: tuple[re.Pattern[str], ...]
    text: tuple[re.Pattern[str], ...]
    issuer: tuple[re.Pattern[str], ...]
    note: str


@dataclass(frozen=True, slots=True)
class SignalWords:
    lang: Lang
    restriction: tuple[str, ...]
    promotion: tuple[str, ...]
    actors: tuple[Actor, ...]
    departments: tuple[str, ...]
    issuers: tuple[IssuerRule, ...]
    basis_markers: tuple[str, ...]
    basis_pattern: re.Pattern[str] | None
    hierarchy: tuple[tuple[Level, str], ...]  # (level, gloss), highest rank first
    beside: tuple[tuple[Level, str, tuple[Level, ...]], ...]  # (level, gloss, the levels above it)
    apex: str  # what stands above the hierarchy: "the Constitution (宪法)"
    levels: tuple[LevelRule, ...]
    provisional: tuple[tuple[str, str], ...]  # (marker, gloss)
    draft_markers: tuple[re.Pattern[str], ...]

    def rank(self, level: Level) -> int | None:
        """0 for the highest level of the hierarchy; None for a level the hierarchy does not know."""
        for i, (name, _) in enumerate(self.hierarchy):
            if name == level:
                return i
        return None

    def gloss(self, level: Level) -> str:
        return dict(self.hierarchy).get(level, "") or next((g for lv, g, _ in self.beside if lv == level), "")

    def above(self, level: Level) -> tuple[Level, ...] | None:
        """The levels above ``level``: the chain before it, or a beside level's own list; None if unknown."""
        rank = self.rank(level)
        if rank is not None:
            return tuple(name for name, _ in self.hierarchy[:rank])
        return next((b for lv, _, b in self.beside if lv == level), None)


class _Reader:
    """Builds :class:`SignalWords` from checked data, compiling the regexes (with their lines for errors)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def regex(self, parent: Any, key: str | int, where: str) -> re.Pattern[str]:
        text = str(parent[key]).strip()
        try:
            return re.compile(text)
        except re.error as e:
            raise RuleError(f"{self.path}:{line_of(parent, key)}: {where}: bad regular expression {text!r}: {e}; "
                            "fix the pattern") from None

    def regexes(self, parent: Any, key: str, where: str) -> tuple[re.Pattern[str], ...]:
        value = parent.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (self.regex(parent, key, where),)
        return tuple(self.regex(value, i, where) for i in range(len(value)))

    def language(self, lang: Lang, m: dict[str, Any]) -> SignalWords:
        key = lang.value
        hierarchy = tuple((Level(name), str(gloss).strip()) for name, gloss in m["hierarchy"].items())
        beside = tuple((Level(name), str(v["gloss"]).strip(), tuple(Level(x) for x in v["below"]))
                       for name, v in (m.get("beside") or {}).items())
        known = {name for name, _ in hierarchy} | {name for name, _, _ in beside}
        levels = []
        for rule in m.get("levels", ()):
            level = Level(rule["level"])
            if level not in known:
                raise RuleError(f"{self.path}:{line_of(rule, 'level')}: {key}.levels.level: {level.value!r} is not in "
                                "hierarchy; add it there first")
            levels.append(LevelRule(level=level, title=self.regexes(rule, "title", f"{key}.levels.title"),
                                    text=self.regexes(rule, "text", f"{key}.levels.text"),
                                    issuer=self.regexes(rule, "issuer", f"{key}.levels.issuer"),
                                    note=str(rule.get("note", "")).strip()))
        actors = []
        for a in m.get("actors", ()):
            if isinstance(a, str):
                name = a.strip()
                actors.append(Actor(name, re.compile(re.escape(name) if lang is Lang.ZH else rf"\b{re.escape(name)}\b")))
            else:
                actors.append(Actor(a["name"].strip(), self.regex(a, "pattern", f"{key}.actors.pattern")))
        issuers = tuple(IssuerRule(self.regex(r, "pattern", f"{key}.issuers.pattern"), tuple(r["issuers"]))
                        for r in m.get("issuers", ()))
        return SignalWords(
            lang=lang,
            restriction=tuple(m["restriction"]),
            promotion=tuple(m["promotion"]),
            actors=tuple(actors),
            departments=tuple(m.get("departments", ())),
            issuers=issuers,
            basis_markers=tuple(m.get("basis_markers", ())),
            basis_pattern=self.regex(m, "basis_pattern", f"{key}.basis_pattern") if "basis_pattern" in m else None,
            hierarchy=hierarchy,
            beside=beside,
            apex=str(m.get("apex", "")).strip(),
            levels=tuple(levels),
            provisional=tuple((str(k).strip(), str(v).strip()) for k, v in m.get("provisional", {}).items()),
            draft_markers=self.regexes(m, "draft_markers", f"{key}.draft_markers"),
        )


def load_signal_words(path: str | Path | None = None) -> dict[Lang, SignalWords]:
    """Parse and validate a signal word file (the packaged ``data/signal.yaml`` by default)."""
    if path is None:
        ref = resources.files("lawdiff") / "data" / "signal.yaml"
        text, name = ref.read_text(encoding="utf-8"), "lawdiff/data/signal.yaml"
    else:
        text, name = Path(path).read_text(encoding="utf-8"), str(path)
    return words_from(checked_signal(text, name, trusted=path is None), name)


def checked_signal(text: str, name: str, *, trusted: bool = False) -> Any:
    """The parsed signal word file, checked against ``signal.schema.json`` (a :class:`RuleError` naming
    the line otherwise); ``trusted``: the packaged file (:func:`lawdiff.io.yaml.parse`)."""
    from lawdiff.io.yaml import parse  # PyYAML only for a file parsed, not read back parsed (lawdiff.io.parsed)

    try:
        root = parse(text, trusted=trusted)
    except YamlError as e:
        raise RuleError(f"{name}:{e.line}: {e}" if e.line else f"{name}: {e}") from None
    if root is None:
        raise RuleError(f"{name}: empty; it needs a section per language (zh, en)")
    problem = check(root, "signal", shipped=text if trusted else None)
    if problem is not None:
        raise RuleError(f"{name}:{problem.line}: {problem.message}")
    return root


def words_from(root: Any, name: str) -> dict[Lang, SignalWords]:
    """The word lists of a checked signal word file, by language."""
    reader = _Reader(name)
    return {Lang(k): reader.language(Lang(k), v) for k, v in root.items()}


def _section(root: Any, lang: Lang, name: str) -> SignalWords:
    """The word lists of one language of a checked signal word file (the other's patterns left uncompiled)."""
    if lang.value not in root:
        raise RuleError(f"{name}: no section for language {lang.value!r}; add one")
    return _Reader(name).language(lang, root[lang.value])


@lru_cache(maxsize=4)  # pure memoisation: the packaged file is constant for the process
def _packaged(lang: Lang, disk_cache: bool = True) -> SignalWords:
    text = (resources.files("lawdiff") / "data" / "signal.yaml").read_text(encoding="utf-8")
    name = "lawdiff/data/signal.yaml"
    return load_parsed("signal-words", text, lambda: checked_signal(text, name, trusted=True),
                       lambda root: _section(root, lang, name), disk_cache=disk_cache)


def signal_words(lang: Lang, *, disk_cache: bool = True) -> SignalWords:
    """The packaged word lists for ``lang`` (loaded and validated once per process, and kept parsed on disk:
    :mod:`lawdiff.io.parsed`; ``disk_cache=False`` neither reads nor writes that copy)."""
    return _packaged(Lang(lang), disk_cache)
