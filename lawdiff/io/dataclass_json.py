"""Frozen dataclasses of :mod:`lawdiff.model` as plain JSON data and back, for the result caches
(:mod:`lawdiff.io.norm_store`, :mod:`lawdiff.io.align_store`).

A dataclass becomes a list of its fields in order, an enum its value, a tuple a list; the reader rebuilds
each value from the type annotations and checks every type and every enum value on the way, raising
:class:`Bad` for anything the writer does not write (a cache file is data from disk: the caller then
recomputes).  JSON keeps ``1`` and ``1.0`` apart, so a number reads back as the type it was written as.
Types it cannot keep raise ``TypeError`` when the codec is made.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


class Bad(Exception):
    """A value in a cache file that is not what the writer writes."""


def dataclass_codec(cls: type, special: dict[str, Codec] | None = None) -> Codec:
    """The codec of dataclass ``cls``, with ``special`` codecs for some of its fields (by name)."""
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    codecs = [(special or {}).get(n) or codec(hints[n]) for n in names]
    pairs = list(zip(names, codecs))

    def encode(v: Any) -> list[Any]:
        return [c[0](getattr(v, n)) for n, c in pairs]

    def decode(v: Any) -> Any:
        return cls(*[c[1](x) for c, x in zip(codecs, as_list(v, len(codecs)), strict=True)])

    return encode, decode


def codec(tp: Any) -> Codec:
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
        enc, dec = codec(present[0])
        return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            enc, dec = codec(args[0])
            return (lambda v: [enc(x) for x in v]), (lambda v: tuple(dec(x) for x in as_list(v)))
        codecs = [codec(a) for a in args]
        return ((lambda v: [c[0](x) for c, x in zip(codecs, v, strict=True)]),
                (lambda v: tuple(c[1](x) for c, x in zip(codecs, as_list(v, len(codecs)), strict=True))))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return (lambda v: v.value), (lambda v: _enum(tp, v))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return dataclass_codec(tp)
    raise TypeError(f"cannot keep {tp} as JSON")


def _same(v: Any) -> Any:
    return v


def _checked(kinds: tuple[type, ...]) -> Callable[[Any], Any]:
    def decode(v: Any) -> Any:
        if not isinstance(v, kinds) or (bool not in kinds and isinstance(v, bool)):
            raise Bad
        return v

    return decode


def as_list(v: Any, n: int | None = None) -> list[Any]:
    """``v`` if it is a list (of ``n`` items), else :class:`Bad`."""
    if not isinstance(v, list) or (n is not None and len(v) != n):
        raise Bad
    return v


def _enum(tp: type[enum.Enum], v: Any) -> Any:
    try:
        return tp(v)
    except ValueError:
        raise Bad from None


__all__ = ["Bad", "Codec", "as_list", "codec", "dataclass_codec"]
