"""``lawdiff check``: run the pipeline on annotated corpus pairs and hold the results to the bars.

A PATH is a corpus folder (it has a ``meta.yaml``) or a folder of corpus folders.  Pairs without an
``annotations.yaml`` are listed as skipped.  Pairs run in parallel worker processes because each is
independent and the pipeline is CPU-bound (jieba, diff-match-patch); results come back in the order the
pairs were found (PATH order, then folder name), never in completion order, so that every output
format is byte-identical whatever ``--jobs`` is.

The bars (minimum label accuracy and alignment F1) come from the command line, else from the nearest
``lawdiff.yaml`` or ``pyproject.toml`` ``[tool.lawdiff]`` table found walking up from the first PATH,
else from :data:`DEFAULT_BARS`.  A pair whose annotations.yaml has its own ``bars:`` (with a ``reason``)
is held to those instead.

A pair is ``dev`` (the default) or ``heldout`` (annotations.yaml ``split``).  The pooled bars apply to
the dev pairs only; the held-out pairs are pooled apart and reported.  A held-out pair is still held to
its bars (they guard against regressions), but its ``expect_signal`` is reported, not a bar.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lawdiff.errors import CorpusError, LawdiffError
from lawdiff.evaluation.annotations import load_annotations, validate_against
from lawdiff.evaluation.metrics import Bars, Counts, PairResult, evaluate, shortfalls, total
from lawdiff.evaluation.pool import run_parallel
from lawdiff.io.meta import load_meta, read_corpus_yaml
from lawdiff.io.yaml_data import line_of

try:  # Python >= 3.11
    import tomllib as _toml
except ImportError:  # pragma: no cover - Python 3.10 installs tomli (see pyproject dependencies)
    try:
        import tomli as _toml  # type: ignore[no-redef,import-not-found,unused-ignore]
    except ImportError:
        _toml = None  # type: ignore[assignment]

DEFAULT_BARS = Bars(0.9, 0.9, "built-in defaults")
BAR_KEYS = {"min-label-accuracy": "min_label_accuracy", "min-alignment-f1": "min_alignment_f1"}
ANNOTATIONS = "annotations.yaml"


@dataclass(frozen=True, slots=True)
class CheckResult:
    pairs: tuple[PairResult, ...]
    skipped: tuple[tuple[str, str], ...]  # (corpus folder, why it was not checked)
    bars: Bars  # the global bars
    overall: Counts  # the dev pairs pooled: what the pooled bars apply to
    shortfalls: tuple[str, ...]  # of the pooled dev result
    overall_heldout: Counts = field(default_factory=Counts)  # the held-out pairs pooled: reported, not a bar

    @property
    def passed(self) -> bool:
        return not self.shortfalls and all(p.passed for p in self.pairs)

    @property
    def dev_passed(self) -> bool:
        """The pooled bars and every dev pair's bars hold."""
        return not self.shortfalls and all(p.passed for p in self.dev_pairs)

    @property
    def heldout_passed(self) -> bool:
        """Every held-out pair's bars hold (the held-out pool has no bar)."""
        return all(p.passed for p in self.heldout_pairs)

    @property
    def dev_pairs(self) -> tuple[PairResult, ...]:
        return tuple(p for p in self.pairs if not p.heldout)

    @property
    def heldout_pairs(self) -> tuple[PairResult, ...]:
        return tuple(p for p in self.pairs if p.heldout)


@dataclass(frozen=True, slots=True)
class _Failure:
    """A pair that could not be checked (returned from a worker rather than raised through the pool)."""

    folder: str
    message: str


# --------------------------------------------------------------------------- finding pairs


