"""What the two versions are to each other: a draft and its final text, or a law before and after revision.

A lawyer heads the columns of a 修改对照表 with 征求意见稿 | 正式文本 for a draft for comment, 修订前 | 修订后
for an amended law, and Proposal | Adopted text for an EU proposal; which one is read here, in this order:
``--kind``, meta.yaml ``kind:``, meta.yaml statuses old/new, then the texts: a draft marker in the first
version's title or opening lines (the ``draft_markers`` of ``data/signal.yaml``) or a commencement date
left blank make a draft; otherwise the pair is a revision (an amendment history or two real dates say so,
and without any sign a revision is the claim that asserts least: it calls neither text a draft).

The same facts check the order of the files.  The second file looks like it should have come first
when its title says it is a draft and the first's does not, when its commencement date is a placeholder
(自 年 月 日起施行, 202X年) and the first's is not, or when its date is earlier than the first's.  The
report then carries :class:`~lawdiff.model.OrderHint` records; renderers word the warning.
"""

from __future__ import annotations

import re

from lawdiff.model import Document, Lang, OrderHint, OrderSign, PairKind, Status, VersionMeta, Versions
from lawdiff.signal.lexicon import SignalWords, signal_words
from lawdiff.text.numerals import cn_to_int

_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
_NUM = r"[0-9０-９]"
_ZH_DATE = re.compile(rf"({_NUM}{{4}}|[〇○零Ｏ一二三四五六七八九]{{4}})\s*年\s*({_NUM}{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*月"
                      rf"\s*({_NUM}{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*日")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_EN_DATE = re.compile(rf"(?i)\b(\d{{1,2}})\s+({'|'.join(_MONTHS)})\s+(\d{{4}})\b"
                      rf"|\b({'|'.join(_MONTHS)})\s+(\d{{1,2}}),\s*(\d{{4}})\b")
#: 自2023年 月 日起实施, 自××××年××月××日起施行, 自202X年XX月XX日起施行: a date not yet decided.
_COMMENCE = re.compile(r"自([^。；;\n自]{0,8}?)年([^。；;\n年]{0,4}?)月([^。；;\n月]{0,4}?)日起(?:施行|实施|生效)")
_BLANK = re.compile(r"^[\s　]*$|[XxＸｘ×＊*○？?]")
_PROPOSAL = re.compile(r"(?i)^\s*proposal\b")
_HISTORY = re.compile(r"修正|修订|修改")


def _digits(s: str) -> str:
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return "".join(_CN_DIGIT.get(c, c) for c in s)


def _number(s: str) -> int:
    s = _digits(s)
    return int(s) if s.isdigit() else (cn_to_int(s) or 0)


