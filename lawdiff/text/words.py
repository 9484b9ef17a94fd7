"""Split text into word tokens: jieba for Chinese, a word regex for English.

Why jieba: a Chinese diff at character level shreds words (应当 vs 可以 shows as four one-character
edits); at sentence level it hides them.  jieba segments into words, and the bundled legal user
dictionary (``data/legal_dict.txt``, data a legal expert can extend) keeps terms of art such as
服务提供者, 生成式人工智能 and 安全评估 whole.

Why the care about cost: jieba is the slowest thing lawdiff starts.  ``import jieba`` spends most of its
0.15 s importing ``pkg_resources``, which jieba only uses to find its own files (it falls back to plain
``open``), and ``Tokenizer.initialize()`` reads its prefix-dictionary cache with ``marshal.load`` on a
file object, about four times slower than ``marshal.loads`` on the same bytes (1.0 s against 0.25 s for
the 9 MB cache on the benchmark machine).  So a :class:`Tokenizer` builds jieba lazily, only when Chinese
text needs tokenizing, reads jieba's cache in one go (or only the parts of it the text needs, see
:meth:`Tokenizer.jieba`), and keeps every segmented CJK run in its memo, which the token cache
(:func:`lawdiff.io.cache.token_cache`) fills from disk: a repeated run never loads jieba.

No hidden state: everything a tokenizer knows (jieba, the dictionary parts it loaded, the memo) lives on
the object, and the files it may read or write come from the :class:`DictionaryStore` it is given (none:
everything in memory, as under ``--no-cache``).  :func:`lawdiff.pipeline.compare` takes one.

Invariant: ``"".join(tokenizer.tokenize(text, lang)) == text`` — tokens are slices of the original,
never normalised.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Iterable, Mapping
from importlib import resources
from types import ModuleType
from typing import Any, Protocol

from lawdiff.model import Lang

_EN_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-'’]\w+)*|\s+|[^\w\s]", re.UNICODE)
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")

#: Segmented runs a tokenizer remembers before it starts again (a long-lived process).
MEMO_MAX = 200_000


class PrefixParts(Protocol):
    """jieba's prefix dictionary split by first character (:class:`lawdiff.io.cache.PrefixShards`)."""

    total: int

    def load(self, chars: Iterable[str]) -> dict[str, int]:
        """Entries starting with any of ``chars``; ValueError if a part cannot be read."""
        ...


class DictionaryStore(Protocol):
    """Where a tokenizer may keep jieba's dictionary between processes (:class:`lawdiff.io.cache.DiskDictionary`)."""

    def open_parts(self) -> PrefixParts | None:
        """The prefix dictionary in parts, if stored and intact."""
        ...

    def save_parts(self, freq: dict[str, int], total: int) -> None:
        """Store the whole prefix dictionary in parts (failures are silent)."""
        ...


