"""The norm cache: the norms of a pair (stage ``norms``), kept on disk as plain JSON.

Why: reading every clause of every changed unit as a norm is a pure function of the units' texts, their
articles, the parties and the shipped lexicons, and it was the largest stage of a run on a long English
pair (the EU AI Act: about half of the process).  A second run on the same pair (another ``--format``,
``--ui``, ``--only-changed``, a report after a diff) reads the norms back instead.

* ``norms/<key>.json`` — one file per pair, named by a hash of everything the norms depend on: the cache
  key of :mod:`lawdiff.io.store` (lawdiff's version, a hash of its code and data, the lexicons and
  polarity table among them, the Python version), the language, the parties and titles, and, for each
  unit, its id, kind and whether it changed, and for a unit that is read its two texts, its articles
  (``repr``: every field) and its edits.  The file repeats its key inside.
* The value is written as nested lists, one per dataclass (its fields in order), with enums as their
  values, and a change's norms as their positions among its unit's norms; the reader rebuilds each dataclass from the type annotations of :mod:`lawdiff.model.norms`
  and checks every value's type and every enum value on the way: anything unexpected (a truncated file,
  a string where a number belongs, an unknown modality) means the norms are read afresh.
* A file is written only if it reads back as exactly the norms it holds.

What a cache file must be to be read at all, and where the folder is: :mod:`lawdiff.io.store`.
``disk_cache=False`` (``lawdiff diff --no-cache``) neither reads nor writes it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from lawdiff.io.dataclass_json import Bad, Codec, as_list, codec, dataclass_codec, no_cycle_collection
from lawdiff.io.store import cache_dir, key_hash, read_json, write_result
from lawdiff.model import ArticleDiff, Lang, Norm, NormChange, UnitKind, UnitNorms

FOLDER = "norms"
MAX_FILES = 64  # files kept; the oldest half goes when there are more


def norm_key(diffs: Sequence[ArticleDiff], *, lang: Lang, regulated: Sequence[str], public: bool,
             titles: Sequence[str]) -> str:
    """The cache key of a pair's norms: everything :func:`lawdiff.norms.read_norms` reads (see the module
    docstring).  An unchanged unit is not read, so only its id and kind count."""
    parts = ["norms", Lang(lang).value, repr(tuple(regulated)), repr(public), repr(tuple(titles))]
    for d in diffs:
        u = d.unit
        parts.append(f"{u.id}\x1f{u.kind.value}\x1f{d.changed}")
        if u.kind in (UnitKind.ADDED, UnitKind.REMOVED) or d.changed:
            parts.extend((d.draft_text, d.final_text, repr(u.draft), repr(u.final), repr(d.edits)))
    return key_hash(*parts)


def _path(key: str) -> Path:
    return cache_dir() / FOLDER / f"{key}.json"


def load_norms(key: str, count: int) -> tuple[UnitNorms, ...] | None:
    """The norms kept under ``key`` (``count`` units), or None when there is no usable file."""
    with no_cycle_collection():
        data = read_json(_path(key))
        if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("units"), list):
            return None
        try:
            units = _units_codec()[1](data["units"])
        except (Bad, TypeError, ValueError, RecursionError):
            return None
    return units if len(units) == count else None


def save_norms(key: str, units: tuple[UnitNorms, ...]) -> None:
    """Write the norms under ``key`` if they read back as themselves; any failure leaves no trace."""
    write_result(_path(key), key, "units", units, _units_codec(), MAX_FILES)


@lru_cache(maxsize=1)  # pure memoisation: built from the model's annotations, which do not change in a process
def _parts() -> tuple[Codec, Codec, int, int]:
    """The codec of a norm, of a change whose two norms the caller writes, and where those two sit in it."""
    names = [f.name for f in dataclasses.fields(NormChange)]
    return codec(Norm), dataclass_codec(NormChange, {"draft": _AS_IS, "final": _AS_IS}), names.index("draft"), \
        names.index("final")


def _units_codec() -> Codec:
    """A unit as [id, draft norms, final norms, changes]; a change's norm is written as its position among the
    unit's norms of its side when it is one of them (it always is, as read: a quarter of the norms written
    and decoded less), else whole."""
    (enc, dec), (cenc, cdec), di, fi = _parts()

    def ref(n: Norm | None, where: dict[Norm, int]) -> Any:
        if n is None:
            return None
        i = where.get(n)  # a table, not side.index: a run-on article has thousands of norms and changes
        return enc(n) if i is None else i

    def positions(side: tuple[Norm, ...]) -> dict[Norm, int]:
        where: dict[Norm, int] = {}
        for i, n in enumerate(side):
            where.setdefault(n, i)  # the first of equal norms, as side.index would
        return where

    def deref(v: Any, side: tuple[Norm, ...]) -> Norm | None:
        if v is None:
            return None
        if type(v) is int:
            if not 0 <= v < len(side):
                raise Bad
            return side[v]
        n = dec(v)
        if not isinstance(n, Norm):
            raise Bad
        return n

    def encode(units: tuple[UnitNorms, ...]) -> list[Any]:
        out = []
        for u in units:
            changes = []
            dw, fw = (positions(u.draft), positions(u.final)) if u.changes else ({}, {})
            for c in u.changes:
                row = cenc(c)
                row[di], row[fi] = ref(c.draft, dw), ref(c.final, fw)
                changes.append(row)
            out.append([u.unit_id, [enc(n) for n in u.draft], [enc(n) for n in u.final], changes])
        return out

    def decode(v: Any) -> tuple[UnitNorms, ...]:
        out = []
        for row in as_list(v):
            uid, draft, final, changes = as_list(row, 4)
            if type(uid) is not str:
                raise Bad
            dn, fn = tuple(dec(x) for x in as_list(draft)), tuple(dec(x) for x in as_list(final))
            cs = []
            for c in as_list(changes):
                c = list(as_list(c))
                if len(c) <= max(di, fi):
                    raise Bad
                c[di], c[fi] = deref(c[di], dn), deref(c[fi], fn)
                cs.append(cdec(c))
            out.append(UnitNorms(uid, dn, fn, tuple(cs)))
        return tuple(out)

    return encode, decode


def _as_is(v: Any) -> Any:
    return v


_AS_IS: Codec = (_as_is, _as_is)  # a change's norms: written and checked by _units_codec


__all__ = ["FOLDER", "MAX_FILES", "load_norms", "norm_key", "save_norms"]
