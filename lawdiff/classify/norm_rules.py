"""Norm rules (``data/rules/norms.yaml``): which way each kind of norm change moves the burden.

Part of stage ``classify``: the norm stage (:mod:`lawdiff.norms`) says *what* changed in each norm; these
rules say what that change means for the regulated parties.

A rule is a judgement in legal vocabulary — "a duty of the regulated parties became a permission",
"a threshold moved so that the burden reaches fewer cases" — over the structured changes of
:mod:`lawdiff.norms.compare`.  The first rule whose ``when`` holds decides a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lawdiff.classify.rules import read_rule_text
from lawdiff.errors import RuleError
from lawdiff.io.parsed import load_parsed
from lawdiff.io.schema import check
from lawdiff.io.yaml_data import YamlError, line_of
from lawdiff.model import ChangeKind, Direction, Modality, NormChange, Polarity, Role, Theme

THEMES = tuple(t.value for t in Theme)
_WHEN_KEYS = {"change", "role", "modality", "polarity", "action", "trend", "force", "quantity", "sanction",
              "instrument"}
_RULE_KEYS = {"id", "description", "description_zh", "theme", "direction", "weight", "when", "examples", "note"}


@dataclass(frozen=True, slots=True)
class Example:
    draft: str
    final: str
    label: str
    effect: str | None = None
    not_label: str | None = None  # a negative example: the rule must not produce this label / effect
    regulated: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class NormRule:
    id: str
    description: str
    description_zh: str
    theme: Theme
    direction: Direction
    weight: float | str  # a number, "norm" or "delta"
    changes: frozenset[ChangeKind]
    roles: frozenset[Role] | None
    modalities: frozenset[Modality] | None
    modality_moves: frozenset[tuple[Modality, Modality]] | None
    polarities: frozenset[Polarity] | None
    polarity_moves: frozenset[tuple[Polarity, Polarity]] | None
    action: str | None
    trend: str | None
    force: str | None
    quantities: frozenset[str] | None
    sanctions: frozenset[str] | None
    instrument: bool | None  # the norm names an instrument of control (licence, filing, notification)
    examples: tuple[Example, ...]
    note: str = ""
    source: str = ""
    line: int = 0

    def holds(self, c: NormChange) -> bool:
        if c.kind not in self.changes:
            return False
        n = c.norm
        if self.roles is not None and n.role not in self.roles:
            return False
        if self.modalities is not None and n.modality not in self.modalities:
            return False
        if self.modality_moves is not None:
            if c.draft is None or c.final is None or (c.draft.modality, c.final.modality) not in self.modality_moves:
                return False
        if self.polarities is not None and c.polarity not in self.polarities:
            return False
        if self.polarity_moves is not None:
            if c.draft is None or c.final is None or (c.draft.polarity, c.final.polarity) not in self.polarity_moves:
                return False
        if self.action is not None and n.action_class != self.action:
            return False
        if self.trend is not None and c.trend != self.trend:
            return False
        if self.force is not None and c.force != self.force:
            return False
        if self.quantities is not None and c.quantity not in self.quantities:
            return False
        if self.instrument is not None and bool(n.instrument) != self.instrument:
            return False
        return self.sanctions is None or c.sanction in self.sanctions

    def weight_of(self, c: NormChange) -> float:
        if self.weight in ("norm", "delta"):
            return round(c.weight, 3)
        return float(self.weight)


@dataclass(frozen=True, slots=True)
class NormRules:
    rules: tuple[NormRule, ...]
    source: str
    #: the rules that name each kind of change, in their order: a change is tried against these alone (against
    #: every rule, a 400 KB article's 4,000 changes cost 190,000 tries, most failing on the kind)
    by_change: dict[ChangeKind, tuple[NormRule, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_change", {k: tuple(r for r in self.rules if k in r.changes) for k in ChangeKind})

    def first(self, c: NormChange) -> NormRule | None:
        return next((r for r in self.by_change.get(c.kind, ()) if r.holds(c)), None)


def _one_or_list(v: Any) -> list[str]:
    return [str(x) for x in (v if isinstance(v, list) else [v])]


def _enum_set(v: Any, cls: Any, where: str) -> frozenset[Any] | None:
    if v is None:
        return None
    try:
        return frozenset(cls(x.strip()) for x in _one_or_list(v))
    except ValueError as exc:
        raise RuleError(f"{where}: {exc}; use one of {', '.join(m.value for m in cls)}") from exc


def _moves(v: Any, cls: Any, where: str) -> tuple[frozenset[Any] | None, frozenset[tuple[Any, Any]] | None]:
    if v is None:
        return None, None
    items = _one_or_list(v)
    if all("->" in x for x in items):
        try:
            return None, frozenset((cls(a.strip()), cls(b.strip())) for a, b in (x.split("->") for x in items))
        except ValueError as exc:
            raise RuleError(f"{where}: {exc}; use one of {', '.join(m.value for m in cls)}") from exc
    if any("->" in x for x in items):
        raise RuleError(f"{where}: mix of values and transitions; give either values or 'a -> b' transitions")
    return _enum_set(items, cls, where), None


def build(data: Any, source: str) -> NormRules:
    """Rules from parsed YAML (:func:`lawdiff.io.yaml.parse`), checked against ``norm-rules.schema.json``
    first, then for what a schema cannot say (ids unique, change kinds and roles that exist); every error
    names the file, the line and the fix."""
    checked(data, source)
    return build_checked(data, source)


def checked(data: Any, source: str, shipped: str | None = None) -> Any:
    """``data`` if it passes ``norm-rules.schema.json``, else the :class:`RuleError` naming the line;
    ``shipped``: the text of the shipped table it was parsed from (:func:`lawdiff.io.schema.check`)."""
    problem = check(data, "norm-rules", shipped=shipped)
    if problem is not None:
        raise RuleError(f"{source}:{problem.line}: {problem.message}")
    return data


def build_checked(data: Any, source: str) -> NormRules:
    """:func:`build` of data that passed the schema already (read back from the cache folder)."""
    rules: list[NormRule] = []
    seen: dict[str, int] = {}
    for i, r in enumerate(data.get("rules") or []):
        rid = r["id"]
        line = line_of(data["rules"], i)
        where = f"{source}:{line}: rule {rid}"
        if rid in seen:
            raise RuleError(f"{where}: id given twice (first at line {seen[rid]}); give this rule another id")
        seen[rid] = line
        when = r["when"] or {}
        mods, mod_moves = _moves(when.get("modality"), Modality, where)
        pols, pol_moves = _moves(when.get("polarity"), Polarity, where)
        examples = []
        for j, e in enumerate(r["examples"]):
            examples.append(Example(str(e.get("draft") or ""), str(e.get("final") or ""), str(e["label"]),
                                    e.get("effect"), e.get("not"), tuple(e.get("regulated") or ()),
                                    line_of(r["examples"], j)))
        rules.append(NormRule(
            id=rid, description=r["description"], description_zh=r["description_zh"], theme=Theme(r["theme"]),
            direction=Direction(r["direction"]), weight=r["weight"],
            changes=_enum_set(when.get("change"), ChangeKind, where) or frozenset(ChangeKind),
            roles=_enum_set(when.get("role"), Role, where), modalities=mods, modality_moves=mod_moves,
            polarities=pols, polarity_moves=pol_moves, action=when.get("action"), trend=when.get("trend"),
            force=when.get("force"),
            quantities=frozenset(_one_or_list(when["quantity"])) if "quantity" in when else None,
            sanctions=frozenset(_one_or_list(when["sanction"])) if "sanction" in when else None,
            instrument=when.get("instrument"),
            examples=tuple(examples), note=r.get("note", ""), source=source, line=line,
        ))
    return NormRules(tuple(rules), source)


def parse_norm_rules(text: str, source: str) -> NormRules:
    from lawdiff.io.yaml import parse  # PyYAML only for a table parsed, not read back parsed (lawdiff.io.parsed)

    try:
        data = parse(text)
    except YamlError as exc:
        raise RuleError(f"{source}:{exc.line}: {exc}") from None
    return build(data, source)


@lru_cache(maxsize=2)  # pure memoisation: the shipped table never changes during a run
def shipped_norm_rules(*, disk_cache: bool = True) -> NormRules:
    """The shipped table, parsed and checked once per process and kept parsed on disk (:mod:`lawdiff.io.parsed`:
    composing its YAML with line numbers and checking it cost 0.07 s a run; ``disk_cache=False`` neither
    reads nor writes that copy)."""
    text = resources.files("lawdiff").joinpath("data/rules/norms.yaml").read_text(encoding="utf-8")
    source = "lawdiff/data/rules/norms.yaml"

    def parse_checked() -> Any:
        from lawdiff.io.yaml import parse  # PyYAML only for a table parsed, not read back parsed

        try:
            return checked(parse(text, trusted=True), source, shipped=text)
        except YamlError as exc:
            raise RuleError(f"{source}:{exc.line}: {exc}") from None

    return load_parsed("norm-rules", text, parse_checked, lambda data: build_checked(data, source),
                       disk_cache=disk_cache)


def load_norm_rules(extra: Sequence[str | Path] = (), *, disk_cache: bool = True) -> NormRules:
    """The user's norm rules (``--rules FILE`` files of ``lang: any``) first, so that they decide before the
    shipped ones, then the shipped table; ids unique across all."""
    shipped = shipped_norm_rules(disk_cache=disk_cache)
    if not extra:
        return shipped
    own: list[NormRule] = []
    for f in extra:
        p = Path(f)
        own.extend(parse_norm_rules(read_rule_text(p), str(p)).rules)
    ids = {r.id: r for r in shipped.rules}
    for r in own:
        if r.id in ids:
            raise RuleError(f"{r.source}:{r.line}: rule {r.id}: duplicate id (first defined at "
                            f"{ids[r.id].source}:{ids[r.id].line}); give this rule another id")
        ids[r.id] = r
    return NormRules((*own, *shipped.rules), ", ".join([*(str(f) for f in extra), shipped.source]))


__all__ = ["Example", "NormRule", "NormRules", "build", "build_checked", "checked", "load_norm_rules", "parse_norm_rules",
           "shipped_norm_rules"]
