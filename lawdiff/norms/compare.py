"""Match the norms of the two sides of a unit and say what changed in each: norm changes.

Norms are matched by content (character-bigram overlap of their clauses, cross-references masked so that
a renumbered 第十六条 → 第十五条 does not count), best pairs first.  For a matched pair the changes are:

* the norm's weight for the regulated parties (its *burden value*: + burden, − relief, 0 neutral) moved,
  because its modality (应当 → 可以), bearer (a duty moved from the regulated to an authority), strength
  (必须 → 应当), effort (确保 → 采取措施提高) or action class (an authority's own check → a demand on
  businesses) changed — one change, ``trend`` heavier or lighter;
* a condition or exception added or removed (the norm applies to fewer or more cases);
* a quantity changed, with whether the norm now binds harder (``force`` stronger) or softer, by role;
* the instrument of control moved up or down the ladder (licence > filing > notification);
* a sanction kind added or dropped, or the sanction deferred to another law (moved, not removed);
* a list of covered acts, objects or conditions gained or lost members (生产、销售 → 销售, read from the
  word diff: a run inserted or deleted together with its list separator).

A norm with no counterpart is added or removed.  Renamed authorities and renumbered references change
no norm attribute, so they produce no change at all.
"""

from __future__ import annotations

import re

from lawdiff.model import ChangeKind, Edit, Modality, Norm, NormChange, Polarity, Role, Span
from lawdiff.norms.conditions import restated, restates_duty, unmatched_parts
from lawdiff.norms.keys import bigrams as _bigrams
from lawdiff.norms.keys import gram_set, similarity, similarity_of_keys
from lawdiff.norms.keys import key as _key
from lawdiff.norms.lexicon import Lexicon
from lawdiff.norms.measures import (
    discretionary,
    quantity_changes,
    quantity_polarity,
    review_changes,
    sanction_changes,
    standard_changes,
)
from lawdiff.norms.members import EditIndex, members, unmatched
from lawdiff.text.normalize import match_text

MATCH_MIN = 0.34  # least clause similarity for two norms to be the same norm, changed
ACTION_MATCH_MIN = 0.6  # least similarity of the acts alone, for norms left over when the clauses differ


def value(n: Norm) -> float:
    """The burden value of a norm for the regulated parties: + burden, − relief, 0 neutral."""
    if n.polarity is Polarity.BURDEN:
        return n.strength
    if n.polarity is Polarity.RELIEF:
        return -n.strength
    return 0.0


def core_key(n: Norm) -> str:
    """The comparison key of a norm's core (see :func:`_core`)."""
    return _key(_core(n))


def _core(n: Norm) -> str:
    """What identifies a norm for matching: its clause without its exceptions (a long 但…除外 or
    另有规定的，从其规定 would make two different bans look alike)."""
    t = n.text
    for e in n.exceptions:
        t = t.replace(e.text, "")
    return t or n.text


