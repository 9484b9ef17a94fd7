"""summarize: changes -> Signal (information, restriction index, coordination, commitment) and its renderers."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from lawdiff.errors import RuleError
from lawdiff.model import (
    AlignedUnit,
    Article,
    ArticleDiff,
    Change,
    Direction,
    Document,
    Effect,
    Firing,
    Label,
    Lang,
    Level,
    Paragraph,
    Report,
    Status,
    Theme,
    UnitKind,
    UnitReport,
    VersionMeta,
)
from lawdiff.pipeline import load_document
from lawdiff.render.i18n import words_for
from lawdiff.render.json import signal_to_dict
from lawdiff.render.signal_panel import signal_panel, signal_plain, wrap_cells
from lawdiff.signal import summarize
from lawdiff.signal.information import information, unit_parts, verdict
from lawdiff.signal.lexicon import load_signal_words, signal_words
from lawdiff.signal.textual import actors_named, infer_level, legal_bases

RAW = Path(__file__).resolve().parents[2] / "shared" / "corpora-raw"
if not RAW.is_dir():  # a worktree elsewhere: fall back to the shared folder's fixed place
    RAW = Path("/work/shared/corpora-raw")

R, T, N = Direction.RELAX, Direction.TIGHTEN, Direction.NEUTRAL


# --------------------------------------------------------------------------- builders


def art(number: int, text: str) -> Article:
    paras = tuple(Paragraph(i, line) for i, line in enumerate(text.split("\n"), start=1))
    return Article(number, f"第{number}条", None, (), paras, number)


def doc(title: str, *texts: str, lang: Lang = Lang.ZH, preamble: tuple[str, ...] = ()) -> Document:
    return Document(title, lang, tuple(art(i, t) for i, t in enumerate(texts, start=1)), preamble=preamble)


def fire(theme: str, direction: Direction, weight: float) -> Firing:
    return Firing(f"{theme}-{direction.value}", Theme(theme), direction, weight, "test rule", ())


def unit(
    label: Label,
    *firings: Firing,
    effect: Effect | None = None,
    score: float = 0.0,
    themes: tuple[str, ...] = (),
    draft: tuple[int, ...] = (1,),
    final: tuple[int, ...] = (1,),
    reason: str = "",
    uid: str | None = None,
) -> UnitReport:
    if label is Label.ADDED:
        draft = ()
    if label is Label.REMOVED:
        final = ()
    kind = {Label.ADDED: UnitKind.ADDED, Label.REMOVED: UnitKind.REMOVED}.get(label, UnitKind.MATCHED)
    if len(final) > 1:
        kind = UnitKind.SPLIT
    uid = uid or ("-".join([*(f"d{n}" for n in draft), *(f"f{n}" for n in final)]))
    au = AlignedUnit(uid, kind, tuple(art(n, "x") for n in draft), tuple(art(n, "y") for n in final), 0.5)
    change = Change(uid, label, effect, None, firings, reason or f"{label.value} {uid}",
                    tuple(Theme(t) for t in themes), score)
    return UnitReport(ArticleDiff(au, "x", "y", ()), change)


def counts(r, side: str) -> dict[str, int]:
    """Restriction and promotion words of one side, as one dict (they are separate fields)."""
    return dict(getattr(r, f"{side}_restriction_counts") + getattr(r, f"{side}_promotion_counts"))


def relaxed(w: float = 1.0, theme: str = "modal", **kw) -> UnitReport:
    return unit(Label.RELAXED, fire(theme, R, w), **kw)


def tightened(w: float = 1.0, theme: str = "modal", **kw) -> UnitReport:
    return unit(Label.TIGHTENED, fire(theme, T, w), **kw)


@pytest.fixture(scope="module")
def genai() -> tuple[Document, Document]:
    return load_document(str(RAW / "genai-2023" / "draft.txt")), load_document(
        str(RAW / "genai-2023" / "final.txt")
    )


@pytest.fixture(scope="module")
def eu() -> tuple[Document, Document]:
    return (
        load_document(str(RAW / "eu-ai-act-2024" / "draft.txt")),
        load_document(str(RAW / "eu-ai-act-2024" / "final.txt")),
    )


# --------------------------------------------------------------------------- information


def test_score_counts_each_directional_unit_once_and_shows_the_rule_weights():
    info = information(
        [relaxed(2.0), relaxed(1.0), tightened(1.5), unit(Label.REWORDED), unit(Label.UNCHANGED)]
    )
    assert (info.relaxing, info.tightening) == (2, 1)
    assert (info.relaxing_weight, info.tightening_weight) == (3.0, 1.5)
    assert info.score == pytest.approx((2 - 1) / (2 + 1), abs=1e-3)


def test_unit_counts_in_its_labels_direction_only():
    # the weaker opposite firing (the classifier's `secondary`) was already weighed by the label
    info = information([unit(Label.RELAXED, fire("modal", R, 2.0), fire("scope", T, 0.5))])
    assert (info.relaxing, info.tightening, info.score, info.relaxing_weight) == (1, 0, 1.0, 2.0)


@pytest.mark.parametrize(
    ("report", "relaxing", "tightening"),
    [
        (unit(Label.ADDED, fire("promotion", R, 1.5), effect=Effect.ENABLING), 1.5, 0.0),
        (unit(Label.REMOVED, fire("prohibition", R, 2.0), effect=Effect.RELAXING), 2.0, 0.0),
        (unit(Label.ADDED, fire("modal", T, 1.0), effect=Effect.BURDEN), 0.0, 1.0),
        (unit(Label.REMOVED, fire("rights", T, 1.0), effect=Effect.TIGHTENING), 0.0, 1.0),
        # rules that fired on a removed article's own words still give it weight
        (unit(Label.REMOVED, fire("modal", T, 1.25), effect=Effect.RELAXING), 1.25, 0.0),
        (unit(Label.ADDED, fire("modal", T, 3.0), effect=Effect.NEUTRAL), 0.0, 0.0),
        (unit(Label.REMOVED, effect=Effect.NEUTRAL), 0.0, 0.0),
        (unit(Label.REWORDED, fire("modal", R, 1.0)), 0.0, 0.0),
        # no firings: |score|, then the default weight 1
        (unit(Label.RELAXED, score=1.5), 1.5, 0.0),
        (unit(Label.TIGHTENED), 0.0, 1.0),
        (unit(Label.ADDED, effect=Effect.BURDEN), 0.0, 1.0),
    ],
)
def test_weights_by_label_and_effect(report, relaxing, tightening):
    info = information([report])
    assert (info.relaxing_weight, info.tightening_weight) == (relaxing, tightening)
    assert (info.relaxing, info.tightening) == (float(relaxing > 0), float(tightening > 0))


@pytest.mark.parametrize(
    ("relax", "tighten", "expected"),
    [
        ([], [], "none"),
        ([1], [], "insufficient evidence"),  # one relaxing change and nothing else is no lean
        ([3, 3], [], "insufficient evidence"),  # two, however heavy, are not either
        ([1, 1], [1], "mixed"),  # cii-commercial-crypto-2025's gold: 1 relaxed, 2 tightened -> mixed
        ([1], [1, 1], "mixed"),
        ([1, 1, 1], [1], "relaxing"),
        ([1], [1, 1, 1], "tightening"),
        ([1] * 9, [], "relaxing"),  # public-data-registration-2025's gold shape
        ([1] * 12, [1] * 8, "mixed"),  # score 0.2, but a lead of 4 < sqrt(20)
        ([1] * 60, [1] * 40, "relaxing"),  # score 0.2, lead 20 >= 10
        ([1] * 55, [1] * 45, "mixed"),  # lead 10 >= 10, but score 0.1 < 0.2
        ([10, 10, 10], [10], "relaxing"),  # the rule does not depend on the scale of the weights
        ([10, 10], [10], "mixed"),
        ([3], [1, 1], "mixed"),  # score 0.2, lead 1 < sqrt(11)
    ],
)
def test_verdict_thresholds(relax, tighten, expected):
    units = [relaxed(w) for w in relax] + [tightened(w) for w in tighten]
    info = information(units)
    assert info.verdict == expected
    assert verdict(len(relax), len(tighten), len(relax) + len(tighten)) == expected


def test_verdict_none_when_only_wording_changed():
    info = information(
        [unit(Label.REWORDED), unit(Label.UNCHANGED), unit(Label.ADDED, effect=Effect.NEUTRAL)]
    )
    assert (info.verdict, info.score) == ("none", 0.0)


def test_thresholds_are_stated_in_words():
    info = information([relaxed(3.0), tightened(4.0), tightened(1.0), relaxed(1.0)])
    assert "score ≥ +0.2" in info.thresholds and "≤ −0.2" in info.thresholds
    assert "lead ≥ 2.00" in info.thresholds  # sqrt(4 directional units), the lead this run needed
    assert "insufficient evidence under 3 directional units" in info.thresholds
    assert "none if no change carries direction" in info.thresholds


def test_counts_per_label_and_effect_in_stable_order():
    info = information(
        [relaxed(), relaxed(), unit(Label.ADDED, effect=Effect.ENABLING), unit(Label.UNCHANGED)]
    )
    assert info.label_counts == (
        ("unchanged", 1),
        ("reworded", 0),
        ("relaxed", 2),
        ("tightened", 0),
        ("added", 1),
        ("removed", 0),
    )
    assert info.effect_counts == (
        ("burden", 0),
        ("enabling", 1),
        ("relaxing", 0),
        ("tightening", 0),
        ("neutral", 0),
    )


def test_theme_scores():
    info = information(
        [
            unit(Label.RELAXED, fire("modal", R, 2.0), fire("deadline", R, 1.0), draft=(1,), final=(1,)),
            unit(Label.TIGHTENED, fire("modal", T, 1.0), draft=(2,), final=(2,)),
            unit(Label.TIGHTENED, fire("sanction", T, 0.5), draft=(3,), final=(3,)),
            unit(Label.ADDED, effect=Effect.ENABLING, themes=("promotion", "coordination"), final=(4,)),
        ]
    )
    themes = {s.theme: s for s in info.themes}
    # each unit counts once, shared among its themes by the weight of their rules
    assert [s.theme for s in info.themes] == ["modal", "sanction", "coordination", "promotion", "deadline"]
    assert (themes["modal"].relaxing, themes["modal"].tightening, themes["modal"].units) == (0.667, 1.0, 2)
    assert (themes["sanction"].score, themes["deadline"].score) == (-1.0, 1.0)
    # a unit without firings splits its count across its themes
    assert (themes["promotion"].relaxing, themes["coordination"].relaxing) == (0.5, 0.5)


def test_top_changes_by_weight_with_article_references():
    units = [
        relaxed(0.5, draft=(2,), final=(2,)),
        relaxed(3.0, draft=(4,), final=(4,), reason="应当 → 可以 in item （五）"),
        tightened(2.0, draft=(13,), final=(11, 14)),
        unit(Label.ADDED, fire("promotion", R, 1.5), effect=Effect.ENABLING, final=(3,)),
        unit(Label.REMOVED, fire("prohibition", R, 1.0), effect=Effect.RELAXING, draft=(9,)),
        relaxed(0.75, draft=(7,), final=(6,)),
        unit(Label.REWORDED, draft=(8,), final=(8,)),
    ]
    top = information(units).top
    assert len(top) == 5
    assert [(t.weight, t.where) for t in top] == [
        (3.0, "draft 4 → final 4"),
        (-2.0, "draft 13 → final 11, 14"),
        (1.5, "draft — → final 3"),
        (1.0, "draft 9 → final —"),
        (0.75, "draft 7 → final 6"),
    ]
    assert top[0].reason == "应当 → 可以 in item （五）" and top[0].label is Label.RELAXED


def test_unit_parts_keep_firing_themes():
    parts = unit_parts(unit(Label.TIGHTENED, fire("sanction", T, 2.0), fire("trigger", T, 1.0)).change)
    assert [(p.theme, p.weight) for p in parts] == [("sanction", 2.0), ("trigger", 1.0)]


def _gold_units(path: Path) -> list[UnitReport]:
    """The gold labels of a corpus pair as units of weight 1 (no rule firings)."""
    import yaml

    out = []
    for i, u in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["units"]):
        effect = Effect(u["effect"]) if u.get("effect") else None
        out.append(
            unit(
                Label(u["label"]),
                effect=effect,
                draft=tuple(u["draft"]) or (1,),
                final=tuple(u["final"]) or (1,),
                uid=f"u{i}",
            )
        )
    return out


GOLD = sorted((Path(__file__).resolve().parents[1] / "corpora").glob("*/annotations.yaml"))


@pytest.mark.parametrize("path", GOLD, ids=[p.parent.name for p in GOLD])
def test_thresholds_reproduce_the_gold_verdicts(path):
    """With every directional unit weighing the same, the gold labels give the gold verdict and score; a
    revision with fewer directional units than MIN_UNITS is "insufficient evidence" by design, whatever
    its annotator read into one or two changes."""
    import yaml

    from lawdiff.signal.information import MIN_UNITS

    expect = yaml.safe_load(path.read_text(encoding="utf-8"))["expect_signal"]
    info = information(_gold_units(path))
    if 0 < info.relaxing + info.tightening < MIN_UNITS:
        assert info.verdict == "insufficient evidence"
        return
    assert info.verdict == expect["verdict"]
    lo, hi = expect["score"]
    assert lo <= info.score <= hi


# --------------------------------------------------------------------------- restriction index


def _signal(draft: Document, final: Document, units=(), lang: Lang = Lang.ZH, dmeta=None, fmeta=None):
    return summarize(
        list(units),
        draft=draft,
        final=final,
        lang=lang,
        draft_meta=dmeta or VersionMeta(draft.title),
        final_meta=fmeta or VersionMeta(final.title),
    )


def test_restriction_index_zh_hand_counted():
    # 20 characters: 应当 x1, 不得 x1, 禁止 x1 -> 3 restriction words -> 150 per 1,000
    draft = doc("某某办法", "应当登记，不得泄露信息，禁止转售其数据。")
    # 25 characters (the U+3000 and the line break do not count): 应当 x1, 鼓励 x1, 支持 x1, 促进 x1
    final = doc("某某办法", "国家鼓励创新，支持　合作，促进发展。\n提供者应当登记。")
    r = _signal(draft, final).restriction
    assert counts(r, "draft") == {
        "应当": 1,
        "必须": 0,
        "不得": 1,
        "禁止": 1,
        "鼓励": 0,
        "支持": 0,
        "促进": 0,
    }
    assert counts(r, "final") == {
        "应当": 1,
        "必须": 0,
        "不得": 0,
        "禁止": 0,
        "鼓励": 1,
        "支持": 1,
        "促进": 1,
    }
    assert [w for w, _ in r.draft_restriction_counts] == ["应当", "必须", "不得", "禁止"]  # the two kinds apart
    assert [w for w, _ in r.final_promotion_counts] == ["鼓励", "支持", "促进"]
    assert (r.draft_restriction_per_1000, r.draft_promotion_per_1000) == (150.0, 0.0)
    assert (r.final_restriction_per_1000, r.final_promotion_per_1000) == (40.0, 120.0)


def test_restriction_index_en_whole_words_and_inflections():
    # 42 non-space characters
    draft = doc("Regulation X", "Providers shall register. They may not sell data.", lang=Lang.EN)
    # "mustard" is not "must"; "supported" and "encourages" are inflections; 75 non-space characters
    final = doc(
        "Regulation X",
        "Providers must register. Mustard is supported. The Union encourages and promotes SMEs.",
        lang=Lang.EN,
    )
    r = _signal(draft, final, lang=Lang.EN).restriction
    assert counts(r, "draft")["shall"] == 1 and counts(r, "draft")["may not"] == 1
    assert r.draft_restriction_per_1000 == pytest.approx(1000 * 2 / 42, abs=1e-3)
    fc = counts(r, "final")
    assert (fc["must"], fc["support"], fc["encourage"], fc["promote"]) == (1, 1, 1, 1)
    assert r.final_promotion_per_1000 == pytest.approx(1000 * 3 / 75, abs=1e-3)


def test_restriction_index_genai(genai):
    r = _signal(*genai).restriction
    # the final commands a little less densely and encourages more
    assert r.final_restriction_per_1000 < r.draft_restriction_per_1000
    assert r.final_promotion_per_1000 > r.draft_promotion_per_1000
    assert counts(r, "final")["鼓励"] == 4 and counts(r, "draft")["鼓励"] == 1


# --------------------------------------------------------------------------- coordination


def test_genai_final_adds_the_science_and_technology_progress_law(genai):
    c = _signal(*genai).coordination
    assert c.bases_added == ("《中华人民共和国科学技术进步法》",)
    assert c.bases_removed == ()


def test_legal_bases_compare_normalised_titles():
    draft = doc(
        "某办法",
        "为规范登记，按照《中共中央 国务院关于构建数据基础制度的意见》，根据《中华人民共和国数据安全法》"
        "《个人信息保护法》等法律法规，制定本办法。",
    )
    final = doc(
        "某办法",
        "为规范登记，根据《网络安全法》、《数据安全法》，按照《中共中央、国务院关于构建数据基础制度的意见》"
        "要求，制定本办法。",
    )
    c = _signal(draft, final).coordination
    assert c.bases_added == ("《网络安全法》",)
    assert c.bases_removed == ("《个人信息保护法》",)


@pytest.mark.parametrize(
    ("text", "bases"),
    [
        ("为了防止和纠正违法的行政行为，根据宪法，制定本法。", ("宪法",)),
        ("为了预防和制止垄断行为，保护市场公平竞争，制定本法。", ()),  # the Anti-Monopoly Law cites nothing
        ("本办法适用于《某某规定》所称的服务。", ()),  # a 《》 title outside a purpose article
    ],
)
def test_legal_bases_zh(text, bases):
    assert legal_bases(doc("某法", text), signal_words(Lang.ZH)) == bases


def test_legal_bases_en():
    words = signal_words(Lang.EN)
    text = (
        "This Regulation lays down rules in accordance with Article 16 TFEU and pursuant to "
        "Regulation (EU) 2016/679; it applies pursuant to paragraph 1."
    )
    assert legal_bases(doc("Regulation X", text, lang=Lang.EN), words) == (
        "Article 16 TFEU",
        "Regulation (EU) 2016/679",
    )
    assert legal_bases(doc("Regulation X", "This Regulation lays down rules.", lang=Lang.EN), words) == ()


def test_genai_final_names_new_actors_and_ministries(genai):
    c = _signal(*genai).coordination
    assert c.actors_added == (
        "行业组织",
        "企业",
        "教育和科研机构",
        "公共文化机构",
        "有关专业机构",
        "发展改革部门",
        "教育部门",
        "科技部门",
        "工业和信息化部门",
        "公安部门",
        "广播电视部门",
        "新闻出版部门",
    )
    assert c.actors_removed == ()  # 网信部门 and 有关主管部门 are named by both versions


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("支持教育和科研机构开展协作。", ("教育和科研机构",)),  # not also 科研机构
        ("支持科研机构和中小企业开展协作。", ("中小企业", "科研机构")),
        ("由网信和公安部门负责。", ("网信部门", "公安部门")),
        ("国家密码管理部门会同国家网信部门、国务院公安部门负责。", ("网信部门", "公安部门", "密码管理部门")),
        ("网信、工业和信息化等部门依据职责管理。", ("网信部门", "工业和信息化部门")),
        ("开展科技创新的有关部门应当配合。", ()),  # 科技 does not end the segment before 部门
        ("加强科技创新和教育。", ()),  # no 部门: bare words name no department
    ],
)
def test_actors_named_zh(text, named):
    assert set(actors_named(text, signal_words(Lang.ZH))) == set(named)


def test_issuers_from_metadata_or_text():
    final = doc(
        "生成式人工智能服务管理暂行办法",
        "本办法自2023年8月15日起施行。",
        preamble=("国家互联网信息办公室等七部门令第15号",),
    )
    draft = doc("生成式人工智能服务管理办法", "本办法自2023年 月 日起实施。", preamble=("（征求意见稿）",))
    c = _signal(draft, final).coordination
    assert (c.draft_issuers, c.final_issuers) == ((), ("国家互联网信息办公室等七部门",))
    c = _signal(draft, final, dmeta=VersionMeta(draft.title, issuers=("国家互联网信息办公室",))).coordination
    assert c.draft_issuers == ("国家互联网信息办公室",)


# --------------------------------------------------------------------------- commitment


def test_genai_final_is_interim_and_discounted(genai):
    m = _signal(*genai).commitment
    assert (m.draft_provisional, m.final_provisional) == (False, True)
    assert (m.draft_level_shown, m.final_level_shown) == ("draft departmental rule", "departmental rule")
    assert m.note.startswith("final is interim (暂行), the draft was not: commitment discounted")
    assert "below laws and administrative regulations" in m.note


def test_level_from_metadata_wins():
    d, f = doc("某办法", "x", preamble=("（征求意见稿）",)), doc("某暂行办法", "y")
    m = _signal(
        d,
        f,
        dmeta=VersionMeta("某办法", level=Level.NORMATIVE_DOCUMENT, status=Status.DRAFT),
        fmeta=VersionMeta("某暂行办法", level=Level.DEPARTMENTAL_RULE),
    ).commitment
    assert (m.draft_level_shown, m.final_level_shown) == ("draft normative document", "departmental rule")
    assert "level changed from draft normative document" in m.note


def test_draft_status_is_read_from_the_text_not_the_role():
    # the pipeline gives the left file status "draft" when there is no meta.yaml; an old law is no draft
    old = doc(
        "中华人民共和国某某法",
        "x",
        preamble=("2007年8月30日 第十届全国人民代表大会常务委员会第二十九次会议通过",),
    )
    m = _signal(old, old, dmeta=VersionMeta(old.title, status=Status.DRAFT)).commitment
    assert m.draft_level_shown == "law"
    draft = doc("中华人民共和国某某法（草案）", "x")
    assert _signal(draft, old).commitment.draft_level_shown == "draft law"


def test_anti_monopoly_law_is_a_law_and_not_provisional():
    old = load_document(str(RAW / "anti-monopoly-law-2022" / "old.md"))
    new = load_document(str(RAW / "anti-monopoly-law-2022" / "new.md"))
    s = _signal(old, new)
    assert (s.commitment.draft_level_shown, s.commitment.final_level_shown) == ("law", "law")
    assert (s.commitment.draft_provisional, s.commitment.final_provisional) == (False, False)
    assert s.commitment.note == "not provisional; law (法律), below only the Constitution (宪法)"
    assert s.coordination.final_issuers == ("全国人民代表大会常务委员会",)


@pytest.mark.parametrize(
    ("title", "issuers", "level"),
    [
        ("中华人民共和国反垄断法", (), "law"),
        ("中华人民共和国民法典", (), "law"),
        ("商用密码管理条例", (), "administrative regulation"),
        ("生成式人工智能服务管理暂行办法", ("国家互联网信息办公室",), "departmental rule"),
        ("关键信息基础设施商用密码使用管理规定", (), "departmental rule"),
        ("某某管理办法", ("国务院",), "administrative regulation"),
        ("国家数据局关于加强公共数据登记的通知", (), "normative document"),
        ("生成式人工智能服务管理办法（征求意见稿）", (), "departmental rule"),
        ("GB/T 45654—2025 网络安全技术 生成式人工智能服务安全基本要求", (), "standard"),
    ],
)
def test_level_inference_zh(title, issuers, level):
    d = doc(title, "x")
    assert infer_level(d, VersionMeta(title), issuers, signal_words(Lang.ZH))[0] == level


def test_english_eu_ai_act(eu):
    s = _signal(*eu, lang=Lang.EN)
    m, c, r = s.commitment, s.coordination, s.restriction
    assert (m.draft_level_shown, m.final_level_shown) == ("draft law", "law")
    assert (m.draft_provisional, m.final_provisional) == (False, False)
    assert "EU legislative act" in m.note
    assert c.draft_issuers == ("European Commission",)
    assert c.final_issuers == ("European Parliament", "Council of the European Union")
    assert {"the AI Office", "SMEs", "scientific panel", "advisory forum"} <= set(c.actors_added)
    assert (c.bases_added, c.bases_removed) == ((), ())
    assert counts(r, "final")["shall"] > counts(r, "draft")["shall"] > 100
    assert r.final_promotion_per_1000 > r.draft_promotion_per_1000


def test_english_interim_title_is_provisional():
    d = doc("Proposal for a Regulation of the European Parliament and of the Council on X", "x", lang=Lang.EN)
    f = doc("Interim Rules on X", "y", lang=Lang.EN)
    m = _signal(d, f, lang=Lang.EN).commitment
    assert (m.draft_provisional, m.final_provisional) == (False, True)
    assert m.note.startswith("final is interim, the draft was not: commitment discounted")


# --------------------------------------------------------------------------- signal.yaml


def test_packaged_word_lists_load():
    words = load_signal_words()
    assert words[Lang.ZH].restriction == ("应当", "必须", "不得", "禁止")
    assert words[Lang.EN].promotion == ("encourage", "support", "promote")


_HEAD = "zh:\n  restriction: [应当]\n  promotion: [鼓励]\n  hierarchy: {law: 法律}\n"


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (
            "zh:\n  restriction: [应当]\n  promotion: [鼓励]\n  hierarchy: {law: 法律}\n  colour: red\n",
            ":5: zh.colour: unknown key",
        ),
        ("fr:\n  restriction: [doit]\n", ":1: (top level).fr: unknown key"),
        (
            _HEAD + "  actors:\n    - {name: x, pattern: '(unclosed'}\n",
            ":6: zh.actors.pattern: bad regular expression",
        ),
        (
            _HEAD + "  levels:\n    - {level: decree, title: ['令$']}\n",
            ":6: zh.levels.level: 'decree' is not in hierarchy",
        ),
        # a missing key is reported at the key holding the mapping that lacks it ("zh:"), as in every other
        # lawdiff YAML file since the schemas (it was the mapping's first key, line 2)
        ("zh:\n  restriction: [应当]\n  hierarchy: {law: 法律}\n", ":1: zh.promotion: missing; every language needs it"),
        (
            "zh:\n  restriction: 应当\n  promotion: [鼓励]\n  hierarchy: {law: 法律}\n",
            ":2: zh.restriction: expected a list",
        ),
    ],
)
def test_bad_signal_file_names_file_key_and_line(tmp_path, body, needle):
    path = tmp_path / "signal.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RuleError) as e:
        load_signal_words(path)
    assert str(e.value).startswith(str(path)) and needle in str(e.value)


# --------------------------------------------------------------------------- rendering


@pytest.fixture(scope="module")
def genai_units():
    long_reason = (
        "draft 4(4) “利用生成式人工智能生成的内容应当真实准确，采取措施防止生成虚假信息” became final 4(5) "
        "“基于服务类型特点，采取有效措施……提高生成内容的准确性和可靠性”: obligation of result → effort"
    )
    units = [
        unit(Label.RELAXED, fire("effort", R, 2.0), draft=(4,), final=(4,), reason=long_reason),
        unit(
            Label.RELAXED,
            fire("deadline", R, 1.5),
            draft=(15,),
            final=(14,),
            reason="3个月内 deadline deleted",
        ),
        unit(
            Label.RELAXED,
            fire("approval", R, 1.5),
            draft=(6,),
            final=(17,),
            reason="安全评估 only for 舆论属性",
        ),
        unit(
            Label.TIGHTENED,
            fire("rights", T, 1.0),
            draft=(11,),
            final=(11,),
            reason="不得收集非必要个人信息 added",
        ),
        unit(
            Label.ADDED, fire("promotion", R, 1.0), effect=Effect.ENABLING, final=(5,), reason="鼓励 创新应用"
        ),
        unit(Label.REWORDED, draft=(1,), final=(1,)),
    ]
    return units


@pytest.fixture(scope="module")
def genai_signal(genai, genai_units):
    d, f = genai
    return summarize(
        genai_units,
        draft=d,
        final=f,
        lang=Lang.ZH,
        draft_meta=VersionMeta(d.title, issuers=("国家互联网信息办公室",), status=Status.DRAFT),
        final_meta=VersionMeta(
            f.title,
            issuers=(
                "国家互联网信息办公室",
                "国家发展和改革委员会",
                "教育部",
                "科学技术部",
                "工业和信息化部",
                "公安部",
                "国家广播电视总局",
            ),
        ),
    )


@pytest.fixture(scope="module")
def genai_report(genai, genai_units, genai_signal):
    d, f = genai
    return Report(d, f, VersionMeta(d.title), VersionMeta(f.title), tuple(genai_units), genai_signal, Lang.ZH)


@pytest.mark.parametrize("width", [100, 80])
def test_panel_fits_the_terminal(genai_report, width):
    console = Console(width=width, record=True, color_system=None)
    console.print(signal_panel(genai_report, words_for(Lang.ZH)))
    text = console.export_text()
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    assert cell_len(lines[0]) == min(width, 100)  # the box is at most 100 wide
    assert "放宽（有利发展）" in text and "pro-growth" not in text
    # long CJK runs are folded, never cut off with an ellipsis
    cells = "".join(line.strip("│ ") for line in lines)
    for needle in (
        "《中华人民共和国科学技术进步法》",
        "国家广播电视总局",
        "新闻出版部门",
        "部门规章，位于法律和行政法规之下",
        "正式文本为暂行规定，征求意见稿不是：承诺打折扣",
    ):
        assert needle in cells or needle.replace(" ", "") in cells.replace(" ", "")


def test_panel_is_compact_on_a_wide_terminal(genai_report):
    console = Console(width=160, record=True, color_system=None)
    console.print(signal_panel(genai_report, words_for(Lang.ZH)))
    assert max(cell_len(line) for line in console.export_text().splitlines()) == 100


def test_plain_form_has_the_same_content(genai_report):
    text = signal_plain(genai_report, words_for(Lang.EN))
    assert all(cell_len(line) <= 100 for line in text.splitlines())
    assert "\x1b" not in text
    info = genai_report.signal.information
    assert info.verdict == "relaxing"
    for needle in (
        "pro-growth / relaxing",
        f"(Score +{info.score:.2f})",
        "《中华人民共和国科学技术进步法》",
        "行业组织、企业",
        "the final is interim (暂行), the draft was not: commitment discounted",
        "+2.0 relaxed draft 4 → final 4: test rule",
        "应当 16→21",
        "鼓励 1→4",
        "draft departmental rule → departmental rule",
        "below laws and administrative regulations",
    ):
        assert needle in text.replace("\n        ", "")


def test_plain_form_in_chinese_has_no_english_words(genai_report):
    text = signal_plain(genai_report, words_for(Lang.ZH))
    for needle in ("放宽（有利发展）（得分 +", "部门规章（草案） → 部门规章", "判定标准", "主要变化"):
        assert needle in text.replace("\n        ", "")
    assert not re.search(r"\b(?:relaxing|tightening|verdict|score|draft|final|level|below)\b", text)


def test_wrap_cells_counts_cjk_double():
    lines = wrap_cells("应当" * 30, 20, "  ")
    assert [cell_len(x) for x in lines] == [
        20,
        20,
        20,
        20,
        20,
        20,
        12,
    ]  # 10 characters, then 9 after the indent
    assert "".join(x.strip() for x in lines) == "应当" * 30


def test_signal_to_dict_is_json_ready_in_stable_order(genai_signal):
    d = signal_to_dict(genai_signal)
    assert list(d) == ["information", "restriction", "coordination", "commitment"]
    assert list(d["information"]["label_counts"]) == [
        "unchanged",
        "reworded",
        "relaxed",
        "tightened",
        "added",
        "removed",
    ]
    assert d["information"]["verdict"] == "relaxing"
    assert d["coordination"]["bases_added"] == ["《中华人民共和国科学技术进步法》"]
    assert d["commitment"]["final_provisional"] is True
    assert d["restriction"]["change"]["promotion_per_1000"] > 0
    again = json.loads(json.dumps(d, ensure_ascii=False))
    assert again == d
    assert math.isclose(d["information"]["score"], genai_signal.information.score)


def test_only_the_weightiest_themes_are_listed():
    # ten themes; theme k is the theme of k changed articles, so the themes weigh 1 to 10
    themes = [*list(Theme)[:9], Theme.OTHER]
    units = [relaxed(1.0, theme=themes[w - 1].value, draft=(100 * w + i,), final=(100 * w + i,))
             for w in range(1, 11) for i in range(w)]
    d = doc("某办法", "应当。")
    s = _signal(d, d, units)
    report = Report(d, d, VersionMeta(d.title), VersionMeta(d.title), tuple(units), s, Lang.ZH)
    en = words_for(Lang.EN)
    text = signal_plain(report, en)
    tenth, third, second = (en.themes[themes[k].value] for k in (9, 2, 1))
    assert f"{tenth} " in text and f"{third} " in text and f"{second} " not in text
    assert "2 lighter themes not shown" in text
    assert len(signal_to_dict(s)["information"]["themes"]) == 10
    console = Console(width=100, record=True, color_system=None)
    console.print(signal_panel(report, en))
    panel = console.export_text()
    assert f"{third} " in panel and f"{second} " not in panel and "2 lighter themes not shown" in panel


def test_english_bases_only_in_article_one():
    words = signal_words(Lang.EN)
    d = doc(
        "Regulation X",
        "This Regulation lays down rules.",
        "Fines shall be imposed in accordance with Regulation (EU) 2016/679.",
        lang=Lang.EN,
    )
    assert legal_bases(d, words) == ()
