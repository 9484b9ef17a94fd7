"""Measure the speed targets of issue 14, for one or more lawdiff installations side by side in one run.

Each measurement is the CPU time (user + system) of a whole ``lawdiff diff A B --format json > /dev/null``
process, the median of ``--runs``: on a shared 2-core machine wall time measures the neighbours too.

* *warm*: lawdiff's caches hold the pair (an untimed run filled them);
* *first run*: an empty lawdiff cache folder (jieba builds its prefix dictionary, lawdiff writes its caches);
* *per doubling*: ``(t5000 / t1260) ** (1 / log2(5000 / 1260))`` of the warm medians;
* *norm stage*: the CPU seconds spent in :func:`lawdiff.norms.read_norms` over the CPU seconds of the whole
  process (imports included), in a child that wraps the function with a timer; measured twice on the civil code:
  *warm*, where the stage reads the pair's norms back, or is skipped when the pair's verdict is read back (the
  figure is then 0 %), and on a *first run* (an empty cache folder), where it imports the reader, compiles
  the lexicons and reads every changed unit: the honest figure for issue 14's norm-stage target;
* *peak memory*: the largest ``ru_maxrss`` of the 5,000-article runs.

Installations are given as their ``lawdiff`` executables (``--lawdiff``, repeatable; default this
environment's), so an older checkout installed in its own venv runs beside this one, alternating run by run
so that both see the same load.  Pairs come from :mod:`outputs` (the mutated civil code, seed 1, and a
400 KB article), written under ``--pairs``.

    python benchmarks/targets.py --lawdiff /tmp/before/.venv/bin/lawdiff --lawdiff .venv/bin/lawdiff
    python benchmarks/targets.py --runs 3 --only genai-2023,eu-ai-act-2024
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from launch import LAUNCHER  # noqa: E402
from outputs import make_pairs  # noqa: E402

# the norm stage's share: lawdiff's CLI in this process, read_norms wrapped with a CPU timer
_NORM_SHARE = """
import resource, sys, time
import lawdiff.pipeline as p
spent = [0.0]
inner = p.read_norms
def timed(*a, **k):
    t = time.process_time()
    try:
        return inner(*a, **k)
    finally:
        spent[0] += time.process_time() - t
