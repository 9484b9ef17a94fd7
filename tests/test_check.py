"""lawdiff check: matching and metrics on hand-built units, bars, exit codes, every output format."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import CORPORA, ROOT

from lawdiff.cli import main
from lawdiff.errors import CorpusError
from lawdiff.evaluation.annotations import load_annotations
from lawdiff.evaluation.check import DEFAULT_BARS, find_pairs, load_bars
from lawdiff.evaluation.metrics import Bars, Counts, Predicted, evaluate_units, shortfalls
from lawdiff.model import Effect, Label


def run(*args: str):
    return CliRunner().invoke(main, list(args), env={"NO_COLOR": "1"}, catch_exceptions=False)


# --------------------------------------------------------------------------- matching and metrics

GOLD = """\
pair: demo
units:
  - {draft: [1], final: [1], label: relaxed, effect: null, themes: [effort], rationale: r1, reviewed: true}
  - {draft: [2], final: [2, 3], label: tightened, effect: null, themes: [scope], rationale: r2, reviewed: true}
  - {draft: [3, 4], final: [4], label: reworded, effect: null, themes: [], rationale: r3, reviewed: true}
  - {draft: [5], final: [], label: removed, effect: relaxing, themes: [], rationale: r4, reviewed: true}
  - {draft: [], final: [5], label: added, effect: burden, themes: [], rationale: r5, reviewed: true}
  - {draft: [6], final: [6], label: unchanged, effect: null, themes: [], rationale: r6, reviewed: false}
