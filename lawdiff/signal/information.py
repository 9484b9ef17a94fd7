"""The information channel of the signal: which way the classified changes lean, weighted, per theme.

Law speaks beyond its commands (R. McAdams, *The Expressive Powers of Law*; applied to China's 2023
generative-AI measures by A. H. Zhang, 2024).  A revision of a draft is read here on four channels:

* **information** — which way policy leans: the classified changes, weighted by the rules that fired,
  netted into a direction score and a verdict, per theme, with the weightiest changes;
* **restriction index** — how dense the words of command (应当, 不得; shall, must) and of encouragement
  (鼓励, 支持; encourage, support) are in each version;
* **coordination** — which bodies issue the text, which laws it rests on, which agencies, firms,
  universities and research institutions it names;
* **commitment** — how firmly it binds: its rank in the hierarchy of norms, discounted when it is only
  interim (暂行) or on trial (试行).

The summary reports; it does not judge.  Every number can be traced to units, words or titles that a
lawyer can check.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from lawdiff.model import (
    Change,
    Direction,
    Effect,
    Information,
    Label,
    Theme,
    ThemeScore,
    TopChange,
    UnitReport,
    Verdict,
)

#: A direction needs |score| at least this: the heavier side has at least 1.5 times the units of the other.
MIN_SCORE = 0.2
#: Fewer directional units than this and the verdict is "insufficient evidence": one or two changed articles
#: do not make a revision lean (a single weight-1 change must not read as "tightening (-1.00)").
MIN_UNITS = 3
#: Weight of a directional unit whose classifier recorded neither firings nor a score.
DEFAULT_WEIGHT = 1.0
#: Below this total weight nothing carries direction: verdict "none".
EPSILON = 1e-9
#: How many of the weightiest changes the summary lists.
TOP_N = 5

_RELAX_EFFECTS = {(Label.ADDED, Effect.ENABLING), (Label.REMOVED, Effect.RELAXING)}
_TIGHTEN_EFFECTS = {(Label.ADDED, Effect.BURDEN), (Label.REMOVED, Effect.TIGHTENING)}


@dataclass(frozen=True, slots=True)
class _Part:
    """One weighted piece of a unit's direction, attributed to a theme."""

    theme: Theme
    direction: Direction  # RELAX or TIGHTEN
    weight: float


def unit_direction(change: Change) -> Direction:
    """Which way a unit counts: by its label, or for added / removed articles by their effect."""
    if change.label is Label.RELAXED or (change.label, change.effect) in _RELAX_EFFECTS:
        return Direction.RELAX
    if change.label is Label.TIGHTENED or (change.label, change.effect) in _TIGHTEN_EFFECTS:
        return Direction.TIGHTEN
    return Direction.NEUTRAL


def unit_parts(change: Change) -> tuple[_Part, ...]:
    """The weighted pieces a unit contributes, all in the unit's own direction.

    Why only the unit's direction: the classifier has already weighed a unit that moves both ways and
    recorded the weaker side as ``secondary`` (the annotation guide: "the weightier change decides"),
    so netting it again here would count the same provision twice and make lawdiff's score
    incomparable with the gold ``expect_signal`` ranges.

    Weight, in order of preference: the firings in the unit's direction; for added / removed articles,
    whose rules may have fired on the text itself rather than on its appearance or disappearance, any
    directional firing; ``|Change.score|``; ``DEFAULT_WEIGHT``.
    """
    direction = unit_direction(change)
    if direction is Direction.NEUTRAL:
        return ()
    firings = [f for f in change.firings if f.direction is direction and f.weight > 0]
    if not firings and change.label in (Label.ADDED, Label.REMOVED):
        firings = [f for f in change.firings if f.direction is not Direction.NEUTRAL and f.weight > 0]
    if firings:
        return tuple(_Part(f.theme, direction, f.weight) for f in firings)
    weight = abs(change.score) or DEFAULT_WEIGHT
    themes = change.themes or (Theme.OTHER,)
    return tuple(_Part(t, direction, weight / len(themes)) for t in themes)


def net_score(relaxing: float, tightening: float) -> float:
    total = relaxing + tightening
    return 0.0 if total < EPSILON else (relaxing - tightening) / total


