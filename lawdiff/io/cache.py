"""On-disk caches that spare a run most of jieba's cost (about a second on the benchmark machine).

* ``tokens/<key>.json`` — jieba segmentations, one file per document, named by a hash of its article
  texts and of everything the segmentation depends on: the lawdiff version, the bundled user dictionary,
  jieba's dictionary file and the cache format.  A file holds the segmented CJK runs of that document as
  ``"词 词 词"`` strings (a run is CJK characters only, so a space cannot occur in it; the run is the
  tokens joined, so a file cannot map a run to tokens that do not spell it).  Running lawdiff again on
  the same texts never loads jieba.
* ``jieba-prefix-<jieba dict stamp>.bin`` — jieba's prefix dictionary split by first character, so a run
  that does need jieba loads only the entries its characters can use (:class:`PrefixShards`);
  :class:`DiskDictionary` hands them, and a private folder for jieba's own cache, to a
  :class:`~lawdiff.text.words.Tokenizer`.
* ``rules-<key>.pickle`` — the parsed shipped rule table (:func:`lawdiff.classify.rules.shipped_rules`),
  read and written through :func:`read_blob` / :func:`write_blob`.

Where: ``$LAWDIFF_CACHE_DIR`` if set; else ``%LOCALAPPDATA%\\lawdiff\\Cache`` on Windows,
``$XDG_CACHE_HOME/lawdiff`` or ``~/.cache/lawdiff`` elsewhere (no ``platformdirs`` dependency for three
lines).  The caches are an optimisation only: a missing, corrupt, foreign or unwritable cache is ignored
silently and the text is tokenized as if there were none (``lawdiff diff --no-cache`` skips both).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

from lawdiff import __version__
from lawdiff.errors import OutputError
from lawdiff.io.write import write_atomic
from lawdiff.model import Document, Lang
from lawdiff.text.words import Tokenizer, cjk_runs

ENV = "LAWDIFF_CACHE_DIR"
FORMAT = 1
MAX_FILES = 256  # token files kept; the oldest half goes when there are more


SHARDS_MAGIC = b"lawdiff jieba prefix dictionary by first character 1\n"


def cache_dir() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else Path.home() / "AppData" / "Local") / "lawdiff" / "Cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "lawdiff"


@lru_cache(maxsize=1)  # pure memoisation: the installed jieba dictionary does not change under a process
def _jieba_dict_stamp() -> str:
    with contextlib.suppress(Exception):
        spec = find_spec("jieba")
        if spec and spec.origin:
            st = os.stat(os.path.join(os.path.dirname(spec.origin), "dict.txt"))
            return f"{st.st_size}-{st.st_mtime_ns}"
    return "unknown"


@lru_cache(maxsize=1)  # pure memoisation: a function of constants (version, packaged files)
def salt() -> str:
    """What a segmentation depends on besides the text (without importing jieba: that is the point)."""
    user = (resources.files("lawdiff") / "data" / "legal_dict.txt").read_bytes()
    return (f"lawdiff {__version__}; format {FORMAT}; user dict {hashlib.sha256(user).hexdigest()[:16]}; "
            f"jieba dict {_jieba_dict_stamp()}")


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
    payload = json.dumps({"salt": salt(), "runs": [" ".join(t) for t in segmented.values()]},
                         ensure_ascii=False, separators=(",", ":"))
    path = _path(key)
    write_blob(path, payload.encode("utf-8"))
    with contextlib.suppress(OSError):
        _prune(path.parent)


def _prune(folder: Path) -> None:
    files = list(folder.glob("*.json"))
    if len(files) <= MAX_FILES:
        return
    files.sort(key=lambda p: p.stat().st_mtime)
    for p in files[: len(files) // 2]:
        with contextlib.suppress(OSError):
            p.unlink()


# ----------------------------------------------------------------------------- jieba's dictionary in parts

class PrefixShards:
    """jieba's prefix dictionary (word or word prefix -> count) split by first character.

    One file: magic line, 8-byte length, a marshalled header ``{"total": n, "crc": crc32 of the parts,
    "index": {char: (start, end)}}``, then one marshalled dict per first character.  The checksum is
    verified when the file is opened (10 ms), so a damaged file is never used.  See
    :meth:`lawdiff.text.words.Tokenizer.jieba` for why a text only needs the parts of its own characters."""

    def __init__(self, data: bytes, total: int, index: dict[str, tuple[int, int]], base: int) -> None:
        self.data = memoryview(data)
        self.total = total
        self.index = index
        self.base = base

    def load(self, chars: Iterable[str]) -> dict[str, int]:
        """Entries starting with any of ``chars``; ValueError if a part cannot be read."""
        out: dict[str, int] = {}
        for ch in chars:
            span = self.index.get(ch)
            if span is not None:
                try:
                    part = marshal.loads(self.data[self.base + span[0] : self.base + span[1]])
                except (EOFError, TypeError) as exc:
                    raise ValueError(f"unreadable part for {ch!r}") from exc
                if not isinstance(part, dict):
                    raise ValueError(f"bad part for {ch!r}")
                out.update(part)
        return out


def _shards_path() -> Path:
    return cache_dir() / f"jieba-prefix-{_jieba_dict_stamp()}.bin"


def open_prefix_shards() -> PrefixShards | None:
    """The parts file for the installed jieba dictionary, or None (missing, foreign or corrupt)."""
    try:
        data = _shards_path().read_bytes()
        if not data.startswith(SHARDS_MAGIC):
            return None
        at = len(SHARDS_MAGIC)
        size = int.from_bytes(data[at : at + 8], "little")
        head = marshal.loads(data[at + 8 : at + 8 + size])
        total, index, crc = head["total"], head["index"], head["crc"]
        base = at + 8 + size
        if not isinstance(total, int) or not isinstance(index, dict) or not index:
            return None
        if zlib.crc32(memoryview(data)[base:]) != crc:
            return None  # truncated or damaged
        return PrefixShards(data, total, index, base)
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
        return None


def save_prefix_shards(freq: dict[str, int], total: int) -> None:
    """Write jieba's full prefix dictionary in parts (once per jieba installation; ~0.5 s, 10 MB)."""
    try:
        groups: dict[str, dict[str, int]] = {}
        for word, count in freq.items():
            if word:
                groups.setdefault(word[0], {})[word] = count
        blobs, index, pos = [], {}, 0
        for ch, part in groups.items():
            blob = marshal.dumps(part)
            index[ch] = (pos, pos + len(blob))
            pos += len(blob)
            blobs.append(blob)
        body = b"".join(blobs)
        head = marshal.dumps({"total": total, "crc": zlib.crc32(body), "index": index})
        path = _shards_path()
        write_blob(path, b"".join([SHARDS_MAGIC, len(head).to_bytes(8, "little"), head, body]))
        for old in path.parent.glob("jieba-prefix-*.bin"):  # parts of a jieba since upgraded
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except (ValueError, TypeError, OSError):
        pass


