"""Read one side of an aligned unit into norms: bearer, modality, action, conditions, numbers, sanctions.

How a sentence is read (the lexicon, ``data/norms/<lang>.yaml``, supplies every word):

1. The sentence is cut into comma parts (:mod:`lawdiff.norms.clauses`).  A part is an *exception*
   (但…除外, 除…外, unless), a *condition* (…的, …时, 违反…规定, where …, if …) or a *main* part.
2. A main part with a modal word (不得, 应当, 可以, 鼓励, shall not, shall, may …) opens a norm.  Its
   bearer is the actor named before the modal word in the part; else the subject part before it
   (直接取水的单位和个人，应当…); else the norm before it in the sentence (…，并应当…); else the lead-in of an
   item; else the actor of a condition (经营者违反…的，应当…); else nobody, which is read as the law's
   addressee — the regulated parties.
3. A main part that names a sanction (罚款, 吊销, 定罪处罚, fines) opens a sanction norm, or extends
   the sanction or power norm before it when no new condition came in between (由…责令改正，处…罚款).
4. A main part without either continues the norm before it (its action), names the subject of the next
   part, or — alone — is a statement: a definition (是指, 所称, means), a procedure or competence (由…负责,
   实行…制度), or, when it names an instrument of control (实行许可制度), a regime that burdens.
5. An item (项) inherits its lead-in: ``有下列行为之一的，由…处…罚款：`` makes each item a condition of
   the sanction; ``经营者应当遵守下列规定：`` makes each item an action of that duty.

Each norm then gets its role (regulated / authority / protected, with ``regulated:`` of meta.yaml first),
the class of an authority's action (control / service / internal), whether an obligation is one of
effort, its instrument of control, its sanction kinds, its quantities with their roles, and its polarity
for the regulated parties (:mod:`lawdiff.norms.polarity`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from lawdiff.model import Article, Lang, Modality, Norm, Role
from lawdiff.norms.build import Draft, build_norm, exception_quantities
from lawdiff.norms.clauses import ITEM_NUMBER, Part, Sentence, sentences
from lawdiff.norms.english import en_parts
from lawdiff.norms.lookup import Lookup, Parties, has_control
from lawdiff.norms.polarity import polarity_of

# an actor a verb or preposition acts upon (…询问当事人，…; 对当事人，…) is its object, not the next clause's subject
_OBJECT_OF = re.compile(r"(?:询问|讯问|通知|告知|传唤|听取|要求|责令|约谈|委托|聘请|指导|督促|协助|帮助|对|向|为|与|给)$")
# a verb after an actor that follows its description (…的建设单位申请取水许可): the actor does something
_ACTS_NEXT = re.compile(r"(?:申请|办理|从事|进行|开展|实施|使用|提供|销售|生产|建设|设立|变更|报送|提交|发布|经营|收集|"
                        r"处理|取得|需要|拟|向|在|对|因|未|将)")
_CONTINUE_ZH = re.compile(r"^(?:并|并且|同时|还|也|且|或者|及时|依法)")
_BY_ZH = re.compile(r"由")
# 经营者未设置警示标志，经责令改正拒不改正的，由…处罚款: the party's conduct is the first condition of what follows
_VIOLATION = re.compile(r"未(?!经)|违反|擅自|拒不|拒绝|逃避|不按照|不依照|不履行|骗取|伪造|隐瞒")
_ITEM_LABEL = re.compile(rf"^\s*{ITEM_NUMBER}\s*")
_TOPIC = re.compile(r"^对(?:于)?[^,;。]*的")  # 对符合条件的经营者，…: a fronted topic that conditions the norm
_COERCE = re.compile(r"^(?:并|并且|同时)?(?:责令|限期|没收|查封|扣押|暂扣|吊销|予以)")
_BUT_MODAL = re.compile(r"^但(?:是)?[,，]?(?:不得|应当|必须)(.+?)$")  # 但不得违反…: a part that only restates the law


class Reader(Lookup):
    """Reads sides of units with one lexicon and one set of parties."""

    # ------------------------------------------------------------------------------ public entry
    def read(self, text: str, articles: tuple[Article, ...], side: str, mtext: str) -> tuple[Norm, ...]:
        """Every norm of one side of a unit (``text`` as printed, ``mtext`` its match text)."""
        out: list[Norm] = []
        templates: dict[int, Norm | None] = {}
        carry: dict[str, tuple[str, int, int]] = {}  # paragraph / article -> the last bearer named in it
        punished: dict[str, Norm] = {}  # paragraph -> the last sanction norm with a named target
        for s in sentences(text, articles, side, mtext):
            template = None
            if s.item and s.lead is not None:
                if s.lead.start not in templates:
                    lead_norms = self.sentence(s.lead, text, None, carry.get(s.para) or carry.get(s.para.split(":")[0]))
                    templates[s.lead.start] = lead_norms[-1] if lead_norms else None
                template = templates[s.lead.start]
            art = s.para.split(":")[0]
            got = self.sentence(s, text, template, carry.get(s.para) or carry.get(art))
            got = [self.same_target(n, punished.get(s.para)) for n in got]
            for n in got:
                if n.modality is Modality.SANCTION and n.bearer or \
                        n.modality is Modality.POWER and n.action_class == "internal" and n.conditions:
                    punished[s.para] = n  # (…聘请的专业人员违反…的，由…追究责任: its agent is the target)
                if n.bearer and n.modality not in (Modality.SANCTION, Modality.POWER):
                    carry[s.para] = carry[art] = (n.bearer, 0, 0)
            if (len(got) == 1 and out and not s.item and got[0].exceptions and not got[0].action.strip()
                    and got[0].modal_span is None and not got[0].conditions):
                # 但…除外 in a sentence of its own excepts the norm before it
                prev = out[-1]
                extra = [q for e in got[0].exceptions for q in exception_quantities(self, e.text, e.start)]
                out[-1] = replace(prev, exceptions=prev.exceptions + got[0].exceptions, end=got[0].end,
                                  text=text[prev.start:got[0].end], quantities=prev.quantities + tuple(extra))
                continue
            out.extend(got)
        return tuple(out)

    # ------------------------------------------------------------------------------ one sentence
    def sentence(self, s: Sentence, text: str, template: Norm | None,
                 carry: tuple[str, int, int] | None = None) -> list[Norm]:
        """The norms of one sentence.  ``carry``: the bearer named last in the same paragraph, which a
        sentence that names none continues (Chinese drops a subject the reader already knows)."""
        lex = self.lex
        parts = s.parts(",:")
        if self.lang is Lang.EN:
            parts = en_parts(self, parts)
        built: list[Draft] = []
        pending_cond: list[Part] = []
        pending_exc: list[Part] = []
        sentence_cond: list[Part] = []
        subject: tuple[str, int, int] | None = None
        subject_part: Part | None = None
        current: Draft | None = None
        last = len(parts) - 1
        for i, p in enumerate(parts):
            pt = p.text.strip()
            if lex.purpose.match(pt):
                continue  # 为了…: the purpose of the act, not a condition of any norm
            if lex.empty_duty is not None and (m := _BUT_MODAL.match(pt)) and lex.empty_duty.match(m.group(1)):
                continue  # 但不得违反法律、法规的强制性规定: the law restated, neither an exception nor a norm
            if lex.exception.search(pt) and not (i > 0 and i < last and current is None and pt.startswith("但")
                                                 and pt.endswith("的") and not lex.exception.search(pt[1:])):
                # (…but 但有证据证明…的, before any norm of the sentence, is a second condition, not an exception)
                if current is not None and not _starts_exception_block(pt, self.lang):
                    current.exceptions.append(p)
                else:
                    pending_exc.append(p)
                continue
            has_modal = self.modal(p.text) is not None
            if self.lang is Lang.EN and i == last and current is not None and not has_modal and \
                    lex.condition.match(pt):
                current.conditions.append(p)  # …shall carry out an assessment where …: a trailing condition
                continue
            if (i < last or s.item and pt.endswith(("的", "的;", "的。"))) and (
                    lex.condition.search(pt) and (not has_modal or pt.endswith("的"))
                    or _TOPIC.match(pt) and not has_modal and not self.sanctions(p.text)):
                if self.lang is Lang.EN and current is not None and current.modal_span is not None and \
                        not "".join(x.text for x in current.action_parts).strip():
                    current.conditions.append(p)  # Providers shall, upon request, provide …: the act goes on
                    continue
                pending_cond.append(p)
                if current is None:
                    sentence_cond.append(p)
                continue
            modal = self.modal(p.text)
            kinds = [(k, p.start + a, p.start + b) for k, a, b in self.sanctions(p.text)]
            dm = lex.definition.search(p.text)
            if modal is not None and dm is not None and dm.start() < modal[0]:
                modal = None  # 是指…不需要…: words inside a definition define, they do not bind
            if modal is not None and i < last and self._describes(p.text, modal[1]):
                modal = None  # 经批准可以受理…案件的基层人民法院，…: the modal word describes the subject
            if modal is not None and modal[2].modality is Modality.ENCOURAGEMENT and lex.continues_duty is not None \
                    and lex.continues_duty.match(p.text) and \
                    current is not None and current.modality is Modality.OBLIGATION and not pending_cond:
                # 应当加强行业自律，引导经营者…: guiding is one more act the duty requires, not an encouragement
                current.action_parts.append(p)
                current.end = p.start + len(p.text)
                continue
            if modal is not None:
                m_start, m_end, mod = modal
                bearer = self.actor_before(p.text, m_start)
                by = self.by_actor(p.text, m_end)
                if by is not None and mod.modality in (Modality.OBLIGATION, Modality.PERMISSION):
                    bearer = by
                if bearer is None and subject is not None:
                    bearer = subject
                named_at = None  # where an earlier clause names the bearer this one continues (side-text offsets)
                if bearer is None and current is not None and current.bearer and not _by_agent(current) and (
                        m_start <= 2 or _CONTINUE_ZH.match(p.text.strip())):
                    bearer, named_at = (current.bearer, 0, 0), current.bearer_span
                upon = bearer is None and lex.acts_on_condition is not None and bool(
                    lex.acts_on_condition.match(p.text[m_end:])) and bool(pending_cond or sentence_cond)
                if bearer is None and not upon:
                    cond_actor = next((a for c in [*pending_cond, *sentence_cond] for a in [self.first_actor(c.text)]
                                       if a is not None and a[1] <= self.subject_reach), None)
                    if cond_actor is not None:
                        bearer = (cond_actor[0], c_off := 0, c_off)
                if bearer is None and not upon and built and built[-1].bearer and not _by_agent(built[-1]):
                    bearer = (built[-1].bearer, 0, 0)  # …，清单之外不得…: the sentence's subject goes on
                if bearer is None and not upon and carry is not None and template is None:
                    bearer = carry
                if bearer is not None and bearer[1] == bearer[2] == 0 and not p.text.startswith(bearer[0]):
                    bearer = (bearer[0], -p.start, -p.start)  # named elsewhere: no span in this part
                current = Draft(p.start, p.start + len(p.text), modality=mod.modality, strength=mod.strength,
                                 modal_span=(p.start + m_start, p.start + m_end), upon_condition=upon)
                if bearer is not None:
                    current.bearer = bearer[0]
                    current.bearer_span = named_at or (
                        (p.start + bearer[1], p.start + bearer[2]) if bearer[2] > 0 else None)
                current.conditions = [*pending_cond] or ([*sentence_cond] if built else [])
                current.exceptions = [*pending_exc]
                pending_cond, pending_exc = [], []
                current.action_parts.append(Part(p.text[m_end:], p.start + m_end))
                current.modal_part = p
                if subject_part is not None:
                    current.scope_parts.append(subject_part)
                current.sanctions.extend(kinds)
                built.append(current)
                subject, subject_part = None, None
                continue
            if current is not None and (current.modality is Modality.SANCTION or current.sanctions) and \
                    not kinds and _is_amount_part(p.text):
                # "…fines of up to EUR 35 000 000 or, if the offender is an undertaking, up to 7 % …"
                current.action_parts.append(p)
                current.conditions.extend(pending_cond)
                pending_cond = []
                current.end = p.start + len(p.text)
                continue
            if kinds:
                if current is not None and not pending_cond and not current.sanctions and \
                        len("".join(x.text for x in current.action_parts).strip()) < 40 and \
                        current.modality is Modality.OBLIGATION:
                    current.modality = Modality.SANCTION  # "… shall, in accordance with …, be subject to fines"
                    current.sanctions.extend(kinds)
                    current.action_parts.append(p)
                    current.end = p.start + len(p.text)
                    continue
                if current is not None and not pending_cond and current.modality in (
                        Modality.SANCTION, Modality.POWER) or current is not None and not pending_cond and kinds and \
                        current.modality in (Modality.OBLIGATION, Modality.PERMISSION) and current.sanctions:
                    current.modality = Modality.SANCTION
                    current.sanctions.extend(kinds)
                    current.action_parts.append(p)
                    current.end = p.start + len(p.text)
                    continue
                current = Draft(p.start, p.start + len(p.text), modality=Modality.SANCTION, strength=2.0)
                by = self.by_actor(p.text, 0)
                if by is not None:
                    current.bearer, current.bearer_span = by[0], (p.start + by[1], p.start + by[2])
                current.conditions = [*pending_cond] or [*sentence_cond]
                current.exceptions = [*pending_exc]
                pending_cond, pending_exc = [], []
                current.action_parts.append(p)
                current.sanctions.extend(kinds)
                built.append(current)
                continue
            if current is None and i < last and self.lang is Lang.ZH and not lex.definition.search(pt) and \
                    (self.actor_before(p.text, len(p.text)) is None or _VIOLATION.search(pt)) and \
                    not _COERCE.match(pt) and not s.item and \
                    any(self.modal(q.text) or self.sanctions(q.text) for q in parts[i + 1:]):
                # 生产、销售不符合标准的食品，具有下列情形之一的，应当认定为…: the conduct is a condition
                pending_cond.append(p)
                if current is None:
                    sentence_cond.append(p)
                continue
            by = self.by_actor(p.text, 0)
            if _COERCE.match(pt) and by is None:
                by = carry if carry is not None and self.role(carry[0]) is Role.AUTHORITY else ("", 0, 0)
            if by is not None and (not by[0] or self.role(by[0]) is Role.AUTHORITY) and has_control(lex, p.text):
                # 由市场监督管理部门责令改正: a power, which a following sanction part may extend
                current = Draft(p.start, p.start + len(p.text), modality=Modality.POWER, strength=1.0)
                current.bearer = by[0]
                current.bearer_span = (p.start + by[1], p.start + by[2]) if by[2] > by[1] else None
                current.conditions = [*pending_cond] or [*sentence_cond]
                pending_cond = []
                current.action_parts.append(p)
                built.append(current)
                continue
            if current is not None and not pending_cond:
                current.action_parts.append(p)
                current.end = p.start + len(p.text)
                continue
            actor = self.last_actor(p.text)
            if actor is not None and i < last and actor[2] >= len(p.text.rstrip()) and \
                    not lex.definition.search(p.text) and not self._acts_on(p.text, actor) and \
                    not _OBJECT_OF.search(p.text[: actor[1]]):
                subject, subject_part = self.perceiver(p.text) or actor, p
                continue
            head = self.subject_head(p, parts[i + 1] if i < last else None)
            if head is not None:
                subject, subject_part = self.perceiver(p.text) or head, p  # 从业人员三百人以上的商场，应当…
                continue
            opener = self._opens_for_next(p, parts[i + 1] if i < last else None) if current is None else None
            if opener is not None:
                subject, subject_part = opener, p  # 行政机关实施行政检查，应当出示执法证件: who acts, and when
                continue
            # a statement: definition, procedure / competence, or a regime; its subject comes first
            actor = self.first_actor(p.text)
            if actor is not None and actor[1] > 1:
                actor = None  # 以扫描经营主体…: an actor inside the clause is its object, not its subject
            current = Draft(p.start, p.start + len(p.text))
            current.modality = Modality.DEFINITION if lex.definition.search(pt) else Modality.PROCEDURE
            cond_actor = next((a for c in [*pending_cond, *sentence_cond] for a in [self.first_actor(c.text)]
                               if a is not None and a[1] <= self.subject_reach), None)
            if actor is not None:
                current.bearer, current.bearer_span = actor[0], (p.start + actor[1], p.start + actor[2])
            elif cond_actor is not None:
                current.bearer = cond_actor[0]
            elif built and built[-1].bearer:
                current.bearer = built[-1].bearer
            elif carry is not None and current.modality is Modality.PROCEDURE and template is None:
                current.bearer = carry[0]
            current.conditions = [*pending_cond] or [*sentence_cond]
            current.exceptions = [*pending_exc]
            pending_cond, pending_exc = [], []
            current.action_parts.append(p)
            built.append(current)
        if pending_exc and built:
            built[-1].exceptions.extend(pending_exc)
        if pending_cond and built:
            built[-1].conditions.extend(pending_cond)
        if not built and (pending_cond or pending_exc):
            # an item that is only a condition (未取得许可从事经营的；) or only an exception
            d = Draft(s.start, s.end)
            d.conditions = pending_cond
            d.exceptions = pending_exc
            built.append(d)
        first = self.first_actor(parts[0].text) if parts else None
        for d in built:
            if first is not None and d.start > parts[0].start and not _BY_ZH.match(parts[0].text):
                d.subject = first
        return [build_norm(self, d, s, text, template, carry) for d in built]

    def _opens_for_next(self, p: Part, nxt: Part | None) -> tuple[str, int, int] | None:
        """A part that opens with an actor doing something, before a part that opens with a modal word and
        names nobody (行政机关实施行政检查，应当…): the actor is the next part's bearer, the rest its occasion."""
        if self.lang is not Lang.ZH or nxt is None or self.modal(p.text) or self.sanctions(p.text):
            return None
        m = self.modal(nxt.text)
        if m is None or m[0] > 1 or self.actor_before(nxt.text, m[0]) is not None:
            return None
        first = self.first_actor(p.text)
        # (新建建设项目的建设单位申请取水许可，应当…: an actor after its description opens the part too)
        label = _ITEM_LABEL.match(p.text)  # (（三）个体工商户设立分店，可以…: the item's number opens nothing)
        opens = first is not None and (first[1] == (label.end() if label else 0) or p.text[: first[1]].endswith("的") and bool(
            _ACTS_NEXT.match(p.text[first[2]:])))  # (…收集的犯罪嫌疑人供述: the actor names whose statement)
        return first if first is not None and opens and first[2] < len(p.text.rstrip()) else None

    def _describes(self, text: str, modal_end: int) -> bool:
        """The part ends with an actor introduced by 的 after the modal word (可以受理…案件的基层人民法院): the modal
        word sits in a description of the subject, not in a norm."""
        if self.lang is not Lang.ZH:
            return False
        last = self.last_actor(text)
        return last is not None and last[2] >= len(text.rstrip()) and last[1] > modal_end and \
            text[last[1] - 1] == "的"

    def _acts_on(self, text: str, last: tuple[str, int, int]) -> bool:
        """市交通部门会同有关部门建立公共信息平台: the part opens with an actor that does something to the
        actor it ends with (no 的 joins them into one noun phrase): a statement, not a subject."""
        first = self.first_actor(text)
        return first is not None and first[1] <= 1 and first[2] <= last[1] and "的" not in text[first[2]:last[1]]

    def same_target(self, n: Norm, before: Norm | None) -> Norm:
        """…的，依法给予处分；构成犯罪的，依法追究刑事责任: a sanction naming nobody, after one that named its
        target in the same paragraph, punishes the same party."""
        if n.modality is not Modality.SANCTION or n.bearer or before is None:
            return n
        if before.modality is Modality.POWER:  # a hold over the state's own agent: so is the sanction after it
            n = replace(n, role=Role.AUTHORITY)
        else:
            n = replace(n, bearer=before.bearer, role=before.role)
        pol, weight = polarity_of(n, self.lex, self.polarity_rows)
        return replace(n, polarity=pol, strength=weight)

    # ------------------------------------------------------------------------------ finishing a norm


_AMOUNT = re.compile(r"(?:EUR|€|%|per ?cent|元|倍|百分之)", re.IGNORECASE)


def _by_agent(d: Draft) -> bool:
    """由区教育行政部门管理: a statement whose bearer is an agent named after 由, not the subject the next
    clause goes on with (…的学校，由…管理，不得擅自改变使用性质: the ban is not the department's)."""
    return d.modal_span is None and bool(d.action_parts) and bool(_BY_ZH.match(d.action_parts[0].text))


def _is_amount_part(text: str) -> bool:
    return bool(_AMOUNT.search(text))


def _starts_exception_block(pt: str, lang: Lang) -> bool:
    """除…外， at the start of a sentence excepts what follows, not what came before."""
    return pt.startswith("除") if lang is Lang.ZH else pt.lower().startswith("except")



__all__ = ["Parties", "Reader"]
