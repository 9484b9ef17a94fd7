"""The norm cache (lawdiff/io/norm_store.py): the norms read back from a pair's file are the norms read from
its texts, a second run on the same pair reads no clause, and anything the norms depend on changes the key.
(Damaged and foreign files: tests/test_cache_safety.py.)"""

from __future__ import annotations

import pytest
from conftest import ROOT

import lawdiff.norms.reading as reading
from lawdiff.align import align
from lawdiff.diff import diff_unit
from lawdiff.io import norm_store, store
from lawdiff.model import Lang
from lawdiff.norms import read_norms
from lawdiff.pipeline import load_document


def _diffs(pair: str):
    folder = ROOT / "corpora" / pair
    draft, final = load_document(folder / "draft.txt"), load_document(folder / "final.txt")
    lang = draft.lang
    return [diff_unit(u, lang) for u in align(draft, final, lang=lang)], lang, (draft.title, final.title)


@pytest.mark.parametrize("pair", ["genai-2023", "eu-ai-act-2024"])
def test_norms_read_back_are_the_norms_read(pair, tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "cache"))
    diffs, lang, titles = _diffs(pair)
    fresh = read_norms(diffs, lang=lang, titles=titles, disk_cache=False)
    assert read_norms(diffs, lang=lang, titles=titles) == fresh  # reads, then writes the file
    assert len(list((tmp_path / "cache" / norm_store.FOLDER).glob("*.json"))) == 1

    def no_reading(*_a, **_k):
        raise AssertionError("a clause was read although the pair's norms are kept")

    monkeypatch.setattr(reading, "read_units", no_reading)
    again = read_norms(diffs, lang=lang, titles=titles)
    assert again == fresh
    assert [[type(c.draft), type(c.final)] for u in again for c in u.changes] == \
        [[type(c.draft), type(c.final)] for u in fresh for c in u.changes]


def test_what_the_norms_depend_on_is_in_the_key():
    diffs, lang, titles = _diffs("genai-2023")
    base = norm_store.norm_key(diffs, lang=lang, regulated=(), public=False, titles=titles)
    others = {
        norm_store.norm_key(diffs, lang=lang, regulated=("提供者",), public=False, titles=titles),
        norm_store.norm_key(diffs, lang=lang, regulated=(), public=True, titles=titles),
        norm_store.norm_key(diffs, lang=lang, regulated=(), public=False, titles=("another title", titles[1])),
        norm_store.norm_key(diffs[:-1], lang=lang, regulated=(), public=False, titles=titles),
        norm_store.norm_key(diffs, lang=Lang.EN, regulated=(), public=False, titles=titles),
    }
    assert base not in others and len(others) == 5


def test_norms_that_do_not_read_back_are_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "cache"))
    diffs, lang, titles = _diffs("genai-2023")
    key = norm_store.norm_key(diffs, lang=lang, regulated=(), public=False, titles=titles)
    fresh = read_norms(diffs, lang=lang, titles=titles, disk_cache=False)
    odd = (fresh[0].__class__(fresh[0].unit_id, fresh[0].draft, fresh[0].final, ("not a change",)), *fresh[1:])
    norm_store.save_norms(key, odd)  # type: ignore[arg-type]
    assert norm_store.load_norms(key, len(diffs)) is None
    norm_store.save_norms(key, fresh)
    assert norm_store.load_norms(key, len(diffs)) == fresh
    assert norm_store.load_norms(key, len(diffs) + 1) is None
