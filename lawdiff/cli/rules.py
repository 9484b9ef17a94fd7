"""``lawdiff rules``: list the rule tables and check a user table.

Imported only when used (:mod:`lawdiff.cli.group`).  The group is a
:class:`~lawdiff.cli.group.LawdiffGroup`, so errors become one line and exit 2 when it runs on its own
(tests) exactly as under ``lawdiff``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click
from rich import box
from rich.console import Console
from rich.table import Table

from lawdiff.classify.examples import run_norm_examples
from lawdiff.classify.label import classify_texts
from lawdiff.classify.norm_rules import load_norm_rules, parse_norm_rules
from lawdiff.classify.patterns import required_runs
from lawdiff.classify.rules import load_rule_file, load_rules, read_rule_text, split_rule_files
from lawdiff.classify.schema import PATTERN_KEYS, RuleSet
from lawdiff.cli.group import LawdiffGroup
from lawdiff.model import Lang
from lawdiff.text.normalize import fold

MAX_WIDTH = 100


def _console() -> Console:
    width = min(MAX_WIDTH, shutil.get_terminal_size((MAX_WIDTH, 24)).columns)
    return Console(width=width, highlight=False, soft_wrap=False)


def _example(line: str) -> str:
    return f"\b\nExample:\n  {line}"


@click.group(cls=LawdiffGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=_example("lawdiff rules list --lang zh"))
def rules() -> None:
    """List the rule tables that classify changes, or check a table of your own."""


@rules.command("list", epilog=_example("lawdiff rules list --lang en --rules my-rules.yaml"))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the keyword table (the norm rules serve every language).")
@click.option("--rules", "extra", multiple=True, type=click.Path(path_type=Path),
              help="Also load this rule table (repeatable): norm rules (lang: any) or keyword rules.")
def list_rules(lang: str, extra: tuple[Path, ...]) -> None:
    """Show every rule: the norm rules that judge norm changes, then the keyword rules of a language."""
    keyword_files, norm_files = split_rule_files(extra)
    norm = load_norm_rules(norm_files)
    rs = load_rules(Lang(lang), keyword_files)
    console = _console()
    table = _table(f"norm rules (every language): {len(norm.rules)}")
    for n in norm.rules:
        table.add_row(n.id, n.theme.value, n.direction.value, _weight(n.weight), n.description)
    console.print(table)
    table = _table(f"keyword rules ({lang}): {len(rs)}")
    for r in rs:
        table.add_row(r.id, r.theme.value, r.direction.value, f"{r.weight:g}", r.description)
    console.print(table)


def _table(title: str) -> Table:
    table = Table(title=title, title_justify="left", expand=False, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", overflow="fold", no_wrap=True, max_width=36)
    table.add_column("theme", width=12, no_wrap=True)
    table.add_column("dir", width=7, no_wrap=True)
    table.add_column("w", justify="right", width=5, no_wrap=True)
    table.add_column("description", overflow="fold")
    return table


def _weight(w: float | str) -> str:
    return w if isinstance(w, str) else f"{w:g}"


def run_examples(rs: RuleSet, lang: Lang, only: set[str] | None = None) -> list[str]:
    """Run rule examples; return one line per failure.

    Each example is classified with the rules that can fire on it: a rule none of whose patterns can match
    the example's texts (a string every match needs is missing, :func:`required_runs`) cannot change
    its label, so leaving it out changes nothing.  An index from a needed string to the rules that need
    it finds those rules without looking at every rule for every example: a table of n rules is checked
    in about n steps instead of n² (2,000 rules took 52 s)."""
    candidates = _Candidates(rs)
    failures = []
    for r in rs:
        if only is not None and r.id not in only:
            continue
        for ex in r.examples:
            ch = classify_texts(ex.draft, ex.final, candidates.for_text(ex.draft + ex.final), lang, ex.regulated)
            ids = {f.rule_id for f in ch.firings}
            problems = []
            if ch.label is not ex.label:
                problems.append(f"label {ch.label.value}, expected {ex.label.value}")
            if ex.effect is not None and ch.effect is not ex.effect:
                problems.append(f"effect {ch.effect.value if ch.effect else None}, expected {ex.effect.value}")
            if r.id not in ids:
                problems.append("the rule did not fire")
            if problems:
                failures.append(f"{r.source}:{ex.line}: rule {r.id}: example gives {'; '.join(problems)} "
                                f"({ch.reason})")
    return failures


class _Candidates:
    """The rules of a set that can fire on a text (see :func:`run_examples`), in the set's order."""

    KEY = 8  # characters of a needed string an index key keeps

    def __init__(self, rs: RuleSet) -> None:
        self.rs = rs
        self.needs: list[list[frozenset[str]] | None] = [
            None if rule.numeric is not None else [required_runs(rx.pattern, rx.flags) for key in PATTERN_KEYS
                                                   if key != "unless" for rx in getattr(rule, key)]
            for rule in rs]
        self.always: set[int] = set()
        self.by_key: dict[str, set[int]] = {}
        for k, needs in enumerate(self.needs):
            if needs is None or not all(needs):
                self.always.add(k)
            else:
                for n in needs:  # filed under its longest needed string: the fewest texts hold it
                    self.by_key.setdefault(max(n, key=lambda run: (len(run), run))[: self.KEY], set()).add(k)

    def for_text(self, text: str) -> RuleSet:
        folded = fold(text).lower()
        found = set(self.always)
        for i in range(len(folded)):
            for j in range(i + 1, min(i + self.KEY, len(folded)) + 1):
                found |= self.by_key.get(folded[i:j], set())
        keep = [k for k in sorted(found)
                if (n := self.needs[k]) is None or any(all(run in folded for run in x) for x in n)]
        return RuleSet(tuple(self.rs.rules[k] for k in keep), self.rs.lang, self.rs.sources)


