"""``--format docx``: the Word 修改对照表, opened again with python-docx and checked as Word would show it."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from conftest import corpus
from docx import Document
from docx.oxml.ns import qn
from test_report_markdown import file_report, hand_report, layout_report

from lawdiff.cli import main
from lawdiff.model import Lang
from lawdiff.render import render_bytes
from lawdiff.render.view import View
from lawdiff.render.word import render_docx


def opened(data: bytes):
    return Document(io.BytesIO(data))


def comparison_tables(doc) -> list:
    """The tables whose header is a 修改对照表's three columns."""
    heads = {("征求意见稿条文", "正式文本条文", "修改说明"), ("原条文", "修改后条文", "修改说明"),
             ("Draft", "Final text", "Explanation"), ("Original text", "Amended text", "Explanation")}
    return [t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) in heads]


def runs(cell) -> list:
    return [r for p in cell.paragraphs for r in p.runs]


@pytest.fixture(scope="module")
def genai():
    return opened(render_docx(file_report("genai-2023")))


def test_three_columns_with_the_words_of_a_draft_and_of_a_revision(genai):
    tables = comparison_tables(genai)
    assert len(tables) == 5  # one per chapter of the final text
    assert {tuple(c.text for c in t.rows[0].cells) for t in tables} == {("征求意见稿条文", "正式文本条文", "修改说明")}
    revision = opened(render_docx(file_report("anti-monopoly-law-2022")))
    heads = {tuple(c.text for c in t.rows[0].cells) for t in comparison_tables(revision)}
    assert heads == {("原条文", "修改后条文", "修改说明")}


def test_deletions_red_strike_insertions_blue_underline(genai):
    row = next(r for t in comparison_tables(genai) for r in t.rows[1:] if r.cells[1].text.startswith("第四条"))
    left, right = runs(row.cells[0]), runs(row.cells[1])
    struck = "".join(r.text for r in left if r.font.strike)
    underlined = "".join(r.text for r in right if r.font.underline)
    assert "应当真实准确" in struck and "提高生成内容的准确性和可靠性" in underlined
    assert all(str(r.font.color.rgb) == "C00000" for r in left if r.font.strike)
    assert all(str(r.font.color.rgb) == "003EC0" for r in right if r.font.underline)
    assert not any(r.font.underline for r in left) and not any(r.font.strike for r in right)
    # the explanation column: label, the reason from the findings in Chinese, the rules in small grey type
    note = [p.text for p in row.cells[2].paragraphs]
    assert note[0].startswith("放宽") and "结果义务改为努力义务" in note[1] and note[2].startswith("规则：norm.")


def test_same_as_left_added_and_removed_rows_and_chapter_headings():
    doc = opened(render_docx(layout_report()))
    rows = [[c.text for c in r.cells] for t in comparison_tables(doc) for r in t.rows[1:]]
    assert rows[0] == ["第1条　为了规范管理，制定本办法。", "同左", ""]
    assert rows[1][:2] == ["第2条　甲可以备案。", "第2条　甲应当备案。"]
    assert rows[1][2].splitlines()[0] == "收紧；相似度 0.80"
    assert rows[2][:2] == ["新增条文", "第3条　乙应当报告。"] and rows[2][2].startswith("新增（增设义务）")
    assert rows[3][:2] == ["第3条　丙不得收费。", "删除条文"]
    assert rows[4][:2] == ["第4条　附则不变。", "第5条　同左"]
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "第一章 总则" in headings and "第二章 附则" in headings


def test_english_report_in_english():
    doc = opened(render_docx(layout_report(Lang.EN)))
    assert [c.text for c in comparison_tables(doc)[0].rows[0].cells] == ["Draft", "Final text", "Explanation"]
    assert any(p.text == "Signal summary" for p in doc.paragraphs)


def test_header_rows_repeat_and_the_page_is_a4_landscape(genai):
    section = genai.sections[0]
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    for t in genai.tables:
        tr_pr = t.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None


def test_chinese_is_set_in_songti_with_a_fallback_the_font_table_declares(genai):
    fonts = genai.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "SimSun"
    heading = genai.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert heading.get(qn("w:eastAsia")) == "SimHei"
    table = zipfile.ZipFile(io.BytesIO(render_docx(file_report("genai-2023")))).read("word/fontTable.xml").decode()
    assert '<w:font w:name="SimSun"><w:altName w:val="宋体"/>' in table and '<w:charset w:val="86"/>' in table


