"""Rule tables: every shipped example runs, and malformed tables fail with file, rule id and line."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from lawdiff.classify.amounts import deadline_terms, fine_terms
from lawdiff.classify.label import article_from_text, classify
from lawdiff.classify.parties import Parties
from lawdiff.classify.patterns import backtracking_risk
from lawdiff.classify.rules import load_rule_file, load_rules
from lawdiff.classify.schema import parse_rules
from lawdiff.cli.rules import rules as rules_cli
from lawdiff.diff import diff_unit
from lawdiff.errors import RuleError
from lawdiff.model import AlignedUnit, Label, Lang, UnitKind
from lawdiff.text.numerals import cn_number, en_number

TABLES = {lang: load_rules(lang) for lang in Lang}
EXAMPLES = [
    pytest.param(lang, rule, ex, id=f"{rule.id}@{ex.line}")
    for lang, rs in TABLES.items()
    for rule in rs
    for ex in rule.examples
]


def _unit(draft: str, final: str) -> AlignedUnit:
    d = (article_from_text(draft, 3),) if draft else ()
    f = (article_from_text(final, 3),) if final else ()
    kind = UnitKind.MATCHED if d and f else UnitKind.ADDED if f else UnitKind.REMOVED
    return AlignedUnit("u", kind, d, f, 0.0)


@pytest.mark.parametrize(("lang", "rule", "example"), EXAMPLES)
def test_every_shipped_example(lang, rule, example):
    parties = Parties.named(example.regulated, "example") if example.regulated else None
    change = classify(diff_unit(_unit(example.draft, example.final), lang), TABLES[lang], lang, parties)
    fired = [f.rule_id for f in change.firings]
    assert change.label is example.label, change.reason
    assert rule.id in fired, change.reason
    if example.effect is not None:
        assert change.effect is example.effect, change.reason
    assert "\n" not in change.reason


def test_keyword_tables_keep_only_what_norms_cannot_express():
    """Every shipped keyword rule says in its note why it is not a norm rule."""
    from importlib import resources

    for lang, rs in TABLES.items():
        assert all(r.id.startswith(f"{lang.value}.") for r in rs)
        assert all(r.examples for r in rs)
        text = (resources.files("lawdiff") / "data" / "rules" / f"{lang.value}.yaml").read_text(encoding="utf-8")
        assert text.count("    note: >-\n      Kept as a keyword rule: ") == len(rs), lang
    assert [r.id for r in TABLES[Lang.ZH]] == ["zh.promotion.promotional-law-cited"]


# ------------------------------------------------------------------------------- validation

GOOD = """\
lang: zh
rules:
  - id: zh.test.ok
    description: shall became may
    theme: modal
    direction: relax
    weight: 1.5
    deleted: ['应当']
    inserted: ['可以']
    examples:
      - {draft: 提供者应当公开规则。, final: 提供者可以公开规则。, label: relaxed}
    description_zh: 应当改为可以
