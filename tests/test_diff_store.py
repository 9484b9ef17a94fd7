"""The raw diff cache (lawdiff/io/diff_store.py): a long unit's diff read back is the diff made afresh, a second
run diffs nothing, a damaged or foreign file is refused and the unit diffed again, a diff the time limit cut
short is never kept, and the report is the same with the cache, without it and with a damaged one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run, write

import lawdiff.diff.word_diff as word_diff
from lawdiff.diff.dmp import build
from lawdiff.diff.engine import raw_diff
from lawdiff.io import diff_store, store
from lawdiff.model import Lang
from lawdiff.text.words import tokenize_en


def _sentences(n: int, word: str) -> str:
    return " ".join(f"The provider {word} notify the authority of incident {i} within {i % 30 + 1} days."
                    for i in range(n))


#: One English article of ~2,400 tokens a side (long enough to be kept), a few words changed.
DRAFT = "Article 1\n" + _sentences(200, "shall") + "\n"
FINAL = "Article 1\n" + _sentences(120, "shall") + " " + _sentences(80, "may") + " A new closing sentence.\n"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(store.ENV, str(folder))
    return folder


def _edits(disk_cache: bool):
    return word_diff.bounded_diff(tokenize_en(DRAFT), tokenize_en(FINAL), disk_cache=disk_cache)


def _files(cache: Path) -> list[Path]:
    return sorted((cache / diff_store.FOLDER).glob("*.json"))


def _no_diffing(monkeypatch) -> None:
    def refuse(*_a, **_k):
        raise AssertionError("the unit was diffed although its diff is kept")

    monkeypatch.setattr(word_diff, "raw_diff", refuse)


def test_a_long_units_diff_read_back_is_the_diff_made(cache, monkeypatch):
    assert len(tokenize_en(DRAFT)) + len(tokenize_en(FINAL)) >= diff_store.MIN_TOKENS
    fresh = _edits(disk_cache=False)
    assert not _files(cache)
    assert _edits(disk_cache=True) == fresh
    assert len(_files(cache)) == 1
    _no_diffing(monkeypatch)
    assert _edits(disk_cache=True) == fresh


def test_a_short_unit_is_not_kept(cache):
    word_diff.bounded_diff(tokenize_en(_sentences(5, "shall")), tokenize_en(_sentences(5, "may")), disk_cache=True)
    assert not _files(cache)


def test_a_diff_cut_short_is_not_kept(cache, monkeypatch):
    monkeypatch.setattr(word_diff, "raw_diff", lambda a, b, ends: (raw_diff(a, b, ends)[0], True))
    assert _edits(disk_cache=True)[1] is True
    assert not _files(cache)


def _set_runs(runs):
    def damage(p: Path) -> None:
        data = json.loads(p.read_text(encoding="utf-8"))
        data["runs"] = runs(data["runs"])
        p.write_text(json.dumps(data), encoding="utf-8")

    return damage


DAMAGE = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "foreign": lambda p: p.write_text(json.dumps(["runs", {"key": 1}]), encoding="utf-8"),
    "another key": lambda p: p.write_text(p.read_text(encoding="utf-8").replace('"key":"', '"key":"0'),
                                          encoding="utf-8"),
    "a run short": _set_runs(lambda r: r[:-2]),
    "a run too long": _set_runs(lambda r: [*r[:-1], r[-1] + 1]),
    "an unknown op": _set_runs(lambda r: [2, *r[1:]]),
    "a length that is text": _set_runs(lambda r: [r[0], str(r[1]), *r[2:]]),
    "a length of a flag": _set_runs(lambda r: [r[0], True, *r[2:]]),
    "an empty run": _set_runs(lambda r: [0, 0, *r]),
    "odd": _set_runs(lambda r: r[:-1]),
}


def _change_as_equal(runs: list[int]) -> list[int]:
    """A deletion and an insertion of the same length read as one equality: every length still adds up, but
    the two sides differ there."""
    for k in range(0, len(runs) - 2, 2):
        if runs[k] == -1 and runs[k + 2] == 1 and runs[k + 1] == runs[k + 3]:
            return [*runs[:k], 0, runs[k + 1], *runs[k + 4 :]]
    raise AssertionError("no replacement of the same length in the diff")


DAMAGE["a change read as equal"] = _set_runs(_change_as_equal)


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_file_is_refused_and_the_unit_diffed_again(cache, damage):
    fresh = _edits(disk_cache=False)
    _edits(disk_cache=True)
    (path,) = _files(cache)
    DAMAGE[damage](path)
    assert _edits(disk_cache=True) == fresh
    assert _edits(disk_cache=True) == fresh  # and again, from the file the recomputation wrote


def test_everything_the_diff_depends_on_is_in_the_key():
    a, b, ends = "\ue000\ue001\ue002", "\ue000\ue002", {"\ue002"}
    base = diff_store.diff_key(a, b, ends, build())
    others = {diff_store.diff_key(b, a, ends, build()), diff_store.diff_key(a, b, set(), build()),
              diff_store.diff_key(a, b + "\ue001", ends, build()), diff_store.diff_key(a, b, ends, "another build")}
    assert base not in others and len(others) == 4


def test_the_report_is_the_same_with_the_cache_without_it_and_with_a_damaged_one(cache, tmp_path):
    pair = str(write(tmp_path / "d.txt", DRAFT)), str(write(tmp_path / "f.txt", FINAL))
    expected = run("diff", *pair, "--format", "json", "--lang", Lang.EN.value, "--no-cache").stdout
    assert run("diff", *pair, "--format", "json", "--lang", "en").stdout == expected
    (path,) = _files(cache)
    assert run("diff", *pair, "--format", "json", "--lang", "en").stdout == expected
    DAMAGE["a change read as equal"](path)
    assert run("diff", *pair, "--format", "json", "--lang", "en").stdout == expected
