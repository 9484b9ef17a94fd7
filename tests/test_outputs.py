"""What lawdiff writes and prints (issue 11, items 6, 7, 9, 10 and 11).

``-o`` never overwrites a file read in the run, never turns ``newdir/`` into a file, writes through a
symlink; an interrupted write leaves nothing; JUnit is well-formed XML whatever the folder names; no
control character reaches the terminal raw; a meta.yaml names files inside its own folder only.
"""

from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import CORPORA, assert_refused, run, write

LAW = "某某服务管理办法\n第一条　为了规范服务，制定本办法。\n第二条　提供者应当遵守法律。\n"
OTHER = LAW.replace("应当", "可以")
META = """pair: demo
draft:
  file: d.txt
  title: 某某服务管理办法
final:
  file: f.txt
  title: 某某服务管理办法
"""
RULES = """lang: zh
rules:
  - id: zh.t.mine
    description: mine
    description_zh: 我的规则
    theme: modal
    direction: relax
    weight: 1
    deleted: 应当
    examples:
      - {draft: 甲应当做, final: 甲可以做, label: relaxed}
"""
SMALL = "public-data-registration-2025"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A pair with its meta.yaml and a rule table, as a user keeps them."""
    write(tmp_path / "d.txt", LAW)
    write(tmp_path / "f.txt", OTHER)
    write(tmp_path / "meta.yaml", META)
    write(tmp_path / "r.yaml", RULES)
    return tmp_path


def _unchanged(folder: Path):
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    return lambda: {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


# ------------------------------------------------------------------------------------------ item 6


@pytest.mark.parametrize(("args", "target"), [
    (["report", "d.txt", "f.txt"], "meta.yaml"),  # the meta.yaml found beside the texts
    (["diff", "d.txt", "f.txt", "--format", "json", "--meta", "meta.yaml"], "meta.yaml"),
    (["diff", "d.txt", "f.txt", "--rules", "r.yaml"], "r.yaml"),
    (["annotate", "d.txt", "f.txt", "--force"], "meta.yaml"),
    (["annotate", "d.txt", "f.txt", "--force"], "./f.txt"),
], ids=["report-meta", "diff-meta", "diff-rules", "annotate-meta", "annotate-text"])
def test_o_never_overwrites_a_file_read_in_the_run(folder, monkeypatch, args, target):
    monkeypatch.chdir(folder)
    same = _unchanged(folder)
    assert_refused(run(*args, "-o", target), "is one of the input files", "choose another output path")
    assert same() and not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_check_o_never_overwrites_its_settings_file(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPORA / SMALL, corpus / SMALL)
    settings = write(corpus / "pyproject.toml", "[tool.lawdiff]\nmin-label-accuracy = 0.0\nmin-alignment-f1 = 0.0\n")
    before = settings.read_bytes()
    assert_refused(run("check", str(corpus), "-o", str(settings)), "is one of the input files")
    assert settings.read_bytes() == before


@pytest.mark.parametrize("command", ["diff", "check", "annotate"])
def test_o_with_a_trailing_slash_names_a_folder(folder, monkeypatch, command):
    monkeypatch.chdir(folder)
    args = {"diff": ["diff", "d.txt", "f.txt"], "annotate": ["annotate", "d.txt", "f.txt"],
            "check": ["check", str(CORPORA / SMALL)]}[command]
    assert_refused(run(*args, "-o", "newdir/"), "newdir/: names a folder that does not exist",
                   "give a file name for the output")
    assert not (folder / "newdir").exists()


def test_o_onto_a_symlink_writes_through_it(folder, monkeypatch):
    monkeypatch.chdir(folder)
    real = write(folder / "real.json", "old")
    (folder / "link.json").symlink_to("real.json")
    res = run("diff", "d.txt", "f.txt", "--format", "json", "-o", "link.json")
    assert res.exit_code == 1, res.output
    assert (folder / "link.json").is_symlink() and os.readlink(folder / "link.json") == "real.json"
    assert real.read_text(encoding="utf-8").startswith("{")
    (folder / "dangling.json").symlink_to("missing/nowhere.json")
    assert_refused(run("diff", "d.txt", "f.txt", "-o", "dangling.json"), "is a link to a missing file")
    assert (folder / "dangling.json").is_symlink() and not (folder / "missing").exists()


# ------------------------------------------------------------------------------------------ item 7


def test_an_interrupt_just_after_the_temporary_file_appears_leaves_nothing(tmp_path, monkeypatch):
    """The mkstemp window: the file exists but its name has not come back yet.  The name is now chosen
    before the file is created, so the clean-up knows it."""
    from lawdiff.io import write as output

    real_open = os.open

    def interrupted(path, flags, mode=0o777):
        real_open(path, flags, mode)  # the file is made...
        raise KeyboardInterrupt  # ...and Ctrl-C lands before its descriptor is returned

    monkeypatch.setattr(output.os, "open", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomic(tmp_path / "report.json", "new")
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------------------ item 9


HOSTILE_NAMES = ["x\x01y", "esc\x1b[31m", "bad\ufffe", "bom\uffff"]


def test_junit_is_well_formed_whatever_the_folder_names(tmp_path):
    corpus = tmp_path / "corpus"
    for i, name in enumerate(HOSTILE_NAMES):
        dst = corpus / name
        shutil.copytree(CORPORA / SMALL, dst)
        ann = dst / "annotations.yaml"
        ann.write_text(ann.read_text(encoding="utf-8").replace(f"pair: {SMALL}", f"pair: p{i}", 1), encoding="utf-8")
        meta = dst / "meta.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace(f"pair: {SMALL}", f"pair: p{i}", 1), encoding="utf-8")
    out = tmp_path / "junit.xml"
    res = run("check", str(corpus), "--format", "junit", "-o", str(out), "--min-label-accuracy", "0",
              "--min-alignment-f1", "0")
    assert res.exit_code in (0, 1), res.output
    root = ET.parse(out).getroot()  # raises on ill-formed XML
    files = {case.get("file") for case in root.iter("testcase")}
    assert len(files) == len(HOSTILE_NAMES) and all("\ufffd" in f for f in files)
    assert "\x1b" not in res.stderr


def test_junit_cleans_lone_surrogates():
    from lawdiff.evaluation.junit import clean_tree

    el = ET.Element("testsuite", {"name": "a\udcff\x01"})
    el.text = "\ufffe"
    clean_tree(el)
    assert ET.tostring(el, encoding="unicode") == '<testsuite name="a\ufffd\ufffd">\ufffd</testsuite>'


# ------------------------------------------------------------------------------------------ item 10

TITLE = "x\x1b]0;PWNED\x07"


def _no_raw_controls(text: str) -> None:
    assert not any(c in text for c in "\x1b\x07\x9b"), repr(text)


def test_a_folder_named_like_an_escape_sequence_does_not_reach_the_terminal(tmp_path):
    evil = tmp_path / TITLE
    evil.mkdir()
    res = run("diff", str(evil / "nope.txt"), str(evil / "nope2.txt"))
    assert res.exit_code == 2
    _no_raw_controls(res.output)
    assert "x\\x1b]0;PWNED\\x07" in res.stderr


def test_wrote_lines_of_check_and_annotate_are_escaped(tmp_path, folder):
    out = tmp_path / TITLE
    out.mkdir()
    res = run("annotate", str(folder / "d.txt"), str(folder / "f.txt"), "-o", str(out / "a.yaml"))
    assert res.exit_code == 0, res.output
    _no_raw_controls(res.output)
    assert "x\\x1b]0;PWNED\\x07" in res.stderr
    res = run("check", str(CORPORA / SMALL), "-o", str(out / "c.txt"))
    assert res.exit_code in (0, 1), res.output
    _no_raw_controls(res.output)


def test_text_reports_on_stdout_escape_file_names(tmp_path):
    """Markdown, HTML (diff) and Markdown (check) carry file names as they are; on stdout they are escaped."""
    evil = tmp_path / TITLE
    evil.mkdir()
    d, f = write(evil / "d.txt", LAW), write(evil / "f.txt", OTHER)
    for fmt in ("markdown", "html"):
        res = run("diff", str(d), str(f), "--format", fmt)
        assert res.exit_code == 1, res.output
        _no_raw_controls(res.stdout)
    corpus = tmp_path / "c" / TITLE
    shutil.copytree(CORPORA / SMALL, corpus)
    res = run("check", str(corpus), "--format", "markdown")
    assert res.exit_code in (0, 1), res.output
    _no_raw_controls(res.output)


@pytest.mark.parametrize("option", ["--draft-issuer", "--final-issuer"])
def test_issuers_with_control_characters_are_refused(folder, option):
    for fmt in ("terminal", "markdown"):
        res = run("diff", str(folder / "d.txt"), str(folder / "f.txt"), option, "国家\x1b]0;PWNED\x07", "--format", fmt)
        assert_refused(res, f"{option}: contains the control character '\\x1b'", "remove it")
        _no_raw_controls(res.output)


# ------------------------------------------------------------------------------------------ item 11


@pytest.mark.parametrize("name", ["/etc/hostname", "../outside.txt", "sub/../../outside.txt", "link.txt"])
def test_meta_yaml_files_stay_inside_the_pair_folder(tmp_path, name):
    corpus = tmp_path / "corpus" / SMALL
    shutil.copytree(CORPORA / SMALL, corpus)
    write(tmp_path / "corpus" / "outside.txt", LAW)
    (corpus / "link.txt").symlink_to(tmp_path / "corpus" / "outside.txt")
    meta = corpus / "meta.yaml"
    text = meta.read_text(encoding="utf-8")
    draft_file = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("file:"))
    meta.write_text(text.replace(f"file: {draft_file}", f"file: {name}", 1), encoding="utf-8")
    line = assert_refused(run("check", str(corpus)), str(meta), f"file '{name}' is outside the pair's folder",
                          "no absolute path, no ..")
    assert "line " in line
