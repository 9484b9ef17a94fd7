"""``lawdiff cache info`` and ``lawdiff cache clear``: what lawdiff keeps between runs, and removing it.

Imported only when used (:mod:`lawdiff.cli.group`).  What the files are and why reading them is safe:
:mod:`lawdiff.io.store`.
"""

from __future__ import annotations

import click

from lawdiff.cli.group import LawdiffGroup
from lawdiff.io import store
from lawdiff.text.controls import safe


def _example(line: str) -> str:
    return f"\b\nExample:\n  {line}"


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 104858 else f"{n / 1024:.0f} kB" if n else "0 kB"


def _where() -> str:
    source = f"${store.ENV}" if click.get_current_context().meta.get("env") else "default"
    return f"{safe(str(store.cache_dir()))} ({source})"


@click.group(cls=LawdiffGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=_example("lawdiff cache info"))
@click.pass_context
def cache(ctx: click.Context) -> None:
    """Show or remove the files lawdiff keeps to be fast: segmentations, alignments, norms, verdicts, parsed rules.

    They hold plain data only (JSON), keyed by lawdiff's version, a hash of its code and data, the Python
    version and the cache format; a file that is not exactly what lawdiff wrote is ignored and recomputed.  Removing them is always safe: the next run is
    slower, the answer the same.  The folder: $LAWDIFF_CACHE_DIR, else ~/.cache/lawdiff.
    """
    import os

    ctx.meta["env"] = bool(os.environ.get(store.ENV))


@cache.command("info", epilog=_example("lawdiff cache info"))
def info() -> None:
    """Where the cache folder is, the key its files are valid for, and what is in it."""
    click.echo(f"folder: {_where()}")
    click.echo(f"key: {store.cache_key()}")
    for kind, files, size in store.cache_info():
        click.echo(f"{kind.name:<11}{files:>6} file{'' if files == 1 else 's'} {_size(size):>9}  {kind.what}")


@cache.command("clear", epilog=_example("lawdiff cache clear"))
def clear() -> None:
    """Remove every file lawdiff keeps in the cache folder (and nothing else there)."""
    files, size = store.clear_cache()
    click.echo(f"lawdiff: removed {files} file{'' if files == 1 else 's'} ({_size(size)}) from {_where()}")


__all__ = ["cache"]
