"""The word diff cache: the edits of every unit of a pair (stage ``diff``), kept on disk as plain JSON.

Why: the word diff is a pure function of a unit's two texts, the language and the tokenizer's dictionary,
unless the unit's time limit cut it short (such a unit is never kept), and it was the largest stage of a
warm run on a long article (0.41 s of the 1.3 s of a 400 KB article: the compiled diff itself, then jieba's
segmentation read back and the encoding) and a large one on a long code (0.46 s of the civil code mutated
at 5,000 articles: a thousand changed articles tokenized).  A second run on the same pair reads the edits
back and tokenizes nothing.

* ``diffs/<key>.json`` — one file per pair, named by a hash of the cache key of :mod:`lawdiff.io.store`
  (lawdiff's version, a hash of its code and data — the legal user dictionary among them —, the Python
  version), what the tokens depend on besides (:func:`lawdiff.io.cache.salt`: the installed jieba
  dictionary), the diff-match-patch build (:func:`lawdiff.diff.dmp.build`), the language, and every unit's
  two texts with their lengths.  The file repeats its key inside.
* A unit's edits are written as ``[op, draft length, final length, …]`` (op 0 equal, 1 delete, 2 insert),
  their texts and offsets cut from the unit's texts again; a unit the time limit cut short as ``null``,
  diffed afresh.  The reader checks every op and length, that the edits cover both texts exactly, that a
  deletion or insertion is on one side only, and that both sides of an equal stretch are the same text
  (up to width and spacing, as the diff compares them): anything else means the pair is diffed afresh.
* A file is written only if it reads back as exactly the edits it holds.

What a cache file must be to be read at all, and where the folder is: :mod:`lawdiff.io.store`.
``lawdiff diff --no-cache`` neither reads nor writes it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lawdiff.io.store import cache_dir, keep_newest, key_hash, read_json, write_blob
from lawdiff.model import Edit, Lang, Op
from lawdiff.text.normalize import key as text_key

FOLDER = "diffs"
MAX_FILES = 64  # files kept; the oldest half goes when there are more
_OPS = (Op.EQUAL, Op.DELETE, Op.INSERT)  # an op's code in a file is its position here

Texts = tuple[str, str]  # a unit's draft and final text
Edits = tuple[Edit, ...]


def diff_key(texts: Sequence[Texts], *, lang: Lang, tokens: str, build: str) -> str:
    """The cache key of a pair's word diff (see the module docstring).  ``tokens``: what the tokenizer's
    answers depend on besides the text; ``build``: the diff-match-patch build."""
    parts = ["word diffs", Lang(lang).value, tokens, build]
    for d, f in texts:
        parts += (f"{len(d)} {len(f)}", d, f)
    return key_hash(*parts)


def _path(key: str) -> Path:
    return cache_dir() / FOLDER / f"{key}.json"


def load_diffs(key: str, texts: Sequence[Texts]) -> list[Edits | None] | None:
    """The edits of each unit kept under ``key`` (None for a unit to diff afresh), or None when there is no
    usable file."""
    data = read_json(_path(key))
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    units = data.get("units")
    if type(units) is not list or len(units) != len(texts):
        return None
    out: list[Edits | None] = []
    for runs, (d, f) in zip(units, texts):
        if runs is None:
            out.append(None)
            continue
        edits = _decode(runs, d, f)
        if edits is None:
            return None
        out.append(edits)
    return out


def save_diffs(key: str, texts: Sequence[Texts], edits: Sequence[Edits | None]) -> None:
    """Write each unit's edits (None: not kept) under ``key`` if they read back as themselves; any failure
    leaves no trace."""
    units = [None if e is None else _encode(e, len(f)) for e, (_d, f) in zip(edits, texts, strict=True)]
    payload = json.dumps({"key": key, "units": units}, separators=(",", ":"))
    back = json.loads(payload)["units"]
    if [None if r is None else _decode(r, d, f) for r, (d, f) in zip(back, texts)] != list(edits):
        return
    path = _path(key)
    write_blob(path, payload.encode("utf-8"))
    keep_newest(path.parent, MAX_FILES)


def _encode(edits: Edits, final_length: int) -> list[int]:
    out: list[int] = []
    for k, e in enumerate(edits):
        final_end = edits[k + 1].final_start if k + 1 < len(edits) else final_length
        if e.op is Op.EQUAL:
            out += (0, len(e.text), final_end - e.final_start)
        elif e.op is Op.DELETE:
            out += (1, len(e.text), 0)
        else:
            out += (2, 0, len(e.text))
    return out


def _decode(runs: Any, d: str, f: str) -> Edits | None:
    """The edits the lengths describe over texts ``d`` and ``f``, or None when they are not what
    :func:`save_diffs` writes."""
    if type(runs) is not list or len(runs) % 3:
        return None
    out: list[Edit] = []
    i = j = 0
    for k in range(0, len(runs), 3):
        code, dn, fn = runs[k : k + 3]
        if type(code) is not int or type(dn) is not int or type(fn) is not int or dn < 0 or fn < 0:
            return None
        if code == 0 and dn and fn:
            text, other = d[i : i + dn], f[j : j + fn]
            if text != other and text_key(text) != text_key(other):
                return None
        elif code == 1 and dn and not fn:
            text = d[i : i + dn]
        elif code == 2 and fn and not dn:
            text = f[j : j + fn]
        else:
            return None
        out.append(Edit(_OPS[code], text, i, j))
        i, j = i + dn, j + fn
    return tuple(out) if (i, j) == (len(d), len(f)) else None


__all__ = ["FOLDER", "MAX_FILES", "diff_key", "load_diffs", "save_diffs"]
