"""Frozen dataclasses of :mod:`lawdiff.model` as plain JSON data and back, for the result caches
(:mod:`lawdiff.io.norm_store`, :mod:`lawdiff.io.align_store`).

A dataclass becomes a list of its fields in order, an enum its value, a tuple a list; the reader rebuilds
each value from the type annotations and checks every type and every enum value on the way, raising
:class:`Bad` for anything the writer does not write (a cache file is data from disk: the caller then
recomputes).  JSON keeps ``1`` and ``1.0`` apart, so a number reads back as the type it was written as.
Types it cannot keep raise ``TypeError`` when the codec is made.

Why the reader is a table and not a function per field: a pair's norms are tens of thousands of
dataclasses with a dozen or two fields each, and a call per field was most of reading them back (0.2 s
of a warm run on a 400 KB article).  So a field whose value is kept as it is (a string, a number, a
flag, or None beside one of those) is checked by its type alone in one loop, an enum is looked up in a
table of its values, and only a field holding a dataclass or a tuple calls a decoder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import gc
import operator
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


class Bad(Exception):
    """A value in a cache file that is not what the writer writes."""


class _Kept:
    """The decoder of a value kept as it is in JSON: only its type is checked.  A class rather than a
    closure so that :func:`dataclass_codec` can see the types and check them without a call."""

    __slots__ = ("kinds",)

    def __init__(self, kinds: frozenset[type]) -> None:
        self.kinds = kinds

    def __call__(self, v: Any) -> Any:
        if type(v) not in self.kinds:
            raise Bad
        return v


def dataclass_codec(cls: type, special: dict[str, Codec] | None = None) -> Codec:
    """The codec of dataclass ``cls``, with ``special`` codecs for some of its fields (by name)."""
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    codecs = [(special or {}).get(n) or codec(hints[n]) for n in names]
    n = len(codecs)
    kept = [(i, c[1].kinds) for i, c in enumerate(codecs) if isinstance(c[1], _Kept)]
    made = [(i, c[1]) for i, c in enumerate(codecs) if not isinstance(c[1], _Kept)]

    # a field kept as it is costs no call: every field is read at once, and only the others are encoded
    fields = operator.attrgetter(*names) if n > 1 else (lambda v: tuple(getattr(v, x) for x in names))
    encoded = [(i, c[0]) for i, c in enumerate(codecs) if c[0] is not _same]

    def encode(v: Any) -> list[Any]:
        out = list(fields(v))
        for i, enc in encoded:
            out[i] = enc(out[i])
        return out

    def decode(v: Any) -> Any:
        if type(v) is not list or len(v) != n:
            raise Bad
        for i, kinds in kept:
            if type(v[i]) not in kinds:
                raise Bad
        if made:
            v = v.copy()
            for i, dec in made:
                v[i] = dec(v[i])
        return cls(*v)

    return encode, decode


_NUMBER = frozenset((int, float))  # JSON keeps 1 and 1.0 apart, so the type read is the one written


def codec(tp: Any) -> Codec:
    """(encode, decode) of a value of type ``tp``: JSON data and back, decode checking every type."""
    if tp in (str, bool):
        return _same, _Kept(frozenset((tp,)))
    if tp in (int, float):
        return _same, _Kept(_NUMBER)
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        present = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(present) != 1:
            raise TypeError(f"cannot keep {tp} as JSON")
        enc, dec = codec(present[0])
        if isinstance(dec, _Kept):
            return _same, _Kept(dec.kinds | {type(None)})
        return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            enc, dec = codec(args[0])
            return (list if enc is _same else lambda v: [enc(x) for x in v]), _tuple_decoder(dec)
        codecs = [codec(a) for a in args]
        return ((lambda v: [c[0](x) for c, x in zip(codecs, v, strict=True)]),
                (lambda v: tuple(c[1](x) for c, x in zip(codecs, as_list(v, len(codecs)), strict=True))))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return operator.attrgetter("value"), _enum_decoder(tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return dataclass_codec(tp)
    raise TypeError(f"cannot keep {tp} as JSON")


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while a cache file is decoded.  Why: decoding makes tens of thousands of
    lists and dataclasses and no cycle among them, yet each batch of new objects starts a collection that
    walks them all again (a fifth of reading back a 400 KB article's norms).  Reference counting still
    frees everything; the collector's own state is restored."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _tuple_decoder(dec: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The decoder of a tuple of any length of what ``dec`` decodes (most tuples of a norm are empty)."""
    if isinstance(dec, _Kept):
        kinds = dec.kinds

        def kept(v: Any) -> tuple[Any, ...]:
            if type(v) is not list:
                raise Bad
            for x in v:
                if type(x) not in kinds:
                    raise Bad
            return tuple(v)

        return kept

    def made(v: Any) -> tuple[Any, ...]:
        if type(v) is not list:
            raise Bad
        return tuple([dec(x) for x in v]) if v else ()

    return made


def _same(v: Any) -> Any:
    return v


def as_list(v: Any, n: int | None = None) -> list[Any]:
    """``v`` if it is a list (of ``n`` items), else :class:`Bad`."""
    if not isinstance(v, list) or (n is not None and len(v) != n):
        raise Bad
    return v


def _enum_decoder(tp: type[enum.Enum]) -> Callable[[Any], Any]:
    """The member of ``tp`` with a value, looked up in a table (``tp(v)`` costs a call through EnumMeta)."""
    members = {(type(m.value), m.value): m for m in tp}

    def decode(v: Any) -> Any:
        try:
            return members[type(v), v]
        except (KeyError, TypeError):  # TypeError: a list or an object is not hashable
            raise Bad from None

    return decode


__all__ = ["Bad", "Codec", "as_list", "codec", "dataclass_codec", "no_cycle_collection"]
