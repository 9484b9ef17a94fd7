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
  values; the reader rebuilds each dataclass from the type annotations of :mod:`lawdiff.model.norms`
  and checks every value's type and every enum value on the way: anything unexpected (a truncated file,
  a string where a number belongs, an unknown modality) means the norms are read afresh.
* A file is written only if it reads back as exactly the norms it holds.

What a cache file must be to be read at all, and where the folder is: :mod:`lawdiff.io.store`.
``disk_cache=False`` (``lawdiff diff --no-cache``) neither reads nor writes it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import json
import types
import typing
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from lawdiff.io.store import cache_dir, key_hash, read_json, write_blob
from lawdiff.model import ArticleDiff, Lang, UnitKind, UnitNorms

FOLDER = "norms"
MAX_FILES = 64  # files kept; the oldest half goes when there are more

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


class _Bad(Exception):
    """A value in a cache file that is not what the writer writes."""


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
    data = read_json(_path(key))
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("units"), list):
        return None
    try:
        units = _units_codec()[1](data["units"])
    except (_Bad, TypeError, ValueError, RecursionError):
        return None
    return units if len(units) == count else None


def save_norms(key: str, units: tuple[UnitNorms, ...]) -> None:
    """Write the norms under ``key`` if they read back as themselves; any failure leaves no trace."""
    try:
        encode, decode = _units_codec()
        value = encode(units)
        payload = json.dumps({"key": key, "units": value}, ensure_ascii=False, separators=(",", ":"),
                             allow_nan=False)
        if decode(json.loads(payload)["units"]) != units:
            return
    except (_Bad, AttributeError, TypeError, ValueError, RecursionError):
        return
    path = _path(key)
    write_blob(path, payload.encode("utf-8"))
    with contextlib.suppress(OSError):
        files = list(path.parent.glob("*.json"))
        if len(files) > MAX_FILES:
            files.sort(key=lambda p: p.stat().st_mtime)
            for p in files[: len(files) // 2]:
                with contextlib.suppress(OSError):
                    p.unlink()


@lru_cache(maxsize=1)  # pure memoisation: built from the model's annotations, which do not change in a process
def _units_codec() -> Codec:
    return _codec(tuple[UnitNorms, ...])


def _codec(tp: Any) -> Codec:
    """(encode, decode) of a value of type ``tp``: JSON data and back, decode checking every type."""
    if tp in (str, bool):
        return _same, _checked((tp,))
    if tp in (int, float):
        return _same, _checked((int, float))  # JSON keeps 1 and 1.0 apart, so the type read is the one written
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        present = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(present) != 1:
            raise TypeError(f"cannot keep {tp} as JSON")
        enc, dec = _codec(present[0])
        return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            enc, dec = _codec(args[0])
            return (lambda v: [enc(x) for x in v]), (lambda v: tuple(dec(x) for x in _list(v)))
        codecs = [_codec(a) for a in args]
        return ((lambda v: [c[0](x) for c, x in zip(codecs, v, strict=True)]),
                (lambda v: tuple(c[1](x) for c, x in zip(codecs, _list(v, len(codecs)), strict=True))))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return (lambda v: v.value), (lambda v: _enum(tp, v))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_codec(tp)
    raise TypeError(f"cannot keep {tp} as JSON")


def _dataclass_codec(cls: type) -> Codec:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    codecs = [_codec(hints[n]) for n in names]
    pairs = list(zip(names, codecs))

    def encode(v: Any) -> list[Any]:
        return [c[0](getattr(v, n)) for n, c in pairs]

    def decode(v: Any) -> Any:
        return cls(*[c[1](x) for c, x in zip(codecs, _list(v, len(codecs)), strict=True)])

    return encode, decode


def _same(v: Any) -> Any:
    return v


def _checked(kinds: tuple[type, ...]) -> Callable[[Any], Any]:
    def decode(v: Any) -> Any:
        if not isinstance(v, kinds) or (bool not in kinds and isinstance(v, bool)):
            raise _Bad
        return v

    return decode


def _list(v: Any, n: int | None = None) -> list[Any]:
    if not isinstance(v, list) or (n is not None and len(v) != n):
        raise _Bad
    return v


def _enum(tp: type[enum.Enum], v: Any) -> Any:
    try:
        return tp(v)
    except ValueError:
        raise _Bad from None


__all__ = ["FOLDER", "MAX_FILES", "load_norms", "norm_key", "save_norms"]
