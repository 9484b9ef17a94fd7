"""The Markdown 修改对照表, checked the way a reader's renderer sees it: parsed with markdown-it-py.

Helpers at the top are shared by the other ``test_report_*`` modules: a parser with GFM tables and
strikethrough, source-level cell counting (markdown-it silently drops surplus cells, so counting its
tokens alone could not catch a stray ``|``), the text of a cell as a reader sees it, and its marks.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT, corpus
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from lawdiff.diff import diff_unit
from lawdiff.model import (
    AlignedUnit,
    Article,
    Change,
    Direction,
    Document,
    Effect,
    Evidence,
    Firing,
    Label,
    Lang,
    Op,
    Paragraph,
    Report,
    Side,
    Status,
    Theme,
    UnitKind,
    UnitReport,
    VersionMeta,
)
from lawdiff.render.markdown import escape, marked, render_markdown
from lawdiff.signal import summarize

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
CASE = ROOT / "tests" / "cases" / "markdown-escaping"
WS = re.compile(r"\s")
ALLOWED_HTML = {"<br>", "<!-- -->"}


# --------------------------------------------------------------------------- helpers (shared)


def table_lines(src: str) -> list[list[str]]:
    """Each GFM table in the source as its raw lines (header, delimiter, rows)."""
    tables, cur = [], []
    for line in src.split("\n"):
        if line.startswith("|"):
            cur.append(line)
        elif cur:
            tables.append(cur)
            cur = []
    return tables + ([cur] if cur else [])


def separators(line: str) -> int:
    """Unescaped pipes in a source line (a backslash escapes the next character)."""
    n, i = 0, 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        n += line[i] == "|"
        i += 1
    return n


def parsed_tables(src: str) -> list[list[list[list]]]:
    """tables -> rows -> cells -> inline child tokens."""
    out: list = []
    row: list | None = None
    for t in MD.parse(src):
        if t.type == "table_open":
            out.append([])
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close":
            out[-1].append(row)
        elif t.type == "inline" and row is not None and out:
            row.append(t.children or [])
        elif t.type == "table_close":
            row = None
    return out


def cell_text(children: list) -> str:
    """What a reader sees: text and code, ``<br>`` as a line break, the empty comment as nothing."""
    out = []
    for c in children:
        if c.type in ("text", "code_inline"):
            out.append(c.content)
        elif c.type == "html_inline":
            assert c.content in ALLOWED_HTML, f"raw HTML in a cell: {c.content!r}"
            out.append("\n" if c.content == "<br>" else "")
        elif c.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def cell_marks(children: list) -> dict[str, str]:
    """Text inside ~~…~~ (``s``), **…** (``strong``) and *…* (``em``), concatenated per mark."""
    marks = {"s": "", "strong": "", "em": ""}
    open_: list[str] = []
    for c in children:
        if c.type.endswith("_open"):
            open_.append(c.type[:-5])
        elif c.type.endswith("_close"):
            open_.pop()
        elif c.type == "text" and open_:
            marks[open_[-1]] += c.content
    return marks


def squash(text: str) -> str:
    return WS.sub("", text)


def check_tables(src: str) -> list[list[list[list]]]:
    """Every row of every table has the header's number of cells, in the source and when parsed."""
    raw = table_lines(src)
    tables = parsed_tables(src)
    assert len(raw) == len(tables)
    for lines, rows in zip(raw, tables):
        width = separators(lines[0])
        assert all(separators(line) == width for line in lines), [x for x in lines if separators(x) != width][
            :1
        ]
        assert all(len(r) == width - 1 for r in rows)
    return tables


@cache
def file_report(pair: str) -> Report:
    from lawdiff.pipeline import compare_files

    if pair == "markdown-escaping":
        return compare_files(CASE / "draft.txt", CASE / "final.txt")
    return compare_files(corpus(pair, "draft"), corpus(pair, "final"))


