from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
RAW = ROOT.parent / "shared" / "corpora-raw"
CIVIL_BOOKS = ("总则", "物权编", "合同编", "人格权编", "婚姻家庭编", "继承编", "侵权责任编", "附则")


def load_script(path: Path) -> ModuleType:
    """A script of the repository that is not part of the package (tools/, fuzz/), imported as a module."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus(pair: str, side: str) -> Path:
    """corpora/<pair>/<file> for side 'draft' or 'final', as named in its meta.yaml."""
    from lawdiff.io.meta import load_meta

    meta = load_meta(CORPORA / pair / "meta.yaml")
    return CORPORA / pair / (meta.draft_file if side == "draft" else meta.final_file)


def civil_code_text() -> str:
    from lawdiff.io.read import read_file

    base = RAW / "large" / "civil-code-2020"
    if not base.is_dir():
        pytest.skip("../shared/corpora-raw/large is not present")
    return "\n".join(read_file(base / f"{b}.md")[0] for b in CIVIL_BOOKS)


@pytest.fixture
def tmp_file(tmp_path):
    def make(content: bytes | str, name: str = "law.txt") -> Path:
        p = tmp_path / name
        if isinstance(content, str):
            p.write_text(content, encoding="utf-8")
        else:
            p.write_bytes(content)
        return p

    return make


# CI must not fail on an example Hypothesis happens to draw for the first time that day: under CI=true
# the property tests run a fixed, derandomized set of examples; locally they keep exploring.
try:
    import os

    from hypothesis import settings as _hsettings

    _hsettings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        _hsettings.load_profile("ci")
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    pass
