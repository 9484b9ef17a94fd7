"""From the parts of a sentence to a :class:`~lawdiff.model.Norm`: role, modality, numbers and polarity.

The reader (:mod:`lawdiff.norms.read`) groups a sentence's comma parts into drafts of norms; this module
finishes each draft.  Rules it applies, in order: an item inherits its lead-in (as a condition of a
sanction list, or as the action of a duty list); a duty whose action names a sanction is a sanction; a
sanction's bearer is the party punished, never the authority imposing it; a principle (坚持…原则) binds
nobody; an authority's action is classed (control / oversight / service / internal); an obligation of
effort is marked; numbers get their roles; the polarity table (``data/norms/polarity.yaml``) decides
what the norm means for the regulated parties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from lawdiff.model import Comparator, Lang, Modality, Norm, Polarity, Quantity, QuantityRole, Role, Span
from lawdiff.norms.clauses import Part, Sentence
from lawdiff.norms.lexicon import Lexicon
from lawdiff.norms.lookup import Actor, Lookup
from lawdiff.norms.polarity import polarity_for

_PRINCIPLE = re.compile(r"^(?:坚持|遵循|贯彻|体现|突出)")
_REGIME = re.compile(r"实行[^,;。]{0,24}(?:制度|管理|制)")
# …的，由生态环境部门负责对环境影响报告书进行审批: an approval of the act the condition names — a licence regime
_APPROVED_BY = re.compile(r"^由[^,;。\n]{0,40}?(?:进行|予以|负责)(?:审批|批准|核准)")


@dataclass(slots=True)
class Draft:
    """A norm being built from the parts of one sentence."""

    start: int
    end: int
    bearer: str = ""
    bearer_span: tuple[int, int] | None = None
    modality: Modality = Modality.PROCEDURE
    strength: float = 0.0
    modal_span: tuple[int, int] | None = None
    action_parts: list[Part] = field(default_factory=list)
    conditions: list[Part] = field(default_factory=list)
    exceptions: list[Part] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    sanctions: list[tuple[str, int, int]] = field(default_factory=list)
    subject: tuple[str, int, int] | None = None  # the actor the sentence opens with
    scope_parts: list[Part] = field(default_factory=list)  # a subject part before the modal (…的企业，应当)
    modal_part: Part | None = None  # the whole part with the modal word (三年内不得…: its numbers)
    upon_condition: bool = False  # nobody named, and the act is done to the party of the condition (对其…)



def exception_quantities(look: Lookup, text: str, start: int) -> list[Quantity]:
    """The thresholds of an exception, as bounds of the norm it excepts: …；但是，投资额在三十万元以下的工程除外
    makes the norm hold from 三十万元 up (raising it exempts more)."""
    return [replace(q, comparator=_FLIP.get(q.comparator, q.comparator))
            for q in look.quantities(text, start, condition=True) if q.role is QuantityRole.THRESHOLD]


def _state_business(lex: Lexicon, d: Draft, action: str) -> bool:
    """A duty that names nobody and whose subject (the words before its modal word) is a plan of the state, or
    whose act is planning public works: nobody but the state can bear it."""
    if lex.state_business is None or d.modality not in (Modality.OBLIGATION, Modality.PROHIBITION, Modality.PERMISSION):
        return False
    return bool(lex.state_business.search(f"{_before_modal(d).strip()}|{action.strip()}"))


_STATE_WRONG_AFTER = re.compile(r"(?:的|之)?(?:违法|违规|违反|侵害)")
_STATE_WRONG_BEFORE = re.compile(r"\bby (?:the |a |an )?$", re.IGNORECASE)


def _by_the_state(report: str, lex: Lexicon) -> bool:
    """The wrong reported is the administration's (对执法人员的违法行为投诉; an infringement by a public authority)."""
    return any(_STATE_WRONG_AFTER.match(report, a.end()) or _STATE_WRONG_BEFORE.search(report[: a.start()])
               for a in lex.authority.finditer(report))


def _after_bearer(action: str, bearer: str) -> str:
    """The words of an action after the bearer that opens it (登记机关不予登记 -> 不予登记)."""
    words = action.strip()
    at = words.find(bearer)
    return words[at + len(bearer):] if 0 <= at <= 2 else words


