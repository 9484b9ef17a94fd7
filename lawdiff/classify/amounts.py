"""Amounts a rule can compare: fines (罚款, "fines of up to EUR ...") and deadlines (N日内, "within N days").

Why in code and not in the YAML tables: reading 五十万元 or 上一年度销售额百分之一以上百分之十以下 as numbers
needs a numeral parser, and comparing the two versions needs the terms on each side lined up; a rule only
says *which* comparison it wants (``numeric: {kind: fine, compare: increase}``).

Texts given here are the *match texts* of :func:`lawdiff.text.normalize.match_text` (width-folded character by character,
so offsets are those of the original): digits are ASCII and ``，`` reads ``,``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawdiff.model import Lang
from lawdiff.text.numerals import cn_number, en_number

_CN_NUM = "[0-9.零〇一二两三四五六七八九十百千万亿]+"


@dataclass(frozen=True, slots=True)
class Term:
    """One amount: ``kind`` says what it is measured in, so only like is compared with like."""

    kind: str  # fine: "money" | "percent" | "multiple"; deadline: "days"
    value: float  # yuan / euro, percent, multiple of a base, or days
    start: int
    end: int


# ----------------------------------------------------------------------------------------- fines

_ZH_CLAUSE = re.compile(r"[^,;:。\n!?]+")
_ZH_MONEY = re.compile(rf"({_CN_NUM})元")
_ZH_PERCENT = re.compile(rf"百分之({_CN_NUM})")
_ZH_MULTIPLE = re.compile(rf"({_CN_NUM})倍")
_ZH_FINE_WORD = re.compile(r"罚款|罚金")

_EN_SENTENCE = re.compile(r"[^;\n]+?(?:\.(?=\s|$)|$|(?=;|\n))")
_EN_NUM = r"\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_EN_MONEY = re.compile(
    rf"(?:EUR|€|USD|US\$|\$|GBP|£)\s?((?:{_EN_NUM})(?:\s(?:thousand|million|billion))?)"
    rf"|((?:{_EN_NUM})(?:\s(?:thousand|million|billion))?)\s?(?:EUR|euros?|€|USD|dollars|GBP|pounds)\b",
    re.IGNORECASE,
)
_EN_PERCENT = re.compile(rf"({_EN_NUM})\s?(?:%|per ?cent\b)", re.IGNORECASE)
_EN_FINE_WORD = re.compile(r"\bfine[sd]?\b|\bpenalt(?:y|ies)\b", re.IGNORECASE)


def fine_terms(text: str, lang: Lang) -> tuple[Term, ...]:
    """Amounts inside a clause (zh) or sentence (en) that speaks of a fine."""
    out: list[Term] = []
    if lang is Lang.ZH:
        for clause in _ZH_CLAUSE.finditer(text):
            c = clause.group(0)
            if not _ZH_FINE_WORD.search(c):
                continue
            base = clause.start()
            for kind, rx in (("money", _ZH_MONEY), ("percent", _ZH_PERCENT), ("multiple", _ZH_MULTIPLE)):
                for m in rx.finditer(c):
                    v = cn_number(m.group(1))
                    if v is not None:
                        out.append(Term(kind, v, base + m.start(), base + m.end()))
    else:
        for sent in _EN_SENTENCE.finditer(text):
            c = sent.group(0)
            if not _EN_FINE_WORD.search(c):
                continue
            base = sent.start()
            for m in _EN_MONEY.finditer(c):
                v = en_number(m.group(1) or m.group(2))
                if v is not None:
                    out.append(Term("money", v, base + m.start(), base + m.end()))
            for m in _EN_PERCENT.finditer(c):
                v = en_number(m.group(1))
                if v is not None:
                    out.append(Term("percent", v, base + m.start(), base + m.end()))
    return tuple(sorted(out, key=lambda t: t.start))


# ------------------------------------------------------------------------------------- deadlines

_ZH_DAYS = {"小时": 1 / 24, "日": 1, "天": 1, "工作日": 7 / 5, "周": 7, "星期": 7, "月": 30, "年": 365}
_ZH_DEADLINE = re.compile(rf"({_CN_NUM})\s*个?\s*(小时|工作日|日|天|周|星期|月|年)\s*(?:内|以内|之内)")
_EN_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "working day": 7 / 5, "business day": 7 / 5,
                 "calendar day": 1, "week": 7, "month": 30, "year": 365}
_EN_COUNT = r"\d+|[a-z]+(?:-[a-z]+)?"
_EN_DEADLINE = re.compile(
    rf"\b(?:within|no later than|not later than|no more than|not more than|at the latest)\s+"
    rf"(?:a period of\s+)?(?:the\s+)?({_EN_COUNT})\s+"
    r"((?:working |business |calendar )?(?:hour|day|week|month|year))s?\b",
    re.IGNORECASE,
)


def deadline_terms(text: str, lang: Lang) -> tuple[Term, ...]:
    """Time limits, in days: 3个月内 -> 90, 十五个工作日内 -> 21, "within 72 hours" -> 3."""
    out: list[Term] = []
    if lang is Lang.ZH:
        for m in _ZH_DEADLINE.finditer(text):
            n = cn_number(m.group(1))
            if n is not None:
                out.append(Term("days", n * _ZH_DAYS[m.group(2)], m.start(), m.end()))
    else:
        for m in _EN_DEADLINE.finditer(text):
            n = en_number(m.group(1))
            if n is not None:
                out.append(Term("days", n * _EN_UNIT_DAYS[m.group(2).lower()], m.start(), m.end()))
    return tuple(out)


def terms(kind: str, text: str, lang: Lang) -> tuple[Term, ...]:
    return fine_terms(text, lang) if kind == "fine" else deadline_terms(text, lang)
