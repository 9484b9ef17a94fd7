"""The alignment cache (lawdiff/io/align_store.py): the units read back from a pair's file are the units
the aligner makes, with the very articles of the documents, and a second run on the same pair aligns
nothing.  (Damaged and foreign files: tests/test_cache_safety.py.)"""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import pair_documents

import lawdiff.align as align_stage
from lawdiff.align import align
from lawdiff.io import align_store, store
from lawdiff.pipeline import compare


@pytest.mark.parametrize("pair", ["genai-2023", "eu-ai-act-2024"])
def test_units_read_back_are_the_units_aligned(pair, tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "cache"))
    draft, final = pair_documents(pair)
    fresh = compare(draft, final, cache=False)
    assert compare(draft, final) == fresh  # aligns, then writes the file
    assert len(list((tmp_path / "cache" / align_store.FOLDER).glob("*.json"))) == 1

    def no_aligning(*_a, **_k):
        raise AssertionError("the pair was aligned again although its alignment is kept")

    monkeypatch.setattr(align_stage, "align", no_aligning)
    again = compare(draft, final)
    assert again == fresh
    ids = {id(a) for a in (*draft.articles, *final.articles)}
    assert all(id(a) in ids for u in again.units for a in (*u.unit.draft, *u.unit.final))


def test_the_articles_are_in_the_key():
    draft, final = pair_documents("genai-2023")
    base = align_store.align_key(draft, final, draft.lang)
    moved = replace(final, articles=(replace(final.articles[0], line=final.articles[0].line + 1), *final.articles[1:]))
    assert align_store.align_key(draft, moved, draft.lang) != base
    assert align_store.align_key(final, draft, draft.lang) != base
    assert align_store.align_key(draft, replace(final, path="elsewhere.txt"), draft.lang) == base


def test_units_of_other_documents_are_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "cache"))
    draft, final = pair_documents("genai-2023")
    units = align(draft, final)
    key = align_store.align_key(draft, final, draft.lang)
    align_store.save_alignment(key, draft, final, units)
    assert align_store.load_alignment(key, draft, final) == units
    shorter = replace(final, articles=final.articles[:-1])
    assert align_store.load_alignment(key, draft, shorter) is None  # positions past the end, an article left out
    align_store.save_alignment("other", draft, shorter, units)  # articles not of these documents: not kept
    assert align_store.load_alignment("other", draft, shorter) is None
