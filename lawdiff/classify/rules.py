"""Rule tables: load and validate the YAML that says which wording changes relax or tighten a law.

Rules are data (``data/rules/zh.yaml``, ``data/rules/en.yaml``, and any ``--rules FILE``) so that a
lawyer can read, extend and test them without touching code; the schema is documented at the top of
each shipped table.  Loading is strict because a silently ignored typo in a rule table means a change
silently misclassified: an unknown key, label, direction or theme, a regular expression that does not
compile or could backtrack catastrophically, a duplicate id or a rule without examples is a
:class:`~lawdiff.errors.RuleError` that names the file, the rule id and the line, and says the fix.

Only ``yaml.safe_load``-level constructs are accepted (a :class:`yaml.SafeLoader` subclass that also
remembers the line of every mapping key and list item).
"""

from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from lawdiff import __version__
from lawdiff.errors import RuleError
from lawdiff.io import cache
from lawdiff.model import Direction, Effect, Label, Lang
from lawdiff.classify.patterns import backtracking_risk
from lawdiff.classify.syntax import FOLDED_AWAY, LineLoader, nested_quantifier
from lawdiff.io.yaml import YamlLimitError, read_yaml_text

THEMES = ("modal", "prohibition", "effort", "deadline", "scope", "approval", "sanction", "trigger", "rights",
          "promotion", "coordination", "disclosure", "procedure", "other")
APPLIES = ("changed", "added", "removed")
NUMERIC_KINDS = ("fine", "deadline")
NUMERIC_COMPARE = ("increase", "decrease", "added", "removed")
PATTERN_KEYS = ("deleted", "inserted", "draft_only", "final_only", "draft_has", "final_has", "unless")
RULE_KEYS = ("id", "description", "description_zh", "theme", "direction", "weight", "applies_to", *PATTERN_KEYS,
             "near", "net", "counterpart", "numeric", "bearer", "side", "overrides", "examples", "note")
EXAMPLE_KEYS = ("draft", "final", "label", "effect", "regulated", "note")
BEARERS = ("regulated", "authority", "counterparty")
SIDES = ("private", "public")
TOP_KEYS = ("lang", "rules")
_ID = re.compile(r"^[a-z]{2}(?:\.[a-z0-9][a-z0-9_-]*)+$")


@dataclass(frozen=True, slots=True)
class Numeric:
    kind: str  # fine | deadline
    compare: str  # increase | decrease | added | removed


