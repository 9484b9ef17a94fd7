"""The package data a wheel carries: every shipped data file, so that a plain ``pip install .`` works."""

from __future__ import annotations

import ast
import re
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_is_listed_in_package_data():
    """A non-editable install left out lawdiff/data/norms/ (its folder was not in package-data), and every run
    then failed: each file under lawdiff/data must match one of the globs."""
    # (tomllib is Python 3.11+; the project supports 3.10: the one line is a Python literal list)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    line = re.search(r"^\[tool\.setuptools\.package-data\]\s*\nlawdiff = (\[.*\])$", text, re.MULTILINE)
    assert line is not None
    globs = ast.literal_eval(line.group(1))
    package = ROOT / "lawdiff"
    files = [p.relative_to(package).as_posix() for p in (package / "data").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    assert files
    missing = [f for f in files if not any(fnmatch(f, g) and f.count("/") == g.count("/") for g in globs)]
    assert missing == []
