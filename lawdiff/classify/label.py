"""Stage 5: ArticleDiff + RuleSet -> Change.  One label per unit, with the rules that fired and evidence.

Point of view: the regulated parties.  A rule that fires says which way the change moves their burden
(relax / tighten / neutral) and how much (weight); the unit's label goes with the weightier total and
the other direction, if any, is kept as ``secondary``.  Every firing carries the spans it matched, with
a location a lawyer can look up ("draft art. 4 item （四）").

How a single rule is matched against a unit lives in :mod:`lawdiff.classify.matcher`; this module adds the rules'
weights up, resolves ``overrides``, picks the label and writes the reason.
"""

from __future__ import annotations

import re

from lawdiff.classify.findings import judge
from lawdiff.classify.firing import fire
from lawdiff.classify.matcher import UnitContext
from lawdiff.classify.norm_rules import NormRules, shipped_norm_rules
from lawdiff.classify.parties import Parties
from lawdiff.classify.schema import Applies, RuleSet
from lawdiff.diff import diff_unit
from lawdiff.model import (
    AlignedUnit,
    Article,
    ArticleDiff,
    Change,
    Direction,
    Effect,
    Firing,
    Item,
    Label,
    Lang,
    Op,
    Paragraph,
    Side,
    UnitKind,
    UnitNorms,
)

_SNIP = 28  # longest evidence text quoted in a reason before eliding the middle
#: A changed article is relaxed / tightened only on at least one norm's worth of weight (a duty, a fine, a
#: step on the instrument ladder weigh 2; a condition, a list member, a service duty 1; oversight 0.5).
#: Below it the label is reworded: one weak signal alone is as often noise as substance (measured on the
#: dev pairs: 0.5 and 1.5 both did worse than 1.0).  The same bar decides the effect of a whole article.
MIN_UNIT_WEIGHT = 1.0


# ----------------------------------------------------------------------------------- a unit


def classify(diff: ArticleDiff, rules: RuleSet, lang: Lang, parties: Parties | None = None,
             norms: UnitNorms | None = None, norm_rules: NormRules | None = None) -> Change:
    """The one label of a unit, the findings and rules behind it, and a one-line reason.

    ``norms``: the unit's norms and norm changes (stage :mod:`lawdiff.norms`; read here when None).  The
    norm rules (``data/rules/norms.yaml``) judge the norm changes; the keyword rules of ``rules`` add
    what norms cannot express.  ``parties``: who the run regulates (:mod:`lawdiff.classify.parties`);
    None reads authorities as neutral and every other actor as regulated."""
    unit = diff.unit
    lang = Lang(lang)
    if unit.kind is UnitKind.ADDED or not unit.draft:
        applies = Applies.ADDED
    elif unit.kind is UnitKind.REMOVED or not unit.final:
        applies = Applies.REMOVED
    elif not diff.changed:
        return Change(unit.id, Label.UNCHANGED, None, None, (), "unchanged: same text after width folding")
    else:
        applies = Applies.CHANGED
    ctx = UnitContext(diff, lang, parties)
    if norms is None:  # a library call: the pipeline reads every unit's norms first (stage norms)
        from lawdiff.norms.reading import Parties as NormParties
        from lawdiff.norms.reading import Reader, read_unit

        terms = parties.terms if parties is not None else ()
        norms = read_unit(diff, Reader(lang, NormParties(terms, parties.public if parties is not None else False)))
    findings, norm_firings = judge(diff, norms, norm_rules or shipped_norm_rules())
    firings = list(norm_firings) + [f for r in rules.rules if applies in r.applies_to and (f := fire(r, ctx)) is not None]
    firings = _apply_overrides(firings, rules)
    firings.sort(key=lambda f: (-f.weight, f.rule_id))
    relax = sum(f.weight for f in firings if f.direction is Direction.RELAX)
    tighten = sum(f.weight for f in firings if f.direction is Direction.TIGHTEN)
    score = round(relax - tighten, 6)
    themes = tuple(dict.fromkeys(f.theme for f in firings))
    if applies is Applies.CHANGED:
        label, secondary = Label.REWORDED, None
        if score >= MIN_UNIT_WEIGHT:
            label, secondary = Label.RELAXED, (Label.TIGHTENED if tighten else None)
        elif score <= -MIN_UNIT_WEIGHT:
            label, secondary = Label.TIGHTENED, (Label.RELAXED if relax else None)
        effect = None
    else:
        label, secondary = (Label.ADDED if applies is Applies.ADDED else Label.REMOVED), None
        if applies is Applies.ADDED:
            effect = (Effect.ENABLING if score >= MIN_UNIT_WEIGHT else Effect.BURDEN if score <= -MIN_UNIT_WEIGHT
                      else Effect.NEUTRAL)
        else:
            effect = (Effect.RELAXING if score >= MIN_UNIT_WEIGHT
                      else Effect.TIGHTENING if score <= -MIN_UNIT_WEIGHT else Effect.NEUTRAL)
    reason = _reason(ctx, label, effect, firings, relax, tighten)
    return Change(unit.id, label, effect, secondary, tuple(firings), reason, themes, score, findings)