def _before_modal(d: Draft) -> str:
    """The words of the modal word's part before it (its subject, when the part names one)."""
    if d.modal_part is not None and d.modal_span is not None:
        return d.modal_part.text[: d.modal_span[0] - d.modal_part.start]
    return ""


_FLIP = {Comparator.AT_MOST: Comparator.AT_LEAST, Comparator.AT_LEAST: Comparator.AT_MOST}
AGGRAVATED = 1.5  # the weight of a criminal sanction that must be aggravated (从重处罚), against one that need not
MITIGATION_UNIT = 1.0  # the weight of one step of the mitigation ladder (从轻 1, 减轻 2, 免予刑事处罚 3)

_PERSON = re.compile(r"(?:人员|负责人|代表人|官)$|\b(?:officials?|staff|officers?)$")  # people, not an agency


_ENTITLED = re.compile(r"\bshall (?:have|be given|be granted) (?:\w+ )*access\b", re.IGNORECASE)
_ALLOWS = ("允许", "准许")  # modal words by which an authority grants a permission (Chinese: the English ones name the holder)
_DETERMINER = re.compile(r"\s*(?:(?:the|each|every|any|a|an)\s+)?", re.IGNORECASE)  # before a bearer's name
_MEASURE_LIMIT = re.compile(r"^(?:(?:暂扣|查封|扣押|冻结|留置|扣留|责令停产停业|停产停业|强制措施)[、和或]?)+(?:的)?期限")  # a measure's time limit
# 举证期限…不得少于十五日: nobody named and a floor under a period — the least time a party must be given
_PERIOD_FLOOR = re.compile(r"^(?:少于|短于)[^,;。\n]{0,8}(?:日|天|月|年|小时)")
_REFUSED = re.compile(r"^可以不")  # 可以不予采纳: the modal word's own 不 starts the refusal

_PUNISH = re.compile(r"处罚|处理|追究[^,;。\n]{0,6}责任|penalt|sanction", re.IGNORECASE)


