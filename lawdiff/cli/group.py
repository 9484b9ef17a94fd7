"""The ``lawdiff`` command group.  Thin: parse options, call the library, render, map errors to exit codes.

Exit codes follow diff(1): 0 no differences, 1 differences, 2 trouble.  ``LawdiffError`` from the core
becomes one line on stderr and exit 2; no traceback ever reaches a user for bad input.

Every sub-command lives in its own module and is imported only when it is used (click's documented
``LazyGroup`` pattern): ``import lawdiff.cli`` and ``lawdiff diff`` do not pay for what ``lawdiff rules``
or ``lawdiff check`` import.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, TextIO

import click

from lawdiff import __version__
from lawdiff.errors import LawdiffError

#: sub-command -> "module.attribute", imported on first use
COMMANDS = {
    "annotate": "lawdiff.cli.check.annotate",
    "check": "lawdiff.cli.check.check",
    "diff": "lawdiff.cli.diff.diff",
    "report": "lawdiff.cli.diff.report",
    "rules": "lawdiff.cli.rules.rules",
}


class LawdiffGroup(click.Group):
    """Turns library errors into one line + exit 2, and Ctrl-C into exit 130 with nothing half-written."""

    def invoke(self, ctx: click.Context) -> Any:
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


class LazyGroup(LawdiffGroup):
    """A group whose sub-commands are imported when first looked up (click's documented LazyGroup)."""

    def __init__(self, *args: Any, lazy_subcommands: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = lazy_subcommands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            return self._lazy_load(cmd_name)
        return super().get_command(ctx, cmd_name)

    def _lazy_load(self, cmd_name: str) -> click.Command:
        modname, attr = self.lazy_subcommands[cmd_name].rsplit(".", 1)
        cmd = getattr(importlib.import_module(modname), attr)
        if not isinstance(cmd, click.Command):
            raise ValueError(f"lazy loading of {self.lazy_subcommands[cmd_name]} gave {cmd!r}, not a command")
        return cmd


def use_colour(color: str, stream: TextIO | None = None) -> bool:
    """--color auto|always|never: auto means a terminal, unless NO_COLOR is set or TERM is dumb."""
    if color == "always":
        return True
    if color == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


@click.group(cls=LazyGroup, lazy_subcommands=COMMANDS, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
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
        diff = main.get_command(ctx, "diff")
        assert diff is not None
        ctx.invoke(diff, example="genai-2023")


if __name__ == "__main__":  # pragma: no cover
    main()
