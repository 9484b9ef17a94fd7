"""Split text into word tokens: jieba for Chinese, a word regex for English.

Why jieba: a Chinese diff at character level shreds words (应当 vs 可以 shows as four one-character
edits); at sentence level it hides them.  jieba segments into words, and the bundled legal user
dictionary (``data/legal_dict.txt``, data a legal expert can extend) keeps terms of art such as
服务提供者, 生成式人工智能 and 安全评估 whole.

Why the care about cost: jieba is the slowest thing lawdiff starts.  ``import jieba`` spends most of its
0.15 s importing ``pkg_resources``, which jieba only uses to find its own files (it falls back to plain
``open``), and ``Tokenizer.initialize()`` reads its prefix-dictionary cache with ``marshal.load`` on a
file object, about four times slower than ``marshal.loads`` on the same bytes (1.0 s against 0.25 s for
the 9 MB cache on the benchmark machine).  So the tokenizer is built lazily, once per process, only when
Chinese text needs tokenizing, reads jieba's cache in one go (or only the parts of it the text needs, see
:func:`_jieba`), and keeps every segmented CJK run in a process-wide memo that :mod:`lawdiff.io.cache` can
fill from disk: a repeated run never loads jieba.

Invariant: ``"".join(tokenize(text, lang)) == text`` — tokens are slices of the original, never
normalised.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

from lawdiff.model import Lang

_EN_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-'’]\w+)*|\s+|[^\w\s]", re.UNICODE)
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")

#: CJK run -> its jieba segmentation; cleared when it grows past _MEMO_MAX (a long-lived process).
_memo: dict[str, tuple[str, ...]] = {}
_MEMO_MAX = 200_000


def _import_jieba():
    """``import jieba`` without letting it import ``pkg_resources`` (0.12 s, and deprecated)."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import raise ImportError
    try:
        import jieba
    finally:
        if block and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _jieba_cache_dir() -> str | None:
    """Where jieba may keep its marshalled prefix cache: lawdiff's own cache folder, or None.

    Why not jieba's default: it reads and writes ``jieba.cache`` in the shared temporary folder
    (``/tmp``), where any local user can plant a file that ``marshal`` then loads.  None (no cache at
    all, the dictionary is built in memory) under ``--no-cache`` or when lawdiff's folder cannot be
    created or written."""
    if not disk_dictionary:
        return None
    from lawdiff.io import cache

    folder = cache.cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return str(folder) if folder.is_dir() and os.access(folder, os.W_OK | os.X_OK) else None


def _new_tokenizer():
    """A jieba Tokenizer whose prefix cache, if any, is in lawdiff's cache folder (never ``/tmp``)."""
    tok = _import_jieba().Tokenizer()
    tok.tmp_dir, tok.cache_file = _jieba_cache_dir(), "jieba.cache"
    return tok


def _initialize(tok) -> None:
    """Build ``tok``'s prefix dictionary: from the cache in lawdiff's folder, else from jieba's dictionary
    (writing the cache there); with no usable folder, in memory without any cache file."""
    if tok.tmp_dir is None:
        tok.FREQ, tok.total = tok.gen_pfdict(tok.get_dict_file())
        tok.initialized = True
    elif not _load_jieba_cache(tok):
        tok.initialize()  # builds the prefix dictionary (seconds) and writes tmp_dir/jieba.cache


def _load_jieba_cache(tok) -> bool:
    """Fill ``tok`` from jieba's own prefix-dictionary cache, as ``initialize()`` would, but faster."""
    if tok.dictionary is not None or tok.tmp_dir is None:  # only the default dictionary has jieba.cache
        return False
    path = os.path.join(tok.tmp_dir, tok.cache_file or "jieba.cache")
    try:
        with open(path, "rb") as f:
            freq, total = marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        return False
    if not isinstance(freq, dict) or not isinstance(total, int) or not freq:
        return False
    tok.FREQ, tok.total, tok.initialized = freq, total, True
    return True


