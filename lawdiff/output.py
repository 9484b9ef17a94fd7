"""Atomic output: a report file is either the complete new one or the old one, never half-written.

Write to a temporary file in the same folder, fsync, then ``os.replace`` (atomic on POSIX and Windows).
lawdiff refuses to write over one of its input files.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError


def write_atomic(path: str | os.PathLike[str], text: str, *, protect: Iterable[str | os.PathLike[str]] = ()) -> None:
    target = Path(path)
    for p in protect:
        try:
            if Path(p).resolve() == target.resolve():
                raise OutputError(f"{path}: is one of the input files; lawdiff never overwrites its input — "
                                  "choose another output path")
        except OSError:
            continue
    if target.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name for the output")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist; create it first")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
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