@dataclass(frozen=True, slots=True)
class Example:
    draft: str
    final: str
    label: Label
    effect: Effect | None
    line: int
    regulated: tuple[str, ...] | None = None  # the run's regulated parties (None: the default reading)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    description: str
    theme: str
    direction: Direction
    weight: float
    applies_to: tuple[str, ...]
    deleted: tuple[re.Pattern[str], ...] = ()
    inserted: tuple[re.Pattern[str], ...] = ()
    draft_only: tuple[re.Pattern[str], ...] = ()
    final_only: tuple[re.Pattern[str], ...] = ()
    draft_has: tuple[re.Pattern[str], ...] = ()
    final_has: tuple[re.Pattern[str], ...] = ()
    unless: tuple[re.Pattern[str], ...] = ()
    near: int | None = None
    net: bool = False
    counterpart: float | None = None
    numeric: Numeric | None = None
    bearer: tuple[str, ...] = ()  # classes of duty-bearer a match must have (empty: anyone)
    side: str | None = None  # run only when the regulated parties are private / public bodies
    overrides: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    description_zh: str = ""
    source: str = ""
    line: int = 0
    user: bool = False  # from a --rules FILE: its patterns run under a time limit (lawdiff.classify.budget)

    @property
    def signed_weight(self) -> float:
        return {Direction.RELAX: self.weight, Direction.TIGHTEN: -self.weight}.get(self.direction, 0.0)


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    lang: Lang | None = None
    sources: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)

    def get(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def for_kind(self, applies: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if applies in r.applies_to)


# ----------------------------------------------------------------------------------- loading


class _Ctx:
    """Where we are, for error messages: file, rule id, line."""

    def __init__(self, source: str, user: bool = False):
        self.source = source
        self.user = user
        self.rule_id = "?"

    def fail(self, line: int, problem: str, fix: str) -> RuleError:
        return RuleError(f"{self.source}:{line}: rule {self.rule_id}: {problem}; {fix}")


def _line_of(m: dict, key: str) -> int:
    return getattr(m, "key_lines", {}).get(key, getattr(m, "line", 0))


def _compile(ctx: _Ctx, raw: object, line: int) -> re.Pattern[str]:
    if not isinstance(raw, str) or not raw:
        raise ctx.fail(line, f"pattern {raw!r} is not a non-empty string", "quote the regular expression")
    bad = sorted({c for c in raw if c in FOLDED_AWAY})
    if bad:
        raise ctx.fail(line, f"pattern {raw!r} contains {''.join(bad)!r}, which never matches because text is "
                             "width-folded before matching", "write ASCII punctuation and digits (， -> , ；-> ;)")
    try:
        rx = re.compile(raw, re.IGNORECASE)
    except re.error as exc:
        raise ctx.fail(line, f"bad regular expression {raw!r} ({exc})", "fix the pattern") from None
    if why := backtracking_risk(raw):  # nested repeats, and repeats of nothing or of ambiguous alternatives
        raise ctx.fail(line, f"pattern {raw!r} {why} (catastrophic backtracking)",
                       "remove the inner or the outer repeat, e.g. (a+)+ -> a+, (a|aa)+ -> a+")
    if rx.groupindex and set(rx.groupindex) - {"changed"}:
        raise ctx.fail(line, f"pattern {raw!r} names a group other than 'changed'",
                       "use (?:...) for grouping and (?P<changed>...) to mark the part that must change")
    return rx


def _patterns(ctx: _Ctx, m: dict, key: str) -> tuple[re.Pattern[str], ...]:
    if key not in m:
        return ()
    raw = m[key]
    line = _line_of(m, key)
    if isinstance(raw, str):
        return (_compile(ctx, raw, line),)
    if not isinstance(raw, list) or not raw:
        raise ctx.fail(line, f"'{key}' must be a pattern or a non-empty list of patterns", "write e.g. [应当, 必须]")
    lines = getattr(raw, "item_lines", [line] * len(raw))
    return tuple(_compile(ctx, p, ln) for p, ln in zip(raw, lines))


def _choice(ctx: _Ctx, value: object, allowed: Sequence[str], what: str, line: int) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ctx.fail(line, f"unknown {what} {value!r}", f"use one of: {', '.join(allowed)}")
    return value


def _example(ctx: _Ctx, raw: object, line: int, applies: tuple[str, ...]) -> Example:
    if not isinstance(raw, dict):
        raise ctx.fail(line, "an example must be a mapping", "write {draft: ..., final: ..., label: ...}")
    for k in raw:
        if k not in EXAMPLE_KEYS:
            raise ctx.fail(_line_of(raw, k), f"unknown example key '{k}'", f"use: {', '.join(EXAMPLE_KEYS)}")
    for k in ("draft", "final", "label"):
        if k not in raw:
            raise ctx.fail(line, f"example without '{k}'", "give draft, final (may be empty) and label")
    draft, final = raw["draft"] or "", raw["final"] or ""
    if not isinstance(draft, str) or not isinstance(final, str):
        raise ctx.fail(line, "example draft/final must be text", "quote the example text")
    label = Label(_choice(ctx, raw["label"], [x.value for x in Label], "label", _line_of(raw, "label")))
    effect = None
    if raw.get("effect") is not None:
        effect = Effect(_choice(ctx, raw["effect"], [x.value for x in Effect], "effect", _line_of(raw, "effect")))
    if label is Label.ADDED and draft:
        raise ctx.fail(line, "an 'added' example has draft text", "leave draft empty for an added article")
    if label is Label.REMOVED and final:
        raise ctx.fail(line, "a 'removed' example has final text", "leave final empty for a removed article")
    if not draft and not final:
        raise ctx.fail(line, "example with empty draft and final", "give the text of at least one side")
    regulated = raw.get("regulated")
    if regulated is not None:
        if isinstance(regulated, str):
            regulated = [regulated]
        if not isinstance(regulated, list) or not regulated or not all(isinstance(x, str) and x for x in regulated):
            raise ctx.fail(_line_of(raw, "regulated"), "example 'regulated' must be a list of actor names",
                           "write regulated: [行政复议机关, 被申请人]")
        regulated = tuple(regulated)
    return Example(draft, final, label, effect, line, regulated)


def _rule(ctx: _Ctx, raw: object, line: int) -> Rule:
    if not isinstance(raw, dict):
        raise ctx.fail(line, "a rule must be a mapping", "start it with '- id: ...'")
    rid = raw.get("id")
    if not isinstance(rid, str) or not _ID.match(rid):
        raise ctx.fail(_line_of(raw, "id"), f"missing or malformed id {rid!r}",
                       "give an id like zh.modal.shall-to-may (lang.theme.name, lower case)")
    ctx.rule_id = rid
    for k in raw:
        if k not in RULE_KEYS:
            raise ctx.fail(_line_of(raw, k), f"unknown key '{k}'", f"use one of: {', '.join(RULE_KEYS)}")
    for k in ("description", "theme", "direction", "weight", "examples"):
        if k not in raw:
            fix = "add at least one {draft, final, label} example" if k == "examples" else f"add '{k}:'"
            raise ctx.fail(line, f"missing '{k}'", fix)
    desc = raw["description"]
    if not isinstance(desc, str) or not desc.strip():
        raise ctx.fail(_line_of(raw, "description"), "empty description", "say in English what the change means")
    theme = _choice(ctx, raw["theme"], THEMES, "theme", _line_of(raw, "theme"))
    direction = Direction(_choice(ctx, raw["direction"], [d.value for d in Direction], "direction",
                                  _line_of(raw, "direction")))
    weight = raw["weight"]
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 10:
        raise ctx.fail(_line_of(raw, "weight"), f"weight {weight!r} is not a number in (0, 10]", "use e.g. 1.5")
    applies_raw = raw.get("applies_to", "changed")
    applies_list = applies_raw if isinstance(applies_raw, list) else [applies_raw]
    applies = tuple(_choice(ctx, a, APPLIES, "applies_to", _line_of(raw, "applies_to")) for a in applies_list)
    pats = {k: _patterns(ctx, raw, k) for k in PATTERN_KEYS}
    numeric = None
    if "numeric" in raw:
        n, nl = raw["numeric"], _line_of(raw, "numeric")
        if not isinstance(n, dict) or set(n) != {"kind", "compare"}:
            raise ctx.fail(nl, "numeric must have exactly 'kind' and 'compare'", "write {kind: fine, compare: increase}")
        numeric = Numeric(_choice(ctx, n["kind"], NUMERIC_KINDS, "numeric kind", nl),
                          _choice(ctx, n["compare"], NUMERIC_COMPARE, "numeric compare", nl))
    if not numeric and not any(pats[k] for k in PATTERN_KEYS if k != "unless"):
        raise ctx.fail(line, "no matcher", "give deleted, inserted, draft_only, final_only or numeric")
    if applies == ("added",) and (pats["deleted"] or pats["draft_only"] or pats["draft_has"]):
        raise ctx.fail(line, "an added article has no draft text to match",
                       "use inserted/final_only/final_has, or applies_to: [changed, added]")
    if applies == ("removed",) and (pats["inserted"] or pats["final_only"] or pats["final_has"]):
        raise ctx.fail(line, "a removed article has no final text to match",
                       "use deleted/draft_only/draft_has, or applies_to: [changed, removed]")
    near = raw.get("near")
    if near is not None and (isinstance(near, bool) or not isinstance(near, int) or near < 0
                             or not (pats["deleted"] and pats["inserted"])):
        raise ctx.fail(_line_of(raw, "near"), "near must be a whole number of characters and needs both "
                                               "deleted and inserted", "write near: 20, or drop it")
    net = raw.get("net", False)
    if not isinstance(net, bool):
        raise ctx.fail(_line_of(raw, "net"), f"net {net!r} is not true/false", "write net: true")
    counterpart = raw.get("counterpart")
    if counterpart is not None and (isinstance(counterpart, bool) or not isinstance(counterpart, (int, float))
                                    or not 0 < counterpart <= 1 or not (pats["deleted"] or pats["inserted"])):
        raise ctx.fail(_line_of(raw, "counterpart"), f"counterpart {counterpart!r} must be a share in (0, 1] and "
                       "needs deleted or inserted", "write counterpart: 0.6, or drop it")
    bearer_raw = raw.get("bearer", [])
    bearer_list = bearer_raw if isinstance(bearer_raw, list) else [bearer_raw]
    bearer = tuple(_choice(ctx, b, BEARERS, "bearer", _line_of(raw, "bearer")) for b in bearer_list)
    if bearer and not any(pats[k] for k in PATTERN_KEYS if k != "unless") and not numeric:
        raise ctx.fail(_line_of(raw, "bearer"), "bearer needs a pattern or numeric matcher", "drop bearer")
    side = None
    if raw.get("side") is not None:
        side = _choice(ctx, raw["side"], SIDES, "side", _line_of(raw, "side"))
    overrides = raw.get("overrides", [])
    if isinstance(overrides, str):
        overrides = [overrides]
    if not isinstance(overrides, list) or not all(isinstance(o, str) for o in overrides):
        raise ctx.fail(_line_of(raw, "overrides"), "overrides must be a list of rule ids", "write [zh.x.y]")
    examples_raw = raw["examples"]
    if not isinstance(examples_raw, list) or not examples_raw:
        raise ctx.fail(_line_of(raw, "examples"), "no examples", "add at least one {draft, final, label} example")
    elines = getattr(examples_raw, "item_lines", [line] * len(examples_raw))
    examples = tuple(_example(ctx, e, ln, applies) for e, ln in zip(examples_raw, elines))
    dzh = raw.get("description_zh") or ""
    return Rule(id=rid, description=desc.strip(), theme=theme, direction=direction, weight=float(weight),
                applies_to=applies, near=near, net=net, counterpart=counterpart, numeric=numeric, bearer=bearer,
                side=side, overrides=tuple(overrides),
                examples=examples, description_zh=str(dzh), source=ctx.source, line=line, user=ctx.user,
                **{k: v for k, v in pats.items()})


def parse_rules(text: str, source: str, *, user: bool = False) -> RuleSet:
    """Validate a rule table given as YAML text; ``source`` names it in messages.  ``user``: a table
    from ``--rules`` (not shipped), whose patterns are matched under a time limit."""
    ctx = _Ctx(source, user)
    try:
        doc = yaml.load(text, Loader=LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise RuleError(f"{source}:{line}: not valid YAML ({exc.problem or exc.context}); fix the syntax") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{source}: not valid YAML ({exc}); fix the syntax") from None
    if not isinstance(doc, dict) or "rules" not in doc:
        raise RuleError(f"{source}:1: a rule table is a mapping with a 'rules:' list; see `lawdiff rules list`")
    for k in doc:
        if k not in TOP_KEYS:
            raise RuleError(f"{source}:{_line_of(doc, k)}: unknown top-level key '{k}'; use: {', '.join(TOP_KEYS)}")
    lang = None
    if doc.get("lang") is not None:
        if doc["lang"] not in ("zh", "en"):
            raise RuleError(f"{source}:{_line_of(doc, 'lang')}: unknown lang {doc['lang']!r}; use zh or en")
        lang = Lang(doc["lang"])
    raw_rules = doc["rules"]
    if not isinstance(raw_rules, list):
        raise RuleError(f"{source}:{_line_of(doc, 'rules')}: 'rules' must be a list; start each rule with '- id:'")
    lines = getattr(raw_rules, "item_lines", [0] * len(raw_rules))
    rules = []
    for raw, line in zip(raw_rules, lines):
        ctx.rule_id = "?"
        rules.append(_rule(ctx, raw, line))
    return _check_set(tuple(rules), lang, (source,))


def _check_set(rules: tuple[Rule, ...], lang: Lang | None, sources: tuple[str, ...]) -> RuleSet:
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            first = seen[r.id]
            raise RuleError(f"{r.source}:{r.line}: rule {r.id}: duplicate id (first defined at {first.source}:"
                            f"{first.line}); give this rule another id")
        seen[r.id] = r
    for r in rules:
        for o in r.overrides:
            if o not in seen:
                raise RuleError(f"{r.source}:{r.line}: rule {r.id}: overrides unknown rule '{o}'; "
                                "name an existing rule id")
    return RuleSet(rules, lang, sources)


def load_rule_file(path: str | Path) -> RuleSet:
    p = Path(path)
    try:
        text = read_yaml_text(p)  # refuses more than 2 MB before parsing (PyYAML takes ~10 s a MB)
    except YamlLimitError as exc:
        raise RuleError(f"{p}: {exc}") from None
    except FileNotFoundError:
        raise RuleError(f"{p}: no such rule file; check the path given to --rules") from None
    except IsADirectoryError:
        raise RuleError(f"{p}: is a directory; give a .yaml rule file") from None
    except UnicodeDecodeError:
        raise RuleError(f"{p}: not UTF-8 text; save the rule table as UTF-8") from None
    except OSError as exc:
        raise RuleError(f"{p}: cannot read ({exc.strerror}); check the file's permissions") from None
    return parse_rules(text, str(p), user=True)


@lru_cache(maxsize=4)
def shipped_rules(lang: Lang, *, disk_cache: bool = True) -> RuleSet:
    """The rule table bundled with lawdiff for ``lang``: parsed once per process, and kept parsed on disk.

    Why the disk copy: composing the YAML with line numbers and validating every rule costs about a
    quarter of a second per process — a third of a whole run on a short regulation — while reading the
    parsed table back costs 30 ms.  The copy is keyed by the table's text and lawdiff's version, lives
    in lawdiff's own cache folder (:func:`lawdiff.io.cache.cache_dir`), and anything wrong with it (missing,
    damaged, unwritable, from another version) means the table is simply parsed again.
    """
    res = resources.files("lawdiff") / "data" / "rules" / f"{lang.value}.yaml"
    text = res.read_text(encoding="utf-8")
    source = f"lawdiff/data/rules/{lang.value}.yaml"
    if not disk_cache:
        return parse_rules(text, source)
    path = cache.cache_dir() / f"rules-{_table_key(text)}.pickle"
    blob = cache.read_blob(path)
    if blob is not None:
        try:
            rs = pickle.loads(blob)
            if isinstance(rs, RuleSet):
                return rs
        except Exception:  # noqa: BLE001 - a damaged cache file must never fail a run
            pass
    rs = parse_rules(text, source)
    cache.write_blob(path, pickle.dumps(rs, protocol=pickle.HIGHEST_PROTOCOL))
    return rs


def _table_key(text: str) -> str:
    return hashlib.sha256(f"{__version__}\0{text}".encode()).hexdigest()[:24]


def load_rules(lang: Lang, extra: Sequence[str | Path] = (), *, disk_cache: bool = True) -> RuleSet:
    """The shipped table for ``lang`` followed by user tables (``--rules FILE``), validated together."""
    lang = Lang(lang)
    base = shipped_rules(lang, disk_cache=disk_cache)
    if not extra:
        return base
    rules = list(base.rules)
    sources = list(base.sources)
    for path in extra:
        rs = load_rule_file(path)
        if rs.lang is not None and rs.lang is not lang:
            raise RuleError(f"{path}:1: rule table is for lang {rs.lang.value} but the texts are {lang.value}; "
                            f"set 'lang: {lang.value}' or pass --lang {rs.lang.value}")
        rules.extend(rs.rules)
        sources.extend(rs.sources)
    return _check_set(tuple(rules), lang, tuple(sources))


__all__ = [
    "THEMES",
    "Example",
    "Numeric",
    "Rule",
    "RuleSet",
    "load_rule_file",
    "load_rules",
    "nested_quantifier",
    "parse_rules",
    "shipped_rules",
]
