from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from collections.abc import Iterator
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


def pair_documents(pair: str):
    """The draft and final documents of corpora/<pair>, parsed."""
    from lawdiff.pipeline import load_document

    return load_document(corpus(pair, "draft")), load_document(corpus(pair, "final"))


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


# ----------------------------------------------------------------------------- running lawdiff


def run(*args: str, env: dict | None = None):
    """``lawdiff ARGS`` through click's CliRunner; an exception that escapes the CLI fails the test."""
    from click.testing import CliRunner

    from lawdiff.cli import main

    return CliRunner().invoke(main, list(args), env={"NO_COLOR": "1", **(env or {})}, catch_exceptions=False)


def forget_parsed_tables() -> None:
    """Clear the per-process memos in front of the parsed copies of the shipped tables
    (:mod:`lawdiff.io.parsed`), so that the next call reads the cache folder again."""
    import lawdiff.signal.lexicon as signal_lexicon
    from lawdiff.classify.norm_rules import shipped_norm_rules
    from lawdiff.norms.lexicon import load_lexicon
    from lawdiff.norms.polarity import rows

    for memo in (load_lexicon, rows, shipped_norm_rules, signal_lexicon._packaged):
        memo.cache_clear()


def write(p: Path, data: bytes | str) -> Path:
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def assert_refused(res, *needles: str, code: int = 2) -> str:
    """Exit ``code``, one line on stderr starting "lawdiff: ", containing every needle, no traceback."""
    assert res.exit_code == code, res.output
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    line = lines[0]
    assert line.startswith("lawdiff: ")
    for n in needles:
        assert n in line, f"{n!r} not in {line!r}"
    assert "Traceback" not in res.output
    return line


READY = "lawdiff-test: ready"

#: The child of :func:`spawn`: wraps ``module.attr`` so that, when lawdiff calls it, the child prints
#: :data:`READY` on stderr and waits (before or after the real call), then runs the CLI as ``lawdiff`` would.
_CHILD = """
import importlib, sys, time
module, attr, when = sys.argv[1], sys.argv[2], sys.argv[3]
target = importlib.import_module(module)
real = getattr(target, attr)
def pause():
    print({ready!r}, file=sys.stderr, flush=True)
    time.sleep(600)
def wrapper(*a, **k):
    if when == "before":
        pause()
    out = real(*a, **k)
    if when == "after":
        pause()
    return out
setattr(target, attr, wrapper)
sys.argv = ["lawdiff", *sys.argv[4:]]
from lawdiff.cli import main
main()
"""


