"""``lawdiff diff`` and ``lawdiff report``: compare two versions of a law and render the comparison.

``report`` is a shortcut, not a second implementation: its options are the ``diff`` command's own click
parameters (minus those that only shape terminal output) and it runs ``diff`` itself, so the two cannot
drift apart — same loading, same exit codes (0 no differences, 1 differences, 2 trouble), same atomic
write.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lawdiff.cli.group import use_colour

if TYPE_CHECKING:
    from lawdiff.model import Report

EXAMPLES = ("genai-2023",)


def example_paths(name: str) -> tuple[Path, Path]:
    if name not in EXAMPLES:
        raise click.BadParameter(f"unknown example {name!r}; choose one of: {', '.join(EXAMPLES)}",
                                 param_hint="--example")
    base = resources.files("lawdiff") / "data" / "examples" / name
    return Path(str(base / "draft.txt")), Path(str(base / "final.txt"))


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("draft", required=False, type=click.Path(path_type=Path, dir_okay=True))
@click.argument("final", required=False, type=click.Path(path_type=Path, dir_okay=True))
@click.option("--example", type=click.Choice(EXAMPLES), help="Compare a bundled example pair instead of files.")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json", "markdown", "html"]), default="terminal",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file (atomically) instead of stdout.")
@click.option("--side-by-side", is_flag=True, help="Draft and final in two columns.")
@click.option("--only-changed", is_flag=True, help="Hide unchanged units.")
@click.option("--show-unchanged", is_flag=True, help="Markdown: print unchanged articles on both sides instead of 同左.")
@click.option("--context", type=click.IntRange(min=0), default=None,
              help="Show only N characters of unchanged text around each change.")
@click.option("--encoding", help="Encoding of both files (default: detect UTF-8, UTF-16, GB18030).")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language (default: detected from the text).")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(path_type=Path),
              help="Add a user rule table (YAML); repeatable.")
@click.option("--meta", "meta_path", type=click.Path(path_type=Path),
              help="A meta.yaml with titles, issuers, dates (default: the one beside the files).")
@click.option("--draft-issuer", multiple=True, help="Issuing body of the draft; repeatable.")
@click.option("--final-issuer", multiple=True, help="Issuing body of the final version; repeatable.")
@click.option("--no-signal", is_flag=True, help="Do not print the signal summary.")
@click.option("--timestamp", is_flag=True, help="Markdown/JSON: record when the report was made.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colours (auto: on a terminal unless NO_COLOR is set).")
@click.option("--width", type=click.IntRange(min=40), default=None, help="Terminal width (default: detect).")
@click.option("--no-cache", is_flag=True, help="Do not read or write lawdiff's caches (~/.cache/lawdiff; "
              "LAWDIFF_CACHE_DIR overrides).")
@click.pass_context
def diff(ctx: click.Context, draft: Path | None, final: Path | None, example: str | None, fmt: str,
         output: Path | None, side_by_side: bool, only_changed: bool, show_unchanged: bool, context: int | None,
         encoding: str | None, lang: str | None, rule_files: tuple[Path, ...], meta_path: Path | None,
         draft_issuer: tuple[str, ...], final_issuer: tuple[str, ...], no_signal: bool, timestamp: bool, color: str,
         width: int | None, no_cache: bool) -> None:
    """Compare two versions of a law, article by article.

    Articles are aligned by content (renumbered, moved, split, merged, added, removed), diffed word by
    word, and every change is labelled relaxed / tightened / reworded / added / removed with the rules
    that fired.  Exit status: 0 no differences, 1 differences, 2 trouble.

    \b
    Example:
      lawdiff diff corpora/genai-2023/draft.txt corpora/genai-2023/final.txt --only-changed
    """
    from lawdiff.io.meta import load_meta
    from lawdiff.model import Lang
    from lawdiff.pipeline import compare_files

    if example and (draft or final):
        raise click.UsageError("give either DRAFT and FINAL or --example, not both")
    if not example and not (draft and final):
        if draft or final:
            raise click.UsageError("give two files, DRAFT and FINAL (or --example genai-2023)")
        example = "genai-2023"
    if example:
        draft, final = example_paths(example)
    assert draft is not None and final is not None
    meta = load_meta(meta_path, disk_cache=not no_cache) if meta_path else None
    report = compare_files(draft, final, encoding=encoding, lang=Lang(lang) if lang else None,
                           extra_rules=rule_files, meta=meta, draft_issuers=draft_issuer, final_issuers=final_issuer,
                           cache=not no_cache)
    code = 1 if report.changed else 0
    if fmt == "terminal":
        _terminal(report, output, color=color, width=width, side_by_side=side_by_side, only_changed=only_changed,
                  context=context, signal=not no_signal, protect=(draft, final))
    else:
        from lawdiff.render import render

        text = render(report, fmt, show_unchanged=show_unchanged, timestamp=timestamp)
        _emit(text, output, protect=(draft, final))
    ctx.exit(code)


def _emit(text: str, output: Path | None, *, protect: Sequence[Path]) -> None:
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    from lawdiff.io.write import write_atomic

    write_atomic(output, text, protect=protect)
    from lawdiff.text.controls import safe

    click.echo(f"lawdiff: wrote {safe(str(output))}", err=True)


def _terminal(report: Report, output: Path | None, *, color: str, width: int | None, side_by_side: bool,
              only_changed: bool, context: int | None, signal: bool, protect: Sequence[Path]) -> None:
    from rich.console import Console

    from lawdiff.render.terminal import render_report

    if output is not None and str(output) != "-":
        buf = io.StringIO()
        console = Console(file=buf, width=width or 100, color_system=None, force_terminal=False, no_color=True,
                          highlight=False, soft_wrap=not side_by_side)
        render_report(report, console, plain=True, side_by_side=side_by_side, only_changed=only_changed,
                      context=context, signal=signal)
        _emit(buf.getvalue(), output, protect=protect)
        return
    colour = use_colour(color)
    console = Console(width=width, force_terminal=colour, no_color=not colour, highlight=False,
                      color_system="auto" if colour else None, soft_wrap=not colour and not side_by_side)
    render_report(report, console, plain=not colour, side_by_side=side_by_side, only_changed=only_changed,
                  context=context, signal=signal)


#: diff options that only shape terminal output; a report has no use for them.
TERMINAL_ONLY = frozenset({"side_by_side", "only_changed", "context", "color", "width", "no_signal"})
FORMATS = ("markdown", "json", "html")


def _params() -> list[click.Parameter]:
    params: list[click.Parameter] = []
    for p in diff.params:
        if p.name in TERMINAL_ONLY:
            continue
        if p.name == "fmt":
            params.append(
                click.Option(
                    ["--format", "fmt"],
                    type=click.Choice(FORMATS),
                    default="markdown",
                    show_default=True,
                    help="Report format.",
                )
            )
            continue
        params.append(copy.copy(p))
    return params


@click.command("report", params=_params(), context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def report(ctx: click.Context, **options: object) -> None:
    """Write the comparison as a report: a Markdown 修改对照表 (or JSON, or one HTML page).

    Draft on the left, final on the right, article by article; deleted words ~~struck~~, inserted
    words **bold**, unchanged articles once with 同左 (--show-unchanged prints both); under each
    changed article its label and the rules that fired.  The same inputs give byte-identical output
    (no time unless --timestamp, no absolute paths), so reports can be committed and diffed.
    Exit status as for diff: 0 no differences, 1 differences, 2 trouble.

    \b
    Example:
      lawdiff report corpora/genai-2023/draft.txt corpora/genai-2023/final.txt -o genai-2023.md
    """
    ctx.invoke(diff, **options)
