"""The norm contract: each clause read as a norm, the changes between versions, and the findings.

A *norm* is one clause of an article read as a legal rule: a bearer with a role (regulated party,
authority, protected party), a modality (prohibition, obligation, permission …), an action, its
conditions and exceptions, the quantities it names (each with a role: fine, threshold, period …), the
instrument of control it sets (licence > filing > notification), and the sanctions it imposes.
Everything points back into the text it was read from (offsets into the unit side's text as printed,
and a ``where`` a lawyer can look up), so every judgement made from norms can quote its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawdiff.model.enums import (
    ChangeKind,
    Comparator,
    Direction,
    Modality,
    Polarity,
    QuantityRole,
    Role,
    Side,
    Theme,
)


@dataclass(frozen=True, slots=True)
class Span:
    text: str  # as printed
    start: int  # offset in the unit side's text
    end: int


@dataclass(frozen=True, slots=True)
class Quantity:
    role: QuantityRole
    value: float  # in base units: yuan / euro, percent, multiple, days, years, persons
    unit: str  # "money" | "percent" | "multiple" | "days" | "years" | "count:<what>"
    comparator: Comparator
    text: str  # as printed
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Norm:
    """One clause read as a norm.  Offsets index the unit side's text (articles joined by newlines)."""

    text: str  # the clause as printed (for an item: with its conditions)
    start: int
    end: int
    where: str  # "draft art. 4(2) item （三）"
    bearer: str  # the words naming the bearer ("" when nobody is named)
    role: Role
    modality: Modality
    polarity: Polarity
    strength: float  # the norm's weight for the regulated parties (data/norms/polarity.yaml)
    action: str  # the words after the modal word
    action_class: str  # control | oversight | service | internal | "" (what an authority's norm does)
    conditions: tuple[Span, ...] = ()
    exceptions: tuple[Span, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    instrument: str = ""  # the highest: licence | filing | notification | "" (the ladder of the lexicon)
    instrument_span: Span | None = None
    instruments: tuple[tuple[str, Span], ...] = ()  # every instrument the clause names, in order
    sanctions: tuple[Span, ...] = ()  # the sanction words, parallel to sanction_kinds
    sanction_kinds: tuple[str, ...] = ()
    effort: bool = False  # an obligation of effort (采取措施, 提高 …) rather than of result
    reference: str = ""  # the other law a sanction defers to (依照《…》的规定处罚)
    modal_span: Span | None = None
    item: bool = False  # read from an item (项); inherits its lead-in's bearer and modality
    # where the bearer is named: in this clause, or in the clause of the same sentence it continues (并应当…);
    # None: carried from another sentence, or inferred
    bearer_span: Span | None = None


@dataclass(frozen=True, slots=True)
class NormChange:
    """One change to one norm, with everything a rule may ask about it and the evidence to quote."""

    kind: ChangeKind
    draft: Norm | None
    final: Norm | None
    polarity: Polarity  # of the norm concerned (the final's, else the draft's)
    weight: float  # the norm's weight (added / removed), or how far its burden value moved
    trend: str = ""  # heavier | lighter (the norm's burden value)
    force: str = ""  # stronger | weaker (a quantity, condition, instrument, sanction or list)
    quantity: str = ""  # the quantity's role
    sanction: str = ""  # the sanction kind
    instrument: str = ""  # "licence -> filing"
    detail: str = ""  # what changed, in the words of the texts ("三十万元 -> 五十万元"); for a move, the other unit
    draft_spans: tuple[Span, ...] = ()
    final_spans: tuple[Span, ...] = ()

    @property
    def norm(self) -> Norm:
        n = self.final if self.final is not None else self.draft
        assert n is not None
        return n

    @property
    def role(self) -> Role:
        return self.norm.role


@dataclass(frozen=True, slots=True)
class UnitNorms:
    """The norms of one unit's two sides and their changes (stage ``norms``)."""

    unit_id: str
    draft: tuple[Norm, ...]
    final: tuple[Norm, ...]
    changes: tuple[NormChange, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A span quoted as evidence, with the place a lawyer looks it up."""

    side: Side
    text: str
    where: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """A norm change a rule judged: the structured reason behind a unit's label.  Prose is made from it
    at render time, in the reader's language."""

    rule_id: str
    theme: Theme
    direction: Direction
    weight: float
    description: str  # the rule's description (English)
    description_zh: str
    change: NormChange
    quotes: tuple[Quote, ...] = ()