def test_cover_table_and_signal_tables(genai):
    cover = genai.tables[0]
    assert [c.text for c in cover.rows[0].cells] == ["", "征求意见稿", "正式文本"]
    assert [c.text for c in cover.rows[1].cells][1:] == ["生成式人工智能服务管理办法（征求意见稿）", "生成式人工智能服务管理暂行办法"]
    labels = next(t for t in genai.tables if t.rows[0].cells[0].text == "条文标签")
    assert [r.cells[0].text for r in labels.rows[1:]] == ["未修改", "文字修改", "放宽", "收紧", "新增", "删除"]
    assert any("█" in r.cells[2].text for r in labels.rows[1:])  # the bars of the chart
    text = "\n".join(p.text for p in genai.paragraphs)
    assert "结论：放宽（有利发展）" in text and "判定标准：每条修改只计一次" in text
    assert "relax" not in text and "verdict" not in text


def test_hostile_text_is_text():
    data = render_docx(file_report("markdown-escaping"))
    doc = opened(data)
    cells = "\n".join(c.text for t in comparison_tables(doc) for r in t.rows for c in r.cells)
    assert '<script>alert("x")</script>' in cells and "[点击这里](javascript:alert(1))" in cells
    assert "&lt;实体&gt;" in cells and "| 甲 | 乙 |" in cells
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<script>" not in xml and "&lt;script&gt;" in xml  # escaped in the XML, shown as typed in Word


def test_control_characters_in_titles_do_not_break_the_file(tmp_path):
    from dataclasses import replace

    report = layout_report()
    evil = replace(report, draft_meta=replace(report.draft_meta, title="草案\x00\x1b[31m\x0b标题"))
    doc = opened(render_docx(evil))
    assert "草案\ufffd\ufffd[31m 标题" in doc.tables[0].rows[1].cells[1].text  # shown, not a broken file


def test_same_input_same_bytes_with_fixed_times(monkeypatch):
    report = file_report("genai-2023")
    first = render_docx(report)
    assert render_docx(report) == first
    members = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {m.date_time for m in members} == {(1980, 1, 1, 0, 0, 0)}
    props = opened(first).core_properties
    assert props.created.year == 2000 and props.modified == props.created and props.author == "lawdiff"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert opened(render_docx(report)).core_properties.created.day == 2
    stamped = render_docx(report, View(timestamp=True))
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert opened(stamped).core_properties.created.day == 2


def test_only_changed_theme_and_summary_views():
    layout = layout_report()
    every = sum(len(t.rows) - 1 for t in comparison_tables(opened(render_docx(layout))))
    changed = sum(len(t.rows) - 1 for t in comparison_tables(opened(render_docx(layout, View(only_changed=True)))))
    assert (every, changed) == (5, 3)  # the two unchanged articles left out
    from lawdiff.model import Theme

    report = file_report("genai-2023")
    sanction = opened(render_docx(report, View(themes=(Theme.SANCTION,))))
    rows = [r for t in comparison_tables(sanction) for r in t.rows[1:]]
    assert rows and all("处罚" in r.cells[2].text for r in rows)
    assert comparison_tables(opened(render_docx(report, View(summary=True)))) == []


def test_cli_writes_docx_and_refuses_a_terminal(tmp_path):
    out = tmp_path / "r.docx"
    d, f = str(corpus("genai-2023", "draft")), str(corpus("genai-2023", "final"))
    res = CliRunner().invoke(main, ["report", d, f, "--format", "docx", "-o", str(out)])
    assert res.exit_code == 1, res.output  # differences found
    assert out.read_bytes() == render_bytes(file_report("genai-2023"), "docx")
    piped = CliRunner().invoke(main, ["diff", d, f, "--format", "docx"])
    assert piped.exit_code == 1 and piped.stdout_bytes.startswith(b"PK")  # not a terminal: the bytes


def test_an_unchanged_pair_still_gives_a_document():
    report = hand_report([])
    assert opened(render_docx(report)).paragraphs[0].text.startswith("修改对照表")
