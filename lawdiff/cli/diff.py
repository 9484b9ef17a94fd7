"""``lawdiff diff`` and ``lawdiff report``: compare two versions of a law and render the comparison.

``report`` is a shortcut, not a second implementation: its options are the ``diff`` command's own click
parameters (minus those that only shape terminal output) and it runs ``diff`` itself, so the two cannot
drift apart — same loading, same exit codes (0 no differences, 1 differences, 2 trouble), same atomic
write.
"""

from __future__ import annotations

import copy
import io
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lawdiff.cli.group import use_colour

if TYPE_CHECKING:
    from lawdiff.model import Report
    from lawdiff.render.view import View

EXAMPLES = ("genai-2023",)
#: the choices of --theme and --kind, written out so that ``import lawdiff.cli`` stays light (a test checks them)
THEMES = ("modal", "prohibition", "effort", "deadline", "scope", "approval", "sanction", "trigger", "rights",
          "promotion", "coordination", "disclosure", "procedure", "other")
KINDS = ("draft-final", "revision", "proposal-adopted")


def example_paths(name: str) -> tuple[Path, Path]:
    if name not in EXAMPLES:
        raise click.BadParameter(f"unknown example {name!r}; choose one of: {', '.join(EXAMPLES)}",
                                 param_hint="--example")
    base = resources.files("lawdiff") / "data" / "examples" / name
    return Path(str(base / "draft.txt")), Path(str(base / "final.txt"))


