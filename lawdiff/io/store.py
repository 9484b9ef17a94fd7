"""lawdiff's cache folder: where it is, what a file must be to be read from it, and how it is kept tidy.

The caches (:mod:`lawdiff.io.cache`: segmented tokens; the norms of each pair,
:mod:`lawdiff.io.norm_store`, their alignment, :mod:`lawdiff.io.align_store`, their word diff,
:mod:`lawdiff.io.diff_store`, and their verdict, :mod:`lawdiff.io.verdict_store`; the parsed shipped
rule tables, :func:`lawdiff.classify.rules.shipped_rules`; the other shipped tables and meta.yaml files as
parsed, :mod:`lawdiff.io.parsed`) are an optimisation only, so a cache file is
read only when nothing about it is unexpected, and anything unexpected means "recompute":

* **plain data only**: JSON.  Nothing in a cache file can run code: no pickle anywhere (a planted
  ``rules-*.pickle`` once ran code on the next ``lawdiff diff``);
* **a regular file of the user's own**, opened without following a link and without blocking: a FIFO, a
  device, a link, a folder, a file owned by someone else or writable by others is ignored (a FIFO once
  hung the run; a shared ``LAWDIFF_CACHE_DIR`` let another user plant files);
* **at most** :data:`MAX_BYTES`, and checked for shape and types by its reader after decoding;
* **keyed by everything the answer depends on** (:func:`cache_key`): lawdiff's version, a hash of the
  package's code and data files (a development checkout between two versions changes it, so a stale file
  can never be read into classes that changed), the Python version and :data:`FORMAT`.

Cache files are written atomically (:func:`lawdiff.io.write.write_atomic`) with mode ``0644`` whatever the
umask, so that the ownership check above accepts them.  Temporary files left by a killed process (ours,
``.NAME.<hex>.tmp``, and jieba's old ``tmpXXXXXXXX`` dictionary dumps) are removed once they are an hour
old, and the dictionary files of older versions (:data:`OBSOLETE`) at once.  ``lawdiff cache info|clear``
(:func:`cache_info`, :func:`clear_cache`) shows and removes only the files lawdiff makes; the folder may be
one the user shares with other things.

Where: ``$LAWDIFF_CACHE_DIR`` if set; else ``%LOCALAPPDATA%\\lawdiff\\Cache`` on Windows,
``$XDG_CACHE_HOME/lawdiff`` or ``~/.cache/lawdiff`` elsewhere (no ``platformdirs`` dependency for three
lines).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from lawdiff import __version__
from lawdiff.errors import OutputError
from lawdiff.io.dataclass_json import Bad, Codec
from lawdiff.io.write import write_atomic

ENV = "LAWDIFF_CACHE_DIR"
#: The layout of every cache file; bump it when one changes shape.
FORMAT = 2
#: The largest cache file read (the tokens of the largest texts are a few MB).
MAX_BYTES = 64 * 1024 * 1024
#: Age after which a temporary file in the cache folder is a leftover of a killed process.
STALE_SECONDS = 3600
#: The folders inside the cache folder: a file per document (tokens) or per pair (norms, align, diffs, verdicts).
SUBFOLDERS = ("tokens", "norms", "align", "diffs", "verdicts")
#: Files of older versions in the cache folder, never read: jieba's dictionary split by first character
#: (lawdiff before 2026-12-05; about 10 MB) and jieba's own dictionary dump.
OBSOLETE = ("jieba-prefix-*.bin", "jieba.cache")
_LEFTOVER = re.compile(r"^(?:\..+\.[0-9a-f]{12}\.tmp|tmp[a-z0-9_]{8})$")
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
               | getattr(os, "O_BINARY", 0))


def cache_dir() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else Path.home() / "AppData" / "Local") / "lawdiff" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "lawdiff"


@lru_cache(maxsize=1)  # pure memoisation: the installed package does not change under a running process
def code_hash() -> str:
    """SHA-256 of every file of the installed package (its code and its data), with their paths: 2 ms."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(folder) / name
            with contextlib.suppress(OSError):
                data = path.read_bytes()
                h.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
                h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def cache_key() -> str:
    """What every cache file is keyed by (see the module docstring)."""
    py = f"{sys.implementation.name} {'.'.join(map(str, sys.version_info[:3]))}"
    return f"lawdiff {__version__}; code {code_hash()[:16]}; python {py}; format {FORMAT}"


def key_hash(*parts: str) -> str:
    """A file-name-safe hash of :func:`cache_key` and ``parts``."""
    h = hashlib.sha256(cache_key().encode())
    for p in parts:
        h.update(b"\x1e")
        h.update(p.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:40]


# ------------------------------------------------------------------------------------------ reading


