"""Time classify on one very long article: the hardening review found it quadratic in the article length.

Why this exists: read.py accepts texts up to 20 MB, and nothing stops one "article" from being most of
that (an unnumbered text, or a law whose article headings were lost in conversion).  Classify used to
compare every match with every other match (``match.found``) and walk back from each modal word to the
start of its sentence (``parties.bearer_actor``), so an 80 KB article took 18 s.  This script builds
one-article pairs from real text — the genai-2023 draft and final articles, repeated, with every
repetition lightly edited so that each copy has changes for the rules to fire on — and prints how long
guessing the regulated parties (``parties.infer``, which guesses a bearer for every modal word) and
classify take at 20 KB, 80 KB, 320 KB and 2 MB, in two shapes:

* ``paragraphs``: the articles' paragraphs one per line, as a long article would be;
* ``run-on``: the same words with the line breaks and the 。，；： removed (a PDF conversion that lost
  its punctuation): no sentence or clause ends, so every guess of a duty-bearer used to walk back to
  the start of the article — the worst case.

    python benchmarks/classify_long.py              # all sizes
    python benchmarks/classify_long.py 20 80        # only these sizes (KB)
    python benchmarks/classify_long.py --timeout 60 # skip larger sizes once one takes longer than this

Not a test: timings depend on the machine.  The tests count operations instead
(tests/test_classify.py::test_long_article_is_linear...).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawdiff.classify.label import classify, snippet_unit  # noqa: E402
from lawdiff.classify.parties import infer  # noqa: E402
from lawdiff.classify.rules import shipped_rules  # noqa: E402
from lawdiff.diff.word_diff import diff_texts  # noqa: E402
from lawdiff.model import ArticleDiff, Edit, Lang, Op  # noqa: E402
from lawdiff.parse import parse_text  # noqa: E402

SIZES_KB = (20, 80, 320, 2048)
SHAPES = ("paragraphs", "run-on")
# edits applied to alternate copies of the final text, so that the diff has changes everywhere
_RUN_ON = re.compile(r"[\n。，；：,;:]")
EDITS = (("应当", "可以"), ("不得", "不宜"), ("可以", "应当"), ("十日", "十五日"), ("罚款", "警告"))


def _bodies(path: Path) -> list[str]:
    doc = parse_text(path.read_text(encoding="utf-8"), lang=Lang.ZH)
    return ["\n".join(p.text for p in a.paragraphs) for a in doc.articles]


def long_pair(size_kb: int, shape: str = "paragraphs") -> tuple[list[tuple[str, str]], str]:
    """(draft copy, final copy) pairs and the separator that joins them into one article of about
    ``size_kb`` KB of UTF-8 a side."""
    corpus = ROOT / "corpora" / "genai-2023"
    draft, final = "\n".join(_bodies(corpus / "draft.txt")), "\n".join(_bodies(corpus / "final.txt"))
    sep = "\n"
    if shape == "run-on":
        draft, final, sep = _RUN_ON.sub("", draft), _RUN_ON.sub("", final), ""
    pieces: list[tuple[str, str]] = []
    size = 0
    while size < size_kb * 1024:
        old, new = EDITS[len(pieces) % len(EDITS)]
        pieces.append((draft, final.replace(old, new, 3) if len(pieces) % 2 else final))
        size += len(draft.encode()) + len(sep)
    return pieces, sep


def _stitched(pieces: list[tuple[str, str]], sep: str) -> ArticleDiff:
    """One ArticleDiff for the copies joined by ``sep``: each distinct copy is diffed once and its edits
    shifted into place.  diff_unit on the joined texts gives the same runs but is itself superlinear
    (30 s at 320 KB), and it is classify this script measures."""
    memo: dict[tuple[str, str], tuple[Edit, ...]] = {}
    edits: list[Edit] = []
    dpos = fpos = 0
    for i, (d, f) in enumerate(pieces):
        if i:
            if sep:
                edits.append(Edit(Op.EQUAL, sep, dpos, fpos))
            dpos, fpos = dpos + len(sep), fpos + len(sep)
        if (d, f) not in memo:
            memo[(d, f)] = diff_texts(d, f, Lang.ZH)
        edits.extend(Edit(e.op, e.text, e.draft_start + dpos, e.final_start + fpos) for e in memo[(d, f)])
        dpos, fpos = dpos + len(d), fpos + len(f)
    merged: list[Edit] = []
    for e in edits:  # adjacent runs of one op read as one, as diff_tokens returns them
        if merged and merged[-1].op is e.op:
            m = merged[-1]
            merged[-1] = Edit(m.op, m.text + e.text, m.draft_start, m.final_start)
        else:
            merged.append(e)
    draft, final = sep.join(d for d, _ in pieces), sep.join(f for _, f in pieces)
    return ArticleDiff(snippet_unit(draft, final), draft, final, tuple(merged))


def run(size_kb: int, shape: str) -> tuple[float, float, float, str]:
    pieces, sep = long_pair(size_kb, shape)
    rules = shipped_rules(Lang.ZH)
    t0 = time.perf_counter()
    diff = _stitched(pieces, sep)
    t1 = time.perf_counter()
    parties = infer([diff.draft_text], Lang.ZH)
    t2 = time.perf_counter()
    change = classify(diff, rules, Lang.ZH, parties)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, f"{change.label.value} {len(change.firings)} rules"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sizes", nargs="*", type=int, help="article sizes in KB (default: 20 80 320 2048)")
    ap.add_argument("--shape", choices=SHAPES, action="append", help="paragraphs or run-on (default: both)")
    ap.add_argument("--timeout", type=float, default=None, help="skip larger sizes after one slower than this")
    args = ap.parse_args(argv)
    print(f"{'shape':<11} {'size':>8} {'diff s':>8} {'infer s':>8} {'classify s':>11}  result")
    for shape in args.shape or SHAPES:
        for kb in args.sizes or SIZES_KB:
            d, i, c, what = run(kb, shape)
            print(f"{shape:<11} {kb:>6}KB {d:8.2f} {i:8.2f} {c:11.2f}  {what}", flush=True)
            if args.timeout is not None and max(i, c) > args.timeout:
                print(f"{shape}: classify took over {args.timeout:g} s; larger sizes skipped", flush=True)
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
