"""Whose burden: the regulated parties of a run, and a guess at who bears each duty a rule matches.

A law burdens someone.  In a draft rule on generative AI the regulated parties are the providers and
duties set on the authorities are organisation, not burden; in the Administrative Reconsideration Law
the regulated party is the administration itself and the applicants are the protected side, so a duty
on the reconsideration organ tightens while a duty on the applicant relaxes (it narrows the protected
side's options).  :class:`Parties` says which actors a run regulates:

* ``terms``: the regulated actors named in ``meta.yaml`` (``regulated: [提供者]``) or inferred from the
  text (the actor most often bound by 应当/必须/不得);
* ``public``: whether the regulated parties are public bodies (more than half of the terms are
  authorities, e.g. ``[行政机关, 行政复议机关, 被申请人]``).  Then every authority is regulated and every
  private actor is the protected *counterparty*.  Otherwise (the default) authorities are neither
  regulated nor protected (their duties are organisation: neutral), the protected lexicon (用户, 使用者,
  个人, 申请人, 消费者 …) is the counterparty, and every other actor, or none, is regulated.

:meth:`Parties.bearer` guesses who bears a duty at an offset of a unit's match text: the first actor
named in the clause before the modal word; else an agent introduced right after it (可以由申请人…);
else the first actor of an earlier clause of the same sentence that is not a condition ("…的,");
else the actor of such a condition (申请人对…不服的，可以…); else, when the words after the modal apply or
sue (可以向…申请行政复议), the private side (the counterparty when public bodies are regulated); else
nobody named, which is read as the law's addressee: the regulated parties.  Earlier clauses that open
with 对 (对…的行政行为不服的) name objects and are passed over.  Actors right after a
preposition (对/向/与/同/给/为) or before 的 (人民政府的行政行为) are objects or attributes, not bearers.

Only Chinese has a lexicon today; for other languages every bearer reads as regulated, which is what
rules without a ``bearer:`` key assume anyway.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lawdiff.classify.clauses import ClauseIndex
from lawdiff.model import Bearer, Lang
from lawdiff.text.normalize import match_text

REGULATED, AUTHORITY, COUNTERPARTY = Bearer.REGULATED, Bearer.AUTHORITY, Bearer.COUNTERPARTY

# Heads of public bodies.  被申请人 (the respondent of a reconsideration or suit) is always an agency.
_AUTHORITY = (r"人民政府|政府|国务院|部门|机关|(?:登记|执法|监管|主管|管理|审查|评估|检测|认证|复议|援助)机构|委员会|"
              r"人民法院|人民检察院|法院|检察院|(?:工作|复议|执法)人员|被申请人|"
              r"国家(?=应当|可以|支持|鼓励|建立|建设|推动|推进|依法|加强|实行|保护|采取)")
# Protected private actors: rights holders and applicants rather than the regulated businesses.
_PROTECTED = (r"(?:(?<!被)申请人|第三人|用户|使用者|消费者|个人|公民|未成年人|近亲属|代理人|代表人|投诉人|举报人)"
              r"(?!信息|数据|隐私|权益|输入)")  # 个人信息 is data, not a person
_PRIVATE = (r"提供者|运营者|经营者|处理者|生产者|销售者|开发者|部署者|从业者|登记主体|主体|单位|企业|平台|组织|"
            r"当事人|法人")
_LEXICON = f"{_AUTHORITY}|{_PROTECTED}|{_PRIVATE}"
_AUTHORITY_RX = re.compile(f"(?:{_AUTHORITY})$")
_PROTECTED_RX = re.compile(f"^(?:{_PROTECTED})$")
_PREPOSITION = "对向与同给为"
_OBJECT = re.compile(r"[对向][^,;:。\n]{0,5}$")  # 向本级人民政府, 对上一级部门: an object a few characters on
# Nobody named and the modal word introduces an application or a suit (可以向…申请行政复议): the private side.
PETITION = re.compile(r"[^,;。\n]{0,16}?(?:申请|提起|起诉|提出[^,;。\n]{0,6}(?:申请|请求))")
PETITIONER = "<petitioner>"
MODAL = re.compile(r"应当|必须|不得|禁止|严禁|(?<![必无毋])须(?=[经在按依对向由遵履取具提报备])")


def _actor_rx(terms: Sequence[str]) -> re.Pattern[str]:
    named = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
    return re.compile(f"{named}|{_LEXICON}" if named else _LEXICON)


def is_authority(term: str) -> bool:
    return term == "国家" or bool(_AUTHORITY_RX.search(term))


@dataclass(frozen=True)
class Parties:
    """The regulated parties of a run (see the module docstring)."""

    terms: tuple[str, ...] = ()
    public: bool = False
    source: str = "default"  # "meta" | "inferred" | "default" | "example"
    _rx: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rx", _actor_rx(self.terms))

    @classmethod
    def named(cls, terms: Iterable[str], source: str = "meta") -> Parties:
        t = tuple(dict.fromkeys(x.strip() for x in terms if x and x.strip()))
        return cls(t, 2 * sum(is_authority(x) for x in t) > len(t), source)

    # -- classes
    def classify_actor(self, actor: str) -> Bearer:
        if actor == PETITIONER:
            return COUNTERPARTY if self.public else REGULATED
        if actor in self.terms:
            return REGULATED
        if self.public:
            return REGULATED if is_authority(actor) else COUNTERPARTY
        if is_authority(actor):
            return AUTHORITY
        return COUNTERPARTY if _PROTECTED_RX.match(actor) else REGULATED

    def actors(self, text: str) -> list[tuple[int, int, str]]:
        """Actors named in ``text`` (start, end, actor); objects of a preposition (对申请人) and possessives
        (人民政府的行为) are left out."""
        return [(m.start(), m.end(), m.group(0)) for m in self._rx.finditer(text)
                if not (m.start() and text[m.start() - 1] in _PREPOSITION) and text[m.end() : m.end() + 1] != "的"
                and not _OBJECT.search(text, max(0, m.start() - 6), m.start())]

    def index(self, text: str) -> ClauseIndex:
        """The sentences, clauses and actors of ``text``, for many :meth:`bearer_actor` questions."""
        return ClauseIndex(text, self.actors(text))

    def bearer_actor(self, text: str, pos: int, end: int | None = None,
                     index: ClauseIndex | None = None) -> str | None:
        """The actor guessed to bear the modal word at ``text[pos:end]``, or None if none is named.

        ``index``: :meth:`index` of ``text``, when asking about many words of one text (without it every
        call reads the whole text again)."""
        if index is None:
            index = self.index(text)
        s = index.sentence_start(pos)
        c = index.clause_start(pos, s)
        own = index.own_actor(c, pos)
        if own:
            return own[2]
        e = pos if end is None else end
        after = text[e : e + 2]
        if "由" in after:
            nxt = index.actor_at(e + after.index("由") + 1)
            if nxt:
                return nxt[2]
        earlier = index.earlier_clause_actor(s, c)  # 申请人对…不服的，可以…: a condition's actor carries over
        if earlier is not None:
            return earlier
        if PETITION.match(text, e):
            return PETITIONER
        return None

    def bearer(self, text: str, pos: int, end: int | None = None, index: ClauseIndex | None = None) -> Bearer:
        """regulated | authority | counterparty for the modal word at ``text[pos:end]``."""
        actor = self.bearer_actor(text, pos, end, index)
        return REGULATED if actor is None else self.classify_actor(actor)


DEFAULT = Parties()


def bearer_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each actor bears 应当/必须/不得 in ``texts``, in the order they first do (ties of
    :func:`infer` go to the first).  Each distinct paragraph is read once (most are on both sides) and
    counted as often as it occurs, in the order it names its actors, as counting one by one would."""
    counts: Counter[str] = Counter()
    seen: dict[str, Counter[str]] = {}
    for raw in texts:
        found = seen.get(raw)
        if found is None:
            found = seen[raw] = Counter()
            text = match_text(raw)
            index = DEFAULT.index(text)
            for m in MODAL.finditer(text):
                a = DEFAULT.bearer_actor(text, m.start(), m.end(), index)
                if a is not None:
                    found[a] += 1
        counts.update(found)
    return counts