p.read_norms = timed
from lawdiff.cli import main
sys.argv = ["lawdiff", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
ru = resource.getrusage(resource.RUSAGE_SELF)
print(spent[0], ru.ru_utime + ru.ru_stime, file=sys.stderr)
"""

PAIRS = ("genai-2023", "eu-ai-act-2024", "civil-1260", "civil-2500", "civil-5000", "long-400")
FIRST_RUN = ("genai-2023", "civil-1260")


def pairs(folder: Path) -> dict[str, tuple[Path, Path]]:
    out = {name: (ROOT / "corpora" / name / "draft.txt", ROOT / "corpora" / name / "final.txt")
           for name in ("genai-2023", "eu-ai-act-2024")}
    out.update(make_pairs(folder))
    return out


def run(exe: Path, draft: Path, final: Path, cache: Path) -> tuple[float, int]:
    """(CPU seconds, peak RSS in MB) of one ``lawdiff diff --format json``."""
    env = dict(os.environ, LAWDIFF_CACHE_DIR=str(cache))
    p = subprocess.run([sys.executable, "-c", LAUNCHER, str(exe), "diff", str(draft), str(final), "--format",
                        "json"], capture_output=True, text=True, env=env)
    _wall, rss, code, cpu = p.stdout.split()
    if int(code) not in (0, 1):
        raise RuntimeError(f"{exe} on {draft.parent.name} exited {code}: {p.stderr[-400:]}")
    return float(cpu), int(rss) // 1024


def norm_share(exe: Path, draft: Path, final: Path, cache: Path) -> tuple[float, float]:
    """(CPU seconds in the norm stage, CPU seconds of the whole process) of one run with ``cache``."""
    python = exe.with_name("python")
    env = dict(os.environ, LAWDIFF_CACHE_DIR=str(cache))
    # -P: the current folder is not put on sys.path, so the installation measured runs its own code (run from a
    # checkout, ``-c`` would import the checkout's lawdiff whatever the interpreter)
    p = subprocess.run([str(python), "-P", "-c", _NORM_SHARE, "diff", str(draft), str(final), "--format", "json"],
                       capture_output=True, text=True, env=env)
    spent, total = map(float, p.stderr.split()[-2:])
    return spent, total


def _first_share(runs: list[tuple[float, float]]) -> str:
    """The median share of first runs, with the median seconds of the stage and of the whole process."""
    share = statistics.median(spent / total for spent, total in runs)
    spent = statistics.median(s for s, _ in runs)
    total = statistics.median(t for _, t in runs)
    return f"{share:.1%} ({spent:.3f} s of {total:.3f} s)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lawdiff", action="append", type=Path, help="a lawdiff executable (repeatable)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pairs", type=Path, default=Path(tempfile.gettempdir()) / "speed-pairs")
    ap.add_argument("--only", help="comma-separated pair names")
    args = ap.parse_args(argv)
    exes = [e.absolute() for e in args.lawdiff or [Path(sys.executable).with_name("lawdiff")]]
    files = pairs(args.pairs)
    names = [n for n in PAIRS if not args.only or n in args.only.split(",")]
    work = Path(tempfile.mkdtemp(prefix="lawdiff-targets-"))
    # Children keep compiled bytecode (in the work folder), as an installed lawdiff does; with
    # PYTHONDONTWRITEBYTECODE=1 every module would be compiled again in every run (0.1-0.2 s).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    warm: dict[tuple[int, str], list[float]] = {}
    first: dict[tuple[int, str], list[float]] = {}
    rss: dict[tuple[int, str], int] = {}
    shares: dict[int, list[float]] = {}  # warm: the pair read before
    first_shares: dict[int, list[tuple[float, float]]] = {}  # an empty cache folder each time
    for i, exe in enumerate(exes):  # fill each installation's warm cache (untimed)
        for name in names:
            run(exe, *files[name], work / f"warm{i}")
    for r in range(args.runs):
        for name in names:
            for i, exe in enumerate(exes):
                cpu, mb = run(exe, *files[name], work / f"warm{i}")
                warm.setdefault((i, name), []).append(cpu)
                rss[(i, name)] = max(rss.get((i, name), 0), mb)
                if name in FIRST_RUN:
                    cpu, _ = run(exe, *files[name], work / f"first{i}-{name}-{r}")
                    first.setdefault((i, name), []).append(cpu)
        if "civil-1260" in names:
            for i, exe in enumerate(exes):
                spent, total = norm_share(exe, *files["civil-1260"], work / f"warm{i}")
                shares.setdefault(i, []).append(spent / total)
                first_shares.setdefault(i, []).append(
                    norm_share(exe, *files["civil-1260"], work / f"share{i}-{r}"))
        print(f"run {r + 1}/{args.runs} done", file=sys.stderr, flush=True)
    med = {k: statistics.median(v) for k, v in warm.items()}
    print("| measure | " + " | ".join(str(e) for e in exes) + " |")
    print("|---|" + "---|" * len(exes))
    for name in names:
        print(f"| {name} warm | " + " | ".join(f"{med[(i, name)]:.3f} s" for i in range(len(exes))) + " |")
        if name in FIRST_RUN:
            print(f"| {name} first run | " + " | ".join(f"{statistics.median(first[(i, name)]):.3f} s"
                                                      for i in range(len(exes))) + " |")
    if {"civil-1260", "civil-5000"} <= set(names):
        steps = math.log2(5000 / 1260)
        print("| per doubling 1,260 → 5,000 | " + " | ".join(
            f"{(med[(i, 'civil-5000')] / med[(i, 'civil-1260')]) ** (1 / steps):.2f}×" for i in range(len(exes))) + " |")
        print("| peak memory, 5,000 articles | " + " | ".join(f"{rss[(i, 'civil-5000')]} MB"
                                                             for i in range(len(exes))) + " |")
    if shares:
        print("| norm stage share, civil-1260 warm (norms or verdict read back) | " + " | ".join(
            f"{statistics.median(shares[i]):.1%}" for i in range(len(exes))) + " |")
        print("| norm stage share, civil-1260 first run (empty cache folder) | " + " | ".join(
            _first_share(first_shares[i]) for i in range(len(exes))) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