expect_signal: {verdict: relaxing, score: [0.2, 1.0]}
"""


def P(uid: str, draft, final, label: Label, effect: Effect | None = None, rules=()) -> Predicted:
    return Predicted(uid, "matched", tuple(map(str, draft)), tuple(map(str, final)), label, effect, tuple(rules),
                     f"reason {uid}")


@pytest.fixture
def gold(tmp_path):
    p = tmp_path / "annotations.yaml"
    p.write_text(GOLD, encoding="utf-8")
    return load_annotations(p)


def test_units_match_by_article_sets_split_merge_added_removed(gold):
    predicted = [
        P("d1-f1", [1], [1], Label.RELAXED),
        P("d2-f3+f2", [2], [3, 2], Label.RELAXED, rules=["zh.scope.narrowed"]),  # order does not matter
        P("d3+d4-f4", [4, 3], [4], Label.REWORDED),
        P("d5", [5], [], Label.REMOVED, Effect.NEUTRAL),
        P("f5", [], [5], Label.ADDED, Effect.BURDEN),
        P("d6-f6", [6], [6], Label.TIGHTENED),  # only unreviewed articles: not scored
    ]
    r = evaluate_units(predicted, gold, signal=("relaxing", 0.5))
    c = r.counts
    assert (c.gold, c.predicted, c.matched, c.label_correct) == (5, 5, 5, 4)
    assert (c.precision, c.recall, c.f1, c.label_accuracy) == (1.0, 1.0, 1.0, 0.8)
    assert (c.effect_total, c.effect_correct, c.effect_accuracy) == (2, 1, 0.5)
    assert [o.status for o in r.outcomes] == ["agree", "label", "agree", "effect", "agree", "unreviewed"]
    assert r.unreviewed == 1 and [p.id for p in r.unscored] == ["d6-f6"]
    assert c.cell("tightened", "relaxed") == 1 and c.cell("relaxed", "relaxed") == 1
    per = {s.label: s for s in c.per_label()}
    assert (per["relaxed"].precision, per["relaxed"].recall) == (0.5, 1.0)
    assert (per["tightened"].precision, per["tightened"].recall) == (None, 0.0)
    dis = r.disagreements
    assert [o.gold.id for o in dis] == ["d2-f2+f3", "d5"]
    assert dis[0].predicted[0].rules == ("zh.scope.narrowed",)
    assert r.signal is not None and r.signal.ok


def test_a_near_miss_is_not_aligned_and_lists_the_overlapping_units(gold):
    predicted = [
        P("d1-f1", [1], [1], Label.RELAXED),
        P("d2-f2", [2], [2], Label.TIGHTENED),  # gold is d2 -> f2+f3
        P("d3-f3", [3], [3], Label.REWORDED),
        P("d4-f4", [4], [4], Label.REWORDED),  # gold merges d3+d4 -> f4
        P("d5", [5], [], Label.REMOVED, Effect.RELAXING),
        P("f5", [], [5], Label.ADDED, Effect.BURDEN),
        P("d6-f6", [6], [6], Label.UNCHANGED),
    ]
    r = evaluate_units(predicted, gold, signal=("mixed", 0.1))
    c = r.counts
    assert (c.gold, c.predicted, c.matched, c.unmatched) == (5, 6, 3, 2)
    assert c.precision == pytest.approx(3 / 6) and c.recall == pytest.approx(3 / 5)
    assert c.f1 == pytest.approx(2 * 0.5 * 0.6 / 1.1)
    assert c.label_accuracy == 1.0  # over the 3 aligned units only
    alignment = [o for o in r.outcomes if o.status == "alignment"]
    assert [o.gold.id for o in alignment] == ["d2-f2+f3", "d3+d4-f4"]
    assert [p.id for p in alignment[0].predicted] == ["d2-f2", "d3-f3"]
    assert [p.id for p in alignment[1].predicted] == ["d3-f3", "d4-f4"]
    assert r.signal is not None and not r.signal.verdict_ok and not r.signal.score_ok


def test_counts_pool_by_addition_and_bars_say_what_falls_short():
    a = Counts(10, 10, 10, 9, 2, 2, (("relaxed", "relaxed", 9), ("relaxed", "reworded", 1)))
    b = Counts(10, 12, 8, 6, 0, 0, (("relaxed", "relaxed", 6), ("tightened", "reworded", 2)))
    t = a + b
    assert (t.gold, t.predicted, t.matched, t.label_correct) == (20, 22, 18, 15)
    assert t.cell("relaxed", "relaxed") == 15 and t.cell("tightened", "reworded") == 2
    bars = Bars(0.9, 0.9)
    assert shortfalls(a, bars) == ()
    assert shortfalls(b, bars) == ("label accuracy 0.750 < 0.900", "alignment F1 0.727 < 0.900")
    assert shortfalls(Counts(), bars) == ()  # no reviewed gold: nothing to fall short of


# --------------------------------------------------------------------------- bars


def test_bars_come_from_pyproject_then_lawdiff_yaml_and_flags_win(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.lawdiff]\nmin-label-accuracy = 0.5\nrules = "mine.yaml"\n', encoding="utf-8")
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    bars = load_bars(corpora)
    assert (bars.min_label_accuracy, bars.min_alignment_f1) == (0.5, DEFAULT_BARS.min_alignment_f1)
    assert bars.source == str(tmp_path / "pyproject.toml")
    (corpora / "lawdiff.yaml").write_text("min-alignment-f1: 0.75\n", encoding="utf-8")
    assert load_bars(corpora).min_alignment_f1 == 0.75  # the nearer file wins
    flags = load_bars(corpora, min_label_accuracy=0.95, min_alignment_f1=0.97)
    assert (flags.min_label_accuracy, flags.min_alignment_f1, flags.source) == (0.95, 0.97, "command line")


def test_the_project_bars_are_read_from_its_pyproject():
    bars = load_bars(CORPORA)
    assert bars.source == str(ROOT / "pyproject.toml")
    assert bars.min_label_accuracy >= 0.85 and bars.min_alignment_f1 >= 0.9
    if bars.min_label_accuracy < 0.9:  # a bar below the goal is never lowered silently: it says why
        section = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[tool.lawdiff]", 1)[1]
        assert "goal is still 0.90" in section.split("min-label-accuracy", 1)[0]


@pytest.mark.parametrize(("name", "text", "message"), [
    ("lawdiff.yaml", "# bars\nmin-label-accuracy: 1.5\n", "lawdiff.yaml: line 2: field min-label-accuracy must be"),
    ("lawdiff.yaml", "min-label-acuracy: 0.9\n", "line 1: unknown bar 'min-label-acuracy'"),
    ("pyproject.toml", "[tool.lawdiff]\n\nmin-alignment-f1 = \"high\"\n",
     "pyproject.toml: line 3: field min-alignment-f1 must be a number"),
])
def test_bad_bars_name_file_line_and_field(tmp_path, name, text, message):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=message.replace(".", r"\.")):
        load_bars(tmp_path)


# --------------------------------------------------------------------------- the command on real pairs

SMALL = "cii-commercial-crypto-2025"


@cache
def _tool_annotations(pair: str) -> str:
    from lawdiff.evaluation.annotations import draft_annotations
    from lawdiff.pipeline import compare_files

    meta_pair = CORPORA / pair
    from lawdiff.io.meta import load_meta

    meta = load_meta(meta_pair / "meta.yaml")
    report = compare_files(meta_pair / meta.draft_file, meta_pair / meta.final_file, meta=meta)
    return draft_annotations(report, pair=meta.pair)


def make_corpus(root: Path, pair: str = SMALL, *, reviewed=None, flip: int | None = None) -> tuple[Path, dict]:
    """Copy a real pair into ``root/pair`` with the tool's own output as gold (so that it passes), the units
    in ``reviewed`` (all when None) marked reviewed, and the label of unit ``flip`` deliberately wrong."""
    src, dst = CORPORA / pair, root / pair
    dst.mkdir(parents=True)
    for f in src.iterdir():
        if f.name != "annotations.yaml":
            shutil.copyfile(f, dst / f.name)
    data = yaml.safe_load(_tool_annotations(pair))
    for i, u in enumerate(data["units"]):
        u["reviewed"] = reviewed is None or i in reviewed
        u["rationale"] = f"gold for unit {i}"
    if flip is not None:
        u = data["units"][flip]
        u["label"] = "relaxed" if u["label"] == "tightened" else "tightened"
        u["effect"] = None
    (dst / "annotations.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dst, data


def one_to_one(pair: str = SMALL) -> list[int]:
    """Indexes of the tool's 1:1 units (their label can be flipped without breaking the schema)."""
    data = yaml.safe_load(_tool_annotations(pair))
    return [i for i, u in enumerate(data["units"]) if len(u["draft"]) == 1 and len(u["final"]) == 1]


