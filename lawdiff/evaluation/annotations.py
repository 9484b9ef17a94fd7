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
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from lawdiff.errors import CorpusError
from lawdiff.evaluation.meta import _compose, _line_of
from lawdiff.model import Document, Effect, Label, Report

#: Theme keys, the same as the rule tables' (``lawdiff.rules.THEMES``; a test keeps them equal).
THEMES = ("modal", "prohibition", "effort", "deadline", "scope", "approval", "sanction", "trigger", "rights",
          "promotion", "coordination", "disclosure", "procedure", "other")
VERDICTS = ("relaxing", "tightening", "mixed", "none")
LABELS = tuple(x.value for x in Label)
#: Effects allowed for each label; every other label takes ``effect: null``.
EFFECTS = {
    Label.ADDED: (Effect.BURDEN, Effect.ENABLING, Effect.NEUTRAL),
    Label.REMOVED: (Effect.RELAXING, Effect.TIGHTENING, Effect.NEUTRAL),
}
_TOP_KEYS = ("pair", "split", "bars", "units", "expect_signal")
#: ``split``: a ``dev`` pair's disagreements may be used to improve lawdiff; a ``heldout`` pair's may not.
SPLITS = ("dev", "heldout")
_BAR_KEYS = ("min_label_accuracy", "min_alignment_f1", "min_effect_accuracy", "signal", "reason")
_BAR_REQUIRED = ("min_label_accuracy", "min_alignment_f1", "reason")
_UNIT_KEYS = ("draft", "final", "label", "effect", "themes", "rationale", "reviewed")
_REQUIRED = ("draft", "final", "label", "rationale", "reviewed")
_SIGNAL_KEYS = ("verdict", "score")
_REF = re.compile(r"^[1-9][0-9]*[a-z]*$")  # 12, or 4a for an inserted article (Article.ref)
TOOL_PREFIX = "TOOL:"


@dataclass(frozen=True, slots=True)
class GoldUnit:
    """One annotated unit.  Article references are :attr:`lawdiff.model.Article.ref` strings ("12", "4a")."""

    draft: tuple[str, ...]
    final: tuple[str, ...]
    label: Label
    effect: Effect | None
    themes: tuple[str, ...]
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
    verdict: str | None
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
    split: str = "dev"
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


def _child(node: yaml.Node, key: str) -> yaml.Node:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return v
    return node


def _duplicate_keys(path: Path, node: yaml.Node, where_: str) -> None:
    """yaml.safe_load keeps the last of two equal keys silently; in gold that hides a mistake."""
    if not isinstance(node, yaml.MappingNode):
        return
    seen: dict[str, int] = {}
    for k, _v in node.value:
        name = str(getattr(k, "value", ""))
        if name in seen:
            raise CorpusError(f"{path}: line {k.start_mark.line + 1}: field {where_}{name} appears twice (also "
                              f"line {seen[name]}); keep one")
        seen[name] = k.start_mark.line + 1


def load_annotations(path: str | Path, *, pair: str | None = None) -> Annotations:
    """Read and check one annotations.yaml on its own (see :func:`validate_against` for the texts).

    ``pair``, when given (the pair id from meta.yaml), must equal the file's ``pair`` so that gold copied
    from another folder is caught.
    """
    path = Path(path)
    data, node = _compose(path)
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise CorpusError(f"{path}: line 1: expected a mapping with 'pair' and 'units'; see corpora/README.md")
    _duplicate_keys(path, node, "")
    for k in data:
        if k not in _TOP_KEYS:
            raise CorpusError(f"{path}: line {_line_of(node, k)}: unknown field {k!r}; allowed: "
                              f"{', '.join(_TOP_KEYS)}")
    name = data.get("pair")
    if not isinstance(name, str) or not name:
        raise CorpusError(f"{path}: line {_line_of(node, 'pair')}: field 'pair' must name the pair "
                          "(the corpus folder name)")
    if pair is not None and name != pair:
        raise CorpusError(f"{path}: line {_line_of(node, 'pair')}: field 'pair' is {name!r} but meta.yaml says "
                          f"{pair!r}; annotations belong to the pair in their folder — set pair: {pair}")
    units_data = data.get("units")
    units_node = _child(node, "units")
    if not isinstance(units_data, list) or not isinstance(units_node, yaml.SequenceNode):
        raise CorpusError(f"{path}: line {_line_of(node, 'units')}: field 'units' must be a list of units "
                          "(draft, final, label, effect, themes, rationale, reviewed)")
    units = tuple(_unit(path, i, u, n) for i, (u, n) in enumerate(zip(units_data, units_node.value, strict=True)))
    expect = None
    if "expect_signal" in data:
        expect = _expect(path, data["expect_signal"], _child(node, "expect_signal"), _line_of(node, "expect_signal"))
    split = data.get("split", "dev")
    if split not in SPLITS:
        raise CorpusError(f"{path}: line {_line_of(node, 'split')}: field split {split!r} is not one of "
                          f"{', '.join(SPLITS)} (dev: used to improve lawdiff; heldout: measured only)")
    bars = None
    if "bars" in data:
        bars = _bars(path, data["bars"], _child(node, "bars"), _line_of(node, "bars"))
    return Annotations(str(path), name, units, expect, split, bars)


