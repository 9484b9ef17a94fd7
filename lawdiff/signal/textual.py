"""The text-based halves of the signal: restriction index, coordination and commitment.

These read the two documents (and what is known about them), not the classified changes, so that the
signal still says something when classification is weak: how dense the words of command and of
encouragement are, which bodies a version names and lines up, and how firmly the instrument binds.
All word lists come from ``data/signal.yaml`` (:mod:`lawdiff.signal.lexicon`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator

from lawdiff.model import (
    Commitment,
    Coordination,
    Document,
    Lang,
    Level,
    RestrictionIndex,
    Side,
    VersionMeta,
    level_shown,
)
from lawdiff.signal.lexicon import SignalWords
from lawdiff.text.normalize import fold, key

_WS = re.compile(r"\s+")
_BOOK_TITLE = re.compile(r"《([^《》]+)》")
_TRAILING_BRACKETS = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")
# ministry mention: the run of text before 部门, back to the previous clause break or 部门 (what
# re.finditer(r"([^，。；：,.;:\s（）()《》“”]*?)部门") finds, without trying that lazy run at every position)
_DEPT_STOP = re.compile(r"[，。；：,.;:\s（）()《》“”．﹐﹑﹒﹔﹕]")  # both widths: runs are cut before folding
_DEPT_FILLER = re.compile(r"(?:等|有关|主管|相关|的|和|及|与|或者|以及|、)+$")


def body_text(doc: Document) -> str:
    """All article text of a version, as printed (labels and captions excluded)."""
    return "\n".join(a.text for a in doc.articles)


# --------------------------------------------------------------------------- restriction index


def _word_pattern(word: str, lang: Lang) -> re.Pattern[str]:
    """Chinese: the literal word.  English: the whole word, any case, with regular inflections.

    Why inflections: "supports", "encouraged" and "promoting" express the same policy as the base form;
    listing every form in the data file would only invite omissions.
    """
    if lang is Lang.ZH:
        return re.compile(re.escape(word))
    parts = [re.escape(p) for p in word.split()]
    last = parts[-1]
    if word.endswith("e") and " " not in word:
        last = re.escape(word[:-1]) + "(?:e|es|ed|ing)"
    elif " " not in word:
        last = last + "(?:s|es|ed|ing)?"
    return re.compile(r"\b" + r"\s+".join(parts[:-1] + [last]) + r"\b", re.IGNORECASE)


def count_words(text: str, words: Iterable[str], lang: Lang) -> tuple[tuple[str, int], ...]:
    return tuple((w, len(_word_pattern(w, lang).findall(text))) for w in words)


def char_count(text: str) -> int:
    """Characters that carry text: whitespace (line breaks, U+3000, word spaces) does not dilute the rate."""
    return len(_WS.sub("", text))


def _per_1000(n: int, chars: int) -> float:
    return round(1000.0 * n / chars, 3) if chars else 0.0


def restriction_index(draft: Document, final: Document, words: SignalWords) -> RestrictionIndex:
    """Restriction and promotion words per 1,000 characters of article text in each version.

    Why a density and not a count: versions differ in length, and a final that is 40 % longer will
    hold more 应当 even if it commands less per provision.
    """
    out = {}
    for side, doc in ((Side.DRAFT, draft), (Side.FINAL, final)):
        text = body_text(doc)
        restr = count_words(text, words.restriction, words.lang)
        promo = count_words(text, words.promotion, words.lang)
        chars = char_count(text)
        out[side] = (restr, promo, _per_1000(sum(n for _, n in restr), chars), _per_1000(sum(n for _, n in promo), chars))
    d, f = out[Side.DRAFT], out[Side.FINAL]
    return RestrictionIndex(
        draft_restriction_per_1000=d[2],
        final_restriction_per_1000=f[2],
        draft_promotion_per_1000=d[3],
        final_promotion_per_1000=f[3],
        draft_restriction_counts=d[0],
        final_restriction_counts=f[0],
        draft_promotion_counts=d[1],
        final_promotion_counts=f[1],
    )


# --------------------------------------------------------------------------- coordination


def infer_issuers(doc: Document, words: SignalWords) -> tuple[str, ...]:
    """Issuing bodies named in the title or preamble (order numbers, adoption lines); () if none."""
    lines = [doc.title, *doc.preamble]
    for rule in words.issuers:
        for line in lines:
            m = rule.pattern.search(line.strip())
            if m:
                return tuple(dict.fromkeys(m.expand(t).strip() for t in rule.issuers if m.expand(t).strip()))
    return ()


def purpose_article_text(doc: Document, words: SignalWords) -> str:
    """The article stating the purpose and the legal bases.

    Chinese: the first of the first three articles that says 根据/依据/按照 … 制定 (usually art. 1; a
    definitions article may come first).  English: article 1 only ("Subject matter"), because "pursuant
    to" and "in accordance with" run through every later article as internal cross-references.
    """
    if doc.lang is not Lang.ZH:
        first = doc.articles[0].text if doc.articles else ""
        return first if any(m.lower() in first.lower() for m in words.basis_markers) else ""
    for art in doc.articles[:3]:
        text = art.text
        if "制定" in text and any(m in text for m in words.basis_markers):
            return text
    return ""


def _norm_title(title: str) -> str:
    """Compare titles, not their typography: 《中共中央 国务院关于…》 = 《中共中央、国务院关于…》."""
    t = re.sub(r"[《》〈〉<>、·・,，\s]", "", key(title))
    return t.removeprefix("中华人民共和国")


def legal_bases(doc: Document, words: SignalWords) -> tuple[str, ...]:
    text = purpose_article_text(doc, words)
    if not text:
        return ()
    if doc.lang is Lang.ZH:
        found = [f"《{t}》" for t in _BOOK_TITLE.findall(text)]
        if re.search(r"(?:根据|依据)宪法", text):
            found.insert(0, "宪法")
        return tuple(dict.fromkeys(found))
    if words.basis_pattern is None:
        return ()
    found = []
    markers = "|".join(re.escape(m) for m in words.basis_markers)
    for clause in re.finditer(rf"(?:{markers})\s+([^;.]*)", text, re.IGNORECASE):
        found.extend(_WS.sub(" ", m.group(0)) for m in words.basis_pattern.finditer(clause.group(1)))
    return tuple(dict.fromkeys(found))


def _added(new: Iterable[str], old: Iterable[str], norm: Callable[[str], str] = _norm_title) -> tuple[str, ...]:
    old_keys = {norm(x) for x in old}
    return tuple(x for x in new if norm(x) not in old_keys)


def actors_named(text: str, words: SignalWords) -> tuple[str, ...]:
    """Actors a version names, in data-file order.

    A match lying inside a longer match of another actor does not count, so 教育和科研机构 does not
    also name 科研机构, and 中小企业 does not also name 企业.
    """
    spans: list[tuple[int, int, int]] = []  # (start, end, actor index)
    for i, actor in enumerate(words.actors):
        spans.extend((m.start(), m.end(), i) for m in actor.pattern.finditer(text) if m.end() > m.start())
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    starts: list[int] = []  # the spans taken, disjoint, so sorted by start they are sorted by end too
    ends: list[int] = []
    named: set[int] = set()
    for start, end, i in spans:
        k = bisect.bisect_right(starts, start)
        if k and ends[k - 1] > start or k < len(starts) and starts[k] < end:
            continue  # overlaps the taken span before it or the one after it
        starts.insert(k, start)
        ends.insert(k, end)
        named.add(i)
    out = [words.actors[i].name for i in sorted(named)]
    if words.departments:
        found = _departments(text, words.departments)
        out.extend(f"{kw}部门" for kw in words.departments if kw in found)
    return tuple(out)


def _departments(text: str, keywords: tuple[str, ...]) -> set[str]:
    """Ministry keywords standing in front of 部门: 国家网信部门, 网信和公安部门, 网信、教育等部门.

    Why only in front of 部门: the bare word 教育 or 科技 is everywhere in a law; as the name of a
    department it is what coordinates.  A keyword must end its segment, so 工业和信息化 is read whole
    and "科技创新的有关部门" names no department.
    """
    longest_first = sorted(keywords, key=len, reverse=True)
    found: set[str] = set()
    for run in department_runs(text):  # the runs of the text as printed, each folded (not the whole law)
        for seg in fold(run).split("、"):
            seg = _DEPT_FILLER.sub("", seg)
            while seg:
                kw = next((k for k in longest_first if seg.endswith(k)), None)
                if kw is None:
                    break
                found.add(kw)
                seg = _DEPT_FILLER.sub("", seg[: -len(kw)])
    return found


def department_runs(text: str) -> Iterator[str]:
    """The run before each 部门, back to the clause break before it or the end of the previous one."""
    pos = 0
    while (k := text.find("部门", pos)) >= 0:
        start = pos
        for m in _DEPT_STOP.finditer(text, pos, k):
            start = m.end()
        yield text[start:k]
        pos = k + 2


def coordination(
    draft: Document, final: Document, draft_meta: VersionMeta, final_meta: VersionMeta, words: SignalWords
) -> Coordination:
    draft_bases, final_bases = legal_bases(draft, words), legal_bases(final, words)
    draft_actors = actors_named(body_text(draft), words)
    final_actors = actors_named(body_text(final), words)
    return Coordination(
        draft_issuers=tuple(draft_meta.issuers) or infer_issuers(draft, words),
        final_issuers=tuple(final_meta.issuers) or infer_issuers(final, words),
        bases_added=_added(final_bases, draft_bases),
        bases_removed=_added(draft_bases, final_bases),
        actors_added=tuple(a for a in final_actors if a not in draft_actors),
        actors_removed=tuple(a for a in draft_actors if a not in final_actors),
    )


# --------------------------------------------------------------------------- commitment


def is_draft(doc: Document, meta: VersionMeta, words: SignalWords) -> bool:
    """A draft for comment or a proposal, as marked in its title or preamble (（征求意见稿）, Proposal for).

    ``VersionMeta.status`` is not consulted: the pipeline fills it with the *role* of a version ("draft"
    for the left file) when no meta.yaml says otherwise, and the left file is often an old law, not a draft.
    """
    lines = [meta.title, doc.title, *doc.preamble[:3]]
    return any(p.search(line) for p in words.draft_markers for line in lines if line)


def _bare_title(title: str) -> str:
    t = title.strip()
    while _TRAILING_BRACKETS.search(t):
        t = _TRAILING_BRACKETS.sub("", t)
    return t


def infer_level(
    doc: Document, meta: VersionMeta, issuers: tuple[str, ...], words: SignalWords
) -> tuple[Level | None, str]:
    """(level, note) from the title and the issuing bodies; (None, "") when no rule applies."""
    title = _bare_title(meta.title or doc.title)
    around = [title, *doc.preamble]
    for rule in words.levels:
        if rule.title and not any(p.search(title) for p in rule.title):
            continue
        if rule.text and not any(p.search(line) for p in rule.text for line in around):
            continue
        if rule.issuer and not any(p.search(i) for p in rule.issuer for i in issuers):
            continue
        return rule.level, rule.note
    return None, ""


def provisional_marker(doc: Document, meta: VersionMeta, words: SignalWords) -> tuple[str, str] | None:
    """(marker, gloss) when the title says the instrument is interim (暂行) or on trial (试行)."""
    title = meta.title or doc.title
    for marker, gloss in words.provisional:
        if words.lang is Lang.ZH:
            if marker in title:
                return marker, gloss
        elif re.search(rf"\b{re.escape(marker)}\b", title, re.IGNORECASE):
            return marker, gloss
    return None


def _plural(level: str) -> str:
    return level if level.endswith("s") else level + "s"


def _rank_phrase(level: Level | None, shown: str, note: str, words: SignalWords) -> str:
    """'departmental rule (部门规章), below laws and administrative regulations'."""
    above = words.above(level) if level is not None else None
    gloss = note or (words.gloss(level) if level is not None else "")
    shown = f"{shown} ({gloss})" if gloss else shown
    if above is None:
        return shown
    if not above:
        return f"{shown}, below only {words.apex}" if words.apex else shown
    higher = [_plural(name.value) for name in above]
    below = higher[0] if len(higher) == 1 else ", ".join(higher[:-1]) + " and " + higher[-1]
    return f"{shown}, below {below}"


def commitment(
    draft: Document,
    final: Document,
    draft_meta: VersionMeta,
    final_meta: VersionMeta,
    issuers: tuple[tuple[str, ...], tuple[str, ...]],
    words: SignalWords,
) -> Commitment:
    """How firmly each version binds: its rank in the hierarchy of norms, and whether it is provisional."""
    levels: list[Level | None] = []
    drafts: list[bool] = []
    notes: list[str] = []
    for doc, meta, iss in ((draft, draft_meta, issuers[0]), (final, final_meta, issuers[1])):
        level, note = (meta.level, "") if meta.level is not None else infer_level(doc, meta, iss, words)
        levels.append(level)
        drafts.append(level is not None and is_draft(doc, meta, words))
        notes.append(note)
    d_prov = provisional_marker(draft, draft_meta, words)
    f_prov = provisional_marker(final, final_meta, words)

    parts: list[str] = []
    if f_prov:
        marker, gloss = f_prov
        shown = f"{gloss} ({marker})" if marker != gloss else gloss
        tail = "" if d_prov else ", the draft was not"
        parts.append(f"final is {shown}{tail}: commitment discounted")
    elif d_prov:
        parts.append(f"draft was {d_prov[1]} ({d_prov[0]}), final is not: commitment firmer")
    else:
        parts.append("not provisional")
    parts.append(_rank_phrase(levels[1], level_shown(levels[1], drafts[1]), notes[1], words))
    if levels[0] != levels[1] and None not in levels:
        parts.append(f"level changed from {level_shown(levels[0], drafts[0])}")
    return Commitment(
        draft_level=levels[0],
        final_level=levels[1],
        draft_is_draft=drafts[0],
        final_is_draft=drafts[1],
        draft_provisional=d_prov is not None,
        final_provisional=f_prov is not None,
        note="; ".join(parts),
        draft_provisional_marker=d_prov[0] if d_prov else "",
        final_provisional_marker=f_prov[0] if f_prov else "",
        final_above=words.above(levels[1]) if levels[1] is not None else None,
    )
