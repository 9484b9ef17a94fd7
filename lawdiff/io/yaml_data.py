"""What lawdiff's YAML loader (:mod:`lawdiff.io.yaml`) gives, and the text it is given, without PyYAML.

Parsed YAML remembers its lines (:class:`Map`, :class:`Seq`, :func:`line_of`) so that a problem found
later, by a schema or while a table is built, names its line; a :class:`YamlError` is a file that cannot be
read, with its line.  These live apart from the loader because lawdiff keeps its shipped tables parsed on
disk (:mod:`lawdiff.io.parsed`): a run that reads them back uses these types, and needs PyYAML (10 ms to
import) only when a file is actually parsed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

#: Bytes of a file (characters of a text).  Refused before parsing.
MAX_SIZE = 2_000_000
TOO_LARGE = (f"larger than {MAX_SIZE // 1_000_000} MB, more than a rule, meta or annotations file needs; "
             "split it or remove what is not needed")


class TooLarge(Exception):
    """A YAML file over :data:`MAX_SIZE` bytes, refused before it is read whole."""


def read_yaml_text(path: str | os.PathLike[str]) -> str:
    """The UTF-8 text of a YAML file, refusing one over :data:`MAX_SIZE` bytes without reading the rest.

    Raises ``OSError``/``UnicodeDecodeError`` like ``Path.read_text``, and :class:`TooLarge`.
    """
    with Path(path).open("rb") as fh:
        data = fh.read(MAX_SIZE + 1)
    if len(data) > MAX_SIZE:
        raise TooLarge(TOO_LARGE)
    return data.decode("utf-8")


class Map(dict[str, Any]):
    """A YAML mapping that remembers where it is: its first line, each key's line, repeated keys."""

    line: int = 0
    key_lines: dict[str, int]
    repeated: list[tuple[str, int, int]]  # (key, line of the repeat, line of the first)


class Seq(list[Any]):
    """A YAML list that remembers its first line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class YamlError(Exception):
    """A YAML text that cannot be read: ``line`` (0 when unknown) and the cause with its fix."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def line_of(container: Any, key: str | int) -> int:
    """The line of ``container[key]``: a key's line in a :class:`Map`, an item's in a :class:`Seq`;
    else the container's own line (0 for plain data)."""
    if isinstance(container, Map) and isinstance(key, str):
        return container.key_lines.get(key, container.line)
    if isinstance(container, Seq) and isinstance(key, int) and 0 <= key < len(container.item_lines):
        return container.item_lines[key]
    return getattr(container, "line", 0)


__all__ = ["MAX_SIZE", "TOO_LARGE", "Map", "Seq", "TooLarge", "YamlError", "line_of", "read_yaml_text"]
