"""lawdiff's semantic clean-up (lawdiff.diff.cleanup) gives diff-match-patch's ``diff_cleanupSemantic``
result on every diff: random ones (seeded, so a failure names the seed that reproduces it) and the edge
cases each pass of the library handles on its own."""

from __future__ import annotations

import random

import pytest
from diff_match_patch import diff_match_patch

from lawdiff.diff.cleanup import cleanup_semantic

#: Alphabets: English words and spaces, Chinese with full-width punctuation, line breaks (the blank-line
#: scores), and private-use characters (the one-character tokens lawdiff really diffs).
ALPHABETS = (
    "ab ",
    "the law shall not apply, and may be. ",
    "第一条本法规定应当不得可以。，；、",
    "a\nb\r\n \n\n",
    "".join(chr(0xE000 + i) for i in range(6)),
)
WORDS = ("the ", "law ", "shall ", "not ", "may ", "apply", ", ", ". ", "\n", "\n\n", "\r\n", "法律", "条例",
         "第一条", "应当", "不得", "可以", "。", "，", "；", "\ue000", "\ue001", "\ue002")


def library(diffs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    out = list(diffs)
    diff_match_patch().diff_cleanupSemantic(out)
    return out


def same(diffs: list[tuple[int, str]]) -> None:
    before = list(diffs)
    assert cleanup_semantic(diffs) == library(diffs)
    assert diffs == before  # the input is left alone


def random_ops(rng: random.Random) -> list[tuple[int, str]]:
    """Any sequence of edits and equalities, empty texts and repeated ops included."""
    alphabet = rng.choice(ALPHABETS)
    return [(rng.choice((-1, 0, 1)), "".join(rng.choices(alphabet, k=rng.choice((0, 1, 1, 2, 3, 5, 8, 20)))))
            for _ in range(rng.randint(0, 14))]


def random_diff(rng: random.Random) -> list[tuple[int, str]]:
    """diff-match-patch's raw diff of a text and an edited copy, short or long."""
    draft = "".join(rng.choices(WORDS, k=rng.choice((3, 20, 80, 400))))
    final = list(draft)
    for _ in range(rng.randint(0, 40)):
        i = rng.randint(0, len(final))
        r = rng.random()
        if r < 0.4:
            del final[i : i + rng.randint(1, 6)]
        elif r < 0.8:
            final[i:i] = "".join(rng.choices(WORDS, k=rng.randint(1, 4)))
        else:
            final[i : i + 3] = final[i : i + 3][::-1]
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no time limit: the same diff on any machine
    return dmp.diff_main(draft, "".join(final), False)


@pytest.mark.parametrize("seed", range(8))
def test_any_sequence_of_edits_and_equalities_is_cleaned_up_as_the_library_does(seed):
    rng = random.Random(seed)
    for _ in range(1000):
        same(random_ops(rng))


@pytest.mark.parametrize("seed", range(8))
def test_diffs_of_edited_texts_are_cleaned_up_as_the_library_does(seed):
    rng = random.Random(100 + seed)
    for _ in range(60):
        same(random_diff(rng))


def test_a_long_cascade_of_eliminations_is_cleaned_up_as_the_library_does():
    """Small equalities between growing edits: each elimination lets the one before it go too (the case the
    library rescans again and again)."""
    rng = random.Random(7)
    diffs = []
    for i in range(600):
        diffs += [(-1, "删除" * (1 + i % 3)), (1, "增加的" * (1 + i % 2)), (0, rng.choice(("，", "的", "法律", "。\n")))]
    same(diffs)
    same([(0, "第一条")] + diffs + [(0, "本法自公布之日起施行。")])


@pytest.mark.parametrize("diffs", [
    [],
    [(0, "")],
    [(1, "")],
    [(0, "a"), (0, "b")],
    [(-1, "a"), (-1, ""), (1, "")],
    [(0, ""), (1, "ab"), (0, "b")],
    [(0, "ab"), (1, "cab"), (0, "")],
    # an equality eliminated, then the one before it (the library steps back two equalities)
    [(0, "The "), (-1, "cat"), (0, "s"), (-1, "at on"), (0, "a"), (1, "mat was here"), (0, " now.")],
    # common prefix and suffix of a run moved out; a run at the very start
    [(-1, "xa"), (1, "xb"), (0, "c"), (1, "abc"), (-1, "adc"), (0, "z")],
    # single edits that slide over an equality they repeat (A<ins>BA</ins>C), both ways
    [(0, "a"), (1, "ba"), (0, "c")],
    [(0, "c"), (1, "ab"), (0, "a")],
    [(0, "a"), (-1, "b"), (0, "a"), (1, "ba"), (0, "c")],
    # lossless: word, sentence, line and blank-line boundaries; an equality used up by the slide
    [(0, "The c"), (1, "at c"), (0, "ame.")],
    [(0, "The xxx. The "), (1, "zzz. The "), (0, "yyy.")],
    [(0, "line\n"), (1, "new\nline\n"), (0, "end")],
    [(0, "para\n\n"), (1, "new\n\npara\n\n"), (0, "x")],
    [(0, "a\r\n\r\n"), (-1, "b\r\n\r\na\r\n\r\n"), (0, "b")],
    [(0, "第一条"), (1, "第二条"), (0, "第二条规定")],
    [(0, "ab"), (1, "ab"), (0, "ab")],
    # overlaps between a deletion and the insertion after it, forward and reverse, and too small to take
    [(-1, "abcxxx"), (1, "xxxdef")],
    [(-1, "xxxabc"), (1, "defxxx")],
    [(-1, "abcxx"), (1, "xxdefgh")],
    [(-1, "法律规定"), (1, "规定应当")],
    [(-1, ""), (1, "abc")],
])
def test_edge_cases_are_cleaned_up_as_the_library_does(diffs):
    same(diffs)
