"""Fuzz the reader, the parser and the aligner: bytes -> decode -> parse -> align against itself.

Not part of CI.  Run it for a bounded time::

    pip install atheris            # optional: coverage-guided (libFuzzer); without it, Hypothesis is used
    python fuzz/fuzz_parse.py --seconds 120

What counts as a finding (each stops the run and is saved under ``fuzz/crashes/``):

* any exception other than :class:`lawdiff.errors.LawdiffError` (a refusal with a message is fine);
* a broken invariant: an article missing from the alignment or in two units, a text aligned against
  itself that is not all one-to-one matched units with identical texts, a warning spanning lines;
* one input taking longer than ``--timeout`` seconds (default 10): a regular expression or loop that is
  quadratic on hostile input.

``--pipeline`` also runs diff, classify and summarize against an edited copy of the text (slower).

To keep a finding as a regression case, fix it, then copy the input to ``tests/cases/fuzz/<name>.bin``:
``tests/test_hardening.py::test_fuzz_regressions`` runs :func:`check_one` on every file there.

Seeds: ``fuzz/seeds/`` (small law texts in every encoding and markup lawdiff reads); atheris also gets
``fuzz/lawdiff.dict``, the markers and markup the reader and parser look for.  With atheris the
growing corpus goes to ``--corpus DIR`` (default: a temporary folder).
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
CRASHES = HERE / "crashes"


def _import_lawdiff():
    from lawdiff.align.passes import align
    from lawdiff.errors import LawdiffError
    from lawdiff.io.read import decode
    from lawdiff.model import UnitKind
    from lawdiff.parse import parse_text

    return align, LawdiffError, UnitKind, parse_text, decode


align, LawdiffError, UnitKind, parse_text, decode = _import_lawdiff() if __name__ != "__main__" else (None,) * 5


def check_one(data: bytes) -> None:
    """Run one input through read -> parse -> align(doc, doc) and check the invariants (AssertionError)."""
    try:
        text, _encoding = decode(data, name="fuzz-input")
        doc = parse_text(text, path="fuzz-input")
    except LawdiffError as exc:
        assert "\n" not in str(exc), "an error message spans lines"
        return
    for w in doc.warnings:
        assert "\n" not in w, f"a warning spans lines: {w!r}"
    refs = [a.ref for a in doc.articles]
    assert len(refs) == len(set(refs)), "two articles share a reference"
    units = align(doc, doc, lang=doc.lang)
    seen = Counter(id(a) for u in units for a in u.draft)
    assert sorted(seen.values()) == [1] * len(doc.articles), "a draft article is missing or in two units"
    assert Counter(id(a) for u in units for a in u.final) == seen, "the final side differs from the draft side"
    for u in units:
        assert u.kind is UnitKind.MATCHED and len(u.draft) == len(u.final) == 1, f"{u.id} is {u.kind.value}"
        assert u.draft[0].text == u.final[0].text, f"{u.id} pairs different texts"


def check_pipeline(data: bytes) -> None:
    """``--pipeline``: also diff and classify the text against an edited copy of itself (lines dropped,
    swapped and changed, chosen by the input's own bytes): no exception but LawdiffError, every article
    of both versions in exactly one unit."""
    check_one(data)
    from lawdiff.pipeline import compare

    try:
        text, _encoding = decode(data, name="fuzz-input")
        draft = parse_text(text, path="draft")
    except LawdiffError:
        return
    lines = text.split("\n")
    for i, b in enumerate(data[:64]):
        if not lines:
            break
        j = (b * 7 + i) % len(lines)
        if b % 4 == 0:
            lines.pop(j)
        elif b % 4 == 1:
            lines.insert(j, lines[(j + b) % len(lines)])
        elif b % 4 == 2:
            lines[j] = lines[j].replace("应当", "可以").replace("shall", "may") + chr(0x4E00 + b)
    try:
        final = parse_text("\n".join(lines), path="final", lang=draft.lang)
    except LawdiffError:
        return
    report = compare(draft, final, cache=False)
    for side, doc in (("draft", draft), ("final", final)):
        seen = Counter(id(a) for u in report.units for a in getattr(u.diff.unit, side))
        assert sorted(seen.values()) == [1] * len(doc.articles), f"a {side} article is missing or in two units"


# ----------------------------------------------------------------------------------------- runners


class _Timeout(Exception):
    pass


def _save(data: bytes, why: str) -> Path:
    import hashlib

    CRASHES.mkdir(exist_ok=True)
    path = CRASHES / f"crash-{hashlib.sha1(data).hexdigest()[:12]}.bin"
    path.write_bytes(data)
    print(f"fuzz: {why}\nfuzz: input saved to {path}", file=sys.stderr)
    return path


CHECK = check_one


def _timed(data: bytes, timeout: float) -> None:
    def alarm(*_):
        raise _Timeout

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        CHECK(data)
    except _Timeout:
        raise AssertionError(f"one input took more than {timeout:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_atheris(atheris, seconds: int, timeout: float, corpus: Path) -> int:
    def one_input(data: bytes) -> None:
        try:
            _timed(data, timeout)
        except Exception as exc:
            _save(data, f"{type(exc).__name__}: {exc}")
            raise

    args = [sys.argv[0], f"-max_total_time={seconds}", f"-artifact_prefix={CRASHES}/", "-max_len=20000",
            "-len_control=20", f"-dict={HERE / 'lawdiff.dict'}", "-rss_limit_mb=4096", str(corpus), str(SEEDS)]
    CRASHES.mkdir(exist_ok=True)
    atheris.Setup(args, one_input)
    atheris.Fuzz()
    return 0


def run_hypothesis(seconds: int, timeout: float) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = [p.read_bytes() for p in sorted(SEEDS.iterdir())]
    pieces = [s for seed in seeds for s in seed.split(b"\n") if s] + [
        b"<!--", b"-->", b"<p>", b"</p>", b"<script>", b"**", b"#", b"\xe7\xac\xac", b"\xb5\xda", b"\x00", b"\x1b",
        "第十一一条".encode(), "第　１２　条".encode(), b"\r", b"\r\n", b"\xef\xbb\xbf", b"\xff\xfe"]
    chunk = st.one_of(st.sampled_from(pieces), st.binary(max_size=40),
                      st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")))
    inputs = st.one_of(st.binary(max_size=2000), st.sampled_from(seeds),
                       st.lists(chunk, max_size=60).map(lambda xs: b"\n".join(xs)),
                       st.tuples(st.sampled_from(seeds), st.binary(max_size=64), st.integers(0, 2000)).map(
                           lambda t: t[0][: t[2]] + t[1] + t[0][t[2]:]))
    failure: list[bytes] = []

    @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(inputs)
    def fuzz(data: bytes) -> None:
        try:
            _timed(data, timeout)
        except Exception:
            failure[:] = [data]
            raise

    started = time.monotonic()
    rounds = 0
    while time.monotonic() - started < seconds:
        rounds += 1
        try:
            fuzz()
        except Exception as exc:  # noqa: BLE001 - any failure is a finding; hypothesis has shrunk it
            _save(failure[-1] if failure else b"", f"{type(exc).__name__}: {exc}")
            return 1
    print(f"fuzz: {rounds * 500} inputs in {time.monotonic() - started:.0f} s, no finding", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=int, default=120, help="how long to fuzz (default 120)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds one input may take (default 10)")
    ap.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    ap.add_argument("--corpus", type=Path, help="atheris: where the growing corpus is kept (default: a temp folder)")
    ap.add_argument("--pipeline", action="store_true",
                    help="also diff and classify against an edited copy (slower; covers diff/classify/summarize)")
    ns = ap.parse_args(argv)
    global CHECK
    CHECK = check_pipeline if ns.pipeline else check_one
    atheris = None
    if ns.engine != "hypothesis":
        try:
            import atheris  # type: ignore[import-not-found,no-redef]
        except ImportError:
            if ns.engine == "atheris":
                ap.error("atheris is not installed: pip install atheris")
    global align, LawdiffError, UnitKind, parse_text, decode
    if atheris is not None:
        with atheris.instrument_imports(include=["lawdiff"]):
            align, LawdiffError, UnitKind, parse_text, decode = _import_lawdiff()
        corpus = ns.corpus or Path(tempfile.mkdtemp(prefix="lawdiff-fuzz-"))
        corpus.mkdir(parents=True, exist_ok=True)
        return run_atheris(atheris, ns.seconds, ns.timeout, corpus)
    align, LawdiffError, UnitKind, parse_text, decode = _import_lawdiff()
    return run_hypothesis(ns.seconds, ns.timeout)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main())
