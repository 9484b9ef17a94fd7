"""Norm rules (``data/rules/norms.yaml``): which way each kind of norm change moves the burden.

Part of stage ``classify``: the norm stage (:mod:`lawdiff.norms`) says *what* changed in each norm; these
rules say what that change means for the regulated parties.

A rule is a judgement in legal vocabulary — "a duty of the regulated parties became a permission",
"a threshold moved so that the burden reaches fewer cases" — over the structured changes of
:mod:`lawdiff.norms.compare`.  The first rule whose ``when`` holds decides a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from lawdiff.errors import RuleError
from lawdiff.model import ChangeKind, Direction, Modality, NormChange, Polarity, Role, Theme

THEMES = tuple(t.value for t in Theme)
_WHEN_KEYS = {"change", "role", "modality", "polarity", "action", "trend", "force", "quantity", "sanction"}
_RULE_KEYS = {"id", "description", "description_zh", "theme", "direction", "weight", "when", "examples", "note"}


@dataclass(frozen=True, slots=True)
class Example:
    draft: str
    final: str
    label: str
    effect: str | None = None
    not_label: str | None = None  # a negative example: the rule must not produce this label / effect
    regulated: tuple[str, ...] = ()


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
    examples: tuple[Example, ...]
    note: str = ""
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
        return self.sanctions is None or c.sanction in self.sanctions

    def weight_of(self, c: NormChange) -> float:
        if self.weight in ("norm", "delta"):
            return round(c.weight, 3)
        return float(self.weight)


@dataclass(frozen=True, slots=True)
class NormRules:
    rules: tuple[NormRule, ...]
    source: str

    def first(self, c: NormChange) -> NormRule | None:
        return next((r for r in self.rules if r.holds(c)), None)


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


def build(data: dict[str, Any], source: str) -> NormRules:
    rules: list[NormRule] = []
    seen: set[str] = set()
    for i, r in enumerate(data.get("rules") or []):
        rid = r.get("id", f"#{i + 1}")
        where = f"{source}: rule {rid}"
        unknown = set(r) - _RULE_KEYS
        if unknown:
            raise RuleError(f"{where}: unknown key {sorted(unknown)[0]!r}; the keys are {', '.join(sorted(_RULE_KEYS))}")
        for k in ("id", "description", "description_zh", "theme", "direction", "weight", "when", "examples"):
            if k not in r:
                raise RuleError(f"{where}: missing {k!r}; every norm rule has {k}")
        if rid in seen:
            raise RuleError(f"{where}: id given twice; rule ids are unique")
        seen.add(rid)
        if r["theme"] not in THEMES:
            raise RuleError(f"{where}: theme {r['theme']!r} is not one of {', '.join(THEMES)}")
        w = r["weight"]
        if not (w in ("norm", "delta") or isinstance(w, (int, float)) and 0 <= w <= 10):
            raise RuleError(f"{where}: weight {w!r}: give a number in [0, 10], 'norm' or 'delta'")
        when = r["when"] or {}
        unknown = set(when) - _WHEN_KEYS
        if unknown:
            raise RuleError(f"{where}: unknown when-key {sorted(unknown)[0]!r}; the keys are {', '.join(sorted(_WHEN_KEYS))}")
        mods, mod_moves = _moves(when.get("modality"), Modality, where)
        pols, pol_moves = _moves(when.get("polarity"), Polarity, where)
        examples = []
        for e in r["examples"]:
            examples.append(Example(str(e.get("draft") or ""), str(e.get("final") or ""), str(e["label"]),
                                    e.get("effect"), e.get("not"), tuple(e.get("regulated") or ())))
        rules.append(NormRule(
            id=rid, description=r["description"], description_zh=r["description_zh"], theme=Theme(r["theme"]),
            direction=Direction(r["direction"]), weight=w,
            changes=_enum_set(when.get("change"), ChangeKind, where) or frozenset(ChangeKind),
            roles=_enum_set(when.get("role"), Role, where), modalities=mods, modality_moves=mod_moves,
            polarities=pols, polarity_moves=pol_moves, action=when.get("action"), trend=when.get("trend"),
            force=when.get("force"),
            quantities=frozenset(_one_or_list(when["quantity"])) if "quantity" in when else None,
            sanctions=frozenset(_one_or_list(when["sanction"])) if "sanction" in when else None,
            examples=tuple(examples), note=r.get("note", ""),
        ))
    return NormRules(tuple(rules), source)


@lru_cache(maxsize=1)  # the shipped table never changes during a run
def load_norm_rules() -> NormRules:
    text = resources.files("lawdiff").joinpath("data/rules/norms.yaml").read_text(encoding="utf-8")
    return build(yaml.safe_load(text), "data/rules/norms.yaml")


__all__ = ["Example", "NormRule", "NormRules", "build", "load_norm_rules"]
