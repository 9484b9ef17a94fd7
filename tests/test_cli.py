"""The command line as a user sees it: exit codes, plain markers, JSON shape, one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT, corpus

from lawdiff.cli import main

GENAI_D = str(corpus("genai-2023", "draft"))
GENAI_F = str(corpus("genai-2023", "final"))


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env or {"NO_COLOR": "1"}, catch_exceptions=False)


def test_no_arguments_runs_the_bundled_example():
    res = run()
    assert res.exit_code == 1  # differences found, as diff(1)
    assert "正式文本：生成式人工智能服务管理暂行办法（24 条）" in res.output
    assert "[-" in res.output and "{+" in res.output


def test_example_option_and_files_give_the_same_units():
    a = json.loads(run("diff", "--example", "genai-2023", "--format", "json").output)
    b = json.loads(run("diff", GENAI_D, GENAI_F, "--format", "json").output)
    assert [u["id"] for u in a["units"]] == [u["id"] for u in b["units"]]


def test_plain_markers_without_colour():
    res = run("diff", GENAI_D, GENAI_F)
    assert "\x1b[" not in res.output
    # draft 4(4) obligation of result is shown deleted, final 4(5) obligation of effort inserted
    assert re.search(r"\[-[^\]]*应当真实准确", res.output)
    assert re.search(r"\{\+[^}]*提高生成内容的准确性和可靠性", res.output)


def test_only_changed_hides_unchanged_units(tmp_path):
    d = tmp_path / "d.txt"
    f = tmp_path / "f.txt"
    d.write_text("办法\n第一条　甲应当登记。\n第二条　乙可以备案。\n", encoding="utf-8")
    f.write_text("办法\n第一条　甲应当登记。\n第二条　乙应当备案。\n", encoding="utf-8")
    full = run("diff", str(d), str(f))
    short = run("diff", str(d), str(f), "--only-changed")
    assert "修订前第一条 → 修订后第一条" in full.output
    assert "修订前第一条 → 修订后第一条" not in short.output
    assert "修订前第二条 → 修订后第二条" in short.output
    assert short.exit_code == 1


def test_context_shortens_unchanged_text(tmp_path):
    d = tmp_path / "d.txt"
    f = tmp_path / "f.txt"
    body = "很长的不变文字" * 20
    d.write_text(f"办法\n第一条　{body}应当登记{body}。\n", encoding="utf-8")
    f.write_text(f"办法\n第一条　{body}可以登记{body}。\n", encoding="utf-8")
    res = run("diff", str(d), str(f), "--context", "5", "--no-signal")
    unit = res.output.split("@@", 2)[2]
    assert "…" in unit and len(unit.splitlines()[1]) < 60


def test_side_by_side_shows_both_columns():
    res = run("diff", GENAI_D, GENAI_F, "--side-by-side", "--width", "120", "--no-signal")
    assert res.exit_code == 1
    assert "征求意见稿" in res.output and "正式文本" in res.output


def test_same_file_twice_is_no_difference():
    res = run("diff", GENAI_F, GENAI_F, "--no-signal")
    assert res.exit_code == 0
    assert "未修改" in res.output


def test_json_shape():
    data = json.loads(run("diff", GENAI_D, GENAI_F, "--format", "json").output)
    assert data["schema_version"]
    assert data["draft"]["articles"] == 21 and data["final"]["articles"] == 24
    ids = [u["id"] for u in data["units"]]
    assert len(ids) == len(set(ids))
    for u in data["units"]:
        assert {"id", "kind", "draft_articles", "final_articles", "similarity", "edits", "label"} <= set(u)
        assert all(isinstance(n, int) for n in u["draft_articles"] + u["final_articles"])
    seen_d = sorted(n for u in data["units"] for n in u["draft_articles"])
    seen_f = sorted(n for u in data["units"] for n in u["final_articles"])
    assert seen_d == list(range(1, 22)) and seen_f == list(range(1, 25))
    assert "signal" in data


def test_json_is_deterministic():
    a = run("diff", GENAI_D, GENAI_F, "--format", "json").output
    b = run("diff", GENAI_D, GENAI_F, "--format", "json").output
    assert a == b


def test_output_file_written_atomically(tmp_path):
    out = tmp_path / "r.json"
    res = run("diff", GENAI_D, GENAI_F, "--format", "json", "-o", str(out))
    assert res.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["units"]
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_refuses_to_overwrite_an_input(tmp_path):
    d = tmp_path / "d.txt"
    d.write_text("办法\n第一条　甲。\n", encoding="utf-8")
    before = d.read_bytes()
    res = run("diff", str(d), GENAI_F, "-o", str(d))
    assert res.exit_code == 2
    assert "never overwrites its input" in res.output
    assert d.read_bytes() == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
        (lambda p: _write(p / "e.txt", b""), "the file is empty"),
        (lambda p: _write(p / "b.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "PNG image"),
        (lambda p: _write(p / "bad.txt", "第一条".encode() + b"\xff\xfe\xfa"), "not valid UTF-8"),
    ],
    ids=["missing", "directory", "empty", "binary", "undecodable"],
)
def test_bad_input_one_line_exit_2(tmp_path, make, message):
    bad = make(tmp_path)
    res = run("diff", str(bad), GENAI_F)
    assert res.exit_code == 2
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in res.output


def test_gbk_with_wrong_encoding_option(tmp_path):
    p = _write(tmp_path / "gbk.txt", Path(GENAI_F).read_text(encoding="utf-8").encode("gbk"))
    assert run("diff", str(p), GENAI_F, "--no-signal").exit_code == 0  # detected as GB18030, same text
    res = run("diff", str(p), GENAI_F, "--encoding", "utf-8")
    assert res.exit_code == 2 and "--encoding" in res.output


def test_mixed_languages_refused(tmp_path):
    en = _write(tmp_path / "en.txt", b"An Act\nArticle 1\nScope\nThis Act applies to providers.\n")
    res = run("diff", GENAI_D, str(en))
    assert res.exit_code == 2 and "same language" in res.output


def _commands():
    """Every sub-command, imported: the group loads them lazily (click's LazyGroup), so main.commands is empty."""
    ctx = click.Context(main)
    names = main.list_commands(ctx)
    assert names == ["annotate", "cache", "check", "diff", "report", "rules"]
    return [(name, main.get_command(ctx, name)) for name in names]


def test_every_command_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, cmd in _commands():
        assert f"lawdiff {name}" in readme, f"`lawdiff {name}` is not in README.md"
        sub = getattr(cmd, "commands", {})
        for subname in sub:
            assert f"lawdiff {name} {subname}" in readme


def test_every_help_ends_with_an_example():
    for name, _cmd in _commands():
        res = run(name, "--help")
        assert "Example" in res.output, name


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def test_readme_unit_example_is_real_output():
    """The unit shown in README.md is what `lawdiff diff` prints for the bundled pair, word for word."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("## What a unit looks like", 1)[1].split("```\n")
    zh, en = blocks[1], blocks[3]  # the unit as printed, then the same unit with --ui en
    assert zh.strip() in run("diff", GENAI_D, GENAI_F, "--no-signal").output
    assert en.strip() in run("diff", GENAI_D, GENAI_F, "--no-signal", "--ui", "en").output


def test_importing_the_cli_loads_no_heavy_module():
    """README: `import lawdiff.cli` imports neither jieba, yaml nor rich (the sub-commands load lazily)."""
    import subprocess
    import sys

    code = ("import sys, lawdiff.cli; heavy = [m for m in ('jieba', 'yaml', 'rich', 'lawdiff.pipeline', "
            "'lawdiff.cli.rules', 'lawdiff.cli.check') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_option_of_diff_and_report_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("diff", "report"):
        _ctx = click.Context(main)
        cmd = main.get_command(_ctx, name)
        for p in cmd.params:
            for opt in getattr(p, "opts", []):
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}" in readme or f" {opt} " in readme, f"{name} {opt} is not in README.md"


def test_the_header_says_whose_point_of_view_and_where_it_came_from(tmp_path):
    """The labels depend on who is regulated: the header names them and says whether meta.yaml gave them,
    the texts suggested them, or nobody could be inferred."""
    d, f = tmp_path / "old.txt", tmp_path / "new.txt"
    d.write_text("第一条 市农业部门应当制定规划。\n第二条 市科技部门应当支持科研。\n", encoding="utf-8")
    f.write_text("第一条 市农业部门应当制定规划。\n第二条 市科技部门可以支持科研。\n", encoding="utf-8")
    out = run("diff", str(d), str(f), "--ui", "en").output
    assert "read from the point of view of: the law's addressees (no party inferred" in out
    out = run("diff", str(corpus("genai-2023", "draft")), str(corpus("genai-2023", "final")), "--ui", "zh").output
    assert "解读立场：提供者（meta.yaml 中 regulated: 指定）" in out
