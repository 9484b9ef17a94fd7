"""What a rule is, and how a rule table's YAML becomes :class:`Rule` records.

The table is first checked against ``data/schemas/rules.schema.json`` (keys, types, allowed values and
ranges; :mod:`lawdiff.io.schema` names the line).  What a schema cannot say is checked here: patterns
that compile, never match width-folded text or could backtrack catastrophically
(:mod:`lawdiff.classify.patterns`), references to the table's shared ``patterns:``, matchers that fit the
units a rule applies to, examples consistent with their label, ids unique and ``overrides`` that exist.
Every problem is a :class:`~lawdiff.errors.RuleError` "file:line: rule id: cause; fix".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lawdiff.classify.patterns import NAME, PatternError, compile_pattern, expand
from lawdiff.errors import RuleError
from lawdiff.io.schema import check
from lawdiff.io.yaml_data import Map, YamlError, line_of
from lawdiff.model import Bearer, Direction, Effect, Label, Lang, Sphere, TextEnum, Theme

PATTERN_KEYS = ("deleted", "inserted", "draft_only", "final_only", "draft_has", "final_has", "unless")


class Applies(TextEnum):
    """Which units a rule runs on."""

    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


class NumericKind(TextEnum):
    FINE = "fine"
    DEADLINE = "deadline"


class Compare(TextEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Numeric:
    kind: NumericKind
    compare: Compare


@dataclass(frozen=True, slots=True)
class Example:
    draft: str
    final: str
    label: Label
    effect: Effect | None
    line: int
    regulated: tuple[str, ...] | None = None  # the run's regulated parties (None: the default reading)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    description: str
    theme: Theme
    direction: Direction
    weight: float
    applies_to: tuple[Applies, ...]
    deleted: tuple[re.Pattern[str], ...] = ()
    inserted: tuple[re.Pattern[str], ...] = ()
    draft_only: tuple[re.Pattern[str], ...] = ()
    final_only: tuple[re.Pattern[str], ...] = ()
    draft_has: tuple[re.Pattern[str], ...] = ()
    final_has: tuple[re.Pattern[str], ...] = ()
    unless: tuple[re.Pattern[str], ...] = ()
    near: int | None = None
    net: bool = False
    counterpart: float | None = None
    numeric: Numeric | None = None
    bearer: tuple[Bearer, ...] = ()  # classes of duty-bearer a match must have (empty: anyone)
    side: Sphere | None = None  # run only when the regulated parties are private / public bodies
    overrides: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    description_zh: str = ""
    source: str = ""
    line: int = 0
    user: bool = False  # from a --rules FILE: its patterns run under a time limit (lawdiff.classify.patterns)


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    lang: Lang | None = None
    sources: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def get(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


# ----------------------------------------------------------------------------------- reading a table


class _Table:
    """One table being read: its name, shared patterns and whether it is a user's (for messages, timing)."""

    def __init__(self, source: str, user: bool) -> None:
        self.source, self.user = source, user
        self.shared: dict[str, str] = {}

    def fail(self, line: int, rule_id: str | None, problem: str, fix: str = "") -> RuleError:
        where = f"rule {rule_id}: " if rule_id is not None else ""
        return RuleError(f"{self.source}:{line}: {where}{problem}" + (f"; {fix}" if fix else ""))

    def patterns(self, raw: Map, key: str, rule_id: str) -> tuple[re.Pattern[str], ...]:
        if key not in raw:
            return ()
        value = raw[key]
        items = [(value, line_of(raw, key))] if isinstance(value, str) else [
            (p, line_of(value, i)) for i, p in enumerate(value)]
        out = []
        for p, line in items:
            try:
                out.append(compile_pattern(expand(p, self.shared), timed=self.user))
            except PatternError as exc:
                raise self.fail(line, rule_id, exc.problem, exc.fix) from None
        return tuple(out)


def parse_rules(text: str, source: str, *, user: bool = False) -> RuleSet:
    """Validate a rule table given as YAML text; ``source`` names it in messages.  ``user``: a table
    from ``--rules`` (not shipped), whose patterns are matched under a time limit."""
    from lawdiff.io.yaml import parse  # PyYAML only for a table parsed, not read back parsed (lawdiff.io.parsed)

    table = _Table(source, user)
    trusted = not user and source.startswith("lawdiff/data/")
    try:
        doc = parse(text, trusted=trusted)
    except YamlError as exc:
        raise RuleError(f"{source}:{exc.line}: {exc}" if exc.line else f"{source}: {exc}") from None
    problem = check(doc, "rules", shipped=text if trusted else None)
    if problem is not None:
        rule_id = _rule_id(doc, problem.path)
        raise table.fail(problem.line, rule_id, problem.message)
    for name, pattern in doc.get("patterns", {}).items():
        line = line_of(doc["patterns"], name)
        if not NAME.match(name):  # pragma: no cover - the schema's propertyNames says so first
            raise table.fail(line, None, f"shared pattern name {name!r} is not lower case", "rename it")
        try:
            compile_pattern(pattern)
        except PatternError as exc:
            raise table.fail(line, None, f"shared pattern {name}: {exc.problem}", exc.fix) from None
        table.shared[name] = pattern
    rules = tuple(_rule(table, raw, line_of(doc["rules"], i)) for i, raw in enumerate(doc["rules"]))
    return check_set(rules, Lang(doc["lang"]) if doc.get("lang") else None, (source,))


