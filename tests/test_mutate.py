"""The mutation benchmark's generator (benchmarks/mutate.py): deterministic, complete, and true to its texts."""

from __future__ import annotations

import re
import sys
from collections import Counter

import pytest
from conftest import RAW, ROOT

from lawdiff.parse import parse_text
from lawdiff.text.normalize import key
from lawdiff.text.numerals import cn_to_int

sys.path.insert(0, str(ROOT / "benchmarks"))
import edits  # noqa: E402
import mutate  # noqa: E402

pytestmark = pytest.mark.skipif(not (RAW / "large" / "civil-code-2020").is_dir(),
                                reason="../shared/corpora-raw/large is not present")


@pytest.fixture(scope="module")
def pairs():
    return {(size, seed): mutate.generate(size, seed) for size, seed in ((80, 3), (400, 1), (1600, 2))}


def test_chinese_numerals_round_trip():
    for n in list(range(1, 3001)) + [10000, 10010, 25000, 1000000]:
        assert cn_to_int(edits.int_to_cn(n)) == n, n
    assert edits.int_to_cn(1260) == "一千二百六十"
    assert edits.int_to_cn(1205) == "一千二百零五"
    assert edits.int_to_cn(1010) == "一千零一十"
    assert edits.int_to_cn(15) == "十五"
    assert edits.int_to_cn(110) == "一百一十"


def test_deterministic_for_a_seed(pairs):
    again = mutate.generate(80, 3)
    assert (again.draft, again.final, again.truth) == (pairs[80, 3].draft, pairs[80, 3].final, pairs[80, 3].truth)
    other = mutate.generate(80, 4)
    assert other.draft == again.draft and other.final != again.final


@pytest.mark.parametrize("case", [(80, 3), (400, 1), (1600, 2)])
def test_truth_covers_every_article_exactly_once(pairs, case):
    pair = pairs[case]
    t = pair.truth
    drafts = Counter(n for u in t["units"] for n in u["draft"])
    finals = Counter(n for u in t["units"] for n in u["final"])
    assert sorted(drafts) == list(range(1, t["draft_articles"] + 1)) and set(drafts.values()) == {1}
    assert sorted(finals) == list(range(1, t["final_articles"] + 1)) and set(finals.values()) == {1}
    assert t["draft_articles"] == case[0]


@pytest.mark.parametrize("case", [(80, 3), (400, 1), (1600, 2)])
def test_texts_parse_to_the_numbers_in_the_truth(pairs, case):
    pair = pairs[case]
    for text, count in ((pair.draft, pair.truth["draft_articles"]), (pair.final, pair.truth["final_articles"])):
        doc = parse_text(text)
        assert not doc.warnings
        assert [a.number for a in doc.articles] == list(range(1, count + 1))
        assert [a.label for a in doc.articles] == [f"第{edits.int_to_cn(n)}条" for n in range(1, count + 1)]


def _texts(pair):
    d, f = parse_text(pair.draft), parse_text(pair.final)
    return {a.number: a.text for a in d.articles}, {a.number: a.text for a in f.articles}


@pytest.mark.parametrize("case", [(80, 3), (400, 1), (1600, 2)])
def test_truth_is_consistent_with_the_texts(pairs, case):
    pair = pairs[case]
    draft, final = _texts(pair)
    draft_all = set(draft.values())
    for u in pair.truth["units"]:
        d = "\n".join(draft[n] for n in u["draft"])
        f = "\n".join(final[n] for n in u["final"])
        if u["kind"] == "added":
            assert u["label"] == "added" and f not in draft_all
            continue
        if u["kind"] == "removed":
            assert u["label"] == "removed" and not u["final"]
            continue
        assert (u["kind"] == "matched") == (len(u["draft"]) == len(u["final"]) == 1)
        if u["label"] == "unchanged":
            assert key(d) == key(f), u
            assert (d == f) != ("punct-width" in u["ops"]), u  # width-only edits differ only in width
        else:
            assert key(d) != key(f), u
        if not u["mutated"]:
            assert d == f and u["label"] == "unchanged"
        if "modal-relax" in u["ops"]:
            assert (d.count("应当") - f.count("应当"), f.count("可以") - d.count("可以")) == (1, 1)
            assert u["label"] == "relaxed"
        if "modal-tighten" in u["ops"]:
            assert u["label"] == "tightened" and f.count("应当") == d.count("应当") + 1
        if "prohibition-removed" in u["ops"]:
            assert u["label"] == "relaxed" and f.count("不得") == d.count("不得") - 1 and len(f) < len(d)
        if "deadline" in u["ops"]:
            assert re.sub(r"[零一二两三四五六七八九十百\d]", "", d) == re.sub(r"[零一二两三四五六七八九十百\d]", "", f)
            assert u["label"] in ("relaxed", "tightened")


def test_a_realistic_mix_of_edits(pairs):
    t = pairs[1600, 2].truth
    labels = t["labels"]
    for label in ("unchanged", "reworded", "relaxed", "tightened", "added", "removed"):
        assert labels.get(label, 0) > 0, label
    ops = t["applied_units"]
    for op in ("split", "merge", "moved", "chapter-moved", "insert", "delete", "modal-relax", "deadline",
               "fine", "punct-width", "punct-mark"):
        assert ops.get(op, 0) > 0, op
    assert sum(u["renumbered"] for u in t["units"]) > t["draft_articles"] // 2
    assert 0.1 < sum(u["mutated"] for u in t["units"]) / len(t["units"]) < 0.5


def test_split_and_merge_keep_the_words(pairs):
    draft, final = _texts(pairs[400, 1])
    kinds = Counter()
    for u in pairs[400, 1].truth["units"]:
        if u["kind"] in ("split", "merged"):
            kinds[u["kind"]] += 1
            assert "\n".join(draft[n] for n in u["draft"]) == "\n".join(final[n] for n in u["final"])
    assert kinds["split"] and kinds["merged"]