def verdict(relaxing: float, tightening: float, units: int) -> Verdict:
    """relaxing | tightening | mixed | none | insufficient evidence, from the directional units.

    Each directional unit counts once, as in a lawyer's side-by-side table (and the gold ``expect_signal``):
    an article that changed in many ways is still one article, and the rule weights behind it decide its
    label, not how loudly it counts.  A direction needs a share, a lead and enough units.  The share:
    |score| >= MIN_SCORE (0.2), the heavier side has at least 1.5 times the units of the other.  The lead:
    the margin must reach sqrt(units) — the spread the net would show if each unit's direction were a
    coin toss.  Enough units: at least MIN_UNITS (3); below that the evidence is insufficient.
    """
    if relaxing + tightening < EPSILON:
        return Verdict.NONE
    if units < MIN_UNITS:
        return Verdict.INSUFFICIENT
    score = net_score(relaxing, tightening)
    if abs(score) >= MIN_SCORE and abs(relaxing - tightening) >= math.sqrt(units) - EPSILON:
        return Verdict.RELAXING if score > 0 else Verdict.TIGHTENING
    return Verdict.MIXED


def thresholds_text(units: int) -> str:
    return (
        f"each changed article counts once; relaxing (pro-growth) if score ≥ +{MIN_SCORE:.1f} (relaxing units "
        f"≥ 1.5× tightening) and the lead ≥ {math.sqrt(units):.2f} (√ of the {units} directional units: the spread "
        f"if each change's direction were a coin toss); tightening likewise at ≤ −{MIN_SCORE:.1f}; mixed "
        f"otherwise; insufficient evidence under {MIN_UNITS} directional units; none if no change carries direction"
    )


def where(report: UnitReport) -> str:
    """Article reference a lawyer can look up: 'draft 4 → final 4', 'draft 13 → final 11, 14',
    'draft — → final 5' for an added article."""
    unit = report.unit
    d = ", ".join(a.ref for a in unit.draft) or "—"
    f = ", ".join(a.ref for a in unit.final) or "—"
    return f"draft {d} → final {f}"


def information(units: Sequence[UnitReport]) -> Information:
    labels = Counter(u.change.label for u in units)
    effects = Counter(u.change.effect for u in units if u.change.effect is not None)
    relaxing = tightening = weight_relax = weight_tight = 0.0
    theme_relax: dict[Theme, float] = defaultdict(float)
    theme_tight: dict[Theme, float] = defaultdict(float)
    theme_units: dict[Theme, set[str]] = defaultdict(set)
    directional = 0
    ranked: list[tuple[float, int, TopChange]] = []
    for i, u in enumerate(units):
        parts = unit_parts(u.change)
        if not parts:
            continue
        directional += 1
        raw = sum(p.weight for p in parts)
        relax = parts[0].direction is Direction.RELAX
        if relax:
            relaxing, weight_relax = relaxing + 1, weight_relax + raw
        else:
            tightening, weight_tight = tightening + 1, weight_tight + raw
        for p in parts:  # the unit's one count shared among its themes by the weight of their rules
            (theme_relax if relax else theme_tight)[p.theme] += p.weight / raw
            theme_units[p.theme].add(u.change.unit_id)
        top = TopChange(u.change.unit_id, u.change.label, round(raw if relax else -raw, 3), where(u), u.change.reason)
        ranked.append((raw, i, top))
    themes = [
        ThemeScore(
            theme=t,
            relaxing=round(theme_relax[t], 3),
            tightening=round(theme_tight[t], 3),
            score=round(net_score(theme_relax[t], theme_tight[t]), 3),
            units=len(theme_units[t]),
        )
        for t in theme_units
    ]
    themes.sort(key=lambda s: (-(s.relaxing + s.tightening), s.theme))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return Information(
        label_counts=tuple((label, labels.get(label, 0)) for label in Label),
        effect_counts=tuple((effect, effects.get(effect, 0)) for effect in Effect),
        relaxing=relaxing,
        tightening=tightening,
        score=round(net_score(relaxing, tightening), 3),
        verdict=verdict(relaxing, tightening, directional),
        thresholds=thresholds_text(directional),
        themes=tuple(themes),
        top=tuple(r[2] for r in ranked[:TOP_N]),
        relaxing_weight=round(weight_relax, 3),
        tightening_weight=round(weight_tight, 3),
        min_score=MIN_SCORE,
        min_units=MIN_UNITS,
    )
