"""Word-level diff: tokens, width folding, semantic cleanup."""

from __future__ import annotations

from lawdiff.diff.word_diff import diff_texts
from lawdiff.io.cache import shared_tokenizer
from lawdiff.model import Lang, Op

tokenize = shared_tokenizer().tokenize


def _ops(edits):
    return [(e.op, e.text) for e in edits]


def test_tokens_are_slices_of_the_original():
    text = "提供者应当在3个月内通过模型优化训练等方式防止再次生成，Article 5(1)。"
    assert "".join(tokenize(text, Lang.ZH)) == text


def test_legal_terms_stay_whole():
    toks = tokenize("生成式人工智能服务提供者应当申报安全评估", Lang.ZH)
    assert "生成式人工智能" in toks and "安全评估" in toks and "应当" in toks


def test_modal_change_snaps_to_words():
    edits = diff_texts("提供者应当公开其规则。", "提供者可以公开其规则。", Lang.ZH)
    assert _ops(edits) == [(Op.EQUAL, "提供者"), (Op.DELETE, "应当"), (Op.INSERT, "可以"), (Op.EQUAL, "公开其规则。")]


def test_width_of_punctuation_and_spaces_is_no_change():
    edits = diff_texts("甲，乙；丙　丁", "甲,乙;丙 丁", Lang.ZH)
    assert all(e.op is Op.EQUAL for e in edits)
    assert "".join(e.text for e in edits) == "甲，乙；丙　丁"  # the draft's original characters


def test_identical_text_has_no_edits():
    assert all(e.op is Op.EQUAL for e in diff_texts("同一条文。", "同一条文。", Lang.ZH))


def test_english_words():
    edits = diff_texts("Providers shall notify within 15 days.", "Providers may notify within 30 days.", Lang.EN)
    assert (Op.DELETE, "shall") in _ops(edits) and (Op.INSERT, "may") in _ops(edits)
    assert (Op.DELETE, "15") in _ops(edits) and (Op.INSERT, "30") in _ops(edits)


def test_punctuation_only_gap_between_changes_is_merged():
    edits = diff_texts("甲乙，丙丁", "戊己，庚辛", Lang.ZH)
    assert [e.op for e in edits] == [Op.DELETE, Op.INSERT]


def test_offsets_point_into_each_side():
    draft, final = "提供者应当公开规则。", "提供者可以立即公开规则。"
    for e in diff_texts(draft, final, Lang.ZH):
        if e.op is Op.DELETE:
            assert draft[e.draft_start:e.draft_start + len(e.text)] == e.text
        if e.op is Op.INSERT:
            assert final[e.final_start:e.final_start + len(e.text)] == e.text
