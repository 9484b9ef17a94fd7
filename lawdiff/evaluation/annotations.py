"""annotations.yaml: the gold alignment and labels a corpus pair is measured against.

The schema is documented in ``corpora/README.md``.  Loading is strict, in two steps, because a silently
accepted typo in the gold means a tool silently measured against the wrong answer:

1. :func:`load_annotations` checks the file on its own — known keys, labels, effects and themes from the
   allowed sets, an effect only on added / removed units, article lists of the right shape;
2. :func:`validate_against` checks it against the two parsed texts — every article named exists, and no
   article is in two units.

Both raise :class:`~lawdiff.errors.CorpusError` naming the file, the line (from the ``yaml.compose`` node
tree, so the line is the one a person opens in an editor) and the field, and saying the fix.

:func:`draft_annotations` goes the other way: it writes a starting annotations.yaml from lawdiff's own
output, every unit ``reviewed: false`` with the tool's reason as a "TOOL:" rationale, so that a person
reviews instead of typing.  ``lawdiff check`` never treats unreviewed units as gold.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lawdiff.errors import CorpusError
from lawdiff.io.meta import read_corpus_yaml
from lawdiff.io.yaml_data import line_of
from lawdiff.model import Document, Effect, Label, Report, TextEnum, Theme, Verdict

#: Effects allowed for each label; every other label takes ``effect: null``.
EFFECTS = {
    Label.ADDED: (Effect.BURDEN, Effect.ENABLING, Effect.NEUTRAL),
    Label.REMOVED: (Effect.RELAXING, Effect.TIGHTENING, Effect.NEUTRAL),
}
TOOL_PREFIX = "TOOL:"


class Split(TextEnum):
    """``dev``: a pair's disagreements may be used to improve lawdiff; ``heldout``: measured only."""

    DEV = "dev"
    HELDOUT = "heldout"


@dataclass(frozen=True, slots=True)
class GoldUnit:
    """One annotated unit.  Article references are :attr:`lawdiff.model.Article.ref` strings ("12", "4a")."""

    draft: tuple[str, ...]
    final: tuple[str, ...]
    label: Label
    effect: Effect | None
    themes: tuple[Theme, ...]
    rationale: str
    reviewed: bool
    line: int  # line of the unit's first key in annotations.yaml

    @property
    def key(self) -> tuple[frozenset[str], frozenset[str]]:
        """What alignment matching compares: the (draft set, final set) of article refs."""
        return frozenset(self.draft), frozenset(self.final)

    @property
    def id(self) -> str:
        return unit_id(self.draft, self.final)

    @property
    def where(self) -> str:
        return where(self.draft, self.final)


@dataclass(frozen=True, slots=True)
class ExpectSignal:
    verdict: Verdict | None
    score: tuple[float, float] | None
    line: int


@dataclass(frozen=True, slots=True)
class PairBars:
    """A pair's own bars (``bars:``), which replace the global bars for that pair; ``reason`` says why."""

    min_label_accuracy: float
    min_alignment_f1: float
    min_effect_accuracy: float | None
    reason: str
    line: int  # line of the ``bars:`` key
    signal_bar: bool = True  # ``signal: report`` makes expect_signal reported only, for a known shortfall


@dataclass(frozen=True, slots=True)
class Annotations:
    path: str
    pair: str
    units: tuple[GoldUnit, ...]
    expect_signal: ExpectSignal | None = None
    split: Split = Split.DEV
    bars: PairBars | None = None

    @property
    def gold(self) -> tuple[GoldUnit, ...]:
        """The reviewed units: only these are gold."""
        return tuple(u for u in self.units if u.reviewed)

    @property
    def unreviewed(self) -> tuple[GoldUnit, ...]:
        return tuple(u for u in self.units if not u.reviewed)


def unit_id(draft: tuple[str, ...], final: tuple[str, ...]) -> str:
    """Same shape as :attr:`lawdiff.model.AlignedUnit.id`: "d4-f4", "d13-f11+f14", "d15+d19-f14", "f3", "d9"."""
    d = "+".join(f"d{r}" for r in draft)
    f = "+".join(f"f{r}" for r in final)
    return f"{d}-{f}" if d and f else d or f


def where(draft: tuple[str, ...], final: tuple[str, ...]) -> str:
    """Article reference a lawyer can look up: "draft 4 → final 4", "final 3 (added)"."""
    d, f = ", ".join(draft), ", ".join(final)
    if not draft:
        return f"final {f} (added)"
    if not final:
        return f"draft {d} (removed)"
    return f"draft {d} → final {f}"


