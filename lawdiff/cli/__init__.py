"""The command line: ``lawdiff`` (see :mod:`lawdiff.cli.group`)."""

from lawdiff.cli.group import main

__all__ = ["main"]
