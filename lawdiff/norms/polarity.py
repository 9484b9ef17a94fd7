"""A norm's polarity for the regulated parties, read from ``data/norms/polarity.yaml``.

The table is data because it is the project's legal judgement in its most compact form: which norms
burden the regulated, which relieve them, which are the state's own business.  First matching row wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from lawdiff.io.parsed import load_parsed
from lawdiff.model import Modality, Norm, Polarity, Role
from lawdiff.norms.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Row:
    modality: frozenset[Modality] | None
    role: frozenset[Role] | None
    action: frozenset[str] | None
    instrument: frozenset[str] | None  # the instruments that make the row hold
    polarity: Polarity
    weight: float | str
    en: str
    zh: str

    def holds(self, n: Norm) -> bool:
        return self.holds_for(n.modality, n.role, n.action_class, n.instrument)

    def holds_for(self, modality: Modality, role: Role, action_class: str, instrument: str) -> bool:
        return ((self.modality is None or modality in self.modality)
                and (self.role is None or role in self.role)
                and (self.action is None or action_class in self.action)
                and (self.instrument is None or instrument in self.instrument))


def _set(v: Any, cls: type) -> frozenset | None:
    if v is None:
        return None
    return frozenset(cls(x) for x in (v if isinstance(v, list) else [v]))


@lru_cache(maxsize=2)  # the shipped table never changes during a run
def rows(*, disk_cache: bool = True) -> tuple[Row, ...]:
    """The shipped table, parsed once per process and kept parsed on disk (:mod:`lawdiff.io.parsed`)."""
    text = resources.files("lawdiff").joinpath("data/norms/polarity.yaml").read_text(encoding="utf-8")

    def parse() -> Any:
        import yaml  # only when the table is parsed, not when its parsed copy is read back

        # a shipped file: libyaml's parser when PyYAML has it (same data, ten times faster)
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return load_parsed("norm-polarity", text, parse, _rows_from, disk_cache=disk_cache)


def _rows_from(data: Any) -> tuple[Row, ...]:
    return tuple(Row(_set(r.get("modality"), Modality), _set(r.get("role"), Role), _set(r.get("action"), str),
                     _set(r.get("instrument"), str), Polarity(r["polarity"]), r["weight"], r["en"], r["zh"])
                 for r in data["rows"])


def row_for(n: Norm, table: tuple[Row, ...] | None = None) -> Row:
    """The first row of ``table`` (default: the shipped one) that holds for ``n``."""
    return next(r for r in (table if table is not None else rows()) if r.holds(n))


ITEM_SHARE = 0.5  # an item of a list weighs half a norm: the list is one norm with several members


def polarity_of(n: Norm, lex: Lexicon, table: tuple[Row, ...] | None = None) -> tuple[Polarity, float]:
    return polarity_for(n.modality, n.role, n.action_class, n.instrument, n.strength, n.sanction_kinds, n.item,
                        lex, table)


def polarity_for(modality: Modality, role: Role, action_class: str, instrument: str, strength: float,
                 sanction_kinds: tuple[str, ...], item: bool, lex: Lexicon,
                 table: tuple[Row, ...] | None = None) -> tuple[Polarity, float]:
    """:func:`polarity_of` from the fields it reads, for a norm not built yet (building a norm twice, once
    to read its polarity, was a quarter of building it)."""
    r = next(r for r in (table if table is not None else rows())
             if r.holds_for(modality, role, action_class, instrument))
    if r.weight == "strength":
        w = strength or 1.0
    elif r.weight == "severity":
        sev = max((s.level for k in sanction_kinds if (s := lex.sanction(k)) is not None), default=3.0)
        w = max(1.0, sev / 3)
    else:
        w = float(r.weight)
    if item:
        w *= ITEM_SHARE
    return r.polarity, w


__all__ = ["Row", "polarity_for", "polarity_of", "row_for", "rows"]
