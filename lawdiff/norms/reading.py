"""Reading the norms of a pair afresh: each unit's two sides, what changed between them, and the norms that
moved between units.

Kept apart from :func:`lawdiff.norms.read_norms` because a pair read before is read back from lawdiff's
cache folder (:mod:`lawdiff.io.norm_store`): this module, and with it the reader, the lexicons and the
hundreds of patterns they compile, is imported only when there is something to read.
"""

from __future__ import annotations

from collections.abc import Sequence

from lawdiff.model import ArticleDiff, Lang, UnitKind, UnitNorms
from lawdiff.norms.compare import changes
from lawdiff.norms.lexicon import Lexicon, load_lexicon
from lawdiff.norms.moves import resolve_moves
from lawdiff.norms.read import Parties, Reader
from lawdiff.text import match_text


def read_unit(diff: ArticleDiff, reader: Reader) -> UnitNorms:
    """The norms of one unit's two sides and their changes; an unchanged unit is not read (no norms, no changes)."""
    unit = diff.unit
    if unit.kind not in (UnitKind.ADDED, UnitKind.REMOVED) and not diff.changed:
        return UnitNorms(unit.id, (), (), ())  # nothing changed: nothing to judge, nothing moved (most units)
    dn = reader.read(diff.draft_text, unit.draft, "draft", match_text(diff.draft_text)) if unit.draft else ()
    fn = reader.read(diff.final_text, unit.final, "final", match_text(diff.final_text)) if unit.final else ()
    return UnitNorms(unit.id, dn, fn, tuple(changes(dn, fn, reader.lex, diff.edits)))


def read_units(diffs: Sequence[ArticleDiff], *, lang: Lang, regulated: Sequence[str], public: bool,
               titles: Sequence[str], disk_cache: bool) -> tuple[UnitNorms, ...]:
    """Every unit read (:func:`read_unit`), with norms moved between units resolved as moves; the arguments
    are :func:`lawdiff.norms.read_norms`'s."""
    lex = load_lexicon(Lang(lang).value, disk_cache=disk_cache)
    reader = Reader(Lang(lang), Parties(tuple(regulated), public, title_subjects(titles, lex)), lex,
                    disk_cache=disk_cache)
    return resolve_moves([read_unit(d, reader) for d in diffs])


def title_subjects(titles: Sequence[str], lex: Lexicon) -> tuple[str, ...]:
    """The topics the titles name (北京市审计条例 -> 审计; 上海市音像制品管理条例 -> 音像制品), each once."""
    rx = lex.title_subject
    found = (m.group("subject") for t in titles if rx is not None and (m := rx.match(t.strip())) is not None)
    return tuple(dict.fromkeys(found))


__all__ = ["Parties", "Reader", "read_unit", "read_units", "title_subjects"]
