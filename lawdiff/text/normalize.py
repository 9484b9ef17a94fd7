"""Comparison forms of legal text.

Legal text is never altered in place: these functions compute a *key* used only to decide whether two
pieces of text are the same (full-width ``，`` and half-width ``,`` are the same punctuation; U+3000 and
an ASCII space are the same gap; zero-width spaces are nothing).  The original characters are always
what lawdiff shows.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

#: Invisible characters: zero-width spaces and joiners, and the bidirectional controls (LRM, RLM, ALM, the
#: embeddings, overrides and isolates).  None of them is a word of a law; a right-to-left mark inside
#: 第…条 hid the article marker, and printed raw they reorder what a terminal shows ("Trojan source").
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                                    "\u2066\u2067\u2068\u2069"), None)
_WS = re.compile(r"\s+")
# Chinese quotation/punctuation variants that NFKC keeps apart but that lawyers read as the same mark.
_PUNCT_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})


# What the two translations above act on, to look for first: ``str.translate`` looks every character of a
# Chinese text up in its table one by one (its fast path is for ASCII), and most texts hold none of these.
_ZERO_WIDTH_RX = re.compile("[" + "".join(map(chr, ZERO_WIDTH)) + "]")
_PUNCT_FOLD_RX = re.compile("[" + "".join(map(chr, _PUNCT_FOLD)) + "]")


def fold(text: str) -> str:
    """Width-fold and strip invisible characters (NFKC: ，→, ；→; U+3000→space, １２→12).

    The same as ``unicodedata.normalize("NFKC", text.translate(ZERO_WIDTH)).translate(_PUNCT_FOLD)``, which
    tests/test_speed_levers.py compares it with; a translation is skipped when nothing in the text would
    change, which halves the time of this function (called for every article, unit and clause text)."""
    if _ZERO_WIDTH_RX.search(text) is not None:
        text = text.translate(ZERO_WIDTH)
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_PUNCT_FOLD) if _PUNCT_FOLD_RX.search(text) is not None else text


def key(text: str) -> str:
    """Comparison key of a text: folded, all whitespace removed (Chinese has no word spaces)."""
    return _WS.sub("", fold(text))


def key_en(text: str) -> str:
    """Comparison key for English: folded, case kept, whitespace runs collapsed to one space."""
    return _WS.sub(" ", fold(text)).strip()



@cache  # pure memoisation of a function of one character
def _fold_char(ch: str) -> str:
    f = fold(ch)
    return f if len(f) == 1 else ch


@lru_cache(maxsize=4096)  # pure memoisation: the norm stage, the classifier and the findings fold the same unit texts
def match_text(text: str) -> str:
    """Width-fold each character on its own, keeping length (and so offsets) unchanged.

    What rule patterns run on (:mod:`lawdiff.classify.matcher`): ``，`` reads ``,`` and full-width digits
    read as ASCII, while an offset into the match text is an offset into the text as printed.  A
    character whose folded form is longer or shorter (``½`` -> ``1⁄2``) is kept as it is."""
    if text.isascii():
        return text
    return text.translate({ord(ch): _fold_char(ch) for ch in set(text)})