def dates_in(text: str) -> list[str]:
    """Every full date written in ``text``, as ISO ``YYYY-MM-DD`` (2023年7月10日, 二〇二三年七月十日,
    2023-07-10, 13 June 2024, June 13, 2024)."""
    out: list[tuple[int, str]] = []
    for m in _ZH_DATE.finditer(text):
        out.append((m.start(), _iso(_number(m.group(1)), _number(m.group(2)), _number(m.group(3)))))
    for m in _ISO_DATE.finditer(text):
        out.append((m.start(), _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    for m in _EN_DATE.finditer(text):
        if m.group(1):
            d, mon, y = int(m.group(1)), m.group(2), int(m.group(3))
        else:
            mon, d, y = m.group(4), int(m.group(5)), int(m.group(6))
        out.append((m.start(), _iso(y, _MONTHS.index(mon.lower()) + 1, d)))
    return [d for _, d in sorted(out) if d]


def _iso(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}" if 1800 <= y <= 2200 and 1 <= m <= 12 and 1 <= d <= 31 else ""


def normal_date(given: str) -> str:
    """A meta.yaml date as ISO (``2023-07-10``, ``2023-07``, ``2023``); "" when it holds no date."""
    found = dates_in(given)
    if found:
        return found[0]
    m = re.match(r"\s*(\d{4})(?:-(\d{2}))?", given)
    return "-".join(g for g in m.groups() if g) if m else ""


def own_date(doc: Document) -> str:
    """The latest date a text gives for itself: its title and opening lines (adoption, amendments,
    publication), else the date its commencement article names; "" when there is none."""
    head = dates_in("\n".join([doc.title, *doc.preamble]))
    if head:
        return max(head)
    for a in doc.articles[-3:]:
        m = _COMMENCE.search(a.text)
        if m and not placeholder(m):
            return _iso(_number(m.group(1)), _number(m.group(2)), _number(m.group(3)))
    return ""


def placeholder(m: re.Match[str]) -> bool:
    return any(_BLANK.search(g) for g in m.groups())


def blank_commencement(doc: Document) -> str:
    """The commencement clause when its date is left blank (a draft's 自 年 月 日起施行), else ""."""
    for a in doc.articles[-3:]:
        for m in _COMMENCE.finditer(a.text):
            if placeholder(m):
                return m.group(0)
    return ""


def draft_marker(doc: Document, meta: VersionMeta, words: SignalWords) -> str:
    """The words marking a draft for comment or a proposal in the title or first lines, else ""."""
    for line in (meta.title, doc.title, *doc.preamble[:3]):
        for p in words.draft_markers:
            m = p.search(line) if line else None
            if m:
                return m.group(0)
    return ""


def _before(a: str, b: str) -> bool:
    """Whether ISO date ``a`` is earlier than ``b``, compared on the precision both have."""
    n = min(len(a), len(b))
    return bool(a and b) and a[:n] < b[:n]


def infer_kind(draft: Document, final: Document, draft_meta: VersionMeta, final_meta: VersionMeta,
               words: SignalWords) -> PairKind:
    if Status.OLD in (draft_meta.status, final_meta.status) or Status.NEW in (draft_meta.status, final_meta.status):
        return PairKind.REVISION
    for doc, meta in ((draft, draft_meta), (final, final_meta)):
        marker = draft_marker(doc, meta, words)
        if marker:
            proposal = _PROPOSAL.search(meta.title or doc.title)
            return PairKind.PROPOSAL_ADOPTED if proposal else PairKind.DRAFT_FINAL
    if blank_commencement(draft) or blank_commencement(final):
        return PairKind.DRAFT_FINAL
    return PairKind.REVISION


def order_hints(draft: Document, final: Document, draft_meta: VersionMeta, final_meta: VersionMeta,
                dates: tuple[str, str], words: SignalWords) -> tuple[OrderHint, ...]:
    hints: list[OrderHint] = []
    marker = draft_marker(final, final_meta, words)
    if marker and not draft_marker(draft, draft_meta, words):
        hints.append(OrderHint(OrderSign.DRAFT_TITLE, marker))
    blank = blank_commencement(final)
    if blank and not blank_commencement(draft):
        hints.append(OrderHint(OrderSign.PLACEHOLDER_DATE, blank))
    if _before(dates[1], dates[0]):
        hints.append(OrderHint(OrderSign.EARLIER_DATE, dates[1], dates[0]))
    return tuple(hints)


def pair_versions(draft: Document, final: Document, draft_meta: VersionMeta, final_meta: VersionMeta, *,
                  lang: Lang, kind: PairKind | None = None, disk_cache: bool = True) -> Versions:
    """The kind of the pair (``kind`` when given: ``--kind`` or meta.yaml), the two dates and the order check.
    ``disk_cache=False``: the word lists are parsed, not read back from lawdiff's cache folder."""
    words = signal_words(lang, disk_cache=disk_cache)
    given = (normal_date(draft_meta.date), normal_date(final_meta.date))
    found = (given[0] or own_date(draft), given[1] or own_date(final))
    return Versions(
        kind=kind or infer_kind(draft, final, draft_meta, final_meta, words),
        kind_given=kind is not None,
        draft_date=found[0],
        final_date=found[1],
        draft_date_inferred=bool(found[0]) and not given[0],
        final_date_inferred=bool(found[1]) and not given[1],
        order=order_hints(draft, final, draft_meta, final_meta, found, words),
    )


__all__ = ["dates_in", "infer_kind", "order_hints", "own_date", "pair_versions"]