def import_jieba() -> ModuleType:
    """``import jieba`` without letting it import ``pkg_resources`` (0.12 s, and deprecated)."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import raise ImportError
    try:
        with warnings.catch_warnings():  # jieba's sources have invalid escapes: SyntaxWarning when compiled
            warnings.simplefilter("ignore", SyntaxWarning)
            import jieba
    finally:
        if block and sys.modules.get("pkg_resources", False) is None:
            del sys.modules["pkg_resources"]
    return jieba


def cjk_runs(text: str) -> list[str]:
    """The runs of CJK characters jieba segments (everything between them goes to the regex)."""
    return _CJK_RUN.findall(text)


def tokenize_en(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _EN_TOKEN.finditer(text))


class Tokenizer:
    """Word tokens of a text, with jieba loaded on first need and every segmented CJK run memoised.

    ``store``: where jieba's dictionary may be kept on disk (None: in memory only, nothing written)."""

    def __init__(self, store: DictionaryStore | None = None, *, memo_max: int = MEMO_MAX) -> None:
        self.store = store
        self.memo: dict[str, tuple[str, ...]] = {}
        self.memo_max = memo_max
        self._tok: Any = None  # the jieba.Tokenizer, once built
        self.parts: PrefixParts | None = None  # the dictionary parts, when jieba was built from them
        self._loaded: set[str] = set()  # first characters whose parts are loaded

    # -- tokens

    def tokenize(self, text: str, lang: Lang) -> tuple[str, ...]:
        return self.tokenize_zh(text) if lang is Lang.ZH else tokenize_en(text)

    def tokenize_zh(self, text: str) -> tuple[str, ...]:
        """jieba on CJK runs only; everything between them (digits, Latin, punctuation) by the regex."""
        out: list[str] = []
        pos = 0
        for m in _CJK_RUN.finditer(text):
            if m.start() > pos:
                out.extend(tokenize_en(text[pos : m.start()]))
            out.extend(self.segment(m.group(0)))
            pos = m.end()
        if pos < len(text):
            out.extend(tokenize_en(text[pos:]))
        return tuple(out)

    def segment(self, run: str) -> tuple[str, ...]:
        """jieba's segmentation of one CJK run, memoised."""
        tokens = self.memo.get(run)
        if tokens is None:
            if len(self.memo) >= self.memo_max:
                self.memo.clear()
            tok = self.jieba()
            if self.parts is not None:
                self._need(tok, set(run))
            tokens = self.memo[run] = tuple(tok.lcut(run, HMM=False))
        return tokens

    # -- the memo, for the token cache

    def preload(self, segmented: Mapping[str, tuple[str, ...]]) -> None:
        """Add known segmentations (from the disk cache) to the memo."""
        self.memo.update(segmented)

    def segmented(self, runs: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """The memo entries for ``runs`` that are known."""
        return {r: self.memo[r] for r in runs if r in self.memo}

    # -- jieba

    def jieba(self) -> Any:
        """The jieba tokenizer, with the legal user dictionary, built on first use.

        jieba segments a run by looking up its substrings, and every substring starts with a character of
        the run, so only the dictionary entries starting with the run's characters matter (and the total
        count).  When the store keeps jieba's prefix dictionary split by first character, entries are
        loaded for the characters the texts use (a third of the dictionary for genai-2023) and the
        segmentation is the same as with the whole dictionary."""
        if self._tok is not None:
            return self._tok
        import logging  # here, not at the top: a run on cached tokens never loads jieba, nor logging

        jieba = import_jieba()
        jieba.setLogLevel(logging.WARNING)
        tok = self._new()
        with resources.as_file(resources.files("lawdiff") / "data" / "legal_dict.txt") as path:
            parts = self.store.open_parts() if self.store is not None and tok.dictionary is None else None
            if parts is not None:
                tok.FREQ, tok.total, tok.initialized = {}, parts.total, True
                self.parts = parts
                # user words add their prefixes only if absent, and a word without a frequency is segmented
                # to get one: the parts for every character of the user words come first
                lines = path.read_text(encoding="utf-8-sig").split("\n")
                self._need(tok, {ch for line in lines if line.strip() for ch in line.split()[0]})
            else:
                self._initialize(tok)
                if self.store is not None and tok.dictionary is None:
                    self.store.save_parts(tok.FREQ, tok.total)
            tok.load_userdict(str(path))
        self._tok = tok
        return tok

    def _new(self) -> Any:
        """A jieba Tokenizer that never reads or writes a file of its own.

        Why: jieba keeps a marshalled prefix cache, ``jieba.cache``, in the shared temporary folder, where
        any local user can plant a file for ``marshal`` to load, and writes it through a temporary file
        that an interrupt leaves behind (printing a traceback when the disk is full).  lawdiff builds the
        dictionary itself (:meth:`_initialize`) and keeps it in its own store, so jieba's ``initialize``
        never runs: ``initialized`` is set before jieba would look."""
        tok = import_jieba().Tokenizer()
        tok.tmp_dir = None
        tok.cache_file = None
        return tok

    def _need(self, tok: Any, chars: set[str]) -> None:
        """Make sure the dictionary entries starting with ``chars`` are loaded."""
        missing = chars - self._loaded
        if not missing or self.parts is None:
            return
        try:
            tok.FREQ.update(self.parts.load(missing))
            self._loaded.update(missing)
        except ValueError:
            # a damaged part: load the whole dictionary instead, keeping what is there (the user words)
            full = self._new()
            self._initialize(full)
            for word, count in full.FREQ.items():
                tok.FREQ.setdefault(word, count)
            self.parts = None

    @staticmethod
    def _initialize(tok: Any) -> None:
        """Build ``tok``'s prefix dictionary from jieba's dictionary file, in memory (one to two seconds)."""
        tok.FREQ, tok.total = tok.gen_pfdict(tok.get_dict_file())
        tok.initialized = True


__all__ = ["DictionaryStore", "PrefixParts", "Tokenizer", "cjk_runs", "import_jieba", "tokenize_en"]
