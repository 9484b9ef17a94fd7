"""The shape of the words of a report: one :class:`Words` per language (see :mod:`lawdiff.render.i18n`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lawdiff.model import Lang, PairKind


@dataclass(frozen=True, slots=True)
class Words:
    lang: Lang
    title: str  # prefix of the document title
    versions: str
    contents: str
    signal: str
    comparison: str
    fields: tuple[str, ...]  # title, issuers, date, level, status, file, articles, generated
    kinds: dict[str, tuple[str, str]]  # pair kind -> the two column heads (征求意见稿, 正式文本)
    short: dict[str, tuple[str, str]]  # pair kind -> the two versions inside a sentence
    columns: dict[str, tuple[str, str, str]]  # Word: pair kind -> 原条文 | 修改后条文 | 修改说明
    kind_names: dict[str, str]  # pair kind -> what the comparison is
    same: str
    added: str
    removed: str
    note: str
    legend: str  # {left} {right} {struck} {bold}
    reason: str
    rules: str
    labels: dict[str, str]
    effects: dict[str, str]
    directions: dict[str, str]
    verdicts: dict[str, str]
    flags: dict[str, str]
    levels: dict[str, str]
    themes: dict[str, str]
    unit_kinds: dict[str, str]
    provisional: dict[str, str]  # a provisional marker of a title (暂行, interim) -> how this language says it
    apex: dict[str, str]  # text language -> what stands above its hierarchy of norms
    signal_words: dict[str, str]
    phrases: dict[str, str]  # sentences with {fields}: reasons, places, thresholds, commitment, warnings
    colon: str = ": "
    sep: str = "; "  # between clauses of one sentence
    article_sep: str = " "  # between article label and text
    list_sep: str = ", "
    inline_caption: bool = False  # zh: 第一条　【目的】text on one line
    none: str = "none"
    yes: str = "yes"
    no: str = "no"
    inferred: str = " (inferred)"
    changes_in: str = "{n} changed"
    warnings: str = "Warnings"
    struck: str = "Struck"
    bold: str = "Bold"
    extra: dict[str, str] = field(default_factory=dict)  # room for a third language's own words

    def side(self, kind: PairKind, i: int) -> str:
        """The column head of version ``i`` (0 the first file, 1 the second)."""
        return self.kinds[kind.value][i]

    def side_short(self, kind: PairKind, i: int) -> str:
        return self.short[kind.value][i]

    def p(self, key: str, **values: object) -> str:
        """A sentence of the table, filled in."""
        return self.phrases[key].format(**values)

    def names(self, items: tuple[str, ...] | list[str], empty: str = "") -> str:
        """Names as the law lists them: Chinese names with 、 whatever the reader's language, others with
        this language's separator."""
        if not items:
            return empty
        cjk = any("\u3400" <= c <= "\u9fff" for x in items for c in x)
        return ("、" if cjk else self.list_sep).join(items)

    def paren(self, text: str) -> str:
        """'（得分 −0.50）' / ' (score −0.50)': a remark after a word, in this language's brackets."""
        return f"（{text}）" if self.lang is Lang.ZH else f" ({text})"

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        """'a、b 和 c' / 'a, b and c'."""
        items = [x for x in items if x]
        if len(items) <= 1:
            return "".join(items)
        return self.list_sep.join(items[:-1]) + self.phrases["and"] + items[-1]


__all__ = ["Words"]