def _trusted(st: os.stat_result) -> bool:
    if os.name != "posix":
        return True
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_blob(path: Path, limit: int = MAX_BYTES) -> bytes | None:
    """The bytes of a cache file, or None: missing, not a regular file of the user's own (see the module
    docstring), larger than ``limit``, or unreadable.  Never blocks, never follows a link."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except (OSError, ValueError):
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit or not _trusted(st):
            return None
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks) if size <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def read_json(path: Path, limit: int = MAX_BYTES) -> Any:
    """The JSON value of a cache file, or None when there is none that decodes (the caller checks its shape)."""
    blob = read_blob(path, limit)
    if blob is None:
        return None
    try:
        return json.loads(blob.decode("utf-8"))
    except (ValueError, RecursionError, MemoryError):  # UnicodeDecodeError is a ValueError
        return None


# ------------------------------------------------------------------------------------------ writing


def write_blob(path: Path, payload: bytes) -> None:
    """Write a cache file atomically; any failure leaves no trace and raises nothing: a cache that cannot be
    written is only slower."""
    with contextlib.suppress(OutputError):
        write_atomic(path, payload, cache=True)


def write_json(path: Path, value: Any) -> None:
    try:
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return
    write_blob(path, payload)


def write_result(path: Path, key: str, name: str, value: Any, codec: Codec, most: int) -> None:
    """Write a result cache file, ``{"key": key, name: <value encoded>}``, only if it reads back as exactly
    ``value``, then keep the ``most`` newest of its folder (:func:`keep_newest`); any failure leaves no trace
    (:mod:`lawdiff.io.align_store`, :mod:`lawdiff.io.norm_store`, :mod:`lawdiff.io.verdict_store`)."""
    encode, decode = codec
    try:
        payload = json.dumps({"key": key, name: encode(value)}, ensure_ascii=False, separators=(",", ":"),
                             allow_nan=False)
        if decode(json.loads(payload)[name]) != value:
            return
    except (Bad, AttributeError, KeyError, TypeError, ValueError, RecursionError):
        return
    write_blob(path, payload.encode("utf-8"))
    keep_newest(path.parent, most)


def keep_newest(folder: Path, most: int) -> None:
    """Past ``most`` JSON files in ``folder``, remove the oldest half (a result cache stays bounded)."""
    with contextlib.suppress(OSError):
        files = list(folder.glob("*.json"))
        if len(files) > most:
            files.sort(key=lambda p: p.stat().st_mtime)
            for p in files[: len(files) // 2]:
                with contextlib.suppress(OSError):
                    p.unlink()


def prune_leftovers(folder: Path, *, older_than: float = STALE_SECONDS) -> int:
    """Remove temporary files of killed processes (ours and jieba's) older than ``older_than`` seconds, in
    the cache folder and its :data:`SUBFOLDERS`, and the files of older versions (:data:`OBSOLETE`)."""
    removed = 0
    now = time.time()
    with contextlib.suppress(OSError):
        for p in [p for pattern in OBSOLETE for p in folder.glob(pattern)]:
            with contextlib.suppress(OSError):
                if stat.S_ISREG(p.lstat().st_mode):
                    p.unlink()
                    removed += 1
    for sub in (folder, *(folder / sub for sub in SUBFOLDERS)):
        with contextlib.suppress(OSError):
            for p in sub.iterdir():
                with contextlib.suppress(OSError):
                    st = p.lstat()
                    if _LEFTOVER.match(p.name) and stat.S_ISREG(st.st_mode) and now - st.st_mtime >= older_than:
                        p.unlink()
                        removed += 1
    return removed


# ------------------------------------------------------------------------------------------ info, clear


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of file in the cache folder."""

    name: str
    patterns: tuple[str, ...]  # globs relative to the cache folder
    what: str


KINDS = (
    Kind("tokens", ("tokens/*.json",), "jieba's segmentation of each document compared (one file per text)"),
    Kind("align", ("align/*.json",), "the alignment of each pair compared (one file per pair)"),
    Kind("norms", ("norms/*.json",), "the norms read from each pair compared (one file per pair)"),
    Kind("diffs", ("diffs/*.json",), "the word diff of each pair compared (one file per pair)"),
    Kind("verdicts", ("verdicts/*.json",),
         "what was judged of each pair compared: labels, signal, versions (one file per pair)"),
    Kind("rules", ("rules-*.json",), "the shipped rule tables, parsed and checked"),
    Kind("parsed", ("parsed-*.json",),
         "the shipped norm lexicons, norm rules, polarity and signal tables, and meta.yaml files, parsed and checked"),
    Kind("leftovers", ("rules-*.pickle", *OBSOLETE),
         "files of older lawdiff versions and temporary files of killed runs: never read"),
)


def _files(folder: Path, kind: Kind) -> list[Path]:
    out: set[Path] = set()
    with contextlib.suppress(OSError):
        for pattern in kind.patterns:
            out.update(p for p in folder.glob(pattern) if not p.is_dir())
        if kind.name == "leftovers":
            for sub in (folder, *(folder / sub for sub in SUBFOLDERS)):
                if sub.is_dir():
                    out.update(p for p in sub.iterdir() if _LEFTOVER.match(p.name) and not p.is_dir())
    return sorted(out)


def cache_info(folder: Path | None = None) -> list[tuple[Kind, int, int]]:
    """(kind, files, bytes) for each kind of file in the cache folder."""
    folder = folder or cache_dir()
    out = []
    for kind in KINDS:
        files = _files(folder, kind)
        size = 0
        for p in files:
            with contextlib.suppress(OSError):
                size += p.lstat().st_size
        out.append((kind, len(files), size))
    return out


def clear_cache(folder: Path | None = None) -> tuple[int, int]:
    """Remove every file lawdiff makes in the cache folder (nothing else); (files, bytes) removed.  The
    folders are removed too when that leaves them empty."""
    folder = folder or cache_dir()
    files = bytes_ = 0
    for kind in KINDS:
        for p in _files(folder, kind):
            with contextlib.suppress(OSError):
                size = p.lstat().st_size
                p.unlink()
                files, bytes_ = files + 1, bytes_ + size
    for empty in (*(folder / sub for sub in SUBFOLDERS), folder):
        with contextlib.suppress(OSError):
            empty.rmdir()
    return files, bytes_


__all__ = ["ENV", "FORMAT", "KINDS", "MAX_BYTES", "OBSOLETE", "Kind", "cache_dir", "cache_info", "cache_key", "clear_cache",
           "code_hash", "keep_newest", "key_hash", "prune_leftovers", "read_blob", "read_json", "write_blob", "write_json", "write_result"]
