"""Stage 1 and the edges: reading law files, writing reports atomically, YAML, JSON Schemas, caches."""

from lawdiff.io.read import read_file

__all__ = ["read_file"]
