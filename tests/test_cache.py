from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lawdiff.cli import main
from lawdiff.io import cache, store
from lawdiff.model import Lang
from lawdiff.parse import parse_text
from lawdiff.pipeline import compare
from lawdiff.text.words import Tokenizer

DRAFT = "第一条　为了规范生成式人工智能服务，制定本办法。\n第二条　服务提供者应当依法开展安全评估。\n"
FINAL = "第一条　为了规范生成式人工智能服务，制定本办法。\n第二条　服务提供者可以依法开展安全评估。\n"


@pytest.fixture
def cache_env(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def fresh():
    """A tokenizer with an empty memo, as a new process would have."""
    return Tokenizer()


def docs():
    return parse_text(DRAFT, path="draft.txt"), parse_text(FINAL, path="final.txt")


def token_files(root):
    return sorted((root / "tokens").glob("*.json")) if (root / "tokens").is_dir() else []


def run_tokens(d, f, tok=None):
    tok = tok or fresh()
    with cache.token_cache((d, f), Lang.ZH, tok):
        return [tok.tokenize(a.text, Lang.ZH) for doc in (d, f) for a in doc.articles]


def no_jieba():
    raise AssertionError("jieba was needed although the cache holds every run")


def test_cache_hit_returns_identical_tokens_without_jieba(cache_env, monkeypatch):
    d, f = docs()
    first = run_tokens(d, f)
    assert len(token_files(cache_env)) == 2  # one file per document
    tok = fresh()
    monkeypatch.setattr(tok, "jieba", no_jieba)
    assert run_tokens(d, f, tok) == first
    assert "".join(first[1]) == d.articles[1].text


def test_corrupt_cache_file_is_ignored_and_rewritten(cache_env):
    d, f = docs()
    expected = run_tokens(d, f)
    files = token_files(cache_env)
    files[0].write_bytes(b"\x00{not json")
    files[1].write_text('{"salt": "' + cache.salt() + '", "runs": [1, "\u670d\u52a1  \u63d0\u4f9b"]}', encoding="utf-8")
    assert run_tokens(d, f) == expected
    assert all(cache.load(p.stem) for p in files)  # rewritten with good content


def test_foreign_salt_is_ignored(cache_env, monkeypatch):
    d, f = docs()
    expected = run_tokens(d, f)
    key = cache.document_key(d, Lang.ZH)
    for memo in (store.cache_key, store.code_hash, cache.salt):
        memo.cache_clear()
    monkeypatch.setattr(store, "__version__", "999.0")
    try:
        assert cache.document_key(d, Lang.ZH) != key  # the version is part of the key
        assert cache.load(key) == {}  # and an old file is not trusted even under its name
    finally:
        for memo in (store.cache_key, store.code_hash, cache.salt):
            memo.cache_clear()
    assert run_tokens(d, f) == expected


def test_tokens_of_another_jieba_dictionary_are_not_read(cache_env, monkeypatch):
    """jieba upgraded (its dict.txt changed): the segmentations made with the old one are neither found nor
    trusted, and the texts are segmented again (with the new one, read afresh: lawdiff keeps no copy of it)."""
    d, f = docs()
    expected = run_tokens(d, f)
    key = cache.document_key(d, Lang.ZH)
    cache.salt.cache_clear()
    monkeypatch.setattr(cache, "jieba_dict_stamp", lambda: "5071852-1")
    try:
        assert cache.document_key(d, Lang.ZH) != key
        assert cache.load(key) == {}
        tok = fresh()
        assert run_tokens(d, f, tok) == expected and tok.dictionary is not None  # segmented again
        assert len(token_files(cache_env)) == 4
    finally:
        cache.salt.cache_clear()


def test_lawdiff_cache_dir_is_respected(cache_env):
    d, f = docs()
    compare(d, f, tokenizer=fresh())
    assert token_files(cache_env)
    assert cache.cache_dir() == cache_env


def test_no_cache_reads_and_writes_nothing(cache_env, tmp_path):
    d, f = docs()
    with_cache = compare(d, f, cache=False, tokenizer=Tokenizer())
    assert not cache_env.exists()
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "final.txt").write_text(FINAL, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "draft.txt"), str(tmp_path / "final.txt"),
                                       "--format", "json", "--no-cache"])
    assert result.exit_code == 1, result.output
    assert not cache_env.exists()
    assert [u.change.label for u in with_cache.units] == [u.change.label for u in compare(d, f, tokenizer=fresh()).units]