def test_gold_equal_to_the_tool_passes(tmp_path):
    folder, data = make_corpus(tmp_path)
    res = run("check", str(folder))
    assert res.exit_code == 0, res.output
    assert "PASS" in res.stdout and "disagreements: none" in res.stdout
    assert f"{len(data['units'])} reviewed, 0 unreviewed" in res.stdout


def test_one_wrong_gold_label_fails_the_bar_and_names_the_unit(tmp_path):
    picks = one_to_one()[:5]
    folder, data = make_corpus(tmp_path, reviewed=set(picks), flip=picks[2])
    res = run("check", str(tmp_path))  # a folder of corpus folders
    assert res.exit_code == 1, res.output
    unit = data["units"][picks[2]]
    where = f"draft {unit['draft'][0]} → final {unit['final'][0]}"
    out = res.stdout
    assert f"- {where} [d{unit['draft'][0]}-f{unit['final'][0]}" in out
    assert f"label: gold {unit['label']}, tool " in out
    assert f"rationale: gold for unit {picks[2]}" in out
    assert "label accuracy 0.800 < 0.900" in out
    assert out.count("\n  - ") == 1  # exactly one disagreement is listed
    doc = json.loads(run("check", str(folder), "--format", "json").stdout)
    [dis] = doc["pairs"][0]["disagreements"]
    assert (dis["where"], dis["status"], dis["gold_label"], dis["rationale"]) == (
        where, "label", unit["label"], f"gold for unit {picks[2]}")
    text = (folder / "annotations.yaml").read_text(encoding="utf-8").splitlines()
    assert text[dis["line"] - 1].lstrip().startswith("- draft:")  # the line points at the unit


