"""Shipped data files kept parsed on disk, as plain JSON, so that a run neither parses their YAML nor
imports the schema checker.

Why: the norm lexicon, the polarity table, the norm rules, the signal word lists and a pair's meta.yaml
are YAML read with a pure-Python parser and checked against their schemas; on a short regulation that was
a third of a run, and importing ``jsonschema`` alone another fifth.  What is kept is the *data* the
parser gave (for a file read with line numbers, :class:`lawdiff.io.yaml_data.Map` and :class:`Seq` with their
lines, so that every rule keeps its line), after it passed its schema; the tables are built from it again
on each run (compiling their patterns), which is cheap.  Plain data only: nothing in a cache file can run
code (STYLE: caches hold plain data, never pickle).

A copy is keyed like every cache file (:func:`lawdiff.io.store.key_hash`: lawdiff's version, a hash of the
package's code and data, schemas included, the Python version) and by the file's name and text, so a
development checkout that changes how a table is read never reads an old copy.  It is read and written
through :mod:`lawdiff.io.store` (a regular file of the user's own, written atomically).  A copy is written
only if it reads back as exactly the object built from the file, and anything wrong with one (missing,
damaged, unwritable, of another shape) means the file is simply parsed again; ``disk_cache=False``
(``lawdiff diff --no-cache``) neither reads nor writes it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from lawdiff.io import store
from lawdiff.io.yaml_data import Map, Seq

T = TypeVar("T")
#: The file-name prefix of a parsed copy (``lawdiff cache info`` counts them by it).
PREFIX = "parsed-"


def load_parsed(name: str, text: str, parse: Callable[[], Any], build: Callable[[Any], T], *,
                disk_cache: bool = True) -> T:
    """``build(parse())`` — the table made from the data file ``name`` whose text is ``text`` — with the
    parsed (and checked) data read back from lawdiff's cache folder when a copy for exactly this text and
    code is there.  ``parse`` raises for a file with a problem, so such a file is never kept."""
    if not disk_cache:
        return build(parse())
    path = store.cache_dir() / f"{PREFIX}{name}-{store.key_hash('parsed', name, text)}.json"
    kept = store.read_json(path)
    if kept is not None:
        try:
            return build(from_json(kept))
        except Exception:  # noqa: BLE001 - a damaged or foreign cache file must never fail a run
            pass
    data = parse()
    built = build(data)
    try:
        payload = json.dumps(to_json(data), ensure_ascii=False, allow_nan=False)
        if build(from_json(json.loads(payload))) == built:  # kept only if it reads back as the same table
            store.write_blob(path, payload.encode("utf-8"))
    except (TypeError, ValueError, RecursionError):
        pass  # data JSON cannot hold (a date, a set): the file is parsed on every run
    return built


def to_json(value: Any) -> Any:
    """Parsed YAML as JSON: a :class:`Map` or :class:`Seq` with its lines, a plain mapping or list,
    text, numbers, booleans and null.  Anything else raises :class:`TypeError`."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, Map):
        return {"map": [[k, to_json(v)] for k, v in value.items()], "line": value.line,
                "key_lines": value.key_lines, "repeated": [list(r) for r in value.repeated]}
    if isinstance(value, Seq):
        return {"seq": [to_json(v) for v in value], "line": value.line, "item_lines": value.item_lines}
    if type(value) is dict and all(type(k) is str for k in value):
        return {"dict": [[k, to_json(v)] for k, v in value.items()]}
    if type(value) is list:
        return {"list": [to_json(v) for v in value]}
    raise TypeError(f"cannot keep a {type(value).__name__} as JSON")


def from_json(value: Any) -> Any:
    """The inverse of :func:`to_json`."""
    if not isinstance(value, dict):
        return value
    if "map" in value:
        m = Map((k, from_json(v)) for k, v in value["map"])
        m.line, m.key_lines = value["line"], dict(value["key_lines"])
        m.repeated = [(k, a, b) for k, a, b in value["repeated"]]
        return m
    if "seq" in value:
        s = Seq(from_json(v) for v in value["seq"])
        s.line, s.item_lines = value["line"], list(value["item_lines"])
        return s
    if "dict" in value:
        return {k: from_json(v) for k, v in value["dict"]}
    return [from_json(v) for v in value["list"]]


__all__ = ["PREFIX", "from_json", "load_parsed", "to_json"]
