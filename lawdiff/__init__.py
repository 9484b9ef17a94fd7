"""lawdiff: read how a law changed between two versions."""

__version__ = "0.1.0"
