"""lawdiff's cost grows with its input as it should: a guard against a change of complexity, not a timing.

Why not a timed assertion: CI machines are shared and their speed varies several-fold, so an absolute
time would fail at random.  The *ratio* of CPU times between sizes on one machine in one run is steady
enough to tell linear (2× per doubling) from quadratic (4×): these fail only above 2.6× per doubling.
Each size takes the least CPU time of three runs (noise only ever adds time), on warm caches (the first,
untimed run loads jieba and fills the token cache).  Measured speeds are in benchmarks/ (targets.py).

* the scaling series: the mutated civil code (benchmarks/mutate.py, seed 1) at 600, 1,200 and 2,500
  articles, the whole pipeline and the JSON rendering in process;
* one long article: a single article of 50 KB and of 200 KB (benchmarks/classify_long.py's text), and
  the stages that compare the parts of a unit with each other, where a square would show (the norm
  matcher once took 22 s at 400 KB, the list-member reader 10 s).
"""

from __future__ import annotations

import math
import sys
import time

import pytest
from conftest import RAW, ROOT

import lawdiff.norms
import lawdiff.pipeline
from lawdiff.align import align
from lawdiff.classify import classify
from lawdiff.classify.parties import infer
from lawdiff.classify.rules import load_rules
from lawdiff.diff import diff_unit
from lawdiff.io import cache
from lawdiff.norms import read_norms
from lawdiff.parse import parse_text
from lawdiff.pipeline import compare, load_document
from lawdiff.render.json import render_json

sys.path.insert(0, str(ROOT / "benchmarks"))
import classify_long  # noqa: E402
import mutate  # noqa: E402

MAX_PER_DOUBLING = 2.6

pytestmark = pytest.mark.slow


def cpu(draft_path, final_path, repeat: int = 3) -> float:
    draft, final = load_document(draft_path), load_document(final_path)
    render_json(compare(draft, final))  # untimed: jieba, token cache, rule tables
    best = math.inf
    for _ in range(repeat):
        t = time.process_time()
        render_json(compare(load_document(draft_path), load_document(final_path)))
        best = min(best, time.process_time() - t)
    return best


def per_doubling(small: float, large: float, ratio: float) -> float:
    return (large / small) ** (1 / math.log2(ratio))


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Warm token and table caches, but every pair aligned and its norms read afresh: the alignment and norm
    caches (lawdiff/io/align_store.py, norm_store.py) would time reading a file, and hide the stages' growth."""
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(lawdiff.pipeline, "load_alignment", lambda *_a, **_k: None)
    monkeypatch.setattr(lawdiff.norms, "load_norms", lambda *_a, **_k: None)
    monkeypatch.setattr(lawdiff.pipeline, "load_verdict", lambda *_a, **_k: None)


@pytest.mark.skipif(not (RAW / "large" / "civil-code-2020").is_dir(), reason="../shared/corpora-raw/large is not present")
def test_scaling_series_grows_linearly(tmp_path):
    times = {}
    for size in (600, 1200, 2500):
        d, f, _ = mutate.write_pair(mutate.generate(size, 1), tmp_path / f"n{size}")
        times[size] = cpu(d, f)
    growth = per_doubling(times[600], times[2500], 2500 / 600)
    shown = ", ".join(f"{n}: {t:.2f} s" for n, t in times.items())
    assert growth <= MAX_PER_DOUBLING, f"{growth:.2f}× per doubling of articles ({shown})"


def test_one_long_article_grows_linearly(tmp_path):
    """Timed: the stages that read and compare the parts of one unit (parties, norms, classify), where a
    square hides (the norm matcher, the list-member reader); the diff before them is not timed."""
    times = {}
    for kb in (50, 200):
        pieces, sep = classify_long.long_pair(kb)
        draft = parse_text("第一条 " + sep.join(d for d, _ in pieces) + "\n")
        final = parse_text("第一条 " + sep.join(f for _, f in pieces) + "\n", lang=draft.lang)
        diffs = [diff_unit(u, draft.lang) for u in align(draft, final, lang=draft.lang)]
        texts = [d.draft_text for d in diffs] + [d.final_text for d in diffs]
        rules = load_rules(draft.lang)
        best = math.inf
        for _ in range(3):
            t = time.process_time()
            parties = infer(texts, draft.lang)
            norms = read_norms(diffs, lang=draft.lang, regulated=parties.terms, public=parties.public)
            for d, n in zip(diffs, norms):
                classify(d, rules, draft.lang, parties, n)
            best = min(best, time.process_time() - t)
        times[kb] = best
    growth = per_doubling(times[50], times[200], 4)
    assert growth <= MAX_PER_DOUBLING, f"{growth:.2f}× per doubling of the article ({times})"