def test_unreviewed_units_are_not_gold(tmp_path):
    picks = one_to_one()
    reviewed = set(picks[:4])
    wrong = picks[5]  # wrong, but unreviewed: must not count
    folder, data = make_corpus(tmp_path, reviewed=reviewed, flip=wrong)
    res = run("check", str(folder), "--format", "json")
    assert res.exit_code == 0, res.stdout
    pair = json.loads(res.stdout)["pairs"][0]
    n = len(data["units"])
    assert (pair["gold_units"], pair["unreviewed"], pair["aligned"], pair["tool_units_scored"]) == (4, n - 4, 4, 4)
    assert pair["label_accuracy"] == 1.0 and pair["disagreements"] == []
    assert len(pair["unreviewed_units"]) == n - 4
    terminal = run("check", str(folder)).stdout
    assert f"4 reviewed, {n - 4} unreviewed (not gold)" in terminal


def test_only_unreviewed_units_is_trouble(tmp_path):
    folder, _data = make_corpus(tmp_path, reviewed=set())
    res = run("check", str(folder))
    assert res.exit_code == 2
    assert "no reviewed gold units" in res.output and "reviewed: true" in res.output


def test_malformed_annotations_exit_2_naming_the_line(tmp_path):
    folder, _data = make_corpus(tmp_path)
    path = folder / "annotations.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.strip().startswith("label:") and "tightened" not in line)
    lines[n] = lines[n].split("label:")[0] + "label: tighter"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = run("check", str(folder))
    assert res.exit_code == 2
    assert f"{path}: line {n + 1}: field units[" in res.stderr and "label 'tighter' is not one of" in res.stderr
    assert "Traceback" not in res.output


def test_missing_or_unannotated_paths_exit_2(tmp_path):
    res = run("check", str(tmp_path / "nope"))
    assert res.exit_code == 2 and "no such folder" in res.stderr
    res = run("check", str(tmp_path))
    assert res.exit_code == 2 and "no corpus folders here" in res.stderr
    bare = tmp_path / "bare" / SMALL  # a corpus folder without annotations.yaml
    bare.mkdir(parents=True)
    for f in (CORPORA / SMALL).iterdir():
        if f.name != "annotations.yaml":
            shutil.copyfile(f, bare / f.name)
    res = run("check", str(bare))
    assert res.exit_code == 2 and "nothing to check" in res.stderr


def test_junit_is_xml_with_one_suite_per_pair_and_one_case_per_unit(tmp_path):
    picks = one_to_one()
    n_units = len(yaml.safe_load(_tool_annotations(SMALL))["units"])
    _f, data_a = make_corpus(tmp_path, SMALL, reviewed=set(range(n_units)) - {picks[-1]}, flip=picks[0])
    _f, data_b = make_corpus(tmp_path, "public-data-registration-2025")
    out = tmp_path / "junit.xml"
    res = run("check", str(tmp_path), "--format", "junit", "-o", str(out), "--min-label-accuracy", "0")
    assert res.exit_code == 0, res.output
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["cii-commercial-crypto-2025", "public-data-registration-2025"]
    a, b = suites
    n_a, n_b = len(data_a["units"]), len(data_b["units"])
    assert (a.get("tests"), a.get("failures"), a.get("skipped")) == (str(n_a), "1", "1")
    assert (b.get("tests"), b.get("failures"), b.get("skipped")) == (str(n_b), "0", "0")
    assert len(a.findall("testcase")) == n_a and len(b.findall("testcase")) == n_b
    [failure] = a.findall("testcase/failure")
    assert failure.get("type") == "label" and f"gold for unit {picks[0]}" in failure.text
    assert len(a.findall("testcase/skipped")) == 1
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == (str(n_a + n_b), "1", "1")
    props = {p.get("name"): p.get("value") for p in a.findall("properties/property")}
    assert props["alignment_f1"] == "1.000" and props["passed"] == "true"