@rules.command("check", epilog=_example("lawdiff rules check my-rules.yaml"))
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of a keyword table (default: its 'lang:' key, else the prefix of its ids).")
def check_rules(file: Path, lang: str | None) -> None:
    """Validate a rule table and run its examples together with the shipped tables.

    A norm-rule table (``lang: any``, rules with ``when:``) is checked against the norm-rule schema and its
    examples, positive and negative, run with the shipped norm rules; a keyword table likewise with the
    shipped keyword table of its language.  Exit 0 when the table is valid and every example holds, 1 when
    an example fails, 2 when the table is malformed (one line naming file, rule and line).
    """
    _keyword, norm_files = split_rule_files([file])
    if norm_files:
        own_norm = parse_norm_rules(read_rule_text(file), str(file))
        combined = load_norm_rules([file])
        keyword = {la: load_rules(la) for la in Lang}
        failures = run_norm_examples(combined, keyword, {r.id for r in own_norm.rules})
        _report(file, len(own_norm.rules), sum(len(r.examples) for r in own_norm.rules), failures,
                f"with the {_rules(len(combined.rules) - len(own_norm.rules), 'shipped norm')}")
        return
    own = load_rule_file(file)
    if lang is None:
        lang = own.lang.value if own.lang else (own.rules[0].id.split(".", 1)[0] if own.rules else "zh")
        if lang not in ("zh", "en"):
            raise click.UsageError(f"cannot tell the language of {file}; add 'lang: zh' or pass --lang")
    rs = load_rules(Lang(lang), [file])
    failures = run_examples(rs, Lang(lang), {r.id for r in own.rules})
    _report(file, len(own.rules), sum(len(r.examples) for r in own.rules), failures,
            f"with the {_rules(len(rs) - len(own.rules), f'shipped {lang} keyword')}")


def _rules(n: int, kind: str) -> str:
    """'1 shipped zh keyword rule', '70 shipped norm rules'."""
    return f"{n} {kind} rule" + ("" if n == 1 else "s")


def _report(file: Path, n_rules: int, n_examples: int, failures: list[str], shipped: str) -> None:
    for line in failures:
        click.echo(line)
    rules_word = "rule" if n_rules == 1 else "rules"
    examples_word = "example" if n_examples == 1 else "examples"
    if failures:
        click.echo(f"{file}: {n_rules} {rules_word}, {n_examples} {examples_word}, {len(failures)} failed")
        raise SystemExit(1)
    click.echo(f"{file}: {n_rules} {rules_word} valid, {n_examples} {examples_word} pass ({shipped})")


__all__ = ["rules", "run_examples"]
