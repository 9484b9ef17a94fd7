"""On-disk cache of jieba segmentations, so that running lawdiff again on the same texts never loads jieba.

One file per document, named by a hash of its article texts and of everything the segmentation depends
on: the lawdiff version, the bundled user dictionary, jieba's dictionary file and the cache format.
A file holds the segmented CJK runs of that document as ``"词 词 词"`` strings (a run is CJK characters
only, so a space cannot occur in it; the run is the tokens joined, so a file cannot map a run to tokens
that do not spell it).

Where: ``$LAWDIFF_CACHE_DIR`` if set; else ``%LOCALAPPDATA%\\lawdiff\\Cache`` on Windows,
``$XDG_CACHE_HOME/lawdiff`` or ``~/.cache/lawdiff`` elsewhere (no ``platformdirs`` dependency for three
lines).  The cache is an optimisation only: a missing, corrupt, foreign or unwritable cache is ignored
silently and the text is tokenized as if there were none (``lawdiff diff --no-cache`` skips it).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from . import __version__
from . import tokenize as _tok
from .model import Document, Lang

ENV = "LAWDIFF_CACHE_DIR"
FORMAT = 1
MAX_FILES = 256  # token files kept; the oldest half goes when there are more


def cache_dir() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else Path.home() / "AppData" / "Local") / "lawdiff" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "lawdiff"


@lru_cache(maxsize=1)
def salt() -> str:
    """What a segmentation depends on besides the text (without importing jieba: that is the point)."""
    user = (resources.files("lawdiff") / "data" / "legal_dict.txt").read_bytes()
    jieba_dict = "?"
    with contextlib.suppress(Exception):
        spec = find_spec("jieba")
        if spec and spec.origin:
            st = os.stat(os.path.join(os.path.dirname(spec.origin), "dict.txt"))
            jieba_dict = f"{st.st_size}-{st.st_mtime_ns}"
    return (f"lawdiff {__version__}; format {FORMAT}; user dict {hashlib.sha256(user).hexdigest()[:16]}; "
            f"jieba dict {jieba_dict}")


def document_key(doc: Document, lang: Lang) -> str:
    h = hashlib.sha256(f"{salt()}\n{lang.value}\n".encode())
    for a in doc.articles:
        h.update(a.text.encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()[:40]


def _path(key: str) -> Path:
    return cache_dir() / "tokens" / f"{key}.json"


def load(key: str) -> dict[str, tuple[str, ...]]:
    """Segmented runs stored under ``key``; empty when there is no usable file."""
    try:
        data = json.loads(_path(key).read_bytes())
        if data.get("salt") != salt():
            return {}
        out: dict[str, tuple[str, ...]] = {}
        for seg in data["runs"]:
            tokens = tuple(seg.split(" "))
            if all(tokens):
                out["".join(tokens)] = tokens
        return out
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def save(key: str, segmented: dict[str, tuple[str, ...]]) -> None:
    """Write atomically (temp file + rename); any failure leaves no trace and raises nothing."""
    import tempfile  # only a run that segmented something new writes

    tmp = None
    try:
        folder = _path(key).parent
        folder.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"salt": salt(), "runs": [" ".join(t) for t in segmented.values()]},
                             ensure_ascii=False, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(payload)
        os.replace(tmp, _path(key))
        tmp = None
        _prune(folder)
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: Path) -> None:
    files = list(folder.glob("*.json"))
    if len(files) <= MAX_FILES:
        return
    files.sort(key=lambda p: p.stat().st_mtime)
    for p in files[: len(files) // 2]:
        with contextlib.suppress(OSError):
            p.unlink()


@contextlib.contextmanager
def token_cache(docs: Sequence[Document], lang: Lang, *, enabled: bool = True) -> Iterator[None]:
    """Preload the memo of :mod:`lawdiff.tokenize` from the documents' cache files; on the way out, write
    the file of each document for which something new was segmented.  Chinese only (English is a regex).

    A first run stores only the runs it segmented: the texts of changed units (identical texts are never
    tokenized), so a cold run pays jieba only for what differs."""
    if not enabled or lang is not Lang.ZH:
        yield
        return
    known: list[tuple[str, int]] = []
    for doc in docs:
        key = document_key(doc, lang)
        seg = load(key)
        _tok.preload(seg)
        known.append((key, len(seg)))
    yield
    for doc, (key, had) in zip(docs, known):
        runs = {r for a in doc.articles for r in _tok.cjk_runs(a.text)}
        seg = _tok.segmented(runs)
        if len(seg) > had:
            if had:
                # The file existed but missed runs (the document is now paired with another version, or
                # aligned differently): store all of its runs so that no later run has to load jieba.
                # Jieba is loaded by now; segmenting the rest of the civil code costs ~0.3 s, once.
                seg = {r: _tok.segment(r) for r in runs}
            save(key, seg)
