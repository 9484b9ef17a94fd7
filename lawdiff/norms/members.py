"""List members added to or dropped from a norm, read from the word diff (生产、销售 → 销售).

A run inserted or deleted together with its list separator (、文化 / 或者变相强制 / 以及其他) is a member;
a long run or one across clause punctuation is a rewrite, and a member that names a public body is the
administration renamed (区、县 → 区), not the norm's reach.  A member added to an exception narrows the
norm; alternatives added to a duty (暂停或者终止 → 警示、限制功能、暂停或者终止等措施) leave more ways to comply.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from lawdiff.model import ChangeKind, Edit, Modality, Norm, NormChange, Op, Polarity, Role, Span
from lawdiff.norms.clauses import ITEM_NUMBER
from lawdiff.norms.english import and_act
from lawdiff.norms.lexicon import Lexicon

_ENUM_SPLIT = re.compile(r"、|和|及|以及|或者|或|与|, |,| and | or ")
_SEPS = re.compile(r"、|以及|或者|和|或|及|与")
_SEP_EDGE = re.compile(r"^(?:、|以及|或者|和|或|及|与)")
_SEP_EDGE_END = re.compile(r"(?:、|以及|或者|和|或|及|与)$")
_SEP_ONLY = re.compile(r"^(?:、|和|或者|或|及|以及|与|,|，|等|\s)+$")
_CLAUSE_PUNCT = re.compile(r"[,;。:!?，；：！？\n]")
_MODAL_WORD = re.compile(r"应当|不得|可以|必须|\bshall\b|\bmay\b|\bmust\b")
LIST_MEMBER_MAX = 24  # characters: a list member with its separator, not a rewritten clause
_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,}")


def _members_in(text: str) -> int:
    """How many list members a diff run carries, counted by their separators (、限制、强制或者变相强制 → 3,
    和 alone → 0).  Only short stretches between clause punctuation count: a long run is a rewrite, and
    book titles (《…》) are references to other laws, not members of the norm's list."""
    n = 0
    if len(text) > 2 * LIST_MEMBER_MAX or len(_CLAUSE_PUNCT.findall(text)) > 1:
        return 0  # a rewritten passage, not list members
    for seg in _CLAUSE_PUNCT.split(text):
        t = seg.strip()
        if not t or len(t) > LIST_MEMBER_MAX or "《" in t or _SEP_ONLY.match(t) or not _CJK.search(_SEPS.sub("", t)) \
                or _MODAL_WORD.search(t):
            continue
        if t.startswith("的") or not (_SEP_EDGE.match(t) or _SEP_EDGE_END.search(t)):
            continue  # 的禁止和: a modifier reworded, not a member added (members come with their separator)
        n += len(_SEPS.findall(t))
    return n


_ALTERNATIVES = re.compile(r"或者|或|等(?:措施|方式|形式|处置)|\bor\b|\bsuch as\b")
_OR = re.compile(r"或者|或|\bor\b")
_CONJUNCTS = re.compile(r"和|及|以及|并(?!处|科)|同时|\band\b")


def _alternatives(n: Norm, runs: list[Span]) -> bool:
    """The members a duty gained (or lost) are alternatives — ways to comply, joined by 或者 or closed by
    等…措施 — rather than acts it requires together: more of them leave more choice, not more burden.  For an
    authority's duty that serves the party only 或者 makes ways to comply: a list closed by 等措施 there names
    what the party receives (救助、补偿、抚恤等措施), and more of it is more relief.  A penalty's alternatives are
    read the same way (有期徒刑、拘役或者管制: more of them, more room to be lenient)."""
    rx = _OR if n.polarity is Polarity.RELIEF else _ALTERNATIVES
    after_modal = n.modal_span.end if n.modal_span is not None else n.start
    for s in runs:
        if s.start < after_modal or any(c.start <= s.start < c.end for c in n.conditions):
            continue  # (编制详细规划或者土地一级开发阶段，应当…: a 或者 in the condition offers the duty no way out)
        after = n.text[s.end - n.start : s.end - n.start + 24]
        around = s.text + after
        if rx.search(around) and not _CONJUNCTS.search(s.text):
            return True
    return False


