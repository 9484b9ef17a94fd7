"""Benchmark lawdiff on mutated pairs with known truth, against two baselines, and write the results.

For each size: a seeded mutated pair (:mod:`mutate`), then

* accuracy — alignment precision/recall/F1 over units ``(draft articles, final articles)``, label
  accuracy on the units aligned correctly, and on the mutated ones among them;
* stage times — read, parse, tokenize, align, diff, classify, summarize, render, each stage function
  called in this process (median of ``--repeat``; tokenize with jieba already loaded and no caches);
* whole process — ``lawdiff diff A B --format json > /dev/null`` as a child (median of ``--runs``) with a
  warm token cache, and with an empty one; peak memory is the child's ``ru_maxrss``;
* baselines — a greedy ``difflib`` article matcher (:mod:`baselines`) and ``redlines`` on the whole text,
  each under a time cap.

Also genai-2023 end to end (cold/warm caches, and with jieba's own /tmp cache absent) and import times.
Writes ``benchmarks/results/<date>-<host>.md``.

    python benchmarks/run.py                       # all sizes, ~15 minutes on 2 cores
    python benchmarks/run.py --sizes 50,300 --quick
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import baselines  # noqa: E402
import mutate  # noqa: E402
from launch import LAUNCHER  # noqa: E402
from results_md import EXTRA, STAGES, markdown, sec  # noqa: E402

from lawdiff.align import align  # noqa: E402
from lawdiff.classify.label import classify  # noqa: E402
from lawdiff.classify.rules import load_rules, shipped_rules  # noqa: E402
from lawdiff.diff.word_diff import diff_texts, diff_tokens, unit_texts  # noqa: E402
from lawdiff.io import cache  # noqa: E402
from lawdiff.io.read import read_file  # noqa: E402
from lawdiff.model import ArticleDiff, Report, UnitReport, VersionMeta  # noqa: E402
from lawdiff.parse import parse_text  # noqa: E402
from lawdiff.render.json import render_json  # noqa: E402
from lawdiff.signal import summarize  # noqa: E402
from lawdiff.text.words import Tokenizer  # noqa: E402

LAWDIFF = Path(sys.executable).with_name("lawdiff")
GENAI = (ROOT / "corpora" / "genai-2023" / "draft.txt", ROOT / "corpora" / "genai-2023" / "final.txt")


# ----------------------------------------------------------------------------- in-process stages

#: the benchmark's tokenizer: jieba loaded once, outside every timed stage; each run starts an empty memo
JIEBA = Tokenizer()


def run_stages(draft_path: Path, final_path: Path, cache_root: Path) -> tuple[dict[str, float], Report]:
    """Each stage as the pipeline runs it.  ``tokenize``: the texts of changed units (identical texts are
    not tokenized), jieba loaded, no caches; ``tokenize (cache)``: the same with lawdiff's token cache warm
    (reading the cache files included); ``rules``: loading the rule table (parsed once per process)."""
    t: dict[str, float] = {}
    c = time.perf_counter
    t0 = c()
    (dtext, denc), (ftext, fenc) = read_file(draft_path), read_file(final_path)
    t1 = c()
    draft = parse_text(dtext, path=str(draft_path), encoding=denc)
    final = parse_text(ftext, path=str(final_path), encoding=fenc, lang=draft.lang)
    t2 = c()
    lang = draft.lang
    units = align(draft, final, lang=lang)
    t3 = c()
    texts = [unit_texts(u) for u in units]
    changed = [i for i, (a, b) in enumerate(texts) if a != b]
    tok = JIEBA
    tok.memo.clear()  # jieba loaded, nothing segmented yet
    tokens = {i: (tok.tokenize(texts[i][0], lang), tok.tokenize(texts[i][1], lang)) for i in changed}
    t4 = c()
    tok.memo.clear()
    os.environ[cache.ENV] = str(cache_root)
    with cache.token_cache((draft, final), lang, tok):
        cached = {i: (tok.tokenize(texts[i][0], lang), tok.tokenize(texts[i][1], lang)) for i in changed}
    t4b = c()
    assert cached == tokens
    diffs = [ArticleDiff(u, a, b, diff_tokens(*tokens[i]) if i in tokens else diff_texts(a, b, lang, tokenizer=tok))
             for i, (u, (a, b)) in enumerate(zip(units, texts))]
    t5 = c()
    shipped_rules.cache_clear()  # a process parses the rule table once: count that once per run
    rules = load_rules(lang)
    t5b = c()
    reports = [UnitReport(d, classify(d, rules, lang)) for d in diffs]
    t6 = c()
    dm, fm = VersionMeta(title=draft.title), VersionMeta(title=final.title)
    signal = summarize(reports, draft=draft, final=final, draft_meta=dm, final_meta=fm, lang=lang)
    report = Report(draft=draft, final=final, draft_meta=dm, final_meta=fm, units=tuple(reports), signal=signal,
                    lang=lang, rules_used=tuple(getattr(rules, "sources", ())))
    t7 = c()
    render_json(report)
    t8 = c()
    t.update(read=t1 - t0, parse=t2 - t1, align=t3 - t2, tokenize=t4 - t3, diff=t5 - t4b, classify=t6 - t5b,
             summarize=t7 - t6, render=t8 - t7)
    t["tokenize (cache)"] = t4b - t4
    t["rules"] = t5b - t5
    return t, report


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


# ----------------------------------------------------------------------------- accuracy

def unit_key(draft_numbers, final_numbers) -> tuple[frozenset[int], frozenset[int]]:
    return frozenset(draft_numbers), frozenset(final_numbers)


def prf(pred: set, truth: set) -> tuple[float, float, float]:
    hit = len(pred & truth)
    p = hit / len(pred) if pred else 1.0
    r = hit / len(truth) if truth else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(report: Report, truth: dict) -> dict:
    tunits = {unit_key(u["draft"], u["final"]): u for u in truth["units"]}
    pred = {unit_key(u.unit.draft_numbers, u.unit.final_numbers): u.change.label.value for u in report.units}
    p, r, f = prf(set(pred), set(tunits))
    both = [k for k in pred if k in tunits]
    ok = [k for k in both if pred[k] == tunits[k]["label"]]
    mutated = [k for k in both if tunits[k]["mutated"]]
    ok_m = [k for k in mutated if pred[k] == tunits[k]["label"]]
    by_op: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    confusion: collections.Counter = collections.Counter()
    examples: dict[tuple[str, str], str] = {}
    for k in both:
        u = tunits[k]
        good = pred[k] == u["label"]
        for op in u["ops"] or ["(none)"]:
            by_op[op][0] += good
            by_op[op][1] += 1
        if not good:
            confusion[(u["label"], pred[k])] += 1
            examples.setdefault((u["label"], pred[k]), f"d{u['draft']}→f{u['final']} {'+'.join(u['ops'])}")
    missed = [u for k, u in tunits.items() if k not in pred]
    miss_ops = collections.Counter(op for u in missed for op in (u["ops"] or ["(none)"]))
    return {"p": p, "r": r, "f1": f, "aligned": len(both), "label_acc": len(ok) / len(both) if both else 0.0,
            "mutated": len(mutated), "mutated_acc": len(ok_m) / len(mutated) if mutated else 0.0,
            "by_op": dict(by_op), "confusion": confusion.most_common(8), "examples": examples,
            "missed_ops": miss_ops.most_common(8), "truth_units": len(tunits), "pred_units": len(pred)}


# ----------------------------------------------------------------------------- whole process


def run_process(args: list[str], *, env: dict[str, str]) -> tuple[float, int, int, float]:
    """(wall seconds, peak RSS in MB, exit code, CPU seconds) of one child; its stdout goes to /dev/null."""
    p = subprocess.run([sys.executable, "-c", LAUNCHER, *args], capture_output=True, text=True, env=env)
    try:
        wall, rss, code, cpu = p.stdout.split()
    except ValueError:
        raise RuntimeError(f"{' '.join(args)}: launcher failed: {p.stderr[-500:]}") from None
    if int(code) not in (0, 1):
        raise RuntimeError(f"{' '.join(args)} exited {code}: {p.stderr[-500:]}")
    return float(wall), int(rss) // 1024, int(code), float(cpu)


def process_times(draft: Path, final: Path, runs: int, mode: str, extra: tuple[str, ...] = ()) -> dict:
    """Whole-process runs in one cache state:

    * warm — lawdiff's token cache holds these documents (an untimed run filled it);
    * cold — no tokens cached for these documents, but lawdiff has run before on this machine (its copy
      of jieba's dictionary in parts is there): the usual case for a new pair of texts;
    * first-run — empty lawdiff cache folder: jieba builds its prefix dictionary from its dict.txt (lawdiff
      never reads jieba's shared /tmp/jieba.cache) and lawdiff writes its caches.
    """
    import shutil

    cmd = [str(LAWDIFF), "diff", str(draft), str(final), "--format", "json", *extra]
    walls, rss, cpus = [], [], []
    with tempfile.TemporaryDirectory(prefix="lawdiff-bench-") as tmp:
        root = Path(tmp) / "cache"
        env = dict(os.environ, LAWDIFF_CACHE_DIR=str(root))
        if mode in ("warm", "cold"):
            run_process(cmd, env=env)
        for i in range(runs):
            if mode == "cold":
                shutil.rmtree(root / "tokens", ignore_errors=True)
            elif mode != "warm":
                env["LAWDIFF_CACHE_DIR"] = str(Path(tmp) / f"cache{i}")
            w, m, _, c = run_process(cmd, env=env)
            walls.append(w)
            rss.append(m)
            cpus.append(c)
    return {"median": statistics.median(walls), "min": min(walls), "max": max(walls), "rss": max(rss), "n": runs,
            "cpu": statistics.median(cpus)}


# ----------------------------------------------------------------------------- baselines

def run_difflib(draft_path: Path, final_path: Path, truth: dict, cap: float, *, prune: bool) -> dict:
    d = parse_text(read_file(draft_path)[0])
    f = parse_text(read_file(final_path)[0], lang=d.lang)
    t0 = time.perf_counter()
    try:
        units = baselines.greedy_difflib(d, f, prune=prune, deadline=t0 + cap)
    except baselines.Timeout:
        return {"time": None, "f1": None}
    took = time.perf_counter() - t0
    tunits = {unit_key(u["draft"], u["final"]) for u in truth["units"]}
    p, r, f1 = prf(set(units), tunits)
    return {"time": took, "p": p, "r": r, "f1": f1}


def run_redlines(draft_path: Path, final_path: Path, cap: float) -> float | None:
    try:
        out = subprocess.run([sys.executable, str(HERE / "baselines.py"), "redlines", str(draft_path),
                              str(final_path)], capture_output=True, text=True, timeout=cap, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"redlines failed: {exc.stderr[-400:]}") from None
    return float(out.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- machine and imports

def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or cpu
    ram = ""
    try:
        kb = int(next(ln.split()[1] for ln in open("/proc/meminfo") if ln.startswith("MemTotal")))
        ram = f"{kb / 1048576:.1f} GiB"
    except (OSError, StopIteration):
        pass
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "lawdiff"],
                               capture_output=True, text=True).stdout.strip()
        commit += " (+ uncommitted changes in lawdiff/)" if dirty else ""
    except OSError:
        commit = "?"
    from importlib.metadata import version

    return {"cpu": cpu, "cores": str(os.cpu_count()), "ram": ram, "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}", "jieba": version("jieba"), "commit": commit}


def import_times(runs: int) -> dict[str, float]:
    """Median self+children microseconds of lawdiff.cli and the heavy modules it may pull in."""
    samples: dict[str, list[float]] = collections.defaultdict(list)
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import lawdiff.cli"],
                             capture_output=True, text=True).stderr
        seen = {}
        for line in out.splitlines():
            m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)", line)
            if m:
                seen[m.group(3)] = int(m.group(1))
        for name in ("lawdiff.cli", "jieba", "yaml", "rich.console", "click", "diff_match_patch", "lawdiff.classify.rules"):
            samples[name].append(seen.get(name, 0) / 1e6)
        for name in [n for n in seen if n.startswith("rich.") and n.count(".") == 1]:
            samples["rich (all)"].append(seen[name] / 1e6)
    helps = [run_process([str(LAWDIFF), "--help"], env=dict(os.environ)) for _ in range(runs)]
    out = {k: statistics.median(v) for k, v in samples.items()}
    out["lawdiff --help (process wall)"] = statistics.median(h[0] for h in helps)
    out["lawdiff --help (process CPU)"] = statistics.median(h[3] for h in helps)
    return out


def jieba_init_times(runs: int, primed: Path) -> dict[str, float]:
    """In fresh children: import jieba, load its dictionary and the legal user dictionary, segment every CJK
    run of genai-2023 — jieba's own way (``import jieba``, ``Tokenizer().initialize()``, /tmp/jieba.cache
    warm) against lawdiff's (:meth:`lawdiff.text.words.Tokenizer.segment`, with lawdiff's dictionary parts
    present)."""
    setup = (f"import time;t=time.perf_counter();from lawdiff.text.words import cjk_runs;"
             f"runs=sorted(set(cjk_runs(open({str(GENAI[0])!r}).read()+open({str(GENAI[1])!r}).read())));")
    stock = (setup + "t=time.perf_counter();import jieba;t1=time.perf_counter();jieba.setLogLevel(30);"
             "tok=jieba.Tokenizer();tok.initialize();from importlib import resources;"
             "tok.load_userdict(str(resources.files('lawdiff')/'data'/'legal_dict.txt'));"
             "[tok.lcut(r,HMM=False) for r in runs];print(t1-t,time.perf_counter()-t1)")
    ours = (setup + "t=time.perf_counter();from lawdiff.text.words import import_jieba;import_jieba();"
            "from lawdiff.io.cache import shared_tokenizer;tok=shared_tokenizer();"
            "t1=time.perf_counter();[tok.segment(r) for r in runs];print(t1-t,time.perf_counter()-t1)")
    out: dict[str, float] = {}
    env = dict(os.environ, LAWDIFF_CACHE_DIR=str(primed))
    for name, code in (("jieba's own", stock), ("lawdiff", ours)):
        ims, loads = [], []
        for _ in range(runs):
            a, b = map(float, subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                             check=True, env=env).stdout.split())
            ims.append(a)
            loads.append(b)
        out[f"{name}: import jieba"] = statistics.median(ims)
        out[f"{name}: dictionaries + segmenting genai-2023"] = statistics.median(loads)
    return out


# ----------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="lawdiff scale and speed benchmark")
    ap.add_argument("--sizes", default="50,100,300,600,1260,2500")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="in-process repeats (median)")
    ap.add_argument("--runs", type=int, default=5, help="whole-process runs per cache state (median)")
    ap.add_argument("--cap", type=float, default=120.0, help="time cap per baseline run (redlines, pruned difflib), s")
    ap.add_argument("--naive-cap", type=float, default=300.0, help="time cap of the unpruned difflib run, s")
    ap.add_argument("--quick", action="store_true", help="1 repeat, 3 runs, no naive difflib")
    ap.add_argument("--no-naive", action="store_true", help="skip the unpruned difflib baseline (minutes)")
    ap.add_argument("--out", type=Path, help="Markdown file (default benchmarks/results/<date>-<host>.md)")
    args = ap.parse_args(argv)
    if args.quick:
        args.repeat, args.runs, args.no_naive = 1, 3, True
    if os.environ.get("PYTHONHASHSEED") != "0":
        # lawdiff's output should not depend on string hashing, but pin it so that a run is reproducible
        os.execve(sys.executable, [sys.executable, *sys.argv], dict(os.environ, PYTHONHASHSEED="0"))
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="lawdiff-bench-pairs-"))
    os.environ[cache.ENV] = str(work / "cache-default")  # never the user's own cache folder
    # Children keep compiled bytecode (in the work folder), as an installed lawdiff does; an environment
    # with PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module in every run (0.1-0.2 s).
    bytecode_note = "set" if os.environ.pop("PYTHONDONTWRITEBYTECODE", None) else "not set"
    os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    mach = machine()
    load_before = os.getloadavg()  # POSIX, like the fork/wait4 launcher: the benchmark needs Linux or macOS
    rows = []
    JIEBA.tokenize("预热", mutate_lang())  # load jieba once, outside every timed stage
    for size in sizes:
        pair = mutate.generate(size, args.seed)
        dpath, fpath, _ = mutate.write_pair(pair, work / f"n{size}")
        stage_runs, report = [], None
        run_stages(dpath, fpath, work / f"cache{size}")  # untimed: fills the token cache, warms lru caches
        for _ in range(args.repeat):
            t, report = run_stages(dpath, fpath, work / f"cache{size}")
            stage_runs.append(t)
        stages = medians(stage_runs)
        acc = score(report, pair.truth)
        warm = process_times(dpath, fpath, args.runs, "warm")
        cold = process_times(dpath, fpath, args.runs, "cold")
        base = run_difflib(dpath, fpath, pair.truth, args.cap, prune=True)
        naive = run_difflib(dpath, fpath, pair.truth, args.naive_cap, prune=False) if not args.no_naive else None
        red = run_redlines(dpath, fpath, args.cap)
        row = {"size": size, "final": pair.truth["final_articles"], "stages": stages, "acc": acc, "warm": warm,
               "cold": cold, "difflib": base, "naive": naive, "redlines": red}
        rows.append(row)
        print_row(row)
    genai = {m: process_times(*GENAI, args.runs, m) for m in ("warm", "cold")}
    genai["first-run"] = process_times(*GENAI, max(3, args.runs // 2), "first-run")
    genai["no-cache flag"] = process_times(*GENAI, args.runs, "warm", ("--no-cache",)) if _has_no_cache() else None
    for k, v in genai.items():
        if v:
            print(f"genai-2023 {k:>14}: median {v['median']:.3f} s (min {v['min']:.3f}, max {v['max']:.3f}), "
                  f"CPU {v['cpu']:.3f} s, peak {v['rss']} MB")
    imports = import_times(args.runs)
    jieba = jieba_init_times(args.runs, work / "cache-default")  # holds the dictionary parts by now
    mach["load"] = (f"load average {load_before[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; "
                    f"children run with a bytecode cache (PYTHONDONTWRITEBYTECODE was {bytecode_note} here)")
    text = markdown(mach, args, rows, genai, imports, jieba)
    out = args.out or ROOT / "benchmarks" / "results" / f"{dt.date.today().isoformat()}-{socket.gethostname()}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}")
    return 0


def mutate_lang():
    from lawdiff.model import Lang

    return Lang.ZH


def _has_no_cache() -> bool:
    out = subprocess.run([str(LAWDIFF), "diff", "--help"], capture_output=True, text=True).stdout
    return "--no-cache" in out


def print_row(row: dict) -> None:
    a, s = row["acc"], row["stages"]
    print(f"\n== {row['size']} → {row['final']} articles")
    print(f"   align P {a['p']:.4f} R {a['r']:.4f} F1 {a['f1']:.4f}; labels {a['label_acc']:.4f} "
          f"(mutated {a['mutated_acc']:.4f} of {a['mutated']})")
    print("   stages ms: " + "  ".join(f"{k} {s[k] * 1000:.0f}" for k in STAGES + EXTRA)
          + f"  = {sum(s[k] for k in STAGES):.2f} s")
    print(f"   process: warm {row['warm']['median']:.2f} s (CPU {row['warm']['cpu']:.2f}), "
          f"cold {row['cold']['median']:.2f} s (CPU {row['cold']['cpu']:.2f}), "
          f"peak {max(row['warm']['rss'], row['cold']['rss'])} MB")
    b, n = row["difflib"], row["naive"] or {"time": None}
    print(f"   difflib greedy: {sec(b['time'])} s pruned, {sec(n['time'])} s naive (n/a: skipped or over the cap), "
          f"F1 {b['f1'] if b['f1'] is None else round(b['f1'], 4)}; redlines {sec(row['redlines'])} s")
    if a["confusion"]:
        print("   label confusions (truth→lawdiff): " + ", ".join(f"{t}→{p} {n}" for (t, p), n in a["confusion"]))


if __name__ == "__main__":
    raise SystemExit(main())
