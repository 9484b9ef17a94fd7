"""Rule tables: the rules that say which wording changes relax or tighten a law, as data.

Rules are data (``data/rules/zh.yaml``, ``data/rules/en.yaml``, and any ``--rules FILE``) so that a
lawyer can read, extend and test them without touching code; the format is documented at the top of
each shipped table and in ``data/schemas/rules.schema.json``, which :mod:`lawdiff.classify.schema`
checks a table against (and where the :class:`~lawdiff.classify.schema.Rule` records are defined).
This module finds the tables: the shipped ones (kept parsed on disk) and the user's.  Loading is strict
because a silently ignored typo in a rule table means a change silently misclassified: every problem is
a :class:`~lawdiff.errors.RuleError` that names the file, the rule id and the line, and says the fix.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lawdiff import __version__
from lawdiff.classify.schema import Example, Numeric, Rule, RuleSet, check_set, parse_rules
from lawdiff.errors import RuleError
from lawdiff.io import cache
from lawdiff.io.yaml import YamlLimitError, read_yaml_text
from lawdiff.model import Lang

#: A rule file of norm rules (judgements over norm changes, ``lang: any``) rather than keyword rules.
NORM_RULES_MARK = re.compile(r"^lang:\s*any\s*$", re.MULTILINE)


def read_rule_text(path: str | Path) -> str:
    """A user's rule file as text, or a RuleError that names the file, the cause and the fix."""
    p = Path(path)
    try:
        return read_yaml_text(p)  # refuses more than 2 MB before parsing (PyYAML takes ~10 s a MB)
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


def load_rule_file(path: str | Path) -> RuleSet:
    """A user's keyword rule table (``--rules FILE``), validated; its patterns are matched under a time limit."""
    return parse_rules(read_rule_text(path), str(Path(path)), user=True)


def split_rule_files(files: Sequence[str | Path]) -> tuple[list[Path], list[Path]]:
    """``--rules`` files sorted into keyword tables and norm-rule tables (``lang: any``)."""
    keyword: list[Path] = []
    norm: list[Path] = []
    for f in files:
        p = Path(f)
        (norm if NORM_RULES_MARK.search(read_rule_text(p)) else keyword).append(p)
    return keyword, norm


@lru_cache(maxsize=4)  # pure memoisation: a shipped table is constant for the process
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
    """Keyed by lawdiff's version, the table's text and the shape of the classes pickled, so that a copy
    written by other code (a development checkout between versions) is never read into these classes."""
    shape = repr([(c.__name__, [(f.name, str(f.type)) for f in dataclasses.fields(c)])
                  for c in (RuleSet, Rule, Example, Numeric)])
    return hashlib.sha256(f"{__version__}\0{shape}\0{text}".encode()).hexdigest()[:24]


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
    return check_set(tuple(rules), lang, tuple(sources))


__all__ = ["load_rule_file", "load_rules", "shipped_rules"]