_CLOSED_LIST = re.compile(r"等[^,;。，；]{0,4}(?:措施|方式|手段|形式|处置)|\bsuch as\b|\bincluding\b")


def _more_ways(d: Norm, f: Norm) -> list[NormChange]:
    """应当暂停或者终止服务 → 应当采取警示、限制功能、暂停或者终止服务等处置措施: the duty rewritten as a list of
    measures that still holds the old act, closed by 等…措施 — more ways to comply, so lighter (when the word
    diff is one rewrite, no member can be read from it)."""
    if not (d.modality is f.modality is Modality.OBLIGATION and f.polarity is Polarity.BURDEN):
        return []
    m = _CLOSED_LIST.search(f.action)
    if m is None or _CLOSED_LIST.search(d.action):
        return []
    old = {g for g in _grams(d.action) if g.strip()}
    listed = _grams(f.action[: m.end()])
    if len(old) < 2 or len(old & listed) < ALTERNATIVES_CONTAINED * len(old):
        return []
    listed_text = f.action[: m.end()]
    # the action is stored without the punctuation between its parts: find its first and last words in the clause
    a, b = f.text.find(listed_text[:8]), f.text.find(listed_text[-8:])
    spans = (Span(f.text[a:b + 8], f.start + a, f.start + b + 8),) if 0 <= a <= b else ()
    return [NormChange(ChangeKind.SCOPE_NARROWED, d, f, f.polarity, 1.0, force="weaker", detail=listed_text,
                       final_spans=spans)]


ALTERNATIVES_CONTAINED = 0.7  # share of the old act's character pairs found in the new list of measures


def _grams(text: str) -> set[str]:
    t = re.sub(r"[\s,;。，；、]", "", text)
    return {t[i:i + 2] for i in range(len(t) - 1)}


def _binds(n: Norm) -> bool:
    """A duty or ban of the regulated, or a power of an authority over them (可以要求…说明情况，并提出审查意见)."""
    return n.modality in (Modality.OBLIGATION, Modality.PROHIBITION) or \
        n.modality is Modality.PERMISSION and n.role is Role.AUTHORITY


def _side(spans: tuple[Span, ...], pos: int, run: str) -> int:
    """-1 for a member inside an exception (it widens the exception, so narrows the norm), else +1 — also inside
    a proviso duty (但应当公示地址或者联系方式), where a member joined by 或者 is one more way to comply."""
    s = next((s for s in spans if s.start <= pos < s.end), None)
    return 1 if s is None or _PROVISO.match(s.text) and _OR.search(run) else -1


_PROVISO = re.compile(r"^\s*但(?:是)?[,，]?(?:应当|必须|须|应)")


def _in_authority_name(e: Edit, d: Norm, f: Norm, lex: Lexicon) -> bool:
    """The run is part of a public body's name (政务服务 + 和数据管理 + 部门): the body renamed."""
    n, at = (f, e.final_start) if e.op is Op.INSERT else (d, e.draft_start)
    pos = at - n.start
    left = min(8, max(0, pos))
    context = n.text[pos - left: pos + len(e.text) + 8]
    end = left + len(e.text)
    return any(left <= m.start() <= end or m.start() < left < m.end() for m in lex.authority.finditer(context))


_COMMA = "，,"
_ACT_PART = re.compile(r"^[\u4e00-\u9fff]{2,12}$")
_NOT_ACT = re.compile(r"的$|^(?:并|且|同时|依法|及时|但是?)$|^(?:按照|根据|依照|除|但)|应当|不得|可以|必须")
# a comma part at the end that states the aim of the acts before it (…，方便公众查询; …，确保安全), not one more act
_AIM = re.compile(r"^(?:方便|便于|以便|以|从而|进而|确保|保证|保障|防止|避免|防范|切实|努力|促进|推动)")
_END = "。；;"