def _unit(path: Path, i: int, data: Any, node: yaml.Node) -> GoldUnit:
    line = node.start_mark.line + 1
    here = f"units[{i}]"
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: line {line}: {here} must be a mapping with the fields "
                          f"{', '.join(_UNIT_KEYS)}")
    _duplicate_keys(path, node, f"{here}.")

    def at(key: str) -> int:
        return _line_of(node, key)

    for k in data:
        if k not in _UNIT_KEYS:
            raise CorpusError(f"{path}: line {at(k)}: unknown field {here}.{k}; allowed: {', '.join(_UNIT_KEYS)}")
    for k in _REQUIRED:
        if k not in data:
            raise CorpusError(f"{path}: line {line}: field {here}.{k} is missing; every unit has "
                              f"{', '.join(_REQUIRED)} (and effect, themes)")
    draft = _refs(path, here, "draft", data["draft"], _child(node, "draft"))
    final = _refs(path, here, "final", data["final"], _child(node, "final"))
    label_value = data["label"]
    if label_value not in LABELS:
        raise CorpusError(f"{path}: line {at('label')}: field {here}.label {label_value!r} is not one of "
                          f"{', '.join(LABELS)}")
    label = Label(label_value)
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
    themes = _themes(path, here, label, data.get("themes"), _child(node, "themes"), at("themes"))
    rationale = data["rationale"]
    if not isinstance(rationale, str) or not rationale.strip():
        raise CorpusError(f"{path}: line {at('rationale')}: field {here}.rationale must be text saying why "
                          "(quote the changed words of both versions)")
    reviewed = data["reviewed"]
    if not isinstance(reviewed, bool):
        raise CorpusError(f"{path}: line {at('reviewed')}: field {here}.reviewed must be true or false, "
                          f"not {reviewed!r}")
    return GoldUnit(draft, final, label, effect, themes, rationale.strip(), reviewed, line)


def _refs(path: Path, here: str, side: str, value: Any, node: yaml.Node) -> tuple[str, ...]:
    if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
        raise CorpusError(f"{path}: line {node.start_mark.line + 1}: field {here}.{side} must be a list of "
                          f"article numbers, e.g. [4] or [] (got {value!r})")
    out: list[str] = []
    for v, n in zip(value, node.value, strict=True):
        ref = str(v) if isinstance(v, (int, str)) and not isinstance(v, bool) else ""
        if not _REF.match(ref):
            raise CorpusError(f"{path}: line {n.start_mark.line + 1}: field {here}.{side} has {v!r}; an "
                              "article number is a positive integer (or \"4a\" for an inserted article)")
        if ref in out:
            raise CorpusError(f"{path}: line {n.start_mark.line + 1}: field {here}.{side} names article {ref} "
                              "twice; name it once")
        out.append(ref)
    return tuple(out)


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


