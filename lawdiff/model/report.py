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
    OrderSign,
    PairKind,
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
    description_zh: str = ""  # the rule's Chinese description ("" when the rule has none)


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
    min_score: float = 0.0  # the verdict's thresholds, so that a renderer can state them in any language
    min_units: int = 0


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
    draft_provisional_marker: str = ""  # the word that makes it provisional, as in the title (暂行, interim)
    final_provisional_marker: str = ""
    final_above: tuple[Level, ...] | None = None  # the levels above the final's (() at the top; None: unknown)

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


# --------------------------------------------------------------------------- the pair


@dataclass(frozen=True, slots=True)
class OrderHint:
    """One sign that the second file is the older one, or the draft."""

    sign: OrderSign
    evidence: str  # what gave it away, as printed: "（征求意见稿）", "自 年 月 日起施行", "2007-08-30"
    against: str = ""  # for a date: the first file's date it is earlier than


@dataclass(frozen=True, slots=True)
class Regulated:
    """Whose burden the report is read from: the regulated parties of the run.

    ``source``: "meta" (meta.yaml ``regulated:``), "inferred" (the actor the texts bind most often) or
    "default" (nobody inferred: the law's addressees).  ``public``: the regulated are public bodies (a law
    that reviews the administration), so authorities' duties are the burden and applicants are protected."""

    names: tuple[str, ...] = ()
    public: bool = False
    source: str = "default"


@dataclass(frozen=True, slots=True)
class Versions:
    """What the two versions are to each other, and the dates that order them.

    ``kind`` comes from ``--kind``, meta.yaml ``kind:``, or the texts (:mod:`lawdiff.signal.versions`);
    dates from meta.yaml, else the latest date the text gives for itself (its adoption and amendment
    history, else its commencement article)."""

    kind: PairKind = PairKind.DRAFT_FINAL
    kind_given: bool = False  # by --kind or meta.yaml, not inferred
    draft_date: str = ""  # ISO date, "" when unknown
    final_date: str = ""
    draft_date_inferred: bool = False
    final_date_inferred: bool = False
    order: tuple[OrderHint, ...] = ()  # empty: the order looks right


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
    versions: Versions = field(default=Versions())
    warnings: tuple[str, ...] = ()  # about the comparison itself (a diff cut short), the texts' are in draft/final
    title_changed: bool = False  # the parsed titles differ (width-folded comparison)
    preamble_changed: bool = False  # the lines before the first article differ (notices, 目录, subtitle)
    regulated: Regulated = field(default=Regulated())  # whose point of view the labels take

    @property
    def changed(self) -> bool:
        """Anything differs: a unit, the title or the preamble.  A tool for finding changes must never say
        "no differences" when there is one, wherever it sits."""
        return (self.title_changed or self.preamble_changed
                or any(u.diff.changed or u.unit.kind in (UnitKind.ADDED, UnitKind.REMOVED) for u in self.units))