def _apply_overrides(firings: list[Firing], rules: RuleSet) -> list[Firing]:
    """Drop firings superseded by another firing that is not itself superseded (fixpoint)."""
    overrides = {f.rule_id: set(rules.get(f.rule_id).overrides) if not f.rule_id.startswith("norm.") else set()
                 for f in firings}
    active = set(overrides)
    for _ in range(len(firings) + 1):
        suppressed = {o for rid in active for o in overrides[rid]}
        now = set(overrides) - suppressed
        if now == active:
            break
        active = now
    return [f for f in firings if f.rule_id in active]


def _snip(text: str) -> str:
    t = " ".join(text.split())
    return t if len(t) <= _SNIP else f"{t[:14]}…{t[-10:]}"


def _cite(f: Firing) -> str:
    d = [e for e in f.evidence if e.side is Side.DRAFT]
    n = [e for e in f.evidence if e.side is Side.FINAL]
    dt = f"{_snip(d[0].text)} ({d[0].where})" if d else ""
    ft = f"{_snip(n[0].text)} ({n[0].where})" if n else ""
    if dt and ft:
        return f"{f.description}: {dt} -> {ft}"
    return f"{f.description}: {dt or ft}" if (dt or ft) else f.description


def _reason(ctx: UnitContext, label: Label, effect: Effect | None, firings: list[Firing], relax: float,
            tighten: float) -> str:
    head = label.value if effect is None else f"{label.value}, {effect.value}"
    directional = [f for f in firings if f.direction is not Direction.NEUTRAL]
    if not directional:
        if firings:
            return f"{head}: {_cite(firings[0])}; no rule moves the burden"
        if label in (Label.ADDED, Label.REMOVED):
            return f"{head}: no rule moves the burden"
        first = next((e for e in ctx.diff.edits if e.op is not Op.EQUAL), None)
        side = Side.DRAFT if first and first.op is Op.DELETE else Side.FINAL
        where = ctx.loc[side].where(first.draft_start if side is Side.DRAFT else first.final_start) if first else ""
        return f"{head}: wording changed ({_snip(first.text) if first else ''} in {where}); no rule moves the burden"
    if relax == tighten:
        r = next(f for f in directional if f.direction is Direction.RELAX)
        t = next(f for f in directional if f.direction is Direction.TIGHTEN)
        return f"{head}: changes cancel out (+{relax:g}/-{tighten:g}): {_cite(r)}; against {_cite(t)}"
    win = Direction.RELAX if relax > tighten else Direction.TIGHTEN
    main = [f for f in directional if f.direction is win]
    lose = [f for f in directional if f.direction is not win]
    out = f"{head}: {_cite(main[0])}"
    if len(main) > 1:
        out += f"; also {', '.join(f.rule_id for f in main[1:3])}" + (" …" if len(main) > 3 else "")
    if lose:
        out += f"; outweighs ({max(relax, tighten):g} vs {min(relax, tighten):g}) {_cite(lose[0])}"
    return out


# ------------------------------------------------------------------- snippets (rule examples)

_ITEM = re.compile(r"^\s*(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\((?:[a-z]{1,2}|[ivx]+|\d+)\)"
                   r"|（\d+）|[一二三四五六七八九十]+、)")


def article_from_text(text: str, number: int = 1) -> Article:
    """A one-article stand-in for snippets: each line a paragraph, item-marked lines items of the last one."""
    paras: list[tuple[str, list[Item]]] = []
    for line in text.split("\n"):
        m = _ITEM.match(line)
        if m and paras:
            paras[-1][1].append(Item(m.group(1), line))
        else:
            paras.append((line, []))
    return Article(number, f"art. {number}", None, (),
                   tuple(Paragraph(i, t, tuple(items)) for i, (t, items) in enumerate(paras, start=1)), 0)


def snippet_unit(draft: str, final: str, *, number: int = 1) -> AlignedUnit:
    """An aligned unit for two snippets (an empty side makes an added/removed unit)."""
    d = (article_from_text(draft, number),) if draft else ()
    f = (article_from_text(final, number),) if final else ()
    kind = UnitKind.MATCHED if d and f else UnitKind.ADDED if f else UnitKind.REMOVED
    uid = f"d{number}-f{number}" if d and f else (f"f{number}" if f else f"d{number}")
    return AlignedUnit(uid, kind, d, f, 1.0 if draft == final else 0.0)


def classify_texts(draft: str, final: str, rules: RuleSet, lang: Lang,
                   regulated: tuple[str, ...] | None = None, *, norm_rules: NormRules | None = None) -> Change:
    """Diff and classify two snippets: what rule examples and ``lawdiff rules check`` run.

    ``regulated`` names the regulated parties (an example's ``regulated:``); None is the default reading."""
    parties = Parties.named(regulated, "example") if regulated else None
    return classify(diff_unit(snippet_unit(draft, final), Lang(lang)), rules, lang, parties, norm_rules=norm_rules)


__all__ = ["article_from_text", "classify", "classify_texts", "snippet_unit"]
