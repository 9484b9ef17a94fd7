"""Mutation benchmark with known truth: a real long law, and a "final" version made from it by edits.

The draft is the first N articles of real text — the civil code in book order (总则 … 附则, 1,260
articles), then other Chinese laws in ``corpora-raw`` (newest version of each), then the civil code again
for sizes above ~1,570 (so the largest sizes contain a second, identical copy of the code: an honest
stress of duplicate articles, said in the results) — renumbered continuously in Chinese numerals.  The
final is the draft after a seeded random mix of edits a legislature makes: articles inserted and deleted
(everything after them renumbered), articles and chapters moved, articles split and merged, modal flips,
deadline and fine changes, clauses inserted and dropped, synonym and punctuation edits (see
:mod:`edits` for each edit and why it carries its label).  Cross-references are not renumbered, so an
untouched article is byte-identical in both versions.

The truth lists every unit: ``{"draft": [numbers], "final": [numbers], "kind", "label", "ops",
"moved", "renumbered", "mutated"}``; every draft and every final article is in exactly one unit.

    python benchmarks/mutate.py --size 1260 --seed 1 --out /tmp/civil-1260
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edits import EDITS, int_to_cn, new_article  # noqa: E402

RAW = Path(os.environ.get("LAWDIFF_CORPORA_RAW", Path(__file__).resolve().parents[2] / "shared" / "corpora-raw"))
CIVIL_BOOKS = ("总则", "物权编", "合同编", "人格权编", "婚姻家庭编", "继承编", "侵权责任编", "附则")
OTHER_LAWS = ("administrative-reconsideration-law-2023/new.md", "anti-monopoly-law-2022/new.md",
              "algorithm-recommendation-2021/final.txt", "deep-synthesis-2022/final.txt",
              "cii-commercial-crypto-2025/final.txt", "genai-2023/final.txt",
              "public-data-registration-2025/final.txt", "ai-labeling-2025/draft.txt")
CIVIL_SIZE = 1260

#: expected edits per article (multiplied by --rate); about a quarter of the articles are touched
WEIGHTS = {
    # content edits: one per article at most
    "modal-relax": 0.025, "modal-tighten": 0.015, "prohibition-removed": 0.012, "prohibition-softened": 0.005,
    "prohibition-added": 0.008, "deadline": 0.015, "fine": 0.01, "clause-added": 0.015, "obligation-removed": 0.008, "obligation-added": 0.008,
    "synonym": 0.02, "punct-width": 0.012, "punct-mark": 0.012,
    # structure
    "split": 0.015, "merge": 0.015, "delete": 0.02, "chapter-move": 0.003, "move": 0.012, "insert": 0.025,
}
_ITEM = re.compile(r"^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|（\d+）|\(\d+\)|\d+[.．、]|[一二三四五六七八九十]+、)")
_HEADING = re.compile(r"^第(\S+?)(分编|编|章|节)\s*(.*)$")
_LEVELS = ("编", "分编", "章", "节")
_RESET = {"part": _LEVELS, "编": ("分编", "章", "节"), "分编": ("节",), "章": ("节",), "节": (), "plain": ()}


@dataclass(eq=False)
class Head:
    level: str  # part | 编 | 分编 | 章 | 节 | plain (a heading without a number)
    title: str


@dataclass(eq=False)
class Art:
    src: tuple[int, ...]  # draft article numbers it comes from; () for an inserted article
    lines: list[str]
    path: tuple[Head, ...]
    ops: list[str] = field(default_factory=list)
    label: str = "unchanged"
    moved: bool = False

    def copy(self) -> Art:
        return Art(self.src, list(self.lines), self.path)


@dataclass
class Pair:
    title: str
    draft: str
    final: str
    truth: dict


# ----------------------------------------------------------------------------- source texts

@cache
def _parsed(path: str) -> tuple[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]:
    from lawdiff.io.read import read_file
    from lawdiff.parse import parse_text

    doc = parse_text(read_file(path)[0])
    return doc.title, tuple((a.lines, a.headings) for a in doc.articles)


def _sources(raw: Path) -> list[tuple[str, Path]]:
    civil = [(book, raw / "large" / "civil-code-2020" / f"{book}.md") for book in CIVIL_BOOKS]
    missing = [str(p) for _, p in civil if not p.is_file()]
    if missing:
        raise SystemExit(f"mutate: {missing[0]} not found; set LAWDIFF_CORPORA_RAW to the corpora-raw folder")
    others = [(None, raw / rel) for rel in OTHER_LAWS if (raw / rel).is_file()]
    return civil + others  # type: ignore[return-value]


def source_articles(size: int, raw: Path = RAW) -> list[tuple[list[str], tuple[Head, ...]]]:
    """The first ``size`` articles of the source stream, each with its heading path (fresh Head objects)."""
    out: list[tuple[list[str], tuple[Head, ...]]] = []
    sources = _sources(raw)
    while len(out) < size:
        for book, path in sources:
            title, articles = _parsed(str(path))
            part = Head("part", book or title)
            heads: dict[tuple[str, ...], Head] = {}
            for lines, headings in articles:
                chain = [part]
                for k, text in enumerate(headings):
                    key = headings[: k + 1]
                    if key not in heads:
                        m = _HEADING.match(text)
                        heads[key] = Head(m.group(2), m.group(3)) if m else Head("plain", text)
                    chain.append(heads[key])
                out.append((list(lines), tuple(chain)))
                if len(out) == size:
                    return out
    return out


# ----------------------------------------------------------------------------- rendering

def render(title: str, arts: list[Art]) -> str:
    """The text as a Markdown law file: ``# part`` books, 第X章 headings renumbered, 第X条 articles."""
    out = [f"# {title}"]
    count = dict.fromkeys(_LEVELS, 0)
    prev: tuple[Head, ...] = ()
    for n, art in enumerate(arts, start=1):
        k = 0
        while k < min(len(prev), len(art.path)) and prev[k] is art.path[k]:
            k += 1
        for h in art.path[k:]:
            if h.level == "part":
                out.append(f"# {h.title}")
            elif h.level == "plain":
                out.append(f"## {h.title}")
            else:
                count[h.level] += 1
                out.append(f"第{int_to_cn(count[h.level])}{h.level}　{h.title}".rstrip())
            for lv in _RESET[h.level]:
                count[lv] = 0
        prev = art.path
        first, *rest = art.lines or [""]
        out.append(f"第{int_to_cn(n)}条　{first}".rstrip())
        out.extend(rest)
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- mutation