#: the jieba prefix dictionary in parts by first character (lawdiff.cache.PrefixShards), when loaded so
_shards = None
_loaded_chars: set[str] = set()
#: may the prefix-dictionary parts on disk be read or written (``--no-cache`` says no)
disk_dictionary = True


@lru_cache(maxsize=1)
def _jieba():
    """The tokenizer, with the legal user dictionary.

    jieba segments a run by looking up its substrings, and every substring starts with a character of the
    run, so only the dictionary entries starting with the run's characters matter (and the total count).
    :mod:`lawdiff.io.cache` keeps jieba's prefix dictionary split by first character; when that file is
    there, entries are loaded for the characters the texts use (a third of the dictionary for genai-2023)
    and the segmentation is the same as with the whole dictionary."""
    global _shards
    import logging  # here, not at the top: a run whose tokens all come from the cache needs none of this

    from lawdiff.io import cache

    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tok = _new_tokenizer()
    with resources.as_file(resources.files("lawdiff") / "data" / "legal_dict.txt") as path:
        shards = cache.open_prefix_shards() if disk_dictionary and tok.dictionary is None else None
        if shards is not None:
            tok.FREQ, tok.total, tok.initialized = {}, shards.total, True
            _shards = shards
            # user words add their prefixes only if absent, and a word without a frequency is segmented to
            # get one: the parts for every character of the user words come first
            lines = path.read_text(encoding="utf-8-sig").split("\n")
            _need(tok, {ch for line in lines if line.strip() for ch in line.split()[0]})
        else:
            _initialize(tok)
            if disk_dictionary and tok.dictionary is None:
                cache.save_prefix_shards(tok.FREQ, tok.total)
        tok.load_userdict(str(path))
    return tok


def _need(tok, chars: set[str]) -> None:
    """Make sure the dictionary entries starting with ``chars`` are loaded."""
    global _shards
    missing = chars - _loaded_chars
    if not missing or _shards is None:
        return
    try:
        tok.FREQ.update(_shards.load(missing))
        _loaded_chars.update(missing)
    except ValueError:
        # a damaged part: load the whole dictionary instead, keeping what is there (the user words)
        full = _new_tokenizer()
        _initialize(full)
        for word, count in full.FREQ.items():
            tok.FREQ.setdefault(word, count)
        _shards = None


def segment(run: str) -> tuple[str, ...]:
    """jieba's segmentation of one CJK run, memoised."""
    tokens = _memo.get(run)
    if tokens is None:
        if len(_memo) >= _MEMO_MAX:
            _memo.clear()
        tok = _jieba()
        if _shards is not None:
            _need(tok, set(run))
        tokens = _memo[run] = tuple(tok.lcut(run, HMM=False))
    return tokens


def cjk_runs(text: str) -> list[str]:
    """The runs of CJK characters jieba segments (everything between them goes to the regex)."""
    return _CJK_RUN.findall(text)


def preload(segmented: Mapping[str, tuple[str, ...]]) -> None:
    """Add known segmentations (from the disk cache) to the memo."""
    _memo.update(segmented)


def segmented(runs: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The memo entries for ``runs`` that are known."""
    return {r: _memo[r] for r in runs if r in _memo}


def clear_memo() -> None:
    _memo.clear()


def tokenize_en(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _EN_TOKEN.finditer(text))


def tokenize_zh(text: str) -> tuple[str, ...]:
    """jieba on CJK runs only; everything between them (digits, Latin, punctuation) by the regex."""
    out: list[str] = []
    pos = 0
    for m in _CJK_RUN.finditer(text):
        if m.start() > pos:
            out.extend(tokenize_en(text[pos : m.start()]))
        out.extend(segment(m.group(0)))
        pos = m.end()
    if pos < len(text):
        out.extend(tokenize_en(text[pos:]))
    return tuple(out)


def tokenize(text: str, lang: Lang) -> tuple[str, ...]:
    return tokenize_zh(text) if lang is Lang.ZH else tokenize_en(text)
