"""Stage ``norms``: each clause of both sides of every aligned unit read as a norm, and what changed.

Entry: :func:`read_norms` (word diffs -> one :class:`~lawdiff.model.UnitNorms` per unit).  How a clause
is read: :mod:`lawdiff.norms.read`; the lexicons (who is an authority, which words bind how strongly,
the ladders of instruments and sanctions, the roles of numbers) are data: ``data/norms/<lang>.yaml``,
and ``data/norms/polarity.yaml`` says what each kind of norm means for the regulated parties.
"""

from __future__ import annotations

from collections.abc import Sequence

from lawdiff.io.norm_store import load_norms, norm_key, save_norms
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


def read_norms(diffs: Sequence[ArticleDiff], *, lang: Lang, regulated: Sequence[str] = (),
               public: bool = False, titles: Sequence[str] = (), disk_cache: bool = True) -> tuple[UnitNorms, ...]:
    """Every unit's norms and norm changes, with norms moved between articles resolved as moves.

    ``regulated``: the names of the regulated parties (meta.yaml ``regulated:`` or inferred); ``public``:
    they are public bodies (the act regulates the administration; private actors are then protected);
    ``titles``: the two versions' titles, whose topic (审计 in 北京市审计条例) classes no act;
    ``disk_cache=False``: the lexicons are parsed, not read back from lawdiff's cache folder, and the norms
    are neither read from nor kept in it (:mod:`lawdiff.io.norm_store`: a pair read before is read back)."""
    key = norm_key(diffs, lang=lang, regulated=regulated, public=public, titles=titles) if disk_cache else ""
    kept = load_norms(key, len(diffs)) if key else None
    if kept is not None:
        return kept
    lex = load_lexicon(Lang(lang).value, disk_cache=disk_cache)
    reader = Reader(Lang(lang), Parties(tuple(regulated), public, title_subjects(titles, lex)), lex,
                    disk_cache=disk_cache)
    out = resolve_moves([read_unit(d, reader) for d in diffs])
    if key:
        save_norms(key, out)
    return out


def title_subjects(titles: Sequence[str], lex: Lexicon) -> tuple[str, ...]:
    """The topics the titles name (北京市审计条例 -> 审计; 上海市音像制品管理条例 -> 音像制品), each once."""
    rx = lex.title_subject
    found = (m.group("subject") for t in titles if rx is not None and (m := rx.match(t.strip())) is not None)
    return tuple(dict.fromkeys(found))


__all__ = ["Parties", "Reader", "read_norms", "read_unit", "title_subjects"]
