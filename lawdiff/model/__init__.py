"""The frozen dataclasses that flow between pipeline stages.

read -> parse -> align -> diff -> norms -> classify -> summarize -> render.  Every stage takes and returns
these types (never dicts) so that a stage can be tested, cached and replaced on its own; this module is
the whole contract between stages (split into ``enums``, ``document``, ``norms`` and ``report`` only so that each reads in one sitting; import everything from ``lawdiff.model``), and renderers read nothing but a :class:`Report`.  Closed sets of
words (labels, themes, sides, verdicts, levels …) are enums, converted from and to text only at the
edges (YAML files, JSON output).
Legal text is kept exactly as read: the ``text`` fields hold the original characters; comparison
forms are computed on the fly by :mod:`lawdiff.text.normalize` and never stored in place of the original.
"""

from __future__ import annotations

from lawdiff.model.document import (
    AlignedUnit,
    Article,
    ArticleDiff,
    Document,
    Edit,
    Heading,
    Item,
    Paragraph,
)
from lawdiff.model.enums import (
    Bearer,
    ChangeKind,
    Comparator,
    Direction,
    Effect,
    Label,
    Lang,
    Level,
    Modality,
    Op,
    Polarity,
    QuantityRole,
    Role,
    Side,
    Sphere,
    Status,
    TextEnum,
    Theme,
    UnitKind,
    Verdict,
)
from lawdiff.model.norms import (
    Finding,
    Norm,
    NormChange,
    Quantity,
    Quote,
    Span,
    UnitNorms,
)
from lawdiff.model.report import (
    Change,
    Commitment,
    Coordination,
    Evidence,
    Firing,
    Information,
    Report,
    RestrictionIndex,
    Signal,
    ThemeScore,
    TopChange,
    UnitReport,
    VersionMeta,
    level_shown,
)

__all__ = [
    "AlignedUnit",
    "Article",
    "ArticleDiff",
    "Bearer",
    "Change",
    "ChangeKind",
    "Commitment",
    "Comparator",
    "Coordination",
    "Direction",
    "Document",
    "Edit",
    "Effect",
    "Evidence",
    "Finding",
    "Firing",
    "Heading",
    "Information",
    "Item",
    "Label",
    "Lang",
    "Level",
    "Modality",
    "Norm",
    "NormChange",
    "Op",
    "Paragraph",
    "Polarity",
    "Quantity",
    "QuantityRole",
    "Quote",
    "Report",
    "RestrictionIndex",
    "Role",
    "Side",
    "Signal",
    "Span",
    "Sphere",
    "Status",
    "TextEnum",
    "Theme",
    "ThemeScore",
    "TopChange",
    "UnitKind",
    "UnitNorms",
    "UnitReport",
    "Verdict",
    "VersionMeta",
    "level_shown",
]