def test_unwritable_cache_never_fails_a_run(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    d, f = docs()
    report = compare(d, f, tokenizer=fresh())
    assert [u.change.label.value for u in report.units][1] == "relaxed"


def test_default_locations(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "lawdiff"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "lawdiff"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    assert cache.cache_dir() == tmp_path / "local" / "lawdiff" / "Cache"


def test_english_is_not_cached(cache_env):
    d = parse_text("Article 1\nProviders shall register.\n")
    f = parse_text("Article 1\nProviders may register.\n")
    compare(d, f)
    assert not token_files(cache_env)


def test_a_document_met_again_is_stored_whole(cache_env, monkeypatch):
    d, f = docs()
    compare(d, f, tokenizer=fresh())  # article 1 is identical on both sides: never tokenized, so not stored
    first = cache.load(cache.document_key(d, Lang.ZH))
    assert d.articles[0].text not in "".join("".join(t) for t in first.values())
    f2 = parse_text(FINAL.replace("为了规范", "为了促进和规范"), path="final2.txt")
    compare(d, f2, tokenizer=fresh())  # d is met again and its file misses runs: now every run of d is stored
    tok = fresh()
    monkeypatch.setattr(tok, "jieba", no_jieba)
    with cache.token_cache((d,), Lang.ZH, tok):
        assert [tok.tokenize(a.text, Lang.ZH) for a in d.articles]


# ----------------------------------------------------------------------------- jieba's dictionary

TEXT = "生成式人工智能服务提供者应当依法开展安全评估，不得侵害他人合法权益。"


def test_no_dictionary_file_is_written(cache_env):
    """jieba's dictionary is read for the runs segmented (lawdiff.text.prefixes), never copied to disk: the
    cache folder holds only what the pipeline's own caches write."""
    d, f = docs()
    compare(d, f, tokenizer=fresh())
    assert fresh().tokenize(TEXT, Lang.ZH)
    names = {p.name for p in cache_env.iterdir()}
    assert not [n for n in names if n.startswith("jieba")] and {"tokens", "align", "norms"} <= names


def test_dictionary_files_of_older_versions_are_removed(cache_env):
    """lawdiff before 2026-12-05 kept jieba's dictionary split by first character (10 MB); the next run that
    writes tokens removes it, and jieba's own dump, whatever their age."""
    cache_env.mkdir(parents=True)
    old = [cache_env / ("jieba-prefix-" + "ab" * 20 + ".bin"), cache_env / "jieba.cache"]
    for p in old:
        p.write_bytes(b"old")
    assert [k.name for k, n, _ in store.cache_info(cache_env) if n] == ["leftovers"]
    d, f = docs()
    run_tokens(d, f)
    assert not any(p.exists() for p in old)


def test_no_cache_writes_nothing(cache_env):
    d, f = docs()
    compare(d, f, cache=False, tokenizer=Tokenizer())
    assert not cache_env.exists()


def test_a_tokenizer_keeps_its_own_memo():
    """No hidden state: two tokenizers share nothing, and the shared default is one per --no-cache setting."""
    a, b = Tokenizer(), Tokenizer()
    a.preload({"甲乙": ("甲", "乙")})
    assert a.tokenize("甲乙", Lang.ZH) == ("甲", "乙") and "甲乙" not in b.memo
    assert cache.shared_tokenizer(True) is cache.shared_tokenizer(True)
    assert cache.shared_tokenizer(False) is not cache.shared_tokenizer(True)


def test_parsed_rule_table_is_kept_on_disk_and_a_damaged_copy_is_ignored(tmp_path, monkeypatch):
    from lawdiff.classify.rules import shipped_rules
    from lawdiff.model import Lang

    monkeypatch.setenv("LAWDIFF_CACHE_DIR", str(tmp_path))
    shipped_rules.cache_clear()
    try:
        fresh = shipped_rules(Lang.ZH, disk_cache=False)
        assert not list(tmp_path.glob("rules-*"))  # disk_cache=False writes nothing
        first = shipped_rules(Lang.ZH)
        [copy] = tmp_path.glob("rules-*.json")
        shipped_rules.cache_clear()
        assert shipped_rules(Lang.ZH) == first == fresh  # read back from disk, same table
        copy.write_bytes(b"not JSON")
        shipped_rules.cache_clear()
        assert shipped_rules(Lang.ZH) == fresh  # damaged copy: parsed again, no error
    finally:
        shipped_rules.cache_clear()


def test_a_test_that_writes_into_the_users_cache_is_caught():
    """The conftest fixture: LAWDIFF_CACHE_DIR, XDG_CACHE_HOME and HOME point at the session's folder, and an
    audit hook notes any write into the user's own cache folder (simulated here: sys.audit raises the event
    without writing anything)."""
    import os

    import conftest

    assert os.environ["LAWDIFF_CACHE_DIR"].startswith(os.environ["HOME"])
    users = Path(conftest.FORBIDDEN[0])  # the user's cache folder, as it was before the session moved it
    assert cache.cache_dir() != users
    sys.audit("open", str(users / "tokens" / "x.json"), "w", 0)
    sys.audit("os.replace", "/tmp/elsewhere.tmp", str(conftest.ROOT / "lawdiff" / "x.py"), -1, -1)
    try:
        assert len(conftest.WRITES) == 2
    finally:
        del conftest.WRITES[:]  # the simulated writes must not fail this test
