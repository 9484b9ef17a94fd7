"""Where and when, as a report says them: paths fit for a committed report, and the time it was made.

Apart from :mod:`lawdiff.render.table` (the rows and runs of the document renderers) because the JSON
report needs only these two, and a warm ``lawdiff diff --format json`` is mostly imports.
"""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: str) -> str:
    """A path fit for a committed report: as given when relative, else relative to the working folder.

    Absolute paths would make the same comparison differ between machines; a path outside the working
    folder is shortened to its file name for the same reason.
    """
    if not path:
        return ""
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    try:
        return p.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return p.name
    except OSError:  # the working folder is gone
        return p.name


def timestamp_now() -> str:
    """UTC now, or ``SOURCE_DATE_EPOCH`` when set, so that even stamped reports can be reproduced."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        datetime.fromtimestamp(int(epoch), timezone.utc)
        if epoch and epoch.isdigit()
        else datetime.now(timezone.utc)
    )
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


__all__ = ["display_path", "timestamp_now"]