def comparison_rows(src: str) -> list[list[list]]:
    """Rows of the comparison tables (those after the 条文对照 / Article by article heading)."""
    at = max(src.find("\n## 条文对照\n"), src.find("\n## Article by article\n"))
    assert at > 0
    return [r for t in parsed_tables(src[at:]) for r in t[1:]]


def expected_cell(articles: tuple[Article, ...], lang: Lang) -> str:
    sep = "　" if lang is Lang.ZH else " "
    parts = []
    for a in articles:
        cap = (f"【{a.caption}】" if lang is Lang.ZH else f" — {a.caption}") if a.caption else ""
        parts.append(a.label + sep + cap + a.text if lang is Lang.ZH else a.label + cap + a.text)
    return squash("".join(parts))


def check_comparison(report: Report, src: str) -> int:
    """Walk the units and their rows: text kept exactly, struck = deleted words, bold = inserted words."""
    rows = comparison_rows(src)
    same = "同左" if report.lang is Lang.ZH else "Same as left"
    i = marks_seen = 0
    for u in report.units:
        left, right = rows[i]
        i += 1
        unit = u.unit
        if (
            unit.draft
            and unit.final
            and not u.diff.changed
            and u.change.label is Label.UNCHANGED
            and unit.kind is UnitKind.MATCHED
            and u.diff.draft_text == u.diff.final_text
        ):
            assert cell_text(right).endswith(same) and cell_marks(right)["em"] == same
            assert squash(cell_text(left)) == expected_cell(unit.draft, report.lang)
            continue
        deleted = squash("".join(e.text for e in u.diff.edits if e.op is Op.DELETE))
        inserted = squash("".join(e.text for e in u.diff.edits if e.op is Op.INSERT))
        if unit.draft:
            assert squash(cell_text(left)) == expected_cell(unit.draft, report.lang), unit.id
            assert squash(cell_marks(left)["s"]) == deleted, unit.id
        if unit.final:
            assert squash(cell_text(right)) == expected_cell(unit.final, report.lang), unit.id
            assert squash(cell_marks(right)["strong"]) == inserted, unit.id
        assert not cell_marks(left)["strong"] and not cell_marks(right)["s"]
        marks_seen += bool(deleted) + bool(inserted)
        note_left, _note_right = rows[i]
        i += 1
        assert cell_text(note_left).startswith(("说明：", "Note: ")), unit.id
    assert i == len(rows)
    return marks_seen


# --------------------------------------------------------------------------- hand-built reports


def art(
    n: int,
    text: str,
    *,
    label: str | None = None,
    heading: str = "",
    caption: str | None = None,
    lang: Lang = Lang.ZH,
) -> Article:
    paras = tuple(Paragraph(k + 1, line) for k, line in enumerate(text.split("\n")))
    label = label or (f"第{n}条" if lang is Lang.ZH else f"Article {n}")
    return Article(n, label, caption, (heading,) if heading else (), paras, n)


def unit(
    draft: list[Article],
    final: list[Article],
    label: Label = Label.UNCHANGED,
    *,
    lang: Lang = Lang.ZH,
    effect: Effect | None = None,
    firings: tuple[Firing, ...] = (),
    reason: str = "",
    renumbered: bool = False,
) -> UnitReport:
    kind = UnitKind.ADDED if not draft else UnitKind.REMOVED if not final else UnitKind.MATCHED
    if len(draft) > 1:
        kind = UnitKind.MERGED
    elif len(final) > 1:
        kind = UnitKind.SPLIT
    uid = "-".join(
        x for x in ("+".join(f"d{a.ref}" for a in draft), "+".join(f"f{a.ref}" for a in final)) if x
    )
    au = AlignedUnit(
        uid,
        kind,
        tuple(draft),
        tuple(final),
        0.0 if kind.value in ("added", "removed") else 0.8,
        renumbered=renumbered,
    )
    return UnitReport(diff_unit(au, lang), Change(uid, label, effect, None, firings, reason))


