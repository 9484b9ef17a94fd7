"""Regenerate ``examples/``: the committed Markdown, JSON and Word reports of the showcase corpus pairs.

    python tools/regen_examples.py           # rewrite examples/<pair>.md, .json (and .docx for DOCX_PAIRS),
                                             # and lawdiff/data/schemas/checked.txt (tools/regen_checked.py)
    python tools/regen_examples.py --check   # write nothing; exit 1 and name the stale files
    python tools/regen_examples.py --out DIR # write into DIR instead (the staleness test does this)
    python tools/regen_examples.py --only genai-2023.docx   # only the files named (repeatable)

Why commit generated files: a change to the parser, aligner, rules or renderers shows up as a
readable diff of real reports in review, and the tests fail until the examples are regenerated.
Paths in the reports are relative to the repository root, whatever the working folder, so the
output is byte-identical on every machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from lawdiff.errors import LawdiffError
from lawdiff.model import Report

ROOT = Path(__file__).resolve().parent.parent
README = "README.md"


# The pairs whose reports are shown in examples/: the draft→final showcase pairs and the English pair.  The
# evaluation pairs added for blind annotation (Beijing/Shanghai regulations, judicial interpretations) are
# read by `lawdiff check corpora/` instead; a report of each is one `lawdiff diff` away.
EXAMPLE_PAIRS = (
    "administrative-reconsideration-law-2023",
    "anti-monopoly-law-2022",
    "cii-commercial-crypto-2025",
    "eu-ai-act-2024",
    "genai-2023",
    "public-data-registration-2025",
)
# The pairs whose Word 修改对照表 is shown too: a draft for comment and its final text, and a law before and
# after revision (the two sets of column heads a lawyer meets).
DOCX_PAIRS = ("genai-2023", "anti-monopoly-law-2022")


def corpus_pairs(root: Path = ROOT) -> list[str]:
    """The example pairs of ``corpora/`` (each with a meta.yaml), sorted."""
    base = root / "corpora"
    if not base.is_dir():
        raise LawdiffError(f"{base}: not found; run this from a source checkout of lawdiff")
    missing = [p for p in EXAMPLE_PAIRS if not (base / p / "meta.yaml").is_file()]
    if missing:
        raise LawdiffError(f"{base}: example pair {missing[0]} has no meta.yaml; fix EXAMPLE_PAIRS in {__file__}")
    return sorted(EXAMPLE_PAIRS)


def pair_report(pair: str, root: Path = ROOT) -> Report:
    """Compare one corpus pair, with its paths rewritten relative to ``root``."""
    from lawdiff.io.meta import load_meta
    from lawdiff.pipeline import compare_files

    folder = root / "corpora" / pair
    meta = load_meta(folder / "meta.yaml")
    report = compare_files(folder / meta.draft_file, folder / meta.final_file, meta=meta)
    rel = Path("corpora") / pair
    return dataclasses.replace(
        report,
        draft=dataclasses.replace(report.draft, path=(rel / meta.draft_file).as_posix()),
        final=dataclasses.replace(report.final, path=(rel / meta.final_file).as_posix()),
    )


def render_pair(pair: str, root: Path = ROOT) -> dict[str, str | bytes]:
    """File name -> content for one pair: ``<pair>.md``, ``<pair>.json`` and, for DOCX_PAIRS, ``<pair>.docx``."""
    from lawdiff.render.json import render_json
    from lawdiff.render.markdown import render_markdown
    from lawdiff.render.word import render_docx

    report = pair_report(pair, root)
    out: dict[str, str | bytes] = {f"{pair}.md": render_markdown(report), f"{pair}.json": render_json(report)}
    if pair in DOCX_PAIRS:
        out[f"{pair}.docx"] = render_docx(report)
    return out


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def render_all(root: Path = ROOT) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    for pair in corpus_pairs(root):
        out.update(render_pair(pair, root))
    return out


def stale(folder: Path, files: dict[str, str | bytes], *, leftovers: bool = True) -> list[str]:
    """Names in ``folder`` that differ from ``files``, are missing, or (``leftovers``) are left over from
    old pairs."""
    bad = [
        name
        for name, content in files.items()
        if not (folder / name).is_file() or (folder / name).read_bytes() != _bytes(content)
    ]
    extra = (
        [
            p.name
            for p in folder.glob("*")
            if p.suffix in (".md", ".json", ".docx") and p.name != README and p.name not in files
        ]
        if folder.is_dir() and leftovers
        else []
    )
    return sorted(bad + extra)


def write(folder: Path, files: dict[str, str | bytes], *, leftovers: bool = True) -> list[str]:
    """Write every file atomically; remove reports of pairs that no longer exist.  Returns changed names."""
    from lawdiff.io.write import write_atomic

    folder.mkdir(parents=True, exist_ok=True)
    changed = stale(folder, files, leftovers=leftovers)
    for name, text in files.items():
        if name in changed:
            write_atomic(folder / name, text)
    for name in changed:
        if name not in files:
            (folder / name).unlink()
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/regen_examples.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if examples/ is stale")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "examples", help="folder to write (default: examples/)"
    )
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="only this file (e.g. genai-2023.docx); repeatable; leftovers are then kept")
    args = parser.parse_args(argv)
    try:
        files = render_all()
        unknown = [n for n in args.only if n not in files]
        if unknown:
            print(f"lawdiff: no example named {unknown[0]}; choose from {', '.join(sorted(files))}", file=sys.stderr)
            return 2
        if args.only:
            files = {n: files[n] for n in args.only}
        if args.check:
            bad = stale(args.out, files, leftovers=not args.only)
            for name in bad:
                print(f"stale: {args.out / name}", file=sys.stderr)
            if bad:
                print("regenerate with: python tools/regen_examples.py", file=sys.stderr)
            return 1 if bad else 0
        changed = write(args.out, files, leftovers=not args.only)
        if args.out == ROOT / "examples":  # the shipped tables' digests too, when the repository is written
            sys.path.insert(0, str(ROOT / "tools"))
            from regen_checked import regen

            if regen():
                print("lawdiff/data/schemas/checked.txt rewritten", file=sys.stderr)
    except LawdiffError as exc:
        print(f"lawdiff: {exc}", file=sys.stderr)
        return 2
    print(f"{len(files)} reports in {args.out}; {len(changed)} changed", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