def find_pairs(paths: Sequence[str | Path]) -> tuple[Path, ...]:
    """Corpus folders under the PATHs, in PATH order then by name, each once.

    A folder that cannot be read (permissions) is an error naming it, never a traceback: silently skipping
    it would check fewer pairs than the user has and still pass."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        try:
            found = _pairs_in(p)
        except PermissionError as exc:
            where = exc.filename or p
            raise CorpusError(f"{where}: permission denied; make the folder readable (or move it out of {p})") from None
        except OSError as exc:
            raise CorpusError(f"{exc.filename or p}: cannot be read ({exc.strerror}); check the path") from None
        for d in found:
            key = d.resolve()
            if key not in seen:
                seen.add(key)
                out.append(d)
    return tuple(out)


def _pairs_in(p: Path) -> list[Path]:
    if not p.exists():
        raise CorpusError(f"{p}: no such folder; give a corpus folder (with meta.yaml) or a folder of them")
    if not p.is_dir():
        raise CorpusError(f"{p}: is a file; give a corpus folder (with meta.yaml) or a folder of them")
    if _has_meta(p):
        return [p]
    found = sorted((d for d in p.iterdir() if d.is_dir() and _has_meta(d)), key=lambda d: d.name)
    if not found:
        raise CorpusError(f"{p}: no corpus folders here (a corpus folder holds meta.yaml and the two "
                          "versions); see corpora/README.md")
    return found


def _has_meta(folder: Path) -> bool:
    """Whether ``folder`` holds a meta.yaml; PermissionError (with the folder's name) when it cannot be read."""
    try:
        os.listdir(folder)  # is_file() below would just say False for a folder that cannot be listed
    except PermissionError as exc:
        exc.filename = exc.filename or str(folder)
        raise
    return (folder / "meta.yaml").is_file()


# --------------------------------------------------------------------------- bars


def load_bars(start: str | Path, *, min_label_accuracy: float | None = None,
              min_alignment_f1: float | None = None) -> Bars:
    """The bars: flags win, then the nearest lawdiff.yaml / pyproject.toml [tool.lawdiff], then defaults."""
    found = _find_config(Path(start))
    bars = found or DEFAULT_BARS
    if min_label_accuracy is not None:
        bars = replace(bars, min_label_accuracy=min_label_accuracy)
    if min_alignment_f1 is not None:
        bars = replace(bars, min_alignment_f1=min_alignment_f1)
    if min_label_accuracy is not None and min_alignment_f1 is not None:
        bars = replace(bars, source="command line")
    elif min_label_accuracy is not None or min_alignment_f1 is not None:
        bars = replace(bars, source=f"command line and {bars.source}")
    return bars


def config_file(start: str | Path) -> Path | None:
    """The settings file for a check starting at ``start``: walking up, in each folder lawdiff.yaml first,
    then pyproject.toml; the first one found.

    A pyproject.toml marks a project root, so the walk stops there even without a [tool.lawdiff] table
    (the corpora of one project are never held to another project's bars).
    """
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for d in (folder, *folder.parents):
        for name in ("lawdiff.yaml", "pyproject.toml"):
            try:
                if (d / name).is_file():
                    return d / name
            except PermissionError:  # a folder above that cannot be searched holds no settings of ours
                continue
    return None


def _find_config(start: Path) -> Bars | None:
    found = config_file(start)
    if found is None:
        return None
    return _bars_from_yaml(found) if found.name == "lawdiff.yaml" else _bars_from_pyproject(found)


def _bars_from_values(path: Path, table: dict[str, Any], line_of: Callable[[str], int]) -> Bars:
    values = {"min_label_accuracy": DEFAULT_BARS.min_label_accuracy,
              "min_alignment_f1": DEFAULT_BARS.min_alignment_f1}
    for key, value in table.items():
        if key not in BAR_KEYS:
            if key.startswith("min-") or key.replace("_", "-") in BAR_KEYS:
                raise CorpusError(f"{path}: line {line_of(key)}: unknown bar {key!r}; the bars are "
                                  f"{', '.join(BAR_KEYS)}")
            continue  # other lawdiff settings live in the same table
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
            raise CorpusError(f"{path}: line {line_of(key)}: field {key} must be a number from 0 to 1 "
                              f"(got {value!r})")
        values[BAR_KEYS[key]] = float(value)
    return Bars(values["min_label_accuracy"], values["min_alignment_f1"], str(path))


def _bars_from_yaml(path: Path) -> Bars:
    data = read_corpus_yaml(path, None)
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: line 1: expected a mapping such as 'min-label-accuracy: 0.9'")
    return _bars_from_values(path, data, lambda k: line_of(data, k))


def _bars_from_pyproject(path: Path) -> Bars | None:
    if _toml is None:  # pragma: no cover
        return None
    try:
        text = path.read_text(encoding="utf-8")
        data = _toml.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot be read ({exc}); check the file's permissions and encoding") from None
    except _toml.TOMLDecodeError as exc:
        raise CorpusError(f"{path}: not valid TOML ({str(exc).splitlines()[0]}); fix the syntax") from None
    except RecursionError:
        raise CorpusError(f"{path}: nested too deeply to read; flatten the arrays and tables") from None
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise CorpusError(f"{path}: 'tool' must be a table ([tool.lawdiff]), not {type(tool).__name__}; fix it")
    table = tool.get("lawdiff")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise CorpusError(f"{path}: [tool.lawdiff] must be a table; write it as [tool.lawdiff] with the bars under it")

    def line_of(key: str) -> int:
        # tomllib keeps no positions: find the key inside the [tool.lawdiff] table by text
        in_table = False
        for n, line in enumerate(text.splitlines(), 1):
            s = line.strip()
            if s.startswith("["):
                in_table = s.replace(" ", "") == "[tool.lawdiff]"
            elif in_table and re.match(rf"[\"']?{re.escape(key)}[\"']?\s*=", s):
                return n
        return 1

    return _bars_from_values(path, table, line_of)


# --------------------------------------------------------------------------- running


def check_pair(folder: str | Path) -> PairResult:
    """Load, validate, run and evaluate one annotated pair.  Annotations are checked before the pipeline
    runs so that a malformed file is reported at once."""
    folder = Path(folder)
    meta = load_meta(folder / "meta.yaml")
    ann = load_annotations(folder / ANNOTATIONS, pair=meta.pair)
    from lawdiff.pipeline import compare_files  # the heavy imports (jieba) only where a pair is run

    report = compare_files(folder / meta.draft_file, folder / meta.final_file, meta=meta)
    unannotated = validate_against(ann, report.draft, report.final)
    return evaluate(report, ann, pair_path=str(folder), unannotated=unannotated)


def _worker(folder: str) -> PairResult | _Failure:
    try:
        return check_pair(folder)
    except LawdiffError as exc:
        return _Failure(folder, str(exc))


def _warm_up() -> None:
    """Import the pipeline once in the parent so that forked workers inherit the modules.

    jieba's dictionary is deliberately not loaded here: with a warm token cache (lawdiff/cache.py) no
    pair needs it, and with a cold one the workers load it side by side, not one after the other.
    """
    # warming is an optimisation: a real problem surfaces in the worker, with its pair named
    with contextlib.suppress(Exception):
        from lawdiff.pipeline import compare_files  # noqa: F401


def default_jobs(pairs: int) -> int:
    try:
        cores = len(os.sched_getaffinity(0))  # the cores this process may use (CI containers)
    except AttributeError:  # pragma: no cover - macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, min(cores, pairs))


def run_check(paths: Sequence[str | Path], *, bars: Bars, jobs: int | None = None) -> CheckResult:
    folders = find_pairs(paths)
    todo = [f for f in folders if (f / ANNOTATIONS).is_file()]
    skipped = tuple((str(f), "no annotations.yaml") for f in folders if not (f / ANNOTATIONS).is_file())
    if not todo:
        raise CorpusError(f"{', '.join(str(p) for p in paths)}: no corpus folder has an annotations.yaml, so "
                          "there is nothing to check; write one (lawdiff annotate DRAFT FINAL -o …/annotations.yaml)")
    n = jobs or default_jobs(len(todo))
    if n <= 1 or len(todo) == 1:
        raw = [_worker(str(f)) for f in todo]
    else:
        _warm_up()
        raw = run_parallel(_worker, [str(f) for f in todo], n)
    failures = [r for r in raw if isinstance(r, _Failure)]
    if failures:
        if len(failures) == 1:
            raise CorpusError(failures[0].message)
        raise CorpusError(f"{len(failures)} pairs could not be checked:\n"
                          + "\n".join(f"  {f.message}" for f in failures))
    results = tuple(_held_to(r, bars) for r in raw if isinstance(r, PairResult))
    if total(results).gold == 0:
        unreviewed = sum(r.unreviewed for r in results)
        raise CorpusError(f"no reviewed gold units to check ({unreviewed} unreviewed); read each unit against "
                          "both texts and set reviewed: true (see corpora/README.md)")
    dev = total([r for r in results if not r.heldout])
    heldout = total([r for r in results if r.heldout])
    return CheckResult(results, skipped, bars, dev, shortfalls(dev, bars), heldout)


def _held_to(r: PairResult, bars: Bars) -> PairResult:
    """The pair against its own bars if it has them, else the global ones; a held-out pair's signal is no bar."""
    own = r.bars or bars
    r = replace(r, bars=own)
    return replace(r, shortfalls=shortfalls(r.counts, own, r.signal if r.signal_is_bar else None))