def build_norm(look: Lookup, d: Draft, s: Sentence, text: str, template: Norm | None,
               carry: Actor | None = None) -> Norm:
    """The norm a draft of parts makes, with everything read from its words: role, modality, action class,
    effort, quantities, instrument, sanctions, reference to another law, polarity and weight."""
    lex = look.lex
    end = max([d.end, *(p.start + len(p.text) for p in (*d.action_parts, *d.exceptions, *d.conditions))])
    start = min([d.start, *(p.start for p in d.conditions), *(p.start for p in d.scope_parts)])
    start, end = max(start, s.start), min(max(end, start), s.end)
    action = "".join(p.text for p in d.action_parts)
    modality, strength, bearer = d.modality, d.strength, d.bearer
    inherited = False
    if template is not None and s.item:
        # an item of a list of cases that names a sanction (（二）被列入严重失信名单的) is a case, not a sanction
        case = s.text.strip().rstrip(";。；").endswith("的") and lead_is_condition_list(template, lex)
        own = d.modal_span is not None or (d.sanctions and not case)
        if not own:
            inherited = True
            modality, strength = template.modality, template.strength
            bearer = template.bearer
            if lead_is_condition_list(template, lex):
                # the item is a condition of the lead's norm
                d.conditions = [Part(s.text.rstrip(";。；"), s.start), *d.conditions]
                action = template.action
            else:
                action = s.text
        elif not bearer:
            bearer = template.bearer
    if modality is Modality.PERMISSION and bearer and d.modal_span is not None and \
            text[d.modal_span[0]:d.modal_span[1]] in _ALLOWS and look.role(bearer) is Role.AUTHORITY:
        # 政府…允许多个经营主体使用同一地址: the authority allows, the party named next (or the regulated) may act
        who = look.first_actor(action)
        bearer = action[:who[2]].strip() if who is not None and who[1] <= 3 else ""
    whole = d.modal_part.text if d.modal_part is not None else action
    limit = modality in (Modality.OBLIGATION, Modality.PROHIBITION) and bool(_MEASURE_LIMIT.match(whole.strip())) or \
        modality is Modality.PROHIBITION and not bearer and bool(_PERIOD_FLOOR.match(action.strip()))
    if limit:
        bearer = ""  # 暂扣期限不得超过三十日, 举证期限不得少于十五日: a limit that protects the party (below)
    elif modality in (Modality.OBLIGATION, Modality.PERMISSION, Modality.PROHIBITION) and (
            look.criminal_or_fine(action) or look.criminal_or_fine(whole)):
        modality = Modality.SANCTION
    if modality is Modality.PERMISSION and any(k == "inference" for k, _, _ in d.sanctions):
        modality = Modality.SANCTION  # …拒不提交的，可以推定…成立: a consequence drawn against the party, not its right
    if modality is Modality.POWER and lex.reference.search(action):
        modality = Modality.SANCTION  # 由…依照《…》的规定处罚: the sanction defers to another law
    if modality is Modality.PROCEDURE and d.conditions and d.modal_span is None and lex.reference.search(whole) \
            and _PUNISH.search(whole):
        modality = Modality.SANCTION  # 违反…的，依照《…》的规定处罚: no modal word, still a sanction, deferred
    if modality is Modality.OBLIGATION and lex.definition.search(action) and not bearer:
        modality = Modality.DEFINITION
    if inherited and modality is Modality.PROCEDURE and lex.definition.search(s.text):
        modality = Modality.DEFINITION  # 本办法中的术语含义：（二）登记主体，是指…: each item defines a term
    if modality is Modality.DEFINITION and not bearer and d.subject is not None:
        bearer = d.subject[0]  # （二）登记主体，是指…: the term defined
    if modality is Modality.PROCEDURE and lex.applies_to is not None and lex.applies_to.search(s.text):
        modality = Modality.DEFINITION  # The obligations in this Article apply to …: a statement of scope
    if lex.transitional is not None and modality in (Modality.PROCEDURE, Modality.DEFINITION, Modality.EXEMPTION) \
            and lex.transitional.search(s.text):
        modality = Modality.PROCEDURE  # 本解释施行后尚未审结的案件，适用本解释: which cases the new text governs
    if modality is Modality.OBLIGATION and not bearer and look.lang is Lang.EN and lex.procedure.search(whole):
        modality = Modality.PROCEDURE  # This Regulation shall be without prejudice to …: no one's duty
    if modality is Modality.OBLIGATION and not bearer and _PRINCIPLE.match(action.strip()):
        modality = Modality.PROCEDURE  # 优化营商环境应当坚持…原则: a principle, not anyone's duty
    if modality in (Modality.OBLIGATION, Modality.PROHIBITION) and lex.empty_duty is not None and \
            lex.empty_duty.match(action.strip()):
        modality = Modality.PROCEDURE  # 应当依法经营, 不得违反法律、法规的强制性规定: the law restated, no norm of its own
    if modality in (Modality.OBLIGATION, Modality.PERMISSION) and lex.competence.match(action.strip()):
        modality = Modality.PROCEDURE  # 可以由其所在地的人民政府管辖: which body decides, not a duty or a right
    if modality is Modality.PROCEDURE and d.modal_span is None and bearer and look.role(bearer) is Role.AUTHORITY \
            and lex.refusal.match(_after_bearer(action, bearer)):
        modality = Modality.OBLIGATION  # 有下列情形之一的，登记机关不予登记: a refusal stated as the rule binds as 应当
    if modality is Modality.OBLIGATION and lex.refusal.match(action.strip()):
        modality = Modality.PERMISSION  # 应当决定驳回申请: the duty to refuse is the power to refuse
    if modality is Modality.EXEMPTION and bearer and look.role(bearer) is Role.AUTHORITY and d.modal_span is not None \
            and lex.refusal.match(_REFUSED.sub("不", s.text[d.modal_span[0] - s.start:])):
        modality = Modality.POWER  # 逾期提交的，人民法院可以不予采纳: the authority refuses, a consequence for the party
    # 任何单位和个人有权举报违法行为: public supervision of the regulated (not a complaint about officials)
    blown = lex.whistleblowing.search(whole) if modality is Modality.PERMISSION and lex.whistleblowing else None
    report = blown is not None and not _by_the_state(blown.group(0), lex)
    if not bearer and modality is Modality.PERMISSION and lex.petition.match(action.strip()):
        bearer = look.petitioner()  # 可以向…申请行政复议: the private side applies or sues
    role = look.role(bearer) if bearer else (Role.AUTHORITY if modality is Modality.POWER or limit else Role.OTHER)
    if not bearer and modality is Modality.PROCEDURE and lex.grant.search(action):
        role = Role.AUTHORITY  # 对…给予表彰和奖励: nobody named, but only the state gives
    if role in (Role.REGULATED, Role.OTHER) and lex.agent_of_state is not None and (
            role is Role.REGULATED and bearer and any(lex.agent_of_state.search(c.text) for c in d.conditions)
            or lex.agent_of_state.search(_before_modal(d))):
        role = Role.AUTHORITY  # 确需第三方机构提供专业协助的，第三方机构不得…; 部门委托的检测机构不得…: the state's agent
    if not bearer and d.upon_condition:
        role = Role.AUTHORITY  # …存在问题的，应当对其…作出界定: only the state acts upon a party so
    state = Role.REGULATED if look.parties.public else Role.AUTHORITY  # where the state is regulated, it bears them
    if not bearer and role is Role.OTHER and _state_business(lex, d, action):
        role = state  # 总体规划应当与…相适应; 城镇地区应当规划建设…设施: the state's own business
    elif bearer and d.bearer_span is None and lex.state_business is not None and \
            lex.state_business.search("|" + action.strip()):
        bearer, role = "", state  # …的，应当记入笔录 after a clause naming a party: the court records, not the party
    if report and role in (Role.REGULATED, Role.OTHER):
        role = Role.PROTECTED
    if role is Role.OTHER and modality not in (Modality.DEFINITION, Modality.PROCEDURE):
        role = Role.REGULATED  # nobody named: the law's addressee
    if modality is Modality.SANCTION:
        # the bearer of a sanction is the party punished (the actor of its conditions), not the authority
        # that imposes it; nobody named is the law's addressee
        targets = [a for c in d.conditions for a in [look.first_actor(c.text)] if a]
        kinds_here = {k for k, _, _ in d.sanctions}
        if not targets and d.subject is not None and not (
                look.role(d.subject[0]) is Role.AUTHORITY and kinds_here - {"discipline"}
                and not _PERSON.search(d.subject[0])):
            targets = [d.subject]  # (an agency the sentence opens with imposes the fine; its staff may be punished)
        if not targets and carry is not None:
            targets = [carry]  # the party named before (the authority that imposes is never carried)
        kinds = [k for k, _, _ in d.sanctions] or list(template.sanction_kinds if template and inherited else [])
        bearer = targets[0][0] if targets else (template.bearer if template is not None and inherited else "")
        role = look.role(bearer) if bearer else Role.REGULATED
        if "criminal" in kinds and not look.parties.public:
            role = Role.REGULATED  # a criminal interpretation: whoever it makes punishable is regulated
        elif role is Role.PROTECTED and not look.parties.public:
            role = Role.REGULATED
        if lex.agent_of_state is not None and any(lex.agent_of_state.search(c.text) for c in d.conditions):
            role = Role.AUTHORITY  # 审计机关聘请的专业人员违反…的，…: the state's agent is punished, not a regulated party
        if "criminal" in kinds and lex.mitigation.search(action) and not lex.aggravation.search(action):
            modality = Modality.EXEMPTION  # 可以从轻或者减轻处罚: a mitigation favours the punished, it is no sanction
    # a prohibition is classed with its modal word (不得重复检查 is a limit that serves, not an inspection)
    classed = whole if modality is Modality.PROHIBITION or (
        modality is Modality.PERMISSION and look.lang is Lang.EN and _ENTITLED.search(whole)) else action
    # (shall have access to the source code: the power is in the modal words)
    if bearer and (m := _DETERMINER.match(classed)) is not None and classed.startswith(bearer, m.end()):
        classed = classed[m.end() + len(bearer):]  # 海关对进口商品实施检验, The port authority shall …: the act, not its bearer  # 海关对进口商品实施检验: the act, not the authority doing it
    action_class = look.action_class(classed) if role is Role.AUTHORITY or modality is Modality.POWER else ""
    if inherited and template is not None and template.role is role and lex.measures_lead is not None and \
            lex.measures_lead.search(template.action) and action_class not in ("control", "correction"):
        action_class = template.action_class  # 采取下列措施简化…：（四）推行住所标准化登记: one of the lead's measures
    if report and role is Role.PROTECTED:
        action_class = "report"
    if limit:
        action_class = "service"  # the time limit of a seizure or closure bounds the authority's hold
    if modality is Modality.POWER and action_class not in ("control", "correction"):
        action_class = "control"
    if modality is Modality.POWER and lex.agent_of_state is not None and any(
            lex.agent_of_state.search(c.text) for c in d.conditions):
        action_class = "internal"  # …聘请的专业人员违反…的，由有关主管机关追究责任: a hold over the state's own agent
    em, rm = lex.effort.search(action), lex.result.search(action)
    # (take appropriate measures to ensure that … are free of errors: the result is what the effort aims at)
    effort = modality is Modality.OBLIGATION and em is not None and (rm is None or em.start() < rm.start())
    if effort:
        strength = min(strength, 1.0)
    quantities: list[Quantity] = []
    quantify = look.quantities  # found once per distinct part text
    for c in d.conditions:
        quantities.extend(quantify(c.text, c.start, condition=True))
    for p in d.scope_parts:  # 职工人数在五十人以上的企业，应当…: the subject's numbers are thresholds
        quantities.extend(quantify(p.text, p.start, condition=True))
    for p in d.exceptions:
        quantities.extend(exception_quantities(look, p.text, p.start))
    qparts = d.action_parts if d.modal_part is None else [d.modal_part, *d.action_parts[1:]]
    if d.modal_part is not None and d.modal_span is not None:
        cut = d.modal_span[0] - d.modal_part.start
        head = d.modal_part.text[:cut]
        if "的" in head:  # 年产值五百万元以上的企业应当…: the subject's numbers are thresholds, as after a comma
            quantities.extend(quantify(head, d.modal_part.start, condition=True))
            qparts = [Part(d.modal_part.text[cut:], d.modal_span[0]), *qparts[1:]]
    scope = modality is Modality.DEFINITION and lex.applies_to is not None and bool(lex.applies_to.search(s.text))
    for p in qparts:  # (本办法适用于年营业额五千万元以上的企业: a scope statement's numbers are thresholds)
        quantities.extend(quantify(p.text, p.start, condition=scope))
    if inherited and template is not None and not lead_is_condition_list(template, lex):
        quantities.extend(quantify(s.text, s.start, condition=False))
    if modality in (Modality.PROCEDURE, Modality.DEFINITION) and lex.payable is not None and lex.payable.search(s.text):
        # 生活费…最长不超过十年: how long compensation is paid, not a time to comply
        quantities = [replace(q, role=QuantityRole.DURATION) if q.role is QuantityRole.PERIOD else q for q in quantities]
    if modality is Modality.SANCTION:  # every sum a sanction names is part of the fine
        quantities = [replace(q, role=QuantityRole.FINE) if q.role is QuantityRole.AMOUNT else q for q in quantities]
    regime = modality is Modality.PROCEDURE and (_REGIME.search(action) or d.conditions and _APPROVED_BY.match(
        action.strip()))  # 本市对…实行备案管理
    binds = modality in (Modality.OBLIGATION, Modality.PROHIBITION, Modality.EXEMPTION) or bool(regime) or \
        modality is Modality.PERMISSION and role is Role.REGULATED and bool(d.conditions)  # 经批准，可以…
    named = look.instruments([*d.action_parts, *d.conditions, *d.scope_parts]) \
        if binds and (role is not Role.AUTHORITY or regime) else []  # (…的建设单位申请取水许可，应当…: the occasion)
    top = max(named, key=lambda x: lex.instrument_level(x[0]), default=None)
    pledge = next((x for x in named if x[0] == "notification" and "承诺" in x[1].text), None) \
        if any(x[0] == "licence" for x in named) else None
    if pledge is not None:  # 对…许可实行告知承诺制: the licence is granted on a written commitment, the lighter instrument
        top, named = pledge, [x for x in named if x[0] != "licence"]
    instrument, ispan = (top[0], top[1]) if top is not None else ("", None)
    sanctions = tuple(Span(text[a:b], a, b) for _, a, b in d.sanctions)
    kind_names = tuple(k for k, _, _ in d.sanctions)
    if inherited and template is not None and not kind_names:
        kind_names = template.sanction_kinds
        sanctions = template.sanctions
    ref = ""
    rm = lex.reference.search(action)
    if rm:
        ref = rm.group(0)
    where = s.where
    pol, weight = polarity_for(modality, role, action_class, instrument, strength, kind_names, s.item, lex,
                               look.polarity_rows)
    if modality is Modality.PROCEDURE and instrument == "notification" and ispan is not None and "承诺" in ispan.text:
        pol, weight = Polarity.RELIEF, 1.0  # 对…许可实行告知承诺制: an approval granted on a commitment, a facilitation
    if modality is Modality.PROCEDURE and role is Role.AUTHORITY and pol is Polarity.RELIEF and lex.grant.search(action):
        weight = max(weight, 1.0)  # 设立专项资金，对…给予补贴: money or awards granted are a benefit, not a policy
    if modality is Modality.SANCTION and lex.concurrence is not None and not lex.aggravation.search(action) and \
            lex.concurrence.search("，".join([*(c.text for c in d.conditions), action])):
        modality, pol, weight = Modality.PROCEDURE, Polarity.NEUTRAL, 0.0  # 同时构成…罪的，依照处罚较重的规定定罪处罚:
        # which of two offences already committed applies, not a new one
    if modality is Modality.SANCTION and "criminal" in kind_names and lex.aggravation.search(action):
        weight *= AGGRAVATED  # 依照…定罪从重处罚: the same offence, punished more heavily
    level = max((lv for rx, lv in lex.mitigation_ladder if rx.search(whole)), default=0.0)
    if level and modality in (Modality.PERMISSION, Modality.EXEMPTION) and role is Role.REGULATED and \
            not lex.aggravation.search(whole):
        # 可以免予刑事处罚 > 可以减轻处罚 > 可以从轻处罚: a mitigation weighs as far as it goes
        modality, pol = Modality.EXEMPTION, Polarity.RELIEF
        weight = MITIGATION_UNIT * level
    return Norm(
        text=text[start:end], start=start, end=end, where=where, bearer=bearer, role=role, modality=modality,
        polarity=pol, strength=weight, action=action, action_class=action_class,
        conditions=tuple(Span(text[c.start:c.start + len(c.text)], c.start, c.start + len(c.text)) for c in d.conditions),
        exceptions=tuple(Span(text[c.start:c.start + len(c.text)], c.start, c.start + len(c.text)) for c in d.exceptions),
        quantities=tuple(sorted(quantities, key=lambda q: q.start)), instrument=instrument, instrument_span=ispan, instruments=tuple(named),
        sanctions=sanctions, sanction_kinds=kind_names, effort=effort, reference=ref,
        modal_span=Span(text[d.modal_span[0]:d.modal_span[1]], *d.modal_span) if d.modal_span else None,
        item=s.item,
        bearer_span=Span(text[d.bearer_span[0]:d.bearer_span[1]], *d.bearer_span)
        if d.bearer_span and d.bearer_span[1] > d.bearer_span[0] else None,
    )



def lead_is_condition_list(template: Norm, lex: Lexicon) -> bool:
    """有下列情形之一的，… / where one of the following applies: items are conditions, not actions."""
    t = template.text
    return bool(re.search(r"下列[^,;。\n]{0,12}之一|one of the following|any of the following", t)) and any(
        re.search(r"下列|following", c.text) for c in template.conditions)


__all__ = ["Draft", "build_norm", "lead_is_condition_list"]