def _comma_act(e: Edit, n: Norm, at: int) -> Span | None:
    """依法竞争，维护秩序 -> 依法竞争，合规经营，维护秩序: a whole comma part of a duty's acts, inserted (or
    deleted) between two others or at the end of the sentence (建立安全管理制度 -> 建立安全管理制度，定期开展消防演练),
    is one more (or one fewer) act the duty requires — unless it states the aim of the others (…，方便公众查询).
    The act's span, or None."""
    if n.modal_span is None or not (n.start <= at < n.end):
        return None
    t = e.text
    if at < n.modal_span.end < at + len(t):  # (被审计单位应当加强…领导， put in with the bearer renamed: the act after 应当)
        t, at = t[n.modal_span.end - at:], n.modal_span.end
    if at < n.modal_span.end:
        return None
    pos = at - n.start
    before = n.text[pos - 1: pos] if pos > 0 else ""
    after = n.text[pos + len(t): pos + len(t) + 1]
    if t[:1] in _COMMA and after and after in (*_COMMA, *_END):
        core = t[1:]
    elif t[-1:] in _COMMA and (before in _COMMA or at == n.modal_span.end) and after:  # (应当 + 加强…领导，按照…)
        core = t[:-1]
    else:
        return None
    if not _ACT_PART.match(core) or _NOT_ACT.search(core) or after in _END and _AIM.match(core):
        return None
    return Span(t, at, at + len(t))


COMPOUND_MAX = 4  # characters of a party's name before the lexicon's noun (数据 + 处理者)
QUALIFIER_MAX = 8  # characters: a modifier put before a party's name (未成年人 + 用户, 重点 + 排污单位)
_PLAIN = re.compile(r"^[\u4e00-\u9fff]+$")


_RELATIVE = re.compile(r"^\s*(?:that|which|who)\s+(?:are|is|have|has)\b", re.IGNORECASE)


def _qualifies_party(e: Edit, n: Norm, at: int, lex: Lexicon, substituted: bool) -> bool:
    """防范用户依赖 -> 防范未成年人用户依赖: a modifier inserted right before the name of a party narrows the
    parties the norm reaches (deleted, it widens them) — when nothing was taken out at the same place; in English,
    a relative clause right after the bearer's name (Deployers that are bodies governed by public law shall …)."""
    t = e.text
    if n.bearer_span is not None and 0 <= at - n.bearer_span.end <= 1 and not substituted and _RELATIVE.match(t):
        return True
    if n.bearer_span is not None and n.modal_span is not None and not substituted and _EN_MODIFIER.match(t) and \
            n.bearer_span.end < at < n.modal_span.start and _EN_OF.match(n.text, n.bearer_span.end - n.start, at - n.start):
        return True  # Providers of AI systems -> Providers of high-risk AI systems: fewer providers are bound
    if substituted or len(t) > QUALIFIER_MAX or not _PLAIN.match(t) or _SEPS.search(t) or t.endswith("的"):
        return False
    pos = at - n.start
    if not (0 <= pos < len(n.text)) or any(x.start <= at < x.end for x in n.exceptions):
        return False
    after = pos + len(t)
    m = lex.actor_rx.match(n.text, after)
    if m is not None:
        return not lex.authority.match(m.group(0))
    # 重要 + 数据处理者: inside the bearer's own name, which may open with a word before the lexicon's noun
    span = n.bearer_span
    if span is None or not (span.start <= at and at + len(t) < span.end):
        return False
    m = lex.actor_rx.search(n.text, after, min(span.end - n.start, after + COMPOUND_MAX + 8))
    return m is not None and m.start() - after <= COMPOUND_MAX and not lex.authority.match(m.group(0))


_EN_MODIFIER = re.compile(r"^\s*[A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*){0,2}\s*$")
_EN_OF = re.compile(r"\s+of\s+(?:[A-Za-z-]+\s+){0,3}$")  # the bearer's complement up to the insertion


_LIST_SEP = re.compile(r"、|或者|以及")  # separators that are never part of a word (unlike 和 in 共和国, 及 in 及时)
_ITEM_SPLIT = re.compile(r"、|或者|以及|及其|和|与")
_ITEM_TRIM = re.compile(r"^(?:其他|其|等)+|(?:等等|等)$")


