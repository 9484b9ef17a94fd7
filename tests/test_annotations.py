"""annotations.yaml: the schema, errors naming file/line/field, validation against the texts, annotate."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import CORPORA, corpus

from lawdiff.cli import main
from lawdiff.errors import CorpusError
from lawdiff.evaluation.annotations import load_annotations, validate_against
from lawdiff.model import Effect, Label
from lawdiff.pipeline import load_document

ANNOTATED = sorted(p.parent.name for p in CORPORA.glob("*/annotations.yaml"))

GOOD = """\
pair: demo
units:
  - draft: [1]
    final: [1]
    label: relaxed
    effect: null
    themes: [effort]
    rationale: 应当 became 可以.
    reviewed: true
  - draft: []
    final: [2]
    label: added
    effect: burden
    themes: [disclosure]
    rationale: New duty to disclose.
    reviewed: false
expect_signal:
  verdict: relaxing
  score: [0.2, 1.0]
"""


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "annotations.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_good_file_loads(tmp_path):
    ann = load_annotations(write(tmp_path, GOOD), pair="demo")
    assert ann.pair == "demo"
    first, second = ann.units
    assert (first.draft, first.final, first.label, first.effect) == (("1",), ("1",), Label.RELAXED, None)
    assert first.line == 3 and first.id == "d1-f1" and first.reviewed
    assert (second.id, second.effect, second.reviewed, second.line) == ("f2", Effect.BURDEN, False, 10)
    assert ann.gold == (first,) and ann.unreviewed == (second,)
    assert ann.expect_signal is not None and ann.expect_signal.score == (0.2, 1.0)


# (what to replace in GOOD, by what, the line the error must name, words the message must contain)
BROKEN = [
    ("label: relaxed", "label: loosened", 5, ["units[0].label", "'loosened'", "unchanged"]),
    ("effect: null\n    themes: [effort]", "effect: burden\n    themes: [effort]", 6,
     ["units[0].effect", "only for added or removed"]),
    ("effect: burden", "effect: relaxing", 13, ["units[1].effect", "burden, enabling, neutral"]),
    ("effect: burden", "effect: null", 13, ["units[1].effect is missing"]),
    ("themes: [effort]", "themes: [effort, speed]", 7, ["units[0].themes", "'speed'", "allowed"]),
    ("draft: [1]", "draft: [one]", 3, ["units[0].draft", "'one'", "positive integer"]),
    ("draft: [1]", "draft: [0]", 3, ["units[0].draft", "positive integer"]),
    ("draft: [1]", "draft: 1", 3, ["units[0].draft must be a list"]),
    ("    reviewed: true\n", "    reviewed: yes please\n", 9, ["units[0].reviewed", "true or false"]),
    ("    reviewed: true\n", "    reviewed: true\n    reviewer: me\n", 10, ["unknown field units[0].reviewer"]),
    ("    reviewed: true\n", "", 3, ["units[0].reviewed is missing"]),
    ("    reviewed: true\n", "    reviewed: true\n    label: tightened\n", 10, ["units[0].label appears twice",
                                                                               "line 5"]),
    ("label: added", "label: reworded", 12, ["units[1].label", "'added'"]),
    ("draft: []\n    final: [2]", "draft: []\n    final: [2, 3]", 12, ["names 2 articles", "one unit per"]),
    ("pair: demo", "pair: other", 1, ["'other'", "meta.yaml says 'demo'"]),
    ("expect_signal:", "notes: hi\nexpect_signal:", 17, ["unknown field 'notes'"]),
    ("verdict: relaxing", "verdict: loose", 18, ["expect_signal.verdict", "mixed"]),
    ("score: [0.2, 1.0]", "score: [0.5, 0.2]", 19, ["expect_signal.score", "low <= high"]),
    ("score: [0.2, 1.0]", "score: [0.2, 1.0", 20, ["not valid YAML"]),
    ("    rationale: 应当 became 可以.\n", "    rationale: '  '\n", 8, ["units[0].rationale"]),
]


@pytest.mark.parametrize(("old", "new", "line", "words"), BROKEN, ids=[b[3][0] for b in BROKEN])
def test_malformed_files_name_file_line_and_field(tmp_path, old, new, line, words):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(CorpusError) as err:
        load_annotations(path, pair="demo")
    msg = str(err.value)
    assert msg.startswith(f"{path}: line {line}:"), msg
    for w in words:
        assert w in msg, msg


# GOOD with a split and a pair's own bars after it, so that GOOD's line numbers above still hold
OWN = GOOD + """\
split: heldout
bars:
  min_label_accuracy: 0.6
  min_alignment_f1: 0.85
  min_effect_accuracy: 0.4
  reason: held out; first contact 0.64
