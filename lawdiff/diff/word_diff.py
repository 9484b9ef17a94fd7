"""Word-level diff inside an aligned unit.

diff-match-patch diffs characters; to diff *words* we do what it does for lines
(``diff_linesToChars``): every distinct token's comparison key is mapped to one private-use character,
the two token strings are diffed, and the result is mapped back to the original tokens.  Keys are
width-folded (:func:`lawdiff.text.normalize.fold`), so ``，`` vs ``,`` or U+3000 vs a space is no change,
while the edits carry the original characters of each side.

After ``diff_cleanupSemantic`` (edits snap to whole words), equalities made only of punctuation or
whitespace that sit between two changes are folded into the change, so ``[-a-]，[-b-]`` reads as one edit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lawdiff.diff.dmp import build
from lawdiff.diff.engine import raw_diff
from lawdiff.io.cache import salt, shared_tokenizer
from lawdiff.io.diff_store import diff_key, load_diffs, save_diffs
from lawdiff.model import AlignedUnit, ArticleDiff, Edit, Lang, Op
from lawdiff.text.normalize import fold
from lawdiff.text.words import Tokenizer

_OPS = {-1: Op.DELETE, 0: Op.EQUAL, 1: Op.INSERT}  # the one place dmp's ints become Op
_PUNCT_ONLY = re.compile(r"^[\W_]*$", re.UNICODE)
_WS = re.compile(r"\s+")


def _key(token: str) -> str:
    k = fold(token)
    return " " if k.isspace() else k


def _encode(tokens: tuple[str, ...], table: dict[str, str], seen: dict[str, str]) -> str:
    """One character per token, the same for tokens with the same key.  ``seen``: the character of each
    token already encoded (a text repeats its words: each distinct token is folded once)."""
    out = []
    for t in tokens:
        ch = seen.get(t)
        if ch is None:
            k = _key(t)
            ch = table.get(k)
            if ch is None:
                n = len(table)
                # skip the surrogate block; 0xE000.. private use first, then beyond the BMP
                ch = chr(0xE000 + n) if n < 0x1900 else chr(0xF0000 + n - 0x1900)
                table[k] = ch
            seen[t] = ch
        out.append(ch)
    return "".join(out)


def diff_tokens(draft_tokens: tuple[str, ...], final_tokens: tuple[str, ...]) -> tuple[Edit, ...]:
    return bounded_diff(draft_tokens, final_tokens)[0]


def bounded_diff(draft_tokens: tuple[str, ...], final_tokens: tuple[str, ...]) -> tuple[tuple[Edit, ...], bool]:
    """The edits, and whether the time limit made them coarser (:mod:`lawdiff.diff.engine`)."""
    table: dict[str, str] = {}
    seen: dict[str, str] = {}
    a = _encode(draft_tokens, table, seen)
    b = _encode(final_tokens, table, seen)
    ends = {table[k] for k in _SENTENCE_END_KEYS if k in table}
    raw, cut_short = raw_diff(a, b, ends)
    # back to token runs: (op, draft token slice, final token slice)
    runs: list[tuple[Op, list[str], list[str]]] = []
    i = j = 0
    for code, chars in raw:
        op = _OPS[code]
        n = len(chars)
        if op is Op.EQUAL:
            runs.append((op, list(draft_tokens[i : i + n]), list(final_tokens[j : j + n])))
            i += n
            j += n
        elif op is Op.DELETE:
            runs.append((op, list(draft_tokens[i : i + n]), []))
            i += n
        else:
            runs.append((op, [], list(final_tokens[j : j + n])))
            j += n
    runs = _absorb_punctuation(runs)
    edits: list[Edit] = []
    dpos = fpos = 0
    for op, dt, ft in runs:
        dtext, ftext = "".join(dt), "".join(ft)
        if op is Op.EQUAL:
            edits.append(Edit(op, dtext, dpos, fpos))
        elif op is Op.DELETE:
            edits.append(Edit(op, dtext, dpos, fpos))
        else:
            edits.append(Edit(op, ftext, dpos, fpos))
        dpos += len(dtext)
        fpos += len(ftext)
    return tuple(_merge_adjacent(edits)), cut_short


#: Tokens that end a sentence or clause: the coarse pass of a long diff works on the pieces they delimit.
_SENTENCE_END_KEYS = ("。", ";", "!", "?", ".", "\n", " ", "；")


Run = tuple[Op, list[str], list[str]]  # (op, draft tokens, final tokens)


def _absorb_punctuation(runs: list[Run]) -> list[Run]:
    """Fold punctuation/whitespace-only equalities lying between two changes into the changes."""
    out: list[Run] = []
    k = 0
    while k < len(runs):
        op, dt, ft = runs[k]
        between = 0 < k < len(runs) - 1 and out and out[-1][0] is not Op.EQUAL
        if op is Op.EQUAL and between and runs[k + 1][0] is not Op.EQUAL and _PUNCT_ONLY.match("".join(dt)):
            out.append((Op.DELETE, dt, []))
            out.append((Op.INSERT, [], ft))
        else:
            out.append((op, dt, ft))
        k += 1
    # regroup: within each maximal run of changes, all deletions first, then all insertions
    grouped: list[Run] = []
    buf_d: list[str] = []
    buf_i: list[str] = []
    for op, dt, ft in out:
        if op is Op.EQUAL:
            if buf_d:
                grouped.append((Op.DELETE, buf_d, []))
            if buf_i:
                grouped.append((Op.INSERT, [], buf_i))
            buf_d, buf_i = [], []
            grouped.append((op, dt, ft))
        elif op is Op.DELETE:
            buf_d = buf_d + dt
        else:
            buf_i = buf_i + ft
    if buf_d:
        grouped.append((Op.DELETE, buf_d, []))
    if buf_i:
        grouped.append((Op.INSERT, [], buf_i))
    return grouped


def _merge_adjacent(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    for e in edits:
        if not e.text:
            continue
        if out and out[-1].op is e.op:
            p = out[-1]
            out[-1] = Edit(p.op, p.text + e.text, p.draft_start, p.final_start)
        else:
            out.append(e)
    return out


def unit_texts(unit: AlignedUnit) -> tuple[str, str]:
    return "\n".join(a.text for a in unit.draft), "\n".join(a.text for a in unit.final)


def diff_texts(draft_text: str, final_text: str, lang: Lang, *, tokenizer: Tokenizer | None = None
               ) -> tuple[Edit, ...]:
    """The token edits turning ``draft_text`` into ``final_text``.  ``tokenizer``: the one to use (default:
    the process's shared one, :func:`lawdiff.io.cache.shared_tokenizer`)."""
    return _diff(draft_text, final_text, lang, tokenizer)[0]


def _diff(draft_text: str, final_text: str, lang: Lang, tokenizer: Tokenizer | None
          ) -> tuple[tuple[Edit, ...], bool]:
    if draft_text == final_text:
        # most units of a revision are untouched: what diff_tokens would return, without tokenizing
        return ((Edit(Op.EQUAL, draft_text, 0, 0),) if draft_text else ()), False
    tok = tokenizer or shared_tokenizer()
    return bounded_diff(tok.tokenize(draft_text, lang), tok.tokenize(final_text, lang))


def diff_unit(unit: AlignedUnit, lang: Lang, *, tokenizer: Tokenizer | None = None) -> ArticleDiff:
    """Stage 4: an aligned unit -> its word-level diff (``coarse`` when the time limit cut it short)."""
    draft_text, final_text = unit_texts(unit)
    edits, coarse = _diff(draft_text, final_text, lang, tokenizer)
    return ArticleDiff(unit, draft_text, final_text, edits, coarse)


def diff_units(units: Sequence[AlignedUnit], lang: Lang, *, tokenizer: Tokenizer | None = None,
               disk_cache: bool = False) -> list[ArticleDiff]:
    """:func:`diff_unit` of every unit of a pair.  ``disk_cache``: the edits are read back from lawdiff's cache
    folder when the pair was diffed before, and kept there otherwise (:mod:`lawdiff.io.diff_store`); only with
    lawdiff's own tokenizer, whose answers depend on nothing but the text and the dictionaries the key names."""
    tok = tokenizer or shared_tokenizer()
    texts = [unit_texts(u) for u in units]
    if not disk_cache or type(tok) is not Tokenizer:
        return [ArticleDiff(u, d, f, *_diff(d, f, lang, tok)) for u, (d, f) in zip(units, texts)]
    key = diff_key(texts, lang=lang, tokens=salt(), build=build())
    kept = load_diffs(key, texts)
    out = [ArticleDiff(u, d, f, edits, False) if edits is not None else ArticleDiff(u, d, f, *_diff(d, f, lang, tok))
           for u, (d, f), edits in zip(units, texts, kept or [None] * len(units))]
    if kept is None:  # a unit the time limit cut short is not kept: a faster run would diff it finer
        save_diffs(key, texts, [None if a.coarse else a.edits for a in out])
    return out