def match(draft: tuple[Norm, ...], final: tuple[Norm, ...]) -> list[tuple[Norm | None, Norm | None]]:
    """Pairs of (draft norm, final norm); a None side is an added or removed norm.  Best pairs first.

    Norms alike in everything the score reads (clause bigrams, modality, role, item) are scored once as a
    class: a long article that repeats its clauses would otherwise cost a comparison per pair of norms
    (2,000 × 2,000 in a 400 KB article), and the scores, so the pairs, are the same either way."""
    classes_d = _classes(draft)
    classes_f = _classes(final)
    cands: list[tuple[float, int, int]] = []
    for (gd, dmod, drole, ditem), di in classes_d.items():
        if not gd:
            continue
        for (gf, fmod, frole, fitem), fj in classes_f.items():
            if not gf:
                continue
            sim = 2 * len(gd & gf) / (len(gd) + len(gf))
            sim += 0.08 * (dmod is fmod) + 0.04 * (drole is frole) - 0.1 * (ditem is not fitem)
            if sim >= MATCH_MIN:
                cands.extend((sim, i, j) for i in di for j in fj)
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_d: set[int] = set()
    used_f: set[int] = set()
    pairs: dict[int, int] = {}
    for _, i, j in cands:
        if i in used_d or j in used_f:
            continue
        used_d.add(i)
        used_f.add(j)
        pairs[i] = j
    # a second pass for the sanctions left: the same penalty under rewritten conditions (…的，处五十万元以下的罚款 →
    # 不具有…效果的，处五百万元以下的罚款) is the same norm changed, not one removed and another added
    late: list[tuple[float, int, int]] = []
    for i, d in enumerate(draft):
        for j, f in enumerate(final):
            if i in used_d or j in used_f or d.modality is not f.modality or d.role is not f.role or \
                    d.modality is not Modality.SANCTION:
                continue
            ga, gb = _bigrams(_key(d.action)), _bigrams(_key(f.action))
            if ga and gb and (sim := 2 * len(ga & gb) / (len(ga) + len(gb))) >= ACTION_MATCH_MIN:
                late.append((sim, i, j))
    for _, i, j in sorted(late, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_d and j not in used_f:
            used_d.add(i)
            used_f.add(j)
            pairs[i] = j
    out: list[tuple[Norm | None, Norm | None]] = []
    for i, n in enumerate(draft):
        out.append((n, final[pairs[i]]) if i in pairs else (n, None))
    out.extend((None, n) for j, n in enumerate(final) if j not in used_f)
    return out


def _classes(norms: tuple[Norm, ...]) -> dict[tuple[frozenset[str], Modality, Role, bool], list[int]]:
    """Indices of the norms by what :func:`match` scores them on."""
    out: dict[tuple[frozenset[str], Modality, Role, bool], list[int]] = {}
    for i, n in enumerate(norms):
        out.setdefault((gram_set(_key(_core(n))), n.modality, n.role, n.item), []).append(i)
    return out


def changes(draft: tuple[Norm, ...], final: tuple[Norm, ...], lex: Lexicon,
            edits: tuple[Edit, ...] = ()) -> list[NormChange]:
    """Every norm change between the two sides of one unit.  ``edits``: the unit's word diff, from which
    members added to or dropped from a list (生产、销售 → 销售; 排斥或者限制 → 排斥、限制、强制) are read."""
    out: list[NormChange] = []
    index = EditIndex(edits)
    matched = match(draft, final)
    kept_d, kept_f = [d for d, f in matched if d and f], [f for d, f in matched if d and f]
    for d, f in matched:
        if d is None and f is not None:
            if not restates_duty(f, kept_f) and (c := unmatched(f, kept_f, draft, added=True)) is not None:
                out.append(c)
        elif f is None and d is not None:
            if not restates_duty(d, kept_d) and (c := unmatched(d, kept_d, final, added=False)) is not None:
                out.append(c)
        elif d is not None and f is not None and _key(d.text) != _key(f.text):
            listed = members(d, f, index, lex)
            seen = {c.kind for c in listed}
            out.extend(c for c in _pair(d, f, lex) if not (c.kind in seen and _ALTERNATIVE.match(c.detail)))
            out.extend(listed)
    return out


# ---------------------------------------------------------------------------------------- a matched pair


SAME_ACT = 0.6  # similarity of two actions that are the same act reworded
SANCTION_MODAL_STEP = 1.0  # the weight of a sanction that may be imposed becoming one that must (or back)
OVERSIGHT_MODAL_STEP = 1.0  # the weight of shall <-> may on the same act of oversight


def _pair(d: Norm, f: Norm, lex: Lexicon) -> list[NormChange]:
    out: list[NormChange] = []
    pol = f.polarity if f.polarity is not Polarity.NEUTRAL else d.polarity
    inherited = d.item and f.item and d.modal_span is None and f.modal_span is None
    delta = value(f) - value(d)
    if d.role is not f.role and (d.bearer_span is None or f.bearer_span is None):
        delta = 0.0  # one side's bearer is only inferred: a change of bearer would be a guess
    if d.role is f.role and d.modality is f.modality and d.action_class != f.action_class and \
            not _class_change_grounded(d, f, lex):
        delta = 0.0  # the words that class the act stand in both clauses (审计机关 … 运用审计报告): no new act
        if Polarity.NEUTRAL in (d.polarity, f.polarity):
            pol = Polarity.NEUTRAL  # … nor a class to judge its conditions by (…的，应当利用 -> 应当充分运用…调查报告)
    if inherited and d.effort is not f.effort:
        delta = (1.0 if d.effort else -1.0) * abs(d.strength - f.strength or 1.0)
    if d.modality is f.modality is Modality.SANCTION and d.role is f.role and abs(delta) < 1e-9 and \
            discretionary(d, lex) is not discretionary(f, lex):
        # 可以并处罚金 -> 应当并处罚金 (or 处…罚款, which binds): a sanction that may be imposed became one that must
        delta = SANCTION_MODAL_STEP if discretionary(d, lex) else -SANCTION_MODAL_STEP
    if d.role is f.role is Role.AUTHORITY and d.action_class == f.action_class == "oversight" and \
            {d.modality, f.modality} == {Modality.OBLIGATION, Modality.PERMISSION} and \
            similarity(d.action, f.action) >= SAME_ACT:
        # shall inspect -> may inspect, the same act: a lighter hold (the table's weights are for different acts)
        delta = OVERSIGHT_MODAL_STEP if f.modality is Modality.OBLIGATION else -OVERSIGHT_MODAL_STEP
    if abs(delta) > 1e-9 and (not inherited or d.effort is not f.effort):
        if d.role is not f.role:
            kind = ChangeKind.BEARER
        elif d.modality is not f.modality:
            kind = ChangeKind.MODALITY
        elif d.effort is not f.effort:
            kind = ChangeKind.EFFORT
        elif d.action_class != f.action_class:
            kind = ChangeKind.ACTION
        else:
            kind = ChangeKind.STRENGTH
        out.append(NormChange(kind, d, f, pol, abs(delta), trend="heavier" if delta > 0 else "lighter",
                              detail=_transition(d, f, kind),
                              draft_spans=kind is ChangeKind.ACTION and _class_spans(d, f, lex) or _spans(d.modal_span, d),
                              final_spans=kind is ChangeKind.ACTION and _class_spans(f, d, lex) or _spans(f.modal_span, f)))
    deferring = bool(d.reference and f.reference)  # 依照处罚较重的规定处罚: the other law decides, whatever the case list
    for kind_add, kind_rm, dl, fl in () if deferring else ((ChangeKind.CONDITION_ADDED, ChangeKind.CONDITION_REMOVED, d.conditions, f.conditions),
                                      (ChangeKind.EXCEPTION_ADDED, ChangeKind.EXCEPTION_REMOVED, d.exceptions, f.exceptions)):
        # the parts of one condition (…违反法律法规，违背商业道德的) added or dropped together are one change
        added, removed = unmatched_parts(dl, fl)
        if kind_add is ChangeKind.CONDITION_ADDED and lex.timing is not None:
            # Before placing the system on the market, …: when the act is due, not which cases it reaches
            added = [s for s in added if not lex.timing.search(s.text)]
            removed = [s for s in removed if not lex.timing.search(s.text)]
        # a condition whose words still stand in the other clause was restated, not added or dropped
        # (调整…收费价格时，应当经…同意 -> …的收费价格，应当由业主依法共同决定)
        added = [s for s in added if not restated(s.text, d.text)]
        removed = [s for s in removed if not restated(s.text, f.text)]
        if kind_add is ChangeKind.CONDITION_ADDED:
            # a case joined by 或者 (…的，或者…的，处…) is one more case the norm reaches, not one more requirement
            out.extend(_alternatives(d, f, pol, added, removed))
            added = [s for s in added if not _ALTERNATIVE.match(s.text)]
            removed = [s for s in removed if not _ALTERNATIVE.match(s.text)]
        if added:
            out.append(NormChange(kind_add, d, f, pol, 1.0, force="weaker" if kind_add else "",
                                  detail="，".join(s.text for s in added), final_spans=tuple(added)))
        if removed:
            out.append(NormChange(kind_rm, d, f, pol, 1.0, force="stronger",
                                  detail="，".join(s.text for s in removed), draft_spans=tuple(removed)))
    deferred = bool(f.reference) and not d.reference
    out.extend(q for q in quantity_changes(d, f, quantity_polarity(d, f, pol, lex), lex)
               if not (deferred and q.quantity == "fine"))
    if d.role is f.role or d.instruments and f.instruments:  # (a duty to obtain approval -> the approval regime)
        out.extend(_instruments(d, f, pol, lex))
    out.extend(sanction_changes(d, f, pol, lex))
    out.extend(standard_changes(d, f, quantity_polarity(d, f, pol, lex), lex))
    out.extend(review_changes(d, f, pol, lex))
    out.extend(_qualifiers(d, f, pol, lex))
    out.extend(_seriousness(d, f, pol, lex))
    return out


_ALTERNATIVE = re.compile(r"^\s*或(?:者)?")


def _alternatives(d: Norm, f: Norm, pol: Polarity, added: list[Span], removed: list[Span]) -> list[NormChange]:
    """Cases joined by 或者 added to or dropped from a norm's conditions: the norm now reaches more (fewer)
    cases, the opposite of a condition that must also hold (…的，或者绕道行驶的，处… → …的，处…: fewer)."""
    out: list[NormChange] = []
    more = [s for s in added if _ALTERNATIVE.match(s.text)]
    fewer = [s for s in removed if _ALTERNATIVE.match(s.text)]
    if more:
        out.append(NormChange(ChangeKind.SCOPE_WIDENED, d, f, pol, 1.0, force="stronger",
                              detail="，".join(s.text for s in more), final_spans=tuple(more)))
    if fewer:
        out.append(NormChange(ChangeKind.SCOPE_NARROWED, d, f, pol, 1.0, force="weaker",
                              detail="，".join(s.text for s in fewer), draft_spans=tuple(fewer)))
    return out


def _class_words(n: Norm, lex: Lexicon) -> list[str]:
    """The words that gave an authority's norm its action class (要求…报送 for control), [] when none did."""
    classed = n.text if n.modality is Modality.PROHIBITION else n.action
    for name, rx in lex.action_classes:
        if name == n.action_class and rx.pattern != "." and (found := [m.group(0) for m in rx.finditer(classed)]):
            return found
    return []


def _class_change_grounded(d: Norm, f: Norm, lex: Lexicon) -> bool:
    """An authority's act changed class (its own check -> a demand on businesses) only when words that class
    it are new on both sides: a word that stands in the other clause too (审计 in 审计机关 and in 运用审计报告,
    公开 in 按照公开、公平、公正的原则, 登记 in 对登记材料进行审查 -> 对登记材料进行形式审核) is the text's subject
    or a principle, not a new act; 审查 -> 形式审核 is one."""
    wd, wf = _class_words(d, lex), _class_words(f, lex)
    kd, kf = _key(d.text), _key(f.text)
    # a word of the other side standing only inside this side's own class word (审查 inside 形式审查) is no witness
    kd_rest, kf_rest = kd, kf
    for w in wd:
        kd_rest = kd_rest.replace(_key(w), "\0")
    for w in wf:
        kf_rest = kf_rest.replace(_key(w), "\0")
    new_f = not wf or any(_key(w) not in kd_rest for w in wf)
    new_d = not wd or any(_key(w) not in kf_rest for w in wd)
    return new_f and new_d


def _seriousness(d: Norm, f: Norm, pol: Polarity, lex: Lexicon) -> list[NormChange]:
    """发生变化的 -> 发生重大变化的, 违反…的 -> 违反…，拒不改正的: words that confine a norm to the serious cases
    added to (or dropped from) its conditions make it reach fewer (more) cases."""
    def found(n: Norm) -> list[Span]:
        return [Span(m.group(0), c.start + m.start(), c.start + m.end()) for c in n.conditions
                for m in lex.serious.finditer(match_text(c.text))]
    ds, fs = found(d), found(f)
    if len(fs) > len(ds):
        return [NormChange(ChangeKind.SCOPE_NARROWED, d, f, pol, 1.0, force="weaker",
                           detail="、".join(s.text for s in fs), final_spans=tuple(fs))]
    if len(ds) > len(fs):
        return [NormChange(ChangeKind.SCOPE_WIDENED, d, f, pol, 1.0, force="stronger",
                           detail="、".join(s.text for s in ds), draft_spans=tuple(ds))]
    return []


def _instruments(d: Norm, f: Norm, pol: Polarity, lex: Lexicon) -> list[NormChange]:
    """The instruments of control a norm names, compared rung by rung from the top of the ladder: 向主管部门
    申报安全评估 (a filing) and 算法备案 -> 开展安全评估 (a self-assessment) and 算法备案 is a step down."""
    dl = sorted((lex.instrument_level(n) for n, _ in d.instruments), reverse=True)
    fl = sorted((lex.instrument_level(n) for n, _ in f.instruments), reverse=True)
    if dl == fl:
        return []
    k = next((i for i, (a, b) in enumerate(zip(dl, fl)) if a != b), min(len(dl), len(fl)))
    a = dl[k] if k < len(dl) else 0.0
    b = fl[k] if k < len(fl) else 0.0
    gone = [(n, s) for n, s in d.instruments if (n, _key(s.text)) not in {(m, _key(t.text)) for m, t in f.instruments}]
    new = [(n, s) for n, s in f.instruments if (n, _key(s.text)) not in {(m, _key(t.text)) for m, t in d.instruments}]
    return [NormChange(ChangeKind.INSTRUMENT, d, f, pol, abs(a - b), force="stronger" if b > a else "weaker",
                       instrument=f"{' + '.join(n for n, _ in gone) or 'none'} -> {' + '.join(n for n, _ in new) or 'none'}",
                       detail=f"{'、'.join(s.text for _, s in gone) or '—'} -> {'、'.join(s.text for _, s in new) or '—'}",
                       draft_spans=tuple(s for _, s in gone), final_spans=tuple(s for _, s in new))]


def _qualifiers(d: Norm, f: Norm, pol: Polarity, lex: Lexicon) -> list[NormChange]:
    """不得提供 -> 不得非法提供: a qualifier (非法, 擅自, 无正当理由 …) added to a prohibition narrows it to
    the unlawful cases; dropped, it widens it."""
    if d.modality is not Modality.PROHIBITION or f.modality is not Modality.PROHIBITION:
        return []
    dq = {m.group(0) for m in lex.qualifier.finditer(d.action)}
    fq = {m.group(0) for m in lex.qualifier.finditer(f.action)}
    if fq - dq and not dq - fq:
        return [NormChange(ChangeKind.SCOPE_NARROWED, d, f, pol, 1.0, force="weaker", detail="、".join(sorted(fq - dq)),
                           final_spans=_found(f, lex.qualifier, fq - dq))]
    if dq - fq and not fq - dq:
        return [NormChange(ChangeKind.SCOPE_WIDENED, d, f, pol, 1.0, force="stronger", detail="、".join(sorted(dq - fq)),
                           draft_spans=_found(d, lex.qualifier, dq - fq))]
    return []


def _found(n: Norm, rx: re.Pattern[str], words: set[str]) -> tuple[Span, ...]:
    """Where the words ``rx`` finds lie in the norm's clause (offsets of the text as printed)."""
    return tuple(Span(n.text[m.start():m.end()], n.start + m.start(), n.start + m.end())
                 for m in rx.finditer(match_text(n.text)) if m.group(0) in words)[:3]


def _class_spans(n: Norm, other: Norm, lex: Lexicon) -> tuple[Span, ...]:
    """Where the words that class ``n``'s act and do not stand in ``other`` lie (审查 -> 形式审核)."""
    text, ko = match_text(n.text), _key(other.text)
    return tuple(Span(w, n.start + at, n.start + at + len(w)) for w in dict.fromkeys(_class_words(n, lex))
                 if _key(w) not in ko and (at := text.find(w)) >= 0)[:3]


def _spans(s: Span | None, n: Norm) -> tuple[Span, ...]:
    return (s,) if s is not None else (Span(n.text, n.start, n.end),)


def _transition(d: Norm, f: Norm, kind: ChangeKind) -> str:
    if kind is ChangeKind.BEARER:
        return f"{d.bearer or d.role.value} ({d.role.value}) -> {f.bearer or f.role.value} ({f.role.value})"
    if kind is ChangeKind.MODALITY:
        return f"{d.modality.value} -> {f.modality.value}"
    if kind is ChangeKind.EFFORT:
        return "result -> effort" if f.effort else "effort -> result"
    if kind is ChangeKind.ACTION:
        return f"{d.action_class or 'none'} -> {f.action_class or 'none'}"
    return f"{d.strength:g} -> {f.strength:g}"


__all__ = ["changes", "core_key", "gram_set", "match", "similarity", "similarity_of_keys", "value"]
