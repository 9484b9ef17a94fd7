"""jieba's prefix dictionary kept in lawdiff's cache folder, split by first character.

Why: building the dictionary from jieba's ``dict.txt`` costs one to two seconds; a text needs only the
entries that start with its own characters (see :meth:`lawdiff.text.words.Tokenizer.jieba`), a third of
the dictionary for a typical regulation.  So the whole dictionary is written once, in parts, and a later
run reads only the parts it needs.

The file, ``jieba-prefix-<key>.bin`` (keyed by :func:`lawdiff.io.store.key_hash` and the installed jieba
dictionary): a magic line, an 8-byte length, a ``marshal``-ed header ``{"key": …, "total": n, "crc": crc32
of the parts, "index": {char: (start, end)}}``, then one ``marshal``-ed dict per first character.
``marshal`` of built-in types only (a dict of strings to integers), and every value is checked after it
is read: the header's types and bounds when the file is opened (with the checksum, 10 ms), each part's
keys and counts when it is loaded.  Anything else — a damaged, foreign or truncated file — is ignored,
and the dictionary is built from ``dict.txt`` as if there were no file.

lawdiff no longer lets jieba write its own ``jieba.cache`` (it dumped it through a temporary file that an
interrupt left behind, up to 9 MB each, and printed a traceback when the disk was full).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Iterable
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from lawdiff.io.store import cache_dir, key_hash, prune_leftovers, read_blob, write_blob

MAGIC = b"lawdiff jieba prefix dictionary by first character 2\n"


@lru_cache(maxsize=1)  # pure memoisation: the installed jieba dictionary does not change under a process
def jieba_dict_stamp() -> str:
    """Size and time of jieba's ``dict.txt`` (without importing jieba: that is the point)."""
    with contextlib.suppress(Exception):
        spec = find_spec("jieba")
        if spec and spec.origin:
            st = os.stat(os.path.join(os.path.dirname(spec.origin), "dict.txt"))
            return f"{st.st_size}-{st.st_mtime_ns}"
    return "unknown"


def _valid_part(part: Any) -> bool:
    return isinstance(part, dict) and all(type(k) is str and k and type(v) is int and v >= 0 for k, v in part.items())


class PrefixShards:
    """jieba's prefix dictionary (word or word prefix -> count) split by first character (see the module
    docstring); :meth:`load` reads the parts a text needs."""

    def __init__(self, data: bytes, total: int, index: dict[str, tuple[int, int]], base: int) -> None:
        self.data = memoryview(data)
        self.total = total
        self.index = index
        self.base = base

    def load(self, chars: Iterable[str]) -> dict[str, int]:
        """Entries starting with any of ``chars``; ValueError if a part cannot be read or is not a dict of
        words to counts."""
        out: dict[str, int] = {}
        for ch in chars:
            span = self.index.get(ch)
            if span is not None:
                try:
                    part = marshal.loads(self.data[self.base + span[0] : self.base + span[1]])
                except (EOFError, TypeError, ValueError) as exc:
                    raise ValueError(f"unreadable part for {ch!r}") from exc
                if not _valid_part(part) or any(not k.startswith(ch) for k in part):
                    raise ValueError(f"bad part for {ch!r}")
                out.update(part)
        return out


def shards_path() -> Path:
    return cache_dir() / f"jieba-prefix-{key_hash('jieba prefix parts', jieba_dict_stamp())}.bin"


def open_prefix_shards() -> PrefixShards | None:
    """The parts file for the installed jieba dictionary, or None (missing, foreign, damaged)."""
    data = read_blob(shards_path())
    if data is None or not data.startswith(MAGIC):
        return None
    try:
        at = len(MAGIC)
        size = int.from_bytes(data[at : at + 8], "little")
        base = at + 8 + size
        if size <= 0 or base > len(data):
            return None
        head = marshal.loads(data[at + 8 : base])
        if not isinstance(head, dict) or head.get("key") != key_hash("jieba prefix parts", jieba_dict_stamp()):
            return None
        total, index, crc = head.get("total"), head.get("index"), head.get("crc")
        body = len(data) - base
        if type(total) is not int or total <= 0 or type(crc) is not int or not isinstance(index, dict) or not index:
            return None
        for ch, span in index.items():
            if not (type(ch) is str and len(ch) == 1 and isinstance(span, tuple) and len(span) == 2
                    and all(type(x) is int for x in span) and 0 <= span[0] <= span[1] <= body):
                return None
        if zlib.crc32(memoryview(data)[base:]) != crc:
            return None  # truncated or damaged
        return PrefixShards(data, total, index, base)
    except (ValueError, EOFError, TypeError, OverflowError, RecursionError):
        return None


def save_prefix_shards(freq: dict[str, int], total: int) -> None:
    """Write jieba's full prefix dictionary in parts (once per jieba installation; ~0.5 s, 10 MB), and
    remove the parts of a jieba since upgraded, jieba's own old cache and leftovers of killed runs."""
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
        head = marshal.dumps({"key": key_hash("jieba prefix parts", jieba_dict_stamp()), "total": total,
                              "crc": zlib.crc32(body), "index": index})
        path = shards_path()
        write_blob(path, b"".join([MAGIC, len(head).to_bytes(8, "little"), head, body]))
        for old in [*path.parent.glob("jieba-prefix-*.bin"), path.parent / "jieba.cache"]:
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
        prune_leftovers(path.parent)
    except (ValueError, TypeError, OSError):
        pass


__all__ = ["MAGIC", "PrefixShards", "jieba_dict_stamp", "open_prefix_shards", "save_prefix_shards", "shards_path"]
