"""The verdict cache: what the last stages made of a pair, kept on disk as plain JSON.

Why: once a pair's alignment, tokens and norms are kept (:mod:`lawdiff.io.align_store`,
:mod:`lawdiff.io.cache`, :mod:`lawdiff.io.norm_store`), a second run on it (another ``--format``, ``--ui``,
``--only-changed``, a report after a diff) spent most of its time importing and building what judges the
changes — the rule tables and their patterns, the party inference, the signal word lists — to reach the
same verdict.  A :class:`Verdict` is each unit's :class:`~lawdiff.model.Change`, the pair's
:class:`~lawdiff.model.Signal` and :class:`~lawdiff.model.Versions`, the regulated parties and the rule
tables used: everything of a :class:`~lawdiff.model.Report` that is not the documents and their diffs.

* ``verdicts/<key>.json`` — one file per pair, named by a hash of everything a verdict depends on: the
  cache key of :mod:`lawdiff.io.store` (lawdiff's version, a hash of its code and data — the shipped rule
  tables, lexicons and word lists among them —, the Python version), the language, the two documents
  (``repr``: every field), what is known about each version, the regulated parties and the kind given, and
  each unit's id, kind, texts, articles and edits.  Only the shipped rule tables are covered: a run given
  rule tables of its own (``--rules``, or :func:`lawdiff.pipeline.compare`'s ``rules``) neither reads nor
  writes a verdict.  The file repeats its key inside.
* Values are written and checked as in the norm cache (:mod:`lawdiff.io.dataclass_json`): anything
  unexpected means the verdict is reached afresh, and a file is written only if it reads back as exactly
  the verdict it holds.

What a cache file must be to be read at all, and where the folder is: :mod:`lawdiff.io.store`.
``disk_cache=False`` (``lawdiff diff --no-cache``) neither reads nor writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lawdiff.io.dataclass_json import Bad, Codec, codec
from lawdiff.io.store import cache_dir, key_hash, read_json, write_result
from lawdiff.model import (
    ArticleDiff,
    Change,
    Document,
    Lang,
    PairKind,
    Regulated,
    Signal,
    UnitKind,
    VersionMeta,
    Versions,
)

FOLDER = "verdicts"
MAX_FILES = 64  # files kept; the oldest half goes when there are more


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the stages after the diff made of a pair (see the module docstring)."""

    changes: tuple[Change, ...]  # one per unit, in the units' order
    signal: Signal
    versions: Versions
    regulated: Regulated
    rules_used: tuple[str, ...]


def verdict_key(draft: Document, final: Document, diffs: Sequence[ArticleDiff], *, lang: Lang,
                draft_meta: VersionMeta, final_meta: VersionMeta, regulated: Sequence[str],
                kind: PairKind | None) -> str:
    """The cache key of a pair's verdict: everything the stages after the diff read (see the module
    docstring).  An unchanged unit's texts are its articles' texts, so its articles stand for them."""
    parts = ["verdict", Lang(lang).value, repr(draft), repr(final), repr(draft_meta), repr(final_meta),
             repr(tuple(regulated)), repr(kind)]
    for d in diffs:
        u = d.unit
        parts.append(f"{u.id}\x1f{u.kind.value}\x1f{d.changed}\x1f{d.coarse}\x1f{u.draft!r}\x1f{u.final!r}")
        if u.kind in (UnitKind.ADDED, UnitKind.REMOVED) or d.changed:
            parts.extend((d.draft_text, d.final_text, repr(d.edits)))
    return key_hash(*parts)


def _path(key: str) -> Path:
    return cache_dir() / FOLDER / f"{key}.json"


def load_verdict(key: str, count: int) -> Verdict | None:
    """The verdict kept under ``key`` (``count`` units), or None when there is no usable file."""
    data = read_json(_path(key))
    if not isinstance(data, dict) or data.get("key") != key or "verdict" not in data:
        return None
    try:
        verdict = _codec()[1](data["verdict"])
    except (Bad, TypeError, ValueError, RecursionError):
        return None
    return verdict if len(verdict.changes) == count else None


def save_verdict(key: str, verdict: Verdict) -> None:
    """Write the verdict under ``key`` if it reads back as itself; any failure leaves no trace."""
    write_result(_path(key), key, "verdict", verdict, _codec(), MAX_FILES)


@lru_cache(maxsize=1)  # pure memoisation: built from the model's annotations, which do not change in a process
def _codec() -> Codec:
    return codec(Verdict)


__all__ = ["FOLDER", "MAX_FILES", "Verdict", "load_verdict", "save_verdict", "verdict_key"]
