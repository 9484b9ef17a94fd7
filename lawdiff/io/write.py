"""Atomic output: a report file is either the complete new one or the old one, never half-written.

Write to a temporary file in the same folder, fsync, then ``os.replace`` (atomic on POSIX and Windows),
so an interrupted run (Ctrl-C, SIGTERM, a full disk, a crash) leaves the old file or nothing, and never a
temporary file: it is removed on every way out, ``KeyboardInterrupt`` (and the CLI's SIGTERM, which is
one) included.  The temporary file's name is chosen *before* it is created (``.NAME.<random>.tmp``,
created with ``O_EXCL``), so an interrupt that lands just after the file appears, before the name would
have come back from ``mkstemp``, still knows what to remove.  The new file gets the old file's
permissions, or the usual ones for a new file (``0666`` minus the umask), not the ``0600`` of a
temporary file.

This is lawdiff's one writer: reports, examples and the on-disk caches (:mod:`lawdiff.io.cache`) all go
through :func:`write_atomic`.  For a report (``-o``):

* lawdiff refuses to write over one of the files it read in the run (``protect``: the same path, a
  symlink to it or a hard link);
* a symlink is written *through*: the file it points to is replaced and the link stays (a link to a
  missing file is refused);
* a target that is not a regular file — ``-o /dev/stdout``, ``/dev/null``, a named pipe — is written to
  directly: replacing it would swap the device node for a file;
* a path ending in ``/`` names a folder and is refused, never written as a file of that name.

A cache file (``cache=True``) is the opposite: whatever sits at its path — a symlink someone planted, a
FIFO that would block the run — is replaced, never followed or opened; missing folders are made; no fsync
(a lost cache file is only rebuilt); the file gets mode :data:`CACHE_MODE`.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from lawdiff.errors import OutputError

#: A cache file's permissions, whatever the umask: readable, writable by its owner only (the cache reader
#: ignores files others can write, :mod:`lawdiff.io.store`).
CACHE_MODE = 0o644
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return b.exists() and a.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def names_a_folder(path: str | os.PathLike[str]) -> bool:
    """``-o out/``: a trailing separator says "a folder", whatever ``Path`` makes of it."""
    raw = os.fspath(path)
    return raw.endswith(tuple(s for s in (os.sep, os.altsep) if s)) and raw not in (os.sep,)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *,
                 protect: Iterable[str | os.PathLike[str]] = (), cache: bool = False) -> None:
    """Write ``data`` (text as UTF-8 with LF line ends, or bytes) to ``path`` atomically.

    ``protect``: the files read in this run, which the target must not be.  ``cache``: a cache file (see
    the module docstring).  Raises :class:`OutputError` with the cause and the fix; the caller decides
    whether that matters."""
    target = Path(path)
    if names_a_folder(path) and not target.is_dir():
        raise OutputError(f"{path}: names a folder that does not exist; give a file name for the output "
                          "(e.g. report.md), or create the folder and name a file in it")
    if not cache and target.is_symlink():
        if not target.exists():
            raise OutputError(f"{path}: is a link to a missing file; remove the link or choose another output path")
        target = target.resolve()  # written through: the file it points to is replaced, the link stays
    for p in protect:
        if _same_file(Path(p), target):
            raise OutputError(f"{path}: is one of the input files lawdiff read in this run; lawdiff never "
                              "overwrites its input — choose another output path")
    if target.is_dir() and not target.is_symlink():
        raise OutputError(f"{path}: is a directory; give a file name for the output")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if not cache and target.exists() and not target.is_file():
        _write_stream(target, payload)
        return
    folder = target.parent if str(target.parent) else Path(".")
    if cache:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot be created ({exc.strerror}); check the path") from None
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist; create it first")
    _replace(target, payload, path, sync=not cache, mode=CACHE_MODE if cache else None)


def _replace(target: Path, payload: bytes, shown: str | os.PathLike[str], *, sync: bool, mode: int | None) -> None:
    tmp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    ours, done = True, False  # ours: the name is this call's (False only if it was somehow taken already)
    try:
        mode = _mode_for(target) if mode is None else mode
        try:
            fd = os.open(tmp, _FLAGS, 0o600)
        except FileExistsError:
            ours = False
            raise
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        done = True
    except PermissionError:
        raise OutputError(f"{shown}: permission denied; choose a folder you can write to") from None
    except OSError as exc:
        raise OutputError(f"{shown}: cannot be written ({exc.strerror}); check the path and free space") from None
    finally:
        if ours and not done:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _mode_for(target: Path) -> int:
    try:
        st = target.lstat()
        if stat.S_ISREG(st.st_mode):
            return stat.S_IMODE(st.st_mode)
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_stream(target: Path, payload: bytes) -> None:
    try:
        with target.open("wb") as fh:
            fh.write(payload)
    except BrokenPipeError:  # `-o /dev/stdout | head`: the reader went away (the CLI exits quietly)
        raise
    except PermissionError:
        raise OutputError(f"{target}: permission denied; choose a file you can write to") from None
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({exc.strerror}); check the path") from None


__all__ = ["names_a_folder", "write_atomic"]