"""


def _bad(tmp_path, old: str, new: str, name: str = "mine.yaml") -> str:
    path = tmp_path / name
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rule_file(path)
    msg = str(exc.value)
    assert "\n" not in msg
    assert str(path) in msg
    return msg


def test_a_chinese_table_says_each_rule_in_chinese_too(tmp_path):
    msg = _bad(tmp_path, "    description_zh: 应当改为可以\n", "")
    assert ":3: rule zh.test.ok: missing 'description_zh'; a Chinese table needs description_zh too" in msg
    assert "empty description_zh" in _bad(tmp_path, "description_zh: 应当改为可以", "description_zh: ' '")
    english = tmp_path / "en.yaml"
    english.write_text(GOOD.replace("lang: zh", "lang: en").replace("zh.test.ok", "en.test.ok")
                       .replace("    description_zh: 应当改为可以\n", ""), encoding="utf-8")
    assert [r.id for r in load_rule_file(english)] == ["en.test.ok"]  # an English table may say it in English only


def test_good_table_loads(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    rs = load_rule_file(path)
    assert [r.id for r in rs] == ["zh.test.ok"]
    assert rs.rules[0].line == 3 and rs.rules[0].examples[0].line == 11
    combined = load_rules(Lang.ZH, [path])
    assert combined.rules[-1].id == "zh.test.ok" and str(path) in combined.sources


@pytest.mark.parametrize(
    ("old", "new", "line", "expect"),
    [
        ("    weight: 1.5\n", "    weight: 1.5\n    weigth: 2\n", 8, "unknown key 'weigth'"),
        ("label: relaxed", "label: loosened", 11, "unknown label 'loosened'"),
        ("theme: modal", "theme: modality", 5, "unknown theme 'modality'"),
        ("direction: relax", "direction: loosen", 6, "unknown direction 'loosen'"),
        ("deleted: ['应当']", "deleted: ['应当(']", 8, "bad regular expression"),
        ("deleted: ['应当']", "deleted: ['(应当+)+']", 8, "nests a quantifier"),
        ("deleted: ['应当']", "deleted: ['(?:应当[，]{0,3})*']", 8, "never matches"),
        ("weight: 1.5", "weight: heavy", 7, "weight 'heavy'"),
    ],
)
def test_validation_names_file_rule_and_line(tmp_path, old, new, line, expect):
    msg = _bad(tmp_path, old, new)
    assert f":{line}: " in msg
    assert "rule zh.test.ok" in msg
    assert expect in msg
    assert "; " in msg  # the cause, then the fix


def test_fix_is_spelled_out(tmp_path):
    assert "use one of: relaxed" not in _bad(tmp_path, "label: relaxed", "label: x")  # labels listed by value
    msg = _bad(tmp_path, "theme: modal", "theme: x")
    assert "use one of: modal, prohibition" in msg
    msg = _bad(tmp_path, "deleted: ['应当']", "deleted: ['(a+)+']")
    assert "(a+)+ -> a+" in msg


def test_missing_examples(tmp_path):
    cut = GOOD[: GOOD.index("    examples:")]
    path = tmp_path / "noex.yaml"
    path.write_text(cut, encoding="utf-8")
    with pytest.raises(RuleError, match=r"noex\.yaml:3: rule zh\.test\.ok: missing 'examples'; add at least one"):
        load_rule_file(path)


def test_duplicate_id_names_both_places(tmp_path):
    rule = GOOD.split("rules:\n", 1)[1]
    path = tmp_path / "dup.yaml"
    path.write_text(GOOD + rule, encoding="utf-8")
    with pytest.raises(RuleError) as exc:
        load_rule_file(path)
    msg = str(exc.value)
    assert re.search(r"dup\.yaml:13: rule zh\.test\.ok: duplicate id \(first defined at .*dup\.yaml:3\)", msg)
    assert "give this rule another id" in msg


def test_duplicate_of_a_shipped_id(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD.replace("zh.test.ok", "zh.promotion.promotional-law-cited"), encoding="utf-8")
    with pytest.raises(RuleError, match=r"mine\.yaml:3: rule zh\.promotion\.promotional-law-cited: duplicate id"):
        load_rules(Lang.ZH, [path])


def test_duplicate_key_and_yaml_syntax(tmp_path):
    msg = _bad(tmp_path, "    weight: 1.5\n", "    weight: 1.5\n    weight: 2\n")
    assert ":8:" in msg and "given twice" in msg
    msg = _bad(tmp_path, "    theme: modal\n", "    theme: [modal\n")
    assert "not valid YAML" in msg and "fix the syntax" in msg


def test_unsafe_yaml_is_refused(tmp_path):
    msg = _bad(tmp_path, "description: shall became may", "description: !!python/object:os.system x")
    assert "not valid YAML" in msg


def test_lang_mismatch_and_missing_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleError, match="rule table is for lang zh but the texts are en"):
        load_rules(Lang.EN, [path])
    with pytest.raises(RuleError, match="no such rule file"):
        load_rules(Lang.ZH, [tmp_path / "nope.yaml"])


def test_added_rule_cannot_match_deleted_text():
    text = GOOD.replace("    deleted: ['应当']\n    inserted: ['可以']\n", "    applies_to: added\n    deleted: ['应当']\n")
    with pytest.raises(RuleError, match=r"<t>:3: rule zh\.test\.ok: an added article has no draft text"):
        parse_rules(text, "<t>")


@pytest.mark.parametrize(
    ("pattern", "nested"),
    [("(a+)+", True), (r"(\w*,)*", True), ("(?:x{1,5}y)+", True), ("(?:ab|c+)*", True),
     ("a+b+", False), ("(?:应当|必须)", False), ("不得[^,;。]{2,40}", False), ("(?:ab)?c+", False),
     ("(?=(a+))b", False)],
)
def test_nested_quantifier(pattern, nested):
    # rule_syntax.nested_quantifier was unused (the loader always used this checker) and is gone
    assert (backtracking_risk(pattern) is not None) is nested


# ----------------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("text", "value"),
    [("五十万", 500_000), ("一百万", 1_000_000), ("三千万", 30_000_000), ("十五", 15), ("二十", 20), ("3", 3),
     ("一万", 10_000), ("1.5万", 15_000), ("一百零五", 105), ("五亿", 500_000_000), ("十", 10)],
)
def test_cn_number(text, value):
    assert cn_number(text) == value


def test_en_number():
    assert en_number("10 000 000") == 10_000_000
    assert en_number("7.5 million") == 7_500_000
    assert en_number("twenty-four") == 24


def test_fine_terms_need_a_fine():
    terms = fine_terms("并处上一年度销售额百分之一以上百分之十以下的罚款,尚未实施的,可以处五十万元以下的罚款。", Lang.ZH)
    assert [(t.kind, t.value) for t in terms] == [("percent", 1), ("percent", 10), ("money", 500_000)]
    assert fine_terms("注册资本五十万元。", Lang.ZH) == ()
    terms = fine_terms("administrative fines of up to EUR 35 000 000 or up to 7 % of turnover", Lang.EN)
    assert [(t.kind, t.value) for t in terms] == [("money", 35_000_000), ("percent", 7)]


def test_deadline_terms():
    assert [t.value for t in deadline_terms("应当在3个月内、十五个工作日内和10日内", Lang.ZH)] == [90, 21, 10]
    assert [t.value for t in deadline_terms("within 15 days and no later than 72 hours", Lang.EN)] == [15, 3]


# ---------------------------------------------------------------------------------------- CLI


def test_cli_malformed_table_one_line_exit_2(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(GOOD.replace("theme: modal", "theme: modality"), encoding="utf-8")
    result = CliRunner().invoke(rules_cli, ["check", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines() if hasattr(result, "stderr") else result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("lawdiff: ") and "broken.yaml:5: rule zh.test.ok: unknown theme 'modality'" in lines[0]
    assert "Traceback" not in result.output


def test_cli_check_good_table(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(rules_cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 rule valid, 1 example pass (with the 1 shipped zh keyword rule)" in result.output


def test_cli_check_failing_example_exit_1(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD.replace("label: relaxed", "label: tightened"), encoding="utf-8")
    result = CliRunner().invoke(rules_cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "mine.yaml:11: rule zh.test.ok: example gives label relaxed, expected tightened" in result.output


def test_cli_list_fits_100_columns():
    result = CliRunner().invoke(rules_cli, ["list", "--lang", "zh"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "norm rules (every language)" in result.output and "keyword rules (zh): 1" in result.output
    assert "norm.modal.duty-to-permission" in result.output and "zh.promotion.promotional-law-cited" in result.output


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["check", "--help"]])
def test_help_ends_with_an_example(args):
    result = CliRunner().invoke(rules_cli, args)
    assert result.exit_code == 0
    tail = result.output.rstrip().splitlines()
    assert tail[-2].strip() == "Example:" or any(line.strip() == "Example:" for line in tail[-3:])
    assert tail[-1].strip().startswith("lawdiff rules ")


def test_shipped_tables_change_nothing_when_unchanged():
    for lang, rs in TABLES.items():
        text = "提供者应当公开规则。" if lang is Lang.ZH else "Providers shall publish the rules."
        change = classify(diff_unit(_unit(text, text), lang), rs, lang)
        assert change.label is Label.UNCHANGED and change.firings == ()


# ------------------------------------------------------------------------------- shared patterns


def test_shared_patterns_are_defined_once_and_referred_to(tmp_path):
    text = GOOD.replace("rules:\n", "patterns:\n  shall: '应当|必须'\nrules:\n", 1).replace(
        "deleted: ['应当']", "deleted: ['{shall}', '不{shall}']")
    rs = parse_rules(text, "<t>")
    deleted = [p.pattern for p in rs.rules[0].deleted]
    assert deleted == ["应当|必须", "不(?:应当|必须)"]  # alone as written; inside a pattern as a group
    assert rs.rules[0].examples[0].line == 13


def test_unknown_shared_pattern_names_the_line_and_the_fix(tmp_path):
    msg = _bad(tmp_path, "deleted: ['应当']", "deleted: ['{shal}']")
    assert ":8: rule zh.test.ok: {shal} names no shared pattern" in msg and "define shal under patterns:" in msg


def test_a_shared_pattern_is_checked_like_any_other(tmp_path):
    text = GOOD.replace("rules:\n", "patterns:\n  bad: '(a+)+'\nrules:\n", 1)
    with pytest.raises(RuleError, match=r"<t>:3: shared pattern bad: pattern '\(a\+\)\+' nests a quantifier"):
        parse_rules(text, "<t>")


def test_shipped_tables_point_editors_at_their_schemas():
    from importlib import resources

    for name, schema in (("zh", "rules"), ("en", "rules"), ("norms", "norm-rules")):
        text = (resources.files("lawdiff") / "data" / "rules" / f"{name}.yaml").read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema=../schemas/{schema}.schema.json\n")
