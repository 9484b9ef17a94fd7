"""Classification of real units: the genai-2023 claims, anti-monopoly fines, English pairs, speed.

Units are built by article number from the bundled corpora (byte-for-byte copies of
shared/corpora-raw), so these tests pin the classifier independently of the aligner.
"""

from __future__ import annotations

import time
from functools import lru_cache

import pytest
from conftest import CORPORA

from lawdiff.classify.label import classify, classify_texts
from lawdiff.classify.rules import load_rules
from lawdiff.diff import diff_unit
from lawdiff.io.read import read_file
from lawdiff.model import AlignedUnit, Direction, Effect, Label, Lang, UnitKind
from lawdiff.parse import parse_text

ZH = load_rules(Lang.ZH)
EN = load_rules(Lang.EN)


@lru_cache(maxsize=8)
def _articles(pair: str, name: str):
    text, _ = read_file(CORPORA / pair / name)
    return {a.number: a for a in parse_text(text, lang=Lang.ZH).articles}


def _unit(pair: str, files: tuple[str, str], draft: tuple[int, ...], final: tuple[int, ...]) -> AlignedUnit:
    d = tuple(_articles(pair, files[0])[n] for n in draft)
    f = tuple(_articles(pair, files[1])[n] for n in final)
    kind = (UnitKind.ADDED if not d else UnitKind.REMOVED if not f else UnitKind.MERGED if len(d) > 1
            else UnitKind.SPLIT if len(f) > 1 else UnitKind.MATCHED)
    uid = "+".join(f"d{n}" for n in draft) + ("-" if d and f else "") + "+".join(f"f{n}" for n in final)
    return AlignedUnit(uid, kind, d, f, 0.0 if kind in (UnitKind.ADDED, UnitKind.REMOVED) else 0.5)


def genai(draft: tuple[int, ...], final: tuple[int, ...]):
    unit = _unit("genai-2023", ("draft.txt", "final.txt"), draft, final)
    return classify(diff_unit(unit, Lang.ZH), ZH, Lang.ZH)


def amlaw(old: int, new: int):
    unit = _unit("anti-monopoly-law-2022", ("old.md", "new.md"), (old,), (new,))
    return classify(diff_unit(unit, Lang.ZH), ZH, Lang.ZH)


def fired(change, rule_id: str):
    hits = [f for f in change.firings if f.rule_id == rule_id]
    assert hits, f"{rule_id} did not fire: {change.reason}"
    return hits[0]


def _texts(firing, side: str) -> list[str]:
    return [e.text for e in firing.evidence if e.side == side]


# ------------------------------------------------------------------------------- genai-2023


def test_genai_4_result_to_effort():
    ch = genai((4,), (4,))
    assert ch.label is Label.RELAXED
    f = fired(ch, "norm.effort.result-to-effort")
    assert any(t.startswith("（五）基于服务类型特点，采取有效措施") for t in _texts(f, "final"))
    assert any(e.where == "final art. 4 item （五）" for e in f.evidence if e.side == "final")
    assert any(e.where == "draft art. 4 item （四）" for e in f.evidence if e.side == "draft")
    # the finding keeps both norms: an obligation of result became one of effort
    [finding] = [x for x in ch.findings if x.rule_id == "norm.effort.result-to-effort"]
    assert finding.change.draft is not None and not finding.change.draft.effort
    assert finding.change.final is not None and finding.change.final.effort
    assert ch.reason.startswith("relaxed: an obligation of result became an obligation of effort")
    assert "effort" in ch.themes and ch.score > 0
    # evidence spans point into the unit texts
    d = diff_unit(_unit("genai-2023", ("draft.txt", "final.txt"), (4,), (4,)), Lang.ZH)
    for e in f.evidence:
        assert (d.draft_text if e.side == "draft" else d.final_text)[e.start : e.end] == e.text


def test_genai_7_guarantee_to_effort():
    ch = genai((7,), (7,))
    assert ch.label is Label.RELAXED
    f = fired(ch, "norm.effort.result-to-effort")
    assert any("能够保证" in t for t in _texts(f, "draft"))
    assert any("采取有效措施提高" in t for t in _texts(f, "final"))


