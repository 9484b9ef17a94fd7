"""Properties of the parser, the aligner and the pipeline that must hold for any input.

Hypothesis generates texts two ways: arbitrary Unicode (anything a file can decode to) and "law-like"
lines built from the pieces real texts and hostile texts are made of — article and heading markers in
Chinese and Arabic numerals with OCR spaces, items, Markdown headings, comments, HTML tags, bold
markers, control characters, English markers.  Example counts are bounded (``max_examples``) so that
the suite stays fast; ``fuzz/fuzz_parse.py`` runs the same pipeline for minutes, outside CI.
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from lawdiff.align import align
from lawdiff.classify.label import classify_texts
from lawdiff.classify.rules import shipped_rules
from lawdiff.errors import LawdiffError
from lawdiff.model import Label, Lang, Op
from lawdiff.parse import parse_text
from lawdiff.pipeline import compare

#: 60 examples per property in CI; ``LAWDIFF_PROPERTY_EXAMPLES=2000 pytest tests/test_properties.py`` for a longer run
FAST = settings(max_examples=int(os.environ.get("LAWDIFF_PROPERTY_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

CN = "一二三四五六七八九十百千零"
WORDS = ["提供者", "应当", "可以", "不得", "必须", "网络", "数据", "安全", "管理", "部门", "个人信息", "服务", "依法",
         "规定", "处罚", "责任", "备案", "审批", "罚款", "日内", "，", "。", "；", "、", "（", "）", "　", " "]
NOISE = ["<p>", "</p>", "<div>", "<br>", "<script>", "</script>", "<!--", "-->", "<!-- INFO END -->", "**", "__",
         "#", "##", "【", "】", "第", "条", "章", "之一", "\t", "\x1b[2J", "\x0c", "\u200b", "\ufeff", "&amp;", "&lt;",
         "Article 1", "CHAPTER II", "(a) ", "1. ", "§ 2", "目录", "\\", "|", "`"]

numeral = st.one_of(st.text(alphabet=CN, min_size=1, max_size=5), st.integers(0, 20000).map(str),
                    st.text(alphabet="０１２３４５６７８９", min_size=1, max_size=3))
spaces = st.sampled_from(["", "", " ", "　", "  "])
body = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(NOISE)), min_size=0, max_size=12).map("".join)


@st.composite
def law_line(draw) -> str:
    kind = draw(st.sampled_from(["article", "article", "article", "heading", "item", "text", "noise", "markdown"]))
    if kind == "article":
        return f"第{draw(spaces)}{draw(numeral)}{draw(spaces)}条{draw(spaces)}{draw(body)}"
    if kind == "heading":
        return f"第{draw(numeral)}{draw(st.sampled_from(['章', '节', '编', '分编']))}{draw(spaces)}{draw(body)[:10]}"
    if kind == "item":
        return f"{draw(st.sampled_from(['（一）', '（二）', '(1)', '1.', '一、']))}{draw(body)}"
    if kind == "markdown":
        return f"{draw(st.sampled_from(['#', '##', '###']))} {draw(body)}"
    if kind == "noise":
        return draw(st.text(min_size=0, max_size=30))
    return draw(body)


law_text = st.lists(law_line(), min_size=0, max_size=25).map(lambda lines: "某某管理办法\n" + "\n".join(lines))


def _parse(text: str):
    try:
        return parse_text(text)
    except LawdiffError:
        return None


# -------------------------------------------------------------------------------------------- parse


@FAST
@given(st.text(max_size=400))
def test_any_unicode_parses_or_raises_a_lawdiff_error(text):
    _parse(text)


@FAST
@given(law_text)
def test_any_law_like_text_parses_or_raises_a_lawdiff_error(text):
    doc = _parse(text)
    if doc is not None:
        refs = [a.ref for a in doc.articles]
        assert len(refs) == len(set(refs))  # duplicates are kept apart, never merged or dropped
        assert all(isinstance(w, str) and "\n" not in w for w in doc.warnings)


# -------------------------------------------------------------------------------------------- align


@st.composite
def revision(draw) -> tuple[str, str]:
    """A draft and a final made from it: lines dropped, added, edited, moved; or two unrelated texts."""
    lines = draw(st.lists(law_line(), min_size=1, max_size=20))
    if draw(st.booleans()):
        return "某某办法\n" + "\n".join(lines), draw(law_text)
    final = list(lines)
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["drop", "add", "edit", "move"]))
        i = draw(st.integers(0, max(len(final) - 1, 0)))
        if op == "drop" and final:
            final.pop(i)
        elif op == "add":
            final.insert(i, draw(law_line()))
        elif op == "edit" and final:
            final[i] = final[i] + draw(body)
        elif op == "move" and final:
            final.insert(draw(st.integers(0, len(final) - 1)), final.pop(i))
    return "某某办法\n" + "\n".join(lines), "某某办法\n" + "\n".join(final)


@FAST
@given(revision())
def test_every_article_is_in_exactly_one_unit(pair):
    draft, final = (_parse(t) for t in pair)
    assume(draft is not None and final is not None)
    units = align(draft, final, lang=draft.lang)
    for side, doc in (("draft", draft), ("final", final)):
        seen = Counter(id(a) for u in units for a in getattr(u, side))
        assert sorted(seen.values()) == [1] * len(doc.articles), side
        assert set(seen) == {id(a) for a in doc.articles}, side
    assert len({u.id for u in units}) == len(units)


@FAST
@given(law_text)
def test_a_text_compared_with_itself_has_no_differences(text):
    doc = _parse(text)
    assume(doc is not None)
    again = parse_text(text)  # an equal document, not the same object
    report = compare(doc, again, cache=False)
    assert not report.changed
    for u in report.units:
        assert all(e.op is Op.EQUAL for e in u.diff.edits), u.diff.unit.id
        assert u.change.label is Label.UNCHANGED, (u.diff.unit.id, u.change.reason)
        assert u.change.firings == ()


# ------------------------------------------------------------------------------------ swap symmetry

SWAP = {Label.RELAXED: Label.TIGHTENED, Label.TIGHTENED: Label.RELAXED, Label.ADDED: Label.REMOVED,
        Label.REMOVED: Label.ADDED, Label.REWORDED: Label.REWORDED, Label.UNCHANGED: Label.UNCHANGED}

# Changes whose norm rules come in mirrored pairs in data/rules/norms.yaml (each direction has its own rule):
# duty-to-permission / permission-to-duty, modal lighter / heavier (必须 -> 应当), approval step-down / step-up,
# deadline longer / shorter, fine lowered / raised, threshold narrower / wider, frequency less / more often,
# exception added / removed.  Swapping the two texts must give the mirrored label.
MIRRORED = [
    ("{s}应当{v}{o}。", "{s}可以{v}{o}。"),
    ("{s}必须{v}{o}。", "{s}应当{v}{o}。"),
    ("{s}不得{v}{o}。", "{s}可以{v}{o}。"),
    ("{s}{v}{o}的，应当报{d}备案。", "{s}{v}{o}的，应当报{d}审批。"),
    ("{s}应当在十五日内{v}{o}。", "{s}应当在三十日内{v}{o}。"),
    ("{s}违反本办法的，可以处五十万元以下的罚款。", "{s}违反本办法的，可以处三百万元以下的罚款。"),
    ("年营业额五十万元以上的{s}，应当{v}{o}。", "年营业额一百万元以上的{s}，应当{v}{o}。"),
    ("{s}应当每季度{v}一次{o}。", "{s}应当每半年{v}一次{o}。"),
    ("{s}应当{v}{o}。", "{s}应当{v}{o}；但是发生紧急情况的除外。"),
]
SUBJECTS = ["提供者", "运营者", "经营者", "网络平台", "数据处理者", "服务提供者"]
VERBS = ["公开", "保存", "报送", "处理", "提供", "删除"]
OBJECTS = ["算法的基本原理", "相关数据", "用户信息", "训练数据", "日志记录", "评估报告"]
DEPTS = ["国家网信部门", "国家密码管理部门", "省级主管部门"]


@FAST
@given(pair=st.sampled_from(MIRRORED), s=st.sampled_from(SUBJECTS), v=st.sampled_from(VERBS),
       o=st.sampled_from(OBJECTS), d=st.sampled_from(DEPTS), lead=st.sampled_from(["", "为了规范服务，制定本条。"]))
def test_swapping_draft_and_final_mirrors_relaxed_and_tightened(pair, s, v, o, d, lead):
    a, b = (lead + t.format(s=s, v=v, o=o, d=d) for t in pair)
    rules = shipped_rules(Lang.ZH)
    forward = classify_texts(a, b, rules, Lang.ZH).label
    backward = classify_texts(b, a, rules, Lang.ZH).label
    assert forward in (Label.RELAXED, Label.TIGHTENED), (a, b, forward)
    assert backward is SWAP[forward], (a, b, forward, backward)


ARTICLES = ["提供者应当建立投诉机制。", "运营者不得向他人提供用户输入信息。", "本办法自公布之日起施行。",
            "国家支持人工智能技术的创新应用。", "违反本办法规定的，依法给予处分。", "数据处理者应当开展风险评估。",
            "登记机构应当对登记材料进行审查。", "经营者应当在三十日内作出决定。"]
EXTRA = ["网络平台应当每年向国家网信部门报送安全评估报告，并保存日志记录不少于六个月。",
         "违反本办法第五条规定的，由省级主管部门责令改正，没收违法所得，并处十万元以下罚款。",
         "国家鼓励行业组织制定自律公约，推动数据安全标准体系建设。"]


def _doc(articles: list[str]) -> str:
    return "某某办法\n" + "".join(f"第{n}条　{t}\n" for n, t in enumerate(articles, 1))


@FAST
@given(base=st.lists(st.sampled_from(ARTICLES), min_size=1, max_size=6, unique=True),
       extra=st.lists(st.sampled_from(EXTRA), min_size=1, max_size=3, unique=True), data=st.data())
def test_swapping_draft_and_final_swaps_added_and_removed(base, extra, data):
    final = list(base)
    for t in extra:
        final.insert(data.draw(st.integers(0, len(final))), t)
    d, f = parse_text(_doc(base)), parse_text(_doc(final))
    forward = compare(d, f, cache=False)
    backward = compare(f, d, cache=False)
    fl = Counter(u.change.label for u in forward.units)
    bl = Counter(SWAP[u.change.label] for u in backward.units)
    assert fl == bl
    assert fl[Label.ADDED] == len(extra) and bl[Label.ADDED] == len(extra)
