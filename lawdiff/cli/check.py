"""``lawdiff check`` and ``lawdiff annotate``.  Thin: options in, library call, render, exit code.

The logic lives in :mod:`lawdiff.evaluation.check` (finding pairs, bars, parallel run), :mod:`lawdiff.evaluation.metrics`
(matching and metrics), :mod:`lawdiff.evaluation.annotations` (the gold file) and :mod:`lawdiff.evaluation.report` /
:mod:`lawdiff.evaluation.junit` (output).  The group (:mod:`lawdiff.cli.group`) imports this module when one of them is used.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lawdiff.cli.group import use_colour
from lawdiff.errors import OutputError
from lawdiff.text.controls import safe

if TYPE_CHECKING:
    from lawdiff.evaluation.check import CheckResult


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--min-label-accuracy", type=click.FloatRange(0.0, 1.0), default=None,
              help="Bar for label accuracy over aligned gold units, per pair and for the dev pairs pooled "
                   "[default: pyproject.toml [tool.lawdiff] or lawdiff.yaml, else 0.9]; a pair with its own "
                   "bars: in annotations.yaml is held to those.")
@click.option("--min-alignment-f1", type=click.FloatRange(0.0, 1.0), default=None,
              help="Bar for alignment F1, per pair and for the dev pairs pooled [default: as above].")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json", "markdown", "junit"]), default="terminal",
              show_default=True, help="Output format (junit: one test case per gold unit, for CI).")
@click.option("-o", "--output", type=click.Path(path_type=str), help="Write to this file (atomically).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Pairs checked in parallel [default: min(cores, pairs)].")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour PASS/FAIL in terminal output.")
@click.pass_context
def check(ctx: click.Context, paths: tuple[Path, ...], min_label_accuracy: float | None,
          min_alignment_f1: float | None, fmt: str, output: str | None, jobs: int | None, color: str) -> None:
    """Measure lawdiff against annotated corpora: alignment, labels, effects, signal.

    PATH is a corpus folder (meta.yaml, two versions, annotations.yaml) or a folder of them
    [default: corpora/].  For each pair, predicted units are matched to the reviewed gold units by
    their article sets, and the report gives alignment precision/recall/F1, label accuracy (over
    aligned gold units), a confusion matrix, per-label precision/recall, effect accuracy, the
    expect_signal check and every disagreement.  Unreviewed units are not gold.  A pair marked
    split: heldout is pooled apart from the dev pairs and its expect_signal is reported, not a bar.
    Exit status: 0 every bar holds, 1 a pair or the dev total falls short (a dev pair's expect_signal
    is a bar too), 2 trouble (a malformed file).

    \b
    Example:
      lawdiff check corpora/ --format junit -o lawdiff-junit.xml
    """
    from lawdiff.cli.diff import emit
    from lawdiff.evaluation.check import config_file, load_bars, run_check

    paths = paths or (Path("corpora"),)
    bars = load_bars(paths[0], min_label_accuracy=min_label_accuracy, min_alignment_f1=min_alignment_f1)
    started = time.perf_counter()
    result = run_check(paths, bars=bars, jobs=jobs)
    elapsed = time.perf_counter() - started
    from lawdiff.evaluation.junit import render_junit
    from lawdiff.evaluation.report import render_json, render_markdown, render_terminal

    if fmt == "terminal":
        to_tty = output is None or output == "-"
        text = render_terminal(result, style=click.style if to_tty and use_colour(color) else None)
    else:
        text = {"json": render_json, "markdown": render_markdown, "junit": render_junit}[fmt](result)
    settings = config_file(paths[0])
    emit(text, output, protect=[*_corpus_files(result), *([settings] if settings else [])], escape=fmt == "markdown")
    gold = result.overall.gold + result.overall_heldout.gold
    held = f", {len(result.heldout_pairs)} held out" if result.heldout_pairs else ""
    click.echo(f"lawdiff: checked {len(result.pairs)} pairs{held} ({gold} gold units) in {elapsed:.1f} s: "
               f"{'pass' if result.passed else 'below the bar'}", err=True)
    ctx.exit(0 if result.passed else 1)


@click.command()
@click.argument("draft", type=click.Path(path_type=Path))
@click.argument("final", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=str),
              help="The annotations.yaml to write (atomically) [default: stdout].")
@click.option("--force", is_flag=True, help="Replace an existing annotations file.")
@click.option("--pair", "pair_id", help="Pair id [default: from meta.yaml beside the files, else the folder name].")
@click.option("--encoding", help="Encoding of both files (default: detect).")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language (default: detected from the text).")
@click.option("--meta", "meta_path", type=click.Path(path_type=Path),
              help="A meta.yaml for the pair (default: the one beside the files).")
def annotate(draft: Path, final: Path, output: str | None, force: bool, pair_id: str | None, encoding: str | None,
             lang: str | None, meta_path: Path | None) -> None:
    """Write a starting annotations.yaml from lawdiff's own output, for a person to review.

    Every unit gets reviewed: false and the tool's reason as a draft rationale starting "TOOL:";
    the tool's overall direction is written as a commented-out expect_signal.  `lawdiff check`
    never treats unreviewed units as gold.  An existing file is never overwritten without --force
    (it may hold reviewed gold).

    \b
    Example:
      lawdiff annotate corpora/genai-2023/draft.txt corpora/genai-2023/final.txt -o /tmp/annotations.yaml
    """
    from lawdiff.cli.diff import emit, inputs_of
    from lawdiff.evaluation.annotations import draft_annotations
    from lawdiff.io.meta import find_meta, load_meta
    from lawdiff.model import Lang
    from lawdiff.pipeline import compare_files

    target = output if output is not None and output != "-" else None
    if target is not None and Path(target).exists() and not force:
        raise OutputError(f"{safe(target)}: already exists and may hold reviewed gold; lawdiff annotate does not "
                          "overwrite it — pass --force to replace it, or choose another -o")
    meta = load_meta(meta_path) if meta_path else find_meta(draft, final)
    report = compare_files(draft, final, encoding=encoding, lang=Lang(lang) if lang else None, meta=meta)
    pair = pair_id or (meta.pair if meta else Path(draft).resolve().parent.name)
    text = draft_annotations(report, pair=pair)
    emit(text, target, protect=inputs_of(draft, final, meta_path=meta_path),
         note=f" ({len(report.units)} units, all reviewed: false)", escape=True)


def _corpus_files(result: CheckResult) -> list[Path]:
    """Every file a checked pair was read from (meta.yaml, annotations.yaml, the two texts): ``-o`` must not
    replace one of them (``lawdiff check corpora/x -o corpora/x/annotations.yaml`` would lose the gold)."""
    from lawdiff.errors import LawdiffError
    from lawdiff.io.meta import load_meta

    files: list[Path] = []
    for pair in result.pairs:
        folder = Path(pair.path)
        files += [folder / "meta.yaml", Path(pair.annotations)]
        try:
            meta = load_meta(folder / "meta.yaml")
        except LawdiffError:  # pragma: no cover - it was just loaded by the check
            continue
        files += [folder / meta.draft_file, folder / meta.final_file]
    return files
