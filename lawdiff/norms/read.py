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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from lawdiff.model import Article, Lang, Modality, Norm, Polarity, Quantity, QuantityRole, Role, Span
from lawdiff.norms.clauses import Part, Sentence, sentences
from lawdiff.norms.lexicon import Lexicon, load_lexicon
from lawdiff.norms.polarity import polarity_of
from lawdiff.norms.quantities import en_quantities, zh_quantities

_PREPOSITION_ZH = "对向同给为跟以将把"
_CONTINUE_ZH = re.compile(r"^(?:并|并且|同时|还|也|且|或者|及时|依法)")
_BY_ZH = re.compile(r"由")
_TITLE = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"")
_BOOK = re.compile(r"《[^》]*》")
_PRINCIPLE = re.compile(r"^(?:坚持|遵循|贯彻|体现|突出)")
_REGIME = re.compile(r"实行[^,;。]{0,24}(?:制度|管理|制)")
_TOPIC = re.compile(r"^对(?:于)?[^,;。]*的")  # 对符合条件的经营者，…: a fronted topic that conditions the norm
_COERCE = re.compile(r"^(?:并|并且|同时)?(?:责令|限期|没收|查封|扣押|暂扣|吊销|予以)")
_NAME_STOP = "的及与或对向由在经应可不并等其为被"
_VERB_STOP = re.compile(r"会同|发现|要求|督促|指导|组织|通过|依照|按照|根据|配合|协助|支持|鼓励|引导|推动|对|向|由|和")


@dataclass(frozen=True, slots=True)
class Parties:
    """Who the run regulates: names from meta.yaml ``regulated:`` (or inferred); ``public`` when those
    are mostly authorities (the law regulates the administration: private actors are then protected)."""

    terms: tuple[str, ...] = ()
    public: bool = False


@dataclass(slots=True)
class _Draft:
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


