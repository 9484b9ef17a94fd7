"""The word diff cache (lawdiff/io/diff_store.py): the edits read back from a pair's file are the edits made
afresh, a second run tokenizes and diffs nothing, a unit the time limit cut short is diffed again, a damaged
or foreign file is refused and the pair diffed again, and the report is the same with the cache, without it
and with a damaged one.  (Damaged files of every cache through a real run: tests/test_cache_safety.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, run, write

import lawdiff.diff.word_diff as word_diff
from lawdiff.align import align
from lawdiff.diff import diff_units
from lawdiff.diff.dmp import build
from lawdiff.diff.engine import raw_diff
from lawdiff.io import diff_store, store
from lawdiff.io.cache import salt, shared_tokenizer, token_cache
from lawdiff.model import Lang
from lawdiff.pipeline import load_document
from lawdiff.text.words import Tokenizer


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(store.ENV, str(folder))
    return folder


@pytest.fixture(scope="module")
def pair():
    folder = ROOT / "corpora" / "genai-2023"
    draft, final = load_document(folder / "draft.txt"), load_document(folder / "final.txt")
    return draft, final, align(draft, final, lang=draft.lang)


def _diffs(pair, disk_cache: bool, tokenizer: Tokenizer | None = None):
    draft, final, units = pair
    tok = tokenizer or shared_tokenizer(False)
    with token_cache((draft, final), draft.lang, tok, enabled=False):
        return diff_units(units, draft.lang, tokenizer=tok, disk_cache=disk_cache)


def _files(cache: Path) -> list[Path]:
    return sorted((cache / diff_store.FOLDER).glob("*.json"))


def _nothing_diffed(monkeypatch) -> None:
    def refuse(*_a, **_k):
        raise AssertionError("a unit was tokenized or diffed although the pair's diff is kept")

    monkeypatch.setattr(word_diff, "raw_diff", refuse)
    monkeypatch.setattr(Tokenizer, "tokenize", refuse)


def test_a_pairs_edits_read_back_are_the_edits_made(pair, cache, monkeypatch):
    fresh = _diffs(pair, disk_cache=False)
    assert not _files(cache)
    assert _diffs(pair, disk_cache=True) == fresh
    assert len(_files(cache)) == 1
    _nothing_diffed(monkeypatch)
    assert _diffs(pair, disk_cache=True) == fresh


def test_a_unit_cut_short_is_not_kept_and_diffed_again(pair, cache, monkeypatch):
    fresh = _diffs(pair, disk_cache=False)
    calls = []
    hits = [True]  # the first unit diffed hits the time limit, no other

    def cut_short(a, b, ends):
        calls.append((a, b))
        return raw_diff(a, b, ends)[0], bool(hits and hits.pop())

    monkeypatch.setattr(word_diff, "raw_diff", cut_short)
    first = _diffs(pair, disk_cache=True)
    assert [d.coarse for d in first].count(True) == 1
    (path,) = _files(cache)
    assert json.loads(path.read_text(encoding="utf-8"))["units"].count(None) == 1
    calls.clear()
    again = _diffs(pair, disk_cache=True)  # that unit alone is diffed again (and now finishes)
    assert len(calls) == 1 and again == fresh


def test_another_tokenizer_neither_reads_nor_writes_the_cache(pair, cache):
    class Odd(Tokenizer):
        pass

    _diffs(pair, disk_cache=True, tokenizer=Odd())
    assert not _files(cache)


def _edit(change):
    def damage(p: Path) -> None:
        data = json.loads(p.read_text(encoding="utf-8"))
        k = next(i for i, u in enumerate(data["units"]) if u and 1 in u[::3] and 2 in u[::3])  # a changed unit
        data["units"][k] = change(data["units"][k])
        p.write_text(json.dumps(data), encoding="utf-8")

    return damage


def _replacement_as(op: int, runs: list[int]) -> list[int]:
    """A deletion and the insertion after it written as one edit ``op`` over both: every length still adds up,
    but an equality would join two different texts, and a deletion would take words of the final text."""
    for k in range(0, len(runs) - 3, 3):
        if runs[k] == 1 and runs[k + 3] == 2:
            return [*runs[:k], op, runs[k + 1], runs[k + 5], *runs[k + 6 :]]
    raise AssertionError("no replacement in the unit")


DAMAGE = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "foreign": lambda p: p.write_text(json.dumps(["units", {"key": 1}]), encoding="utf-8"),
    "another key": lambda p: p.write_text(p.read_text(encoding="utf-8").replace('"key":"', '"key":"0'),
                                          encoding="utf-8"),
    "a unit short": lambda p: p.write_text(p.read_text(encoding="utf-8").replace('"units":[', '"units":[[0,1,1],'),
                                           encoding="utf-8"),
    "an edit short": _edit(lambda r: r[:-3]),
    "an edit too long": _edit(lambda r: [*r[:-2], r[-2] + 1, r[-1] + 1]),
    "an unknown op": _edit(lambda r: [3, *r[1:]]),
    "a length that is text": _edit(lambda r: [r[0], str(r[1]), *r[2:]]),
    "a length of a flag": _edit(lambda r: [r[0], True, *r[2:]]),
    "a negative length": _edit(lambda r: [0, -1, -1, *r]),
    "an empty edit": _edit(lambda r: [0, 0, 0, *r]),
    "a deletion on both sides": _edit(lambda r: _replacement_as(1, r)),
    "not triples": _edit(lambda r: r[:-1]),
    "a unit of text": _edit(lambda r: "0,1,1"),
    "a change read as equal": _edit(lambda r: _replacement_as(0, r)),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_file_is_refused_and_the_pair_diffed_again(pair, cache, damage):
    fresh = _diffs(pair, disk_cache=False)
    _diffs(pair, disk_cache=True)
    (path,) = _files(cache)
    DAMAGE[damage](path)
    texts = [(d.draft_text, d.final_text) for d in fresh]
    assert diff_store.load_diffs(diff_store.diff_key(texts, lang=Lang.ZH, tokens=salt(), build=build()), texts) is None
    assert _diffs(pair, disk_cache=True) == fresh
    assert _diffs(pair, disk_cache=True) == fresh  # and again, from the file the recomputation wrote


def test_everything_the_edits_depend_on_is_in_the_key():
    texts = [("甲乙", "甲丙"), ("丁", "丁")]
    base = diff_store.diff_key(texts, lang=Lang.ZH, tokens=salt(), build=build())
    others = {
        diff_store.diff_key([("甲乙", "甲丙"), ("丁", "戊")], lang=Lang.ZH, tokens=salt(), build=build()),
        diff_store.diff_key([("甲", "乙甲丙"), ("丁", "丁")], lang=Lang.ZH, tokens=salt(), build=build()),
        diff_store.diff_key([("甲乙", "甲丙丁"), ("", "丁")], lang=Lang.ZH, tokens=salt(), build=build()),
        diff_store.diff_key(texts[:1], lang=Lang.ZH, tokens=salt(), build=build()),
        # the same characters, the boundary between two texts moved across the key's own separator
        diff_store.diff_key([("甲乙\x1e甲丙", "丁"), ("丁", "")], lang=Lang.ZH, tokens=salt(), build=build()),
        diff_store.diff_key([("甲乙", "甲丙\x1e丁"), ("丁", "")], lang=Lang.ZH, tokens=salt(), build=build()),
        diff_store.diff_key(texts, lang=Lang.EN, tokens=salt(), build=build()),
        diff_store.diff_key(texts, lang=Lang.ZH, tokens="another jieba dictionary", build=build()),
        diff_store.diff_key(texts, lang=Lang.ZH, tokens=salt(), build="another diff-match-patch"),
    }
    assert base not in others and len(others) == 9


def test_the_report_is_the_same_with_the_cache_without_it_and_with_a_damaged_one(cache, tmp_path):
    text = (ROOT / "corpora" / "genai-2023" / "draft.txt").read_text(encoding="utf-8")
    pair = str(write(tmp_path / "d.txt", text)), str(write(tmp_path / "f.txt", text.replace("应当", "可以")))
    expected = run("diff", *pair, "--format", "json", "--no-cache").stdout
    assert run("diff", *pair, "--format", "json").stdout == expected
    (path,) = _files(cache)
    assert run("diff", *pair, "--format", "json").stdout == expected
    DAMAGE["a change read as equal"](path)
    assert run("diff", *pair, "--format", "json").stdout == expected
