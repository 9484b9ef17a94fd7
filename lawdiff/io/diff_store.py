"""The raw diff cache: diff-match-patch's cleaned-up diff of a long unit's two token strings, kept on disk.

Why: the raw diff of a long unit is the largest part of a warm run on it (0.33 s of the 1.3 s of a
400 KB article, almost all of it the compiled diff itself), and it is a pure function of the two encoded
token strings (:mod:`lawdiff.diff.word_diff`: one character per distinct word) — unless the unit's time
limit cut it short, and such a diff is never kept.  A second run on the same pair reads it back.

* ``diffs/<key>.json`` — one file per unit of at least :data:`MIN_TOKENS` tokens (a shorter one is diffed
  in less time than its file takes to read), named by a hash of the cache key of :mod:`lawdiff.io.store`
  (lawdiff's version, a hash of its code — the clean-up and the piece cuts among it —, the Python version),
  the diff-match-patch build that ran (:func:`lawdiff.diff.dmp.build`), the sentence-end characters and
  the two strings.  The file repeats its key inside.
* The value is the diff as run lengths, ``[op, length, op, length, …]`` with diff-match-patch's ``-1 | 0 |
  1``: the text of each run is cut from the two strings again.  The reader checks every op and length,
  that the runs spell both strings exactly, and that each equal run is the same on both sides: anything
  else means the unit is diffed afresh.
* A file is written only if it reads back as exactly the diff it holds.

What a cache file must be to be read at all, and where the folder is: :mod:`lawdiff.io.store`.
``lawdiff diff --no-cache`` neither reads nor writes it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lawdiff.io.store import cache_dir, keep_newest, key_hash, read_json, write_blob

FOLDER = "diffs"
MAX_FILES = 256  # files kept; the oldest half goes when there are more
#: Tokens of a unit (both sides) from which its diff is kept: about 4 ms of diff on the benchmark machine
#: (the EU AI Act has 20 such units, the mutated civil code none), against ~0.1 ms to read a file.
MIN_TOKENS = 2000

Raw = list[tuple[int, str]]  # diff-match-patch's (-1 | 0 | 1, text) pairs


def diff_key(a: str, b: str, ends: set[str], build: str) -> str:
    """The cache key of the diff of encoded strings ``a`` and ``b`` (see the module docstring)."""
    return key_hash("raw diff", build, "".join(sorted(ends)), a, b)


def _path(key: str) -> Path:
    return cache_dir() / FOLDER / f"{key}.json"


def load_diff(key: str, a: str, b: str) -> Raw | None:
    """The diff of ``a`` and ``b`` kept under ``key``, or None when there is no usable file."""
    data = read_json(_path(key))
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    return _decode(data.get("runs"), a, b)


def save_diff(key: str, a: str, b: str, raw: Raw) -> None:
    """Write the diff under ``key`` if it reads back as itself; any failure leaves no trace."""
    runs: list[int] = []
    for op, text in raw:
        runs += (op, len(text))
    payload = json.dumps({"key": key, "runs": runs}, separators=(",", ":"))
    if _decode(json.loads(payload)["runs"], a, b) != raw:
        return
    path = _path(key)
    write_blob(path, payload.encode("utf-8"))
    keep_newest(path.parent, MAX_FILES)


def _decode(runs: Any, a: str, b: str) -> Raw | None:
    """The diff the run lengths describe, or None when they are not what :func:`save_diff` writes."""
    if type(runs) is not list or len(runs) % 2:
        return None
    out: Raw = []
    i = j = 0
    for k in range(0, len(runs), 2):
        op, n = runs[k], runs[k + 1]
        if type(op) is not int or type(n) is not int or n <= 0:
            return None
        if op == 0:
            text = a[i : i + n]
            if len(text) != n or b[j : j + n] != text:
                return None
            i, j = i + n, j + n
        elif op == -1:
            text = a[i : i + n]
            i += n
        elif op == 1:
            text = b[j : j + n]
            j += n
        else:
            return None
        if len(text) != n:
            return None
        out.append((op, text))
    return out if (i, j) == (len(a), len(b)) else None


__all__ = ["FOLDER", "MAX_FILES", "MIN_TOKENS", "Raw", "diff_key", "load_diff", "save_diff"]
