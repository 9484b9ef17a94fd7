"""Render a :class:`~lawdiff.evaluation.check.CheckResult`: terminal text, Markdown (CI job summaries) and JSON.

JUnit XML lives in :mod:`lawdiff.evaluation.junit`.  Every renderer reads only the result, prints pairs in
the result's order and never a clock or a path it was not given, so the same corpus gives the same
bytes on every run and for every ``--jobs``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from lawdiff.evaluation.annotations import Split
from lawdiff.evaluation.check import CheckResult
from lawdiff.evaluation.metrics import LABELS, Agreement, Bars, Counts, Outcome, PairResult, Predicted
from lawdiff.text.controls import safe

#: 1.1: ``split`` and ``bars`` per pair, ``signal.is_bar``, ``overall_dev`` and ``overall_heldout``;
#: ``overall`` pools the dev pairs only (the same as ``overall_dev``; every pair when none is held out).
#: 1.2: ``changed_accuracy`` (changed units only, effects included), ``verdicts_right`` / ``verdicts_total``.
SCHEMA_VERSION = "1.2"
SPLIT_NAMES = {Split.DEV: "dev", Split.HELDOUT: "held out"}
HELDOUT_SIGNAL = "held out: reported, not a bar"
_ABBR = {"unchanged": "unch", "reworded": "rewd", "relaxed": "relx", "tightened": "tght", "added": "add",
         "removed": "rem"}


def fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _labels(counts: Counts) -> list[str]:
    used = {g for g, _p, _n in counts.confusion} | {p for _g, p, _n in counts.confusion}
    return [label for label in LABELS if label in used]


def predicted_text(p: Predicted) -> str:
    effect = f"/{p.effect.value}" if p.effect is not None else ""
    rules = ", ".join(p.rules) if p.rules else "none"
    return f"{p.id} {p.label.value}{effect} (rules: {rules})"


def disagreement_lines(o: Outcome) -> list[str]:
    """The facts of one disagreement, one per line, shared by every format."""
    g = o.gold
    gold = g.label.value + (f"/{g.effect.value}" if g.effect is not None else "")
    if o.status is Agreement.ALIGNMENT:
        tool = "; ".join(predicted_text(p) for p in o.predicted) or "no unit"
        return [f"alignment: gold unit {g.id} ({gold}) was not aligned; the tool has {tool}",
                f"rationale: {g.rationale}"]
    p = o.predicted[0]
    tool = p.label.value + (f"/{p.effect.value}" if p.effect is not None else "")
    what = "label" if o.status is Agreement.LABEL else "effect"
    return [f"{what}: gold {gold}, tool {tool}",
            f"rules fired: {', '.join(p.rules) if p.rules else 'none'}",
            f"tool reason: {p.reason}",
            f"rationale: {g.rationale}"]


def signal_text(r: PairResult) -> str:
    s = r.signal
    if s is None:
        return "not annotated (no expect_signal)"
    want = []
    if s.expected_verdict is not None:
        want.append(s.expected_verdict.value)
    if s.expected_score is not None:
        want.append(f"score in [{s.expected_score[0]:+.2f}, {s.expected_score[1]:+.2f}]")
    text = f"{s.verdict.value} {s.score:+.3f}, expected {' '.join(want)}: {'ok' if s.ok else 'FAILS'}"
    if r.heldout:
        return f"{text} ({HELDOUT_SIGNAL})"
    return text if r.signal_is_bar else f"{text} (reported, not a bar: see the pair's bars.reason)"


def bars_text(b: Bars, ge: str = ">=") -> str:
    out = f"label accuracy {ge} {b.min_label_accuracy:.2f}, alignment F1 {ge} {b.min_alignment_f1:.2f}"
    if b.min_effect_accuracy is not None:
        out += f", effect accuracy {ge} {b.min_effect_accuracy:.2f}"
    return out


def _n_pairs(n: int) -> str:
    return f"{n} pair{'' if n == 1 else 's'}"


def _pool_text(pairs: Sequence[PairResult], c: Counts) -> str:
    return (f"{_n_pairs(len(pairs))}, {c.gold} gold units; alignment F1 {fmt(c.f1)}, label accuracy "
            f"{fmt(c.label_accuracy)}, changed-unit accuracy {fmt(c.changed_accuracy)} "
            f"({c.changed_correct}/{c.changed_total}), effect accuracy {fmt(c.effect_accuracy)}, verdicts right "
            f"{c.verdicts_right}/{c.verdicts_total}; {sum(len(r.disagreements) for r in pairs)} disagreements")


def _coverage_text(r: PairResult) -> str:
    parts = []
    if r.unannotated_draft:
        parts.append(f"draft {', '.join(r.unannotated_draft)}")
    if r.unannotated_final:
        parts.append(f"final {', '.join(r.unannotated_final)}")
    return "; ".join(parts)


# --------------------------------------------------------------------------- terminal


def render_terminal(result: CheckResult, *, style: Callable[..., str] | None = None) -> str:
    """Plain text; ``style`` (``click.style``) colours PASS / FAIL when writing to a terminal."""
    st = style or (lambda text, **_kw: text)

    def verdict(ok: bool) -> str:
        return st("PASS", fg="green", bold=True) if ok else st("FAIL", fg="red", bold=True)

    b = result.bars
    out = [f"lawdiff check: bars {bars_text(b)} (from {safe(b.source)})", ""]
    for r in result.pairs:
        out += _pair_terminal(r, verdict)
    for folder, why in result.skipped:
        out.append(f"{safe(folder)}: skipped ({why})")
    if result.skipped:
        out.append("")
    dev, held = result.dev_pairs, result.heldout_pairs
    if dev:
        out.append(f"overall dev {verdict(result.dev_passed)}: {_pool_text(dev, result.overall)}")
    else:
        out.append("overall dev: no dev pairs (every pair is held out)")
    if held:
        out.append(f"overall held out {verdict(result.heldout_passed)} (pooled figures reported, not a bar): "
                   f"{_pool_text(held, result.overall_heldout)}")
    for s in result.shortfalls:
        out.append(f"  below the bar: {s} (dev pairs pooled)")
    for r in result.pairs:
        for s in r.shortfalls:
            out.append(f"  below the bar: {safe(r.pair)}: {s}")
    return "\n".join(out) + "\n"


def _pair_terminal(r: PairResult, verdict: Callable[[bool], str]) -> list[str]:
    c = r.counts
    out = [f"{safe(r.pair)} {verdict(r.passed)}  [{SPLIT_NAMES[r.split]}]  ({safe(r.annotations)})",
           f"  gold units   {c.gold} reviewed, {r.unreviewed} unreviewed (not gold); {c.predicted} tool units scored"]
    if r.bars is not None and r.bars.own:
        out.append(f"  own bars     {bars_text(r.bars)} ({safe(r.bars.source)}): {r.bars.reason}")
    cov = _coverage_text(r)
    if cov:
        out.append(f"  unannotated  {cov}")
    out += [
        (f"  alignment    P {fmt(c.precision)}  R {fmt(c.recall)}  F1 {fmt(c.f1)}  ({c.matched} of {c.gold} "
         f"gold units aligned, {c.unmatched} unmatched)"),
        f"  labels       accuracy {fmt(c.label_accuracy)} ({c.label_correct}/{c.matched} aligned units)",
        (f"  changed      accuracy {fmt(c.changed_accuracy)} ({c.changed_correct}/{c.changed_total} changed units, "
         f"effects included); unchanged {c.unchanged[0]}/{c.unchanged[1]}"),
        f"  effects      accuracy {fmt(c.effect_accuracy)} ({c.effect_correct}/{c.effect_total} added/removed)",
        f"  signal       {signal_text(r)}",
    ]
    labels = _labels(c)
    if labels:
        out.append("  confusion    (rows gold, columns tool)")
        out.append(" " * 17 + " ".join(f"{_ABBR[x]:>5}" for x in labels))
        for g in labels:
            out.append(f"    {g:<13}" + " ".join(f"{c.cell(g, p) or '.':>5}" for p in labels))
        out.append("  per label    " + "   ".join(
            f"{s.label} P {fmt(s.precision)} R {fmt(s.recall)}" for s in c.per_label()))
    dis = r.disagreements
    out.append(f"  disagreements ({len(dis)}):" if dis else "  disagreements: none")
    for o in dis:
        out.append(f"  - {o.gold.where} [{o.gold.id}, {r.annotations} line {o.gold.line}]")
        out += [f"      {line}" for line in disagreement_lines(o)]
    for s in r.shortfalls:
        out.append(f"  below the bar: {s}")
    out.append("")
    return out


# --------------------------------------------------------------------------- markdown


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: CheckResult) -> str:
    b = result.bars
    head = "✅ passed" if result.passed else "❌ below the bar"
    out = [f"## lawdiff check: {head}", "", f"Bars: {bars_text(b, '≥')} (from `{b.source}`).", "",
           ("| pair | split | result | gold (unreviewed) | alignment P / R / F1 | label accuracy | effect accuracy "
            "| signal | disagreements |"),
           "|---|---|---|---|---|---|---|---|---|"]
    for r in result.pairs:
        k = r.counts
        sig = "—" if r.signal is None else ("ok" if r.signal.ok else "**fails**")
        if r.signal is not None and r.heldout:
            sig += " (not a bar)"
        out.append(f"| `{r.pair}` | {SPLIT_NAMES[r.split]} | {'pass' if r.passed else '**fail**'} | {k.gold} "
                   f"({r.unreviewed}) | {fmt(k.precision)} / {fmt(k.recall)} / {fmt(k.f1)} | {fmt(k.label_accuracy)} "
                   f"({k.label_correct}/{k.matched}) | {fmt(k.effect_accuracy)} | {sig} | {len(r.disagreements)} |")
    for name, pairs, c, ok in (("overall dev", result.dev_pairs, result.overall, result.dev_passed),
                               ("overall held out", result.heldout_pairs, result.overall_heldout,
                                result.heldout_passed)):
        if pairs:
            res = "pass" if ok else "**fail**"
            out.append(f"| **{name}** | {_n_pairs(len(pairs))} | {res} | {c.gold} "
                       f"({sum(r.unreviewed for r in pairs)}) | {fmt(c.precision)} / {fmt(c.recall)} / {fmt(c.f1)} | "
                       f"{fmt(c.label_accuracy)} ({c.label_correct}/{c.matched}) | {fmt(c.effect_accuracy)} | | "
                       f"{sum(len(r.disagreements) for r in pairs)} |")
    if result.heldout_pairs:
        out += ["", ("The pooled bars apply to the dev pairs only. A held-out pair is held to its own bars "
                     "(else the global ones); its pooled figures and its expected signal are reported, not "
                     "bars.")]
    for folder, why in result.skipped:
        out.append(f"\nSkipped `{folder}`: {why}.")
    falls = ([f"dev pairs pooled: {s}" for s in result.shortfalls]
             + [f"{r.pair}: {s}" for r in result.pairs for s in r.shortfalls])
    if falls:
        out += ["", "Below the bar:", ""] + [f"- {s}" for s in falls]
    for r in result.pairs:
        title = f"{r.pair} (held out)" if r.heldout else r.pair
        out += ["", f"### {title}", "", f"Signal: {signal_text(r)}."]
        if r.bars is not None and r.bars.own:
            out.append(f"Own bars: {bars_text(r.bars, '≥')} (`{r.bars.source}`): {_md(r.bars.reason or '')}")
        if _coverage_text(r):
            out.append(f"Unannotated articles: {_coverage_text(r)}.")
        labels = _labels(r.counts)
        if labels:
            out += ["", ("<details><summary>Confusion matrix (rows gold, columns tool) and per-label scores"
                         "</summary>"), "", "| gold \\ tool | " + " | ".join(labels) + " |",
                    "|---|" + "---:|" * len(labels)]
            for g in labels:
                out.append(f"| {g} | " + " | ".join(str(r.counts.cell(g, p)) for p in labels) + " |")
            out += ["", "| label | precision | recall | gold | tool |", "|---|---:|---:|---:|---:|"]
            out += [f"| {s.label} | {fmt(s.precision)} | {fmt(s.recall)} | {s.gold} | {s.predicted} |"
                    for s in r.counts.per_label()]
            out += ["", "</details>"]
        dis = r.disagreements
        if dis:
            out += ["", f"Disagreements ({len(dis)}):", "", "| unit | gold | tool | rules fired | gold rationale |",
                    "|---|---|---|---|---|"]
            for o in dis:
                gu = o.gold
                tool = "; ".join(f"{p.id} {p.label.value}" + (f"/{p.effect.value}" if p.effect else "")
                                 for p in o.predicted) or "—"
                rules = "; ".join(", ".join(p.rules) or "none" for p in o.predicted) or "—"
                gl = gu.label.value + (f"/{gu.effect.value}" if gu.effect else "")
                where = f"{gu.where} ({o.status.value}; line {gu.line})"
                out.append(f"| {_md(where)} | {gl} | {_md(tool)} | {_md(rules)} | {_md(gu.rationale)} |")
        else:
            out += ["", "No disagreements."]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- json


def _counts(c: Counts) -> dict[str, Any]:
    return {
        "gold_units": c.gold, "tool_units_scored": c.predicted, "aligned": c.matched, "unmatched": c.unmatched,
        "alignment": {"precision": _r(c.precision), "recall": _r(c.recall), "f1": _r(c.f1)},
        "label_accuracy": _r(c.label_accuracy), "label_correct": c.label_correct,
        "effect_accuracy": _r(c.effect_accuracy), "effect_correct": c.effect_correct, "effect_total": c.effect_total,
        "changed_accuracy": _r(c.changed_accuracy), "changed_correct": c.changed_correct,
        "changed_total": c.changed_total, "verdicts_right": c.verdicts_right, "verdicts_total": c.verdicts_total,
        "confusion": [{"gold": g, "tool": p, "count": n} for g, p, n in c.confusion],
        "per_label": [{"label": s.label, "precision": _r(s.precision), "recall": _r(s.recall), "gold": s.gold,
                       "tool": s.predicted, "correct": s.correct} for s in c.per_label()],
    }


def _bars(b: Bars) -> dict[str, Any]:
    out: dict[str, Any] = {"min_label_accuracy": b.min_label_accuracy, "min_alignment_f1": b.min_alignment_f1}
    if b.min_effect_accuracy is not None:
        out["min_effect_accuracy"] = b.min_effect_accuracy
    out["source"] = b.source
    if b.reason is not None:
        out["reason"] = b.reason
    return out


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _pred(p: Predicted) -> dict[str, Any]:
    return {"id": p.id, "kind": p.kind, "draft": list(p.draft), "final": list(p.final), "label": p.label.value,
            "effect": p.effect.value if p.effect else None, "rules": list(p.rules), "reason": p.reason,
            "weak": p.weak}


def _outcome(o: Outcome) -> dict[str, Any]:
    g = o.gold
    return {"id": g.id, "where": g.where, "line": g.line, "status": o.status.value, "draft": list(g.draft),
            "final": list(g.final), "gold_label": g.label.value, "gold_effect": g.effect.value if g.effect else None,
            "rationale": g.rationale, "tool": [_pred(p) for p in o.predicted]}


def result_to_dict(result: CheckResult) -> dict[str, Any]:
    pairs = []
    for r in result.pairs:
        s = r.signal
        pairs.append({
            "pair": r.pair, "split": r.split.value, "path": r.path, "annotations": r.annotations, "passed": r.passed,
            "bars": None if r.bars is None else _bars(r.bars),
            "shortfalls": list(r.shortfalls), "unreviewed": r.unreviewed,
            "unannotated": {"draft": list(r.unannotated_draft), "final": list(r.unannotated_final)},
            **_counts(r.counts),
            "signal": None if s is None else {
                "verdict": s.verdict.value, "score": round(s.score, 4),
                "expected_verdict": s.expected_verdict.value if s.expected_verdict is not None else None,
                "expected_score": list(s.expected_score) if s.expected_score else None, "ok": s.ok,
                "is_bar": r.signal_is_bar},
            "disagreements": [_outcome(o) for o in r.disagreements],
            "unreviewed_units": [_outcome(o) for o in r.outcomes if o.status is Agreement.UNREVIEWED],
        })
    dev = {"pairs": len(result.dev_pairs), "shortfalls": list(result.shortfalls), **_counts(result.overall)}
    return {
        "schema_version": SCHEMA_VERSION, "tool": "lawdiff check", "passed": result.passed,
        "bars": _bars(result.bars),
        "overall": dev,
        "overall_dev": dev,
        "overall_heldout": {"pairs": len(result.heldout_pairs), **_counts(result.overall_heldout)},
        "pairs": pairs,
        "skipped": [{"path": f, "reason": why} for f, why in result.skipped],
    }


def render_json(result: CheckResult) -> str:
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=2) + "\n"