def printable(_ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Refuse a control character in a value that is printed (an ESC would drive the user's terminal, and
    the reader's when the Markdown report is shown)."""
    from lawdiff.errors import InputError
    from lawdiff.text.controls import CONTROL

    for v in values:
        if bad := CONTROL.search(v):
            raise InputError(f"{param.opts[0]}: contains the control character {bad.group(0)!r}; remove it")
    return values


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("draft", required=False, type=click.Path(path_type=Path, dir_okay=True))
@click.argument("final", required=False, type=click.Path(path_type=Path, dir_okay=True))
@click.option("--example", type=click.Choice(EXAMPLES), help="Compare a bundled example pair instead of files.")
@click.option("--format", "fmt", type=click.Choice(["terminal", "json", "markdown", "html", "docx"]),
              default="terminal", show_default=True, help="Output format (docx: a Word 修改对照表; needs -o on a terminal).")
@click.option("-o", "--output", type=click.Path(path_type=str), help="Write to this file (atomically) instead of stdout.")
@click.option("--side-by-side", is_flag=True, help="Draft and final in two columns.")
@click.option("--only-changed", is_flag=True, help="Hide unchanged units (the signal still counts them all).")
@click.option("--theme", "themes", multiple=True, type=click.Choice(THEMES), metavar="THEME",
              help=f"Show only units whose rules are about THEME; repeatable. One of: {', '.join(THEMES)}.")
@click.option("--summary", is_flag=True, help="Print only the signal summary (with the versions, in a report).")
@click.option("--show-unchanged", is_flag=True,
              help="Markdown/HTML/Word: print unchanged articles on both sides instead of 同左.")
@click.option("--context", type=click.IntRange(min=0), default=None,
              help="Show only N characters of unchanged text around each change.")
@click.option("--encoding", help="Encoding of both files (default: detect UTF-8, UTF-16, GB18030).")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language of the texts (default: detected).")
@click.option("--ui", type=click.Choice(["zh", "en"]),
              help="Language of the report's own words (default: that of the texts).")
@click.option("--kind", type=click.Choice(KINDS),
              help="What the two versions are: draft-final (征求意见稿 | 正式文本), revision (修订前 | 修订后) or "
                   "proposal-adopted (Proposal | Adopted text) [default: meta.yaml kind:, else read from the texts].")
@click.option("--rules", "rule_files", multiple=True, type=click.Path(path_type=Path),
              help="Add a user rule table (YAML); repeatable.")
@click.option("--meta", "meta_path", type=click.Path(path_type=Path),
              help="A meta.yaml with titles, issuers, dates (default: the one beside the files).")
@click.option("--draft-issuer", multiple=True, callback=printable, help="Issuing body of the draft; repeatable.")
@click.option("--final-issuer", multiple=True, callback=printable, help="Issuing body of the final version; repeatable.")
@click.option("--no-signal", is_flag=True, help="Do not print the signal summary.")
@click.option("--timestamp", is_flag=True, help="Markdown/HTML/JSON/Word: record when the report was made.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colours (auto: on a terminal unless NO_COLOR is set).")
@click.option("--width", type=click.IntRange(min=40), default=None, help="Terminal width (default: detect).")
@click.option("--no-cache", is_flag=True, help="Do not read or write lawdiff's caches (~/.cache/lawdiff; "
              "LAWDIFF_CACHE_DIR overrides).")
@click.pass_context
def diff(ctx: click.Context, draft: Path | None, final: Path | None, example: str | None, fmt: str,
         output: str | None, side_by_side: bool, only_changed: bool, themes: tuple[str, ...], summary: bool,
         show_unchanged: bool, context: int | None, encoding: str | None, lang: str | None, ui: str | None,
         kind: str | None, rule_files: tuple[Path, ...], meta_path: Path | None, draft_issuer: tuple[str, ...],
         final_issuer: tuple[str, ...], no_signal: bool, timestamp: bool, color: str, width: int | None,
         no_cache: bool) -> None:
    """Compare two versions of a law, article by article.

    Articles are aligned by content (renumbered, moved, split, merged, added, removed), diffed word by
    word, and every change is labelled relaxed / tightened / reworded / added / removed with the rules
    that fired.  The report speaks the language of the texts (--ui to change) and heads its columns
    as the kind of pair asks: 征求意见稿 | 正式文本, 修订前 | 修订后, Proposal | Adopted text (--kind).
    When the second file looks older or like the draft, one warning line says so; nothing stops.
    Exit status: 0 no differences, 1 differences found, 2 trouble.

    \b
    Example:
      lawdiff diff corpora/genai-2023/draft.txt corpora/genai-2023/final.txt --only-changed
    """
    from lawdiff.io.meta import find_meta, load_meta
    from lawdiff.model import Lang, PairKind, Theme
    from lawdiff.pipeline import compare_files
    from lawdiff.render.view import View

    if example and (draft or final):
        raise click.UsageError("give either DRAFT and FINAL or --example, not both")
    if not example and not (draft and final):
        if draft or final:
            raise click.UsageError("give two files, DRAFT and FINAL (or --example genai-2023)")
        example = "genai-2023"
    if example:
        draft, final = example_paths(example)
    assert draft is not None and final is not None
    meta = load_meta(meta_path, disk_cache=not no_cache) if meta_path else find_meta(draft, final, disk_cache=not no_cache)
    report = compare_files(draft, final, encoding=encoding, lang=Lang(lang) if lang else None,
                           extra_rules=rule_files, meta=meta, draft_issuers=draft_issuer, final_issuers=final_issuer,
                           cache=not no_cache, kind=PairKind(kind) if kind else None)
    code = 1 if report.changed else 0
    view = View(ui=Lang(ui) if ui else None, show_unchanged=show_unchanged, only_changed=only_changed,
                themes=tuple(Theme(t) for t in themes), summary=summary, timestamp=timestamp)
    to_screen = output is None or output == "-"
    if report.versions.order and not (fmt == "terminal" and to_screen and not summary):
        from lawdiff.render.prose import order_warning
        from lawdiff.text.controls import safe

        w = view.words(report)
        click.echo(f"lawdiff: {safe(w.p('warning', text=order_warning(report, w)))}", err=True)
    protect = inputs_of(draft, final, rule_files, meta_path)
    if fmt == "terminal":
        _terminal(report, output, color=color, width=width, side_by_side=side_by_side, view=view,
                  context=context, signal=not no_signal, protect=protect)
    else:
        from lawdiff.render import render, render_bytes

        if fmt == "docx":
            if to_screen and sys.stdout.isatty():
                raise click.UsageError("a Word file is not for the terminal: give -o report.docx (or pipe it to a file)")
            emit(render_bytes(report, fmt, view=view), output, protect=protect)
        else:
            emit(render(report, fmt, view=view), output, protect=protect, escape=fmt != "json")
    ctx.exit(code)


def inputs_of(draft: Path, final: Path, rule_files: Sequence[Path] = (), meta_path: Path | None = None) -> list[Path]:
    """Every file a comparison reads besides lawdiff's own: the two texts, the user's rule tables, and the
    meta.yaml given or looked for beside the texts (read even when it turns out to name other files).
    ``-o`` must be none of them."""
    found = [Path(draft).parent / "meta.yaml", Path(final).parent / "meta.yaml"]
    return [Path(draft), Path(final), *map(Path, rule_files), *([Path(meta_path)] if meta_path else found)]


def emit(text: str | bytes, output: str | None, *, protect: Sequence[Path], note: str = "",
         escape: bool = False) -> None:
    """``text`` to stdout, or atomically to ``output`` with one "wrote" line on stderr (names made safe).

    ``escape``: a text format that may carry a file name as it is (Markdown, HTML, YAML): on stdout, which
    may be a terminal, its control characters are shown as ``\\xNN`` (JSON escapes them itself).  Bytes (a
    Word file) go to stdout as they are: the caller refuses a terminal."""
    from lawdiff.text.controls import safe, safe_lines

    if output is None or output == "-":
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            click.echo(safe_lines(text) if escape else text, nl=False)
        return
    from lawdiff.io.write import write_atomic

    write_atomic(output, text, protect=protect)
    click.echo(f"lawdiff: wrote {safe(output)}{note}", err=True)


def _terminal(report: Report, output: str | None, *, color: str, width: int | None, side_by_side: bool,
              view: View, context: int | None, signal: bool, protect: Sequence[Path]) -> None:
    from rich.console import Console

    from lawdiff.render.terminal import render_report

    if output is not None and str(output) != "-":
        buf = io.StringIO()
        console = Console(file=buf, width=width or 100, color_system=None, force_terminal=False, no_color=True,
                          highlight=False, soft_wrap=not side_by_side)
        render_report(report, console, plain=True, side_by_side=side_by_side, view=view, context=context,
                      signal=signal)
        emit(buf.getvalue(), output, protect=protect)
        return
    colour = use_colour(color)
    console = Console(width=width, force_terminal=colour, no_color=not colour, highlight=False,
                      color_system="auto" if colour else None, soft_wrap=not colour and not side_by_side)
    render_report(report, console, plain=not colour, side_by_side=side_by_side, view=view, context=context,
                  signal=signal)


#: diff options that only shape terminal output; a report has no use for them.
TERMINAL_ONLY = frozenset({"side_by_side", "context", "color", "width", "no_signal"})
FORMATS = ("markdown", "json", "html", "docx")


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
    """Write the comparison as a report: a Markdown 修改对照表 (or JSON, one HTML page, a Word file).

    The first file on the left (征求意见稿 / 修订前), the second on the right (正式文本 / 修订后), article
    by article; deleted words ~~struck~~ (red strike-through in Word), inserted words **bold** (blue
    underline in Word), unchanged articles once with 同左 (--show-unchanged prints both); under each
    changed article its label, the reason with its evidence, and the rules that fired.  The words
    follow the language of the texts (--ui to change).  The same inputs give byte-identical output
    (no time unless --timestamp, no absolute paths), so reports can be committed and diffed.
    Exit status as for diff: 0 no differences, 1 differences found, 2 trouble.

    \b
    Example:
      lawdiff report corpora/genai-2023/draft.txt corpora/genai-2023/final.txt --format docx -o genai-2023.docx
    """
    ctx.invoke(diff, **options)