def test_genai_6_to_17_filing_with_the_regulator_became_a_self_assessment():
    ch = genai((6,), (17,))
    assert ch.label is Label.RELAXED
    step = fired(ch, "norm.approval.step-down")
    assert _texts(step, "draft") == ["向国家网信部门申报安全评估"]
    assert _texts(step, "final") == ["按照国家有关规定开展安全评估"]
    assert "approval" in ch.themes


def test_genai_2_exemption_added():
    ch = genai((2,), (2,))
    assert ch.label is Label.RELAXED
    f = fired(ch, "norm.exemption.added")
    assert any("不适用本办法的规定" in t for t in _texts(f, "final"))
    assert f.evidence[0].where == "final art. 2(3)"


def test_genai_15_and_19_to_14_duties_dropped_outweigh_the_new_ones():
    ch = genai((15, 19), (14,))
    assert ch.label is Label.RELAXED and ch.secondary is Label.TIGHTENED
    dropped = fired(ch, "norm.duty.removed")  # the three-month retraining deadline
    assert any("3个月" in t for t in _texts(dropped, "draft"))
    # mandatory suspension (应当暂停或者终止服务) replaced by graded measures: the same duty, more ways to comply
    graded = fired(ch, "norm.scope.acts-narrowed")
    assert graded.direction is Direction.RELAX
    assert any("警示、限制功能、暂停或者终止" in t for t in _texts(graded, "final"))
    assert fired(ch, "norm.duty.added").direction is Direction.TIGHTEN


def test_genai_20_to_21_fine_removed():
    ch = genai((20,), (21,))
    assert ch.label is Label.RELAXED
    f = fired(ch, "norm.sanction.fine-removed")
    assert _texts(f, "draft") == ["一万元", "十万元"]
    assert f.evidence[0].where == "draft art. 20(2)"
    assert "sanction" in ch.themes


def test_genai_11_the_profiling_ban_dropped_is_a_finding():
    """The unit weighs the dropped profiling ban against the new ban on collecting unnecessary data and the
    new duty to handle data-subject requests; the dropped ban is found and quoted whichever way it goes."""
    ch = genai((11,), (11,))
    removed = fired(ch, "norm.prohibition.removed")
    assert _texts(removed, "draft") == ["不得根据用户输入信息和使用情况进行画像"]
    assert "不得收集非必要个人信息" in _texts(fired(ch, "norm.prohibition.added"), "final")
    narrowed = fired(ch, "norm.scope.acts-narrowed")  # 不得向他人提供 -> 不得非法向他人提供
    assert _texts(narrowed, "final") == ["非法"]
    relax = sum(f.weight for f in ch.firings if f.direction is Direction.RELAX)
    tighten = sum(f.weight for f in ch.firings if f.direction is Direction.TIGHTEN)
    assert ch.score == pytest.approx(relax - tighten)


@pytest.mark.parametrize("draft", [15, 9])
def test_genai_removed_articles_relax(draft):
    ch = genai((draft,), ())
    assert ch.label is Label.REMOVED and ch.effect is Effect.RELAXING
    fired(ch, "norm.duty.removed")
    assert ch.reason.startswith("removed, relaxing:")


@pytest.mark.parametrize("final", [3, 5, 6])
def test_genai_added_promotion_is_enabling(final):
    ch = genai((), (final,))
    assert ch.label is Label.ADDED and ch.effect is Effect.ENABLING
    assert "promotion" in ch.themes
    assert all(f.direction is not Direction.TIGHTEN for f in ch.firings)


def test_genai_16_ministries_within_their_remit_is_neutral():
    ch = genai((), (16,))
    assert ch.label is Label.ADDED and ch.effect is Effect.NEUTRAL
    assert all(f.direction is Direction.NEUTRAL for f in ch.firings)


def test_genai_23_new_duties_are_a_burden():
    ch = genai((), (23,))
    assert ch.effect is Effect.BURDEN and "modal" in ch.themes


