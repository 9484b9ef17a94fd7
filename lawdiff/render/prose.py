"""The sentences about the pair and the signal, made from the Report's records in the reader's language.

The signal stage keeps English one-liners (``Information.thresholds``, ``Commitment.note``) for JSON and
for ``lawdiff check``; a report builds its own from the numbers and enums beside them — the verdict's
thresholds, the levels, the provisional markers, the levels above the final's — so that nothing a reader
sees is a translation of English prose.
"""

from __future__ import annotations

import math

from lawdiff.model import Document, Information, Level, Notice, Report, UnitReport
from lawdiff.render.i18n import Words
from lawdiff.render.reasons import clip, unit_where
from lawdiff.render.stamps import display_path
from lawdiff.render.view import explanation


def level_text(level: Level | None, is_draft: bool, w: Words) -> str:
    """'部门规章（草案）', 'draft departmental rule', '效力层级不明'."""
    if level is None:
        return w.p("unknown_level")
    name = w.levels[level.value]
    # a proposal is a draft by definition: "draft legislative proposal" would say it twice
    return w.p("draft_level", level=name) if is_draft and level is not Level.LEGISLATIVE_PROPOSAL else name


def thresholds_text(info: Information, w: Words) -> str:
    units = round(info.relaxing + info.tightening)
    return w.p("thresholds", min_score=info.min_score, lead=math.sqrt(units), units=units, min_units=info.min_units)


def _marker(marker: str, w: Words) -> str:
    return w.provisional.get(marker, marker)


def commitment_note(report: Report, w: Words) -> str:
    """Provisional status, the final's rank in the hierarchy of norms, and a change of level."""
    m, kind = report.signal.commitment, report.versions.kind
    draft, final = w.side_short(kind, 0), w.side_short(kind, 1)
    parts: list[str] = []
    if m.final_provisional and m.draft_provisional:
        parts.append(w.p("prov_both", final=final, draft=draft, marker=_marker(m.final_provisional_marker, w)))
    elif m.final_provisional:
        parts.append(w.p("prov_final", final=final, draft=draft, marker=_marker(m.final_provisional_marker, w)))
    elif m.draft_provisional:
        parts.append(w.p("prov_draft", final=final, draft=draft, marker=_marker(m.draft_provisional_marker, w)))
    else:
        parts.append(w.p("not_prov"))
    level = level_text(m.final_level, m.final_is_draft, w)
    if m.final_level is not None and m.final_above is not None:
        if m.final_above:
            above = w.join([w.p("plural", level=w.levels[x.value]) for x in m.final_above])
            parts.append(w.p("rank_below", level=level, above=above))
        else:
            parts.append(w.p("rank_top", level=level, apex=w.apex[report.lang.value]))
    else:
        parts.append(level)
    if m.draft_level != m.final_level and m.draft_level is not None and m.final_level is not None:
        parts.append(w.p("level_changed", level=level_text(m.draft_level, m.draft_is_draft, w)))
    return w.sep.join(parts)


def order_warning(report: Report, w: Words) -> str:
    """One line when the second file looks older or like the draft; "" when the order looks right."""
    hints = report.versions.order
    if not hints:
        return ""
    signs = [w.p(h.sign.value, evidence=h.evidence, against=h.against) for h in hints]
    kind = report.versions.kind
    return w.p("order", file=display_path(report.final.path) or report.final.title, signs=w.join(signs),
               first=w.side(kind, 0), second=w.side(kind, 1))


def notice_text(n: Notice, w: Words) -> str:
    """A warning about an input file, from its record: '第 6 行：条号由第二条跳至第五条'."""
    where = w.p("notice_line", line=n.line) if n.line else ""
    return where + w.phrases[f"notice_{n.kind.value}"].format(*n.values)


def count_text(doc: Document, w: Words) -> str:
    """'69 条', '85 articles'; a text read paragraph by paragraph (¶N, such as EU recitals without articles)
    counts paragraphs, not articles."""
    n = len(doc.articles)
    noun = ("paragraph" if n == 1 else "paragraphs") if doc.fallback else ("article" if n == 1 else "articles")
    return w.p("count", n=n, noun=w.p(noun))


def kind_line(report: Report, w: Words) -> str:
    v = report.versions
    return w.p("kind_line", kind=w.kind_names[v.kind.value], how="" if v.kind_given else w.p("kind_inferred"))


def regulated_line(report: Report, w: Words) -> str:
    """Whose point of view the labels take, and where that came from (meta.yaml, inferred, nobody)."""
    r = report.regulated
    if not r.names:
        return w.p("regulated_line", names=w.p("regulated_default"), how="", public="")
    how = w.p("regulated_meta") if r.source == "meta" else w.p("regulated_inferred") if r.source == "inferred" else ""
    return w.p("regulated_line", names=w.names(r.names), how=how, public=w.p("regulated_public") if r.public else "")


def date_of(report: Report, i: int, w: Words) -> str:
    """The date shown for version ``i``: meta.yaml's as given, else the one read from the text, marked."""
    v, meta = report.versions, (report.draft_meta, report.final_meta)[i]
    if meta.date:
        return meta.date
    found = v.final_date if i else v.draft_date
    return found + w.inferred if found else ""


def top_changes(report: Report, w: Words) -> list[tuple[float, str, str, str]]:
    """(signed weight, label, where, reason) of the weightiest changes, the reasons made from their findings."""
    by_id: dict[str, UnitReport] = {u.change.unit_id: u for u in report.units}
    out = []
    for t in report.signal.information.top:
        u = by_id.get(t.unit_id)
        if u is None:  # a report assembled by hand: fall back to what the summary recorded
            out.append((t.weight, w.labels[t.label.value], t.where, clip(t.reason, 120)))
            continue
        e = explanation(report, u, w, brief=True)
        out.append((t.weight, e.head, unit_where(u, w, report.versions.kind), e.body))
    return out


__all__ = ["commitment_note", "count_text", "notice_text", "date_of", "kind_line", "level_text", "order_warning",
           "regulated_line", "thresholds_text", "top_changes"]