class Reader:
    """Reads sides of units with one lexicon and one set of parties."""

    def __init__(self, lang: Lang, parties: Parties | None = None, lexicon: Lexicon | None = None):
        self.lang = Lang(lang)
        self.lex = lexicon or load_lexicon(self.lang.value)
        self.parties = parties or Parties()
        self._named = tuple(sorted(self.parties.terms, key=len, reverse=True))
        # how far into a condition its actor may start and still be the subject: 经营者违反…的 (0);
        # "Where the provider …" (a conjunction and an article first)
        self._subject_reach = 0 if self.lang is Lang.ZH else 12

    # ------------------------------------------------------------------------------ public entry
    def read(self, text: str, articles: tuple[Article, ...], side: str, mtext: str) -> tuple[Norm, ...]:
        """Every norm of one side of a unit (``text`` as printed, ``mtext`` its match text)."""
        out: list[Norm] = []
        templates: dict[int, Norm | None] = {}
        carry: dict[str, tuple[str, int, int]] = {}  # paragraph / article -> the last bearer named in it
        for s in sentences(text, articles, side, mtext):
            template = None
            if s.item and s.lead is not None:
                if s.lead.start not in templates:
                    lead_norms = self.sentence(s.lead, text, None, carry.get(s.para) or carry.get(s.para.split(":")[0]))
                    templates[s.lead.start] = lead_norms[-1] if lead_norms else None
                template = templates[s.lead.start]
            art = s.para.split(":")[0]
            got = self.sentence(s, text, template, carry.get(s.para) or carry.get(art))
            for n in got:
                if n.bearer and n.modality not in (Modality.SANCTION, Modality.POWER):
                    carry[s.para] = carry[art] = (n.bearer, 0, 0)
            if (len(got) == 1 and out and not s.item and got[0].exceptions and not got[0].action.strip()
                    and got[0].modal_span is None and not got[0].conditions):
                # 但…除外 in a sentence of its own excepts the norm before it
                prev = out[-1]
                out[-1] = replace(prev, exceptions=prev.exceptions + got[0].exceptions, end=got[0].end,
                                  text=text[prev.start:got[0].end])
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
            parts = self._en_parts(parts)
        built: list[_Draft] = []
        pending_cond: list[Part] = []
        pending_exc: list[Part] = []
        sentence_cond: list[Part] = []
        subject: tuple[str, int, int] | None = None
        subject_part: Part | None = None
        current: _Draft | None = None
        last = len(parts) - 1
        for i, p in enumerate(parts):
            pt = p.text.strip()
            if lex.purpose.match(pt):
                continue  # 为了…: the purpose of the act, not a condition of any norm
            if lex.exception.search(pt):
                if current is not None and not _starts_exception_block(pt, self.lang):
                    current.exceptions.append(p)
                else:
                    pending_exc.append(p)
                continue
            has_modal = self._modal(p.text) is not None
            if (i < last or s.item and pt.endswith(("的", "的;", "的。"))) and (
                    lex.condition.search(pt) and (not has_modal or pt.endswith("的"))
                    or _TOPIC.match(pt) and not has_modal and not self._sanctions(p.text)):
                pending_cond.append(p)
                if current is None:
                    sentence_cond.append(p)
                continue
            modal = self._modal(p.text)
            kinds = [(k, p.start + a, p.start + b) for k, a, b in self._sanctions(p.text)]
            dm = lex.definition.search(p.text)
            if modal is not None and dm is not None and dm.start() < modal[0]:
                modal = None  # 是指…不需要…: words inside a definition define, they do not bind
            if modal is not None:
                m_start, m_end, mod = modal
                bearer = self._actor_before(p.text, m_start)
                by = self._by_actor(p.text, m_end)
                if by is not None and mod.modality in (Modality.OBLIGATION, Modality.PERMISSION):
                    bearer = by
                if bearer is None and subject is not None:
                    bearer = subject
                if bearer is None and current is not None and current.bearer and (
                        m_start <= 2 or _CONTINUE_ZH.match(p.text.strip())):
                    bearer = (current.bearer, *(current.bearer_span or (0, 0)))
                if bearer is None:
                    cond_actor = next((a for c in [*pending_cond, *sentence_cond] for a in [self._first_actor(c.text)]
                                       if a is not None and a[1] <= self._subject_reach), None)
                    if cond_actor is not None:
                        bearer = (cond_actor[0], c_off := 0, c_off)
                if bearer is None and built and built[-1].bearer:
                    bearer = (built[-1].bearer, 0, 0)  # …，清单之外不得…: the sentence's subject goes on
                if bearer is None and carry is not None and template is None:
                    bearer = carry
                if bearer is not None and bearer[1] == bearer[2] == 0 and not p.text.startswith(bearer[0]):
                    bearer = (bearer[0], -p.start, -p.start)  # named elsewhere: no span in this part
                current = _Draft(p.start, p.start + len(p.text), modality=mod.modality, strength=mod.strength,
                                 modal_span=(p.start + m_start, p.start + m_end))
                if bearer is not None:
                    current.bearer = bearer[0]
                    current.bearer_span = (p.start + bearer[1], p.start + bearer[2]) if bearer[2] > 0 else None
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
                current = _Draft(p.start, p.start + len(p.text), modality=Modality.SANCTION, strength=2.0)
                by = self._by_actor(p.text, 0)
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
                    self._actor_before(p.text, len(p.text)) is None and not _COERCE.match(pt) and not s.item and \
                    any(self._modal(q.text) or self._sanctions(q.text) for q in parts[i + 1:]):
                # 生产、销售不符合标准的食品，具有下列情形之一的，应当认定为…: the conduct is a condition
                pending_cond.append(p)
                if current is None:
                    sentence_cond.append(p)
                continue
            by = self._by_actor(p.text, 0)
            if _COERCE.match(pt) and by is None:
                by = carry if carry is not None and self._role(carry[0]) is Role.AUTHORITY else ("", 0, 0)
            if by is not None and (not by[0] or self._role(by[0]) is Role.AUTHORITY) and _has_control(lex, p.text):
                # 由市场监督管理部门责令改正: a power, which a following sanction part may extend
                current = _Draft(p.start, p.start + len(p.text), modality=Modality.POWER, strength=1.0)
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
            actor = self._last_actor(p.text)
            if actor is not None and i < last and actor[2] >= len(p.text.rstrip()) and \
                    not lex.definition.search(p.text):
                subject, subject_part = actor, p
                continue
            head = self._subject_head(p, parts[i + 1] if i < last else None)
            if head is not None:
                subject, subject_part = head, p  # 从业人员三百人以上的商场，应当…: 商场 is the subject
                continue
            # a statement: definition, procedure / competence, or a regime; its subject comes first
            actor = self._first_actor(p.text)
            if actor is not None and actor[1] > 1:
                actor = None  # 以扫描经营主体…: an actor inside the clause is its object, not its subject
            current = _Draft(p.start, p.start + len(p.text))
            current.modality = Modality.DEFINITION if lex.definition.search(pt) else Modality.PROCEDURE
            cond_actor = next((a for c in [*pending_cond, *sentence_cond] for a in [self._first_actor(c.text)]
                               if a is not None and a[1] <= self._subject_reach), None)
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
            d = _Draft(s.start, s.end)
            d.conditions = pending_cond
            d.exceptions = pending_exc
            built.append(d)
        first = self._first_actor(parts[0].text) if parts else None
        for d in built:
            if first is not None and d.start > parts[0].start and not _BY_ZH.match(parts[0].text):
                d.subject = first
        return [self._finish(d, s, text, template, carry) for d in built]

    # ------------------------------------------------------------------------------ finishing a norm
    def _finish(self, d: _Draft, s: Sentence, text: str, template: Norm | None,
                carry: tuple[str, int, int] | None = None) -> Norm:
        lex = self.lex
        end = max([d.end, *(p.start + len(p.text) for p in d.action_parts), *(p.start + len(p.text) for p in d.exceptions)])
        start = min([d.start, *(p.start for p in d.conditions), *(p.start for p in d.scope_parts)])
        start, end = max(start, s.start), min(max(end, start), s.end)
        action = "".join(p.text for p in d.action_parts)
        modality, strength, bearer = d.modality, d.strength, d.bearer
        inherited = False
        if template is not None and s.item:
            own = d.modal_span is not None or d.sanctions
            if not own:
                inherited = True
                modality, strength = template.modality, template.strength
                bearer = template.bearer
                if _lead_is_condition_list(template, lex):
                    # the item is a condition of the lead's norm
                    d.conditions = [Part(s.text.rstrip(";。；"), s.start), *d.conditions]
                    action = template.action
                else:
                    action = s.text
            elif not bearer:
                bearer = template.bearer
        whole = d.modal_part.text if d.modal_part is not None else action
        if modality in (Modality.OBLIGATION, Modality.PERMISSION, Modality.PROHIBITION) and (
                self._criminal_or_fine(action) or self._criminal_or_fine(whole)):
            modality = Modality.SANCTION
        if modality is Modality.POWER and lex.reference.search(action):
            modality = Modality.SANCTION  # 由…依照《…》的规定处罚: the sanction defers to another law
        if modality is Modality.OBLIGATION and lex.definition.search(action) and not bearer:
            modality = Modality.DEFINITION
        if modality is Modality.OBLIGATION and not bearer and _PRINCIPLE.match(action.strip()):
            modality = Modality.PROCEDURE  # 优化营商环境应当坚持…原则: a principle, not anyone's duty
        role = self._role(bearer) if bearer else (Role.AUTHORITY if modality is Modality.POWER else Role.OTHER)
        if role is Role.OTHER and modality not in (Modality.DEFINITION, Modality.PROCEDURE):
            role = Role.REGULATED  # nobody named: the law's addressee
        if modality is Modality.SANCTION:
            # the bearer of a sanction is the party punished (the actor of its conditions), not the authority
            # that imposes it; nobody named is the law's addressee
            targets = [a for c in d.conditions for a in [self._first_actor(c.text)] if a]
            if not targets and d.subject is not None:
                targets = [d.subject]
            if not targets and carry is not None:
                targets = [carry]  # the party named before (the authority that imposes is never carried)
            kinds = [k for k, _, _ in d.sanctions] or list(template.sanction_kinds if template and inherited else [])
            bearer = targets[0][0] if targets else (template.bearer if template is not None and inherited else "")
            role = self._role(bearer) if bearer else Role.REGULATED
            if "criminal" in kinds and not self.parties.public:
                role = Role.REGULATED  # a criminal interpretation: whoever it makes punishable is regulated
            elif role is Role.PROTECTED and not self.parties.public:
                role = Role.REGULATED
        action_class = self._action_class(action) if role is Role.AUTHORITY or modality is Modality.POWER else ""
        if modality is Modality.POWER and action_class != "control":
            action_class = "control"
        effort = modality is Modality.OBLIGATION and bool(lex.effort.search(action)) and not lex.result.search(action)
        if effort:
            strength = min(strength, 1.0)
        quantities: list[Quantity] = []
        quantify = zh_quantities if self.lang is Lang.ZH else en_quantities
        for c in d.conditions:
            quantities.extend(quantify(c.text, c.start, condition=True))
        for p in d.scope_parts:  # 职工人数在五十人以上的企业，应当…: the subject's numbers are thresholds
            quantities.extend(quantify(p.text, p.start, condition=True))
        qparts = d.action_parts if d.modal_part is None else [d.modal_part, *d.action_parts[1:]]
        for p in qparts:
            quantities.extend(quantify(p.text, p.start, condition=False))
        if inherited and template is not None and not _lead_is_condition_list(template, lex):
            quantities.extend(quantify(s.text, s.start, condition=False))
        if modality is Modality.SANCTION:  # every sum a sanction names is part of the fine
            quantities = [replace(q, role=QuantityRole.FINE) if q.role is QuantityRole.AMOUNT else q for q in quantities]
        regime = modality is Modality.PROCEDURE and _REGIME.search(action)  # 本市对…实行备案管理
        instrument, ispan = ("", None) if role is Role.AUTHORITY and not regime else \
            self._instrument(action, d.action_parts, d.conditions)
        sanctions = tuple(Span(text[a:b], a, b) for _, a, b in d.sanctions)
        kinds = tuple(k for k, _, _ in d.sanctions)
        if inherited and template is not None and not kinds:
            kinds = template.sanction_kinds
            sanctions = template.sanctions
        ref = ""
        rm = lex.reference.search(action)
        if rm:
            ref = rm.group(0)
        where = s.where
        norm = Norm(
            text=text[start:end], start=start, end=end, where=where, bearer=bearer, role=role, modality=modality,
            polarity=_NEUTRAL, strength=strength, action=action, action_class=action_class,
            conditions=tuple(Span(text[c.start:c.start + len(c.text)], c.start, c.start + len(c.text)) for c in d.conditions),
            exceptions=tuple(Span(text[c.start:c.start + len(c.text)], c.start, c.start + len(c.text)) for c in d.exceptions),
            quantities=tuple(sorted(quantities, key=lambda q: q.start)), instrument=instrument, instrument_span=ispan,
            sanctions=sanctions, sanction_kinds=kinds, effort=effort, reference=ref,
            modal_span=Span(text[d.modal_span[0]:d.modal_span[1]], *d.modal_span) if d.modal_span else None,
            item=s.item,
            bearer_span=Span(text[d.bearer_span[0]:d.bearer_span[1]], *d.bearer_span)
            if d.bearer_span and d.bearer_span[1] > d.bearer_span[0] else None,
        )
        pol, weight = polarity_of(norm, lex)
        return replace(norm, polarity=pol, strength=weight)

    def _subject_head(self, p: Part, nxt: Part | None) -> tuple[str, int, int] | None:
        """A noun phrase ending in 的+noun right before a part that opens with its modal word is the
        subject, even when the noun is not in the lexicon (商场, 游泳场所, 景区)."""
        if self.lang is not Lang.ZH or nxt is None:
            return None
        t = p.text.rstrip()
        m = self._modal(nxt.text)
        k = t.rfind("的")
        if m is None or m[0] > 1 or k < 0 or not 1 <= len(t) - k - 1 <= 6 or self._modal(t) or self._sanctions(t):
            return None
        return t[k + 1:], k + 1, len(t)

    def _en_parts(self, parts: list[Part]) -> list[Part]:
        """English commas separate list members as often as clauses ("Micro, small and medium-sized
        enterprises"): a comma part stands alone only when it opens or closes a condition or exception."""
        out: list[Part] = []
        for p in parts:
            pt = p.text.strip()
            opens = bool(self.lex.condition.match(pt) or self.lex.exception.match(pt))
            if out and not opens and not (self.lex.condition.match(out[-1].text.strip())
                                          or self.lex.exception.match(out[-1].text.strip())):
                prev = out[-1]
                gap = p.start - (prev.start + len(prev.text))
                out[-1] = Part(prev.text + " " * gap + p.text, prev.start)
            else:
                out.append(p)
        return out

    # ------------------------------------------------------------------------------ lookups
    def _modal(self, part: str) -> tuple[int, int, object] | None:
        masked = _TITLE.sub(lambda m: "\0" * len(m.group(0)), part)
        best = None
        for m in self.lex.modal_rx.finditer(masked):
            idx = int(m.lastgroup[1:]) if m.lastgroup else 0
            cand = (m.start(), idx, m.end())
            if best is None or cand < best:
                best = cand
            break
        if best is None:
            return None
        return best[0], best[2], self.lex.modals[best[1]]

    def _sanctions(self, part: str) -> list[tuple[str, int, int]]:
        out = []
        masked = _BOOK.sub(lambda m: "\0" * len(m.group(0)), part)
        for r in self.lex.sanctions:
            for m in r.rx.finditer(masked):
                out.append((r.name, m.start(), m.end()))
        out.sort(key=lambda x: x[1])
        return out

    def _criminal_or_fine(self, action: str) -> bool:
        for r in self.lex.sanctions:
            if r.name in ("fine", "criminal", "revocation", "suspension", "confiscation", "detention",
                          "disqualification", "warning") and r.rx.search(action):
                return True
        return False

    def _actors(self, part: str) -> list[tuple[str, int, int]]:
        lex = self.lex
        out: list[tuple[str, int, int]] = []
        masked = _TITLE.sub(lambda m: "\0" * len(m.group(0)), part)
        for name in self._named:
            for m in re.finditer(re.escape(name), masked):
                out.append((name, m.start(), m.end()))
        for m in lex.actor_rx.finditer(masked):
            if any(a < m.end() and m.start() < b for _, a, b in out):
                continue
            if lex.not_actor is not None:
                na = lex.not_actor.match(masked, max(0, m.start() - 2))
                if na and na.start() <= m.start() < na.end() or lex.not_actor.match(masked, m.start()):
                    continue
            out.append((m.group(0), m.start(), m.end()))
        out.sort(key=lambda a: a[1])
        merged: list[tuple[str, int, int]] = []
        for a in out:  # 政府 + 部门 side by side are one actor
            if merged and merged[-1][2] == a[1]:
                merged[-1] = (merged[-1][0] + a[0], merged[-1][1], a[2])
            else:
                merged.append(a)
        shown: list[tuple[str, int, int]] = []
        floor = 0
        for a in merged:
            start = self._display_start(part, a, floor)
            floor = a[2]
            if self.lang is Lang.ZH and (start and part[start - 1] in _PREPOSITION_ZH or part[a[2]:a[2] + 1] == "的"):
                continue  # 对反垄断执法机构…, 向申请人…: an object; 人民政府的…: an attribute
            shown.append((part[start:a[2]], start, a[2]))
        return shown

    def _display_start(self, part: str, a: tuple[str, int, int], floor: int) -> int:
        """Where the actor's name begins: its head noun with the modifiers before it (市场监督管理 + 部门),
        never reaching back over another actor or a verb (会同, 发现, 要求 …)."""
        name, s, _ = a
        if self.lang is not Lang.ZH or name in self._named:
            return s
        i = s
        while i > floor and s - i < 12 and "\u4e00" <= part[i - 1] <= "\u9fff" and part[i - 1] not in _NAME_STOP:
            i -= 1
        m = None
        for m in _VERB_STOP.finditer(part, i, s):
            pass
        return m.end() if m is not None else i

    def _actor_before(self, part: str, pos: int) -> tuple[str, int, int] | None:
        before = [a for a in self._actors(part) if a[2] <= pos]
        return before[0] if before else None

    def _first_actor(self, part: str) -> tuple[str, int, int] | None:
        acts = self._actors(part)
        return acts[0] if acts else None

    def _last_actor(self, part: str) -> tuple[str, int, int] | None:
        acts = self._actors(part)
        return acts[-1] if acts else None

    def _by_actor(self, part: str, pos: int) -> tuple[str, int, int] | None:
        """由X / by X right after ``pos``: the agent of a passive or delegated clause."""
        window = part[pos : pos + 4] if self.lang is Lang.ZH else part[pos : pos + 6]
        key = "由" if self.lang is Lang.ZH else "by "
        k = window.find(key)
        if k < 0:
            return None
        at = pos + k + len(key)
        acts = [a for a in self._actors(part[at:]) if a[1] <= 12]
        if not acts:
            return None
        a = acts[0]
        return a[0], a[1] + at, a[2] + at

    def _role(self, actor: str) -> Role:
        if any(t and t in actor for t in self._named):
            return Role.REGULATED
        lex = self.lex
        auth = actor in lex.authority_names or bool(lex.authority.search(actor))
        if self.parties.public:
            return Role.REGULATED if auth else Role.PROTECTED
        if auth:
            return Role.AUTHORITY
        if lex.protected.search(actor):
            return Role.PROTECTED
        return Role.REGULATED

    def _action_class(self, action: str) -> str:
        """control / oversight / service / internal.  An action aimed first at another public body
        (可以要求同级审计机关提出报告, 报上一级部门) is the state's internal business whatever its verb."""
        first = self._first_actor(action)
        toward_state = first is not None and self._role(first[0]) is Role.AUTHORITY and not self.parties.public
        for name, rx in self.lex.action_classes:
            if rx.search(action):
                if toward_state and name in ("control", "oversight"):
                    return "internal"
                return name
        return "internal"

    def _instrument(self, action: str, parts: Sequence[Part], conds: Sequence[Part]) -> tuple[str, Span | None]:
        best: tuple[float, str, Span] | None = None
        for p in [*parts, *conds]:
            for r in self.lex.instruments:
                m = r.rx.search(p.text)
                if m and (best is None or r.level > best[0]):
                    best = (r.level, r.name, Span(p.text[m.start():m.end()], p.start + m.start(), p.start + m.end()))
        if best is None:
            return "", None
        return best[1], best[2]


