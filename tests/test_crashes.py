"""A crash never looks like a result (issue 11, items 2, 3 and 7).

Exit 1 means "differences" (diff) or "below the bar" (check), and CI that accepts rc <= 1 would pass a
crash: every unexpected exception ends as exit 2 with one line and a hint to report it (``--debug`` for
the traceback).  ``check -j`` workers die with their parent and never hold its output open; SIGTERM and
Ctrl-C leave no file.  Signal tests stop the child at a known point and wait for it to say so
(:func:`conftest.spawn`), never for a wall-clock guess.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPORA, assert_refused, run, spawn, write

LAW = "某某服务管理办法\n第一条　为了规范服务，制定本办法。\n第二条　提供者应当遵守法律。\n"
OTHER = LAW.replace("应当", "可以")
SMALL = ("public-data-registration-2025", "cii-commercial-crypto-2025")


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    return write(tmp_path / "d.txt", LAW), write(tmp_path / "f.txt", OTHER)


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Two small annotated pairs in a folder of their own (no settings file above them but the session's)."""
    root = tmp_path / "corpus"
    for name in SMALL:
        shutil.copytree(CORPORA / name, root / name)
    return root


def _crash(monkeypatch, exc: BaseException) -> None:
    import lawdiff.pipeline

    def boom(*_a, **_k):
        raise exc

    monkeypatch.setattr(lawdiff.pipeline, "compare_files", boom)


# ------------------------------------------------------------------------------------------ exit 2, one line


@pytest.mark.parametrize(("exc", "needles"), [
    (RuntimeError("something broke"), ("internal error (RuntimeError: something broke)", "this is a bug in lawdiff",
                                       "please report it", "lawdiff --debug")),
    (RecursionError("maximum recursion depth exceeded"), ("internal error (RecursionError",)),
    (MemoryError(), ("ran out of memory", "split it", "lawdiff --debug")),
    (KeyError("x"), ("internal error (KeyError: 'x')",)),
])
def test_an_unexpected_exception_is_exit_2_and_one_line(monkeypatch, pair, exc, needles):
    _crash(monkeypatch, exc)
    assert_refused(run("diff", *map(str, pair)), *needles)


def test_debug_prints_the_traceback(monkeypatch, pair):
    _crash(monkeypatch, RuntimeError("something broke"))
    for res in (run("--debug", "diff", *map(str, pair)), run("diff", *map(str, pair), env={"LAWDIFF_DEBUG": "1"})):
        assert res.exit_code == 2
        assert "Traceback (most recent call last)" in res.stderr and "RuntimeError: something broke" in res.stderr
        assert res.stderr.strip().splitlines()[-1].startswith("lawdiff: internal error")


def test_a_crash_in_a_command_group_of_its_own_is_exit_2(monkeypatch, tmp_path):
    """``lawdiff rules`` and ``lawdiff cache`` are groups of their own: the same guard."""
    import lawdiff.io.store

    def boom(*_a, **_k):
        raise OSError("disk on fire")

    monkeypatch.setattr(lawdiff.io.store, "cache_info", boom)
    assert_refused(run("cache", "info"), "internal error (OSError: disk on fire)")


def test_an_unreadable_subfolder_of_a_corpus_is_one_line(monkeypatch, corpus):
    """PermissionError while looking for pairs.  Simulated (the tests may run as root, which reads anything)."""
    import lawdiff.evaluation.check as check

    real = os.listdir
    locked = corpus / SMALL[1]

    def listdir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(check.os, "listdir", listdir)
    assert_refused(run("check", str(corpus)), f"{locked}: permission denied", "make the folder readable")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads folders whatever their permissions")
