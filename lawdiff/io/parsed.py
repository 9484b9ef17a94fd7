"""Shipped data files kept parsed on disk, as the keyword rule table is (:func:`lawdiff.classify.rules.shipped_rules`).

Why: the norm lexicon, the norm rules and the signal word lists are YAML read with a pure-Python parser and
checked against their schemas; on a short regulation that was a third of a run, and importing
``jsonschema`` alone another fifth.  Their parsed form is read back from lawdiff's cache folder instead.

The copy is keyed by everything that could change it: lawdiff's version, the file's text, the fields of
the classes stored (a copy written by other code is never read into these classes) and the source of the
modules that build it (a development checkout that changes how a table is read never reads an old copy).
Anything wrong with the copy (missing, damaged, unwritable, of another type) means the file is simply
parsed again; ``disk_cache=False`` (``lawdiff diff --no-cache``) neither reads nor writes it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from lawdiff import __version__
from lawdiff.io.cache import cache_dir, read_blob, write_blob

T = TypeVar("T")


def key(name: str, text: str, shapes: Sequence[type], modules: Sequence[str], also: Sequence[str] = ()) -> str:
    """The cache key of one parsed file (see the module docstring for what goes in); ``also``: other texts
    the parsed form depends on (the schema it is checked against)."""
    h = hashlib.sha256("\0".join([__version__, name, text, *also, ""]).encode())
    h.update(repr([(c.__name__, [(f.name, str(f.type)) for f in dataclasses.fields(c)])
                   for c in shapes]).encode())
    for m in modules:
        source = getattr(sys.modules.get(m), "__file__", None)
        try:
            h.update(Path(source).read_bytes() if source else m.encode())
        except OSError:
            h.update(m.encode())
    return h.hexdigest()[:24]


def load_parsed(name: str, text: str, build: Callable[[], T], kind: type[T], *, shapes: Sequence[type],
                modules: Sequence[str], also: Sequence[str] = (), disk_cache: bool = True) -> T:
    """``build()`` — the parsed form of the data file ``name`` whose text is ``text`` — read back from
    lawdiff's cache folder when a copy for exactly this text and code is there, else built and stored."""
    if not disk_cache:
        return build()
    path = cache_dir() / f"{name}-{key(name, text, shapes, modules, also)}.pickle"
    blob = read_blob(path)
    if blob is not None:
        try:
            found = pickle.loads(blob)
            if isinstance(found, kind):
                return found
        except Exception:  # noqa: BLE001 - a damaged cache file must never fail a run
            pass
    built = build()
    write_blob(path, pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
    return built


__all__ = ["key", "load_parsed"]
