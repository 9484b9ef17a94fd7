"""A norm's polarity for the regulated parties, read from ``data/norms/polarity.yaml``.

The table is data because it is the project's legal judgement in its most compact form: which norms
burden the regulated, which relieve them, which are the state's own business.  First matching row wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

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
        return ((self.modality is None or n.modality in self.modality)
                and (self.role is None or n.role in self.role)
                and (self.action is None or n.action_class in self.action)
                and (self.instrument is None or n.instrument in self.instrument))


def _set(v: Any, cls: type) -> frozenset | None:
    if v is None:
        return None
    return frozenset(cls(x) for x in (v if isinstance(v, list) else [v]))


@lru_cache(maxsize=1)  # the shipped table never changes during a run
def rows() -> tuple[Row, ...]:
    data = yaml.safe_load(resources.files("lawdiff").joinpath("data/norms/polarity.yaml").read_text(encoding="utf-8"))
    return tuple(Row(_set(r.get("modality"), Modality), _set(r.get("role"), Role), _set(r.get("action"), str),
                     _set(r.get("instrument"), str), Polarity(r["polarity"]), r["weight"], r["en"], r["zh"])
                 for r in data["rows"])


def row_for(n: Norm) -> Row:
    return next(r for r in rows() if r.holds(n))


ITEM_SHARE = 0.5  # an item of a list weighs half a norm: the list is one norm with several members


def polarity_of(n: Norm, lex: Lexicon) -> tuple[Polarity, float]:
    r = row_for(n)
    if r.weight == "strength":
        w = n.strength or 1.0
    elif r.weight == "severity":
        sev = max((s.level for k in n.sanction_kinds if (s := lex.sanction(k)) is not None), default=3.0)
        w = max(1.0, sev / 3)
    else:
        w = float(r.weight)
    if n.item:
        w *= ITEM_SHARE
    return r.polarity, w


__all__ = ["Row", "polarity_of", "row_for", "rows"]
