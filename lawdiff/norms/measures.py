"""The numbers and sanctions of two matched norms compared (part of :mod:`lawdiff.norms.compare`).

A quantity is compared with one of the same role, unit and comparator (a cap with a cap, a floor with a
floor); whether a larger number binds harder is the lexicon's (``quantities``: up, down or by the
comparator).  Sanction kinds dropped or added are read on the lexicon's ladder of severity; a sanction
replaced by a reference to another law (依照《…》的规定处罚) is moved there, not removed.
"""

from __future__ import annotations

from lawdiff.model import ChangeKind, Comparator, Modality, Norm, NormChange, Polarity, Quantity, Role, Span
from lawdiff.norms.lexicon import Lexicon


def _force(q_role: str, comp: Comparator, up: bool, lex: Lexicon) -> str:
    sense = lex.quantities.get(q_role)
    how = sense.stronger_when if sense else "up"
    if how == "by_comparator":
        if comp is Comparator.AT_LEAST:
            how = "down"
        elif comp is Comparator.AT_MOST:
            how = "up"
        else:
            return ""
    elif how == "as_required":  # 配备不少于二名救生员: more required binds harder; 每班不超过四十五人: a higher cap less
        how = "down" if comp is Comparator.AT_MOST else "up"
    return "stronger" if (up == (how == "up")) else "weaker"


def discretionary(n: Norm, lex: Lexicon) -> bool:
    """The sanction may be imposed (可以处, may impose: a modal word the lexicon calls a permission) rather than
    must be (处, 应当处, shall)."""
    if n.modal_span is None:
        return False
    word = n.modal_span.text.strip()
    return any(m.modality is Modality.PERMISSION and m.rx.fullmatch(word) for m in lex.modals)


def quantity_polarity(d: Norm, f: Norm, pol: Polarity, lex: Lexicon) -> Polarity:
    """Which way the numbers of two matched norms move the burden: the norms' own polarity, except for a scope
    statement (本办法适用于年营业额五千万元以上的企业: its thresholds bound whom the duties reach) and compensation a
    rule computes without naming the payer (死亡赔偿金…按二十年计算: what the liable party pays)."""
    if d.modality is f.modality is Modality.DEFINITION and lex.applies_to is not None and \
            lex.applies_to.search(d.text) and lex.applies_to.search(f.text):
        return Polarity.BURDEN
    if pol is Polarity.NEUTRAL and lex.payable is not None and lex.payable.search(d.text) and \
            lex.payable.search(f.text):
        return Polarity.BURDEN
    if pol is Polarity.NEUTRAL and lex.validity is not None and lex.validity.search(d.text) and \
            lex.validity.search(f.text):
        return Polarity.RELIEF  # 许可证有效期为三年: how long the holder keeps what it was granted
    return pol


def quantity_changes(d: Norm, f: Norm, pol: Polarity, lex: Lexicon) -> list[NormChange]:
    out: list[NormChange] = []
    groups: dict[tuple[str, str, str], tuple[list[Quantity], list[Quantity]]] = {}
    for q in d.quantities:  # like with like: a cap with a cap, a floor with a floor
        groups.setdefault((q.role.value, q.unit, q.comparator.value), ([], []))[0].append(q)
    for q in f.quantities:
        groups.setdefault((q.role.value, q.unit, q.comparator.value), ([], []))[1].append(q)
    for (role, _unit, _comp), (dq, fq) in groups.items():
        votes = 0
        dspans: list[Span] = []
        fspans: list[Span] = []
        for a, b in zip(dq, fq):
            if abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value)):
                continue
            force = _force(role, b.comparator, b.value > a.value, lex)
            votes += 1 if force == "stronger" else -1 if force == "weaker" else 0
            dspans.append(Span(a.text, a.start, a.end))
            fspans.append(Span(b.text, b.start, b.end))
        if votes:
            # the ages in a protected party's own norm (未满十六周岁的未成年人不得进入网吧) mark out the protected
            # group: widening it binds the regulated harder, whatever the protected party's norm spares them
            q_pol = Polarity.BURDEN if role == "age" and Role.PROTECTED in (d.role, f.role) else pol
            out.append(NormChange(ChangeKind.QUANTITY, d, f, q_pol, 1.0, force="stronger" if votes > 0 else "weaker",
                                  quantity=role, detail=f"{'/'.join(s.text for s in dspans)} -> "
                                                        f"{'/'.join(s.text for s in fspans)}",
                                  draft_spans=tuple(dspans), final_spans=tuple(fspans)))
        if len(fq) > len(dq) and not dq:
            extra = fq[len(dq):]
            out.append(NormChange(ChangeKind.QUANTITY_ADDED, d, f, pol, 1.0, quantity=role,
                                  detail=" ".join(q.text for q in extra),
                                  final_spans=tuple(Span(q.text, q.start, q.end) for q in extra)))
        elif len(dq) > len(fq) and not fq:
            extra = dq[len(fq):]
            out.append(NormChange(ChangeKind.QUANTITY_REMOVED, d, f, pol, 1.0, quantity=role,
                                  detail=" ".join(q.text for q in extra),
                                  draft_spans=tuple(Span(q.text, q.start, q.end) for q in extra)))
    return out


