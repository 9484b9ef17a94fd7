"""diff-match-patch's ``diff_cleanupSemantic``, rewritten to take time linear in the diff: the same result
on every input, without the rescans and list shifts that made it the slowest step of a long article.

Why: the diff of a 400 KB article, merged from its two levels (:mod:`lawdiff.diff.engine`), has some
27,000 edits and equalities, and the library's clean-up spent more than half a second on it (over 1 s
of a 1.8 s run).  Its first pass, on eliminating an equality, steps back two equalities and scans forward
again over the edits that elimination joined, so a long run of eliminations walks the same growing run
of edits again and again (1.4 million steps for 27,000 entries); the passes after it insert into and delete
from the middle of the list, each move shifting everything behind it.  The C++ build
(``fast-diff-match-patch``) has no clean-up of its own to call on a diff made elsewhere.

What each pass here computes, and why it is the library's result:

* **eliminating small equalities** — the library's rescan after an elimination only re-counts edits it had
  counted before, and its test (the equality no longer than the larger of the edits on either side) only
  grows more true as edits are added; so it is enough to keep the surviving equalities on a stack with the
  edit lengths before each, and after an elimination to test the new top against the joined lengths at once;
* **merging** (``diff_cleanupMerge``) and **shifting to word boundaries** (``diff_cleanupSemanticLossless``)
  make the same decisions at the same places, but build the new list as they go instead of moving entries in
  the old one; the lossless shift slides two indices along one string instead of rebuilding three strings
  at every step;
* **overlaps** between a deletion and the insertion after it: the same test on each such pair, in one sweep.

tests/test_cleanup.py compares the result with the library's on thousands of random diffs.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch

Raw = list[tuple[int, str]]
DELETE, EQUAL, INSERT = -1, 0, 1


def cleanup_semantic(diffs: Raw) -> Raw:
    """What ``diff_match_patch().diff_cleanupSemantic(diffs)`` leaves in ``diffs``, as a new list."""
    dmp = diff_match_patch()  # its prefix, suffix and overlap measures: exact, and fast (binary search, find)
    out, eliminated = _eliminate(diffs)
    if eliminated:
        out = _merge(out, dmp)
    out = _lossless(out, dmp)
    return _overlaps(out, dmp)


def _eliminate(diffs: Raw) -> tuple[Raw, bool]:
    """Each equality no longer than the edits on both sides of it (after earlier eliminations joined them)
    becomes a deletion and an insertion of its text."""
    gone = [False] * len(diffs)
    stack: list[tuple[int, int, int, int]] = []  # surviving equalities: (index, length, inserted, deleted before)
    inserted = deleted = 0  # since the top of the stack (or the start)
    for i, (op, text) in enumerate(diffs):
        if op == EQUAL:
            stack.append((i, len(text), inserted, deleted))
            inserted = deleted = 0
            continue
        if op == INSERT:
            inserted += len(text)
        else:
            deleted += len(text)
        while stack:
            j, n, before_ins, before_del = stack[-1]
            if not (n and n <= max(before_ins, before_del) and n <= max(inserted, deleted)):
                break
            stack.pop()
            gone[j] = True
            inserted += before_ins + n
            deleted += before_del + n
    if not any(gone):
        return list(diffs), False
    out: Raw = []
    for (op, text), g in zip(diffs, gone):
        if g:
            out.append((DELETE, text))
            out.append((INSERT, text))
        else:
            out.append((op, text))
    return out, True


def _merge(diffs: Raw, dmp: diff_match_patch) -> Raw:
    """``diff_cleanupMerge``: join runs of edits (common prefix and suffix of a run's deletions and insertions
    moved into the equalities around it), then slide single edits over an equality they repeat, until no
    slide is left."""
    while True:
        diffs, shifted = _slide(_join_runs(diffs, dmp))
        if not shifted:
            return diffs


def _join_runs(diffs: Raw, dmp: diff_match_patch) -> Raw:
    out: Raw = []
    run: Raw = []
    for op, text in [*diffs, (EQUAL, "")]:  # the library's dummy equality at the end
        if op != EQUAL:
            run.append((op, text))
            continue
        if len(run) > 1:
            dele = "".join(t for o, t in run if o == DELETE)
            ins = "".join(t for o, t in run if o == INSERT)
            if any(o == DELETE for o, _ in run) and any(o == INSERT for o, _ in run):
                k = dmp.diff_commonPrefix(ins, dele)
                if k:  # into the equality before the run (out ends with one unless it is empty)
                    if out:
                        out[-1] = (EQUAL, out[-1][1] + ins[:k])
                    else:
                        out.append((EQUAL, ins[:k]))
                    ins, dele = ins[k:], dele[k:]
                k = dmp.diff_commonSuffix(ins, dele)
                if k:
                    text = ins[-k:] + text
                    ins, dele = ins[:-k], dele[:-k]
            if dele:
                out.append((DELETE, dele))
            if ins:
                out.append((INSERT, ins))
            out.append((op, text))
        elif not run and out and out[-1][0] == EQUAL:
            out[-1] = (EQUAL, out[-1][1] + text)
        else:
            out.extend(run)
            out.append((op, text))
        run = []
    if out[-1][1] == "":
        out.pop()
    return out


def _slide(diffs: Raw) -> tuple[Raw, bool]:
    """The second pass of ``diff_cleanupMerge``: ``A<ins>BA</ins>C`` -> ``<ins>AB</ins>AC``."""
    if len(diffs) < 3:
        return diffs, False
    items = list(diffs)  # items[i + 1] is rewritten in place; out holds what lies before items[i]
    out = [items[0]]
    shifted = False
    i = 1
    while i < len(items) - 1:
        (op0, prev), (op, edit), (op2, nxt) = out[-1], items[i], items[i + 1]
        if op0 == EQUAL and op2 == EQUAL and edit.endswith(prev):
            if prev:
                items[i] = (op, prev + edit[: -len(prev)])
                items[i + 1] = (op2, prev + nxt)
            out[-1:] = items[i : i + 2]
            shifted = True
            i += 2
        elif op0 == EQUAL and op2 == EQUAL and edit.startswith(nxt):
            out[-1] = (op0, prev + nxt)
            out.append((op, edit[len(nxt) :] + nxt))
            shifted = True
            i += 2
        else:
            out.append(items[i])
            i += 1
    out.extend(items[i:])
    return out, shifted


def _lossless(diffs: Raw, dmp: diff_match_patch) -> Raw:
    """``diff_cleanupSemanticLossless``: slide each single edit between two equalities to the boundary that
    scores best (``The c<ins>at c</ins>ame.`` -> ``The <ins>cat </ins>came.``)."""
    if len(diffs) < 3:
        return list(diffs)
    items = list(diffs)
    out = [items[0]]
    i = 1
    while i < len(items) - 1:
        (op1, eq1), (op, edit), (op2, eq2) = out[-1], items[i], items[i + 1]
        if op1 != EQUAL or op2 != EQUAL:
            out.append(items[i])
            i += 1
            continue
        start = _best_start(eq1, edit, eq2, dmp)
        if start == len(eq1):  # no improvement
            out.append(items[i])
            i += 1
            continue
        s, n = eq1 + edit + eq2, len(edit)
        if start:
            out[-1] = (op1, s[:start])
        else:
            out.pop()
        moved = (op, s[start : start + n])
        if start + n < len(s):
            out.append(moved)
            items[i + 1] = (op2, s[start + n :])
        else:  # the second equality is gone: the library looks at the moved edit again
            items[i + 1] = moved
        i += 1
    out.extend(items[i:])
    return out


def _best_start(eq1: str, edit: str, eq2: str, dmp: diff_match_patch) -> int:
    """Where the edit should start in ``eq1 + edit + eq2``: the library's walk, on indices."""
    offset = dmp.diff_commonSuffix(eq1, edit)
    if not offset and not (edit and eq2 and edit[0] == eq2[0]):
        return len(eq1)  # it cannot move
    s, n = eq1 + edit + eq2, len(edit)
    a = len(eq1) - offset
    best_a, best = a, _score(s, 0, a, a + n) + _score(s, a, a + n, len(s))
    while n and a + n < len(s) and s[a] == s[a + n]:
        a += 1
        score = _score(s, 0, a, a + n) + _score(s, a, a + n, len(s))
        if score >= best:  # >=: the library prefers trailing whitespace on edits
            best_a, best = a, score
    return best_a


