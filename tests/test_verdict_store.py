"""The verdict cache (lawdiff.io.verdict_store): a pair judged before is read back, not judged again, and
reads back as exactly the report made without any cache; whatever the verdict depends on is in its key."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import pair_documents, run, write

import lawdiff.pipeline as pipeline
from lawdiff.io import store, verdict_store
from lawdiff.model import Lang, PairKind, VersionMeta
from lawdiff.pipeline import compare


def no_judging(*_a, **_k):
    raise AssertionError("the pair was judged again although its verdict is kept")


@pytest.mark.parametrize("pair", ["genai-2023", "eu-ai-act-2024"])
def test_a_verdict_read_back_is_the_verdict_reached(pair, tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "cache"))
    draft, final = pair_documents(pair)
    fresh = compare(draft, final, cache=False)
    assert compare(draft, final) == fresh  # judges, then writes the file
    assert len(list((tmp_path / "cache" / verdict_store.FOLDER).glob("*.json"))) == 1
    monkeypatch.setattr(pipeline, "_judge", no_judging)
    assert compare(draft, final) == fresh


def test_what_the_verdict_depends_on_is_in_the_key():
    draft, final = pair_documents("genai-2023")
    report = compare(draft, final, cache=False)
    diffs = [u.diff for u in report.units]
    base = dict(lang=Lang.ZH, draft_meta=report.draft_meta, final_meta=report.final_meta, regulated=(), kind=None)
    key = verdict_store.verdict_key(draft, final, diffs, **base)
    assert verdict_store.verdict_key(draft, final, diffs, **base) == key
    changed = [
        dict(base, regulated=("服务提供者",)),
        dict(base, kind=PairKind.REVISION),
        dict(base, final_meta=replace(report.final_meta, date="2023-07-10")),
        dict(base, draft_meta=VersionMeta("另一个标题")),
        dict(base, lang=Lang.EN),
    ]
    assert len({verdict_store.verdict_key(draft, final, diffs, **kw) for kw in changed} | {key}) == len(changed) + 1
    other = replace(final, title=final.title + "（修订）")
    assert verdict_store.verdict_key(draft, other, diffs, **base) != key  # what the diffs do not show
    edits = replace(diffs[0], edits=diffs[0].edits[:-1])
    assert verdict_store.verdict_key(draft, final, [edits, *diffs[1:]], **base) != key


def test_a_run_with_rule_tables_of_its_own_keeps_no_verdict(tmp_path, monkeypatch):
    """Only the shipped tables are covered by the key (a hash of the package): --rules is judged every time."""
    monkeypatch.setenv(store.ENV, str(tmp_path / "cache"))
    draft = write(tmp_path / "d.txt", "第一条　服务提供者应当依法开展安全评估。\n")
    final = write(tmp_path / "f.txt", "第一条　服务提供者可以依法开展安全评估。\n")
    rules = write(tmp_path / "r.yaml", "lang: zh\nrules:\n  - id: zh.mine.may\n    description: may\n"
                  "    description_zh: 可以\n    theme: modal\n    direction: relax\n    weight: 1\n"
                  "    inserted: '可以'\n    examples:\n      - {draft: 甲应当做, final: 甲可以做, label: relaxed}\n")
    res = run("diff", str(draft), str(final), "--format", "json", "--rules", str(rules))
    assert res.exit_code == 1, res.output
    assert "zh.mine.may" in res.stdout
    assert not (tmp_path / "cache" / verdict_store.FOLDER).exists()
    res = run("diff", str(draft), str(final), "--format", "json")
    assert res.exit_code == 1 and "zh.mine.may" not in res.stdout
    assert len(list((tmp_path / "cache" / verdict_store.FOLDER).glob("*.json"))) == 1