def test_markdown_summary(tmp_path):
    folder, _data = make_corpus(tmp_path)
    res = run("check", str(folder), "--format", "markdown")
    assert res.exit_code == 0
    assert res.stdout.startswith("## lawdiff check: ✅ passed")
    assert f"| `{SMALL}` | dev | pass |" in res.stdout and "| **overall dev** | 1 pair | pass |" in res.stdout


def test_jobs_1_and_2_give_identical_json():
    # three small pairs keep this quick; .ci/run checks the whole corpus
    picks = [str(CORPORA / p) for p in ("genai-2023", "cii-commercial-crypto-2025", "public-data-registration-2025")]
    one = run("check", *picks, "--jobs", "1", "--format", "json")
    two = run("check", *picks, "--jobs", "2", "--format", "json")
    assert one.exit_code == two.exit_code and one.exit_code in (0, 1)
    assert one.stdout == two.stdout
    doc = json.loads(one.stdout)
    assert [p["pair"] for p in doc["pairs"]] == ["genai-2023", "cii-commercial-crypto-2025",
                                                 "public-data-registration-2025"]


def test_every_bundled_pair_is_annotated_or_reported_skipped():
    annotated = sorted(p.parent.name for p in CORPORA.glob("*/annotations.yaml"))
    assert len(find_pairs([CORPORA])) == len(annotated)  # every bundled pair has gold