def hand_report(units: list[UnitReport], lang: Lang = Lang.ZH) -> Report:
    d_arts = tuple(a for u in units for a in u.unit.draft)
    f_arts = tuple(a for u in units for a in u.unit.final)
    d = Document("草案" if lang is Lang.ZH else "Draft Act", lang, d_arts, path="cases/d.txt")
    f = Document("定稿" if lang is Lang.ZH else "Final Act", lang, f_arts, path="cases/f.txt")
    dm, fm = VersionMeta(d.title, status=Status.DRAFT), VersionMeta(f.title, status=Status.FINAL)
    signal = summarize(units, draft=d, final=f, draft_meta=dm, final_meta=fm, lang=lang)
    return Report(d, f, dm, fm, tuple(units), signal, lang)


FIRING = Firing(
    "zh.modal.duty-added",
    Theme.MODAL,
    Direction.TIGHTEN,
    1.0,
    "a new duty",
    (Evidence(Side.FINAL, "应当", "final art. 2", 1, 3),),
    "新增义务",
)


def layout_report(lang: Lang = Lang.ZH) -> Report:
    zh = lang is Lang.ZH
    ch1 = "第一章 总则" if zh else "Chapter 1 General"
    return hand_report(
        [
            unit(
                [
                    art(
                        1,
                        "为了规范管理，制定本办法。" if zh else "This Act lays down rules.",
                        heading=ch1,
                        lang=lang,
                    )
                ],
                [
                    art(
                        1,
                        "为了规范管理，制定本办法。" if zh else "This Act lays down rules.",
                        heading=ch1,
                        lang=lang,
                    )
                ],
                lang=lang,
            ),
            unit(
                [art(2, "甲可以备案。" if zh else "A may register.", heading=ch1, lang=lang)],
                [art(2, "甲应当备案。" if zh else "A shall register.", heading=ch1, lang=lang)],
                Label.TIGHTENED,
                lang=lang,
                firings=(FIRING,),
                reason="tightened: a new duty",
            ),
            unit(
                [],
                [art(3, "乙应当报告。" if zh else "B shall report.", heading=ch1, lang=lang)],
                Label.ADDED,
                lang=lang,
                effect=Effect.BURDEN,
                reason="added, burden",
            ),
            unit(
                [art(3, "丙不得收费。" if zh else "C shall not charge.", heading=ch1, lang=lang)],
                [],
                Label.REMOVED,
                lang=lang,
                effect=Effect.RELAXING,
                reason="removed, relaxing",
            ),
            unit(
                [
                    art(
                        4,
                        "附则不变。" if zh else "Final provisions.",
                        heading="第二章 附则" if zh else "Chapter 2 End",
                        lang=lang,
                    )
                ],
                [
                    art(
                        5,
                        "附则不变。" if zh else "Final provisions.",
                        heading="第二章 附则" if zh else "Chapter 2 End",
                        lang=lang,
                    )
                ],
                lang=lang,
                renumbered=True,
            ),
        ],
        lang,
    )


# --------------------------------------------------------------------------- escaping and marks


SPECIALS = "|*_~`<>[]\\&#$!"


def test_escape_shows_every_special_character_as_text():
    text = f"甲{SPECIALS}乙 <script>alert(1)</script> [x](javascript:alert(1)) &lt; **b** ~~s~~ `c`"
    cell = f"| h |\n| --- |\n| {escape(text)} |\n"
    (rows,) = check_tables(cell)
    children = rows[1][0]
    assert cell_text(children) == text
    assert {c.type for c in children} == {"text"}


@pytest.mark.parametrize("line", ["1. 第一项", "- 列表", "+ 加号", "= 等号", "12) 括号"])
def test_escape_at_block_start_keeps_lists_from_starting(line):
    tokens = MD.parse(escape(line, block_start=True))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert tokens[1].content.replace("\\", "") == line


