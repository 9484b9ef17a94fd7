"""The frozen dataclasses that flow between pipeline stages.

read -> parse -> align -> diff -> classify -> summarize -> render.  Every stage takes and returns
these types (never dicts) so that a stage can be tested, cached and replaced on its own; this module is
the whole contract between stages, and renderers read nothing but a :class:`Report`.  Closed sets of
words (labels, themes, sides, verdicts, levels …) are enums, converted from and to text only at the
edges (YAML files, JSON output).
Legal text is kept exactly as read: the ``text`` fields hold the original characters; comparison
forms are computed on the fly by :mod:`lawdiff.text.normalize` and never stored in place of the original.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class TextEnum(str, Enum):
    """A closed set of words whose members are their text: ``str(Side.DRAFT) == f"{Side.DRAFT}" == "draft"``
    (what ``enum.StrEnum`` does from Python 3.11), so that a member in a message reads as the word."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Lang(TextEnum):
    ZH = "zh"
    EN = "en"


class Op(TextEnum):
    """One token edit.  diff-match-patch's -1/0/1 become this enum in :mod:`lawdiff.diff.word_diff` only."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


class UnitKind(TextEnum):
    MATCHED = "matched"  # 1 draft article <-> 1 final article (renumbered / moved are flags)
    SPLIT = "split"  # 1 draft -> n final
    MERGED = "merged"  # n draft -> 1 final
    ADDED = "added"  # 0 -> 1
    REMOVED = "removed"  # 1 -> 0


class Label(TextEnum):
    UNCHANGED = "unchanged"
    REWORDED = "reworded"
    RELAXED = "relaxed"
    TIGHTENED = "tightened"
    ADDED = "added"
    REMOVED = "removed"


class Effect(TextEnum):
    # for added units
    BURDEN = "burden"
    ENABLING = "enabling"
    # for removed units
    RELAXING = "relaxing"
    TIGHTENING = "tightening"
    # both
    NEUTRAL = "neutral"


class Direction(TextEnum):
    """Which way a rule moves the burden on regulated parties."""

    RELAX = "relax"
    TIGHTEN = "tighten"
    NEUTRAL = "neutral"


class Theme(TextEnum):
    """What a rule is about (the rule tables' ``theme:``, annotations' ``themes:``)."""

    MODAL = "modal"
    PROHIBITION = "prohibition"
    EFFORT = "effort"
    DEADLINE = "deadline"
    SCOPE = "scope"
    APPROVAL = "approval"
    SANCTION = "sanction"
    TRIGGER = "trigger"
    RIGHTS = "rights"
    PROMOTION = "promotion"
    COORDINATION = "coordination"
    DISCLOSURE = "disclosure"
    PROCEDURE = "procedure"
    OTHER = "other"


class Side(TextEnum):
    """Which version a piece of evidence is in."""

    DRAFT = "draft"
    FINAL = "final"


class Bearer(TextEnum):
    """Who is guessed to bear a duty (:mod:`lawdiff.classify.parties`)."""

    REGULATED = "regulated"  # the regulated parties: their duties are the burden
    AUTHORITY = "authority"  # public bodies when private parties are regulated: organisation, not burden
    COUNTERPARTY = "counterparty"  # the protected side (users, applicants)


class Sphere(TextEnum):
    """Whether a run regulates private parties or public bodies (a rule's ``side:``)."""

    PRIVATE = "private"
    PUBLIC = "public"


class Verdict(TextEnum):
    """Which way a revision leans as a whole (:func:`lawdiff.signal.information.verdict`)."""

    RELAXING = "relaxing"
    TIGHTENING = "tightening"
    MIXED = "mixed"
    NONE = "none"


class Level(TextEnum):
    """The rank of an instrument in the hierarchy of norms (meta.yaml ``level:``, ``data/signal.yaml``)."""

    LAW = "law"
    ADMINISTRATIVE_REGULATION = "administrative regulation"
    DEPARTMENTAL_RULE = "departmental rule"
    NORMATIVE_DOCUMENT = "normative document"
    STANDARD = "standard"
    EU_REGULATION = "eu regulation"
    EU_DIRECTIVE = "eu directive"
    LEGISLATIVE_PROPOSAL = "legislative proposal"
    DELEGATED_OR_IMPLEMENTING_ACT = "delegated or implementing act"  # EU non-legislative acts
    GUIDANCE = "guidance"  # soft law


class Status(TextEnum):
    """The role of a version in a comparison (meta.yaml ``status:``)."""

    DRAFT = "draft"
    FINAL = "final"
    OLD = "old"
    NEW = "new"


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class Item:
    """An item (项) such as （一）, 1., (1) or (a); ``label`` is the marker as printed."""

    label: str
    text: str  # the whole line, marker included, as printed


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (款).  ``text`` is its lead line; its items follow in ``items``."""

    number: int  # 1-based within the article
    text: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    number: int  # numeric value of the article number (第十二条 -> 12, Article 5 -> 5)
    label: str  # as printed: "第十二条", "Article 5", "Art. 5", "§ 5"
    caption: str | None  # 【目的依据】 in Chinese drafts, the title line of an EU article
    headings: tuple[str, ...]  # enclosing 编/章/节 headings, outermost first, as printed
    paragraphs: tuple[Paragraph, ...]
    line: int  # 1-based line of the article marker in the source file
    suffix: str = ""  # letter suffix for inserted articles ("Article 4a" -> "a")

    @property
    def ref(self) -> str:
        """Short stable reference used in ids and messages: '12' or '4a'."""
        return f"{self.number}{self.suffix}"

    @property
    def lines(self) -> tuple[str, ...]:
        out: list[str] = []
        for p in self.paragraphs:
            if p.text:
                out.append(p.text)
            out.extend(i.text for i in p.items)
        return tuple(out)

    @property
    def text(self) -> str:
        """Body text as printed (without the article label and caption), lines joined by newlines."""
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class Heading:
    level: str  # "编" "分编" "章" "节" / "part" "title" "chapter" "section"
    label: str  # "第一章", "CHAPTER I"
    title: str  # "总则"
    line: int


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    lang: Lang
    articles: tuple[Article, ...]
    preamble: tuple[str, ...] = ()  # subtitle, issuing notice, 目录, amendment history
    headings: tuple[Heading, ...] = ()
    path: str = ""
    encoding: str = "utf-8"
    fallback: bool = False  # True when no article markers were found and paragraphs were used
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------- alignment


@dataclass(frozen=True, slots=True)
class AlignedUnit:
    """One unit of the alignment.  Every article of both documents is in exactly one unit."""

    id: str  # stable across runs: "d4-f4", "d13-f11+f14+f15", "f3" (added), "d9" (removed)
    kind: UnitKind
    draft: tuple[Article, ...]
    final: tuple[Article, ...]
    similarity: float  # 0..1 content similarity (1.0 for identical text; 0.0 for added/removed)
    renumbered: bool = False
    moved: bool = False  # order relative to its neighbours changed, or chapter changed
    weak: bool = False  # match accepted below the confident threshold: flagged for review
    note: str = ""  # e.g. "also resembles final 14 (0.31)"

    @property
    def draft_numbers(self) -> tuple[int, ...]:
        return tuple(a.number for a in self.draft)

    @property
    def final_numbers(self) -> tuple[int, ...]:
        return tuple(a.number for a in self.final)


# --------------------------------------------------------------------------- diff


@dataclass(frozen=True, slots=True)
class Edit:
    """A run of tokens with one op.  Offsets index the unit's draft/final text (see ArticleDiff)."""

    op: Op
    text: str  # original characters (never normalised)
    draft_start: int  # offset in ArticleDiff.draft_text where this run starts (or would be)
    final_start: int  # offset in ArticleDiff.final_text


@dataclass(frozen=True, slots=True)
class ArticleDiff:
    unit: AlignedUnit
    draft_text: str  # the texts of unit.draft joined with "\n", as printed
    final_text: str
    edits: tuple[Edit, ...]

    @property
    def changed(self) -> bool:
        return any(e.op is not Op.EQUAL for e in self.edits)


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
    reason: str  # one line a lawyer can check
    themes: tuple[Theme, ...] = ()
    score: float = 0.0  # signed: + relaxing, - tightening (sum of weights)


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
    relaxing: float
    tightening: float
    score: float  # in [-1, 1]
    verdict: Verdict
    thresholds: str  # stated in words
    themes: tuple[ThemeScore, ...]
    top: tuple[TopChange, ...]


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

    @property
    def changed(self) -> bool:
        return any(u.diff.changed or u.unit.kind in (UnitKind.ADDED, UnitKind.REMOVED) for u in self.units)
