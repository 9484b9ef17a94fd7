"""Syntax helpers for rule tables: YAML that remembers line numbers, and regex safety checks.

Kept apart from :mod:`lawdiff.classify.rules` (which validates the *meaning* of a table) so that each reads in
one sitting.  Only ``yaml.safe_load``-level constructs are accepted: :class:`LineLoader` is a
:class:`yaml.SafeLoader` subclass.
"""

from __future__ import annotations

from collections.abc import Iterable

import yaml

from lawdiff.text.normalize import fold
from lawdiff.io.yaml import GuardedLoader

try:  # Python >= 3.11
    import re._parser as _sre  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]


# ------------------------------------------------------------------------------ YAML with lines


class _Map(dict):
    line = 0
    key_lines: dict


class _Seq(list):
    line = 0
    item_lines: list


class LineLoader(GuardedLoader):  # a SafeLoader with size, alias and depth caps
    """SafeLoader that keeps the line of each mapping, key and list item, and refuses duplicate keys."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    out = _Map()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(None, None, f"key {key!r} is not text", key_node.start_mark)
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' given twice in one mapping; keep one", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = line
    return out


def _construct_sequence(loader: LineLoader, node: yaml.SequenceNode) -> _Seq:
    out = _Seq(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [n.start_mark.line + 1 for n in node.value]
    return out


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# ------------------------------------------------------------------------------- regex safety


def nested_quantifier(pattern: str) -> bool:
    """True if a repeated group contains another repeat, as in ``(a+)+`` or ``(\\w*,)*``.

    Such patterns can backtrack exponentially on text that almost matches; legal text is long and
    repetitive enough for that to hang a run, so they are refused at load time.
    """

    def children(name: str, av) -> list:
        if name == "SUBPATTERN":
            return [av[-1]]
        if name == "ATOMIC_GROUP":
            return [av]
        if name == "BRANCH":
            return list(av[1])
        if name in ("ASSERT", "ASSERT_NOT"):
            return [av[1]]
        if name == "GROUPREF_EXISTS":
            return [b for b in av[1:] if b is not None]
        return []

    def walk(items: Iterable, inside: bool) -> bool:
        for op, av in items:
            name = str(op)
            if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                _lo, hi, sub = av
                multi = hi > 1
                if (multi and inside) or walk(sub, inside or multi):
                    return True
            elif any(walk(c, inside) for c in children(name, av)):
                return True
        return False

    return walk(_sre.parse(pattern), False)


# Characters that width folding rewrites: a pattern containing them could never match the folded text.
FOLDED_AWAY = {ch for ch in "，；：（）！？【】“”‘’　０１２３４５６７８９" if fold(ch) != ch}


__all__ = ["FOLDED_AWAY", "LineLoader", "nested_quantifier"]
