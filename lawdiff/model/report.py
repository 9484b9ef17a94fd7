"""What classify, summarize and the report carry: changes with their findings, the signal, the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from lawdiff.model.document import AlignedUnit, ArticleDiff, Document
from lawdiff.model.enums import (
    Direction,
    Effect,
    Label,
    Lang,
    Level,
    Side,
    Status,
    Theme,
    UnitKind,
    Verdict,
)
from lawdiff.model.norms import Finding

# --------------------------------------------------------------------------- classification


@dataclass(frozen=True, slots=True)
class Evidence:
    side: Side
    text: str  # the matched span as printed
    where: str  # human reference: "draft art. 4(4)", "final art. 4 item （五）"
    start: int  # offset into ArticleDiff.draft_text / final_text
    end: int


@dataclass(frozen=True, slots=True)
class Firing:
    rule_id: str
    theme: Theme
    direction: Direction
    weight: float
    description: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Change:
    unit_id: str
    label: Label
    effect: Effect | None  # only for added / removed units
    secondary: Label | None  # the weaker opposite direction when both fired
    firings: tuple[Firing, ...]
    reason: str  # one line a lawyer can check (English, made from the firings and findings)
    themes: tuple[Theme, ...] = ()
    score: float = 0.0  # signed: + relaxing, - tightening (sum of weights)
    findings: tuple[Finding, ...] = ()  # the norm changes the norm rules judged: the structured reasons


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True, slots=True)
class ThemeScore:
    theme: Theme
    relaxing: float
    tightening: float
    score: float  # (relax - tighten) / (relax + tighten), 0 when both 0
    units: int


@dataclass(frozen=True, slots=True)
class TopChange:
    unit_id: str
    label: Label
    weight: float
    where: str
    reason: str


@dataclass(frozen=True, slots=True)
class Information:
    label_counts: tuple[tuple[Label, int], ...]  # every label, in Label order
    effect_counts: tuple[tuple[Effect, int], ...]
    relaxing: float  # directional units that relax (each counts once)
    tightening: float  # directional units that tighten
    score: float  # in [-1, 1]: (relaxing - tightening) / (relaxing + tightening)
    verdict: Verdict
    thresholds: str  # stated in words
    themes: tuple[ThemeScore, ...]
    top: tuple[TopChange, ...]
    relaxing_weight: float = 0.0  # the rule weights behind the relaxing units (summed)
    tightening_weight: float = 0.0


@dataclass(frozen=True, slots=True)
class RestrictionIndex:
    """Words of command (restriction) and of encouragement (promotion): rates and per-word counts."""

    draft_restriction_per_1000: float
    final_restriction_per_1000: float
    draft_promotion_per_1000: float
    final_promotion_per_1000: float
    draft_restriction_counts: tuple[tuple[str, int], ...]  # (word, count), in the word list's order
    final_restriction_counts: tuple[tuple[str, int], ...]
    draft_promotion_counts: tuple[tuple[str, int], ...]
    final_promotion_counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Coordination:
    draft_issuers: tuple[str, ...]
    final_issuers: tuple[str, ...]
    bases_added: tuple[str, ...]
    bases_removed: tuple[str, ...]
    actors_added: tuple[str, ...]
    actors_removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Commitment:
    draft_level: Level | None  # None: no meta.yaml level and no rule of data/signal.yaml applies
    final_level: Level | None
    draft_is_draft: bool  # a draft for comment or a proposal (（征求意见稿）, "Proposal for")
    final_is_draft: bool
    draft_provisional: bool
    final_provisional: bool
    note: str

    @property
    def draft_level_shown(self) -> str:
        return level_shown(self.draft_level, self.draft_is_draft)

    @property
    def final_level_shown(self) -> str:
        return level_shown(self.final_level, self.final_is_draft)


def level_shown(level: Level | None, is_draft: bool) -> str:
    """'law', 'draft departmental rule', 'unknown level': a level as every renderer writes it."""
    if level is None:
        return "unknown level"
    return f"draft {level.value}" if is_draft else level.value


@dataclass(frozen=True, slots=True)
class Signal:
    information: Information
    restriction: RestrictionIndex
    coordination: Coordination
    commitment: Commitment


# --------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class VersionMeta:
    """What is known about one version: from meta.yaml, CLI options, or the text itself."""

    title: str
    issuers: tuple[str, ...] = ()
    date: str = ""
    level: Level | None = None
    status: Status | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class UnitReport:
    diff: ArticleDiff
    change: Change

    @property
    def unit(self) -> AlignedUnit:
        return self.diff.unit


@dataclass(frozen=True, slots=True)
class Report:
    draft: Document
    final: Document
    draft_meta: VersionMeta
    final_meta: VersionMeta
    units: tuple[UnitReport, ...]
    signal: Signal
    lang: Lang
    rules_used: tuple[str, ...] = field(default=())  # rule table names/paths
    warnings: tuple[str, ...] = ()  # about the comparison itself (a diff cut short), the texts' are in draft/final
    title_changed: bool = False  # the parsed titles differ (width-folded comparison)
    preamble_changed: bool = False  # the lines before the first article differ (notices, 目录, subtitle)

    @property
    def changed(self) -> bool:
        """Anything differs: a unit, the title or the preamble.  A tool for finding changes must never say
        "no differences" when there is one, wherever it sits."""
        return (self.title_changed or self.preamble_changed
                or any(u.diff.changed or u.unit.kind in (UnitKind.ADDED, UnitKind.REMOVED) for u in self.units))
