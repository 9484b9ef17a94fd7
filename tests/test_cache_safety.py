"""Never code from a cache (issue 11, item 8).

A planted pickle, a truncated file, a FIFO, a link, a file someone else owns or can write, or a foreign
object in any cache file changes neither the output nor anything else on the machine: lawdiff reads only
plain data, checks it, and recomputes when anything is unexpected.  Every case compares the JSON report
with the one made without any cache.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run, write

from lawdiff.io import store

LAW = "某某服务管理办法\n第一条　为了规范生成式人工智能服务，制定本办法。\n第二条　服务提供者应当依法开展安全评估。\n"
OTHER = LAW.replace("应当", "可以")


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(store.ENV, str(folder))
    from lawdiff.classify.rules import shipped_rules
    from lawdiff.io.cache import shared_tokenizer

    shipped_rules.cache_clear()  # a fresh process: nothing remembered in memory
    shared_tokenizer.cache_clear()
    yield folder
    shipped_rules.cache_clear()
    shared_tokenizer.cache_clear()


@pytest.fixture
def pair(tmp_path) -> tuple[str, str]:
    return str(write(tmp_path / "d.txt", LAW)), str(write(tmp_path / "f.txt", OTHER))


def report(pair, *extra: str) -> str:
    res = run("diff", *pair, "--format", "json", *extra)
    assert res.exit_code == 1, res.output
    return res.stdout


@pytest.fixture
def expected(pair) -> str:
    return report(pair, "--no-cache")


def warm(pair, cache: Path) -> dict[str, Path]:
    """One run to fill the cache; the file of each kind it wrote."""
    from conftest import forget_parsed_tables

    from lawdiff.classify.rules import shipped_rules
    from lawdiff.io.cache import shared_tokenizer

    forget_parsed_tables()  # (another test of this process may have read them from another folder)
    report(pair)
    shipped_rules.cache_clear()
    shared_tokenizer.cache_clear()
    forget_parsed_tables()
    files = {"tokens": sorted((cache / "tokens").glob("*.json"))[0], "rules": sorted(cache.glob("rules-*.json"))[0],
             "parsed": sorted(cache.glob("parsed-norm-lexicon-zh-*.json"))[0],
             "norms": sorted((cache / "norms").glob("*.json"))[0], "align": sorted((cache / "align").glob("*.json"))[0],
             "diffs": sorted((cache / "diffs").glob("*.json"))[0],
             "verdicts": sorted((cache / "verdicts").glob("*.json"))[0]}
    assert all(p.is_file() for p in files.values())
    return files


# ------------------------------------------------------------------------------------------ no pickle


def test_the_package_never_unpickles_or_evals():
    import ast

    for path in (ROOT / "lawdiff").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not {"pickle", "shelve", "dill"} & set(names), path
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec"), path


def test_a_planted_pickle_is_never_loaded(pair, cache, expected, tmp_path):
    marker = tmp_path / "ran"

    class Plant:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    cache.mkdir(parents=True)
    for name in ("rules-" + "0" * 24 + ".pickle", "jieba.cache"):
        (cache / name).write_bytes(pickle.dumps(Plant()))
    files = warm(pair, cache)
    files["rules"].write_bytes(pickle.dumps(Plant()))
    assert report(pair) == expected
    assert not marker.exists()


# ------------------------------------------------------------------------------------------ damaged, foreign


def _truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def _foreign(p: Path) -> None:
    p.write_text(json.dumps([{"salt": 1}, "runs", None]), encoding="utf-8")


def _deep(p: Path) -> None:
    p.write_bytes(b"[" * 200_000 + b"]" * 200_000)


def _fifo(p: Path) -> None:
    p.unlink()
    os.mkfifo(p)


def _link(p: Path) -> None:
    p.unlink()
    p.symlink_to("/dev/zero")


def _group_writable(p: Path) -> None:
    p.chmod(0o664)


def _wrong_runs(p: Path) -> None:
    """Well-formed, but a run that is not CJK text, and a key that is not the file's."""
    data = json.loads(p.read_bytes())
    if "runs" in data:
        data["runs"] = ["not cjk", *data["runs"]]
    elif "verdict" in data:  # a pair's verdict (lawdiff.io.verdict_store): an unknown label, a score of text
        data["verdict"][0][0][1] = "nonsense"
        data["verdict"][0][-1][7] = "high"
    elif p.parent.name == "diffs":  # a pair's word diff (lawdiff.io.diff_store): an unknown op, a unit of text
        data["units"][-1] = [7, *data["units"][-1][1:]]
        data["units"][0] = "equal"
    elif "units" in data and isinstance(data["units"][-1][1], str):  # an alignment (lawdiff.io.align_store)
        data["units"][-1][2] = [999]  # an article that is not there
        data["units"][0][1] = "nonsense"  # an unknown kind
    elif "units" in data:  # a pair's norms (lawdiff.io.norm_store): an unknown modality, an id of a number
        data["units"][-1][1][0][6] = "nonsense"
        data["units"][0][0] = 5
    elif "dict" in data:  # a parsed table (lawdiff.io.parsed) with all but its first entry cut
        data["dict"] = data["dict"][:1]
    else:
        data["rules"] = data["rules"][:1]
        data["rules"][0]["weight"] = "heavy"
    p.write_text(json.dumps(data), encoding="utf-8")


