"""Frozen dataclasses to plain JSON data and back, checked against their type hints: a cache format that
cannot run code.

Why not pickle: a pickle is a program; ``pickle.loads`` of a planted cache file ran code on the next
``lawdiff diff``, and a stale pickle after an upgrade loaded with values shifted into the wrong fields.
:func:`to_plain` writes each dataclass as an object of its field names; :func:`from_plain` rebuilds it
from the class's type hints, and anything that does not fit — a missing or unknown field, a wrong type,
an unknown enum value — is a :class:`PlainError`, which the cache reader takes as "recompute".

Supported: dataclasses, enums, ``str``/``int``/``float``/``bool``/``None``, ``tuple[X, ...]``,
fixed-length tuples, ``list[X]``, ``dict[str, X]``, ``X | None`` and unions of these, and compiled
regular expressions (as pattern and flags, compiled again when read).  Anything else cannot be written
(:class:`PlainError` from :func:`to_plain`), so a class that grows a field of another type is simply not
cached until this module learns it.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from enum import Enum
from functools import cache
from typing import Any


class PlainError(ValueError):
    """A value that cannot be written as plain data, or plain data that is not the value expected."""


def to_plain(value: Any) -> Any:
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, Enum):
        return to_plain(value.value)
    if isinstance(value, re.Pattern):
        if not isinstance(value.pattern, str):
            raise PlainError("a bytes pattern")
        return {"pattern": value.pattern, "flags": value.flags}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {k: to_plain(v) for k, v in value.items()}
    raise PlainError(f"cannot write a {type(value).__name__} as plain data")


@cache  # pure memoisation: a class's type hints do not change
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(tp: Any, data: Any) -> Any:
    """``data`` (from :func:`to_plain`) as a value of type ``tp``; :class:`PlainError` if it does not fit."""
    origin = typing.get_origin(tp)
    if tp is Any:
        raise PlainError("an untyped field")
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(tp):
            try:
                return from_plain(option, data)
            except PlainError:
                continue
        raise PlainError(f"{data!r:.60} fits none of {tp}")
    if tp is type(None):
        if data is None:
            return None
        raise PlainError("expected null")
    if tp in (str, bool):
        if type(data) is tp:
            return data
        raise PlainError(f"expected {tp.__name__}, got {type(data).__name__}")
    if tp is int:
        if type(data) is int:
            return data
        raise PlainError(f"expected int, got {type(data).__name__}")
    if tp is float:
        if type(data) in (int, float):
            return float(data)
        raise PlainError(f"expected a number, got {type(data).__name__}")
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(data)
        except (ValueError, TypeError):
            raise PlainError(f"{data!r:.40} is not a {tp.__name__}") from None
    if tp is re.Pattern or origin is re.Pattern:
        return _pattern(data)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp, data)
    if origin in (tuple, list):
        if not isinstance(data, list):
            raise PlainError(f"expected a list, got {type(data).__name__}")
        args = typing.get_args(tp)
        if origin is list or (len(args) == 2 and args[1] is Ellipsis):
            items = [from_plain(args[0], v) for v in data]
            return items if origin is list else tuple(items)
        if len(args) != len(data):
            raise PlainError(f"expected {len(args)} items, got {len(data)}")
        return tuple(from_plain(a, v) for a, v in zip(args, data))
    if origin is dict:
        key_type, value_type = typing.get_args(tp)
        if key_type is not str or not isinstance(data, dict):
            raise PlainError("expected an object")
        return {from_plain(str, k): from_plain(value_type, v) for k, v in data.items()}
    raise PlainError(f"cannot read a {tp} from plain data")


def _pattern(data: Any) -> re.Pattern[str]:
    if not (isinstance(data, dict) and set(data) == {"pattern", "flags"} and type(data["pattern"]) is str
            and type(data["flags"]) is int):
        raise PlainError("expected a pattern and its flags")
    try:
        return re.compile(data["pattern"], data["flags"])
    except (re.error, ValueError, TypeError, OverflowError, RecursionError):
        raise PlainError("a pattern that does not compile") from None


def _dataclass(cls: type, data: Any) -> Any:
    if not isinstance(data, dict):
        raise PlainError(f"expected an object for {cls.__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    if set(data) != set(fields):
        raise PlainError(f"{cls.__name__} fields differ: {sorted(set(data) ^ set(fields))[:5]}")
    hints = _hints(cls)
    return cls(**{name: from_plain(hints[name], data[name]) for name in fields})


__all__ = ["PlainError", "from_plain", "to_plain"]
