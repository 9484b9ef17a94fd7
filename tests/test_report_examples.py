"""examples/: the committed reports of the showcase pairs are current, and regenerating them is stable."""

from __future__ import annotations

import pytest
from conftest import CORPORA, ROOT, load_script

pytestmark = pytest.mark.slow  # regenerates the reports of the showcase pairs (~8 s)


examples = load_script(ROOT / "tools" / "regen_examples.py")

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """The examples regenerated into a temporary folder, twice (byte-identical runs)."""
    first = tmp_path_factory.mktemp("first")
    second = tmp_path_factory.mktemp("second")
    assert examples.main(["--out", str(first)]) == 0
    assert examples.main(["--out", str(second)]) == 0
    return first, second


def test_every_showcase_pair_has_markdown_and_json(fresh):
    pairs = sorted(examples.EXAMPLE_PAIRS)
    assert {"genai-2023", "eu-ai-act-2024"} <= set(pairs)
    assert all((CORPORA / p / "meta.yaml").is_file() for p in pairs)
    names = {p.name for p in fresh[0].iterdir()}
    docx = {f"{p}.docx" for p in examples.DOCX_PAIRS}
    assert docx == {"genai-2023.docx", "anti-monopoly-law-2022.docx"}  # a draft-final and a revision pair
    assert names == {f"{p}.{ext}" for p in pairs for ext in ("md", "json")} | docx


def test_regenerating_twice_gives_identical_files(fresh):
    first, second = fresh
    for p in first.iterdir():
        assert p.read_bytes() == (second / p.name).read_bytes(), p.name


def test_committed_examples_are_current(fresh):
    stale = [
        p.name
        for p in fresh[0].iterdir()
        if not (EXAMPLES / p.name).is_file() or (EXAMPLES / p.name).read_bytes() != p.read_bytes()
    ]
    assert stale == [], "examples/ is stale; regenerate with: python tools/regen_examples.py"


def test_check_mode_names_stale_and_leftover_files(tmp_path, capsys, fresh, monkeypatch):
    # the rendering itself is tested above; here only --check and the writing logic, on the same files
    files = {p.name: p.read_bytes() if p.suffix == ".docx" else p.read_text(encoding="utf-8")
             for p in fresh[0].iterdir()}
    monkeypatch.setattr(examples, "render_all", lambda root=ROOT: dict(files))
    examples.main(["--out", str(tmp_path)])
    assert examples.main(["--check", "--out", str(tmp_path)]) == 0
    md = next(tmp_path.glob("*.md"))
    md.write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "old-pair.json").write_text("{}", encoding="utf-8")
    (tmp_path / "README.md").write_text("kept\n", encoding="utf-8")
    capsys.readouterr()
    assert examples.main(["--check", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"stale: {md}" in err and "old-pair.json" in err and "README.md" not in err
    assert "regenerate with: python tools/regen_examples.py" in err
    assert examples.main(["--out", str(tmp_path)]) == 0
    assert not (tmp_path / "old-pair.json").exists() and (tmp_path / "README.md").read_text() == "kept\n"
    assert examples.main(["--check", "--out", str(tmp_path)]) == 0
    docx = next(tmp_path.glob("*.docx"))
    docx.write_bytes(b"PK stale")
    assert examples.main(["--check", "--out", str(tmp_path), "--only", md.name]) == 0  # only what is named
    assert examples.main(["--check", "--out", str(tmp_path), "--only", docx.name]) == 1
    assert examples.main(["--out", str(tmp_path), "--only", docx.name]) == 0
    assert docx.read_bytes() == files[docx.name]
    assert examples.main(["--check", "--out", str(tmp_path), "--only", "nope.docx"]) == 2


def test_examples_readme_documents_the_command():
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "python tools/regen_examples.py" in text


def test_paths_in_examples_are_relative(fresh):
    import zipfile

    for p in fresh[0].iterdir():
        if p.suffix == ".docx":
            text = zipfile.ZipFile(p).read("word/document.xml").decode("utf-8")
        else:
            text = p.read_text(encoding="utf-8")
        assert str(ROOT) not in text and "corpora/" in text