DAMAGE = {"truncated": _truncate, "foreign": _foreign, "deep": _deep, "link": _link, "group-writable": _group_writable,
          "wrong-values": _wrong_runs}
if hasattr(os, "mkfifo"):
    DAMAGE["fifo"] = _fifo


@pytest.mark.parametrize("kind", ["tokens", "rules", "parsed", "norms", "align", "diffs", "verdicts"])
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_file_changes_nothing(pair, cache, expected, kind, damage):
    files = warm(pair, cache)
    DAMAGE[damage](files[kind])
    assert report(pair) == expected


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs root to give a file to someone else")
def test_a_cache_file_owned_by_someone_else_is_not_read(pair, cache, expected, monkeypatch):
    warm(pair, cache)
    for p in cache.rglob("*"):
        if p.is_file():
            os.chown(p, 12345, 12345)
    import lawdiff.io.store as st

    reads = []
    real = st.read_blob

    def counting(path, limit=st.MAX_BYTES):
        out = real(path, limit)
        reads.append((Path(path).name, out is not None))
        return out

    monkeypatch.setattr(st, "read_blob", counting)
    assert report(pair) == expected
    assert reads and not any(ok for _name, ok in reads)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_the_cache_never_hangs_a_real_run(pair, tmp_path):
    cache = tmp_path / "cache"
    env = {**os.environ, "NO_COLOR": "1", store.ENV: str(cache)}
    cmd = [sys.executable, "-m", "lawdiff.cli", "diff", *pair, "--format", "json"]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)
    for p in [*cache.glob("*.json"), *(cache / "tokens").glob("*.json"),
              *(cache / "norms").glob("*.json"), *(cache / "align").glob("*.json"),
              *(cache / "diffs").glob("*.json"), *(cache / "verdicts").glob("*.json")]:
        p.unlink()
        os.mkfifo(p)
    again = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert (again.returncode, again.stdout, again.stderr) == (first.returncode, first.stdout, "")


# ------------------------------------------------------------------------------------------ keys


def test_files_of_other_code_are_not_read(pair, cache, expected, monkeypatch):
    """The key holds a hash of the package's code and data: a checkout between two versions, or another
    Python, writes under other names and never reads these."""
    warm(pair, cache)
    for memo in (store.cache_key, store.code_hash):
        memo.cache_clear()
    before = set(cache.rglob("*"))
    monkeypatch.setattr(store, "code_hash", lambda: "another build")
    try:
        assert report(pair) == expected
        assert set(cache.rglob("*")) - before  # written afresh under the new key
    finally:
        store.cache_key.cache_clear()
    assert "python" in store.cache_key() and "format" in store.cache_key()


def test_cache_files_are_not_writable_by_others_whatever_the_umask(pair, cache):
    old = os.umask(0o002)
    try:
        warm(pair, cache)
    finally:
        os.umask(old)
    modes = {p.name: p.stat().st_mode & 0o777 for p in cache.rglob("*") if p.is_file()}
    assert modes and set(modes.values()) == {0o644}, modes


# ------------------------------------------------------------------------------------------ lawdiff cache


def test_cache_info_and_clear(pair, cache):
    warm(pair, cache)
    (cache / "rules-old.pickle").write_bytes(b"x")
    old = cache / "tmpab12cd34"
    old.write_bytes(b"x" * 10)
    os.utime(old, (1, 1))
    mine = write(cache / "notes.txt", "not lawdiff's")
    res = run("cache", "info")
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0] == f"folder: {cache} ($LAWDIFF_CACHE_DIR)" and lines[1].startswith("key: lawdiff ")
    counts = {ln.split()[0]: int(ln.split()[1]) for ln in lines[2:]}
    # parsed: the norm lexicon, norm rules, polarity table and signal words (the pair has no meta.yaml)
    assert counts == {"tokens": 2, "align": 1, "norms": 1, "diffs": 1, "verdicts": 1, "rules": 1, "parsed": 4,
                      "leftovers": 2}
    res = run("cache", "clear")
    assert res.exit_code == 0 and res.stdout.startswith("lawdiff: removed 13 files (")
    assert sorted(p.name for p in cache.rglob("*")) == ["notes.txt"] and mine.read_text() == "not lawdiff's"


def test_leftovers_of_killed_runs_are_pruned(cache):
    """When a run writes new tokens (a first run, new texts)."""
    from lawdiff.io import cache as tokens

    cache.mkdir(parents=True)
    (cache / "tokens").mkdir()
    old = [write(cache / "tmpab12cd34", "jieba's dump"), write(cache / ".rules-x.json.0123456789ab.tmp", "ours"),
           write(cache / "tokens" / ".k.json.0123456789ab.tmp", "ours")]
    new = write(cache / "tmpzz99yy88", "a dump in progress")
    for p in old:
        os.utime(p, (1, 1))
    tokens.save("0" * 40, {"甲乙": ("甲", "乙")})
    assert [p.exists() for p in old] == [False, False, False] and new.exists()


def test_a_full_disk_prints_nothing(pair, cache, expected, monkeypatch, capfd):
    """Every cache write fails (ENOSPC): the run's output is the same and nothing else is printed (jieba
    printed "Dump cache file failed." with a traceback on every cold run)."""
    from lawdiff.io import write as output

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full)
    capfd.readouterr()
    assert report(pair) == expected
    out = capfd.readouterr()
    assert out.err == "" and not list(cache.rglob("*.tmp"))