def _items(text: str) -> set[str]:
    out = set()
    for t in _ITEM_SPLIT.split(text):
        t = _ITEM_TRIM.sub("", t.strip())
        if len(t) >= 2 and _CJK.search(t):
            out.add(t)
    return out


def list_members_edited(old: str, new: str) -> int | None:
    """重金属、 -> 生物毒素、重金属等: a list run replaced by another; the members it gained less those it lost
    (a member still there, or only lengthened, is neither).  None when the runs are not list members."""
    if not (_LIST_SEP.search(old) or _LIST_SEP.search(new)) or _CLAUSE_PUNCT.search(old + new) or \
            len(old) > 2 * LIST_MEMBER_MAX or len(new) > 2 * LIST_MEMBER_MAX or _MODAL_WORD.search(old + new):
        return None
    a, b = _items(old), _items(new)
    lost = [x for x in a if not any(x in y or y in x for y in b)]
    gained = [y for y in b if not any(x in y or y in x for x in a)]
    if len(lost) == len(a) or len(gained) == len(b):
        return None  # nothing kept: a general term replaced by a list (经营活动 -> 出版、制作…业务) is a rewrite
    return len(gained) - len(lost)


class EditIndex:
    """A unit's edits with their start offsets, to find the edits inside one norm without walking them all
    (a long article has thousands of edits and of norms).  The offsets of a word diff never decrease."""

    __slots__ = ("draft_starts", "edits", "final_starts", "ordered")

    def __init__(self, edits: Sequence[Edit]):
        self.edits = edits
        self.draft_starts = [e.draft_start for e in edits]
        self.final_starts = [e.final_start for e in edits]
        self.ordered = all(a <= b for a, b in zip(self.draft_starts, self.draft_starts[1:])) and \
            all(a <= b for a, b in zip(self.final_starts, self.final_starts[1:]))

    def around(self, d: Norm, f: Norm) -> Sequence[Edit]:
        """The edits starting inside the draft norm or inside the final norm, in diff order."""
        if not self.ordered:
            return self.edits
        fs = range(bisect.bisect_left(self.final_starts, f.start), bisect.bisect_left(self.final_starts, f.end))
        ds = range(bisect.bisect_left(self.draft_starts, d.start), bisect.bisect_left(self.draft_starts, d.end))
        return [self.edits[k] for k in sorted({*fs, *ds})]


