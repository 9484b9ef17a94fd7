"""Documents as parsed, the aligned units and their word diffs (stages parse, align and diff)."""

from __future__ import annotations

from dataclasses import dataclass

from lawdiff.model.enums import Lang, NoteKind, NoticeKind, Op, Side, UnitKind

# --------------------------------------------------------------------------- documents


@dataclass(frozen=True, slots=True)
class Item:
    """An item (项) such as （一）, 1., (1) or (a); ``label`` is the marker as printed."""

    label: str
    text: str  # the whole line, marker included, as printed


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (款).  ``text`` is its lead line; its items follow in ``items``."""

    number: int  # 1-based within the article
    text: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    number: int  # numeric value of the article number (第十二条 -> 12, Article 5 -> 5)
    label: str  # as printed: "第十二条", "Article 5", "Art. 5", "§ 5"
    caption: str | None  # 【目的依据】 in Chinese drafts, the title line of an EU article
    headings: tuple[str, ...]  # enclosing 编/章/节 headings, outermost first, as printed
    paragraphs: tuple[Paragraph, ...]
    line: int  # 1-based line of the article marker in the source file
    suffix: str = ""  # letter suffix for inserted articles ("Article 4a" -> "a")

    @property
    def ref(self) -> str:
        """Short stable reference used in ids and messages: '12' or '4a'."""
        return f"{self.number}{self.suffix}"

    @property
    def lines(self) -> tuple[str, ...]:
        out: list[str] = []
        for p in self.paragraphs:
            if p.text:
                out.append(p.text)
            out.extend(i.text for i in p.items)
        return tuple(out)

    @property
    def text(self) -> str:
        """Body text as printed (without the article label and caption), lines joined by newlines."""
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class Heading:
    level: str  # "编" "分编" "章" "节" / "part" "title" "chapter" "section"
    label: str  # "第一章", "CHAPTER I"
    title: str  # "总则"
    line: int


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning about an input file, as data (``Document.warnings`` holds the English line made from it; a
    report words it in its reader's language)."""

    kind: NoticeKind
    line: int = 0  # 1-based line of the file, 0 when the whole file is meant
    values: tuple[str, ...] = ()  # what fills the words: labels as printed, a character


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    lang: Lang
    articles: tuple[Article, ...]
    preamble: tuple[str, ...] = ()  # subtitle, issuing notice, 目录, amendment history
    headings: tuple[Heading, ...] = ()
    path: str = ""
    encoding: str = "utf-8"
    fallback: bool = False  # True when no article markers were found and paragraphs were used
    warnings: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = ()  # the same warnings, as data


# --------------------------------------------------------------------------- alignment


@dataclass(frozen=True, slots=True)
class AlignNote:
    """One thing the aligner noted about a unit, as data (the English ``AlignedUnit.note`` is made from these;
    a report words them in its reader's language)."""

    kind: NoteKind
    refs: tuple[tuple[Side, str, float], ...] = ()  # (side, article ref, similarity) of the articles named
    similarity: float = 0.0  # WEAK: the unit's similarity
    why: str = ""  # WEAK: "in-place" (among its neighbours) | "carried" (a sentence carried over) | ""


@dataclass(frozen=True, slots=True)
class AlignedUnit:
    """One unit of the alignment.  Every article of both documents is in exactly one unit."""

    id: str  # stable across runs: "d4-f4", "d13-f11+f14+f15", "f3" (added), "d9" (removed)
    kind: UnitKind
    draft: tuple[Article, ...]
    final: tuple[Article, ...]
    similarity: float  # 0..1 content similarity (1.0 for identical text; 0.0 for added/removed)
    renumbered: bool = False
    moved: bool = False  # order relative to its neighbours changed, or chapter changed
    weak: bool = False  # match accepted below the confident threshold: flagged for review
    note: str = ""  # e.g. "also resembles final 14 (0.31)"
    notes: tuple[AlignNote, ...] = ()  # the same, as data

    @property
    def draft_numbers(self) -> tuple[int, ...]:
        return tuple(a.number for a in self.draft)

    @property
    def final_numbers(self) -> tuple[int, ...]:
        return tuple(a.number for a in self.final)


# --------------------------------------------------------------------------- diff


@dataclass(frozen=True, slots=True)
class Edit:
    """A run of tokens with one op.  Offsets index the unit's draft/final text (see ArticleDiff)."""

    op: Op
    text: str  # original characters (never normalised)
    draft_start: int  # offset in ArticleDiff.draft_text where this run starts (or would be)
    final_start: int  # offset in ArticleDiff.final_text


@dataclass(frozen=True, slots=True)
class ArticleDiff:
    unit: AlignedUnit
    draft_text: str  # the texts of unit.draft joined with "\n", as printed
    final_text: str
    edits: tuple[Edit, ...]
    coarse: bool = False  # the diff's time limit was reached: changed stretches shown whole (lawdiff.diff.engine)

    @property
    def changed(self) -> bool:
        return any(e.op is not Op.EQUAL for e in self.edits)


