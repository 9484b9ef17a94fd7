"""Inputs that used to cost quadratic time or memory (issue 11, items 4, 5 and 12).

Repeated identical articles are paired in linear memory; a long article without sentence ends is diffed in
pieces within a deadline, coarser but complete past it, with a warning; rule tables of thousands of rules
load and check in about linear time.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

import pytest
from conftest import assert_refused, run, write

from lawdiff.align.repeats import nearest_pairs
from lawdiff.diff.engine import PIECE_MAX, chunk
from lawdiff.diff.word_diff import bounded_diff

# ------------------------------------------------------------------------------------------ item 4


def _greedy(ds, fs, rd, rf):
    """The pairing nearest_pairs replaced: every draft x final pair sorted by distance."""
    near = sorted((abs(rd[i] - rf[j]), i, j) for i in ds for j in fs)
    used_d, used_f = set(), set()
    for _, i, j in near:
        if i not in used_d and j not in used_f:
            used_d.add(i)
            used_f.add(j)
    return sorted(used_d), sorted(used_f)


def test_nearest_pairs_are_the_pairs_of_the_quadratic_greedy():
    rnd = random.Random(11)
    for _ in range(500):
        n, m = rnd.randint(1, 25), rnd.randint(1, 25)
        rd = [i / (n - 1) if n > 1 else 0.5 for i in range(n)]
        rf = [j / (m - 1) if m > 1 else 0.5 for j in range(m)]
        ds = sorted(rnd.sample(range(n), rnd.randint(1, n)))
        fs = sorted(rnd.sample(range(m), rnd.randint(1, m)))
        assert nearest_pairs(ds, fs, rd, rf) == _greedy(ds, fs, rd, rf)


def _deleted(n: int) -> str:
    return "某某办法\n" + "".join(f"第{i}条　（删除）\n" for i in range(1, n + 1))


def _limited() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="uses RLIMIT_AS")
def test_ten_thousand_deleted_articles_against_9999_in_a_gigabyte(tmp_path):
    """They were a MemoryError: 10^8 draft x final pairs sorted by distance (5,000 took 2.6 GB)."""
    d, f = write(tmp_path / "d.txt", _deleted(10_000)), write(tmp_path / "f.txt", _deleted(9_999))
    proc = subprocess.run([sys.executable, "-m", "lawdiff.cli", "diff", str(d), str(f), "--only-changed",
                           "--no-signal", "--ui", "en"], capture_output=True, text=True, timeout=300, preexec_fn=_limited,
                          env={**os.environ, "NO_COLOR": "1"}, check=False)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert "units: 9999 matched, 1 removed" in proc.stdout


# ------------------------------------------------------------------------------------------ item 5

WORDS = ("提供者", "应当", "可以", "不得", "网络", "数据", "安全", "管理", "部门", "个人信息", "服务", "依法", "规定",
         "处罚", "责任", "登记", "备案", "审查", "期限", "日内")


def _run_on(kb: int, seed: int) -> str:
    rnd = random.Random(seed)
    out, size = [], 0
    while size < kb * 1024:
        w = rnd.choice(WORDS)
        out.append(w)
        size += len(w.encode())
    return "".join(out)


def test_a_run_on_stretch_is_cut_by_content_so_an_insertion_moves_no_other_cut():
    rnd = random.Random(3)
    tokens = "".join(chr(0xE000 + rnd.randrange(20)) for _ in range(5000))
    pieces: dict[str, str] = {}
    _, a = chunk(tokens, set(), pieces)
    _, b = chunk(chr(0xE000 + 7) * 3 + tokens, set(), pieces)
    assert len(a) > 5000 // PIECE_MAX and max(map(len, a)) <= PIECE_MAX
    assert a[1:] == b[1:] or a[2:] == b[2:]  # only the first piece or two differ
    assert "".join(a) == tokens


def _reassembled(edits) -> tuple[str, str]:
    return ("".join(e.text for e in edits if e.op.value != "insert"),
            "".join(e.text for e in edits if e.op.value != "delete"))


def test_past_the_deadline_the_diff_is_coarser_never_wrong(monkeypatch):
    monkeypatch.setenv("LAWDIFF_DIFF_TIMEOUT", "0.3")
    a = tuple(_run_on(30, 1))
    b = tuple(_run_on(30, 2))
    started = time.monotonic()
    edits, coarse = bounded_diff(a, b)
    assert time.monotonic() - started < 20
    assert coarse
    assert _reassembled(edits) == ("".join(a), "".join(b))


def test_an_ordinary_long_diff_is_exact_and_not_flagged():
    a = _run_on(20, 5)
    b = a[:5000] + "依法" + a[5000:12000] + a[12100:]
    edits, coarse = bounded_diff(tuple(a), tuple(b))
    assert not coarse and _reassembled(edits) == (a, b)
    assert sum(len(e.text) for e in edits if e.op.value != "equal") < 200


@pytest.mark.slow
@pytest.mark.parametrize(("kb", "seconds"), [(50, "0.05"), (200, "1")])
def test_a_long_run_on_article_is_diffed_in_bounded_time_with_a_warning(tmp_path, kb, seconds):
    """50 KB of run-on text took 25 s, 200 KB 415 s; now each unit has a deadline (1 s here; 0.05 s for
    50 KB, which diff-match-patch's C++ build diffs whole in under a second)."""
    d = write(tmp_path / "d.txt", f"某某办法\n第一条　{_run_on(kb, 1)}\n")
    f = write(tmp_path / "f.txt", f"某某办法\n第一条　{_run_on(kb, 2)}\n")
    started = time.monotonic()
    res = run("diff", str(d), str(f), "--format", "json", "--no-signal", env={"LAWDIFF_DIFF_TIMEOUT": seconds})
    elapsed = time.monotonic() - started
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    [unit] = data["units"]
    assert unit["coarse"] and "too long to diff word by word within the time limit" in data["warnings"][0]
    assert _reassembled_json(unit) == (unit["draft"][0]["text"], unit["final"][0]["text"])
    assert elapsed < 60, elapsed


def _reassembled_json(unit) -> tuple[str, str]:
    return ("".join(e["text"] for e in unit["edits"] if e["op"] != "insert"),
            "".join(e["text"] for e in unit["edits"] if e["op"] != "delete"))


# ------------------------------------------------------------------------------------------ item 12


def test_aliases_are_capped_not_values_written_out(monkeypatch):
    """A plain table of 10,000 rules was refused as a "billion laughs" file: only repetition is capped."""
    from lawdiff.io import yaml as guarded

    monkeypatch.setattr(guarded, "MAX_NODES", 100)
    assert len(guarded.parse("a: [" + ", ".join(["x"] * 500) + "]\n")["a"]) == 500
    with pytest.raises(guarded.YamlError, match="expand to more than 100 values"):
        guarded.parse("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [" + ", ".join(["*a"] * 20) + "]\n")


def _table(n: int) -> str:
    lines = ["lang: zh", "rules:"]
    for i in range(n):
        lines += [f"  - id: zh.t.r{i}", f"    description: r{i}", f"    description_zh: 规则{i}", "    theme: modal", "    direction: relax",
                  "    weight: 1", f"    deleted: '应当{i}'", "    examples:",
                  f"      - {{draft: 甲应当{i}做, final: 甲做, label: relaxed}}"]
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_rules_check_of_two_thousand_rules_is_not_quadratic(tmp_path):
    """2,000 rules took 52 s: every example was classified with every rule."""
    table = write(tmp_path / "big.yaml", _table(2000))
    started = time.monotonic()
    res = run("rules", "check", str(table))
    assert res.exit_code == 0, res.output[-500:]
    assert "2000 rules valid, 2000 examples pass" in res.stdout
    assert time.monotonic() - started < 40


@pytest.mark.parametrize("pattern", ["(?:\\w\\w?)+$", "(\\w?\\w)+", "(?:[a-z][a-z]?)+x"])
def test_a_repeat_whose_optional_end_starts_the_next_is_refused(tmp_path, pattern):
    table = write(tmp_path / "r.yaml", _table(1).replace("'应当0'", f"'{pattern}'"))
    assert_refused(run("rules", "check", str(table)), "catastrophic backtracking", "optional end or start")
