"""Control characters made visible before a name reaches a terminal.

Why: file names, titles and article labels come from whoever wrote the files, and an ESC in one could
rewrite the screen or the window title when lawdiff prints it (rich strips only a few control codes,
not ESC).  :func:`safe` shows every C0 and C1 control character and DEL as ``\\xNN`` instead; tabs and
newlines in a name are shown too, since a header line is one line.
"""

from __future__ import annotations

import re

#: C0 and C1 control characters and DEL
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """``text`` with every control character shown as ``\\xNN``."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def safe_lines(text: str) -> str:
    """:func:`safe` line by line: a message of several lines keeps its line breaks, and nothing else."""
    return "\n".join(safe(line) for line in text.split("\n"))


__all__ = ["CONTROL", "safe", "safe_lines"]