def test_an_unreadable_subfolder_for_real(corpus):
    locked = corpus / SMALL[1]
    locked.chmod(0)
    try:
        assert_refused(run("check", str(corpus)), "permission denied")
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize(("toml", "needle"), [
    ("tool = 5\n", "'tool' must be a table"),
    ("[tool]\nlawdiff = 5\n", "[tool.lawdiff] must be a table"),
    ("x = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ("[tool.lawdiff\n", "not valid TOML"),
], ids=["tool-int", "lawdiff-int", "deep", "syntax"])
def test_a_bad_pyproject_is_one_line(corpus, toml, needle):
    write(corpus / "pyproject.toml", toml)
    assert_refused(run("check", str(corpus)), "pyproject.toml", needle)


@pytest.mark.parametrize("pattern", ["a{1,4294967296}", "(?:" * 1000 + "a" + ")" * 1000], ids=["huge-repeat", "deep"])
def test_a_pattern_python_cannot_compile_is_one_line(tmp_path, pair, pattern):
    rules = write(tmp_path / "r.yaml", "lang: zh\nrules:\n  - id: zh.t.x\n    description: x\n    description_zh: 甲\n    theme: modal\n"
                  "    direction: relax\n    weight: 1\n    deleted: '" + pattern + "'\n    examples:\n"
                  "      - {draft: 应当, final: 可以, label: relaxed}\n")
    assert_refused(run("rules", "check", str(rules)), str(rules), "bad regular expression")
    assert_refused(run("diff", *map(str, pair), "--rules", str(rules)), str(rules), "bad regular expression")


def _die(folder):  # replaces check_pair in the workers: the second pair's worker is killed
    if folder.endswith(SMALL[1]):
        os.kill(os.getpid(), signal.SIGKILL)
    from lawdiff.evaluation.check import check_pair

    return check_pair(folder)


def _raise(folder):
    if folder.endswith(SMALL[1]):
        raise ValueError("a bug in a worker")
    from lawdiff.evaluation.check import check_pair

    return check_pair(folder)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="workers are forked")
@pytest.mark.parametrize(("worker", "needles"), [
    (_die, ("the worker checking", SMALL[1], "died (killed by SIGKILL)", "with -j 1")),
    (_raise, ("internal error (WorkerCrashed: while checking", SMALL[1], "ValueError: a bug in a worker")),
], ids=["killed", "raised"])
def test_a_worker_that_dies_or_raises_is_exit_2(monkeypatch, corpus, worker, needles):
    import lawdiff.evaluation.check as check

    monkeypatch.setattr(check, "_worker", worker)
    assert_refused(run("check", str(corpus), "-j", "2"), *needles)


# ------------------------------------------------------------------------------------------ real processes


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(entry.name))
    return out


def _gone(pids: set[int], within: float = 15.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = {p for p in pids if Path(f"/proc/{p}").exists()
                 and (Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z")}
        if not alive:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to find the workers")
@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_check_workers_die_with_their_parent_and_the_reader_never_hangs(corpus, how):
    """The parent stops in the middle of the run (workers started, pairs handed out); killed, its workers
    must follow, and a reader of its output must see the end of it (the workers do not hold the pipe)."""
    proc = spawn("check", str(corpus), "-j", "2", pause="lawdiff.evaluation.pool:wait")
    workers = _children(proc.pid)
    assert len(workers) == 2, workers
    proc.send_signal(getattr(signal, how))
    started = time.monotonic()
    out, err = proc.communicate(timeout=30)  # a hang here is the defect
    assert time.monotonic() - started < 20
    assert _gone(workers), "workers outlived their parent"
    if how == "SIGTERM":
        assert proc.returncode == 143, err
        assert err.strip().splitlines()[-1] == "lawdiff: terminated; no output file was written"
    else:
        assert proc.returncode == -signal.SIGKILL


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code", "line"), [
    (signal.SIGTERM, 143, "lawdiff: terminated; no output file was written"),
    (signal.SIGINT, 130, "lawdiff: interrupted; no output file was written"),
])
def test_a_signal_while_the_report_is_written_leaves_no_file(tmp_path, pair, sig, code, line):
    """The child stops after its temporary file is complete, just before the rename: the window in which
    SIGTERM used to leave a full-size ``.NAME.xxxx.tmp`` (there was no handler)."""
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    proc = spawn("diff", *map(str, pair), "--format", "json", "-o", str(out), pause="os:fsync")
    assert [p.name for p in out.parent.iterdir() if p.name.endswith(".tmp")], "no temporary file at the pause"
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.strip().splitlines() == [line]
    assert list(out.parent.iterdir()) == []


@pytest.mark.slow
def test_ctrl_c_during_a_long_run_exits_130_and_leaves_no_file(tmp_path, pair):
    """SIGINT in the middle of the pipeline: exit 130, one line, no output file and no temporary file."""
    out = tmp_path / "out"
    out.mkdir()
    proc = spawn("diff", *map(str, pair), "--format", "json", "-o", str(out / "r.json"), "--no-cache",
                 pause="lawdiff.align:align")
    proc.send_signal(signal.SIGINT)
    _stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["lawdiff: interrupted; no output file was written"]
    assert list(out.iterdir()) == []