def _count(expected: float, rng: random.Random) -> int:
    whole = int(expected)
    return whole + (rng.random() < expected - whole)


def _content_edits(final: list[Art], counts: dict[str, int], rng: random.Random) -> None:
    for op, (fn, label) in EDITS.items():
        need = counts[op]
        if not need:
            continue
        order = [a for a in final if not a.ops]
        rng.shuffle(order)
        for art in order:
            if need == 0:
                break
            result = fn(art.lines, rng)
            if result is None:
                continue
            lines, got = result if label is None else (result, label)
            if lines == art.lines:
                continue
            art.lines, art.label = lines, got
            art.ops.append(op)
            need -= 1


def _splits(final: list[Art], n: int, rng: random.Random) -> list[Art]:
    points = {i: [k for k in range(1, len(a.lines)) if not _ITEM.match(a.lines[k]) and a.lines[k - 1].endswith("。")]
              for i, a in enumerate(final) if not a.ops}
    candidates = [i for i, p in points.items() if p]
    chosen = set(rng.sample(candidates, k=min(n, len(candidates))))
    out: list[Art] = []
    for i, a in enumerate(final):
        if i in chosen:
            k = rng.choice(points[i])
            for part in (a.lines[:k], a.lines[k:]):
                out.append(Art(a.src, part, a.path, ["split"], a.label))
        else:
            out.append(a)
    return out


def _merges(final: list[Art], n: int, rng: random.Random) -> list[Art]:
    ok = [i for i in range(len(final) - 1) if not final[i].ops and not final[i + 1].ops
          and final[i].path == final[i + 1].path and len(final[i].lines) + len(final[i + 1].lines) <= 10]
    rng.shuffle(ok)
    chosen: set[int] = set()
    for i in ok:
        if len(chosen) // 2 == n:
            break
        if i not in chosen and i + 1 not in chosen and i - 1 not in chosen:
            chosen.update((i, i + 1))
    out: list[Art] = []
    i = 0
    while i < len(final):
        if i in chosen:
            a, b = final[i], final[i + 1]
            out.append(Art(a.src + b.src, a.lines + b.lines, a.path, ["merge"], "unchanged"))
            i += 2
        else:
            out.append(final[i])
            i += 1
    return out


def _chapter_runs(final: list[Art]) -> list[tuple[int, int, tuple[Head, ...]]]:
    """(start, end, path up to and including the chapter) for each run of articles of one 章."""
    runs: list[tuple[int, int, tuple[Head, ...]]] = []
    for i, a in enumerate(final):
        depth = next((k for k, h in enumerate(a.path) if h.level == "章"), None)
        key = a.path[: depth + 1] if depth is not None else ()
        if runs and runs[-1][2] == key and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1, key)
        else:
            runs.append((i, i + 1, key))
    return [r for r in runs if r[2]]


def _chapter_moves(final: list[Art], n: int, rng: random.Random) -> list[Art]:
    for _ in range(n):
        runs = _chapter_runs(final)
        pairs = [(r, s) for r, s in zip(runs, runs[1:]) if r[1] == s[0] and r[2][:-1] == s[2][:-1]
                 and not any(a.moved for a in final[r[0]:s[1]])]
        if not pairs:
            return final
        (a0, a1, _), (b0, b1, _) = rng.choice(pairs)
        for art in final[a0:a1]:  # the earlier chapter moves after its sibling
            art.moved = True
            art.ops.append("chapter-moved")
        final = final[:a0] + final[b0:b1] + final[a0:a1] + final[b1:]
    return final


