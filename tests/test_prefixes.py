"""jieba's prefix dictionary computed for the fragments a text holds (lawdiff.text.prefixes) answers as jieba's
whole one does: the same entries, the same total, the same words on every corpus text."""

from __future__ import annotations

import hashlib
import io

import pytest
from conftest import CORPORA

from lawdiff.model import Lang
from lawdiff.text.prefixes import KNOWN_TOTALS, SortedDictionary
from lawdiff.text.words import Tokenizer, cjk_runs, import_jieba

# the same word twice (甲乙: jieba keeps the last count), a word that is only a prefix's prefix (甲乙丙丁 makes
# 甲乙丙 an entry of count 0), a count of 0, a Latin letter, and no newline at the end
SMALL = "甲 3 n\n甲乙 5 v\n甲乙丙丁 2 n\n乙 0 n\n甲乙 7 n\nB超 3 n\n丙丁 1 x"


def jiebas_own(data: bytes) -> tuple[dict[str, int], int]:
    """What jieba builds from a dictionary file (its ``gen_pfdict``)."""
    return import_jieba().Tokenizer.gen_pfdict(io.BytesIO(data))


def fragments(*texts: str) -> set[str]:
    return {t[i:j] for t in texts for i in range(len(t)) for j in range(i + 1, len(t) + 1)}


def test_entries_and_total_are_jiebas_on_a_small_dictionary():
    data = SMALL.encode("utf-8")
    whole, total = jiebas_own(data)
    mine = SortedDictionary.parse(data)
    assert mine is not None and mine.total == total == 21
    frags = fragments("甲乙丙丁戊", "乙丙丁", "B超声", "甲 3")
    assert {f: mine.entry(f) for f in frags} == {f: whole.get(f) for f in frags}
    assert mine.entry("甲乙") == 7 and mine.entry("甲乙丙") == 0 and mine.entry("乙丙") is None


@pytest.mark.parametrize("text", [
    "甲 3 n\n甲乙\t5 v\n",  # a tab
    "甲 3 n\r\n甲乙 5 v\r\n",  # CRLF: jieba strips the \r
    "甲 3 n\n\n甲乙 5 v\n",  # an empty line: jieba raises
    "甲 3\n甲乙 5 v\n",  # no tag
    "甲 3 n\n甲乙 5 v x\n",  # a fourth field
    "甲 three n\n",  # a count that is not a number
    " 甲 3 n\n",  # a leading space
    "甲  3 n\n",  # two spaces
    "甲 ３ n\n",  # a count in full-width digits: int() reads it as text, not as bytes
], ids=["tab", "crlf", "empty-line", "no-tag", "four-fields", "word-count", "leading-space", "two-spaces",
        "fullwidth-count"])
def test_a_dictionary_not_in_the_plain_form_is_not_read(text):
    assert SortedDictionary.parse(text.encode("utf-8")) is None


def test_a_dictionary_that_is_not_utf8_is_not_read():
    assert SortedDictionary.parse("甲 3 n\n乙 2 n\n".encode("gbk")) is None


def installed_dictionary() -> bytes:
    with Tokenizer._new().get_dict_file() as f:
        return f.read()


def test_a_known_dictionary_is_read_as_when_checked_line_by_line():
    """A dict.txt of KNOWN_TOTALS skips the checks and the adding up: the same total and entries."""
    data = installed_dictionary()
    if hashlib.sha256(data).hexdigest() not in KNOWN_TOTALS:
        pytest.skip("the installed jieba's dict.txt is not in KNOWN_TOTALS: first runs read every count (add it)")
    known, checked = SortedDictionary.parse(data), SortedDictionary.check(data)
    assert checked is not None and known is not None and known.total == checked.total
    words = [line.split(" ")[0] for line in data.decode("utf-8").split("\n")[::97] if line]
    frags = {w[:i] for w in words for i in range(1, len(w) + 1)} | {w + "的" for w in words}
    assert [f for f in frags if known.entry(f) != checked.entry(f)] == []


def test_a_changed_known_dictionary_is_checked_and_added_up_again():
    data = installed_dictionary() + "甲乙丙丁戊己 5 n\n".encode()
    mine = SortedDictionary.parse(data)
    assert mine is not None and mine.total == jiebas_own(data)[1] and mine.entry("甲乙丙丁戊己") == 5
    assert SortedDictionary.parse(data + b"x  1 n\n") is None  # not plain: the checks ran


@pytest.fixture(scope="module")
def whole():
    """jieba built the way jieba builds it: the whole dictionary, then lawdiff's legal user dictionary."""
    from importlib import resources

    tok = Tokenizer._new()
    tok.FREQ, tok.total = tok.gen_pfdict(tok.get_dict_file())
    tok.initialized = True
    with resources.as_file(resources.files("lawdiff") / "data" / "legal_dict.txt") as path:
        tok.load_userdict(str(path))
    return tok


@pytest.mark.slow
def test_every_entry_of_jiebas_dictionary_is_answered_alike():
    data = installed_dictionary()
    whole, total = jiebas_own(data)
    mine = SortedDictionary.parse(data)
    assert mine is not None and mine.total == total
    assert [k for k, v in whole.items() if mine.entry(k) != v] == []
    # one character more than an entry: in jieba's dictionary or not, alike
    frags = {k + c for k in list(whole)[::50] for c in "的法人"}
    assert [f for f in frags if mine.entry(f) != whole.get(f)] == []


@pytest.mark.slow
def test_segments_like_jiebas_whole_dictionary_on_every_corpus_text(whole):
    runs = sorted({r for p in CORPORA.glob("*/*") if p.suffix in (".txt", ".md")
                   for r in cjk_runs(p.read_text(encoding="utf-8", errors="replace"))})
    assert len(runs) > 10_000
    lazy = Tokenizer()
    assert [r for r in runs if lazy.segment(r) != tuple(whole.lcut(r, HMM=False))] == []
    assert lazy.dictionary is not None and lazy.jieba().total == whole.total
    assert len(lazy.jieba().FREQ) < len(whole.FREQ) // 5  # only what the runs looked up


def test_user_words_are_segmented_whole():
    tok = Tokenizer()
    assert tok.tokenize("生成式人工智能服务提供者应当开展安全评估", Lang.ZH) == (
        "生成式人工智能", "服务提供者", "应当", "开展", "安全评估")
    assert tok.dictionary is not None


def test_jiebas_whole_dictionary_is_built_when_its_file_is_not_plain(whole, monkeypatch):
    monkeypatch.setattr(SortedDictionary, "parse", classmethod(lambda cls, data: None))
    tok = Tokenizer()
    text = "个人信息处理者应当对其个人信息处理活动负责，并采取必要措施保障所处理的个人信息的安全。"
    assert tok.tokenize(text, Lang.ZH) == tuple(whole.lcut(text, HMM=False))
    assert tok.dictionary is None and len(tok.jieba().FREQ) == len(whole.FREQ)
