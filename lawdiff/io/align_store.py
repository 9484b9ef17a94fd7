"""The alignment cache: the aligned units of a pair (stage ``align``), kept on disk as plain JSON.

Why: the alignment is a pure function of the two versions' articles and the language, and it was the
largest stage left of a second run on a long pair (a quarter of a run on the mutated civil code).  A
second run on the same pair (another ``--format``, ``--ui``, ``--only-changed``) reads it back.

* ``align/<key>.json`` — one file per pair, named by a hash of the cache key of :mod:`lawdiff.io.store`
  (lawdiff's version, a hash of its code and data, the Python version), the language and both versions'
  articles (``repr``: every field of every article, which is all the aligner reads).  The file repeats
  its key inside.
* A unit is kept with its articles as their positions in their documents, every other field as
  :mod:`lawdiff.io.dataclass_json` writes it (and checks it on the way back: a position out of range, an
  article given twice, an unknown unit kind mean the pair is aligned afresh).
* A file is written only if it reads back as exactly the units it holds.

What a cache file must be to be read at all, and where the folder is: :mod:`lawdiff.io.store`.
``lawdiff diff --no-cache`` neither reads nor writes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lawdiff.io.dataclass_json import Bad, Codec, as_list, dataclass_codec
from lawdiff.io.store import cache_dir, key_hash, read_json, write_result
from lawdiff.model import AlignedUnit, Article, Document, Lang

FOLDER = "align"
MAX_FILES = 64  # files kept; the oldest half goes when there are more


def align_key(draft: Document, final: Document, lang: Lang) -> str:
    """The cache key of a pair's alignment (see the module docstring)."""
    return key_hash("align", Lang(lang).value, repr(draft.articles), repr(final.articles))


def _path(key: str) -> Path:
    return cache_dir() / FOLDER / f"{key}.json"


def _positions(articles: tuple[Article, ...]) -> Codec:
    """Articles as their positions in ``articles`` and back; an article not in it cannot be kept."""
    where = {id(a): i for i, a in enumerate(articles)}

    def encode(v: tuple[Article, ...]) -> list[int]:
        return [where[id(a)] for a in v]  # KeyError: not an article of the document

    def decode(v: Any) -> tuple[Article, ...]:
        out = []
        for i in as_list(v):
            if type(i) is not int or not 0 <= i < len(articles):
                raise Bad
            out.append(articles[i])
        return tuple(out)

    return encode, decode


def _units_codec(draft: Document, final: Document) -> Codec:
    enc, dec = dataclass_codec(AlignedUnit, {"draft": _positions(draft.articles), "final": _positions(final.articles)})

    def encode(units: tuple[AlignedUnit, ...]) -> list[Any]:
        return [enc(u) for u in units]

    def decode(v: Any) -> tuple[AlignedUnit, ...]:
        units = tuple(dec(x) for x in as_list(v))
        for side, articles in (("draft", draft.articles), ("final", final.articles)):
            seen = [id(a) for u in units for a in getattr(u, side)]
            if len(seen) != len(set(seen)) or len(seen) != len(articles):
                raise Bad  # every article of both documents is in exactly one unit
        return units

    return encode, decode


def load_alignment(key: str, draft: Document, final: Document) -> tuple[AlignedUnit, ...] | None:
    """The units kept under ``key``, or None when there is no usable file."""
    data = read_json(_path(key))
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    try:
        return _units_codec(draft, final)[1](data.get("units"))
    except (Bad, TypeError, ValueError, RecursionError):
        return None


def save_alignment(key: str, draft: Document, final: Document, units: tuple[AlignedUnit, ...]) -> None:
    """Write the units under ``key`` if they read back as themselves; any failure leaves no trace."""
    write_result(_path(key), key, "units", units, _units_codec(draft, final), MAX_FILES)


__all__ = ["FOLDER", "MAX_FILES", "align_key", "load_alignment", "save_alignment"]