_NEUTRAL = None  # replaced in _finish by polarity_of


_AMOUNT = re.compile(r"(?:EUR|€|%|per ?cent|元|倍|百分之)", re.IGNORECASE)


def _is_amount_part(text: str) -> bool:
    return bool(_AMOUNT.search(text))


def _starts_exception_block(pt: str, lang: Lang) -> bool:
    """除…外， at the start of a sentence excepts what follows, not what came before."""
    return pt.startswith("除") if lang is Lang.ZH else pt.lower().startswith("except")


def _lead_is_condition_list(template: Norm, lex: Lexicon) -> bool:
    """有下列情形之一的，… / where one of the following applies: items are conditions, not actions."""
    t = template.text
    return bool(re.search(r"下列[^,;。\n]{0,12}之一|one of the following|any of the following", t)) and any(
        re.search(r"下列|following", c.text) for c in template.conditions)


def _has_control(lex: Lexicon, text: str) -> bool:
    for name, rx in lex.action_classes:
        if name == "control" and rx.search(text):
            return True
    return False


def read_norms(text: str, articles: tuple[Article, ...], side: str, mtext: str, lang: Lang,
               parties: Parties | None = None) -> tuple[Norm, ...]:
    return Reader(lang, parties).read(text, articles, side, mtext)


__all__ = ["Parties", "Reader", "read_norms"]
