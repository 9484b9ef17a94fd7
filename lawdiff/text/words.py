"""Split text into word tokens: jieba for Chinese, a word regex for English.

Why jieba: a Chinese diff at character level shreds words (应当 vs 可以 shows as four one-character
edits); at sentence level it hides them.  jieba segments into words, and the bundled legal user
dictionary (``data/legal_dict.txt``, data a legal expert can extend) keeps terms of art such as
服务提供者, 生成式人工智能 and 安全评估 whole.

Why the care about cost: jieba is the slowest thing lawdiff starts.  ``import jieba`` spends most of its
0.15 s importing ``pkg_resources``, which jieba only uses to find its own files (it falls back to plain
``open``), and jieba builds its whole prefix dictionary (0.5 s) or reads it back from a cache it writes
in the shared temporary folder.  So a :class:`Tokenizer` builds jieba lazily, only when Chinese text needs
tokenizing, gives it only the dictionary entries the runs it segments look up
(:mod:`lawdiff.text.prefixes`), and keeps every segmented CJK run in its memo, which the token cache
(:func:`lawdiff.io.cache.token_cache`) fills from disk: a repeated run never loads jieba.

No hidden state: everything a tokenizer knows (jieba, the dictionary entries it looked up, the memo) lives
on the object; it reads jieba's files and the legal user dictionary, and writes nothing.
:func:`lawdiff.pipeline.compare` takes one.

Invariant: ``"".join(tokenizer.tokenize(text, lang)) == text`` — tokens are slices of the original,
never normalised.
"""

from __future__ import annotations

import io
import re
import sys
import warnings
from collections.abc import Iterable, Mapping
from importlib import resources
from types import ModuleType
from typing import Any

from lawdiff.model import Lang
from lawdiff.text.prefixes import SortedDictionary

_EN_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-'’]\w+)*|\s+|[^\w\s]", re.UNICODE)
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")

#: Segmented runs a tokenizer remembers before it starts again (a long-lived process).
MEMO_MAX = 200_000


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
    """Word tokens of a text, with jieba loaded on first need and every segmented CJK run memoised."""

    def __init__(self, *, memo_max: int = MEMO_MAX) -> None:
        self.memo: dict[str, tuple[str, ...]] = {}
        self.memo_max = memo_max
        self._tok: Any = None  # the jieba.Tokenizer, once built
        # jieba's dictionary read for the runs segmented (None: jieba's whole dictionary is built instead)
        self.dictionary: SortedDictionary | None = None

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
            if self.dictionary is not None:
                self.dictionary.add_fragments(tok.FREQ, run)
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

        Its prefix dictionary starts with the entries the user dictionary's words look up, and each run
        adds its own before it is segmented (:mod:`lawdiff.text.prefixes`: the same words as with jieba's
        whole dictionary, for a tenth of the cost on a first run).  jieba's whole dictionary is built only
        when its ``dict.txt`` is not in the plain form that module reads."""
        if self._tok is not None:
            return self._tok
        import logging  # here, not at the top: a run on cached tokens never loads jieba, nor logging

        jieba = import_jieba()
        jieba.setLogLevel(logging.WARNING)
        tok = self._new()
        with tok.get_dict_file() as f:
            dictionary = SortedDictionary.parse(f.read())
        user = (resources.files("lawdiff") / "data" / "legal_dict.txt").read_text(encoding="utf-8-sig")
        if dictionary is not None:
            tok.FREQ, tok.total, tok.initialized = {}, dictionary.total, True
            # a user word without a count is segmented to get one, and add_word keeps the prefixes that
            # are there: the entries the file's fragments look up come first
            dictionary.add_fragments(tok.FREQ, user)
        else:
            tok.FREQ, tok.total = tok.gen_pfdict(tok.get_dict_file())
            tok.initialized = True
        tok.load_userdict(io.StringIO(user))  # (the file is read once: jieba takes its lines from here)
        self.dictionary = dictionary
        self._tok = tok
        return tok

    @staticmethod
    def _new() -> Any:
        """A jieba Tokenizer that never reads or writes a file of its own.

        Why: jieba keeps a marshalled prefix cache, ``jieba.cache``, in the shared temporary folder, where
        any local user can plant a file for ``marshal`` to load, and writes it through a temporary file
        that an interrupt leaves behind (printing a traceback when the disk is full).  lawdiff builds the
        dictionary itself (:meth:`jieba`), so jieba's ``initialize`` never runs: ``initialized`` is set
        before jieba would look."""
        tok = import_jieba().Tokenizer()
        tok.tmp_dir = None
        tok.cache_file = None
        return tok


__all__ = ["Tokenizer", "cjk_runs", "import_jieba", "tokenize_en"]
