"""YAML that a stranger can hand lawdiff: rule tables (``--rules``), ``meta.yaml``, ``annotations.yaml``.

``yaml.SafeLoader`` already refuses ``!!python/object`` and friends, so loading never runs code.  What it
does not refuse, and what this loader does:

* **Alias bombs** ("billion laughs"): nine anchors each listing the previous one nine times are a few
  hundred bytes that expand to 9^9 values.  PyYAML shares the repeated objects, so loading is quick, but
  the first thing that walks the result (a validation message quoting the value with ``repr``, a JSON
  dump) runs for ever.  Every alias is charged with the number of values it repeats; past
  :data:`MAX_NODES` repeated values the file is refused at once.  Values written out are not charged: the
  size cap bounds them, and a plain table of 10,000 rules was refused as a "bomb".  An alias to a node that contains itself
  (``&a [*a]``) is refused too: nothing in lawdiff's files is recursive.
* **Deep nesting** (``[[[[…`` thousands deep): the composer and constructor recurse, so this would be a
  ``RecursionError`` traceback.  Past :data:`MAX_DEPTH` levels the file is refused.
* **Size**: PyYAML is pure Python here (about 10 s per MB); a file over :data:`MAX_SIZE` is refused
  before it is parsed.  The largest real file, the zh rule table, is 60 kB.
* **Control characters** written as escapes (``"\\e]0;…"``): printed, they would drive the user's
  terminal.  Text with one is refused (tab and newline are allowed).
* **Values Python cannot build**: ``date: 2023-13-45`` (an unquoted impossible date), an integer of
  5000 digits (or ``0xfff…`` that builds one and then fails in ``repr``), ``!!float x``.  The constructor raises ``ValueError``; here it becomes a
  :class:`yaml.constructor.ConstructorError` with the line, like every other YAML error.

Every refusal is a :class:`yaml.MarkedYAMLError`.  Use :class:`GuardedLoader` (or subclass it) wherever
``yaml.SafeLoader`` would be used; :func:`lawdiff.io.yaml_data.read_yaml_text` reads a file with the size
cap applied while reading.

lawdiff's own files (rule tables, meta.yaml, annotations.yaml, signal.yaml) are read with :func:`parse`,
the one line-aware loader: mappings come back as :class:`~lawdiff.io.yaml_data.Map` and lists as
:class:`~lawdiff.io.yaml_data.Seq`, which remember the line of every key and item (so that
:mod:`lawdiff.io.schema` can name the line of a problem) and the keys given twice (which ``yaml.safe_load``
would silently keep the last of).  Every YAML problem becomes one :class:`~lawdiff.io.yaml_data.YamlError`
with its line.

What the loader gives is defined apart, in :mod:`lawdiff.io.yaml_data`, without PyYAML: a run that reads
every table back parsed (:mod:`lawdiff.io.parsed`) uses those types and never imports PyYAML (10 ms).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from lawdiff.io.yaml_data import MAX_SIZE, TOO_LARGE, Map, Seq, YamlError

#: Values the aliases of a document may repeat, counting each alias as the size of what it repeats.
MAX_NODES = 200_000
#: Nesting levels of mappings and lists.
MAX_DEPTH = 64


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML file over one of the limits above (a subclass of the errors loaders already catch)."""

    def __init__(self, problem: str, mark: yaml.Mark | None = None) -> None:
        super().__init__(problem=problem, problem_mark=mark)

    def __str__(self) -> str:  # one line: the default adds the mark's snippet on extra lines
        where = f" (line {self.problem_mark.line + 1})" if self.problem_mark is not None else ""
        return f"{self.problem}{where}"


class GuardedLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with caps on size, alias expansion and depth, and no bare ``ValueError``."""

    def __init__(self, stream: Any) -> None:
        size = len(stream) if isinstance(stream, (str, bytes)) else 0
        if size > MAX_SIZE:
            raise YamlLimitError(TOO_LARGE)
        super().__init__(stream)
        self._expanded = 0  # values so far, aliases counted as what they repeat: the weight of each node
        self._repeated = 0  # values repeated by aliases: what the cap applies to
        self._depth = 0
        self._weight: dict[int, int] = {}

    # -- composing: count what every node expands to

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None:
                weight = self._weight.get(id(target))
                if weight is None:
                    raise YamlLimitError(f"alias *{event.anchor} repeats a value that contains itself; "
                                         "write the value out without a recursive anchor", event.start_mark)
                self._expanded += weight
                self._repeated += weight
                if self._repeated > MAX_NODES:
                    raise YamlLimitError(f"anchors and aliases expand to more than {MAX_NODES} values (a \"billion "
                                         "laughs\" file?); write the values out instead of repeating anchors",
                                         event.start_mark)
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlLimitError(f"nested more than {MAX_DEPTH} levels deep; flatten the file",
                                 self.peek_event().start_mark)
        before = self._expanded
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        assert node is not None  # compose_node returns None only at the end of the stream, never here
        self._expanded += 1
        self._weight[id(node)] = self._expanded - before
        return node

    # -- constructing: a value Python cannot build is a YAML error with a line, not a traceback

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            value = super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError) as exc:
            raise self._unreadable(node, str(exc)) from None
        # 0xfff… or 1:2:3:… build integers with thousands of digits that then fail in str() or repr()
        if isinstance(value, int) and value.bit_length() > 256:
            raise self._unreadable(node, "a number with more than 77 digits")
        # "\e]0;…" in a double-quoted title would reach the user's terminal as an escape sequence
        if isinstance(value, str) and (bad := _CONTROL.search(value)):
            raise yaml.constructor.ConstructorError(
                None, None, f"text with the control character {bad.group(0)!r}; remove it (only tab and newline "
                "are allowed)", node.start_mark)
        return value

    @staticmethod
    def _unreadable(node: yaml.Node, why: str) -> yaml.constructor.ConstructorError:
        value = node.value if isinstance(node, yaml.ScalarNode) else node.tag
        return yaml.constructor.ConstructorError(
            None, None, f"cannot read {str(value)[:40]!r} ({why[:80]}); quote it if it is text", node.start_mark)


def _construct_int(loader: GuardedLoader, node: yaml.ScalarNode) -> int:
    # PyYAML builds sexagesimal integers (1:5:5:…) digit by digit: a 2 MB one takes minutes
    if len(str(node.value)) > 80:
        raise loader._unreadable(node, "a number with more than 80 characters")
    return yaml.SafeLoader.construct_yaml_int(loader, node)


GuardedLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


# ------------------------------------------------------------------------------ the line-aware loader


class LineLoader(GuardedLoader):
    """:class:`GuardedLoader` building :class:`Map` and :class:`Seq`; keys must be text."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> Map:
    loader.flatten_mapping(node)
    out = Map()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    out.repeated = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(None, None, f"key {str(key)[:40]!r} is not text; quote it",
                                                    key_node.start_mark)
        if key in out.key_lines:
            out.repeated.append((key, line, out.key_lines[key]))
            continue  # the first one counts; the repeat is reported by lawdiff.io.schema
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = line
    return out


def _construct_sequence(loader: LineLoader, node: yaml.SequenceNode) -> Seq:
    out = Seq(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [n.start_mark.line + 1 for n in node.value]
    return out


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


if getattr(yaml, "__with_libyaml__", False):
    class CLineLoader(yaml.CSafeLoader):
        """:class:`LineLoader` on libyaml's C parser, for lawdiff's own shipped files only: the same
        :class:`Map` and :class:`Seq` with the same lines, ten times faster, but without the caps on aliases
        and depth (the composer is C), which text from a stranger needs."""

    CLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    CLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
    TRUSTED_LOADER: Any = CLineLoader
else:  # pragma: no cover - PyYAML built without libyaml
    TRUSTED_LOADER = LineLoader


def parse(text: str, *, trusted: bool = False) -> Any:
    """The data of one YAML document (:class:`Map`, :class:`Seq`, scalars; None when empty), guarded.
    ``trusted``: a file shipped inside lawdiff's package, parsed with libyaml when PyYAML has it (the guards
    against alias bombs and deep nesting are for files a stranger hands lawdiff).

    Raises :class:`YamlError`: "not valid YAML (…); fix the syntax", or a limit's own message."""
    try:
        # both SafeLoader kin: no python/* tags
        return yaml.load(text, Loader=TRUSTED_LOADER if trusted else LineLoader)
    except YamlLimitError as exc:
        mark = exc.problem_mark
        raise YamlError(mark.line + 1 if mark else 0, str(exc.problem)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or str(exc).splitlines()[0]
        raise YamlError(mark.line + 1 if mark else 0, f"not valid YAML ({problem}); fix the syntax") from None
    except yaml.YAMLError as exc:
        raise YamlError(0, f"not valid YAML ({str(exc).splitlines()[0]}); fix the syntax") from None


def safe_load(text: str) -> Any:
    return yaml.load(text, Loader=GuardedLoader)  # a SafeLoader subclass: no python/* tags


def compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=GuardedLoader)


__all__ = ["MAX_DEPTH", "MAX_NODES", "GuardedLoader", "LineLoader", "YamlLimitError", "compose", "parse", "safe_load"]