# --------------------------------------------------------------------------- loading


def load_annotations(path: str | Path, *, pair: str | None = None) -> Annotations:
    """Read and check one annotations.yaml on its own (see :func:`validate_against` for the texts).

    The shape is checked against ``data/schemas/annotations.schema.json``; what a schema cannot say is
    checked here (an effect only for added / removed units, one article per added or removed unit …).
    ``pair``, when given (the pair id from meta.yaml), must equal the file's ``pair`` so that gold copied
    from another folder is caught.
    """
    path = Path(path)
    data = read_corpus_yaml(path, "annotations")
    name = data["pair"]
    if pair is not None and name != pair:
        raise CorpusError(f"{path}: line {line_of(data, 'pair')}: field 'pair' is {name!r} but meta.yaml says "
                          f"{pair!r}; annotations belong to the pair in their folder — set pair: {pair}")
    units = tuple(_unit(path, i, u, line_of(data["units"], i)) for i, u in enumerate(data["units"]))
    expect = _expect(path, data["expect_signal"], line_of(data, "expect_signal")) if "expect_signal" in data else None
    bars = _bars(data["bars"], line_of(data, "bars")) if "bars" in data else None
    return Annotations(str(path), name, units, expect, Split(data.get("split", "dev")), bars)


def _unit(path: Path, i: int, data: dict[str, Any], line: int) -> GoldUnit:
    here = f"units[{i}]"

    def at(key: str) -> int:
        return line_of(data, key)

    draft = tuple(str(v) for v in data["draft"])
    final = tuple(str(v) for v in data["final"])
    for side, refs in (("draft", draft), ("final", final)):
        twice = next((r for k, r in enumerate(refs) if r in refs[:k]), None)
        if twice is not None:
            raise CorpusError(f"{path}: line {line_of(data[side], refs.index(twice, refs.index(twice) + 1))}: field "
                              f"{here}.{side} names article {twice} twice; name it once")
    label = Label(data["label"])
    if not draft and not final:
        raise CorpusError(f"{path}: line {at('draft')}: {here} names no article; give draft and/or final "
                          "article numbers")
    if not draft and label is not Label.ADDED or label is Label.ADDED and draft:
        raise CorpusError(f"{path}: line {at('label')}: field {here}.label is {label.value!r} but draft is "
                          f"{list(draft)}; a unit with draft: [] is 'added', and an added unit has draft: []")
    if not final and label is not Label.REMOVED or label is Label.REMOVED and final:
        raise CorpusError(f"{path}: line {at('label')}: field {here}.label is {label.value!r} but final is "
                          f"{list(final)}; a unit with final: [] is 'removed', and a removed unit has final: []")
    if label in (Label.ADDED, Label.REMOVED) and len(draft) + len(final) != 1:
        raise CorpusError(f"{path}: line {at('label')}: {here} is {label.value} but names "
                          f"{len(draft) + len(final)} articles; write one unit per {label.value} article")
    effect = _effect(path, here, label, data.get("effect"), at("effect") if "effect" in data else line)
    themes = tuple(Theme(v) for v in data.get("themes") or ())
    if themes and label is Label.UNCHANGED:
        raise CorpusError(f"{path}: line {at('themes')}: field {here}.themes must be [] for an unchanged unit")
    return GoldUnit(draft, final, label, effect, themes, data["rationale"].strip(), data["reviewed"], line)


def _effect(path: Path, here: str, label: Label, value: Any, line: int) -> Effect | None:
    allowed = EFFECTS.get(label)
    if allowed is None:
        if value is not None:
            raise CorpusError(f"{path}: line {line}: field {here}.effect is {value!r} but the label is "
                              f"{label.value!r}; an effect is only for added or removed units — write effect: null")
        return None
    names = ", ".join(e.value for e in allowed)
    if value is None:
        raise CorpusError(f"{path}: line {line}: field {here}.effect is missing; an {label.value} unit needs "
                          f"one of {names}")
    if value not in {e.value for e in allowed}:
        raise CorpusError(f"{path}: line {line}: field {here}.effect {value!r} is not allowed for "
                          f"{label.value!r}; use one of {names}")
    return Effect(value)


def _expect(path: Path, value: dict[str, Any], line: int) -> ExpectSignal:
    score = value.get("score")
    if score is not None and not score[0] <= score[1]:
        raise CorpusError(f"{path}: line {line_of(value, 'score')}: field expect_signal.score must be "
                          f"[low, high] with -1 <= low <= high <= 1 (got {list(score)!r})")
    verdict = value.get("verdict")
    return ExpectSignal(Verdict(verdict) if verdict is not None else None,
                        (float(score[0]), float(score[1])) if score is not None else None, line)