def _themes(path: Path, here: str, label: Label, value: Any, node: yaml.Node, line: int) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
        raise CorpusError(f"{path}: line {line}: field {here}.themes must be a list, e.g. [scope, deadline]")
    for v, n in zip(value, node.value, strict=True):
        if v not in THEMES:
            raise CorpusError(f"{path}: line {n.start_mark.line + 1}: field {here}.themes has {v!r}; "
                              f"allowed: {', '.join(THEMES)}")
    if value and label is Label.UNCHANGED:
        raise CorpusError(f"{path}: line {line}: field {here}.themes must be [] for an unchanged unit")
    return tuple(value)


def _expect(path: Path, value: Any, node: yaml.Node, line: int) -> ExpectSignal:
    if not isinstance(value, dict) or not value:
        raise CorpusError(f"{path}: line {line}: field expect_signal must be a mapping with verdict and/or score")
    _duplicate_keys(path, node, "expect_signal.")
    for k in value:
        if k not in _SIGNAL_KEYS:
            raise CorpusError(f"{path}: line {_line_of(node, k)}: unknown field expect_signal.{k}; allowed: "
                              f"{', '.join(_SIGNAL_KEYS)}")
    verdict = value.get("verdict")
    if verdict is not None and verdict not in VERDICTS:
        raise CorpusError(f"{path}: line {_line_of(node, 'verdict')}: field expect_signal.verdict {verdict!r} is "
                          f"not one of {', '.join(VERDICTS)}")
    score = value.get("score")
    rng = None
    if score is not None:
        ok = (isinstance(score, list) and len(score) == 2
              and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in score))
        if not ok or not -1.0 <= score[0] <= score[1] <= 1.0:
            raise CorpusError(f"{path}: line {_line_of(node, 'score')}: field expect_signal.score must be "
                              f"[low, high] with -1 <= low <= high <= 1 (got {score!r})")
        rng = (float(score[0]), float(score[1]))
    return ExpectSignal(verdict, rng, line)


def _bars(path: Path, value: Any, node: yaml.Node, line: int) -> PairBars:
    if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
        raise CorpusError(f"{path}: line {line}: field bars must be a mapping with {', '.join(_BAR_REQUIRED)} "
                          "(and optionally min_effect_accuracy)")
    _duplicate_keys(path, node, "bars.")
    for k in value:
        if k not in _BAR_KEYS:
            raise CorpusError(f"{path}: line {_line_of(node, k)}: unknown field bars.{k}; allowed: "
                              f"{', '.join(_BAR_KEYS)}")
    for k in _BAR_REQUIRED:
        if k not in value:
            why = (" (say why this pair is not held to the global bars)" if k == "reason" else "")
            raise CorpusError(f"{path}: line {line}: field bars.{k} is missing; a pair's own bars give "
                              f"{', '.join(_BAR_REQUIRED)}{why}")
    nums: dict[str, float | None] = {"min_effect_accuracy": None}
    for k in ("min_label_accuracy", "min_alignment_f1", "min_effect_accuracy"):
        if k not in value:
            continue
        v = value[k]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0.0 <= v <= 1.0:
            raise CorpusError(f"{path}: line {_line_of(node, k)}: field bars.{k} must be a number from 0 to 1 "
                              f"(got {v!r})")
        nums[k] = float(v)
    reason = value["reason"]
    if not isinstance(reason, str) or not reason.strip():
        raise CorpusError(f"{path}: line {_line_of(node, 'reason')}: field bars.reason must be text saying why "
                          "this pair is not held to the global bars")
    signal = value.get("signal", "bar")
    if signal not in ("bar", "report"):
        raise CorpusError(f"{path}: line {_line_of(node, 'signal')}: field bars.signal must be 'bar' or 'report' "
                          f"(got {signal!r})")
    return PairBars(nums["min_label_accuracy"], nums["min_alignment_f1"], nums["min_effect_accuracy"],
                    " ".join(reason.split()), line, signal == "bar")


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
        themes = () if change.label is Label.UNCHANGED else tuple(t for t in change.themes if t in THEMES)
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
        f"#   verdict: {info.verdict}",
        f"#   score: [{max(-1.0, info.score - 0.2):.1f}, {min(1.0, info.score + 0.2):.1f}]   # tool: {info.score:+.2f}",
    ]
    return "\n".join(lines) + "\n"
