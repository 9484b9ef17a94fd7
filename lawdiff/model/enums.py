"""The closed sets of words of the contract: languages, labels, themes, roles, modalities …"""

from __future__ import annotations

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
    INSUFFICIENT = "insufficient evidence"  # too few directional units to say which way the revision leans


class Level(TextEnum):
    """The rank of an instrument in the hierarchy of norms (meta.yaml ``level:``, ``data/signal.yaml``)."""

    LAW = "law"
    JUDICIAL_INTERPRETATION = "judicial interpretation"  # 司法解释 of the Supreme People's Court / Procuratorate
    ADMINISTRATIVE_REGULATION = "administrative regulation"
    LOCAL_REGULATION = "local regulation"  # 地方性法规 of a provincial people's congress
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


class PairKind(TextEnum):
    """What the two versions are to each other: the words a report heads its columns with."""

    DRAFT_FINAL = "draft-final"  # 征求意见稿 -> 正式文本: a draft for comment and the text adopted
    REVISION = "revision"  # 修订前 -> 修订后: a law in force and the same law amended or revised
    PROPOSAL_ADOPTED = "proposal-adopted"  # an EU-style proposal and the adopted act


class NoticeKind(TextEnum):
    """What the reader or parser noticed about an input file (:class:`~lawdiff.model.Notice`)."""

    CONTROLS = "controls"  # control characters removed; values: (the first one, as repr)
    HTML = "html"  # HTML pasted as text: tags removed
    DUPLICATE = "duplicate"  # an article number appears again; values: (label, kept as)
    OUT_OF_ORDER = "out-of-order"  # values: (label, the previous label)
    JUMP = "jump"  # article numbers skip; values: (the previous label, label)
    UNREADABLE = "unreadable-number"  # values: (label, the number given)
    STRAY_SPACES = "stray-spaces"  # values: (as printed, read as)
    NO_ARTICLES = "no-articles"  # compared paragraph by paragraph; values: (the marker looked for)


class NoteKind(TextEnum):
    """What the aligner noted about a unit (:class:`~lawdiff.model.AlignNote`)."""

    WEAK = "weak"  # matched below the confident threshold; ``why`` says what corroborated it
    SPLIT_OFF = "split-off"  # a final article joined the unit as a part split off the draft article
    MERGED_IN = "merged-in"  # a draft article joined the unit as a part merged into the final article
    RESEMBLES = "resembles"  # articles outside the unit that also resemble it
    CLOSEST = "closest"  # for an added or removed article: the closest articles, not accepted as a match


class OrderSign(TextEnum):
    """Why the second file looks like it should have come first (:mod:`lawdiff.signal.versions`)."""

    DRAFT_TITLE = "draft-title"  # its title says 征求意见稿 / 草案 / Proposal, the first file's does not
    PLACEHOLDER_DATE = "placeholder-date"  # its commencement date is left blank (自 年 月 日起施行, 202X年)
    EARLIER_DATE = "earlier-date"  # its date is earlier than the first file's




# --------------------------------------------------------------------------- norms


class Role(TextEnum):
    """Whose norm it is, from the point of view of the regulated parties."""

    REGULATED = "regulated"  # the parties whose conduct the instrument governs
    AUTHORITY = "authority"  # government bodies, courts, their staff
    PROTECTED = "protected"  # users, consumers, applicants: rights they hold bind the regulated
    OTHER = "other"  # nobody, or an actor outside the three (the act itself: 本办法)


class Modality(TextEnum):
    PROHIBITION = "prohibition"  # 不得, 禁止, shall not
    OBLIGATION = "obligation"  # 应当, 必须, shall
    PERMISSION = "permission"  # 可以, 有权, may
    ENCOURAGEMENT = "encouragement"  # 鼓励, 支持, encourage
    POWER = "power"  # an authority's power over others: 由…责令改正
    SANCTION = "sanction"  # 处…罚款, 吊销, 以…罪定罪处罚, fines of up to
    EXEMPTION = "exemption"  # 不予处罚, 免予, 不适用, shall not apply
    DEFINITION = "definition"  # 是指, 本办法所称, 适用于, means
    PROCEDURE = "procedure"  # statements without a modal word: 由…负责, 实行…制度, 自…起施行


class Polarity(TextEnum):
    """What a norm means for the regulated parties."""

    BURDEN = "burden"
    RELIEF = "relief"
    NEUTRAL = "neutral"


class QuantityRole(TextEnum):
    FINE = "fine"  # 罚款 / 罚金 / fines of up to
    SENTENCE = "sentence"  # 有期徒刑 N年
    THRESHOLD = "threshold"  # a number in a condition: 数额在三十万元以上的, 注册资本达到一亿元的
    PERIOD = "period"  # within which something must be done: 十五日内, within 30 days
    FREQUENCY = "frequency"  # 每季度一次, annually (the interval, in days)
    DURATION = "duration"  # how long a sanction or status lasts: 五年内不得
    AGE = "age"  # 未满十四周岁
    COUNT = "count"  # 三人以上
    AMOUNT = "amount"  # any other sum or share (fees, compensation)
    LEAD = "lead"  # how far ahead of an event an act is due: 有效期届满三十日前 (more days, earlier, binds harder)


class Comparator(TextEnum):
    AT_LEAST = "at_least"  # 以上, 达到, 超过, more than
    AT_MOST = "at_most"  # 以下, 未满, 不足, up to
    EXACT = "exact"


class ChangeKind(TextEnum):
    """What changed in one norm between the two versions of a unit."""

    NORM_ADDED = "norm-added"
    NORM_REMOVED = "norm-removed"
    MODALITY = "modality"
    BEARER = "bearer"
    STRENGTH = "strength"
    EFFORT = "effort"
    ACTION = "action"
    CONDITION_ADDED = "condition-added"
    CONDITION_REMOVED = "condition-removed"
    EXCEPTION_ADDED = "exception-added"
    EXCEPTION_REMOVED = "exception-removed"
    QUANTITY = "quantity"
    QUANTITY_ADDED = "quantity-added"
    QUANTITY_REMOVED = "quantity-removed"
    INSTRUMENT = "instrument"
    REVIEW = "review"  # how deeply an authority examines a party's application: 审查 -> 形式审核
    SANCTION_ADDED = "sanction-added"
    SANCTION_REMOVED = "sanction-removed"
    MOVED_TO_LAW = "moved-to-law"
    MOVED = "moved"  # removed from one article and added to another (detail: the other unit)
    SCOPE_WIDENED = "scope-widened"
    SCOPE_NARROWED = "scope-narrowed"
