"""Norm rules (data/rules/norms.yaml): every example, positive and negative, runs through the pipeline; a
malformed table fails with the file, the line, the rule and the fix; a user's norm rules decide first."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from lawdiff.classify.examples import example_lang, norm_example_failures
from lawdiff.classify.norm_rules import load_norm_rules, parse_norm_rules, shipped_norm_rules
from lawdiff.classify.rules import load_rules
from lawdiff.cli.rules import rules as rules_cli
from lawdiff.errors import RuleError
from lawdiff.model import ChangeKind, Direction, Lang, Theme

NORM = shipped_norm_rules()
KEYWORD = {la: load_rules(la) for la in Lang}
EXAMPLES = [pytest.param(r, e, id=f"{r.id}@{e.line}") for r in NORM.rules for e in r.examples]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_every_norm_rule_example(rule, example):
    from dataclasses import replace

    la = example_lang(example)
    assert norm_example_failures(replace(rule, examples=(example,)), KEYWORD[la], NORM, la) == []


def test_the_table_covers_the_change_kinds_and_has_negative_examples():
    kinds = {k for r in NORM.rules for k in r.changes}
    assert kinds >= set(ChangeKind) - {ChangeKind.EFFORT} or ChangeKind.EFFORT in kinds
    assert {r.direction for r in NORM.rules} == set(Direction)
    assert sum(1 for r in NORM.rules for e in r.examples if e.not_label) >= 5
    assert all(r.description and r.description_zh for r in NORM.rules)
    assert {r.theme for r in NORM.rules} >= {Theme.MODAL, Theme.PROHIBITION, Theme.SANCTION, Theme.APPROVAL,
                                            Theme.DEADLINE, Theme.TRIGGER, Theme.SCOPE, Theme.EFFORT}


GOOD = """lang: any
rules:
  - id: norm.mine.fine-raised
    description: a fine raised, read as heavier than the shipped rule does
    description_zh: 罚款数额提高
    theme: sanction
    direction: tighten
    weight: 3
    when: {change: quantity, quantity: fine, force: stronger, polarity: burden}
    examples:
      - {draft: "违反本规定的，处二百元罚款。", final: "违反本规定的，处一千元罚款。", label: tightened}
"""


def test_a_user_norm_rule_decides_before_the_shipped_ones(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    rules = load_norm_rules([path])
    assert rules.rules[0].id == "norm.mine.fine-raised" and len(rules.rules) == len(NORM.rules) + 1
    result = CliRunner().invoke(rules_cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 rule valid, 1 example pass" in result.output


@pytest.mark.parametrize(
    ("old", "new", "expect"),
    [
        ("theme: sanction", "theme: sanctions", ":6: rules[0].theme 'sanctions' is not one of"),
        ("weight: 3", "weight: heavy", ":8: rules[0].weight 'heavy': give a number in [0, 10], 'norm' or 'delta'"),
        ("change: quantity,", "change: quantities,", "rule norm.mine.fine-raised: 'quantities' is not a valid"),
        ("    when:", "    whn:", ":3: rules[0].when is missing; add 'when:'"),
    ],
)
def test_malformed_norm_rules_name_the_line_and_the_fix(old, new, expect):
    with pytest.raises(RuleError) as exc:
        parse_norm_rules(GOOD.replace(old, new), "mine.yaml")
    assert expect in str(exc.value) and str(exc.value).startswith("mine.yaml:")


def test_a_failing_negative_example_fails_the_check(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD.replace("label: tightened}", "label: tightened, not: tightened}"), encoding="utf-8")
    result = CliRunner().invoke(rules_cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "which this negative example rules out" in result.output