def _rule_id(doc: Any, path: tuple[str | int, ...]) -> str | None:
    """The id of the rule a problem is in ("?" when it has none), or None outside the rules."""
    if len(path) < 2 or path[0] != "rules" or not isinstance(path[1], int):
        return None
    raw = doc["rules"][path[1]]
    rid = raw.get("id") if isinstance(raw, dict) else None
    return rid if isinstance(rid, str) and path[2:] != ("id",) else "?"


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _rule(table: _Table, raw: Map, line: int) -> Rule:
    rid: str = raw["id"]
    pats = {k: table.patterns(raw, k, rid) for k in PATTERN_KEYS}
    matchers = any(pats[k] for k in PATTERN_KEYS if k != "unless")
    applies = tuple(Applies(a) for a in _listed(raw.get("applies_to", "changed")))
    numeric = Numeric(NumericKind(raw["numeric"]["kind"]), Compare(raw["numeric"]["compare"])) if "numeric" in raw else None
    if not numeric and not matchers:
        raise table.fail(line, rid, "no matcher", "give deleted, inserted, draft_only, final_only or numeric")
    if applies == (Applies.ADDED,) and (pats["deleted"] or pats["draft_only"] or pats["draft_has"]):
        raise table.fail(line, rid, "an added article has no draft text to match",
                         "use inserted/final_only/final_has, or applies_to: [changed, added]")
    if applies == (Applies.REMOVED,) and (pats["inserted"] or pats["final_only"] or pats["final_has"]):
        raise table.fail(line, rid, "a removed article has no final text to match",
                         "use deleted/draft_only/draft_has, or applies_to: [changed, removed]")
    near = raw.get("near")
    if near is not None and not (pats["deleted"] and pats["inserted"]):
        raise table.fail(line_of(raw, "near"), rid, "near must be a whole number of characters and needs both "
                         "deleted and inserted", "write near: 20, or drop it")
    counterpart = raw.get("counterpart")
    if counterpart is not None and not (pats["deleted"] or pats["inserted"]):
        raise table.fail(line_of(raw, "counterpart"), rid, f"counterpart {counterpart!r} must be a share in "
                         "(0, 1] and needs deleted or inserted", "write counterpart: 0.6, or drop it")
    bearer = tuple(Bearer(b) for b in _listed(raw.get("bearer", [])))
    if bearer and not matchers and not numeric:
        raise table.fail(line_of(raw, "bearer"), rid, "bearer needs a pattern or numeric matcher", "drop bearer")
    examples_raw = raw["examples"]
    examples = tuple(_example(table, rid, e, line_of(examples_raw, i)) for i, e in enumerate(examples_raw))
    return Rule(id=rid, description=raw["description"].strip(), theme=Theme(raw["theme"]),
                direction=Direction(raw["direction"]), weight=float(raw["weight"]), applies_to=applies,
                near=near, net=raw.get("net", False), counterpart=counterpart, numeric=numeric, bearer=bearer,
                side=Sphere(raw["side"]) if raw.get("side") is not None else None,
                overrides=tuple(_listed(raw.get("overrides", []))), examples=examples,
                description_zh=str(raw.get("description_zh") or ""), source=table.source, line=line,
                user=table.user, **pats)


def _example(table: _Table, rid: str, raw: Mapping[str, Any], line: int) -> Example:
    draft, final = raw["draft"] or "", raw["final"] or ""
    label = Label(raw["label"])
    effect = Effect(raw["effect"]) if raw.get("effect") is not None else None
    if label is Label.ADDED and draft:
        raise table.fail(line, rid, "an 'added' example has draft text", "leave draft empty for an added article")
    if label is Label.REMOVED and final:
        raise table.fail(line, rid, "a 'removed' example has final text", "leave final empty for a removed article")
    if not draft and not final:
        raise table.fail(line, rid, "example with empty draft and final", "give the text of at least one side")
    regulated = raw.get("regulated")
    return Example(draft, final, label, effect, line, tuple(_listed(regulated)) if regulated is not None else None)


def check_set(rules: tuple[Rule, ...], lang: Lang | None, sources: tuple[str, ...]) -> RuleSet:
    """Rules from one or more tables as one set: ids unique, every ``overrides`` naming a rule."""
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            first = seen[r.id]
            raise RuleError(f"{r.source}:{r.line}: rule {r.id}: duplicate id (first defined at {first.source}:"
                            f"{first.line}); give this rule another id")
        seen[r.id] = r
    for r in rules:
        for o in r.overrides:
            if o not in seen:
                raise RuleError(f"{r.source}:{r.line}: rule {r.id}: overrides unknown rule '{o}'; "
                                "name an existing rule id")
    return RuleSet(rules, lang, sources)


__all__ = ["PATTERN_KEYS", "Applies", "Compare", "Example", "Numeric", "NumericKind", "Rule", "RuleSet",
           "check_set", "parse_rules"]