def _score(s: str, lo: int, k: int, hi: int) -> int:
    """The library's ``diff_cleanupSemanticScore(s[lo:k], s[k:hi])``: 6 (an edge) .. 0 (mid-word).  It reads
    at most the last four characters of the one and the first four of the other."""
    if k == lo or k == hi:
        return 6
    c1, c2 = s[k - 1], s[k]
    non_alnum1, non_alnum2 = not c1.isalnum(), not c2.isalnum()
    space1, space2 = non_alnum1 and c1.isspace(), non_alnum2 and c2.isspace()
    break1, break2 = space1 and c1 in "\r\n", space2 and c2 in "\r\n"
    if (break1 and diff_match_patch.BLANKLINEEND.search(s[max(lo, k - 4) : k])) or (
            break2 and diff_match_patch.BLANKLINESTART.match(s[k : min(hi, k + 4)])):
        return 5
    if break1 or break2:
        return 4
    if non_alnum1 and not space1 and space2:
        return 3
    if space1 or space2:
        return 2
    if non_alnum1 or non_alnum2:
        return 1
    return 0


def _overlaps(diffs: Raw, dmp: diff_match_patch) -> Raw:
    """A deletion and the insertion after it that overlap by half of either become edit, equality, edit:
    ``<del>abcxxx</del><ins>xxxdef</ins>`` -> ``<del>abc</del>xxx<ins>def</ins>`` (and the reverse)."""
    out: Raw = []
    i = 0
    while i < len(diffs):
        if not (i + 1 < len(diffs) and diffs[i][0] == DELETE and diffs[i + 1][0] == INSERT):
            out.append(diffs[i])
            i += 1
            continue
        dele, ins = diffs[i][1], diffs[i + 1][1]
        forward = dmp.diff_commonOverlap(dele, ins)
        backward = dmp.diff_commonOverlap(ins, dele)
        if forward >= backward and (forward >= len(dele) / 2.0 or forward >= len(ins) / 2.0):
            out += [(DELETE, dele[: len(dele) - forward]), (EQUAL, ins[:forward]), (INSERT, ins[forward:])]
        elif forward < backward and (backward >= len(dele) / 2.0 or backward >= len(ins) / 2.0):
            out += [(INSERT, ins[: len(ins) - backward]), (EQUAL, dele[:backward]), (DELETE, dele[backward:])]
        else:
            out += diffs[i : i + 2]
        i += 2
    return out


__all__ = ["cleanup_semantic"]
