"""The library entry point: ``compare(draft, final)`` runs every stage and returns a :class:`Report`.

This module alone knows the order of the stages::

    read_file -> parse_text -> align -> diff_units -> read_norms -> classify -> summarize   (then a renderer reads the Report)

each stage's entry function exported by its sub-package.  Renderers read only the Report.  The CLI is a
thin wrapper around :func:`compare_files`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from lawdiff.diff import diff_units
from lawdiff.errors import InputError
from lawdiff.io import read_file
from lawdiff.io.align_store import align_key, load_alignment, save_alignment
from lawdiff.io.cache import shared_tokenizer, token_cache
from lawdiff.io.meta import PairMeta, by_name, find_meta
from lawdiff.io.verdict_store import Verdict, load_verdict, save_verdict, verdict_key
from lawdiff.model import AlignedUnit, ArticleDiff, Document, Lang, PairKind, Regulated, Report, UnitReport, VersionMeta
from lawdiff.norms import read_norms  # light: the reader itself is imported only to read (lawdiff.norms.reading)
from lawdiff.parse import parse_text
from lawdiff.text.normalize import key
from lawdiff.text.words import Tokenizer

if TYPE_CHECKING:
    from lawdiff.classify.norm_rules import NormRules
    from lawdiff.classify.schema import RuleSet


def _version_meta(doc: Document, given: VersionMeta | None) -> VersionMeta:
    """What is known about a version; the parsed title when nothing else says it."""
    if given is None:
        return VersionMeta(title=doc.title)
    return given if given.title else replace(given, title=doc.title)


def compare(
    draft: Document,
    final: Document,
    *,
    rules: RuleSet | None = None,
    lang: Lang | None = None,
    draft_meta: VersionMeta | None = None,
    final_meta: VersionMeta | None = None,
    extra_rules: Sequence[str | Path] = (),
    cache: bool = True,
    regulated: Sequence[str] = (),
    tokenizer: Tokenizer | None = None,
    norm_rules: NormRules | None = None,
    kind: PairKind | None = None,
) -> Report:
    """``cache=False`` neither reads nor writes the on-disk caches (tokens, parsed rule tables and lexicons, the
    pair's alignment, word diff, norms and verdict; :mod:`lawdiff.io.cache`, :mod:`lawdiff.io.parsed`,
    :mod:`lawdiff.io.align_store`, :mod:`lawdiff.io.diff_store`, :mod:`lawdiff.io.norm_store`,
    :mod:`lawdiff.io.verdict_store`: a verdict only with the shipped rule tables, none given in ``rules``,
    ``norm_rules`` or ``extra_rules``).

    ``regulated`` names the regulated parties (meta.yaml ``regulated:``); when empty they are inferred
    from the texts (:func:`lawdiff.classify.parties.infer`).  ``tokenizer`` splits the texts into words
    (default: one per process, :func:`lawdiff.io.cache.shared_tokenizer`).  ``kind``: draft-final, revision
    or proposal-adopted (``--kind``, meta.yaml ``kind:``); None infers it (:mod:`lawdiff.signal.versions`)."""
    lang = lang or draft.lang
    units = _align(draft, final, lang, cache)
    tokenizer = tokenizer or shared_tokenizer(cache)
    with token_cache((draft, final), lang, tokenizer, enabled=cache):
        diffs = diff_units(units, lang, tokenizer=tokenizer, disk_cache=cache)
    dm = _version_meta(draft, draft_meta)
    fm = _version_meta(final, final_meta)
    # the verdict of a pair judged before, with the shipped rule tables, is read back (lawdiff.io.verdict_store)
    vkey = verdict_key(draft, final, diffs, lang=lang, draft_meta=dm, final_meta=fm, regulated=regulated, kind=kind) \
        if cache and rules is None and norm_rules is None and not extra_rules else ""
    verdict = load_verdict(vkey, len(diffs)) if vkey else None
    if verdict is None:
        verdict = _judge(draft, final, diffs, lang=lang, draft_meta=dm, final_meta=fm, rules=rules,
                         norm_rules=norm_rules, extra_rules=extra_rules, cache=cache, regulated=regulated, kind=kind)
        if vkey:
            save_verdict(vkey, verdict)
    return Report(draft=draft, final=final, draft_meta=dm, final_meta=fm,
                  units=tuple(UnitReport(d, c) for d, c in zip(diffs, verdict.changes)), signal=verdict.signal,
                  lang=lang, rules_used=verdict.rules_used, warnings=_coarse_warnings(diffs),
                  title_changed=key(draft.title) != key(final.title),
                  preamble_changed=key("".join(draft.preamble)) != key("".join(final.preamble)),
                  versions=verdict.versions, regulated=verdict.regulated)


def _judge(draft: Document, final: Document, diffs: Sequence[ArticleDiff], *, lang: Lang, draft_meta: VersionMeta,
           final_meta: VersionMeta, rules: RuleSet | None, norm_rules: NormRules | None,
           extra_rules: Sequence[str | Path], cache: bool, regulated: Sequence[str],
           kind: PairKind | None) -> Verdict:
    """The stages after the diff: norms, classify, summarize (and the versions' kind and order).  Imported
    here, for a pair whose verdict is not kept: the rule tables, their patterns and the word lists are most
    of what a repeated run would otherwise spend."""
    from lawdiff.classify import classify
    from lawdiff.classify.norm_rules import load_norm_rules
    from lawdiff.classify.parties import Parties, infer
    from lawdiff.classify.rules import load_rules, split_rule_files
    from lawdiff.signal import summarize
    from lawdiff.signal.versions import pair_versions

    keyword_files, norm_files = split_rule_files(extra_rules)
    if rules is None:
        rules = load_rules(lang, keyword_files, disk_cache=cache)
    norm_rules = norm_rules or load_norm_rules(norm_files, disk_cache=cache)
    parties = Parties.named(regulated) if regulated else infer(_texts(draft) + _texts(final), lang)
    norms = read_norms(diffs, lang=lang, regulated=parties.terms, public=parties.public,
                       titles=(draft_meta.title, final_meta.title), disk_cache=cache)
    reports = [UnitReport(d, classify(d, rules, lang, parties, n, norm_rules)) for d, n in zip(diffs, norms)]
    signal = summarize(reports, draft=draft, final=final, draft_meta=draft_meta, final_meta=final_meta, lang=lang,
                       disk_cache=cache)
    versions = pair_versions(draft, final, draft_meta, final_meta, lang=lang, kind=kind, disk_cache=cache)
    return Verdict(changes=tuple(r.change for r in reports), signal=signal, versions=versions,
                   regulated=Regulated(parties.terms, parties.public, parties.source),
                   rules_used=(*norm_rules.source.split(", "), *rules.sources))


def _align(draft: Document, final: Document, lang: Lang, cache: bool) -> tuple[AlignedUnit, ...]:
    """:func:`align`, read back from lawdiff's cache folder when the pair was aligned before
    (:mod:`lawdiff.io.align_store`; the aligner, and the patterns its features compile, are then not even
    imported)."""
    key = align_key(draft, final, lang) if cache else ""
    units = load_alignment(key, draft, final) if key else None
    if units is None:
        from lawdiff.align import align

        units = align(draft, final, lang=lang)
        if key:
            save_alignment(key, draft, final, units)
    return units


def _coarse_warnings(diffs: Sequence[ArticleDiff]) -> tuple[str, ...]:
    return tuple(f"unit {d.unit.id}: too long to diff word by word within the time limit; changed stretches are "
                 "shown whole (a coarser diff, nothing left out) — split the article, or raise LAWDIFF_DIFF_TIMEOUT"
                 for d in diffs if d.coarse)


def _texts(doc: Document) -> list[str]:
    return ["\n".join([p.text, *(i.text for i in p.items)]) for a in doc.articles for p in a.paragraphs]


def load_document(path: str | Path, *, encoding: str | None = None, lang: Lang | None = None) -> Document:
    """Read and parse one law file (stages 1 and 2)."""
    text, used = read_file(path, encoding=encoding)
    return parse_text(text, lang=lang, path=str(path), encoding=used)


def compare_files(
    draft_path: str | Path,
    final_path: str | Path,
    *,
    encoding: str | None = None,
    lang: Lang | None = None,
    extra_rules: Sequence[str | Path] = (),
    meta: PairMeta | None = None,
    draft_issuers: Sequence[str] = (),
    final_issuers: Sequence[str] = (),
    cache: bool = True,
    kind: PairKind | None = None,
) -> Report:
    """Compare two law files.  ``meta``: what is known about the pair (default: the meta.yaml beside the
    files, if it names them); ``draft_issuers`` / ``final_issuers`` override its issuing bodies; ``kind``
    overrides meta.yaml's ``kind:`` and the inference.

    meta.yaml describes its versions by file name, so it is turned to the files by their names (given the
    other way round, its titles stay with their files); when the names do not say, by the titles and dates
    the texts give for themselves; failing both, its titles, dates and levels are not used at all rather
    than pinned on a file by position."""
    if meta is None:
        meta = find_meta(draft_path, final_path, disk_cache=cache)
    named = by_name(meta, draft_path, final_path) if meta is not None else None
    lang = lang or (meta.lang if meta else None)
    draft = load_document(draft_path, encoding=encoding or (named.draft_encoding if named else None), lang=lang)
    final = load_document(final_path, encoding=encoding or (named.final_encoding if named else None), lang=lang)
    if lang is None and draft.lang is not final.lang:
        _refuse_mixed(draft, final)
    if meta is not None and named is None:
        meta = by_content(meta, draft, final)
    elif named is not None:
        meta = named
    dm = meta.draft if meta else None
    fm = meta.final if meta else None
    if draft_issuers:
        dm = _with_issuers(dm or VersionMeta(draft.title), draft_issuers)
    if final_issuers:
        fm = _with_issuers(fm or VersionMeta(final.title), final_issuers)
    return compare(draft, final, lang=lang or draft.lang, draft_meta=dm, final_meta=fm, extra_rules=extra_rules,
                   cache=cache, regulated=meta.regulated if meta else (), kind=kind or (meta.kind if meta else None))


def _same_title(a: str, b: str) -> bool:
    a, b = "".join(a.split()), "".join(b.split())
    return bool(a and b) and (a in b or b in a)


def by_content(meta: PairMeta, draft: Document, final: Document) -> PairMeta:
    """meta.yaml turned to two files its names do not identify: by title when its two titles differ, else
    by date (the latest date each text gives for itself against meta.yaml's); otherwise without versions."""
    from lawdiff.signal.versions import normal_date, own_date

    d, f = meta.draft, meta.final
    for straight, crossed in (
        ((_same_title(d.title, draft.title), _same_title(f.title, final.title)),
         (_same_title(f.title, draft.title), _same_title(d.title, final.title))),
        ((normal_date(d.date) == own_date(draft) != "", normal_date(f.date) == own_date(final) != ""),
         (normal_date(f.date) == own_date(draft) != "", normal_date(d.date) == own_date(final) != "")),
    ):
        if any(straight) and not any(crossed):
            return meta
        if any(crossed) and not any(straight):
            return meta.swapped()
    return meta.without_versions()


def _with_issuers(m: VersionMeta, issuers: Sequence[str]) -> VersionMeta:
    return replace(m, issuers=tuple(issuers))


def _refuse_mixed(draft: Document, final: Document) -> None:
    raise InputError(
        f"{draft.path} reads as {draft.lang.value} but {final.path} reads as {final.lang.value}; "
        "lawdiff compares two versions in the same language — give two texts in one language "
        "(or force one with --lang)"
    )


__all__ = ["by_content", "compare", "compare_files", "load_document"]