"""

BROKEN_OWN = [
    ("  reason: held out; first contact 0.64\n", "", 21, ["field bars.reason is missing", "say why"]),
    ("  reason: held out; first contact 0.64\n", "  reason: ' '\n", 25, ["field bars.reason must be text"]),
    ("  min_alignment_f1: 0.85\n", "", 21, ["field bars.min_alignment_f1 is missing"]),
    ("min_label_accuracy: 0.6", "min_label_accuracy: 60", 22, ["bars.min_label_accuracy", "from 0 to 1", "60"]),
    ("min_effect_accuracy: 0.4", "min_effect_accuracy: yes", 24, ["bars.min_effect_accuracy", "from 0 to 1"]),
    ("min_effect_accuracy: 0.4", "min_effect_acuracy: 0.4", 24, ["unknown field bars.min_effect_acuracy"]),
    (OWN[OWN.index("bars:"):], "bars: 0.6\n", 21, ["field bars must be a mapping"]),
    ("split: heldout", "split: test", 20, ["field split 'test' is not one of dev, heldout"]),
]


def test_split_and_own_bars_load(tmp_path):
    ann = load_annotations(write(tmp_path, OWN), pair="demo")
    assert ann.split == "heldout" and ann.bars is not None
    b = ann.bars
    assert (b.min_label_accuracy, b.min_alignment_f1, b.min_effect_accuracy, b.line) == (0.6, 0.85, 0.4, 21)
    assert b.reason == "held out; first contact 0.64"
    plain = load_annotations(write(tmp_path, GOOD))
    assert (plain.split, plain.bars) == ("dev", None)  # the defaults


@pytest.mark.parametrize(("old", "new", "line", "words"), BROKEN_OWN, ids=[b[3][0] for b in BROKEN_OWN])
def test_malformed_split_or_bars_name_file_line_and_field(tmp_path, old, new, line, words):
    assert old in OWN
    path = write(tmp_path, OWN.replace(old, new, 1))
    with pytest.raises(CorpusError) as err:
        load_annotations(path, pair="demo")
    msg = str(err.value)
    assert msg.startswith(f"{path}: line {line}:"), msg
    for w in words:
        assert w in msg, msg


def test_unchanged_units_have_no_themes(tmp_path):
    text = GOOD.replace("label: relaxed", "label: unchanged")
    with pytest.raises(CorpusError, match=r"line 7: field units\[0\]\.themes must be \[\] for an unchanged"):
        load_annotations(write(tmp_path, text))


def test_themes_are_the_rule_tables_themes():
    from lawdiff.io.schema import schema
    from lawdiff.model import Theme

    rule_themes = schema("rules")["$defs"]["rule"]["properties"]["theme"]["enum"]
    gold_themes = schema("annotations")["$defs"]["unit"]["properties"]["themes"]["items"]["enum"]
    assert gold_themes == rule_themes == [t.value for t in Theme]


@pytest.mark.parametrize("pair", ANNOTATED)
def test_bundled_annotations_are_valid_and_cover_every_article(pair):
    from lawdiff.io.meta import load_meta

    meta = load_meta(CORPORA / pair / "meta.yaml")
    ann = load_annotations(CORPORA / pair / "annotations.yaml", pair=meta.pair)
    draft, final = load_document(str(corpus(pair, "draft"))), load_document(str(corpus(pair, "final")))
    assert validate_against(ann, draft, final) == ((), ())  # README: every article in exactly one unit
    assert ann.gold, "a bundled pair has reviewed gold"


def _demo_docs(tmp_path: Path):
    d = tmp_path / "d.txt"
    f = tmp_path / "f.txt"
    d.write_text("办法\n第一条　甲应当报告。\n第二条　乙。\n", encoding="utf-8")
    f.write_text("办法\n第一条　甲可以报告。\n第二条　乙。\n第三条　丙。\n", encoding="utf-8")
    return load_document(str(d)), load_document(str(f))


def test_article_numbers_must_exist_in_the_texts(tmp_path):
    draft, final = _demo_docs(tmp_path)
    ann = load_annotations(write(tmp_path, GOOD.replace("final: [2]", "final: [7]")))
    with pytest.raises(CorpusError) as err:
        validate_against(ann, draft, final)
    assert "line 10: field units[1].final names article 7, which is not in f.txt (articles 1–3)" in str(err.value)


def test_an_article_is_in_at_most_one_unit(tmp_path):
    draft, final = _demo_docs(tmp_path)
    ann = load_annotations(write(tmp_path, GOOD.replace("final: [2]", "final: [1]")))
    with pytest.raises(CorpusError) as err:
        validate_against(ann, draft, final)
    assert "line 10: field units[1].final: final article 1 is already in the unit at line 3" in str(err.value)


def test_unannotated_articles_are_returned_not_refused(tmp_path):
    draft, final = _demo_docs(tmp_path)
    ann = load_annotations(write(tmp_path, GOOD))
    assert validate_against(ann, draft, final) == (("2",), ("3",))


# --------------------------------------------------------------------------- annotate


def run(*args: str):
    return CliRunner().invoke(main, list(args), env={"NO_COLOR": "1"}, catch_exceptions=False)


def test_annotate_writes_a_valid_unreviewed_file_and_never_overwrites(tmp_path):
    d, f = corpus("genai-2023", "draft"), corpus("genai-2023", "final")
    out = tmp_path / "annotations.yaml"
    res = run("annotate", str(d), str(f), "-o", str(out))
    assert res.exit_code == 0, res.output
    ann = load_annotations(out, pair="genai-2023")  # the pair id comes from meta.yaml beside the files
    assert validate_against(ann, load_document(str(d)), load_document(str(f))) == ((), ())
    assert ann.units and ann.gold == ()
    assert all(u.rationale.startswith("TOOL:") for u in ann.units)
    assert ann.expect_signal is None  # only as a comment: the tool's opinion is not gold
    assert "# expect_signal:" in out.read_text(encoding="utf-8")

    before = out.read_text(encoding="utf-8") + "# reviewed by hand\n"
    out.write_text(before, encoding="utf-8")
    res = run("annotate", str(d), str(f), "-o", str(out))
    assert res.exit_code == 2
    assert "already exists" in res.output and "--force" in res.output
    assert out.read_text(encoding="utf-8") == before
    assert run("annotate", str(d), str(f), "-o", str(out), "--force").exit_code == 0
    assert "# reviewed by hand" not in out.read_text(encoding="utf-8")


def test_annotate_to_stdout_is_yaml(tmp_path):
    res = run("annotate", str(corpus("cii-commercial-crypto-2025", "draft")),
              str(corpus("cii-commercial-crypto-2025", "final")), "--pair", "demo-2025")
    assert res.exit_code == 0
    data = yaml.safe_load(res.stdout)
    assert data["pair"] == "demo-2025"
    assert {u["reviewed"] for u in data["units"]} == {False}
