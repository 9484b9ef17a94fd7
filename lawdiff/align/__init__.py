"""Stage 3, align: two Documents -> aligned units (matched, renumbered, moved, split, merged, added, removed)."""

from lawdiff.align.passes import align

__all__ = ["align"]
