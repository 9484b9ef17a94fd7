"""Running the examples of rule tables: every rule's examples, positive and negative, through the pipeline.

A keyword rule's example must give its label and fire the rule.  A norm rule's example must give its label
(and effect) and fire the rule; a negative example (``not: tightened``) must not give that label or effect.
An example whose texts hold article lines (第一条 …, Article 1 …) is compared as two documents, for rules
that look across articles (a provision moved from one article to another); its label is that of the first
changed unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from lawdiff.classify.label import classify_texts
from lawdiff.classify.norm_rules import Example, NormRule, NormRules
from lawdiff.classify.schema import RuleSet
from lawdiff.model import Change, Label, Lang

_ARTICLES = re.compile(r"^(?:第[零一二三四五六七八九十百千0-9]+条|Article \d+)", re.MULTILINE)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def example_lang(e: Example) -> Lang:
    return Lang.ZH if _CJK.search(e.draft + e.final) else Lang.EN


def _changes(e: Example, keyword: RuleSet, norm_rules: NormRules, lang: Lang) -> list[Change]:
    if _ARTICLES.search(e.draft) or _ARTICLES.search(e.final):
        from lawdiff.parse import parse_text
        from lawdiff.pipeline import compare

        draft = parse_text(f"例\n{e.draft}\n" if lang is Lang.ZH else f"Example\n{e.draft}\n", lang=lang, path="draft")
        final = parse_text(f"例\n{e.final}\n" if lang is Lang.ZH else f"Example\n{e.final}\n", lang=lang, path="final")
        report = compare(draft, final, rules=keyword, lang=lang, cache=False, norm_rules=norm_rules,
                         regulated=e.regulated)
        return [u.change for u in report.units if u.change.label is not Label.UNCHANGED] or [
            report.units[0].change]
    return [classify_texts(e.draft, e.final, keyword, lang, e.regulated or None, norm_rules=norm_rules)]


def norm_example_failures(r: NormRule, keyword: RuleSet, norm_rules: NormRules, lang: Lang | None = None) -> list[str]:
    out = []
    for e in r.examples:
        la = lang or example_lang(e)
        changes = _changes(e, keyword, norm_rules, la)
        ch = changes[0]
        fired = {f.rule_id for c in changes for f in c.firings}
        got = {c.label.value for c in changes} | {c.effect.value for c in changes if c.effect is not None}
        problems = []
        if e.not_label:
            if e.not_label in got:
                problems.append(f"gives {e.not_label}, which this negative example rules out")
        else:
            if ch.label.value != e.label:
                problems.append(f"label {ch.label.value}, expected {e.label}")
            if e.effect is not None and (ch.effect is None or ch.effect.value != e.effect):
                problems.append(f"effect {ch.effect.value if ch.effect else None}, expected {e.effect}")
            if r.id not in fired:
                problems.append("the rule did not fire")
        if problems:
            out.append(f"{r.source}:{e.line}: rule {r.id}: example {'; '.join(problems)} ({ch.reason})")
    return out


def run_norm_examples(rules: NormRules, keyword: dict[Lang, RuleSet], only: Iterable[str] | None = None) -> list[str]:
    """Every example of the norm rules (of ``only``, when given); one line per failure."""
    wanted = set(only) if only is not None else None
    out: list[str] = []
    for r in rules.rules:
        if wanted is None or r.id in wanted:
            for e in r.examples:
                la = example_lang(e)
                out += norm_example_failures(replace(r, examples=(e,)), keyword[la], rules, la)
    return out


__all__ = ["example_lang", "norm_example_failures", "run_norm_examples"]
