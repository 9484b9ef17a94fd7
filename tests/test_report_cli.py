"""``lawdiff report`` and ``diff --format markdown|json|html -o``: exit codes, equal output, atomic writes."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner
from conftest import corpus

from lawdiff.cli import main

D = str(corpus("genai-2023", "draft"))
F = str(corpus("genai-2023", "final"))


def run(*args: str, **env: str):
    return CliRunner().invoke(main, list(args), env={"NO_COLOR": "1", **env}, catch_exceptions=False)


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_report_writes_the_markdown_diff_would(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    res = run("report", D, F, "-o", str(a))
    assert res.exit_code == 1  # differences found, as diff(1)
    assert f"lawdiff: wrote {a}" in res.output
    assert run("diff", D, F, "--format", "markdown", "-o", str(b)).exit_code == 1
    assert a.read_bytes() == b.read_bytes()
    assert a.read_text(encoding="utf-8").startswith(
        "# 修改对照表：生成式人工智能服务管理办法（征求意见稿） → "
    )


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_report_formats_match_diff(fmt):
    a = run("report", D, F, "--format", fmt)
    b = run("diff", D, F, "--format", fmt)
    assert a.exit_code == b.exit_code == 1
    assert a.output == b.output
    if fmt == "json":
        assert json.loads(a.output)["schema_version"]


def test_report_to_stdout_and_show_unchanged(tmp_path):
    d = tmp_path / "d.txt"
    d.write_text("办法\n第一条　甲应当登记。\n第二条　乙可以备案。\n", encoding="utf-8")
    res = run("report", str(d), str(d))
    assert res.exit_code == 0  # no differences
    assert "| 第一条　甲应当登记。 | *同左* |" in res.output
    both = run("report", str(d), str(d), "--show-unchanged")
    assert "| 第一条　甲应当登记。 | 第一条　甲应当登记。 |" in both.output


def test_report_has_no_terminal_options():
    res = CliRunner().invoke(main, ["report", D, F, "--side-by-side"])
    assert res.exit_code == 2
    assert "No such option '--side-by-side'" in res.output


def test_report_help_ends_with_an_example():
    res = run("report", "--help")
    assert res.exit_code == 0
    assert "lawdiff report corpora/genai-2023/draft.txt corpora/genai-2023/final.txt --format docx -o" in res.output
    assert "--show-unchanged" in res.output and "--timestamp" in res.output


def test_timestamp_flag(tmp_path):
    plain = run("report", D, F).output
    stamped = run("report", D, F, "--timestamp", SOURCE_DATE_EPOCH="86400").output
    assert "生成时间" not in plain
    assert "生成时间：1970-01-02T00:00:00Z" in stamped
    assert (
        json.loads(run("diff", D, F, "--format", "json", "--timestamp", SOURCE_DATE_EPOCH="0").output)[
            "generated_at"
        ]
        == "1970-01-01T00:00:00Z"
    )


def test_same_run_twice_gives_identical_files(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run("report", D, F, "--format", "json", "-o", str(a))
    run("report", D, F, "--format", "json", "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


# --------------------------------------------------------------------------- atomic writes


@pytest.fixture
def existing(tmp_path):
    out = tmp_path / "report.md"
    out.write_text("the old report\n", encoding="utf-8")
    return out


def test_failing_render_leaves_the_old_file_and_no_temp(existing, monkeypatch):
    import lawdiff.render.markdown

    def boom(*_a, **_k):
        raise RuntimeError("renderer crashed half way")

    monkeypatch.setattr(lawdiff.render.markdown, "render_markdown", boom)
    res = CliRunner().invoke(main, ["report", D, F, "-o", str(existing)])
    assert res.exit_code == 2  # a crash is trouble (exit 2, one line), never "differences" (exit 1)
    assert "internal error (RuntimeError: renderer crashed half way)" in res.stderr and "Traceback" not in res.output
    assert existing.read_text(encoding="utf-8") == "the old report\n"
    assert leftovers(existing.parent) == []


def test_failing_write_leaves_the_old_file_and_no_temp(existing, monkeypatch):
    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    res = run("report", D, F, "-o", str(existing))
    assert res.exit_code == 2
    assert "cannot be written (No space left on device)" in res.output
    assert existing.read_text(encoding="utf-8") == "the old report\n"
    assert leftovers(existing.parent) == []


def test_interrupt_while_rendering_writes_nothing(existing, monkeypatch):
    import lawdiff.render.markdown

    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(lawdiff.render.markdown, "render_markdown", interrupted)
    res = run("report", D, F, "-o", str(existing))
    assert res.exit_code == 130
    assert existing.read_text(encoding="utf-8") == "the old report\n"
    assert leftovers(existing.parent) == []


def test_success_replaces_the_old_file_completely(existing):
    assert run("report", D, F, "-o", str(existing)).exit_code == 1
    text = existing.read_text(encoding="utf-8")
    assert "the old report" not in text and text.endswith("|\n")
    assert leftovers(existing.parent) == []


def test_report_never_overwrites_an_input(tmp_path):
    d, f = tmp_path / "d.txt", tmp_path / "f.txt"
    d.write_text("办法\n第一条　甲应当登记。\n", encoding="utf-8")
    f.write_text("办法\n第一条　甲可以登记。\n", encoding="utf-8")
    res = run("report", str(d), str(f), "-o", str(f))
    assert res.exit_code == 2
    assert "is one of the input files" in res.output
    assert f.read_text(encoding="utf-8") == "办法\n第一条　甲可以登记。\n"
