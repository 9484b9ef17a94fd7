"""A unit's norm changes judged by the norm rules: findings (structured reasons) and firings.

Each finding keeps the rule, the norm change (with the draft and final norms) and quotes of the words
that changed, each with the place a lawyer looks it up ("final art. 4(2) item （三）").  Findings of one
rule in one unit are also summed into one :class:`~lawdiff.model.Firing` (a list of three dropped items is
one "prohibition deleted" weighing three), which is what labels, themes and the signal are computed from.
"""

from __future__ import annotations

from lawdiff.classify.norm_rules import NormRules
from lawdiff.model import ArticleDiff, Direction, Evidence, Finding, Firing, Quote, Side, Span, UnitNorms
from lawdiff.norms.clauses import Locator, sentences
from lawdiff.text import match_text

MAX_QUOTES = 3  # per side and finding


def judge(diff: ArticleDiff, norms: UnitNorms, rules: NormRules) -> tuple[tuple[Finding, ...], tuple[Firing, ...]]:
    if not norms.changes:
        return (), ()
    unit = diff.unit
    locs = {Side.DRAFT: Locator(sentences(diff.draft_text, unit.draft, "draft", match_text(diff.draft_text)), "draft"),
            Side.FINAL: Locator(sentences(diff.final_text, unit.final, "final", match_text(diff.final_text)), "final")}
    findings: list[Finding] = []
    for c in norms.changes:
        r = rules.first(c)
        if r is None:
            continue
        w = r.weight_of(c)
        if w <= 0 and r.direction is not Direction.NEUTRAL:
            continue
        quotes = tuple(_quote(Side.DRAFT, s, locs) for s in c.draft_spans[:MAX_QUOTES]) + tuple(
            _quote(Side.FINAL, s, locs) for s in c.final_spans[:MAX_QUOTES])
        findings.append(Finding(r.id, r.theme, r.direction, w, r.description, r.description_zh, c, quotes))
    return tuple(findings), tuple(_firings(findings))


def _quote(side: Side, s: Span, locs: dict[Side, Locator]) -> Quote:
    return Quote(side, s.text, locs[side].where(s.start), s.start, s.end)


def _firings(findings: list[Finding]) -> list[Firing]:
    by: dict[str, Firing] = {}
    for f in findings:
        ev = tuple(Evidence(q.side, q.text, q.where, q.start, q.end) for q in f.quotes)
        g = by.get(f.rule_id)
        if g is None:
            by[f.rule_id] = Firing(f.rule_id, f.theme, f.direction, f.weight, f.description, ev, f.description_zh)
        else:
            by[f.rule_id] = Firing(g.rule_id, g.theme, g.direction, round(g.weight + f.weight, 3), g.description,
                                   (g.evidence + ev)[:2 * MAX_QUOTES], g.description_zh)
    return list(by.values())


__all__ = ["judge"]