def write_blob(path: Path, payload: bytes) -> None:
    """Write a cache file atomically (:func:`lawdiff.io.write.write_atomic`); any failure leaves no trace
    and raises nothing: a cache that cannot be written is only slower."""
    with contextlib.suppress(OutputError):
        write_atomic(path, payload, make_folder=True, sync=False)


def read_blob(path: Path) -> bytes | None:
    """The bytes of a cache file, or None when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError:
        return None


class DiskDictionary:
    """jieba's dictionary kept in lawdiff's cache folder: the store a :class:`Tokenizer` is given.

    The folder is looked up at each use (``LAWDIFF_CACHE_DIR`` may change in a long-lived process)."""

    def jieba_folder(self) -> str | None:
        """lawdiff's cache folder for jieba's marshalled prefix cache, or None when it cannot be created or
        written (the dictionary is then built in memory, with no cache file at all)."""
        folder = cache_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return str(folder) if folder.is_dir() and os.access(folder, os.W_OK | os.X_OK) else None

    def open_parts(self) -> PrefixShards | None:
        return open_prefix_shards()

    def save_parts(self, freq: dict[str, int], total: int) -> None:
        save_prefix_shards(freq, total)


@lru_cache(maxsize=2)
def shared_tokenizer(disk: bool = True) -> Tokenizer:
    """The tokenizer :func:`lawdiff.pipeline.compare` uses when it is given none: one per process and per
    ``disk`` (``--no-cache``: no store, nothing read or written).

    Pure memoisation, hence the lru_cache: a tokenizer's answers depend only on the text and the
    dictionary files; what it keeps (jieba, the dictionary parts, segmented runs) only spares loading
    jieba again, which costs up to a second per call in a process that compares many pairs."""
    return Tokenizer(DiskDictionary() if disk else None)


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
