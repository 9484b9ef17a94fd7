"""A unit's norm changes judged by the norm rules: the firings, with evidence spans a lawyer can check."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ArticleDiff, Direction, Evidence, Firing, UnitKind
from ..match import match_text
from .clauses import Locator, sentences
from .compare import NormChange, changes
from .read import Reader
from .rules import NormRule, NormRules
from .types import Norm, Span


@dataclass(frozen=True, slots=True)
class Judgement:
    draft: tuple[Norm, ...]
    final: tuple[Norm, ...]
    changes: tuple[NormChange, ...]
    findings: tuple[tuple[NormChange, NormRule], ...]  # the changes a rule decided, with that rule
    firings: tuple[Firing, ...]


def judge(diff: ArticleDiff, reader: Reader, rules: NormRules) -> Judgement:
    unit = diff.unit
    dm, fm = match_text(diff.draft_text), match_text(diff.final_text)
    dn = reader.read(diff.draft_text, unit.draft, "draft", dm) if unit.draft else ()
    fn = reader.read(diff.final_text, unit.final, "final", fm) if unit.final else ()
    if unit.kind not in (UnitKind.ADDED, UnitKind.REMOVED) and not diff.changed:
        return Judgement(dn, fn, (), (), ())
    locs = {"draft": Locator(sentences(diff.draft_text, unit.draft, "draft", dm), "draft"),
            "final": Locator(sentences(diff.final_text, unit.final, "final", fm), "final")}
    found = changes(dn, fn, reader.lex, diff.edits)
    findings: list[tuple[NormChange, NormRule]] = []
    firings: list[Firing] = []
    for c in found:
        r = rules.first(c)
        if r is None:
            continue
        w = r.weight_of(c)
        if w <= 0 and r.direction is not Direction.NEUTRAL:
            continue
        findings.append((c, r))
        ev = tuple(_evidence("draft", s, locs) for s in c.draft_spans[:3]) + tuple(
            _evidence("final", s, locs) for s in c.final_spans[:3])
        firings.append(Firing(r.id, r.theme, r.direction, w, r.description, ev))
    return Judgement(dn, fn, tuple(found), tuple(findings), tuple(_merge(firings)))


def _evidence(side: str, s: Span, locs: dict[str, Locator]) -> Evidence:
    return Evidence(side, s.text, locs[side].where(s.start), s.start, s.end)


def _merge(firings: list[Firing]) -> list[Firing]:
    """One firing per rule: weights add up, evidence is pooled (a list of three dropped items is one
    'prohibition deleted' with three spans, weighing three)."""
    by: dict[str, Firing] = {}
    for f in firings:
        g = by.get(f.rule_id)
        if g is None:
            by[f.rule_id] = f
        else:
            by[f.rule_id] = Firing(g.rule_id, g.theme, g.direction, round(g.weight + f.weight, 3), g.description,
                                   (g.evidence + f.evidence)[:6])
    return list(by.values())


__all__ = ["Judgement", "judge"]
