"""Check YAML data against the JSON Schemas in ``lawdiff/data/schemas/``, naming the line of a problem.

The schemas are declarative (JSON Schema 2020-12, checked with ``jsonschema``): which keys a file may
have, their types, allowed values and ranges.  They also say how a problem reads: a keyword
``x-messages`` maps a JSON Schema keyword (``enum``, ``required``, ``additionalProperties``, …, or ``*``
for any) to a message template; the template of the nearest enclosing schema that has one is used (the
root's own ``x-messages`` only for the top level), then the root's ``x-defaults``.  A template is
``str.format``-ed with:

* ``field``: where the problem is, ``units[0].label`` (``zh.actors.pattern`` when the root says
  ``"x-indices": false``); for an unknown or missing key, the key's own place;
* ``parent``: the field of the mapping or list holding it; ``key``: the last part of ``field``;
* ``value``: the offending value as Python shows it (``'loosened'``);
* ``allowed``: the allowed values (``enum``) or keys (``additionalProperties``), comma-separated;
* ``hint``: the ``x-hint`` of the schema of the missing key (``required``) or of the failing schema;
* ``first``: for a key given twice (pseudo-keyword ``duplicate``), the line where it was first given.

The line comes from the :class:`lawdiff.io.yaml_data.Map` / :class:`~lawdiff.io.yaml_data.Seq` the data was read
into: the line of the key or list item at fault; for a missing key, the line of the key or item that
holds the mapping.  Of several problems the first in the file is reported.

The schemas also let an editor complete and check these files as they are typed: a first line
``# yaml-language-server: $schema=<path to lawdiff/data/schemas/rules.schema.json>`` is enough for
editors that use the YAML language server (VS Code, Neovim, Helix …); the ``x-`` keywords are ignored
there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawdiff.io.yaml_data import Map, Seq, line_of

if TYPE_CHECKING:  # jsonschema is imported when a file is checked: a run that reads only cached tables never is
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file: where (``path`` into the data, ``line``) and what (``message``)."""

    path: Path_
    line: int
    message: str


@cache  # pure memoisation: the schemas are package data, constant for the process
def schema(name: str) -> dict[str, Any]:
    """A shipped schema by name (``rules`` -> ``data/schemas/rules.schema.json``)."""
    out: dict[str, Any] = json.loads(_schema_text(name))
    return out