def standard_changes(d: Norm, f: Norm, pol: Polarity, lex: Lexicon) -> list[NormChange]:
    """城镇居民人均可支配收入或者农村居民人均纯收入标准 -> 城镇居民人均可支配收入标准: an amount whose lowest named
    base rose (the rural alternative dropped) is higher for whoever pays it; the reverse is lower."""
    if pol is not Polarity.BURDEN or not lex.standard_ladder or lex.payable is None or not (
            lex.payable.search(d.text) and lex.payable.search(f.text)):
        return []

    def lowest(n: Norm) -> tuple[float, str] | None:
        found = [(level, m.group(0)) for rx, level in lex.standard_ladder for m in rx.finditer(n.text)]
        return min(found) if found else None

    a, b = lowest(d), lowest(f)
    if a is None or b is None or a[0] == b[0]:
        return []
    return [NormChange(ChangeKind.QUANTITY, d, f, pol, 1.0, force="stronger" if b[0] > a[0] else "weaker",
                       quantity="amount", detail=f"{a[1]} -> {b[1]}")]


def review_changes(d: Norm, f: Norm, pol: Polarity, lex: Lexicon) -> list[NormChange]:
    """应当对登记材料进行审查 -> 应当对登记材料内容进行形式审核: an authority's review of what the party files moved
    down (or up) the review ladder — the deepest review each clause names, compared."""
    if not lex.review_ladder or d.role is not Role.AUTHORITY or f.role is not Role.AUTHORITY:
        return []

    def deepest(n: Norm) -> tuple[float, str, int] | None:
        found = [(level, m.group(0), m.start()) for rx, level in lex.review_ladder for m in rx.finditer(n.text)]
        return max(found, key=lambda x: (x[0], -x[2])) if found else None

    a, b = deepest(d), deepest(f)
    if a is None or b is None or a[0] == b[0]:
        return []
    return [NormChange(ChangeKind.REVIEW, d, f, pol, 1.0, force="stronger" if b[0] > a[0] else "weaker",
                       detail=f"{a[1]} -> {b[1]}", draft_spans=(Span(a[1], d.start + a[2], d.start + a[2] + len(a[1])),),
                       final_spans=(Span(b[1], f.start + b[2], f.start + b[2] + len(b[1])),))]


def sanction_changes(d: Norm, f: Norm, pol: Polarity, lex: Lexicon) -> list[NormChange]:
    out: list[NormChange] = []
    dk, fk = set(d.sanction_kinds), set(f.sanction_kinds)
    dropped = sorted(dk - fk, key=lambda k: -lex.severity(k))
    added = sorted(fk - dk, key=lambda k: -lex.severity(k))
    if dropped and f.reference and not d.reference:
        out.append(NormChange(ChangeKind.MOVED_TO_LAW, d, f, pol, 0.0, detail=f.reference,
                              final_spans=(Span(f.reference, f.start, f.end),)))
        return out
    if added and d.reference and not f.reference:
        # 依照《…法》的规定处罚 -> 处…罚款: the other law's sanction written out here, not a new one
        out.append(NormChange(ChangeKind.MOVED_TO_LAW, d, f, pol, 0.0, detail=d.reference,
                              draft_spans=(Span(d.reference, d.start, d.end),)))
        return out
    if dropped and added:
        # 吊销许可证 -> 责令停业整顿: one sanction replaced by another; only the heavier of the two counts
        if lex.severity(dropped[0]) > lex.severity(added[0]):
            added = []
        elif lex.severity(added[0]) > lex.severity(dropped[0]):
            dropped = []
    for k in dropped:
        spans = tuple(s for s, kk in zip(d.sanctions, d.sanction_kinds) if kk == k)[:1]
        out.append(NormChange(ChangeKind.SANCTION_REMOVED, d, f, pol, 1.0, force="weaker", sanction=k,
                              detail=spans[0].text if spans else k, draft_spans=spans))
    for k in added:
        spans = tuple(s for s, kk in zip(f.sanctions, f.sanction_kinds) if kk == k)[:1]
        out.append(NormChange(ChangeKind.SANCTION_ADDED, d, f, pol, 1.0, force="stronger", sanction=k,
                              detail=spans[0].text if spans else k, final_spans=spans))
    return out


__all__ = ["discretionary", "quantity_changes", "quantity_polarity", "review_changes", "sanction_changes",
           "standard_changes"]
