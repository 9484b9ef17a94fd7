"""``--format json``: the whole Report as one JSON object under a ``schema_version``.

Keys are stable and ordered so that the same inputs give byte-identical output: no time unless asked
for (``timestamp=True`` adds ``generated_at``), and paths as given or relative, never absolute.  The
shape is pinned by ``lawdiff/data/report.schema.json`` (JSON Schema 2020-12), which the tests check
every bundled corpus against.  Bump ``SCHEMA_VERSION`` (major for removals/renames, minor for
additions) and the schema together when the shape changes.

1.1 added: document ``headings``, article ``paragraphs``, unit ``changed``, ``generated_at``.
1.2 added: unit ``findings`` (the structured reasons: norm changes with both norms), signal
``relaxing_weight`` / ``tightening_weight`` and the verdict ``insufficient evidence``; ``title_changed`` and
``preamble_changed`` (both count in ``changed``), ``warnings`` (about the comparison itself), unit ``coarse``
(the diff's time limit was reached).
1.3 added: ``versions`` (the kind of the pair — draft-final, revision, proposal-adopted —, the dates
and the order check); the rendered words a report shows, in both languages, as ``{"en": …, "zh": …}``:
unit ``reason_text``, ``rules_text`` and ``note_text`` (with the aligner's ``notes`` as data), signal ``verdict_text``, ``thresholds_text``, top
``reason_text``, commitment ``note_text``; the verdict's ``min_score`` / ``min_units``; commitment
``final_above`` and the provisional markers.  Keys and enum values stay English.  ``units`` holds the
units shown (``--only-changed``, ``--theme``; none with ``--summary``).
1.4 added: ``regulated`` — whose point of view the labels take: ``names``, ``public`` (public bodies are
regulated), ``source`` (meta, inferred, default) and the line the reports show, ``text`` in both languages.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from lawdiff.model import (
    Article,
    Change,
    Document,
    Finding,
    Lang,
    Norm,
    Paragraph,
    Report,
    Signal,
    UnitReport,
    VersionMeta,
)
from lawdiff.render.i18n import Words, verdict_shown, words_for
from lawdiff.render.indented_json import dumps
from lawdiff.render.prose import commitment_note, order_warning, regulated_line, thresholds_text, top_changes
from lawdiff.render.reasons import align_notes
from lawdiff.render.stamps import display_path, timestamp_now
from lawdiff.render.view import View, explanation, view_of

SCHEMA_VERSION = "1.4"
LANGS = (Lang.EN, Lang.ZH)


def _value(e: Enum | None) -> str:
    return "" if e is None else str(e.value)


def _paragraph(p: Paragraph) -> dict[str, Any]:
    items = [{"label": i.label, "text": i.text} for i in p.items]
    return {"number": p.number, "text": p.text, "items": items}


def _article(a: Article) -> dict[str, Any]:
    return {"number": a.number, "ref": a.ref, "label": a.label, "caption": a.caption,
            "headings": list(a.headings), "line": a.line, "text": a.text,
            "paragraphs": [_paragraph(p) for p in a.paragraphs]}


def _document(doc: Document, meta: VersionMeta) -> dict[str, Any]:
    return {
        "path": display_path(doc.path), "title": meta.title or doc.title, "parsed_title": doc.title,
        "lang": doc.lang.value,
        "encoding": doc.encoding, "articles": len(doc.articles), "fallback": doc.fallback,
        "preamble": list(doc.preamble), "warnings": list(doc.warnings),
        "issuers": list(meta.issuers), "date": meta.date, "level": _value(meta.level), "status": _value(meta.status),
        "source": meta.source,
        "headings": [{"level": h.level, "label": h.label, "title": h.title, "line": h.line}
                     for h in doc.headings],
    }


def _change(c: Change) -> dict[str, Any]:
    return {
        "label": c.label.value,
        "effect": c.effect.value if c.effect else None,
        "secondary": c.secondary.value if c.secondary else None,
        "score": round(c.score, 4),
        "themes": [t.value for t in c.themes],
        "reason": c.reason,
        "rules": [
            {"id": f.rule_id, "theme": f.theme.value, "direction": f.direction.value, "weight": f.weight,
             "description": f.description, "description_zh": f.description_zh,
             "evidence": [{"side": e.side.value, "where": e.where, "text": e.text, "start": e.start, "end": e.end}
                          for e in f.evidence]}
            for f in c.firings
        ],
        "findings": [_finding(f) for f in c.findings],
    }


def _norm(n: Norm | None) -> dict[str, Any] | None:
    if n is None:
        return None
    return {"where": n.where, "text": n.text, "bearer": n.bearer, "role": n.role.value, "modality": n.modality.value,
            "polarity": n.polarity.value, "weight": n.strength, "action_class": n.action_class, "effort": n.effort,
            "instrument": n.instrument, "sanctions": list(n.sanction_kinds),
            "quantities": [{"role": q.role.value, "value": q.value, "unit": q.unit, "comparator": q.comparator.value,
                            "text": q.text} for q in n.quantities],
            "conditions": [c.text for c in n.conditions], "exceptions": [e.text for e in n.exceptions]}


def _finding(f: Finding) -> dict[str, Any]:
    c = f.change
    extra = {k: v for k, v in (("trend", c.trend), ("force", c.force), ("quantity", c.quantity),
                               ("sanction", c.sanction), ("instrument", c.instrument)) if v}
    return {"rule": f.rule_id, "theme": f.theme.value, "direction": f.direction.value, "weight": f.weight,
            "description": f.description, "description_zh": f.description_zh, "change": c.kind.value,
            "detail": c.detail, **extra, "draft_norm": _norm(c.draft), "final_norm": _norm(c.final),
            "evidence": [{"side": q.side.value, "where": q.where, "text": q.text, "start": q.start, "end": q.end}
                         for q in f.quotes]}


def _both(make: Any) -> dict[str, Any]:
    """``{"en": make(English words), "zh": make(Chinese words)}``: rendered text in both languages."""
    return {lang.value: make(words_for(lang)) for lang in LANGS}


def unit_to_dict(u: UnitReport, report: Report | None = None) -> dict[str, Any]:
    """One unit; with ``report``, also its reason and rules as a report words them, in both languages."""
    unit = u.unit
    texts: dict[str, Any] = {}
    if report is not None:
        ex = _both(lambda w: explanation(report, u, w))  # once per language: the reason and the rules are its parts
        texts = {"reason_text": {lang: e.sentence for lang, e in ex.items()},
                 "rules_text": {lang: e.detail for lang, e in ex.items()},
                 "note_text": _both(lambda w: align_notes(report, u, w))}
    return {
        "id": unit.id,
        "kind": unit.kind.value,
        "draft_articles": [a.number for a in unit.draft],
        "final_articles": [a.number for a in unit.final],
        "draft_refs": [a.label for a in unit.draft],
        "final_refs": [a.label for a in unit.final],
        "similarity": round(unit.similarity, 4),
        "renumbered": unit.renumbered,
        "moved": unit.moved,
        "weak": unit.weak,
        "note": unit.note,
        "notes": [{"kind": n.kind.value, "similarity": round(n.similarity, 4), "why": n.why,
                   "refs": [{"side": side.value, "ref": ref, "similarity": round(sim, 4)} for side, ref, sim in n.refs]}
                  for n in unit.notes],
        "changed": u.diff.changed,
        "coarse": u.diff.coarse,
        **_change(u.change),
        **texts,
        "edits": [{"op": e.op.value, "text": e.text, "draft_start": e.draft_start, "final_start": e.final_start}
                  for e in u.diff.edits],
        "draft": [_article(a) for a in unit.draft],
        "final": [_article(a) for a in unit.final],
    }


def _versions(report: Report) -> dict[str, Any]:
    v = report.versions
    warning = _both(lambda w: order_warning(report, w)) if v.order else None
    return {"kind": v.kind.value, "kind_given": v.kind_given, "draft_date": v.draft_date,
            "final_date": v.final_date, "draft_date_inferred": v.draft_date_inferred,
            "final_date_inferred": v.final_date_inferred,
            "order": [{"sign": h.sign.value, "evidence": h.evidence, "against": h.against} for h in v.order],
            "order_warning": warning}


def _signal_texts(report: Report, out: dict[str, Any]) -> dict[str, Any]:
    """The signal dict with what a report shows of it, in both languages."""
    info, m = report.signal.information, report.signal.commitment
    out["information"]["verdict_text"] = _both(lambda w: w.verdicts[info.verdict.value])
    out["information"]["thresholds_text"] = _both(lambda w: thresholds_text(info, w))

    def top(w: Words) -> list[str]:
        return [reason for _weight, _label, _where, reason in top_changes(report, w)]

    tops = {lang.value: top(words_for(lang)) for lang in LANGS}
    for i, t in enumerate(out["information"]["top"]):
        t["reason_text"] = {lang: tops[lang][i] for lang in tops}
    out["commitment"].update(draft_provisional_marker=m.draft_provisional_marker,
                             final_provisional_marker=m.final_provisional_marker,
                             final_above=None if m.final_above is None else [x.value for x in m.final_above],
                             note_text=_both(lambda w: commitment_note(report, w)))
    return out


def report_to_dict(report: Report, view: View | None = None, *, timestamp: bool = False) -> dict[str, Any]:
    view = view_of(view, timestamp=timestamp)
    stamp = {"generated_at": timestamp_now()} if view.timestamp else {}
    units = () if view.summary else view.units(report)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "lawdiff",
        **stamp,
        "lang": report.lang.value,
        "changed": report.changed,
        "warnings": list(report.warnings),
        "title_changed": report.title_changed,
        "preamble_changed": report.preamble_changed,
        "regulated": {"names": list(report.regulated.names), "public": report.regulated.public,
                      "source": report.regulated.source, "text": {lang.value: regulated_line(report, words_for(lang)) for lang in LANGS}},
        "versions": _versions(report),
        "draft": _document(report.draft, report.draft_meta),
        "final": _document(report.final, report.final_meta),
        "rules": [display_path(r) for r in report.rules_used],
        "units": [unit_to_dict(u, report) for u in units],
        "signal": _signal_texts(report, signal_to_dict(report.signal)),
    }


def render_json(report: Report, view: View | None = None, *, timestamp: bool = False) -> str:
    return dumps(report_to_dict(report, view, timestamp=timestamp)) + "\n"  # json.dumps(…, indent=2), faster


def signal_to_dict(signal: Signal) -> dict[str, Any]:
    """The signal summary as JSON (no rich needed for JSON output): stable key order; counts as objects keyed by label / effect / word."""
    info, r, c, m = signal.information, signal.restriction, signal.coordination, signal.commitment
    return {
        "information": {
            "verdict": info.verdict.value,
            "verdict_shown": verdict_shown(info.verdict.value),
            "score": info.score,
            "relaxing": info.relaxing,
            "tightening": info.tightening,
            "relaxing_weight": info.relaxing_weight,
            "tightening_weight": info.tightening_weight,
            "thresholds": info.thresholds,
            "min_score": info.min_score,
            "min_units": info.min_units,
            "label_counts": {label.value: n for label, n in info.label_counts},
            "effect_counts": {effect.value: n for effect, n in info.effect_counts},
            "themes": [
                {
                    "theme": s.theme.value,
                    "units": s.units,
                    "relaxing": s.relaxing,
                    "tightening": s.tightening,
                    "score": s.score,
                }
                for s in info.themes
            ],
            "top": [
                {
                    "unit_id": t.unit_id,
                    "label": t.label.value,
                    "weight": t.weight,
                    "where": t.where,
                    "reason": t.reason,
                }
                for t in info.top
            ],
        },
        "restriction": {
            "draft": {
                "restriction_per_1000": r.draft_restriction_per_1000,
                "promotion_per_1000": r.draft_promotion_per_1000,
                "counts": dict(r.draft_restriction_counts + r.draft_promotion_counts),
            },
            "final": {
                "restriction_per_1000": r.final_restriction_per_1000,
                "promotion_per_1000": r.final_promotion_per_1000,
                "counts": dict(r.final_restriction_counts + r.final_promotion_counts),
            },
            "change": {
                "restriction_per_1000": round(r.final_restriction_per_1000 - r.draft_restriction_per_1000, 3),
                "promotion_per_1000": round(r.final_promotion_per_1000 - r.draft_promotion_per_1000, 3),
            },
        },
        "coordination": {
            "draft_issuers": list(c.draft_issuers),
            "final_issuers": list(c.final_issuers),
            "bases_added": list(c.bases_added),
            "bases_removed": list(c.bases_removed),
            "actors_added": list(c.actors_added),
            "actors_removed": list(c.actors_removed),
        },
        "commitment": {
            "draft_level": m.draft_level_shown,
            "final_level": m.final_level_shown,
            "draft_provisional": m.draft_provisional,
            "final_provisional": m.final_provisional,
            "note": m.note,
        },
    }