@pytest.mark.parametrize(
    ("before", "inside", "after"),
    [
        ("中文", "（新增）", "中文"),  # punctuation inside, letters outside: fails without the guard
        ("根据", "《法》、", "等"),
        ("文", "，并", "之"),
        ("a", " and b ", "c"),  # whitespace at the edges goes outside the delimiters
        ("甲", "|竖线|", "乙"),
        ("甲", "*星*", "乙"),
        ("", "开头，", "结尾"),
        ("（", "括号", "）"),
        ("x", "\\", "y"),
    ],
)
@pytest.mark.parametrize("delim", ["**", "~~"])
def test_marks_open_and_close_next_to_chinese_punctuation(before, inside, after, delim):
    src = f"| h |\n| --- |\n| {marked([(before, ''), (inside, delim), (after, '')])} |\n"
    (rows,) = check_tables(src)
    children = rows[1][0]
    assert cell_text(children) == (before + inside + after).strip()
    assert cell_marks(children)["strong" if delim == "**" else "s"] == inside.strip()


_ALPHABET = "ab1 中文，。（）《》、　|*_~`<>[]\\&#$!-+.:\"'"


@settings(max_examples=300, deadline=None)
@given(
    st.text(_ALPHABET, max_size=6),
    st.text(_ALPHABET, max_size=6),
    st.text(_ALPHABET, max_size=6),
    st.sampled_from(["**", "~~", "*"]),
)
def test_any_text_keeps_its_characters_and_its_mark(before, inside, after, delim):
    src = f"| h |\n| --- |\n| {marked([(before, ''), (inside, delim), (after, '')])} |\n"
    (rows,) = check_tables(src)
    children = rows[1][0]
    assert squash(cell_text(children)) == squash(before + inside + after)
    kind = {"**": "strong", "~~": "s", "*": "em"}[delim]
    assert squash(cell_marks(children)[kind]) == squash(inside)
    assert not any(v for k, v in cell_marks(children).items() if k != kind)


def test_escaping_pair_keeps_tables_whole_and_text_literal():
    report = file_report("markdown-escaping")
    src = render_markdown(report)
    check_tables(src)
    assert check_comparison(report, src) >= 8
    types = {c.type for t in MD.parse(src) if t.type == "inline" for c in t.children or []}
    assert "link_open" not in {c.type for r in comparison_rows(src) for cell in r for c in cell}
    assert "image" not in types and "html_block" not in {t.type for t in MD.parse(src)}
    html = MD.render(src)
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(&quot;<s>x</s>&quot;)&lt;/script&gt;" in html
    assert "[点击这里](javascript:alert(" in html and "&lt;javascript:alert(3)&gt;" in html
    assert "&amp;lt;实体&amp;gt;" in html  # an entity in the law stays an entity name, not a "<"


def test_unchanged_article_with_specials_reads_same_as_left():
    src = render_markdown(file_report("markdown-escaping"))
    row = next(r for r in comparison_rows(src) if cell_text(r[0]).startswith("第五条"))
    assert (
        cell_text(row[0]) == "第五条　本条保持不变：| 甲 | 乙 |、\\反斜杠\\、&lt;实体&gt;、#井号#、$美元$。"
    )
    assert cell_text(row[1]) == "同左"


# --------------------------------------------------------------------------- the genai-2023 acceptance


def test_genai_report_is_a_correct_table():
    report = file_report("genai-2023")
    src = render_markdown(report)
    tables = check_tables(src)
    assert len(tables) >= 5 + 3  # five chapters, versions, themes, restriction
    assert check_comparison(report, src) >= 20
    for t in parsed_tables(src[src.find("\n## 条文对照\n") :]):
        assert [cell_text(c) for c in t[0]] == ["征求意见稿（2023-04-11）", "正式文本（2023-07-10）"]


