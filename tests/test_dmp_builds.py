"""The C++ diff-match-patch and the pure-Python fallback give the same edits (lawdiff.diff.dmp).

A user's output must not depend on which build is installed: these compare the two on real units and on
generated strings, and run the word diff with the C++ build blocked, as on a platform without its wheel.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.align import align
from lawdiff.diff import dmp
from lawdiff.diff.word_diff import bounded_diff, diff_texts, unit_texts
from lawdiff.pipeline import load_document

ROOT = Path(__file__).resolve().parent.parent
pytest.importorskip("fast_diff_match_patch")


def changed_texts(pair: str, limit: int | None = None) -> list[tuple[str, str]]:
    folder = ROOT / "corpora" / pair
    draft, final = load_document(folder / "draft.txt"), load_document(folder / "final.txt")
    texts = [unit_texts(u) for u in align(draft, final, lang=draft.lang)]
    changed = [(a, b) for a, b in texts if a != b and a and b]
    return changed if limit is None else sorted(changed, key=lambda t: len(t[0]) + len(t[1]))[:limit]


def without_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fast_diff_match_patch", None)  # an import of it now raises ImportError


def test_fallback_is_used_when_the_cpp_build_is_missing(monkeypatch):
    assert dmp.raw_differ() is dmp.fast_diff
    without_fast(monkeypatch)
    assert dmp.fast_module() is None
    assert dmp.raw_differ() is None  # lawdiff.diff.engine then runs the pure-Python library
    with pytest.raises(ImportError):
        dmp.fast_diff("a", "b")


@pytest.mark.parametrize("build", ["C++", "pure Python"])
def test_past_the_deadline_either_build_gives_a_coarser_diff_that_is_flagged(monkeypatch, build):
    """The engine gives the C++ build the time its unit has left: a diff that cannot finish in it comes
    back coarser but complete, and the unit is flagged, as with the pure-Python library."""
    import random

    if build == "pure Python":
        without_fast(monkeypatch)
    monkeypatch.setenv("LAWDIFF_DIFF_TIMEOUT", "0.05")
    rnd = random.Random(1)
    a, b = ("".join(rnd.choice("甲乙丙丁戊己庚辛") for _ in range(60_000)) for _ in range(2))
    edits, coarse = bounded_diff(tuple(a), tuple(b))
    assert coarse
    assert "".join(e.text for e in edits if e.op.value != "insert") == a
    assert "".join(e.text for e in edits if e.op.value != "delete") == b


@pytest.mark.parametrize("pair, limit", [("genai-2023", None), ("eu-ai-act-2024", 25)])
def test_both_builds_give_the_same_edits_on_real_units(monkeypatch, pair, limit):
    texts = changed_texts(pair, limit)
    assert len(texts) >= 15
    lang = load_document(ROOT / "corpora" / pair / "draft.txt").lang
    fast = [diff_texts(a, b, lang) for a, b in texts]
    without_fast(monkeypatch)
    assert [diff_texts(a, b, lang) for a, b in texts] == fast


@pytest.mark.slow
def test_both_builds_give_the_same_edits_on_every_eu_ai_act_unit(monkeypatch):
    """The long articles (5,000+ tokens) go through the two-level diff: sentences, then changed stretches."""
    texts = changed_texts("eu-ai-act-2024")
    fast = [diff_texts(a, b, load_document(ROOT / "corpora" / "eu-ai-act-2024" / "draft.txt").lang)
            for a, b in texts]
    without_fast(monkeypatch)
    lang = load_document(ROOT / "corpora" / "eu-ai-act-2024" / "draft.txt").lang
    assert [diff_texts(a, b, lang) for a, b in texts] == fast


# token strings as word_diff encodes them: private-use characters, and past 0x1900 tokens, astral ones
_CHARS = st.sampled_from(["\ue000", "\ue001", "\ue002", "\ue003", "\U000f0000", "\U000f0001", "。", " "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, max_size=60).map("".join), st.lists(_CHARS, max_size=60).map("".join))
def test_raw_diffs_are_identical(a, b):
    assert dmp.fast_diff(a, b) == dmp.python_diff(a, b)
