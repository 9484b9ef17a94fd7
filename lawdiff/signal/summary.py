"""Stage 6: classified units and the two texts -> :class:`~lawdiff.model.Signal`.

The four channels of :mod:`lawdiff.signal.information` (what the classified changes say) and
:mod:`lawdiff.signal.textual` (what the texts say: restriction index, coordination, commitment), with
the word lists of :mod:`lawdiff.signal.lexicon`.
"""

from __future__ import annotations

from collections.abc import Sequence

from lawdiff.model import Document, Lang, Signal, UnitReport, VersionMeta
from lawdiff.signal.information import information
from lawdiff.signal.lexicon import signal_words
from lawdiff.signal.textual import commitment, coordination, restriction_index


def summarize(
    units: Sequence[UnitReport],
    *,
    draft: Document,
    final: Document,
    draft_meta: VersionMeta,
    final_meta: VersionMeta,
    lang: Lang,
    disk_cache: bool = True,
) -> Signal:
    """Read the revision on the four expressive channels (information, restriction, coordination,
    commitment).  Raises :class:`lawdiff.errors.RuleError` when ``data/signal.yaml`` is malformed.
    ``disk_cache=False``: the word lists are parsed, not read back from lawdiff's cache folder."""
    words = signal_words(lang, disk_cache=disk_cache)
    coord = coordination(draft, final, draft_meta, final_meta, words)
    return Signal(
        information=information(units),
        restriction=restriction_index(draft, final, words),
        coordination=coord,
        commitment=commitment(
            draft, final, draft_meta, final_meta, (coord.draft_issuers, coord.final_issuers), words
        ),
    )
