"""The language of a report: a Chinese pair reads in Chinese throughout (--ui en to change), and the reasons
are made from the findings — the rule's description in the reader's language, the quoted words and where
they stand — with rule ids and weights on a line of their own."""

from __future__ import annotations

import json
import re
import string

import pytest
from click.testing import CliRunner
from conftest import corpus
from test_report_markdown import cell_text, comparison_rows, file_report

from lawdiff.cli import main
from lawdiff.model import Article, Effect, Item, Label, Lang, Level, PairKind, Paragraph, Theme, Verdict
from lawdiff.render.i18n import words_for
from lawdiff.render.json import render_json
from lawdiff.render.markdown import render_markdown
from lawdiff.render.reasons import cn_numeral, explain, locate
from lawdiff.render.view import View

ZH, EN = words_for(Lang.ZH), words_for(Lang.EN)
#: What the trial found in the Chinese reports: English reasons, theme names, the verdict rule in English,
#: the level line half English, rule ids inside the prose.
ENGLISH = re.compile(r"\b(?:relaxed|tightened|reworded|prohibition|scope|outweighs|also zh\.|verdict|draft departmental"
                     r"|departmental rule|each changed article|no rule moves)\b|√ of")


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


# --------------------------------------------------------------------------- the tables of words


def test_both_languages_have_the_same_words_and_fields():
    for name in ("labels", "effects", "directions", "verdicts", "flags", "levels", "themes", "unit_kinds",
                 "signal_words", "kinds", "short", "columns", "kind_names", "apex"):
        assert set(getattr(ZH, name)) == set(getattr(EN, name)), name
    assert set(ZH.phrases) == set(EN.phrases)
    for key in ZH.phrases:
        assert fields(ZH.phrases[key]) == fields(EN.phrases[key]), key
    assert fields(ZH.legend) == fields(EN.legend)


@pytest.mark.parametrize("w", [ZH, EN], ids=["zh", "en"])
def test_every_enum_value_has_a_word(w):
    assert set(w.labels) == {x.value for x in Label}
    assert set(w.effects) == {x.value for x in Effect}
    assert set(w.themes) == {x.value for x in Theme}
    assert set(w.verdicts) == {x.value for x in Verdict}
    assert set(w.levels) == {x.value for x in Level}
    assert set(w.kinds) == {x.value for x in PairKind}
    assert all(v.strip() for d in (w.labels, w.themes, w.verdicts, w.levels) for v in d.values())


def test_cli_choices_match_the_enums():
    from lawdiff.cli.diff import KINDS, THEMES

    assert THEMES == tuple(t.value for t in Theme) and KINDS == tuple(k.value for k in PairKind)


# --------------------------------------------------------------------------- reasons from the findings


def test_places_are_cited_as_a_lawyer_cites_them():
    assert [cn_numeral(n) for n in (1, 10, 12, 20, 99, 105, 120)] == ["一", "十", "十二", "二十", "九十九", "一百零五",
                                                                       "一百二十"]
    a = Article(6, "第六条", None, (), (Paragraph(1, "甲应当登记。"), Paragraph(2, "有下列情形之一的：",
                                                                          (Item("（一）", "（一）乙；"), Item("（三）", "（三）丙。")))), 1)
    text = a.text
    assert locate((a,), text.index("乙"))[1:] == (2, "（一）")
    assert locate((a,), text.index("丙"))[1:] == (2, "（三）")
    assert locate((a,), 0)[1:] == (1, "")


def test_genai_reasons_read_in_chinese_with_their_evidence():
    report = file_report("genai-2023")
    u = next(u for u in report.units if u.unit.id == "d4-f4")
    e = explain(u, ZH, report.versions.kind, report.lang)
    assert e.head == "放宽"
    assert e.body.startswith("结果义务改为努力义务")
    assert "征求意见稿第四条第四项：“应当”" in e.body or "征求意见稿第四条第四项" in e.body
    assert "反方向：" in e.body  # the weaker opposite direction, in words
    assert not re.search(r"norm\.|zh\.|weight|权重", e.body)  # no machinery in the sentence
    assert e.detail.startswith("规则：norm.effort.result-to-effort（努力义务，放宽，权重 2）")
    english = explain(u, EN, report.versions.kind, report.lang)
    assert english.body.startswith("an obligation of result became an obligation of effort (draft art. 4 item （")


def test_chinese_markdown_has_no_english_prose():
    src = render_markdown(file_report("genai-2023"))
    prose = [line for line in src.splitlines() if not line.startswith("|")]  # the tables hold law text
    notes = [cell_text(r[1]) for r in comparison_rows(src) if cell_text(r[0]).startswith("说明：")]
    lines = [n for x in notes for n in x.splitlines()]
    assert lines and all(n.startswith(("理由：", "规则：", "说明：")) for n in lines)
    assert any("说明：" in n and "相似" in n for n in lines)  # the aligner's notes, in Chinese
    words = [n if not n.startswith("规则：") else n.split("；说明：")[-1] if "；说明：" in n else "" for n in lines]
    for text in [*prose, *words]:  # rule ids (norm.prohibition.added) are the one English on the rules line
        assert not ENGLISH.search(text), text
    assert "部门规章（草案） → 部门规章" in src and "判定标准：每条修改只计一次" in src
    assert "| 适用范围 |" in src or "| 义务 |" in src  # theme names in Chinese