def members(d: Norm, f: Norm, edits: Sequence[Edit] | EditIndex, lex: Lexicon) -> list[NormChange]:
    """Members added to or dropped from the lists of a norm (its acts, objects or conditions).  A member
    added to an exception narrows the norm instead.  ``edits``: the unit's word diff (an
    :class:`EditIndex` of it when one unit asks for many norms)."""
    if d.modality in (Modality.DEFINITION, Modality.PROCEDURE) and f.modality is d.modality and \
            d.polarity is Polarity.NEUTRAL and not (d.modality is Modality.DEFINITION and _defines_party(f, lex)):
        return []
    score = 0
    dspans: list[Span] = []
    fspans: list[Span] = []
    near = list((edits if isinstance(edits, EditIndex) else EditIndex(edits)).around(d, f))
    # where something was taken out (or put in): a run beside it is a substitution, not a qualifier added
    deleted_at = {p for e in near if e.op is Op.DELETE for p in (e.draft_start, e.draft_start + len(e.text))}
    inserted_at = {p for e in near if e.op is Op.INSERT for p in (e.final_start, e.final_start + len(e.text))}
    paired: set[int] = set()
    for i in range(len(near) - 1):
        e, g = near[i], near[i + 1]
        if e.op is Op.DELETE and g.op is Op.INSERT and d.start <= e.draft_start < d.end and \
                f.start <= g.final_start < f.end and not lex.authority.search(e.text + g.text):
            n = list_members_edited(e.text, g.text)
            if n is None:
                continue
            paired.update((i, i + 1))
            if n:
                score += n * _side(f.exceptions, g.final_start, g.text)
                (fspans if n > 0 else dspans).append(
                    Span(g.text, g.final_start, g.final_start + len(g.text)) if n > 0 else
                    Span(e.text, e.draft_start, e.draft_start + len(e.text)))
    for i, e in enumerate(near):
        if i in paired:
            continue
        if e.op is Op.INSERT and d.polarity is f.polarity and _qualifies_party(
                e, f, e.final_start, lex, e.draft_start in deleted_at):
            score -= 1  # fewer parties reached
            fspans.append(Span(e.text, e.final_start, e.final_start + len(e.text)))
            continue
        if e.op is Op.DELETE and d.polarity is f.polarity and _qualifies_party(
                e, d, e.draft_start, lex, e.final_start in inserted_at):
            score += 1
            dspans.append(Span(e.text, e.draft_start, e.draft_start + len(e.text)))
            continue
        if f.polarity is Polarity.BURDEN and f.modality in (Modality.OBLIGATION, Modality.PROHIBITION) and \
                e.op is Op.INSERT and and_act(e, f, e.final_start):
            score += 1  # (before the renaming guard: the act may name the authority it serves)
            fspans.append(Span(e.text, e.final_start, e.final_start + len(e.text)))
            continue
        if d.polarity is Polarity.BURDEN and d.modality in (Modality.OBLIGATION, Modality.PROHIBITION) and \
                e.op is Op.DELETE and and_act(e, d, e.draft_start):
            score -= 1
            dspans.append(Span(e.text, e.draft_start, e.draft_start + len(e.text)))
            continue
        if lex.authority.search(e.text) or lex.purpose.search(e.text) or _in_authority_name(e, d, f, lex):
            continue  # 区、县 → 区, 政务服务和数据管理部门: the administration renamed, not the norm's reach
        if f.polarity is Polarity.BURDEN and _binds(f) and e.op is Op.INSERT and \
                (act := _comma_act(e, f, e.final_start)) is not None:
            score += 1
            fspans.append(act)
        elif d.polarity is Polarity.BURDEN and _binds(d) and e.op is Op.DELETE and \
                (act := _comma_act(e, d, e.draft_start)) is not None:
            score -= 1
            dspans.append(act)
        elif e.op is Op.INSERT and f.start <= e.final_start < f.end and (n := _members_in(e.text)):
            score += n * _side(f.exceptions, e.final_start, e.text)
            fspans.append(Span(e.text, e.final_start, e.final_start + len(e.text)))
        elif e.op is Op.DELETE and d.start <= e.draft_start < d.end and (n := _members_in(e.text)):
            score -= n * _side(d.exceptions, e.draft_start, e.text)
            dspans.append(Span(e.text, e.draft_start, e.draft_start + len(e.text)))
    if not score:
        return _more_ways(d, f)
    pol = f.polarity if f.polarity is not Polarity.NEUTRAL else d.polarity
    if lex.weighing is not None and lex.weighing.search(f.text) and lex.weighing.search(d.text):
        pol = _factor_polarity(fspans, dspans, lex)  # 应当考虑…消除违法行为后果的情况等因素
    elif pol is Polarity.NEUTRAL and d.modality is f.modality is Modality.DEFINITION and _defines_party(f, lex):
        pol = Polarity.BURDEN  # 登记主体是指…的法人或非法人组织: the definition bounds whom the norms reach
    if (f.modality is d.modality is Modality.OBLIGATION and pol in (Polarity.BURDEN, Polarity.RELIEF) or
            f.modality is d.modality is Modality.SANCTION and pol is Polarity.BURDEN) and \
            _alternatives(f if score > 0 else d, fspans if score > 0 else dspans):
        # 应当暂停或者终止 -> 应当采取警示、限制功能、暂停或者终止等措施: more ways to comply; an authority's duty that
        # loses a way out (当场或者在五日内告知 -> 当场告知) serves the party better; a penalty that gains a lighter
        # alternative (有期徒刑或者拘役 -> 有期徒刑、拘役或者管制; 并处罚金 -> 并处或者单处罚金) can be milder
        score = -score
    kind = ChangeKind.SCOPE_WIDENED if score > 0 else ChangeKind.SCOPE_NARROWED
    detail = " ".join(s.text.strip() for s in [*fspans, *dspans])
    return [NormChange(kind, d, f, pol, 1.0, force="stronger" if score > 0 else "weaker", detail=detail,
                       draft_spans=tuple(dspans), final_spans=tuple(fspans))]