def _moves(final: list[Art], n: int, rng: random.Random) -> list[Art]:
    for _ in range(n):
        movable = [i for i, a in enumerate(final) if not a.moved and len(a.src) == 1 and "split" not in a.ops]
        if not movable or len(final) < 8:
            return final
        i = rng.choice(movable)
        art = final.pop(i)
        j = rng.choice([j for j in range(len(final) + 1) if abs(j - i) >= 3])
        art.path = final[j - 1].path if j > 0 else final[0].path
        art.moved = True
        art.ops.append("moved")
        final.insert(j, art)
    return final


def mutate(draft: list[Art], seed: int, *, rate: float = 1.0) -> tuple[list[Art], list[Art], dict[str, int]]:
    """Return (final articles, deleted draft articles, requested op counts)."""
    rng = random.Random(seed)
    counts = {op: _count(len(draft) * w * rate, rng) for op, w in WEIGHTS.items()}
    final = [a.copy() for a in draft]
    _content_edits(final, counts, rng)
    final = _splits(final, counts["split"], rng)
    final = _merges(final, counts["merge"], rng)
    deletable = [a for a in final if not a.ops]
    deleted = rng.sample(deletable, k=min(counts["delete"], len(deletable)))
    for a in deleted:
        a.ops, a.label = ["delete"], "removed"
    gone = {id(a) for a in deleted}
    final = [a for a in final if id(a) not in gone]
    final = _chapter_moves(final, counts["chapter-move"], rng)
    final = _moves(final, counts["move"], rng)
    used = {line for a in draft for line in a.lines}
    for _ in range(counts["insert"]):
        j = rng.randrange(len(final) + 1)
        path = final[j - 1].path if j > 0 else final[0].path
        final.insert(j, Art((), new_article(rng, used), path, ["insert"], "added"))
    return final, deleted, counts


def truth_units(final: list[Art], deleted: list[Art]) -> list[dict]:
    units: list[dict] = []
    by_src: dict[tuple[int, ...], list[tuple[int, Art]]] = {}
    for fnum, art in enumerate(final, start=1):
        if art.src:
            by_src.setdefault(art.src, []).append((fnum, art))
        else:
            units.append(_unit((), [fnum], "added", art))
    for src, members in by_src.items():
        kind = "split" if len(members) > 1 else "merged" if len(src) > 1 else "matched"
        units.append(_unit(src, [f for f, _ in members], kind, members[0][1]))
    for art in deleted:
        units.append(_unit(art.src, [], "removed", art))
    units.sort(key=lambda u: (u["draft"][0] if u["draft"] else u["final"][0] - 0.5, u["final"][:1]))
    return units


def _unit(src, finals: list[int], kind: str, art: Art) -> dict:
    ops = sorted(set(art.ops))
    return {"draft": list(src), "final": finals, "kind": kind, "label": art.label, "ops": ops, "moved": art.moved,
            "renumbered": kind == "matched" and src[0] != finals[0], "mutated": bool(ops)}


def generate(size: int, seed: int, *, rate: float = 1.0, raw: Path = RAW) -> Pair:
    """A draft of ``size`` articles, its mutated final, and the truth."""
    draft = [Art((n,), lines, path) for n, (lines, path) in enumerate(source_articles(size, raw), start=1)]
    final, deleted, requested = mutate(draft, seed, rate=rate)
    title = "中华人民共和国民法典" if size <= CIVIL_SIZE else f"法律汇编（{int_to_cn(size)}条）"
    units = truth_units(final, deleted)
    applied: dict[str, int] = {}
    for u in units:
        for op in u["ops"]:
            applied[op] = applied.get(op, 0) + 1
    truth = {
        "generator": "benchmarks/mutate.py", "seed": seed, "size": size, "rate": rate,
        "draft_articles": len(draft), "final_articles": len(final),
        "sources": "civil code (8 books)" + ("" if size <= CIVIL_SIZE else " + other laws in corpora-raw, repeated"),
        "requested": requested, "applied_units": dict(sorted(applied.items())),
        "labels": _tally(u["label"] for u in units), "units": units,
    }
    return Pair(title, render(title, draft), render(title, final), truth)


def _tally(values) -> dict[str, int]:
    out: dict[str, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return dict(sorted(out.items()))


def write_pair(pair: Pair, out: Path) -> tuple[Path, Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = out / "draft.md", out / "final.md", out / "truth.json"
    paths[0].write_text(pair.draft, encoding="utf-8")
    paths[1].write_text(pair.final, encoding="utf-8")
    paths[2].write_text(json.dumps(pair.truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=CIVIL_SIZE, help="number of draft articles (50 .. 2500)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rate", type=float, default=1.0, help="scale the number of edits (1.0 ≈ a quarter of articles)")
    ap.add_argument("--out", type=Path, help="output folder (default: a new temporary folder)")
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix=f"lawdiff-mutate-{args.size}-"))
    pair = generate(args.size, args.seed, rate=args.rate)
    paths = write_pair(pair, out)
    t = pair.truth
    print(f"{paths[0]}  ({t['draft_articles']} articles)\n{paths[1]}  ({t['final_articles']} articles)\n{paths[2]}")
    print("labels:", ", ".join(f"{k} {v}" for k, v in t["labels"].items()))
    print("edits: ", ", ".join(f"{k} {v}" for k, v in t["applied_units"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
