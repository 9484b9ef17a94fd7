"""Time :func:`lawdiff.align.align` on the civil code (1,260 articles) against a mutated copy.

The copy has articles deleted, inserted (taken from the anti-monopoly law, so genuinely new text),
moved, edited (a clause dropped, words inserted or replaced) and is renumbered 1..n.  Prints the median
of 5 runs and how many original articles were paired back with their mutated copy; asserts nothing.

    python benchmarks/align_scale.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from lawdiff.align import align
from lawdiff.io.read import read_file
from lawdiff.model import Document, Paragraph, UnitKind
from lawdiff.parse import parse_text

RAW = Path(__file__).resolve().parents[2] / "shared" / "corpora-raw"
if not RAW.exists():
    RAW = Path("/work/shared/corpora-raw")
BOOKS = ("总则", "物权编", "合同编", "人格权编", "婚姻家庭编", "继承编", "侵权责任编", "附则")


def load(path: Path) -> Document:
    return parse_text(read_file(path)[0], path=str(path))


def civil_code() -> Document:
    docs = [load(RAW / "large" / "civil-code-2020" / f"{b}.md") for b in BOOKS]
    return Document(
        title="中华人民共和国民法典", lang=docs[0].lang, articles=tuple(a for d in docs for a in d.articles)
    )


def edit(text: str, rng: random.Random) -> str:
    clauses = text.split("，")
    r = rng.random()
    if r < 0.3 and len(clauses) > 2:
        del clauses[rng.randrange(1, len(clauses))]
    elif r < 0.6:
        k = rng.randrange(len(clauses))
        clauses[k] = "依法" + clauses[k]
    else:
        k = rng.randrange(len(clauses))
        c = clauses[k]
        if len(c) > 4:
            p = rng.randrange(len(c) - 2)
            clauses[k] = c[:p] + "应当" + c[p + 2 :]
    return "，".join(clauses)


def mutate(doc: Document, seed: int = 7, rate: float = 0.02):
    """Return (copy, origin) where origin[k] is the index in ``doc`` of copy article k, or None if new."""
    rng = random.Random(seed)
    donors = list(load(RAW / "anti-monopoly-law-2022" / "new.md").articles)
    items = [(i, a) for i, a in enumerate(doc.articles)]
    n = len(items)
    for _ in range(int(rate * n)):  # delete
        items.pop(rng.randrange(len(items)))
    for _ in range(int(rate * n)):  # move
        it = items.pop(rng.randrange(len(items)))
        items.insert(rng.randrange(len(items)), it)
    for _ in range(int(2 * rate * n)):  # edit
        k = rng.randrange(len(items))
        i, a = items[k]
        paras = tuple(replace(p, text=edit(p.text, rng)) if p.text else p for p in a.paragraphs)
        items[k] = (i, replace(a, paragraphs=paras))
    for _ in range(int(rate * n)):  # insert new text
        items.insert(rng.randrange(len(items)), (None, donors.pop(rng.randrange(len(donors)))))
    arts = []
    for k, (_, a) in enumerate(items):
        arts.append(
            replace(a, number=k + 1, label=f"第{k + 1}条", paragraphs=a.paragraphs or (Paragraph(1, ""),))
        )
    return replace(doc, articles=tuple(arts)), [i for i, _ in items]


def main() -> int:
    doc = civil_code()
    copy, origin = mutate(doc)
    times = []
    for _ in range(5):
        t = time.perf_counter()
        units = align(doc, copy)
        times.append(time.perf_counter() - t)
    index = {id(a): i for i, a in enumerate(doc.articles)}
    cindex = {id(a): k for k, a in enumerate(copy.articles)}
    right = wrong = 0
    for u in units:
        for b in u.final:
            src = origin[cindex[id(b)]]
            got = {index[id(a)] for a in u.draft}
            if src is None:
                right += not got
                wrong += bool(got)
            else:
                right += src in got
                wrong += src not in got
    kinds = {k.value: sum(u.kind is k for u in units) for k in UnitKind}
    print(f"civil code: {len(doc.articles)} articles vs mutated copy of {len(copy.articles)}")
    print(
        f"align median of 5: {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})"
    )
    print(f"final articles placed correctly: {right}/{right + wrong}; units: {kinds}")
    rng = random.Random(1)
    heavy = replace(
        doc,
        articles=tuple(
            replace(a, paragraphs=tuple(replace(p, text=edit(edit(p.text, rng), rng)) for p in a.paragraphs))
            for a in doc.articles
        ),
    )
    t = time.perf_counter()
    units = align(doc, heavy)
    print(
        f"every article edited twice: {(time.perf_counter() - t) * 1000:.0f} ms, "
        f"{sum(u.kind is UnitKind.MATCHED and u.draft[0].number == u.final[0].number for u in units)}"
        f"/{len(doc.articles)} matched to their own copy"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
