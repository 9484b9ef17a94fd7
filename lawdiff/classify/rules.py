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

import contextlib
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lawdiff.classify.schema import RuleSet, check_set, parse_rules
from lawdiff.errors import RuleError
from lawdiff.io import store
from lawdiff.io.plain import PlainError, from_plain, to_plain
from lawdiff.io.yaml_data import TooLarge, read_yaml_text
from lawdiff.model import Lang

#: A rule file of norm rules (judgements over norm changes, ``lang: any``) rather than keyword rules.
NORM_RULES_MARK = re.compile(r"^lang:\s*any\s*$", re.MULTILINE)


def read_rule_text(path: str | Path) -> str:
    """A user's rule file as text, or a RuleError that names the file, the cause and the fix."""
    p = Path(path)
    try:
        return read_yaml_text(p)  # refuses more than 2 MB before parsing (PyYAML takes ~10 s a MB)
    except TooLarge as exc:
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
    parsed table back costs 30 ms.  The copy is plain JSON (:mod:`lawdiff.io.plain`: nothing in it can run
    code), keyed by the table's text and :func:`lawdiff.io.store.cache_key` (lawdiff's version, a hash of
    its code and data, the Python version), read only if it is a regular file of the user's own
    (:mod:`lawdiff.io.store`), and rebuilt field by field against the classes' type hints: anything wrong
    with it (missing, damaged, foreign, unwritable) means the table is simply parsed again.
    """
    res = resources.files("lawdiff") / "data" / "rules" / f"{lang.value}.yaml"
    text = res.read_text(encoding="utf-8")
    source = f"lawdiff/data/rules/{lang.value}.yaml"
    if not disk_cache:
        return parse_rules(text, source)
    path = store.cache_dir() / f"rules-{store.key_hash('rules', source, text)}.json"
    with contextlib.suppress(PlainError, RecursionError):
        return from_plain(RuleSet, store.read_json(path))
    rs = parse_rules(text, source)
    with contextlib.suppress(PlainError, RecursionError):
        store.write_json(path, to_plain(rs))
    return rs


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
