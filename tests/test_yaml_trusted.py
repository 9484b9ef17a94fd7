"""lawdiff's shipped YAML files are parsed with libyaml (``parse(text, trusted=True)``): the data, and every
line a schema message would name, must be exactly what the guarded pure-Python loader gives."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from lawdiff.io.parsed import to_json
from lawdiff.io.yaml import TRUSTED_LOADER, LineLoader, parse

SHIPPED = sorted(str(p.relative_to(resources.files("lawdiff")))  # type: ignore[attr-defined]
                 for p in resources.files("lawdiff").joinpath("data").rglob("*.yaml"))  # type: ignore[attr-defined]


def test_the_shipped_files_are_found():
    assert {"data/rules/zh.yaml", "data/rules/norms.yaml", "data/norms/zh.yaml", "data/signal.yaml"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_a_shipped_file_reads_the_same_with_libyaml(name):
    text = resources.files("lawdiff").joinpath(name).read_text(encoding="utf-8")
    assert to_json(parse(text, trusted=True)) == to_json(parse(text))  # lines of every key and item included
    assert yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) == yaml.safe_load(text)


def test_a_strangers_file_keeps_the_guards():
    """An alias bomb is refused by the default (guarded) parse, whatever loader shipped files use."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
    with pytest.raises(Exception, match="repeat|alias|values"):
        parse(bomb)
    assert TRUSTED_LOADER is not LineLoader or not getattr(yaml, "__with_libyaml__", False)