def _bars(value: dict[str, Any], line: int) -> PairBars:
    nums = {k: float(value[k]) if k in value else None
            for k in ("min_label_accuracy", "min_alignment_f1", "min_effect_accuracy")}
    return PairBars(nums["min_label_accuracy"] or 0.0, nums["min_alignment_f1"] or 0.0, nums["min_effect_accuracy"],
                    " ".join(value["reason"].split()), line, value.get("signal", "bar") == "bar")


def validate_against(ann: Annotations, draft: Document, final: Document) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Check the article numbers against the two parsed texts.

    Raises when a unit names an article that is not in its text or an article is in two units.  Returns
    the draft and final refs that no unit names (the README asks for every article in exactly one unit;
    ``check`` reports the gaps but scores what is there).
    """
    sides = (("draft", draft, lambda u: u.draft), ("final", final, lambda u: u.final))
    missing: list[tuple[str, ...]] = []
    for side, doc, refs_of in sides:
        present = [a.ref for a in doc.articles]
        known = set(present)
        span = f"{present[0]}–{present[-1]}" if present else "none"
        owner: dict[str, GoldUnit] = {}
        for i, unit in enumerate(ann.units):
            for ref in refs_of(unit):
                if ref not in known:
                    raise CorpusError(f"{ann.path}: line {unit.line}: field units[{i}].{side} names article {ref}, "
                                      f"which is not in {Path(doc.path).name} (articles {span}); fix the number")
                if ref in owner:
                    raise CorpusError(f"{ann.path}: line {unit.line}: field units[{i}].{side}: {side} article "
                                      f"{ref} is already in the unit at line {owner[ref].line}; every article "
                                      "belongs to at most one unit")
                owner[ref] = unit
        missing.append(tuple(r for r in present if r not in owner))
    return missing[0], missing[1]


# --------------------------------------------------------------------------- drafting from the tool


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar.  JSON string syntax is valid YAML and survives any character."""
    return json.dumps(text, ensure_ascii=False)


def _yaml_refs(refs: tuple[str, ...]) -> str:
    return "[" + ", ".join(r if r.isdigit() else _yaml_str(r) for r in refs) + "]"


def draft_annotations(report: Report, *, pair: str) -> str:
    """annotations.yaml text from lawdiff's own output: every unit ``reviewed: false``, rationale "TOOL: …".

    The expected signal is written as a comment: it is the tool's opinion, and an uncommented
    expect_signal would be checked as gold before anyone read it.
    """
    info = report.signal.information
    lines = [
        f"# Starting annotations for {pair}, written by `lawdiff annotate` from the tool's own output.",
        f"# draft: {report.draft.path}  final: {report.final.path}",
        "# Every unit is reviewed: false and its rationale is the tool's reason (\"TOOL: …\"). Read each unit",
        "# against both texts, fix draft/final/label/effect/themes, rewrite the rationale in your own words",
        "# quoting the changed text, then set reviewed: true. `lawdiff check` ignores unreviewed units.",
        "# Schema: corpora/README.md.",
        f"pair: {_yaml_str(pair)}",
        "units:",
    ]
    for u in report.units:
        unit, change = u.unit, u.change
        draft = tuple(a.ref for a in unit.draft)
        final = tuple(a.ref for a in unit.final)
        effect = change.effect.value if change.effect is not None else "null"
        themes = () if change.label is Label.UNCHANGED else tuple(t.value for t in change.themes)
        reason = " ".join(change.reason.split()) or "(no reason given)"
        fired = ", ".join(f.rule_id for f in change.firings)
        if fired:
            reason += f" [rules: {fired}]"
        lines += [
            f"  - draft: {_yaml_refs(draft)}",
            f"    final: {_yaml_refs(final)}",
            f"    label: {change.label.value}",
            f"    effect: {effect}",
            f"    themes: [{', '.join(themes)}]",
            f"    rationale: {_yaml_str(f'{TOOL_PREFIX} {reason}')}",
            "    reviewed: false",
        ]
    lines += [
        "# The tool's overall direction; check it, then uncomment to make `lawdiff check` test it:",
        "# expect_signal:",
        f"#   verdict: {info.verdict.value}",
        f"#   score: [{max(-1.0, info.score - 0.2):.1f}, {min(1.0, info.score + 0.2):.1f}]   # tool: {info.score:+.2f}",
    ]
    return "\n".join(lines) + "\n"
