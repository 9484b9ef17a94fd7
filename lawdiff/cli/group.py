"""The ``lawdiff`` command group.  Thin: parse options, call the library, render, map errors to exit codes.

Exit codes follow diff(1): 0 no differences, 1 differences, 2 trouble, 130 interrupted (Ctrl-C), 143
terminated (SIGTERM).  ``LawdiffError`` from the core becomes one line on stderr and exit 2; so does every
*unexpected* exception (a bug, or a machine out of memory), with a hint to report it: a crash must never
exit 1, which a CI job reads as "differences" or "below the bar" and may accept.  ``lawdiff --debug``
(or ``LAWDIFF_DEBUG=1``) prints the traceback too.  No traceback reaches a user otherwise.

SIGTERM is turned into an exception like Ctrl-C, so that an atomic write in progress removes its
temporary file and a ``check`` pool stops its workers on the way out (the default action kills the
process on the spot and leaves both behind).

Every sub-command lives in its own module and is imported only when it is used (click's documented
``LazyGroup`` pattern): ``import lawdiff.cli`` and ``lawdiff diff`` do not pay for what ``lawdiff rules``
or ``lawdiff check`` import.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from types import FrameType
from typing import Any, TextIO

import click

from lawdiff import __version__
from lawdiff.errors import LawdiffError
from lawdiff.text.controls import safe_lines

#: Where a crash is reported (the one-line message names it).
ISSUES = "https://github.com/lawdiff/lawdiff/issues"
DEBUG_ENV = "LAWDIFF_DEBUG"

#: sub-command -> "module.attribute", imported on first use
COMMANDS = {
    "annotate": "lawdiff.cli.check.annotate",
    "cache": "lawdiff.cli.cache.cache",
    "check": "lawdiff.cli.check.check",
    "diff": "lawdiff.cli.diff.diff",
    "report": "lawdiff.cli.diff.report",
    "rules": "lawdiff.cli.rules.rules",
}


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the process is, like Ctrl-C: everything that cleans up after an interrupt
    (temporary files, worker processes) cleans up after this too."""


def _on_sigterm(_signum: int, _frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the clean-up short
    raise Terminated


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` while the block runs (main thread only; elsewhere nothing changes)."""
    try:
        old = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread (a library caller's worker thread): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


#: The cycle collector's thresholds while a command runs (mypy's, in ``mypy.build``).
GC_THRESHOLDS = (200_000, 30, 30)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The cycle collector runs after 200,000 new objects instead of 700 while the block runs, then as before.

    Why: a run makes millions of small objects (tokens, spans, norms, report rows) that reference counting
    frees and that form no cycles, yet at the default thresholds (700, 10, 10) the collector walks the newest
    objects every 700 allocations and, every hundred of those walks, every object alive: 0.1 s of a first run
    on the civil code (386 collections, 8 %), 0.7 s of one on 5,000 articles (16 %).  Cycles are still
    collected, only less often; peak memory did not move (``benchmarks/results/2026-12-05-speed-6.md``).  A
    process-wide setting, so it is made here, where the process is the command's, and never by the library."""
    old = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def debugging(ctx: click.Context | None) -> bool:
    """``lawdiff --debug`` or ``LAWDIFF_DEBUG`` set to anything but "" or "0"."""
    root = ctx.find_root() if ctx is not None else None
    return bool(root is not None and root.params.get("debug")) or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def crash_line(exc: BaseException) -> str:
    """One line for an exception lawdiff did not expect: what happened, and what to do about it."""
    if isinstance(exc, MemoryError):
        return ("lawdiff: ran out of memory; the input is too large for this machine — split it, free memory, or "
                f"if it is an ordinary law text report it at {ISSUES} (lawdiff --debug … shows the traceback)")
    what = safe_lines(f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__)[:200]
    return (f"lawdiff: internal error ({what}); this is a bug in lawdiff — please report it at {ISSUES} with the "
            "command you ran (run it again as lawdiff --debug … for the traceback)")


class LawdiffGroup(click.Group):
    """Turns library errors and crashes into one line + exit 2, and Ctrl-C / SIGTERM into exit 130 / 143
    with nothing half-written."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with sigterm_raises(), fewer_collections():
                return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except LawdiffError as exc:
            if debugging(ctx):
                traceback.print_exc()
            click.echo(f"lawdiff: {safe_lines(str(exc))}", err=True)
            ctx.exit(2)
        except Terminated:
            click.echo("lawdiff: terminated; no output file was written", err=True)
            ctx.exit(128 + signal.SIGTERM)
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
        except Exception as exc:  # noqa: BLE001 - the last line of defence: a crash is trouble, exit 2
            if debugging(ctx):
                traceback.print_exc()
            click.echo(crash_line(exc), err=True)
            ctx.exit(2)


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
@click.option("--debug", is_flag=True, help=f"On an internal error, print the traceback too (or set {DEBUG_ENV}=1).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
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
