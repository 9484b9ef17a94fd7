"""Acceptance claims on real pairs, one test per claim, through the whole pipeline.

genai-2023: the reading of A. H. Zhang (Colum. J. Transnat'l L., 2024), each claim with its direction and
article references as a user reads them in the output; anti-monopoly-law-2022: an amendment that raised
fines is not "relaxing", and the raised fines are tightened through the numeric comparison.
"""

from __future__ import annotations

import pytest
from conftest import corpus

from lawdiff.model import Effect, Label
from lawdiff.pipeline import compare_files


@pytest.fixture(scope="module")
def report():
    return compare_files(corpus("genai-2023", "draft"), corpus("genai-2023", "final"))


def unit_with(report, *, draft=None, final=None):
    for u in report.units:
        if (draft is None or draft in u.unit.draft_numbers) and (final is None or final in u.unit.final_numbers):
            return u
    raise AssertionError(f"no unit with draft {draft} / final {final}")


def rules_of(u):
    return {f.rule_id for f in u.change.firings}


def evidence_of(u):
    return " ".join(e.text for f in u.change.firings for e in f.evidence)


def test_scope_confined_to_public_facing_services(report):
    u = unit_with(report, draft=2, final=2)
    assert u.change.label is Label.RELAXED
    assert "norm.exemption.added" in rules_of(u) and "不适用本办法的规定" in evidence_of(u)


def test_security_assessment_no_longer_filed_with_the_regulator(report):
    u = unit_with(report, draft=6, final=17)
    assert u.change.label is Label.RELAXED
    assert "norm.approval.step-down" in rules_of(u)
    assert "向国家网信部门申报安全评估" in evidence_of(u) and "按照国家有关规定开展安全评估" in evidence_of(u)
    assert "具有舆论属性或者社会动员能力" in evidence_of(u)  # the narrower trigger is quoted too


def test_true_and_accurate_softened_to_effort(report):
    u = unit_with(report, draft=4, final=4)
    assert u.change.label is Label.RELAXED
    [f] = [f for f in u.change.firings if f.rule_id == "norm.effort.result-to-effort"]
    wheres = [e.where for e in f.evidence]
    assert any("draft art. 4" in w and "（四）" in w for w in wheres)
    assert any("final art. 4" in w and "（五）" in w for w in wheres)


def test_training_data_veracity_softened_to_effort(report):
    u = unit_with(report, draft=7, final=7)
    assert u.change.label is Label.RELAXED
    assert "norm.effort.result-to-effort" in rules_of(u) and "能够保证" in evidence_of(u)


def test_three_month_retraining_deadline_dropped(report):
    u = unit_with(report, draft=15)
    assert u.change.label in (Label.RELAXED, Label.REMOVED)
    assert "norm.duty.removed" in rules_of(u) and "3个月内" in evidence_of(u)


def test_profiling_ban_dropped(report):
    u = unit_with(report, draft=11, final=11)
    assert "norm.prohibition.removed" in rules_of(u) and "画像" in evidence_of(u)


def test_mandatory_suspension_dropped_for_graded_measures(report):
    u = unit_with(report, draft=19, final=14)
    assert u.change.label is Label.RELAXED
    # the suspension duty is the same duty with more ways to comply (警示、限制功能 before 暂停或者终止)
    assert "norm.scope.acts-narrowed" in rules_of(u) and "警示、限制功能、暂停或者终止" in evidence_of(u)


def test_fine_dropped(report):
    u = unit_with(report, draft=20, final=21)
    assert u.change.label is Label.RELAXED
    assert "norm.sanction.fine-removed" in rules_of(u)


@pytest.mark.parametrize("final", [3, 5])
def test_pro_growth_articles_added(report, final):
    u = unit_with(report, final=final)
    assert (u.change.label, u.change.effect) == (Label.ADDED, Effect.ENABLING)


def test_final_6_widens_state_support(report):
    u = unit_with(report, draft=3, final=6)
    assert u.change.label is Label.RELAXED and "norm.scope.relief-widened" in rules_of(u)


def test_real_identity_requirement_removed(report):
    u = unit_with(report, draft=9)
    assert (u.change.label, u.change.effect) == (Label.REMOVED, Effect.RELAXING)


def test_ministries_manage_within_their_remit(report):
    u = unit_with(report, final=16)
    assert (u.change.label, u.change.effect) == (Label.ADDED, Effect.NEUTRAL)


def test_science_and_technology_progress_law_added_as_legal_basis(report):
    assert "《中华人民共和国科学技术进步法》" in report.signal.coordination.bases_added


def test_six_more_ministries_co_sign(report):
    c = report.signal.coordination
    assert len(c.draft_issuers) == 1 and len(c.final_issuers) == 7


def test_interim_status_discounts_commitment(report):
    m = report.signal.commitment
    assert (m.draft_provisional, m.final_provisional) == (False, True)
    assert "暂行" in m.note


def test_verdict_is_pro_growth_relaxing(report):
    info = report.signal.information
    assert info.verdict == "relaxing" and info.score >= 0.2


# ----------------------------------------------------------------------------- anti-monopoly law 2022


@pytest.fixture(scope="module")
def aml():
    return compare_files(corpus("anti-monopoly-law-2022", "draft"), corpus("anti-monopoly-law-2022", "final"))


def test_anti_monopoly_amendment_is_not_relaxing(aml):
    assert aml.signal.information.verdict != "relaxing"


@pytest.mark.parametrize(("old", "new"), [(46, 56), (48, 58)])
def test_anti_monopoly_raised_fines_are_tightened_by_numeric_comparison(aml, old, new):
    u = unit_with(aml, draft=old, final=new)
    assert u.change.label is Label.TIGHTENED
    assert any(f.rule_id.startswith("norm.sanction.") and f.direction.value == "tighten" for f in u.change.firings)
