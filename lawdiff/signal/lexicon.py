"""Load and validate ``data/signal.yaml``: the word lists behind the expressive-powers signal.

The lists are data so that a lawyer can extend them without touching code (STYLE: data, not code).
They are validated on load, on the YAML node tree so that an error can name the line: an unknown key,
a missing list, a level that is not in the hierarchy or a bad regex raises :class:`RuleError` naming
the file, the key and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from lawdiff.errors import RuleError
from lawdiff.model import Lang

_LANG_KEYS = {
    "restriction": "list",
    "promotion": "list",
    "actors": "list",
    "departments": "list",
    "issuers": "list",
    "basis_markers": "list",
    "basis_pattern": "str",
    "hierarchy": "map",
    "apex": "str",
    "levels": "list",
    "provisional": "map",
    "draft_markers": "list",
}
_REQUIRED = ("restriction", "promotion", "hierarchy")
_ACTOR_KEYS = {"name", "pattern"}
_ISSUER_KEYS = {"pattern", "issuers"}
_LEVEL_KEYS = {"level", "title", "text", "issuer", "note"}


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
    level: str
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
    hierarchy: tuple[tuple[str, str], ...]  # (level, gloss), highest rank first
    apex: str  # what stands above the hierarchy: "the Constitution (宪法)"
    levels: tuple[LevelRule, ...]
    provisional: tuple[tuple[str, str], ...]  # (marker, gloss)
    draft_markers: tuple[re.Pattern[str], ...]

    def rank(self, level: str) -> int | None:
        """0 for the highest level of the hierarchy; None for a level the hierarchy does not know."""
        for i, (name, _) in enumerate(self.hierarchy):
            if name == level:
                return i
        return None

    def gloss(self, level: str) -> str:
        return dict(self.hierarchy).get(level, "")


class _Loader:
    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, node: yaml.Node, key: str, what: str) -> RuleError:
        line = node.start_mark.line + 1
        return RuleError(f"{self.path}:{line}: {key}: {what}")

    def mapping(self, node: yaml.Node, key: str, allowed: set[str] | dict[str, str]) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, key, "expected a mapping; see the comment at the top of signal.yaml")
        out: dict[str, yaml.Node] = {}
        for k, v in node.value:
            name = str(k.value)
            if name not in allowed:
                raise self.fail(k, f"{key}.{name}", f"unknown key; use one of {', '.join(sorted(allowed))}")
            out[name] = v
        return out

    def strings(self, node: yaml.Node, key: str) -> tuple[str, ...]:
        if isinstance(node, yaml.ScalarNode) and key.endswith((".title", ".text", ".issuer")):
            node = yaml.SequenceNode("tag:yaml.org,2002:seq", [node])
        if not isinstance(node, yaml.SequenceNode) or not all(
            isinstance(n, yaml.ScalarNode) and str(n.value).strip() for n in node.value
        ):
            raise self.fail(node, key, "expected a list of non-empty strings")
        return tuple(str(n.value) for n in node.value)

    def string(self, node: yaml.Node, key: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            raise self.fail(node, key, "expected a non-empty string")
        return str(node.value).strip()

    def regex(self, node: yaml.Node, key: str, text: str | None = None) -> re.Pattern[str]:
        text = self.string(node, key) if text is None else text
        try:
            return re.compile(text)
        except re.error as e:
            raise self.fail(node, key, f"bad regular expression {text!r}: {e}; fix the pattern") from None

    def regexes(self, node: yaml.Node, key: str) -> tuple[re.Pattern[str], ...]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        self.strings(node, key)
        return tuple(self.regex(n, key) for n in items)

    def pairs(self, node: yaml.Node, key: str) -> tuple[tuple[str, str], ...]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, key, "expected a mapping of name: gloss")
        return tuple((self.string(k, key), self.string(v, f"{key}.{k.value}")) for k, v in node.value)

    def language(self, lang: Lang, node: yaml.Node) -> SignalWords:
        key = lang.value
        m = self.mapping(node, key, _LANG_KEYS)
        for req in _REQUIRED:
            if req not in m:
                raise self.fail(node, f"{key}.{req}", "missing; every language needs it")
        hierarchy = self.pairs(m["hierarchy"], f"{key}.hierarchy")
        known = {name for name, _ in hierarchy}
        actors = tuple(
            self.actor(n, f"{key}.actors", lang) for n in self._seq(m.get("actors"), f"{key}.actors")
        )
        issuers = tuple(
            self.issuer(n, f"{key}.issuers") for n in self._seq(m.get("issuers"), f"{key}.issuers")
        )
        levels = tuple(
            self.level(n, f"{key}.levels", known) for n in self._seq(m.get("levels"), f"{key}.levels")
        )
        basis = m.get("basis_pattern")
        return SignalWords(
            lang=lang,
            restriction=self.strings(m["restriction"], f"{key}.restriction"),
            promotion=self.strings(m["promotion"], f"{key}.promotion"),
            actors=actors,
            departments=self.strings(m["departments"], f"{key}.departments") if "departments" in m else (),
            issuers=issuers,
            basis_markers=self.strings(m["basis_markers"], f"{key}.basis_markers")
            if "basis_markers" in m
            else (),
            basis_pattern=self.regex(basis, f"{key}.basis_pattern") if basis is not None else None,
            hierarchy=hierarchy,
            apex=self.string(m["apex"], f"{key}.apex") if "apex" in m else "",
            levels=levels,
            provisional=self.pairs(m["provisional"], f"{key}.provisional") if "provisional" in m else (),
            draft_markers=self.regexes(m["draft_markers"], f"{key}.draft_markers")
            if "draft_markers" in m
            else (),
        )

    def _seq(self, node: yaml.Node | None, key: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, key, "expected a list")
        return list(node.value)

    def actor(self, node: yaml.Node, key: str, lang: Lang) -> Actor:
        if isinstance(node, yaml.ScalarNode):
            name = self.string(node, key)
            return Actor(name, re.compile(re.escape(name) if lang is Lang.ZH else rf"\b{re.escape(name)}\b"))
        m = self.mapping(node, key, _ACTOR_KEYS)
        if "name" not in m or "pattern" not in m:
            raise self.fail(node, key, "an actor needs both name and pattern (or is a plain string)")
        return Actor(self.string(m["name"], f"{key}.name"), self.regex(m["pattern"], f"{key}.pattern"))

    def issuer(self, node: yaml.Node, key: str) -> IssuerRule:
        m = self.mapping(node, key, _ISSUER_KEYS)
        if "pattern" not in m or "issuers" not in m:
            raise self.fail(node, key, "an issuer rule needs pattern and issuers")
        return IssuerRule(
            self.regex(m["pattern"], f"{key}.pattern"), self.strings(m["issuers"], f"{key}.issuers")
        )

    def level(self, node: yaml.Node, key: str, known: set[str]) -> LevelRule:
        m = self.mapping(node, key, _LEVEL_KEYS)
        if "level" not in m or not ({"title", "text"} & m.keys()):
            raise self.fail(node, key, "a level rule needs level and title or text")
        level = self.string(m["level"], f"{key}.level")
        if level not in known:
            raise self.fail(m["level"], f"{key}.level", f"{level!r} is not in hierarchy; add it there first")
        return LevelRule(
            level=level,
            title=self.regexes(m["title"], f"{key}.title") if "title" in m else (),
            text=self.regexes(m["text"], f"{key}.text") if "text" in m else (),
            issuer=self.regexes(m["issuer"], f"{key}.issuer") if "issuer" in m else (),
            note=self.string(m["note"], f"{key}.note") if "note" in m else "",
        )


def load_signal_words(path: str | Path | None = None) -> dict[Lang, SignalWords]:
    """Parse and validate a signal word file (the packaged ``data/signal.yaml`` by default)."""
    if path is None:
        ref = resources.files("lawdiff") / "data" / "signal.yaml"
        text, name = ref.read_text(encoding="utf-8"), "lawdiff/data/signal.yaml"
    else:
        text, name = Path(path).read_text(encoding="utf-8"), str(path)
    loader = _Loader(name)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        raise RuleError(f"{name}: not valid YAML ({e}); fix the syntax") from None
    if root is None:
        raise RuleError(f"{name}: empty; it needs a section per language (zh, en)")
    top = loader.mapping(root, "(top level)", {lang.value for lang in Lang})
    return {Lang(k): loader.language(Lang(k), v) for k, v in top.items()}


@lru_cache(maxsize=1)
def _packaged() -> dict[Lang, SignalWords]:
    return load_signal_words()


def signal_words(lang: Lang) -> SignalWords:
    """The packaged word lists for ``lang`` (loaded and validated once per process)."""
    words = _packaged()
    if lang not in words:
        raise RuleError(f"lawdiff/data/signal.yaml: no section for language {lang.value!r}; add one")
    return words[lang]
