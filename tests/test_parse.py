"""Parsing real and constructed texts into Documents."""

from __future__ import annotations

import pytest
from conftest import RAW, civil_code_text, corpus

from lawdiff.model import Lang
from lawdiff.parse import parse_text
from lawdiff.pipeline import load_document
from lawdiff.text.numerals import cn_to_int


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("一百零一", 101), ("一百一十", 110),
     ("一千二百六十", 1260), ("一千零五", 1005), ("两百", 200), ("12", 12), ("１２", 12)],
)
def test_chinese_numerals(numeral, value):
    assert cn_to_int(numeral) == value


@pytest.mark.parametrize(
    ("pair", "draft_n", "final_n"),
    [("genai-2023", 21, 24), ("anti-monopoly-law-2022", 57, 70), ("administrative-reconsideration-law-2023", 43, 90),
     ("public-data-registration-2025", 27, 24), ("cii-commercial-crypto-2025", 26, 25)],
)
def test_corpus_article_counts_in_order(pair, draft_n, final_n):
    for side, n in (("draft", draft_n), ("final", final_n)):
        doc = load_document(str(corpus(pair, side)))
        assert [a.number for a in doc.articles] == list(range(1, n + 1))
        assert doc.lang is Lang.ZH
        assert doc.warnings == ()


def test_civil_code_has_1260_articles_in_order():
    doc = parse_text(civil_code_text())
    assert [a.number for a in doc.articles] == list(range(1, 1261))
    assert doc.articles[-1].label == "第一千二百六十条"
    # book and chapter headings reset properly between books
    assert doc.articles[-1].headings == ("附则",)
    assert doc.articles[0].headings[-1] == "第一章 基本规定"


def test_genai_draft_structure():
    doc = load_document(str(corpus("genai-2023", "draft")))
    assert doc.title == "生成式人工智能服务管理办法"
    assert doc.preamble == ("（征求意见稿）",)
    art4 = doc.articles[3]
    assert art4.label == "第四条"
    assert [i.label for i in art4.paragraphs[0].items] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    art7 = doc.articles[6]
    assert len(art7.paragraphs) == 2 and len(art7.paragraphs[1].items) == 5


def test_final_chapters_are_headings_not_articles():
    doc = load_document(str(corpus("genai-2023", "final")))
    assert [h.label for h in doc.headings] == ["第一章", "第二章", "第三章", "第四章", "第五章"]
    assert doc.articles[4].headings == ("第二章 技术发展与治理",)


def test_markdown_law_collection():
    doc = load_document(str(corpus("anti-monopoly-law-2022", "final")))
    assert doc.title == "中华人民共和国反垄断法"
    # amendment history is preamble, never an article
    assert any("修正" in p for p in doc.preamble)
    assert doc.articles[0].text.startswith("为了预防和制止垄断行为")
    assert "\u200b" not in "".join(a.text for a in doc.articles)


def test_captions_kept_as_captions():
    doc = load_document(str(corpus("cii-commercial-crypto-2025", "draft")))
    assert doc.articles[0].caption == "目的依据"
    assert doc.articles[0].text.startswith("为了规范关键信息基础设施商用密码使用")


def test_table_of_contents_is_preamble():
    text = "某某法\n目录\n第一章　总则\n第二章　附则\n第一章　总则\n第一条　为了测试，制定本法。\n第二章　附则\n第二条　本法自公布之日起施行。\n"
    doc = parse_text(text)
    assert [a.number for a in doc.articles] == [1, 2]
    assert "目录" in doc.preamble
    assert [h.label for h in doc.headings] == ["第一章", "第二章"]


def test_arabic_and_ocr_noise_article_numbers():
    doc = parse_text("办法\n第 1 条 甲。\n第２条 乙。\n第十 一条 丙。\n")
    assert [a.number for a in doc.articles] == [1, 2, 11]
    assert any("stray spaces" in w for w in doc.warnings)


def test_duplicate_and_out_of_order_numbers_warn_and_keep_unique_refs():
    doc = parse_text("办法\n第一条 甲。\n第一条 乙。\n第三条 丙。\n第二条 丁。\n")
    assert len({a.ref for a in doc.articles}) == 4
    assert any("appears again" in w for w in doc.warnings)
    assert any("comes after" in w for w in doc.warnings)


def test_no_article_markers_falls_back_to_paragraphs_with_warning():
    doc = parse_text("一份通知\n各单位要加强管理。\n请认真贯彻落实。\n")
    assert doc.fallback
    assert [a.text for a in doc.articles] == ["各单位要加强管理。", "请认真贯彻落实。"]
    assert "no article markers" in doc.warnings[0]


def test_english_eu_act():
    path = RAW / "eu-ai-act-2024" / "final.txt"
    if not path.exists():
        pytest.skip("shared corpora not present")
    doc = load_document(str(path))
    assert doc.lang is Lang.EN and len(doc.articles) == 113
    art5 = doc.articles[4]
    assert art5.caption == "Prohibited AI practices"
    assert art5.paragraphs[0].text.startswith("1. The following AI practices shall be prohibited")
    assert art5.paragraphs[0].items[0].label == "(a)"
    assert art5.headings == ("CHAPTER II PROHIBITED AI PRACTICES",)


@pytest.mark.parametrize(
    "marker", ["Article 5", "Art. 5", "ARTICLE 5"],
)
def test_english_article_markers(marker):
    doc = parse_text(f"An Act\n{marker}\nScope\n1. This Act applies to providers.\n(a) in the Union;\n")
    a = doc.articles[0]
    assert (a.number, a.caption) == (5, "Scope")
    assert a.paragraphs[0].items[0].label == "(a)"


def test_english_sections_and_paragraph_symbol():
    doc = parse_text("A Statute\n§ 1 Definitions\nIn this Act, terms mean...\nSection 2\nProviders must register.\n")
    assert [a.number for a in doc.articles] == [1, 2]
    assert doc.articles[0].caption == "Definitions"


def test_cross_reference_is_not_an_article_marker():
    doc = parse_text("An Act\nArticle 1\nScope\nArticle 6(1) shall apply from 2 August 2027.\n")
    assert len(doc.articles) == 1
    assert "Article 6(1)" in doc.articles[0].text


def test_original_text_is_never_normalised():
    doc = parse_text("办法\n第一条　提供者应当遵守，ＡＢＣ１２。\n")
    assert doc.articles[0].text == "提供者应当遵守，ＡＢＣ１２。"
