"""``--format json``: the whole Report as one JSON object under a ``schema_version``.

Keys are stable and ordered so that the same inputs give byte-identical output.  Bump
``SCHEMA_VERSION`` (major for removals/renames, minor for additions) when the shape changes.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Article, Change, Document, Report, UnitReport, VersionMeta

SCHEMA_VERSION = "1.0"


def _article(a: Article) -> dict[str, Any]:
    return {"number": a.number, "ref": a.ref, "label": a.label, "caption": a.caption,
            "headings": list(a.headings), "line": a.line, "text": a.text}


def _document(doc: Document, meta: VersionMeta) -> dict[str, Any]:
    return {
        "path": doc.path, "title": meta.title or doc.title, "parsed_title": doc.title, "lang": doc.lang.value,
        "encoding": doc.encoding, "articles": len(doc.articles), "fallback": doc.fallback,
        "preamble": list(doc.preamble), "warnings": list(doc.warnings),
        "issuers": list(meta.issuers), "date": meta.date, "level": meta.level, "status": meta.status,
        "source": meta.source,
    }


def _change(c: Change) -> dict[str, Any]:
    return {
        "label": c.label.value,
        "effect": c.effect.value if c.effect else None,
        "secondary": c.secondary.value if c.secondary else None,
        "score": round(c.score, 4),
        "themes": list(c.themes),
        "reason": c.reason,
        "rules": [
            {"id": f.rule_id, "theme": f.theme, "direction": f.direction.value, "weight": f.weight,
             "description": f.description,
             "evidence": [{"side": e.side, "where": e.where, "text": e.text, "start": e.start, "end": e.end}
                          for e in f.evidence]}
            for f in c.firings
        ],
    }


def unit_to_dict(u: UnitReport) -> dict[str, Any]:
    unit = u.unit
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
        **_change(u.change),
        "edits": [{"op": e.op.value, "text": e.text, "draft_start": e.draft_start, "final_start": e.final_start}
                  for e in u.diff.edits],
        "draft": [_article(a) for a in unit.draft],
        "final": [_article(a) for a in unit.final],
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    from .render_signal import signal_to_dict

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "lawdiff",
        "lang": report.lang.value,
        "changed": report.changed,
        "draft": _document(report.draft, report.draft_meta),
        "final": _document(report.final, report.final_meta),
        "rules": list(report.rules_used),
        "units": [unit_to_dict(u) for u in report.units],
        "signal": signal_to_dict(report.signal),
    }


def render_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
