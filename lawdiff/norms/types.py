"""The norm stage's types: who must, must not or may do what, under which conditions, with which numbers.

A *norm* is one clause of an article read as a legal rule: a bearer (with a role: regulated party,
authority, protected party), a modality (prohibition, obligation, permission, …), an action, its
conditions and exceptions, the quantities it names (each with a role: fine, threshold, period …), the
instrument of control it sets (licence > filing > notification), and the sanctions it imposes.

Everything a norm holds points back into the text it was read from (``start``/``end`` offsets into the
unit side's text, as printed), so every judgement made from norms can quote its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    """Whose norm it is, from the point of view of the regulated parties."""

    REGULATED = "regulated"  # the parties whose conduct the instrument governs
    AUTHORITY = "authority"  # government bodies, courts, their staff
    PROTECTED = "protected"  # users, consumers, applicants: rights they hold bind the regulated
    OTHER = "other"  # nobody, or an actor outside the three (the law itself: 本办法)


class Modality(str, Enum):
    PROHIBITION = "prohibition"  # 不得, 禁止, shall not
    OBLIGATION = "obligation"  # 应当, 必须, shall
    PERMISSION = "permission"  # 可以, 有权, may
    ENCOURAGEMENT = "encouragement"  # 鼓励, 支持, 促进, encourage
    POWER = "power"  # an authority's power over others: 责令, 检查, 要求…报送
    SANCTION = "sanction"  # 处…罚款, 吊销, 以…罪定罪处罚, fines of up to
    EXEMPTION = "exemption"  # 不予处罚, 免予, 不适用, shall not apply
    DEFINITION = "definition"  # 是指, 本办法所称, 适用于, means
    PROCEDURE = "procedure"  # statements without a modal: 由…负责, 实行…制度, 自…起施行


class Polarity(str, Enum):
    """What a norm means for the regulated parties."""

    BURDEN = "burden"
    RELIEF = "relief"
    NEUTRAL = "neutral"


class QuantityRole(str, Enum):
    FINE = "fine"  # 罚款 / 罚金 / fines of up to
    SENTENCE = "sentence"  # 有期徒刑 N年, imprisonment
    THRESHOLD = "threshold"  # a quantity in a condition: 数额在三十万元以上的, 注册资本达到一亿元的
    PERIOD = "period"  # within which something must be done: 十五日内, within 30 days
    FREQUENCY = "frequency"  # 每季度一次, 每年, annually
    DURATION = "duration"  # how long a sanction or status lasts: 五年内不得, for a period of
    AGE = "age"  # 未满十四周岁
    COUNT = "count"  # 三人以上, 10 employees
    AMOUNT = "amount"  # any other money or share (fees, compensation)


class Comparator(str, Enum):
    AT_LEAST = "at_least"  # 以上, 达到, 超过, not less than
    AT_MOST = "at_most"  # 以下, 未满, 不足, 不超过, up to
    EXACT = "exact"


@dataclass(frozen=True, slots=True)
class Quantity:
    role: QuantityRole
    value: float  # in base units: yuan/euro, percent, multiple, days, years, persons
    unit: str  # "money" | "percent" | "multiple" | "days" | "years" | "count" | "times-per-year"
    comparator: Comparator
    text: str  # as printed
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    text: str  # as printed
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Norm:
    """One clause read as a norm.  Offsets index the unit side's text (articles joined by newlines)."""

    text: str  # the clause as printed (for an item: the item line)
    start: int
    end: int
    where: str  # "draft art. 4(2) item （三）"
    bearer: str  # the words naming the bearer ("" when nobody is named)
    role: Role
    modality: Modality
    polarity: Polarity
    strength: float  # how firmly it binds (必须 3, 应当 2, effort 1, 可以 0 …), from the lexicon
    action: str  # the words after the modal (the whole clause without its conditions for sanctions)
    action_class: str  # control | service | internal | "" (authority norms); from the lexicon
    conditions: tuple[Span, ...] = ()
    exceptions: tuple[Span, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    instrument: str = ""  # licence | filing | notification | "" (the ladder in the lexicon)
    instrument_span: Span | None = None
    sanctions: tuple[Span, ...] = ()  # each span's text is a sanction word; kinds via the lexicon
    sanction_kinds: tuple[str, ...] = ()  # parallel to ``sanctions``
    effort: bool = False  # an obligation of effort (采取措施, 努力, 提高…) rather than of result
    reference: str = ""  # the other law a sanction defers to (依照《…》的规定处罚)
    modal_span: Span | None = None
    item: bool = False
    bearer_span: Span | None = None  # where the bearer is named in this clause (None: carried or inferred)  # read from an item (项), with its lead-in's bearer and modality


__all__ = ["Comparator", "Modality", "Norm", "Polarity", "Quantity", "QuantityRole", "Role", "Span"]