def spawn(*args: str, pause: str, when: str = "before", **kw):
    """Start ``lawdiff ARGS`` in a real process that stops at ``pause`` ("module:attr", called ``when``:
    before or after the real call) and wait until it says so on stderr: signal tests then send their signal
    at a known point, however loaded the machine is, instead of guessing with a sleep."""
    import subprocess

    module, attr = pause.split(":")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore", **kw.pop("env", {})}
    proc = subprocess.Popen([sys.executable, "-c", _CHILD.format(ready=READY), module, attr, when, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **kw)
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        if line.rstrip("\n") == READY:
            return proc
        seen.append(line)
    proc.wait(timeout=60)
    raise AssertionError(f"the child ended (rc {proc.returncode}) before reaching {pause}: {''.join(seen)[-2000:]}")


# ----------------------------------------------------------------------------- no test touches the user's files

#: Environment variables that decide where lawdiff (and jieba, through HOME) may keep files.
CACHE_ENV = ("LAWDIFF_CACHE_DIR", "XDG_CACHE_HOME", "HOME")
_SCRATCH = {"__pycache__", ".pytest_cache", ".hypothesis", ".venv", ".git", ".mypy_cache", ".ruff_cache"}


def user_cache() -> Path:
    """The cache folder lawdiff would use for the user running the tests (before the fixtures move it)."""
    env = os.environ.get("LAWDIFF_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "lawdiff"


#: Places no test may write to: the user's own cache folder, jieba's default cache, the repository (its
#: scratch folders aside).  Writes are seen through an audit hook (PEP 578), so only this process's own
#: writes count: other programs on a shared machine may use the user's cache meanwhile.
FORBIDDEN = (str(user_cache().resolve()), os.path.join(tempfile.gettempdir(), "jieba.cache"), str(ROOT))
WRITES: list[str] = []
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def _forbidden(path: object) -> bool:
    if isinstance(path, int) or path is None:
        return False
    try:
        full = os.path.abspath(os.fsdecode(os.fspath(path)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    for root in FORBIDDEN:
        if full == root or full.startswith(root + os.sep):
            rel = full[len(root):].lstrip(os.sep)
            return not (root == str(ROOT) and (not rel or rel.split(os.sep)[0] in _SCRATCH or "__pycache__" in rel))
    return False


#: audit events that change the file system -> the positions of the paths they change
_CHANGED = {"os.rename": (0, 1), "os.replace": (0, 1), "os.remove": (0,), "os.unlink": (0,), "os.mkdir": (0,),
            "os.rmdir": (0,), "os.truncate": (0,), "os.symlink": (1,), "os.link": (1,), "shutil.rmtree": (0,),
            "shutil.copyfile": (1,), "shutil.move": (0, 1)}


def _audit(event: str, args: tuple) -> None:
    if event == "open":
        path, mode, flags = (args + (None, None, None))[:3]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            mode is None and isinstance(flags, int) and flags & _WRITE_FLAGS)
        if writing and _forbidden(path):
            WRITES.append(f"open {path}")
    elif event in _CHANGED:
        for k in _CHANGED[event]:
            path = args[k] if k < len(args) else None
            if isinstance(path, (str, bytes, os.PathLike)) and _forbidden(path):
                WRITES.append(f"{event} {path}")


sys.addaudithook(_audit)


def _repository_entries() -> dict[str, list[str]]:
    """The entries of the repository's folders, for writes by child processes (which no hook sees)."""
    folders = (ROOT, ROOT / "tests", ROOT / "corpora", *sorted(CORPORA.glob("*/")), ROOT / "examples", ROOT / "lawdiff")
    return {str(f): sorted(p.name for p in f.iterdir() if p.name not in _SCRATCH) for f in folders if f.is_dir()}


@pytest.fixture(scope="session", autouse=True)
def _private_cache_for_the_session(tmp_path_factory) -> Iterator[Path]:
    """Every test process, and every lawdiff process a test starts, keeps its caches in one temporary folder
    of this session: LAWDIFF_CACHE_DIR, XDG_CACHE_HOME and HOME point there.  One folder for the session,
    not one per test, so that jieba's dictionary is built once per session rather than once per test; a
    test about the cache itself sets its own folder."""
    home = tmp_path_factory.mktemp("home")
    mp = pytest.MonkeyPatch()
    mp.setenv("HOME", str(home))
    mp.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    mp.setenv("LAWDIFF_CACHE_DIR", str(home / ".cache" / "lawdiff"))
    yield home
    mp.undo()


@pytest.fixture(autouse=True)
def _writes_nowhere_else(request) -> Iterator[None]:
    """Fail a test that writes into the user's cache, jieba's default cache or the repository."""
    for name in CACHE_ENV:
        assert os.environ.get(name), f"{name} is not set by the session fixture"
    del WRITES[:]
    before = _repository_entries()
    yield
    changed = [f for f, names in _repository_entries().items() if before.get(f) != names]
    assert not WRITES and not changed, f"{request.node.nodeid} wrote outside its temporary folders: " \
        f"{(WRITES + changed)[:5]}"


# CI must not fail on an example Hypothesis happens to draw for the first time that day: under CI=true
# the property tests run a fixed, derandomized set of examples; locally they keep exploring.
try:
    from hypothesis import settings as _hsettings

    _hsettings.register_profile("ci", derandomize=True, print_blob=True)
    if os.environ.get("CI"):
        _hsettings.load_profile("ci")
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    pass