@cache  # pure memoisation, as above
def _schema_text(name: str) -> str:
    return (resources.files("lawdiff") / "data" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")


@cache  # pure memoisation, as above
def _validator(name: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # 0.09 s to import: only when a file is checked

    return Draft202012Validator(schema(name))


def check(data: Any, name: str, *, shipped: str | None = None) -> Problem | None:
    """The first problem of ``data`` (read with :func:`lawdiff.io.yaml.parse`) against schema ``name``.
    ``shipped``: the text ``data`` was parsed from, for a data file shipped inside lawdiff; a text recorded as
    passing (:func:`known_valid`) is not checked again."""
    if shipped is not None and known_valid(name, shipped):
        return None
    root = schema(name)
    problems = [_duplicate(root, path, m) for path, m in _maps(data, ())]
    problems += [_problem(root, data, e) for e in _validator(name).iter_errors(data)]
    found = [p for p in problems if p is not None]
    return min(found, key=lambda p: (p.line, len(p.path))) if found else None


# --------------------------------------------------------------------------- shipped files known to pass

#: The data files shipped inside lawdiff that have a schema (path under ``lawdiff/data/`` -> schema name).
SHIPPED = {"rules/zh.yaml": "rules", "rules/en.yaml": "rules", "rules/norms.yaml": "norm-rules",
           "signal.yaml": "signal"}
#: The digests of the shipped files that passed their schemas (``data/schemas/checked.txt``).
CHECKED = "checked.txt"


def digest(name: str, text: str) -> str:
    """What a shipped file's check depends on, hashed: the file's text, the schema's text and this module's
    own code (the checker); a change to any of them means another digest.  "" when the code cannot be read."""
    try:
        code = Path(__file__).read_bytes()
    except OSError:  # pragma: no cover - a package without its sources
        return ""
    h = hashlib.sha256(b"lawdiff checked 1\0")
    for part in (name.encode(), _schema_text(name).encode(), code, text.encode()):
        h.update(f"{len(part)}\0".encode())
        h.update(part)
    return h.hexdigest()


@cache  # pure memoisation: package data, constant for the process
def _checked() -> frozenset[str]:
    text = (resources.files("lawdiff") / "data" / "schemas" / CHECKED).read_text(encoding="utf-8")
    return frozenset(line.split()[0] for line in text.splitlines() if line.strip() and not line.startswith("#"))


def known_valid(name: str, text: str) -> bool:
    """``text`` is a shipped file recorded in ``checked.txt`` as passing schema ``name``, with this schema and
    this checker.  Why: checking means importing ``jsonschema`` (0.04 s) and walking the table (0.03 s), a
    twentieth of a first run on the civil code (an empty cache folder, :mod:`lawdiff.io.parsed`), for texts
    that are the same on every machine.  They are checked once, when they change: ``tools/regen_checked.py``
    (which ``tools/regen_examples.py`` runs) writes the file after checking each with :func:`check`, and
    tests/test_speed_levers.py fails when an entry is missing.  Any other text, a user's above all, is
    checked on load as before."""
    found = digest(name, text)
    return bool(found) and found in _checked()


def checked_listing() -> str:
    """The text of ``checked.txt`` for the shipped files as they are: the digest of each that passes."""
    from lawdiff.io.yaml import parse

    lines = ["# Shipped data files that pass their JSON Schemas, by digest (lawdiff.io.schema.known_valid): a",
             "# file listed here is not checked again on load.  Written by tools/regen_checked.py; do not edit."]
    for path, name in SHIPPED.items():
        text = (resources.files("lawdiff") / "data" / path).read_text(encoding="utf-8")
        if check(parse(text, trusted=True), name) is None:
            lines.append(f"{digest(name, text)}  {name}  {path}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- paths and lines


def field(path: Sequence[str | int], root: dict[str, Any]) -> str:
    """``("units", 0, "label")`` -> ``units[0].label`` (``zh.actors`` without indices, if the root says so)."""
    indices = root.get("x-indices", True)
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]" if indices else ""
        else:
            out += f".{part}" if out else part
    return out


def node_at(data: Any, path: Sequence[str | int]) -> Any:
    for part in path:
        data = data[part]
    return data


def line_at(data: Any, path: Sequence[str | int]) -> int:
    """The line of the key or item at ``path`` (1 for the whole document)."""
    if not path:
        return 1
    parent = node_at(data, path[:-1])
    return line_of(parent, path[-1]) or 1


def _maps(data: Any, path: Path_) -> Iterator[tuple[Path_, Map]]:
    if isinstance(data, Map):
        yield path, data
        for k, v in data.items():
            yield from _maps(v, (*path, k))
    elif isinstance(data, Seq):
        for i, v in enumerate(data):
            yield from _maps(v, (*path, i))


# --------------------------------------------------------------------------- messages


def _messages(root: dict[str, Any], schema_path: Sequence[Any]) -> list[dict[str, str]]:
    """The ``x-messages`` of every schema from the failing one up to the root (whose own messages are for
    the top level only), nearest first, then the root's ``x-defaults``."""
    found: list[dict[str, str]] = []
    node: Any = root
    chain = [root]
    for part in schema_path:
        # jsonschema's paths step through a "$ref" without naming it: follow it where the part is not found
        while isinstance(node, dict) and part not in node and isinstance(node.get("$ref"), str):
            node = _resolve(root, node["$ref"])
            chain.append(node)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            chain.append(node)
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):  # the failing keyword sits behind it
        node = _resolve(root, node["$ref"])
        chain.append(node)
    top = len(chain) == 1
    for s in reversed(chain[1:] if not top else chain):
        if isinstance(s.get("x-messages"), dict):
            found.append(s["x-messages"])
    found.append(root.get("x-defaults", {}))
    return found


def _resolve(root: dict[str, Any], ref: str) -> Any:
    """A local reference (``#/$defs/rule``): the only kind the shipped schemas use."""
    node: Any = root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _template(root: dict[str, Any], schema_path: Sequence[Any], keyword: str) -> str:
    for messages in _messages(root, schema_path):
        if keyword in messages:
            return messages[keyword]
        if "*" in messages:
            return messages["*"]
    return "{field}: {problem}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _problem(root: dict[str, Any], data: Any, e: ValidationError) -> Problem | None:
    path: Path_ = tuple(e.absolute_path)
    schema_path = list(e.absolute_schema_path)[:-1]  # the schema holding the failing keyword
    subschema: dict[str, Any] = e.schema if isinstance(e.schema, dict) else {}
    keyword = str(e.validator)
    hint = str(subschema.get("x-hint", ""))
    allowed = ""
    where = path
    if keyword == "enum":
        allowed = ", ".join(str(x) for x in subschema.get("enum", ()))
    elif keyword == "additionalProperties":
        known = subschema.get("properties", {})
        extra = [k for k in e.instance if k not in known] if isinstance(e.instance, dict) else []
        if not extra:
            return None
        where = (*path, extra[0])
        allowed = ", ".join(known)
    elif keyword == "required":
        missing = [k for k in subschema.get("required", ()) if isinstance(e.instance, dict) and k not in e.instance]
        if not missing:
            return None
        hint = str(subschema.get("properties", {}).get(missing[0], {}).get("x-hint", f"add '{missing[0]}:'"))
        line = line_at(data, path)
        where = (*path, missing[0])
        return Problem(where, line, _format(root, schema_path, keyword, where, e.instance, allowed, hint, 0))
    line = line_at(data, where)
    value = node_at(data, where) if where != path else e.instance
    return Problem(where, line, _format(root, schema_path, keyword, where, value, allowed, hint, 0))


def _duplicate(root: dict[str, Any], path: Path_, m: Map) -> Problem | None:
    if not m.repeated:
        return None
    key, line, first = m.repeated[0]
    where = (*path, key)
    return Problem(where, line, _format(root, [], "duplicate", where, None, "", "", first))


def _format(root: dict[str, Any], schema_path: Sequence[Any], keyword: str, where: Path_, value: Any,
            allowed: str, hint: str, first: int) -> str:
    template = _template(root, schema_path, keyword)
    parent = field(where[:-1], root)
    key = str(where[-1]) if where else ""
    return template.format(field=field(where, root) or "(top level)", parent=parent or "(top level)", key=key,
                           value=_short(value), allowed=allowed, hint=hint, first=first, problem=keyword)


__all__ = ["CHECKED", "SHIPPED", "Problem", "check", "checked_listing", "digest", "field", "known_valid", "line_at",
           "schema"]