def _factor_polarity(fspans: list[Span], dspans: list[Span], lex: Lexicon) -> Polarity:
    """Members of a list of factors weighed in setting a penalty: one in the party's favour is a relief (added, the
    penalty lightens), one against it a burden; a factor that is neither, or only reworded (持续的时间 -> 持续时间),
    moves nothing."""

    def found(rx: re.Pattern[str] | None, spans: list[Span]) -> set[str]:
        return {m.group(0) for s in spans for m in rx.finditer(s.text)} if rx is not None else set()

    light = found(lex.mitigating_factor, fspans) ^ found(lex.mitigating_factor, dspans)
    rest = [Span(lex.mitigating_factor.sub("", s.text), s.start, s.end) for s in [*fspans, *dspans]] \
        if lex.mitigating_factor is not None else [*fspans, *dspans]  # (消除…危害后果: the harm remedied)
    heavy = found(lex.aggravating_factor, rest[: len(fspans)]) ^ found(lex.aggravating_factor, rest[len(fspans):])
    return Polarity.RELIEF if light and not heavy else Polarity.BURDEN if heavy and not light else Polarity.NEUTRAL


_CASE_FRAME = re.compile(rf"^\s*{ITEM_NUMBER}\s*(?:造成|致使|致人|导致|因)?|(?:以上|以下)?的?[；;。]?\s*$")


def _case_core(text: str) -> str:
    """（二）造成重度残疾以上的； -> 重度残疾: what a case names, without its number and frame words."""
    return _CASE_FRAME.sub("", text)


_DEFINES = re.compile(r"^(?P<term>[^,;。\n]{1,24}?)[，,]?(?:是指|系指|指的是|\bmeans\b|\bshall mean\b)")


def _defines_party(n: Norm, lex: Lexicon) -> bool:
    """The norm defines a regulated or a protected party (本办法所称登记主体，是指…; 'consumer' means …): more
    members, more parties bound or protected — heavier for the regulated either way."""
    m = _DEFINES.match(n.text.strip())
    term = m.group("term") if m is not None else n.bearer
    return bool(term) and bool(lex.regulated.search(term) or lex.protected.search(term))


def unmatched(n: Norm, kept: list[Norm], other: tuple[Norm, ...], added: bool) -> NormChange | None:
    """A norm with no counterpart: added or removed — or, for an item that is one case of a list of cases
    (有下列情形之一的，不予登记：…（三）…的) whose norm stands on both sides (``kept``), the norm widened or narrowed:
    it covers one more or one fewer case, it is not a norm of its own; nothing when the other side's cases already
    name it (致人死亡或者重度残疾的 split into 致人死亡的 and 造成重度残疾以上的)."""
    span = (Span(n.text, n.start, n.end),)
    case = n.item and bool(n.conditions) and n.conditions[0].start == n.start and any(
        k.action == n.action and k.modality is n.modality and k.role is n.role for k in kept)
    core = _case_core(n.conditions[0].text) if case else ""
    if case and len(core) >= 2 and any(o.item and o.conditions and core in o.conditions[0].text for o in other):
        return None
    if case:
        kind = ChangeKind.SCOPE_WIDENED if added else ChangeKind.SCOPE_NARROWED
        return NormChange(kind, None if added else n, n if added else None, n.polarity, max(1.0, n.strength),
                          force="stronger" if added else "weaker", detail=n.conditions[0].text,
                          draft_spans=() if added else span, final_spans=span if added else ())
    if added:
        return NormChange(ChangeKind.NORM_ADDED, None, n, n.polarity, n.strength, final_spans=span)
    return NormChange(ChangeKind.NORM_REMOVED, n, None, n.polarity, n.strength, draft_spans=span)


__all__ = ["EditIndex", "list_members_edited", "members", "unmatched"]