def test_genai_unchanged_wording_and_reworded():
    ch = genai((16,), (12,))  # 对生成的图片、视频等内容 -> 对图片、视频等生成内容
    assert ch.label is Label.REWORDED and ch.firings == ()
    assert ch.reason.startswith("reworded: wording changed")


# -------------------------------------------------------------------------- anti-monopoly 2022


def test_anti_monopoly_46_to_56_fines_raised():
    ch = amlaw(46, 56)
    assert ch.label is Label.TIGHTENED
    raised = fired(ch, "norm.sanction.fine-raised")
    assert "五十万元" in _texts(raised, "draft") and "三百万元" in _texts(raised, "final")
    assert not any(f.direction is Direction.RELAX for f in ch.firings)


def test_anti_monopoly_48_to_58_concentration_fine():
    ch = amlaw(48, 58)  # 五十万元以下 -> 上一年度销售额百分之十以下 / 五百万元以下
    assert ch.label is Label.TIGHTENED


def test_anti_monopoly_unchanged_article():
    ch = amlaw(47, 57)
    assert ch.label is Label.UNCHANGED and ch.firings == () and ch.score == 0


# ------------------------------------------------------------------------------------- English


@pytest.mark.parametrize(
    ("draft", "final", "label", "rule"),
    [
        ("Providers shall publish a summary of the training data.",
         "Providers may publish a summary of the training data.", Label.RELAXED, "norm.modal.duty-to-permission"),
        ("Providers shall notify the market surveillance authority.",
         "Providers shall not be required to notify the market surveillance authority.", Label.RELAXED,
         "norm.modal.lighter"),
        ("Non-compliance shall be subject to administrative fines of up to EUR 10 000 000.",
         "Non-compliance shall be subject to administrative fines of up to EUR 35 000 000.", Label.TIGHTENED,
         "norm.sanction.fine-raised"),
        ("The provider shall report the incident within 15 days.",
         "The provider shall report the incident within 30 days.", Label.RELAXED, "norm.deadline.longer-for-regulated"),
        ("Providers shall ensure that the output is accurate.",
         "Providers shall take appropriate measures to improve the accuracy of the output.", Label.RELAXED,
         "norm.effort.result-to-effort"),
        ("Providers shall keep the logs.",
         "Providers shall keep the logs. Providers shall not sell the logs to third parties.", Label.TIGHTENED,
         "norm.prohibition.added"),
    ],
)
def test_english_pairs(draft, final, label, rule):
    ch = classify_texts(draft, final, EN, Lang.EN)
    assert ch.label is label, ch.reason
    fired(ch, rule)


def test_shall_not_be_required_is_not_a_prohibition():
    ch = classify_texts("Providers shall notify the authority.",
                        "Providers shall not be required to notify the authority.", EN, Lang.EN)
    ids = {f.rule_id for f in ch.firings}
    assert "norm.prohibition.added" not in ids
    assert all(f.direction is not Direction.TIGHTEN for f in ch.firings)


def test_may_not_is_a_prohibition_not_a_permission():
    ch = classify_texts("Providers may use the data for training.",
                        "Providers may not use the data for training.", EN, Lang.EN)
    assert ch.label is Label.TIGHTENED
    assert "norm.modal.duty-to-permission" not in {f.rule_id for f in ch.firings}


@pytest.mark.parametrize(
    ("draft", "final", "label"),
    [
        # 不得 inside a dropped ban is the ban dropped, not a duty dropped twice
        ("提供者应当保护输入信息，不得向他人提供用户输入信息。", "提供者应当保护输入信息。", Label.RELAXED),
        # 可以影响 ("capable of affecting") is no permission: shall stays shall
        ("提供可以影响用户信任的必要信息。", "应当提供影响用户信任的必要信息。", Label.TIGHTENED),
        # a ban that merely gains 非法 is narrower, not new
        ("不得向他人提供用户输入信息。", "不得非法向他人提供用户输入信息。", Label.RELAXED),
        # a quoted title is not scope
        ("按照《具有舆论属性或社会动员能力的互联网信息服务安全评估规定》开展评估。",
         "按照《具有舆论属性或社会动员能力的互联网信息服务安全评估规定》开展安全评估。", Label.REWORDED),
    ],
)
def test_negation_and_quotation_do_not_fool_it(draft, final, label):
    assert classify_texts(draft, final, ZH, Lang.ZH).label is label


