"""What a reader asked to see: the language of the report and which units to show.

Every renderer takes a :class:`View` beside the Report.  The Report is the whole comparison; the view
only chooses: ``ui`` (the language of the words, default that of the texts), ``only_changed`` and
``themes`` (units to show; the signal summary always counts them all), ``summary`` (the signal alone),
``show_unchanged`` (both sides instead of 同左) and ``timestamp``.
"""

from __future__ import annotations

from dataclasses import dataclass

from lawdiff.model import Label, Lang, Report, Theme, UnitReport
from lawdiff.render.i18n import Words, words_for
from lawdiff.render.reasons import Explanation, explain


@dataclass(frozen=True, slots=True)
class View:
    ui: Lang | None = None
    show_unchanged: bool = False
    only_changed: bool = False
    themes: tuple[Theme, ...] = ()
    summary: bool = False
    timestamp: bool = False

    def words(self, report: Report) -> Words:
        return words_for(self.ui or report.lang)

    def units(self, report: Report) -> tuple[UnitReport, ...]:
        """The units shown, in order: all of them, or the changed ones, or those with a theme asked for."""
        wanted = set(self.themes)
        return tuple(
            u
            for u in report.units
            if not (self.only_changed and u.change.label is Label.UNCHANGED)
            and not (wanted and not wanted & set(u.change.themes))
        )


def view_of(view: View | None, *, show_unchanged: bool = False, timestamp: bool = False) -> View:
    """``view``, or a default one; the two keyword flags of the renderers' older signature still count."""
    v = view or View()
    if show_unchanged or timestamp:
        from dataclasses import replace

        v = replace(v, show_unchanged=v.show_unchanged or show_unchanged, timestamp=v.timestamp or timestamp)
    return v


def explanation(report: Report, u: UnitReport, w: Words, *, brief: bool = False) -> Explanation:
    return explain(u, w, report.versions.kind, report.lang, brief=brief)


__all__ = ["View", "explanation", "view_of"]