def test_ui_english_on_a_chinese_pair():
    src = render_markdown(file_report("genai-2023"), View(ui=Lang.EN))
    assert src.startswith("# Comparison table: ") and "| Draft (2023-04-11) | Final text (2023-07-10) |" in src
    assert "Verdict: pro-growth / relaxing" in src and "draft departmental rule → departmental rule" in src
    assert "结论" not in src and "理由" not in src


def test_a_rule_without_a_chinese_description_falls_back_to_its_english_one():
    from dataclasses import replace

    from test_report_markdown import FIRING, art, hand_report, unit

    bare = replace(FIRING, description_zh="")
    report = hand_report([unit([art(2, "甲可以备案。")], [art(2, "甲应当备案。")], Label.TIGHTENED, firings=(bare,))])
    e = explain(report.units[0], ZH, PairKind.REVISION, Lang.ZH)
    assert e.body == "a new duty（修订后第2条：“应当”）"


def test_json_carries_the_reason_in_both_languages_and_the_versions():
    doc = json.loads(render_json(file_report("genai-2023")))
    u = next(x for x in doc["units"] if x["id"] == "d4-f4")
    assert u["reason"].startswith("relaxed")  # the classifier's English line, as before
    assert u["reason_text"]["zh"].startswith("放宽：结果义务改为努力义务")
    assert u["reason_text"]["en"].startswith("relaxed: an obligation of result became an obligation of effort")
    assert u["rules_text"]["zh"].startswith("规则：norm.")
    assert doc["versions"]["kind"] == "draft-final" and doc["versions"]["order"] == []
    info = doc["signal"]["information"]
    assert info["verdict"] == "relaxing" and info["verdict_text"] == {"en": "pro-growth / relaxing",
                                                                      "zh": "放宽（有利发展）"}
    assert info["thresholds_text"]["zh"].startswith("每条修改只计一次")
    assert all(t["reason_text"]["zh"] for t in info["top"])
    assert doc["signal"]["commitment"]["note_text"]["zh"].startswith("正式文本为暂行规定")


# --------------------------------------------------------------------------- the command line


def run(*args: str):
    return CliRunner().invoke(main, list(args), env={"NO_COLOR": "1"})


BJ_OLD, BJ_NEW = (str(corpus("beijing-water-law-measures-2022", s)) for s in ("draft", "final"))


def test_terminal_speaks_chinese_for_a_chinese_pair_and_english_on_request():
    zh = run("diff", BJ_OLD, BJ_NEW, "--only-changed")
    assert zh.exit_code == 1
    assert "修订前第三条 → 修订后第三条 · 对应 · 相似度" in zh.stdout and "  理由：" in zh.stdout
    assert "信号：此次修改表达了什么" in zh.stdout and "比较修订前后的文本" in zh.stdout
    assert not re.search(r"\b(?:why|matched|similarity|relaxed|tightened|reworded)\b", zh.stdout)
    en = run("diff", BJ_OLD, BJ_NEW, "--only-changed", "--ui", "en")
    assert "old 3 → new 3 · matched · similarity" in en.stdout and "  why: " in en.stdout


def test_theme_filter_and_summary():
    themed = run("diff", BJ_OLD, BJ_NEW, "--theme", "sanction", "--no-signal")
    units = re.findall(r"^@@ .* @@$", themed.stdout, flags=re.MULTILINE)
    assert units and all("norm.sanction" in block or "处罚" in block
                         for block in themed.stdout.split("@@ ")[1:])
    summary = run("diff", BJ_OLD, BJ_NEW, "--summary")
    assert summary.exit_code == 1 and "@@" not in summary.stdout and summary.stdout.startswith("信号")
    md = run("report", BJ_OLD, BJ_NEW, "--summary")
    assert "## 信号摘要" in md.stdout and "## 条文对照" not in md.stdout
    bad = run("diff", BJ_OLD, BJ_NEW, "--theme", "nonsense")
    assert bad.exit_code == 2 and "nonsense" in bad.output


def test_report_accepts_only_changed():
    full = run("report", BJ_OLD, BJ_NEW)
    short = run("report", BJ_OLD, BJ_NEW, "--only-changed")
    assert full.exit_code == short.exit_code == 1
    assert "同左" in full.stdout and "*同左*" not in short.stdout
    assert short.stdout.count("\n| ") < full.stdout.count("\n| ")


def test_warnings_about_the_files_are_worded_from_their_records(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("某办法\n第一条　甲应当登记。\n第三条　乙。\n", encoding="utf-8")
    b.write_text("某办法\n第一条　甲可以登记。\n第三条　乙。\n", encoding="utf-8")
    zh = run("diff", str(a), str(b), "--no-signal")
    assert "注意：修订前：第 3 行：条号由第一条跳至第三条" in zh.stdout
    en = run("diff", str(a), str(b), "--no-signal", "--ui", "en")
    assert "warning: Before revision: line 3: article numbers jump from 第一条 to 第三条" in en.stdout
    md = run("report", str(a), str(b))
    assert "- 修订后：第 3 行：条号由第一条跳至第三条" in md.stdout


def test_a_text_without_articles_is_counted_in_paragraphs(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Council Regulation on recitals\n(1) Whereas the first.\n(2) Whereas the second.\n", encoding="utf-8")
    b.write_text("Council Regulation on recitals\n(1) Whereas the first.\n(2) Whereas the third.\n", encoding="utf-8")
    res = run("diff", str(a), str(b), "--no-signal")
    assert "(2 paragraphs)" in res.stdout and "articles)" not in res.stdout