def test_genai_struck_and_bold_words_where_the_edits_are():
    src = render_markdown(file_report("genai-2023"))
    art4 = next(r for r in comparison_rows(src) if cell_text(r[1]).startswith("第四条"))
    assert "应当真实准确" in cell_marks(art4[0])["s"]
    assert "提高生成内容的准确性和可靠性" in cell_marks(art4[1])["strong"]


# --------------------------------------------------------------------------- layout


def test_layout_rows_same_as_left_added_removed_and_reasons():
    report = layout_report()
    src = render_markdown(report)
    check_tables(src)
    check_comparison(report, src)
    rows = [[cell_text(c) for c in r] for r in comparison_rows(src)]
    assert rows[0] == ["第1条　为了规范管理，制定本办法。", "同左"]
    assert rows[1] == ["第2条　甲可以备案。", "第2条　甲应当备案。"]
    assert rows[2][0] == "说明：收紧；相似度 0.80"
    assert rows[2][1].splitlines() == [  # the reason from the rule's Chinese description and its evidence
        "理由：新增义务（正式文本第2条：“应当”）",
        "规则：zh.modal.duty-added（义务，收紧，权重 1）；合计放宽 0、收紧 1",
    ]
    assert rows[3] == ["新增条文", "第3条　乙应当报告。"]
    assert rows[4][0] == "说明：新增（增设义务）"
    assert rows[5] == ["第3条　丙不得收费。", "删除条文"]
    assert rows[6][0] == "说明：删除（放宽）"
    assert rows[7] == ["第4条　附则不变。", "第5条　同左"]  # renumbered, words unchanged
    assert "### 第一章 总则" in src and "### 第二章 附则" in src
    assert "- [第一章 总则](#第一章-总则) · 3 处修改" in src
    assert "\n  - [第二章 附则](#第二章-附则)\n" in src


def test_show_unchanged_prints_both_sides():
    src = render_markdown(layout_report(), show_unchanged=True)
    rows = [[cell_text(c) for c in r] for r in comparison_rows(src)]
    assert rows[0] == ["第1条　为了规范管理，制定本办法。"] * 2
    assert rows[7] == ["第4条　附则不变。", "第5条　附则不变。"]
    assert "同左" not in "".join(x for r in rows for x in r)


def test_english_report_uses_english_headings():
    report = layout_report(Lang.EN)
    src = render_markdown(report)
    check_tables(src)
    check_comparison(report, src)
    rows = [[cell_text(c) for c in r] for r in comparison_rows(src)]
    assert rows[0] == ["Article 1\nThis Act lays down rules.", "Same as left"]
    assert rows[3][0] == "Added" and rows[5][1] == "Removed"
    assert rows[7][1] == "Article 5 Same as left"
    for heading in (
        "# Comparison table: Draft Act → Final Act",
        "## Versions",
        "## Contents",
        "## Signal summary",
        "## Article by article",
        "| Draft | Final text |",
    ):
        assert heading in src


def test_line_breaks_inside_an_article_become_br():
    report = hand_report(
        [
            unit(
                [art(1, "第一款。\n（一）第一项；\n（二）第二项。")],
                [art(1, "第一款。\n（一）第一项；\n（二）第二项，新增。")],
                Label.REWORDED,
            )
        ]
    )
    src = render_markdown(report)
    assert "| 第1条　第一款。<br>（一）第一项；<br>（二）第二项<!-- -->**，新增**。 |" in src
    assert check_comparison(report, src) == 1


def test_merged_unit_shows_both_articles_in_one_cell():
    report = hand_report(
        [
            unit(
                [art(1, "甲应当登记。"), art(2, "乙应当备案。")],
                [art(1, "甲、乙应当登记备案。")],
                Label.REWORDED,
            )
        ]
    )
    src = render_markdown(report)
    check_comparison(report, src)
    left = cell_text(comparison_rows(src)[0][0])
    assert left.startswith("第1条") and "\n\n第2条" in left
    assert "多条合并为一条" in src


