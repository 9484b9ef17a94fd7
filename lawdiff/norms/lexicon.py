"""The norm lexicons (``data/norms/zh.yaml``, ``en.yaml``) loaded once and compiled.

Why data: which words bind how strongly, who counts as an authority, which sanctions are heavier and
which instruments of control sit higher on the ladder are judgements a lawyer should be able to read
and change without touching code.  This module only compiles the patterns and answers lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from lawdiff.errors import RuleError
from lawdiff.io.parsed import load_parsed
from lawdiff.model import Modality


@dataclass(frozen=True, slots=True)
class Modal:
    name: str
    modality: Modality
    strength: float
    rx: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Rung:
    """One rung of a ladder (sanction kinds, instruments): name, level, pattern."""

    name: str
    level: float
    rx: re.Pattern[str]
    en: str
    zh: str


@dataclass(frozen=True, slots=True)
class QuantitySense:
    role: str
    stronger_when: str  # up | down | by_comparator | as_required
    en: str
    zh: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    lang: str
    modals: tuple[Modal, ...]
    modal_rx: re.Pattern[str]  # every modal word, one alternation (named groups m0, m1, … in table order)
    authority: re.Pattern[str]
    authority_names: frozenset[str]  # names that are authorities only as a whole word (本市, 国家)
    protected: re.Pattern[str]
    regulated: re.Pattern[str]
    actor_rx: re.Pattern[str]  # any actor
    not_actor: re.Pattern[str] | None
    person_of: re.Pattern[str] | None  # 单位的 + 负责人: the actor's people, still an actor
    action_classes: tuple[tuple[str, re.Pattern[str]], ...]
    sanctions: tuple[Rung, ...]
    instruments: tuple[Rung, ...]
    effort: re.Pattern[str]
    result: re.Pattern[str]
    condition: re.Pattern[str]
    exception: re.Pattern[str]
    definition: re.Pattern[str]
    procedure: re.Pattern[str]
    reference: re.Pattern[str]
    purpose: re.Pattern[str]
    qualifier: re.Pattern[str]
    serious: re.Pattern[str]
    competence: re.Pattern[str]
    refusal: re.Pattern[str]
    petition: re.Pattern[str]
    petitioner: str
    whistleblowing: re.Pattern[str] | None  # a right to report violations (有权举报违法行为): public supervision
    not_sanction: re.Pattern[str] | None  # 对…作出的罚款决定不服的: a decision complained of, not a sanction
    agent_of_state: re.Pattern[str] | None  # a condition saying the bearer acts for an authority
    continues_duty: re.Pattern[str] | None  # 应当…，引导…: the encouragement word continues the duty
    weighing: re.Pattern[str] | None  # a list of factors weighed in setting a penalty (应当考虑…等因素)
    mitigating_factor: re.Pattern[str] | None  # a factor in the party's favour (消除违法行为后果的情况)
    aggravating_factor: re.Pattern[str] | None  # a factor against the party (违法行为持续的时间)
    acts_on_condition: re.Pattern[str] | None  # 对其/责令其 after the modal word: the condition's party is the object
    not_subject: re.Pattern[str] | None  # a 的+noun head that names a thing, not a party (复议案件)
    hired_by: re.Pattern[str] | None  # 聘请的/委托的 after an authority: it qualifies the party hired
    measures_lead: re.Pattern[str] | None  # 采取下列措施…: the items are the measures, classed as the lead's act
    perceives: re.Pattern[str] | None  # 发现/接到 right after the first actor: that actor is the subject
    applies_to: re.Pattern[str] | None  # a scope statement (本办法适用于…): its thresholds bound the duties' reach
    payable: re.Pattern[str] | None  # compensation or charges a rule computes (死亡赔偿金按…计算): the payer bears them
    overseer: re.Pattern[str] | None  # bodies that oversee the administration (人大常委会, courts) when it is regulated
    timing: re.Pattern[str] | None  # a condition that only says when the act is due (Before placing … on the market)
    validity: re.Pattern[str] | None  # how long a licence lasts (有效期为三年): longer favours its holder
    mitigation_ladder: tuple[tuple[re.Pattern[str], float], ...]  # 从轻 < 减轻 < 免予刑事处罚, with their levels
    review_ladder: tuple[tuple[re.Pattern[str], float], ...]  # depths of an authority's review, deeper = higher
    standard_ladder: tuple[tuple[re.Pattern[str], float], ...]  # bases of an amount, higher level = higher figure
    state_business: re.Pattern[str] | None  # nobody named; a plan of the state or public works: the state's own
    transitional: re.Pattern[str] | None  # a sentence on which cases or acts the text governs in time
    empty_duty: re.Pattern[str] | None  # a duty that only restates the law (依法经营, 遵守本办法)
    concurrence: re.Pattern[str] | None  # 同时构成…罪的，依照处罚较重的规定定罪处罚: which offence applies
    grant: re.Pattern[str]  # nobody named and the clause gives (给予表彰和奖励): only the state gives
    mitigation: re.Pattern[str]
    aggravation: re.Pattern[str]
    quantities: dict[str, QuantitySense]
    title_subject: re.Pattern[str] | None  # the topic of an instrument in its title (group ``subject``)
    raw: dict[str, Any]

    def sanction(self, kind: str) -> Rung | None:
        return next((r for r in self.sanctions if r.name == kind), None)

    def severity(self, kind: str) -> float:
        r = self.sanction(kind)
        return r.level if r is not None else 0.0

    def instrument_level(self, name: str) -> float:
        return next((r.level for r in self.instruments if r.name == name), 0.0)


def _optional(data: dict[str, Any], name: str, flags: int) -> re.Pattern[str] | None:
    """The pattern of an optional lexicon section, or None when the lexicon has none."""
    return _rx(data[name], name, flags) if data.get(name) else None


def _ladder(data: dict[str, Any], name: str, flags: int) -> tuple[tuple[re.Pattern[str], float], ...]:
    """A ladder section: rungs of {pattern, level}, higher level = more (a higher figure, a deeper review)."""
    return tuple((_rx(r["pattern"], f"{name}.{i}", flags), float(r["level"])) for i, r in enumerate(data.get(name) or ()))


def _rx(pattern: str, where: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise RuleError(f"norm lexicon: {where}: bad pattern ({exc}); fix the regular expression") from exc


@lru_cache(maxsize=8)  # memoises the shipped data files, which never change during a run
def load_lexicon(lang: str, *, disk_cache: bool = True) -> Lexicon:
    """The shipped lexicon of ``lang``, parsed once per process and kept parsed on disk
    (:mod:`lawdiff.io.parsed`; ``disk_cache=False`` neither reads nor writes that copy)."""
    text = resources.files("lawdiff").joinpath(f"data/norms/{lang}.yaml").read_text(encoding="utf-8")

    def parse() -> Any:
        import yaml  # only when the lexicon is parsed, not when its parsed copy is read back

        # a shipped file: libyaml's parser when PyYAML has it (same data, ten times faster)
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return load_parsed(f"norm-lexicon-{lang}", text, parse, lambda data: build_lexicon(data, lang),
                       disk_cache=disk_cache)


def build_lexicon(data: dict[str, Any], lang: str) -> Lexicon:
    flags = re.IGNORECASE if lang == "en" else 0
    modals = tuple(
        Modal(m["name"], Modality(m["modality"]), float(m["strength"]), _rx(m["pattern"], f"modals.{m['name']}", flags))
        for m in data["modals"]
    )
    alternation = "|".join(f"(?P<m{i}>{m.rx.pattern})" for i, m in enumerate(modals))
    b = data["bearers"]
    actor = f"{b['authority']['pattern']}|{b['protected']['pattern']}|{b['regulated']['pattern']}"

    def rungs(section: str, key: str, level: str) -> tuple[Rung, ...]:
        return tuple(Rung(r[key], float(r[level]), _rx(r["pattern"], f"{section}.{r[key]}", flags), r["en"], r["zh"])
                     for r in data[section])

    return Lexicon(
        lang=lang,
        modals=modals,
        modal_rx=_rx(alternation, "modals", flags),
        authority=_rx(f"(?:{b['authority']['pattern']})", "bearers.authority", flags),
        authority_names=frozenset(b["authority"].get("names") or ()),
        protected=_rx(f"(?:{b['protected']['pattern']})", "bearers.protected", flags),
        regulated=_rx(f"(?:{b['regulated']['pattern']})", "bearers.regulated", flags),
        actor_rx=_rx(actor, "bearers", flags),
        not_actor=_rx(b["not_actor"], "bearers.not_actor", flags) if b.get("not_actor") else None,
        person_of=_rx(b["person_of"], "bearers.person_of", flags) if b.get("person_of") else None,
        action_classes=tuple((c["name"], _rx(c["pattern"], f"action_classes.{c['name']}", flags))
                             for c in data["action_classes"]),
        sanctions=rungs("sanctions", "kind", "severity"),
        not_sanction=_optional(data, "not_sanction", flags),
        instruments=rungs("instruments", "name", "level"),
        effort=_rx(data["effort"], "effort", flags),
        result=_rx(data["result"], "result", flags),
        condition=_rx(data["condition"], "condition", flags),
        exception=_rx(data["exception"], "exception", flags),
        definition=_rx(data["definition"], "definition", flags),
        procedure=_rx(data["procedure"], "procedure", flags),
        reference=_rx(data["reference"], "reference", flags),
        purpose=_rx(data["purpose"], "purpose", flags),
        qualifier=_rx(data["qualifier"], "qualifier", flags),
        serious=_rx(data["serious"], "serious", flags),
        competence=_rx(data["competence"], "competence", flags),
        refusal=_rx(data["refusal"], "refusal", flags),
        petition=_rx(data["petition"], "petition", flags),
        petitioner=str(data["petitioner"]),
        whistleblowing=_optional(data, "whistleblowing", flags),
        grant=_rx(data["grant"], "grant", flags),
        agent_of_state=_optional(data, "agent_of_state", flags),
        continues_duty=_optional(data, "continues_duty", flags),
        weighing=_optional(data, "weighing", flags),
        mitigating_factor=_optional(data, "mitigating_factor", flags),
        aggravating_factor=_optional(data, "aggravating_factor", flags),
        acts_on_condition=_optional(data, "acts_on_condition", flags),
        not_subject=_optional(data, "not_subject", flags),
        hired_by=_optional(data, "hired_by", flags),
        perceives=_optional(data, "perceives", flags),
        measures_lead=_optional(data, "measures_lead", flags),
        applies_to=_optional(data, "applies_to", flags),
        payable=_optional(data, "payable", flags),
        overseer=_optional(data, "overseer", flags),
        timing=_optional(data, "timing", flags),
        validity=_optional(data, "validity", flags),
        mitigation_ladder=_ladder(data, "mitigation_ladder", flags),
        review_ladder=_ladder(data, "review_ladder", flags),
        standard_ladder=_ladder(data, "standard_ladder", flags),
        state_business=_optional(data, "state_business", flags),
        transitional=_optional(data, "transitional", flags),
        empty_duty=_optional(data, "empty_duty", flags),
        concurrence=_optional(data, "concurrence", flags),
        mitigation=_rx(data["criminal_mitigation"], "criminal_mitigation", flags),
        aggravation=_rx(data["criminal_aggravation"], "criminal_aggravation", flags),
        quantities={k: QuantitySense(k, v["stronger_when"], v["en"], v["zh"])
                    for k, v in data["quantities"].items() if k != "examples"},
        title_subject=_optional(data, "title_subject", flags),
        raw=data,
    )


__all__ = ["Lexicon", "Modal", "QuantitySense", "Rung", "build_lexicon", "load_lexicon"]
