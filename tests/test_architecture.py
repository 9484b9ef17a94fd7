"""The shape of the package: stages as sub-packages, one contract, no cycles, no private imports.

These read the source (``ast``), so they hold for imports inside functions too.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "lawdiff"
#: each stage's sub-package and the entry function its __init__ exports
STAGES = {"io": "read_file", "parse": "parse_text", "align": "align", "diff": "diff_unit", "classify": "classify",
          "signal": "summarize", "render": "render", "evaluation": "run_check", "cli": "main"}
#: what render/ may import from lawdiff: the contract and its own modules (and text helpers)
RENDER_MAY_IMPORT = ("lawdiff.model", "lawdiff.render", "lawdiff.text")


def modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        name = ".".join(p.relative_to(ROOT).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = p
    return out


def imports(path: Path) -> list[tuple[str, list[str], bool]]:
    """(module, names, at module level) for every ``import`` / ``from … import`` of lawdiff in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(n) for n in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("lawdiff"):
            out.append((node.module, [a.name for a in node.names], id(node) in top))
        elif isinstance(node, ast.Import):
            out += [(a.name, [], id(node) in top) for a in node.names if a.name.startswith("lawdiff")]
    return out


def test_no_private_name_is_imported_from_another_module():
    bad = [f"{name}: from {mod} import {n}" for name, path in modules().items()
           for mod, names, _ in imports(path) for n in names if n.startswith("_") and n != "__version__"]
    assert bad == []


def test_no_import_cycles():
    """Between modules, counting imports inside functions; the root package's lazy re-export of compare()
    (PEP 562 ``__getattr__``) is the one documented exception."""
    mods = modules()

    def owner(name: str) -> str:
        while name not in mods:
            name = name.rsplit(".", 1)[0]
        return name

    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, path in mods.items():
        for mod, names, at_top in imports(path):
            if m == "lawdiff" and not at_top:
                continue
            targets = {owner(f"{mod}.{n}") if f"{mod}.{n}" in mods else owner(mod) for n in names} or {owner(mod)}
            for t in targets:  # importing lawdiff.a.b runs lawdiff.a's __init__ first (unless m is inside it)
                parts = t.split(".")
                graph[m] |= {".".join(parts[:i]) for i in range(2, len(parts) + 1)
                             if not m.startswith(".".join(parts[:i]) + ".") and ".".join(parts[:i]) != m}
    seen: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        seen[m] = 1
        for t in sorted(graph[m]):
            assert seen.get(t) != 1, f"import cycle: {' -> '.join([*path, t])}"
            if t not in seen:
                visit(t, [*path, t])
        seen[m] = 2

    for m in sorted(mods):
        if m not in seen:
            visit(m, [m])


def test_renderers_read_only_the_report():
    """render/ imports the contract (model), its own modules and text helpers: no stage, no data file."""
    for name, path in modules().items():
        if not name.startswith("lawdiff.render"):
            continue
        for mod, _names, _top in imports(path):
            assert mod.startswith(RENDER_MAY_IMPORT), f"{name} imports {mod}"
        source = path.read_text(encoding="utf-8")
        assert "resources.files" not in source and "signal.yaml" not in source, name


@pytest.mark.parametrize(("stage", "entry"), STAGES.items())
def test_each_stage_exports_its_entry_function(stage, entry):
    package = importlib.import_module(f"lawdiff.{stage}")
    assert callable(getattr(package, entry)) and entry in package.__all__


def test_the_public_entry_points():
    from lawdiff import LawdiffError, Report, compare, compare_files
    from lawdiff.pipeline import compare as compare2
    from lawdiff.pipeline import compare_files as compare_files2
    from lawdiff.pipeline import load_document

    assert compare is compare2 and compare_files is compare_files2 and callable(load_document)
    assert issubclass(LawdiffError, Exception) and Report.__name__ == "Report"


def test_modules_are_small_enough_to_read_in_one_sitting():
    """About 400 lines at most; model.py, the whole contract between stages, is kept in one file."""
    limits = {"lawdiff.model": 450}
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > limits.get(name, 400)}
    assert long == {}


def test_no_global_statement_in_the_package():
    """Module-level state set from functions was the hidden state the tokenizer object replaced."""
    found = [name for name, path in modules().items()
             if any(isinstance(n, ast.Global) for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))]
    assert found == []