def test_toc_links_point_at_headings():
    src = render_markdown(file_report("genai-2023"))
    from lawdiff.render.table import slug

    heads = [slug(m) for m in re.findall(r"^#{1,3} (.+)$", src, re.MULTILINE)]
    links = re.findall(r"\]\(#([^)]+)\)", src)
    assert len(links) == 3 + 5 and all(x in heads for x in links)


# --------------------------------------------------------------------------- determinism


def test_same_inputs_give_identical_bytes_and_no_time():
    from lawdiff.pipeline import compare_files

    a = render_markdown(compare_files(corpus("genai-2023", "draft"), corpus("genai-2023", "final")))
    b = render_markdown(compare_files(corpus("genai-2023", "draft"), corpus("genai-2023", "final")))
    assert a == b
    assert not re.search(r"20\d\d-\d\d-\d\dT", a)


def test_no_absolute_paths(monkeypatch):
    from lawdiff.pipeline import compare_files

    monkeypatch.chdir(ROOT)
    report = compare_files(corpus("genai-2023", "draft").resolve(), corpus("genai-2023", "final").resolve())
    src = render_markdown(report)
    assert "| corpora/genai-2023/draft.txt | corpora/genai-2023/final.txt |" in src
    assert str(ROOT) not in src


def test_timestamp_only_when_asked(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    report = layout_report()
    assert "生成时间" not in render_markdown(report)
    assert "\n生成时间：2023-11-14T22:13:20Z\n" in render_markdown(report, timestamp=True)


def test_escaping_case_files_exist():
    assert {p.name for p in Path(CASE).iterdir()} >= {"draft.txt", "final.txt", "README.md"}


def test_inconsistent_edits_still_show_every_word():
    """If a diff's offsets do not add up, the row shows each side whole and marked, never a garbled cut."""
    import dataclasses

    good = unit([art(1, "甲应当登记。")], [art(1, "甲可以登记。")], Label.RELAXED)
    bad = UnitReport(dataclasses.replace(good.diff, edits=()), good.change)
    src = render_markdown(hand_report([bad]))
    left, right = comparison_rows(src)[0]
    assert cell_text(left) == "第1条　甲应当登记。" and cell_marks(left)["s"] == "甲应当登记。"
    assert cell_text(right) == "第1条　甲可以登记。" and cell_marks(right)["strong"] == "甲可以登记。"


@pytest.mark.parametrize(
    ("given", "shown"),
    [("corpora/a/draft.txt", "corpora/a/draft.txt"), ("../laws/a.txt", "../laws/a.txt"), ("", "")],
)
def test_paths_are_shown_as_given_when_relative(given, shown):
    from lawdiff.render.stamps import display_path

    assert display_path(given) == shown


def test_absolute_paths_become_relative_or_a_file_name(tmp_path, monkeypatch):
    from lawdiff.render.stamps import display_path

    monkeypatch.chdir(tmp_path)
    assert display_path(str(tmp_path / "sub" / "a.txt")) == "sub/a.txt"
    assert display_path("/elsewhere/laws/b.txt") == "b.txt"


def test_without_meta_the_inferred_level_is_shown_and_marked(tmp_path):
    from lawdiff.pipeline import compare_files
    from lawdiff.render.markdown import render_markdown

    d = tmp_path / "d.txt"
    f = tmp_path / "f.txt"
    d.write_text("某某管理办法\n第一条　运营者应当登记。\n", encoding="utf-8")
    f.write_text("某某管理暂行办法\n第一条　运营者可以登记。\n", encoding="utf-8")
    md = render_markdown(compare_files(d, f), show_unchanged=False, timestamp=False)
    level_row = next(line for line in md.splitlines() if line.startswith("| 效力层级"))
    assert "（推断）" in level_row