def infer(texts: Iterable[str], lang: Lang) -> Parties:
    """The actor most often bound by 应当/必须/不得 in ``texts``; DEFAULT when none (or not Chinese)."""
    if Lang(lang) is not Lang.ZH:
        return DEFAULT
    texts = list(texts)
    counts = bearer_counts(texts)
    if not counts:
        return DEFAULT
    top, _ = counts.most_common(1)[0]
    private = [a for a, _ in counts.most_common() if not _PROTECTED_RX.match(a) and not is_authority(a)]
    if _PROTECTED_RX.match(top):  # a protected actor is never the regulated party by default
        if not private:
            return DEFAULT
        top = private[0]
    elif is_authority(top) and not _reviews_the_administration(texts):
        # duties mostly on the state, but nothing says the law reviews the state's acts: a promotion or
        # business-environment law, whose government duties serve the regulated side
        return Parties((private[0],), False, "inferred") if private else DEFAULT
    return Parties((top,), is_authority(top), "inferred")


# The vocabulary of a law that reviews the administration's acts (reconsideration, litigation): its
# counterpart, the applicant or the party to a procedure, is named throughout, and more often than the
# businesses a market law regulates.  Measured on the corpora: the Administrative Reconsideration Law names
# them 183 times against 6 businesses; the Beijing business-environment regulation 12 against 247.
_REVIEW = re.compile(r"(?<!被)申请人|被申请人|第三人|行政相对人|当事人")
_BUSINESS = re.compile(r"经营主体|市场主体|企业|经营者|提供者|运营者|生产者|销售者|单位")
REVIEW_MENTIONS = 10


def _reviews_the_administration(texts: list[str]) -> bool:
    review = sum(len(_REVIEW.findall(t)) for t in texts)
    return review >= REVIEW_MENTIONS and review > sum(len(_BUSINESS.findall(t)) for t in texts)


__all__ = ["DEFAULT", "Parties", "bearer_counts", "infer", "is_authority"]
