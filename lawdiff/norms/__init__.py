"""Stage ``norms``: each clause of both sides of every aligned unit read as a norm, and what changed.

Entry: :func:`read_norms` (word diffs -> one :class:`~lawdiff.model.UnitNorms` per unit).  How a clause
is read: :mod:`lawdiff.norms.read`; the lexicons (who is an authority, which words bind how strongly,
the ladders of instruments and sanctions, the roles of numbers) are data: ``data/norms/<lang>.yaml``,
and ``data/norms/polarity.yaml`` says what each kind of norm means for the regulated parties.
"""

from __future__ import annotations

from collections.abc import Sequence

from lawdiff.io.norm_store import load_norms, norm_key, save_norms
from lawdiff.model import ArticleDiff, Lang, UnitNorms


def read_norms(diffs: Sequence[ArticleDiff], *, lang: Lang, regulated: Sequence[str] = (),
               public: bool = False, titles: Sequence[str] = (), disk_cache: bool = True) -> tuple[UnitNorms, ...]:
    """Every unit's norms and norm changes, with norms moved between articles resolved as moves.

    ``regulated``: the names of the regulated parties (meta.yaml ``regulated:`` or inferred); ``public``:
    they are public bodies (the act regulates the administration; private actors are then protected);
    ``titles``: the two versions' titles, whose topic (审计 in 北京市审计条例) classes no act;
    ``disk_cache=False``: the lexicons are parsed, not read back from lawdiff's cache folder, and the norms
    are neither read from nor kept in it (:mod:`lawdiff.io.norm_store`: a pair read before is read back,
    without importing the reader, :mod:`lawdiff.norms.reading`)."""
    key = norm_key(diffs, lang=lang, regulated=regulated, public=public, titles=titles) if disk_cache else ""
    kept = load_norms(key, len(diffs)) if key else None
    if kept is not None:
        return kept
    from lawdiff.norms.reading import read_units

    out = read_units(diffs, lang=lang, regulated=regulated, public=public, titles=titles, disk_cache=disk_cache)
    if key:
        save_norms(key, out)
    return out


__all__ = ["read_norms"]