def test_ci_examples_parse_and_run_lawdiff_check():
    ci = ROOT / "examples" / "ci"
    gh = yaml.safe_load((ci / "github-actions.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for s in gh["jobs"]["check"]["steps"]]
    assert "lawdiff check corpora/ --format junit -o lawdiff-junit.xml" in steps
    gl = yaml.safe_load((ci / "gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gl["lawdiff-check"]["artifacts"]["reports"]["junit"] == "lawdiff-junit.xml"
    [hook] = yaml.safe_load((ci / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["pass_filenames"]) == ("lawdiff-check", "lawdiff check", False)
    config = yaml.safe_load((ci / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["hooks"][0]["entry"] == "lawdiff check corpora/"


# --------------------------------------------------------------------------- split: heldout, a pair's own bars

OWN_BARS = """\
split: heldout
bars:
  min_label_accuracy: 0.5
  min_alignment_f1: 0.85
  reason: held out; first contact 0.80
"""


def _set_top(folder: Path, text: str, *, signal: str | None = None) -> None:
    """Put ``text`` (top-level annotations.yaml fields) after ``pair:``, and optionally an expect_signal."""
    path = folder / "annotations.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].startswith("pair:")
    body = "".join(lines[:1]) + text + "".join(lines[1:])
    if signal is not None:
        body += f"expect_signal:\n  verdict: {signal}\n"
    path.write_text(body, encoding="utf-8")


def test_heldout_pair_below_the_global_bars_but_above_its_own_passes(tmp_path):
    picks = one_to_one()[:5]
    folder, _data = make_corpus(tmp_path, reviewed=set(picks), flip=picks[2])  # label accuracy 0.800
    assert run("check", str(folder)).exit_code == 1  # a dev pair: held to the global 0.9
    _set_top(folder, OWN_BARS)
    res = run("check", str(folder))
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert f"{SMALL} PASS  [held out]" in out
    assert "own bars     label accuracy >= 0.50, alignment F1 >= 0.85" in out and "held out; first contact" in out
    assert "below the bar" not in out
    pair = json.loads(run("check", str(folder), "--format", "json").stdout)["pairs"][0]
    assert (pair["split"], pair["passed"], pair["label_accuracy"]) == ("heldout", True, 0.8)
    assert pair["bars"] == {"min_label_accuracy": 0.5, "min_alignment_f1": 0.85,
                            "source": f"{folder / 'annotations.yaml'} line 3", "reason": "held out; first contact 0.80"}
    # its own bars hold it: above the global bars is not enough when its own are higher
    text = (folder / "annotations.yaml").read_text(encoding="utf-8").replace("min_label_accuracy: 0.5",
                                                                              "min_label_accuracy: 0.85")
    (folder / "annotations.yaml").write_text(text, encoding="utf-8")
    res = run("check", str(folder), "--min-label-accuracy", "0")
    assert res.exit_code == 1 and f"below the bar: {SMALL}: label accuracy 0.800 < 0.850" in res.stdout


def test_own_effect_accuracy_bar_is_checked():
    from lawdiff.evaluation.metrics import Bars, Counts, shortfalls

    counts = Counts(10, 10, 10, 10, 4, 2)
    assert shortfalls(counts, Bars(0.9, 0.9)) == ()
    assert shortfalls(counts, Bars(0.9, 0.9, "x", 0.6, "why")) == ("effect accuracy 0.500 < 0.600",)
    assert shortfalls(Counts(10, 10, 10, 10), Bars(0.9, 0.9, "x", 0.6, "why")) == (
        "effect accuracy n/a (no added/removed gold unit aligned) < 0.600",)


def test_heldout_signal_miss_is_reported_but_does_not_fail(tmp_path):
    folder, _data = make_corpus(tmp_path)
    _set_top(folder, "", signal="none")  # the tool finds changes, so 'none' is a miss
    res = run("check", str(folder))
    assert res.exit_code == 1 and "signal verdict" in res.stdout  # for a dev pair it is a bar
    _set_top(folder, "split: heldout\n")
    res = run("check", str(folder))
    assert res.exit_code == 0, res.output
    assert "expected none: FAILS (held out: reported, not a bar)" in res.stdout
    assert "below the bar" not in res.stdout
    pair = json.loads(run("check", str(folder), "--format", "json").stdout)["pairs"][0]
    assert (pair["signal"]["ok"], pair["signal"]["is_bar"], pair["shortfalls"]) == (False, False, [])
    md = run("check", str(folder), "--format", "markdown").stdout
    assert "**fails** (not a bar)" in md and f"### {SMALL} (held out)" in md
    assert "(held out: reported, not a bar)" in md


def test_overall_dev_and_heldout_lines(tmp_path):
    picks = one_to_one()[:5]
    _f, _d = make_corpus(tmp_path, reviewed=set(picks), flip=picks[2])  # 0.800: fails the global bar...
    held = tmp_path / SMALL
    _set_top(held, OWN_BARS)  # ...but is held out with its own bars
    _dev, data = make_corpus(tmp_path, "public-data-registration-2025")
    res = run("check", str(tmp_path))
    assert res.exit_code == 0, res.output
    n = len(data["units"])
    lines = res.stdout.splitlines()
    assert f"overall dev PASS: 1 pair, {n} gold units; alignment F1 1.000, label accuracy 1.000" in "\n".join(lines)
    [held_line] = [x for x in lines if x.startswith("overall held out")]
    assert held_line.startswith("overall held out PASS (pooled figures reported, not a bar): 1 pair, 5 gold units; "
                                "alignment F1 1.000, label accuracy 0.800")
    doc = json.loads(run("check", str(tmp_path), "--format", "json").stdout)
    assert doc["schema_version"] == "1.2"
    assert [(p["pair"], p["split"]) for p in doc["pairs"]] == [(SMALL, "heldout"),
                                                               ("public-data-registration-2025", "dev")]
    assert (doc["overall_dev"]["pairs"], doc["overall_dev"]["gold_units"], doc["overall_dev"]["shortfalls"]) == (
        1, n, [])
    assert (doc["overall_heldout"]["pairs"], doc["overall_heldout"]["gold_units"]) == (1, 5)
    assert doc["overall_heldout"]["label_accuracy"] == 0.8 and "shortfalls" not in doc["overall_heldout"]
    assert doc["overall"] == doc["overall_dev"]  # 1.0 readers: the pooled result the bars apply to
    md = run("check", str(tmp_path), "--format", "markdown").stdout
    assert "| **overall dev** | 1 pair | pass |" in md and "| **overall held out** | 1 pair | pass |" in md
    assert f"| `{SMALL}` | held out | pass |" in md
    root = ET.fromstring(run("check", str(tmp_path), "--format", "junit").stdout)
    props = {s.get("name"): {p.get("name"): p.get("value") for p in s.findall("properties/property")}
             for s in root.findall("testsuite")}
    assert (props[SMALL]["split"], props[SMALL]["min_label_accuracy"], props[SMALL]["signal_is_bar"]) == (
        "heldout", "0.500", "false")
    assert (props["public-data-registration-2025"]["split"],
            props["public-data-registration-2025"]["min_label_accuracy"]) == ("dev", "0.900")

    # the pooled bar is over the dev pairs only: make the held-out pair dev and the pool falls short
    text = (held / "annotations.yaml").read_text(encoding="utf-8").replace("split: heldout\n", "")
    (held / "annotations.yaml").write_text(text, encoding="utf-8")
    res = run("check", str(tmp_path), "--min-label-accuracy", "0.99")  # each pair passes its bars; the pool not
    assert res.exit_code == 1
    assert "overall dev FAIL: 2 pairs" in res.stdout and "overall held out" not in res.stdout
    [short] = [x for x in res.stdout.splitlines() if "below the bar" in x]
    assert short.startswith("  below the bar: label accuracy 0.9") and short.endswith("< 0.990 (dev pairs pooled)")


def test_bundled_heldout_pair_has_its_own_bars_and_a_reason():
    ann = load_annotations(CORPORA / "eu-ai-act-2024" / "annotations.yaml")
    assert ann.split == "heldout" and ann.bars is not None
    assert (ann.bars.min_label_accuracy, ann.bars.min_alignment_f1) == (0.60, 0.85)
    assert "first contact 2026-11-28" in ann.bars.reason
    assert load_annotations(CORPORA / "administrative-reconsideration-law-2023" / "annotations.yaml").split == "dev"


def test_dev_pair_signal_can_be_reported_not_a_bar_only_with_a_reason(tmp_path):
    folder, _data = make_corpus(tmp_path)
    _set_top(folder, "", signal="none")  # the tool finds changes, so 'none' is a miss
    assert run("check", str(folder)).exit_code == 1
    _set_top(folder, "bars:\n  min_label_accuracy: 0.5\n  min_alignment_f1: 0.5\n  signal: report\n"
                     "  reason: known signal shortfall, see the issue\n")
    res = run("check", str(folder))
    assert res.exit_code == 0, res.output
    assert "FAILS (reported, not a bar: see the pair's bars.reason)" in res.stdout
    pair = json.loads(run("check", str(folder), "--format", "json").stdout)["pairs"][0]
    assert (pair["split"], pair["signal"]["ok"], pair["signal"]["is_bar"]) == ("dev", False, False)


def test_bars_signal_value_is_validated(tmp_path):
    folder, _data = make_corpus(tmp_path)
    _set_top(folder, "bars:\n  min_label_accuracy: 0.5\n  min_alignment_f1: 0.5\n  signal: maybe\n  reason: x\n")
    res = run("check", str(folder))
    assert res.exit_code == 2 and "field bars.signal must be 'bar' or 'report'" in res.stderr
