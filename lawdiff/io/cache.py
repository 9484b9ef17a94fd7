"""The token cache: jieba's segmentations kept on disk, so that a repeated run never loads jieba.

* ``tokens/<key>.json`` — jieba segmentations, one file per document, named by a hash of its article
  texts and of everything the segmentation depends on (:func:`lawdiff.io.store.cache_key`: lawdiff's
  version, a hash of its code and data — the legal user dictionary among them —, the Python version and
  the cache format; and the installed jieba dictionary).  A file holds the segmented CJK runs of that
  document as ``"词 词 词"`` strings: a run is CJK characters only, so a space cannot occur in it, and the
  run is the tokens joined, so a file cannot map a run to tokens that do not spell it.  The file repeats
  its key inside, and every value is checked on load: anything else (a truncated file, a list where the
  runs should be, a run with other characters) means the document is segmented afresh.  Running lawdiff
  again on the same texts never loads jieba.

jieba's dictionary itself is not kept: a tokenizer reads only the entries its runs look up, straight from
jieba's ``dict.txt`` (:mod:`lawdiff.text.prefixes`), in less time than reading a copy of it back would take.

What a cache file must be to be read at all, and where the folder is: :mod:`lawdiff.io.store`.  The caches
are an optimisation only: a missing, corrupt, foreign or unwritable cache is ignored silently and the
text is tokenized as if there were none (``lawdiff diff --no-cache`` skips both).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from lawdiff.io.store import ENV, cache_dir, cache_key, key_hash, prune_leftovers, read_json, write_json
from lawdiff.model import Document, Lang
from lawdiff.text.words import Tokenizer, cjk_runs

MAX_FILES = 256  # token files kept; the oldest half goes when there are more
_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")  # what lawdiff.text.words segments with jieba


@lru_cache(maxsize=1)  # pure memoisation: the installed jieba dictionary does not change under a process
def jieba_dict_stamp() -> str:
    """Size and time of jieba's ``dict.txt`` (without importing jieba: that is the point)."""
    with contextlib.suppress(Exception):
        spec = find_spec("jieba")
        if spec and spec.origin:
            st = os.stat(os.path.join(os.path.dirname(spec.origin), "dict.txt"))
            return f"{st.st_size}-{st.st_mtime_ns}"
    return "unknown"


@lru_cache(maxsize=1)  # pure memoisation: a function of constants (the package, the jieba installation)
def salt() -> str:
    """What a segmentation depends on besides the text (without importing jieba: that is the point)."""
    return f"{cache_key()}; jieba dict {jieba_dict_stamp()}"


def document_key(doc: Document, lang: Lang) -> str:
    return key_hash(salt(), lang.value, *(a.text for a in doc.articles))


def _path(key: str) -> Path:
    return cache_dir() / "tokens" / f"{key}.json"


def load(key: str) -> dict[str, tuple[str, ...]]:
    """Segmented runs stored under ``key``; empty when there is no usable file (see the module docstring)."""
    data = read_json(_path(key))
    if not isinstance(data, dict) or data.get("salt") != salt() or data.get("key") != key:
        return {}
    runs = data.get("runs")
    if not isinstance(runs, list) or not all(isinstance(seg, str) for seg in runs):
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for seg in runs:
        tokens = tuple(seg.split(" "))
        run = "".join(tokens)
        if not all(tokens) or not _RUN.fullmatch(run):
            return {}  # not what lawdiff writes: trust none of it
        out[run] = tokens
    return out


def save(key: str, segmented: dict[str, tuple[str, ...]]) -> None:
    """Write atomically (temp file + rename); any failure leaves no trace and raises nothing."""
    path = _path(key)
    write_json(path, {"salt": salt(), "key": key, "runs": [" ".join(t) for t in segmented.values()]})
    with contextlib.suppress(OSError):
        _prune(path.parent)
    prune_leftovers(path.parent.parent)  # new texts: a first run, or a run since an edit (the folder is tidied)


def _prune(folder: Path) -> None:
    files = list(folder.glob("*.json"))
    if len(files) <= MAX_FILES:
        return
    files.sort(key=lambda p: p.stat().st_mtime)
    for p in files[: len(files) // 2]:
        with contextlib.suppress(OSError):
            p.unlink()


@lru_cache(maxsize=2)
def shared_tokenizer(disk: bool = True) -> Tokenizer:
    """The tokenizer :func:`lawdiff.pipeline.compare` uses when it is given none: one per process and per
    ``disk`` (under ``--no-cache`` no segmentation read from the token cache reaches the memo).

    Pure memoisation, hence the lru_cache: a tokenizer's answers depend only on the text and the
    dictionary files; what it keeps (jieba, the dictionary entries looked up, segmented runs) only spares
    loading jieba again in a process that compares many pairs."""
    return Tokenizer()


# ----------------------------------------------------------------------------- the token cache

@contextlib.contextmanager
def token_cache(docs: Sequence[Document], lang: Lang, tokenizer: Tokenizer, *,
                enabled: bool = True) -> Iterator[None]:
    """Preload ``tokenizer``'s memo from the documents' cache files; on the way out, write the file of each
    document for which something new was segmented.  Chinese only (English is a regex).

    A first run stores only the runs it segmented: the texts of changed units (identical texts are never
    tokenized), so a cold run pays jieba only for what differs."""
    if not enabled or lang is not Lang.ZH:
        yield
        return
    known: list[tuple[str, int]] = []
    for doc in docs:
        key = document_key(doc, lang)
        seg = load(key)
        tokenizer.preload(seg)
        known.append((key, len(seg)))
    yield
    for doc, (key, had) in zip(docs, known):
        runs = {r for a in doc.articles for r in cjk_runs(a.text)}
        seg = tokenizer.segmented(runs)
        if len(seg) > had:
            if had:
                # The file existed but missed runs (the document is now paired with another version, or
                # aligned differently): store all of its runs so that no later run has to load jieba.
                # Jieba is loaded by now; segmenting the rest of the civil code costs ~0.3 s, once.
                seg = {r: tokenizer.segment(r) for r in runs}
            save(key, seg)


__all__ = ["ENV", "MAX_FILES", "cache_dir", "document_key", "jieba_dict_stamp", "load", "salt", "save",
           "shared_tokenizer", "token_cache"]