# ----------------------------------------------------------------------------------- speed


def test_unchanged_units_are_fast():
    text = "提供者应当建立健全投诉、举报机制，设置便捷的投诉、举报入口，公布处理流程和反馈时限。"
    diffs = [diff_unit(AlignedUnit(f"d{i}-f{i}", UnitKind.MATCHED, (a := _articles("genai-2023", "final.txt")[15],),
                                   (a,), 1.0), Lang.ZH) for i in range(1260)]
    assert text  # the article above is final 15
    start = time.perf_counter()
    out = [classify(d, ZH, Lang.ZH) for d in diffs]
    elapsed = time.perf_counter() - start
    assert all(c.label is Label.UNCHANGED for c in out)
    assert elapsed < 0.25, f"{elapsed:.3f}s for 1,260 unchanged units"


# ------------------------------------------------------------------------------ one very long article


class _CountedHit:
    """A match whose start/end reads are counted: the overlap checks of ``found`` read them."""

    reads = 0

    def __init__(self, start: int, end: int):
        self._s, self._e = start, end

    @property
    def start(self) -> int:
        _CountedHit.reads += 1
        return self._s

    @property
    def end(self) -> int:
        _CountedHit.reads += 1
        return self._e


def test_found_merges_overlaps_without_comparing_every_pair(monkeypatch):
    """``found`` used to compare each match with every match kept so far and every guard: quadratic, 18 s
    on an 80 KB article.  Count the reads of match offsets instead of timing: a few per match."""
    import re

    from lawdiff.classify.matcher import UnitContext

    ctx = UnitContext(diff_unit(AlignedUnit("d1-f1", UnitKind.MATCHED, (), (), 0.5), Lang.ZH), Lang.ZH)
    n = 3000
    a, b, g = re.compile("a"), re.compile("b"), re.compile("g")
    hits = {"a": [_CountedHit(10 * i, 10 * i + 4) for i in range(n)],  # [0,4) [10,14) ...
            "b": [_CountedHit(10 * i + 3, 10 * i + 6) for i in range(n)]  # each overlaps an a: dropped
            + [_CountedHit(10 * n + 10 * i, 10 * n + 10 * i + 2) for i in range(n)],
            "g": [_CountedHit(20 * i + 5, 20 * i + 6) for i in range(n)]}
    monkeypatch.setattr(UnitContext, "matches", lambda self, rx, side: hits[rx.pattern])
    _CountedHit.reads = 0
    out = ctx.found((a, b), "draft", ())
    assert [(h.start, h.end) for h in out][:2] == [(0, 4), (10, 14)] and len(out) == 2 * n
    guarded = ctx.found((a, b), "draft", (g,))
    assert len(guarded) == 2 * n  # the guards sit between matches: nothing vetoed
    assert _CountedHit.reads <= 40 * 4 * n, _CountedHit.reads  # pairwise: ~ n * n = 9,000,000 reads


def test_a_long_run_on_article_is_classified_in_reasonable_time():
    """End to end on a 640 KB article without sentence ends built from genai-2023 (see
    benchmarks/classify_long.py): a few seconds now; about six minutes while classify was quadratic.
    A generous timeout, as in test_hardening, not a timing assertion."""
    import subprocess
    import sys

    from conftest import ROOT

    try:
        proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "classify_long.py"), "640", "--shape",
                               "run-on"], check=False, capture_output=True, text=True, timeout=90)
    except subprocess.TimeoutExpired:
        pytest.fail("classifying a 640 KB run-on article took over 90 s: quadratic again?")
    assert proc.returncode == 0, proc.stderr[-500:]
    assert "640KB" in proc.stdout and "relaxed" in proc.stdout
