"""Atomic output: a report file is either the complete new one or the old one, never half-written.

Write to a temporary file in the same folder, fsync, then ``os.replace`` (atomic on POSIX and Windows),
so an interrupted run (Ctrl-C, a full disk, a crash) leaves the old file or nothing, and never a
temporary file: it is removed on every way out, ``KeyboardInterrupt`` included.  The new file gets the
old file's permissions, or the usual ones for a new file (``0666`` minus the umask), not the ``0600``
of a temporary file.

This is lawdiff's one writer: reports, examples and the on-disk caches (:mod:`lawdiff.io.cache`) all go
through :func:`write_atomic`.  lawdiff refuses to write over one of its input files (the same path, a symlink to it or a hard link).
A target that is not a regular file — ``-o /dev/stdout``, ``/dev/null``, a named pipe — is written to
directly: replacing it would swap the device node for a file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from lawdiff.errors import OutputError


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return b.exists() and a.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *,
                 protect: Iterable[str | os.PathLike[str]] = (), make_folder: bool = False,
                 sync: bool = True) -> None:
    """Write ``data`` (text as UTF-8 with LF line ends, or bytes) to ``path`` atomically.

    ``protect``: input files the target must not be.  ``make_folder``: create missing parent folders
    (lawdiff's cache) instead of refusing.  ``sync``: fsync before the rename, so that a crash cannot
    leave an empty report; the caches skip it (a lost cache file is only rebuilt).  Raises
    :class:`OutputError` with the cause and the fix; the caller decides whether that matters."""
    target = Path(path)
    for p in protect:
        if _same_file(Path(p), target):
            raise OutputError(f"{path}: is one of the input files; lawdiff never overwrites its input — "
                              "choose another output path")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name for the output")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target.exists() and not target.is_file():
        _write_stream(target, payload)
        return
    folder = target.parent if str(target.parent) else Path(".")
    if make_folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot be created ({exc.strerror}); check the path") from None
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist; create it first")
    tmp = None
    try:
        mode = _mode_for(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except PermissionError:
        raise OutputError(f"{path}: permission denied; choose a folder you can write to") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror}); check the path and free space") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
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
