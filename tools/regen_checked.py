"""Regenerate ``lawdiff/data/schemas/checked.txt``: the digests of the shipped data files that pass their schemas.

    python tools/regen_checked.py           # check every shipped table and rewrite the file
    python tools/regen_checked.py --check   # write nothing; exit 1 when the file is stale

Why: a table listed there is not checked against its JSON Schema again when lawdiff loads it
(:func:`lawdiff.io.schema.known_valid`: importing ``jsonschema`` and walking the tables was a twentieth of a
first run).  A table that changed and was not listed again is simply checked on every first run, as before,
and tests/test_speed_levers.py fails until this is run.  ``tools/regen_examples.py`` runs it too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lawdiff.io.schema import CHECKED, checked_listing

TARGET = Path(__file__).resolve().parent.parent / "lawdiff" / "data" / "schemas" / CHECKED


def regen(*, check: bool = False) -> bool:
    """Whether the file was (``check``: is) stale; rewrites it unless ``check``."""
    want = checked_listing()
    stale = not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != want
    if stale and not check:
        from lawdiff.io.write import write_atomic

        write_atomic(TARGET, want)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/regen_checked.py", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file is stale")
    args = parser.parse_args(argv)
    stale = regen(check=args.check)
    if args.check and stale:
        print(f"stale: {TARGET}; regenerate with: python tools/regen_checked.py", file=sys.stderr)
        return 1
    print(f"{TARGET}: {'rewritten' if stale else 'up to date'}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
