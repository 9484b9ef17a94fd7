"""Write every output a speed change must leave alone, to compare two trees byte for byte.

A speed change is right only if nothing a user sees moves.  This writes ``lawdiff diff --format json``
for every pair in ``corpora/``, the mutated civil code at several sizes (:mod:`mutate`, seed 1), one
400 KB article (:mod:`classify_long`), and ``lawdiff check corpora/ --format json``, each to its own file
in OUT.  Run it before and after a change and compare the folders:

    python benchmarks/outputs.py /tmp/speed-baseline
    python benchmarks/outputs.py /tmp/speed-after && diff -r /tmp/speed-baseline /tmp/speed-after

The pairs are written once to ``OUT/../speed-pairs`` (kept between runs, so both runs read the same
paths, which the JSON records).  Pass ``--only NAME`` (repeatable) for a quick subset.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

LAWDIFF = Path(sys.executable).with_name("lawdiff")
CIVIL_SIZES = (600, 1260, 2500, 5000)


def meta_files(folder: Path) -> tuple[Path, Path]:
    """The draft and final files a corpus pair's meta.yaml names."""
    import yaml

    meta = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8"))
    return folder / meta["draft"]["file"], folder / meta["final"]["file"]


def make_pairs(pairs: Path) -> dict[str, tuple[Path, Path]]:
    """Generated pairs, written under ``pairs`` unless already there."""
    import mutate
    from classify_long import long_pair

    out: dict[str, tuple[Path, Path]] = {}
    for size in CIVIL_SIZES:
        folder = pairs / f"civil-{size}"
        if not (folder / "final.md").exists():
            mutate.write_pair(mutate.generate(size, 1), folder)
        out[f"civil-{size}"] = folder / "draft.md", folder / "final.md"
    folder = pairs / "long-400"
    if not (folder / "final.txt").exists():
        folder.mkdir(parents=True, exist_ok=True)
        pieces, sep = long_pair(400)
        (folder / "draft.txt").write_text("第一条 " + sep.join(d for d, _ in pieces) + "\n", encoding="utf-8")
        (folder / "final.txt").write_text("第一条 " + sep.join(f for _, f in pieces) + "\n", encoding="utf-8")
    out["long-400"] = folder / "draft.txt", folder / "final.txt"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--only", action="append", help="only these outputs (corpus name, civil-N, long-400, check)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    jobs: dict[str, list[str]] = {}
    for folder in sorted(p for p in (ROOT / "corpora").iterdir() if (p / "meta.yaml").exists()):
        draft, final = meta_files(folder)
        jobs[folder.name] = ["diff", str(draft), str(final), "--format", "json"]
    for name, (draft, final) in make_pairs(args.out.resolve().parent / "speed-pairs").items():
        jobs[name] = ["diff", str(draft), str(final), "--format", "json"]
    jobs["check"] = ["check", str(ROOT / "corpora"), "--format", "json"]
    env = dict(os.environ, LAWDIFF_CACHE_DIR=os.environ.get("LAWDIFF_CACHE_DIR", tempfile.mkdtemp()))
    for name, cmd in jobs.items():
        if args.only and name not in args.only:
            continue
        p = subprocess.run([str(LAWDIFF), *cmd], capture_output=True, env=env, cwd=ROOT)
        if p.returncode not in (0, 1):
            print(f"{name}: exit {p.returncode}: {p.stderr.decode()[-400:]}", file=sys.stderr)
        (args.out / f"{name}.json").write_bytes(p.stdout)
        (args.out / f"{name}.exit").write_text(f"{p.returncode}\n")
        print(f"{name}: {len(p.stdout)} bytes, exit {p.returncode}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
