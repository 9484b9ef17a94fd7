"""Split text into word tokens: jieba for Chinese, a word regex for English.

Why jieba: a Chinese diff at character level shreds words (应当 vs 可以 shows as four one-character
edits); at sentence level it hides them.  jieba segments into words, and the bundled legal user
dictionary (``data/legal_dict.txt``, data a legal expert can extend) keeps terms of art such as
服务提供者, 生成式人工智能 and 安全评估 whole.  jieba's dictionary costs about half a second to load, so
the tokenizer is built lazily, once per process, only when Chinese text needs tokenizing.

Invariant: ``"".join(tokenize(text, lang)) == text`` — tokens are slices of the original, never
normalised.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from importlib import resources

from .model import Lang

_EN_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:[-'’]\w+)*|\s+|[^\w\s]", re.UNICODE)
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    with resources.as_file(resources.files("lawdiff") / "data" / "legal_dict.txt") as path:
        tok.load_userdict(str(path))
    return tok


def tokenize_en(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _EN_TOKEN.finditer(text))


def tokenize_zh(text: str) -> tuple[str, ...]:
    """jieba on CJK runs only; everything between them (digits, Latin, punctuation) by the regex."""
    out: list[str] = []
    pos = 0
    for m in _CJK_RUN.finditer(text):
        if m.start() > pos:
            out.extend(tokenize_en(text[pos : m.start()]))
        out.extend(_jieba().lcut(m.group(0), HMM=False))
        pos = m.end()
    if pos < len(text):
        out.extend(tokenize_en(text[pos:]))
    return tuple(out)


def tokenize(text: str, lang: Lang) -> tuple[str, ...]:
    return tokenize_zh(text) if lang is Lang.ZH else tokenize_en(text)
