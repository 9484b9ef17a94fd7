"""The words of a report, in Chinese (:mod:`lawdiff.render.words_zh`) and English (:mod:`lawdiff.render.words_en`).

A 修改对照表 is read by lawyers in the language of the law, so every word a person reads — headings,
labels, themes, verdicts and their rule, levels, notes, warnings, the signal panel and the sentences
that give reasons — follows the language of the texts, or ``--ui``.  Never the user's locale.

The two tables are Python constants rather than a YAML file, on purpose: renderers read only the Report
and load no data file (``tests/test_architecture.py``), so a YAML table would have to be loaded by the
CLI and handed to every renderer, and ``lawdiff.render.render(report, "markdown")`` would stop working
on its own.  As frozen dataclass instances they are still pure data — no code, one file per language, a
translation is an edit of strings — and a test checks that both tables have the same keys, the same
``{fields}`` in every sentence, and a word for every label, theme, verdict, level and kind.
"""

from __future__ import annotations

from lawdiff.model import Lang
from lawdiff.render.wording import Words
from lawdiff.render.words_en import EN
from lawdiff.render.words_zh import ZH


def words_for(lang: Lang) -> Words:
    return ZH if lang is Lang.ZH else EN


def verdict_shown(verdict: str, lang: Lang = Lang.EN) -> str:
    """How a verdict reads: 'pro-growth / relaxing', '放宽（有利发展）'."""
    return words_for(lang).verdicts[verdict]


__all__ = ["Words", "verdict_shown", "words_for"]
