"""The Markdown results file of :mod:`run` (kept apart so that each module reads in one sitting)."""

from __future__ import annotations

import datetime as dt
import math

STAGES = ("read", "parse", "tokenize", "align", "diff", "classify", "summarize", "render")
EXTRA = ("tokenize (cache)", "rules")


def sec(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def per_doubling(t_small: float, t_big: float, n_small: int, n_big: int) -> float:
    return (t_big / t_small) ** (1 / math.log2(n_big / n_small))


def markdown(mach, args, rows, genai, imports, jieba) -> str:
    L = [f"# lawdiff benchmark — {dt.date.today().isoformat()}", ""]
    L.append(f"Machine: {mach['cpu']}, {mach['cores']} cores, {mach['ram']} RAM; {mach['os']}; Python "
             f"{mach['python']}; jieba {mach['jieba']}; lawdiff at {mach['commit']}.")
    L.append("")
    L.append(f"Command: `python benchmarks/run.py --sizes {args.sizes} --seed {args.seed} --repeat {args.repeat} "
             f"--runs {args.runs}`.  Pairs from `benchmarks/mutate.py` (seed {args.seed}).  In-process stage times "
             f"are medians of {args.repeat} repeats; whole-process times medians of {args.runs} runs of "
             "`lawdiff diff A B --format json > /dev/null`; peak memory is the largest child `ru_maxrss`.  "
             "*warm*: lawdiff's token cache filled by an earlier run; *cold*: empty token cache (jieba's own "
             "/tmp/jieba.cache present).  The machine is shared and noisy: compare medians, not single runs.")
    L += ["", "## Accuracy and whole-process time", "",
          "| articles draft→final | align P | align R | align F1 | label acc (aligned) | label acc (mutated) "
          "| process warm | process cold | peak RSS | difflib F1 | difflib naive | difflib pruned | lawdiff align "
          "| speed-up vs naive / pruned | redlines |", "|" + "---|" * 15]
    for r in rows:
        a, b, s = r["acc"], r["difflib"], r["stages"]
        n = r["naive"]
        cap = f"n/a (> {args.cap:.0f} s)"

        def speed(x, s=s):
            return "–" if x is None else f"{x['time'] / s['align']:.0f}×" if x["time"] else f"> {args.cap / s['align']:.0f}×"

        bf1 = "n/a" if b["f1"] is None else f"{b['f1']:.4f}"
        btime = f"{b['time']:.2f} s" if b["time"] else cap
        ntime = "not run" if n is None else f"{n['time']:.2f} s" if n["time"] else cap
        red = f"{r['redlines']:.2f} s" if r["redlines"] is not None else cap
        L.append(f"| {r['size']}→{r['final']} | {a['p']:.4f} | {a['r']:.4f} | {a['f1']:.4f} | {a['label_acc']:.3f} "
                 f"| {a['mutated_acc']:.3f} ({a['mutated']}) | {r['warm']['median']:.2f} s "
                 f"| {r['cold']['median']:.2f} s | {max(r['warm']['rss'], r['cold']['rss'])} MB "
                 f"| {bf1} | {ntime} | {btime} | {s['align']:.3f} s | {speed(n)} / {speed(b)} | {red} |")
    L += ["", "## Stage times in process (ms, median)", "",
          "*tokenize*: texts of changed units, jieba loaded, no caches; *tokenize (cache)*: the same read from a "
          "warm token cache; *rules*: loading the rule table (once per process; included in neither sum); "
          "*sum*: the eight stages with tokenize uncached.", "",
          "| articles | " + " | ".join(STAGES + EXTRA) + " | sum |", "|" + "---|" * (len(STAGES) + len(EXTRA) + 2)]
    for r in rows:
        s = r["stages"]
        L.append(f"| {r['size']} | " + " | ".join(f"{s[k] * 1000:.0f}" for k in STAGES + EXTRA)
                 + f" | {sum(s[k] for k in STAGES) * 1000:.0f} |")
    big = {r["size"]: r for r in rows}
    if 600 in big and 2500 in big:
        a, b = big[600], big[2500]
        L += ["", "Growth per doubling of articles between 600 and 2,500 (target ≤ 2.3×): "
              + ", ".join(f"{k} {per_doubling(a['stages'][k], b['stages'][k], 600, 2500):.2f}×"
                          for k in ("align", "tokenize", "diff", "classify", "summarize"))
              + f"; in-process sum {per_doubling(*(sum(x['stages'][k] for k in STAGES) for x in (a, b)), 600, 2500):.2f}×"
              + f"; whole process (warm) {per_doubling(a['warm']['median'], b['warm']['median'], 600, 2500):.2f}×"
              + f", (cold) {per_doubling(a['cold']['median'], b['cold']['median'], 600, 2500):.2f}×."]
    L += ["", "## genai-2023 end to end", "",
          "`lawdiff diff corpora/genai-2023/draft.txt corpora/genai-2023/final.txt --format json > /dev/null`", "",
          "| cache state | median | min | max | peak RSS | runs |", "|---|---|---|---|---|---|"]
    for k, v in genai.items():
        if v:
            L.append(f"| {k} | {v['median']:.3f} s | {v['min']:.3f} s | {v['max']:.3f} s | {v['rss']} MB | {v['n']} |")
    L += ["", "jieba in a fresh process, /tmp/jieba.cache warm (median): " + ", ".join(f"{k} {v:.3f} s" for k, v in jieba.items())
          + ".  (lawdiff's import includes lawdiff.tokenize; its load includes the legal user dictionary.)", "",
          "## Import time (`python -X importtime -c 'import lawdiff.cli'`, cumulative, median)", "",
          "| module | seconds |", "|---|---|"]
    L += [f"| {k} | {v:.3f} |" for k, v in imports.items()]
    for r in rows:
        if r["size"] == 1260 or r is rows[-1]:
            a = r["acc"]
            L += ["", f"## Label accuracy by edit ({r['size']} articles; units aligned correctly)", "",
                  "| edit | correct | units |", "|---|---|---|"]
            L += [f"| {op} | {ok} | {n} |" for op, (ok, n) in sorted(a["by_op"].items())]
            if a["confusion"]:
                L += ["", "Confusions (truth → lawdiff, count, first example): " + "; ".join(
                    f"{t}→{p} {n} ({a['examples'][(t, p)]})" for (t, p), n in a["confusion"]) + "."]
            if a["missed_ops"]:
                L += ["", "Truth units lawdiff did not form, by edit: "
                      + ", ".join(f"{op} {n}" for op, n in a["missed_ops"]) + "."]
            break
    return "\n".join(L) + "\n"
