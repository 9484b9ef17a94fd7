"""The command line.  Thin: parse options, call the library, render, map errors to exit codes.

Exit codes follow diff(1): 0 no differences, 1 differences, 2 trouble.  ``LawdiffError`` from the core
becomes one line on stderr and exit 2; no traceback ever reaches a user for bad input.
"""

from __future__ import annotations

import importlib
import os
import sys
from importlib import resources
from pathlib import Path

import click

from lawdiff import __version__
from lawdiff.errors import LawdiffError

EXAMPLES = ("genai-2023",)
#: sub-commands living in their own modules (name -> module, attribute), imported when first used
OPTIONAL_COMMANDS = {"rules": ("cli.rules", "rules"), "check": ("cli.check", "check"),
                     "annotate": ("cli.check", "annotate"), "report": ("cli.report", "report")}


class LawdiffGroup(click.Group):
    """Turns library errors into one line + exit 2, and Ctrl-C into exit 130 with nothing half-written."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except LawdiffError as exc:
            click.echo(f"lawdiff: {exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("lawdiff: interrupted; no output file was written", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # `lawdiff diff … | head`: the reader went away; that is not an error of ours
            try:
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            except OSError:
                pass
            ctx.exit(1)


class _Commands(dict):
    """The group's sub-commands, those in their own modules imported on first use.

    Why: ``import lawdiff.cli.group`` and ``lawdiff diff`` should not pay for what other commands import
    (``lawdiff rules`` pulls in rich tables and the rule engine).  Looking one command up imports only
    its module; listing them (``--help``, iterating ``main.commands``) imports them all.  A module that
    is not part of this build is skipped.
    """

    def __init__(self, lazy: dict[str, tuple[str, str]]) -> None:
        super().__init__()
        self._lazy = dict(lazy)

    def _load(self, name: str) -> None:
        mod, attr = self._lazy.pop(name)  # popped first: the module may look itself up while importing
        try:
            module = importlib.import_module(f"lawdiff.{mod}")
        except ModuleNotFoundError as exc:
            if exc.name == f"lawdiff.{mod}":
                return
            raise
        cmd = getattr(module, attr, None)
        if cmd is not None:
            dict.__setitem__(self, name, cmd)

    def _load_all(self) -> None:
        for name in list(self._lazy):
            self._load(name)

    def get(self, name, default=None):
        if name in self._lazy:
            self._load(name)
        return super().get(name, default)

    def __getitem__(self, name):
        if name in self._lazy:
            self._load(name)
        return super().__getitem__(name)

    def __contains__(self, name) -> bool:
        if name in self._lazy:
            self._load(name)
        return super().__contains__(name)

    def __iter__(self):
        self._load_all()
        return super().__iter__()

    def __len__(self) -> int:
        self._load_all()
        return super().__len__()

    def keys(self):
        self._load_all()
        return super().keys()

    def items(self):
        self._load_all()
        return super().items()

    def values(self):
        self._load_all()
        return super().values()


def example_paths(name: str) -> tuple[Path, Path]:
    if name not in EXAMPLES:
        raise click.BadParameter(f"unknown example {name!r}; choose one of: {', '.join(EXAMPLES)}",
                                 param_hint="--example")
    base = resources.files("lawdiff") / "data" / "examples" / name
    return Path(str(base / "draft.txt")), Path(str(base / "final.txt"))


def _use_colour(color: str, stream=None) -> bool:
    if color == "always":
        return True
    if color == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


@click.group(cls=LawdiffGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lawdiff")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Read how a law changed: parse, align, diff and classify two versions of a regulation.

    With no command, compares the bundled example (the 2023 Generative-AI draft and final measures).

    \b
    Example:
      lawdiff diff corpora/genai-2023/draft.txt corpora/genai-2023/final.txt
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(diff, example="genai-2023")


main.commands = _Commands(OPTIONAL_COMMANDS)


@main.command()
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
def diff(ctx, draft, final, example, fmt, output, side_by_side, only_changed, show_unchanged, context, encoding,
         lang, rule_files, meta_path, draft_issuer, final_issuer, no_signal, timestamp, color, width, no_cache):
    """Compare two versions of a law, article by article.

    Articles are aligned by content (renumbered, moved, split, merged, added, removed), diffed word by
    word, and every change is labelled relaxed / tightened / reworded / added / removed with the rules
    that fired.  Exit status: 0 no differences, 1 differences, 2 trouble.

    \b
    Example:
      lawdiff diff corpora/genai-2023/draft.txt corpora/genai-2023/final.txt --only-changed
    """
    from lawdiff.evaluation.meta import load_meta
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
    meta = load_meta(meta_path) if meta_path else None
    report = compare_files(draft, final, encoding=encoding, lang=Lang(lang) if lang else None,
                           extra_rules=rule_files, meta=meta, draft_issuers=draft_issuer, final_issuers=final_issuer,
                           cache=not no_cache)
    code = 1 if report.changed else 0
    if fmt == "terminal":
        _terminal(report, output, color=color, width=width, side_by_side=side_by_side, only_changed=only_changed,
                  context=context, signal=not no_signal, protect=(draft, final))
    else:
        text = _render_file_format(report, fmt, show_unchanged=show_unchanged, timestamp=timestamp)
        _emit(text, output, protect=(draft, final))
    ctx.exit(code)


def _render_file_format(report, fmt: str, *, show_unchanged: bool, timestamp: bool) -> str:
    if fmt == "json":
        from lawdiff.render.json import render_json

        return render_json(report, timestamp=timestamp)
    try:
        if fmt == "markdown":
            from lawdiff.render.markdown import render_markdown

            return render_markdown(report, show_unchanged=show_unchanged, timestamp=timestamp)
        from lawdiff.render.html import render_html

        return render_html(report, show_unchanged=show_unchanged, timestamp=timestamp)
    except ImportError:
        raise click.UsageError(f"--format {fmt} is not available in this build; use terminal or json") from None


def _emit(text: str, output: Path | None, *, protect) -> None:
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    from lawdiff.io.write import write_atomic

    write_atomic(output, text, protect=protect)
    from lawdiff.text.controls import safe

    click.echo(f"lawdiff: wrote {safe(str(output))}", err=True)


def _terminal(report, output, *, color, width, side_by_side, only_changed, context, signal, protect) -> None:
    from rich.console import Console

    from lawdiff.render.terminal import render_report

    if output is not None and str(output) != "-":
        import io

        buf = io.StringIO()
        console = Console(file=buf, width=width or 100, color_system=None, force_terminal=False, no_color=True,
                          highlight=False, soft_wrap=not side_by_side)
        render_report(report, console, plain=True, side_by_side=side_by_side, only_changed=only_changed,
                      context=context, signal=signal)
        _emit(buf.getvalue(), output, protect=protect)
        return
    colour = _use_colour(color)
    console = Console(width=width, force_terminal=colour, no_color=not colour, highlight=False,
                      color_system="auto" if colour else None, soft_wrap=not colour and not side_by_side)
    render_report(report, console, plain=not colour, side_by_side=side_by_side, only_changed=only_changed,
                  context=context, signal=signal)


if __name__ == "__main__":  # pragma: no cover
    main()
