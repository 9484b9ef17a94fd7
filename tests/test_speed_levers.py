"""Each speed lever (issue 14) gives what the slow way gave: these fail if a cache, an index or a shortcut
changes an answer.  (Speed itself is measured by benchmarks/, never asserted here.)"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.render.indented_json import dumps

# ------------------------------------------------------------------------------------ JSON text

_LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | \
    st.text(alphabet=st.characters(exclude_categories=("Cs",)))
_TREES = st.recursive(_LEAVES, lambda kids: st.lists(kids, max_size=4) | st.tuples(kids, kids)
                      | st.dictionaries(st.text(max_size=5), kids, max_size=4), max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(_TREES)
def test_indented_json_is_json_dumps_byte_for_byte(tree):
    assert dumps(tree) == json.dumps(tree, ensure_ascii=False, indent=2)


def test_indented_json_writes_subclasses_of_plain_types_as_json_dumps_does():
    """The commonest values (a string, an integer) are written without a call when their type is exactly that;
    a subclass (a string enum, an integer enum, a flag) takes the general way, which json.dumps agrees with."""
    import enum

    from lawdiff.model import Modality

    class Level(enum.IntEnum):
        HIGH = 3

    class Words(dict):
        pass

    tree = {"modality": Modality.OBLIGATION, "level": Level.HIGH, "flag": True, "list": [Modality.PERMISSION, Level.HIGH,
            False, 7, "x"], "words": Words(a=Level.HIGH), "tuple": (Modality.OBLIGATION, 1)}
    assert dumps(tree) == json.dumps(tree, ensure_ascii=False, indent=2)


def test_indented_json_leaves_what_is_not_plain_to_json_dumps():
    for odd in ({1: "int key"}, [math.nan], {"x": math.inf}):
        assert dumps(odd) == json.dumps(odd, ensure_ascii=False, indent=2)


# ------------------------------------------------------------------------------------ parsed data kept on disk


def test_tables_read_back_from_the_cache_folder_are_the_tables_parsed(tmp_path, monkeypatch):
    """Each shipped table, written to the cache folder by one call and read back by the next, equals a
    fresh parse; and with disk_cache=False nothing is written."""
    from lawdiff.classify.norm_rules import shipped_norm_rules
    from lawdiff.io import cache
    from lawdiff.io.meta import load_meta
    from lawdiff.model import Lang
    from lawdiff.norms.lexicon import load_lexicon
    from lawdiff.norms.polarity import rows
    from lawdiff.signal.lexicon import signal_words

    meta = Path(__file__).resolve().parent.parent / "corpora" / "genai-2023" / "meta.yaml"
    loaders = [lambda d: load_lexicon("zh", disk_cache=d), lambda d: load_lexicon("en", disk_cache=d),
               lambda d: rows(disk_cache=d), lambda d: shipped_norm_rules(disk_cache=d),
               lambda d: signal_words(Lang.ZH, disk_cache=d), lambda d: load_meta(meta, disk_cache=d)]
    from conftest import forget_parsed_tables as forget

    monkeypatch.setenv(cache.ENV, str(tmp_path / "off"))
    forget()
    fresh = [load(False) for load in loaders]
    assert not (tmp_path / "off").exists()
    monkeypatch.setenv(cache.ENV, str(tmp_path / "on"))
    forget()
    written = [load(True) for load in loaders]
    files = sorted((tmp_path / "on").glob("parsed-*.json"))
    assert len(files) == 6 and not list((tmp_path / "on").glob("*.pickle"))
    for f in files:
        json.loads(f.read_text(encoding="utf-8"))  # plain JSON: nothing in it can run code
    forget()
    read_back = [load(True) for load in loaders]
    assert read_back == written == fresh
    for f in files:
        f.write_text('{"map": [["rules", 1]]}', encoding="utf-8")  # a damaged copy is parsed again
    forget()
    assert [load(True) for load in loaders] == fresh


# ------------------------------------------------------------------------------------ the norm stage

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ("genai-2023", "anti-monopoly-law-2022", "eu-ai-act-2024", "beijing-audit-2023")


def _diffs(pair: str):
    from conftest import pair_documents

    from lawdiff.align import align
    from lawdiff.diff import diff_unit

    draft, final = pair_documents(pair)
    return draft.lang, [diff_unit(u, draft.lang) for u in align(draft, final, lang=draft.lang)]


def test_an_unchanged_unit_is_not_read():
    """Most units of a revision are untouched: the norm stage reads neither side of them (nothing to judge,
    nothing moved), so its cost follows the changed articles, not the length of the law."""
    from lawdiff.norms.read import Parties, Reader

    lang, diffs = _diffs("anti-monopoly-law-2022")
    calls: list[str] = []

    class Counting(Reader):
        def read(self, text, articles, side, mtext):
            calls.append(side)
            return super().read(text, articles, side, mtext)

    from lawdiff.norms.reading import read_unit

    reader = Counting(lang, Parties())
    same = [d for d in diffs if d.unit.draft and d.unit.final and not d.changed]
    assert same
    for d in same:
        assert read_unit(d, reader).changes == () and not calls
    changed = next(d for d in diffs if d.changed)
    assert read_unit(changed, reader).draft and calls == ["draft", "final"]


def _match_every_pair(draft, final):
    """norms.compare.match as it was: every draft norm scored against every final norm (then the second
    pass for the sanctions left, which the classes do not change)."""
    from lawdiff.model import Modality
    from lawdiff.norms.compare import ACTION_MATCH_MIN, MATCH_MIN, core_key, similarity, similarity_of_keys

    cands = []
    for i, d in enumerate(draft):
        for j, f in enumerate(final):
            a, b = core_key(d), core_key(f)
            if not a or not b:
                continue
            sim = similarity_of_keys(a, b)
            sim += 0.08 * (d.modality is f.modality) + 0.04 * (d.role is f.role) - 0.1 * (d.item is not f.item)
            if sim >= MATCH_MIN:
                cands.append((sim, i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_d, used_f, pairs = set(), set(), {}
    for _, i, j in cands:
        if i not in used_d and j not in used_f:
            used_d.add(i)
            used_f.add(j)
            pairs[i] = j
    late = []
    for i, d in enumerate(draft):
        for j, f in enumerate(final):
            if i in used_d or j in used_f or d.modality is not f.modality or d.role is not f.role or \
                    d.modality is not Modality.SANCTION:
                continue
            if (sim := similarity(d.action, f.action)) >= ACTION_MATCH_MIN:
                late.append((sim, i, j))
    for _, i, j in sorted(late, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_d and j not in used_f:
            used_d.add(i)
            used_f.add(j)
            pairs[i] = j
    out = [(n, final[pairs[i]]) if i in pairs else (n, None) for i, n in enumerate(draft)]
    return out + [(None, n) for j, n in enumerate(final) if j not in used_f]


@pytest.mark.parametrize("pair", PAIRS)
def test_norms_matched_by_classes_are_the_pairs_of_every_comparison(pair):
    from lawdiff.norms import read_norms
    from lawdiff.norms.compare import match

    lang, diffs = _diffs(pair)
    for un in read_norms(diffs, lang=lang):
        if un.changes:
            assert match(un.draft, un.final) == _match_every_pair(un.draft, un.final)


@pytest.mark.parametrize("pair", PAIRS)
def test_list_members_found_by_the_edit_index_are_those_of_every_edit(pair):
    from lawdiff.norms import read_norms
    from lawdiff.norms.compare import match
    from lawdiff.norms.lexicon import load_lexicon
    from lawdiff.norms.members import EditIndex, members

    lang, diffs = _diffs(pair)
    lex = load_lexicon(lang.value)
    seen = 0
    for d, un in zip(diffs, read_norms(diffs, lang=lang)):
        index, walk = EditIndex(d.edits), EditIndex(d.edits)
        assert index.ordered
        walk.ordered = False  # every edit, as before the index
        for a, b in match(un.draft, un.final):
            if a is not None and b is not None:
                seen += 1
                assert members(a, b, index, lex) == members(a, b, walk, lex)
    assert seen


@pytest.mark.parametrize("pair", PAIRS)
def test_quantities_found_once_per_text_are_found_in_place(pair):
    from lawdiff.norms.clauses import sentences
    from lawdiff.norms.quantities import en_quantities, zh_quantities
    from lawdiff.norms.read import Parties, Reader
    from lawdiff.text import match_text

    lang, diffs = _diffs(pair)
    reader = Reader(lang, Parties())
    direct = zh_quantities if lang.value == "zh" else en_quantities
    for d in diffs[:40]:
        if not d.unit.draft:
            continue
        for s in sentences(d.draft_text, d.unit.draft, "draft", match_text(d.draft_text)):
            for p in s.parts(",:"):
                for condition in (True, False):
                    assert reader.quantities(p.text, p.start, condition=condition) == \
                        direct(p.text, p.start, condition=condition)


_NO_TIME = st.text(alphabet=st.sampled_from(list("abcxyzHOURSDAYSWEEKMONTHYEAR €$%.,-EUR persons age of ")), max_size=60)


@settings(max_examples=500, deadline=None)
@given(_NO_TIME)
def test_english_quantities_need_a_digit_or_a_word_of_time(text):
    """The shortcut in en_quantities (a part with no digit and none of its words has no quantity), checked
    against the patterns themselves: with the shortcut off, such a part still yields nothing."""
    import lawdiff.norms.quantities as quantities

    for w in ("hour", "day", "week", "month", "year", "every", "once", "twice", "annually", "quarterly", "daily"):
        text = re.sub(w, w[0] + "_" + w[1:], text, flags=re.IGNORECASE)  # the letters stay, the words go
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(quantities, "_DIGIT", re.compile(""))  # matches everywhere: every pattern runs
        assert quantities.en_quantities(text, 0, condition=False) == []
        assert quantities.en_quantities(text + " within 12 months", 0, condition=False)  # the patterns do run


# the words around Chinese numbers, without a numeral, 半, 每, 立 or 即 (zh_quantities' shortcut characters)
_ZH_NO_NUMBER = st.text(alphabet=st.sampled_from(list("元倍日天周月年小时工作日以上以下以内之内前后届满到期个人名户件次周岁"
                                                       "未满不满已满有效期罚款罚金处分之同意通过有期徒刑拘役管制季度学期底末份"
                                                       "超过不得最长为的，,;。%‰ ")), max_size=60)


@settings(max_examples=500, deadline=None)
@given(_ZH_NO_NUMBER)
def test_chinese_quantities_need_a_numeral_or_a_word_of_time(text):
    """The shortcut in zh_quantities (a part with none of its characters has no quantity), checked against the
    patterns themselves: with the shortcut off, such a part still yields nothing."""
    import lawdiff.norms.quantities as quantities

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(quantities, "_ZH_ANY", re.compile(""))  # matches everywhere: every pattern runs
        assert quantities.zh_quantities(text, 0, condition=False) == []
        assert quantities.zh_quantities(text, 0, condition=True) == []
        assert quantities.zh_quantities(text + "，十日内", 0, condition=False)  # the patterns do run


@pytest.mark.parametrize("text", ["处三万元以下罚款", "百分之五", "5%", "千分之三", "三分之二以上", "过半数通过",
                                  "二倍以上", "半年内", "十五日内", "每年", "每季度报告一次", "立即", "立刻停止",
                                  "即时", "未满十四周岁", "三人以上", "每年3月31日前", "届满前三十日", "二年以上有期徒刑"])
def test_chinese_quantities_with_the_shortcut_are_those_without(text):
    """Each kind of quantity zh_quantities reads is found with its shortcut on as with it off (a character missing
    from the shortcut would lose the kinds that need it)."""
    import lawdiff.norms.quantities as quantities

    for condition in (True, False):
        on = quantities.zh_quantities(text, 3, condition=condition)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(quantities, "_ZH_ANY", re.compile(""))
            off = quantities.zh_quantities(text, 3, condition=condition)
        assert on == off
    assert quantities.zh_quantities(text, 0, condition=False) or quantities.zh_quantities(text, 0, condition=True)


# ------------------------------------------------------------------------------------ align, parties, signal


@pytest.mark.parametrize("pair", PAIRS)
def test_features_shared_by_the_two_sides_are_the_features_of_each(pair):
    from conftest import pair_documents

    from lawdiff.align.features import Memo, SideFeatures

    draft, final = pair_documents(pair)
    shared_vocab: dict[str, int] = {}
    memo = Memo()
    shared = [SideFeatures(doc, draft.lang, shared_vocab, memo) for doc in (draft, final)]
    own_vocab: dict[str, int] = {}
    own = [SideFeatures(doc, draft.lang, own_vocab, Memo()) for doc in (draft, final)]
    assert shared_vocab == own_vocab
    for a, b in zip(shared, own):
        assert a.keys == b.keys and a.grams == b.grams
        assert [a.lines(i)[0] for i in range(len(a.articles))] == [b.lines(i)[0] for i in range(len(b.articles))]


@pytest.mark.parametrize("pair", PAIRS)
def test_parties_counted_once_per_paragraph_are_counted_every_time(pair):
    from collections import Counter

    from conftest import pair_documents

    from lawdiff.classify.parties import DEFAULT, MODAL, bearer_counts
    from lawdiff.text import match_text

    docs = list(pair_documents(pair))
    texts = ["\n".join([p.text, *(i.text for i in p.items)]) for doc in docs for a in doc.articles for p in a.paragraphs]
    counts: Counter[str] = Counter()
    for raw in texts:  # the count as it was: every paragraph, every time
        text = match_text(raw)
        index = DEFAULT.index(text)
        for m in MODAL.finditer(text):
            a = DEFAULT.bearer_actor(text, m.start(), m.end(), index)
            if a is not None:
                counts[a] += 1
    assert list(bearer_counts(texts).items()) == list(counts.items())  # counts and first-seen order


@pytest.mark.parametrize("pair", PAIRS)
def test_actors_named_with_bisection_are_those_of_every_comparison(pair):
    from conftest import corpus

    from lawdiff.pipeline import load_document
    from lawdiff.signal.lexicon import signal_words
    from lawdiff.signal.textual import actors_named, body_text

    doc = load_document(corpus(pair, "final"))
    words = signal_words(doc.lang)
    text = body_text(doc)
    spans = sorted(((m.start(), m.end(), i) for i, a in enumerate(words.actors) for m in a.pattern.finditer(text)
                    if m.end() > m.start()), key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int]] = []
    named: set[int] = set()
    for start, end, i in spans:  # as it was: every taken span compared
        if not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            named.add(i)
    expected = [words.actors[i].name for i in sorted(named)]
    assert list(actors_named(text, words))[: len(expected)] == expected


_DEPT_TEXT = st.text(alphabet=st.sampled_from(list("部门网信和公安等有关，。；：,.;: \n\u3000（）()《》“”、教育")), max_size=50)


@settings(max_examples=500, deadline=None)
@given(_DEPT_TEXT)
def test_department_runs_are_what_the_lazy_pattern_finds(text):
    from lawdiff.signal.textual import department_runs

    lazy = re.compile(r"([^，。；：,.;:\s（）()《》“”]*?)部门")  # the pattern tried at every position, as it was
    assert list(department_runs(text)) == [m.group(1) for m in lazy.finditer(text)]


def _moves_every_pair(units):
    """norms.moves.resolve_moves as it was: every removed norm scored against every added norm."""
    from dataclasses import replace

    from lawdiff.model import ChangeKind
    from lawdiff.norms.compare import core_key, similarity_of_keys
    from lawdiff.norms.moves import MOVE_MIN, _same_kind

    removed = [(i, k, core_key(c.draft)) for i, u in enumerate(units) for k, c in enumerate(u.changes)
               if c.kind is ChangeKind.NORM_REMOVED and c.draft is not None]
    added = [(i, k, core_key(c.final)) for i, u in enumerate(units) for k, c in enumerate(u.changes)
             if c.kind is ChangeKind.NORM_ADDED and c.final is not None]
    cands = []
    for a, (i, k, key) in enumerate(removed):
        for b, (j, m, key2) in enumerate(added):
            if j != i and _same_kind(units[i].changes[k], units[j].changes[m]):
                sim = 1.0 if key == key2 else similarity_of_keys(key, key2)
                if sim >= MOVE_MIN:
                    cands.append((sim, a, b))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    moved, used_a, used_b = {}, set(), set()
    for _, a, b in cands:
        if a not in used_a and b not in used_b:
            used_a.add(a)
            used_b.add(b)
            (i, k, _), (j, m, _) = removed[a], added[b]
            moved[(i, k)] = units[j].unit_id
            moved[(j, m)] = units[i].unit_id
    return tuple(replace(u, changes=tuple(replace(c, kind=ChangeKind.MOVED, detail=moved[(i, k)])
                                          if (i, k) in moved else c for k, c in enumerate(u.changes)))
                 for i, u in enumerate(units))


@pytest.mark.parametrize("pair", ["administrative-reconsideration-law-2023", "anti-monopoly-law-2022",
                                  "beijing-water-law-measures-2022", "spc-food-safety-crimes-2021"])
def test_moves_found_by_the_pair_index_are_those_of_every_pair(pair):
    """resolve_moves looks only at added norms sharing a character pair with a removed one; the moves are
    exactly those of scoring every removed norm against every added norm."""
    from lawdiff.norms.moves import resolve_moves
    from lawdiff.norms.read import Parties, Reader
    from lawdiff.norms.reading import read_unit

    lang, diffs = _diffs(pair)
    reader = Reader(lang, Parties())
    units = [read_unit(d, reader) for d in diffs]
    assert resolve_moves(units) == _moves_every_pair(units)


def test_the_pair_index_finds_a_near_copy_moved_between_units():
    from lawdiff.model import ChangeKind
    from lawdiff.norms.moves import resolve_moves
    from lawdiff.norms.read import Parties, Reader
    from lawdiff.norms.reading import read_unit

    lang, diffs = _diffs("anti-monopoly-law-2022")
    units = [read_unit(d, Reader(lang, Parties())) for d in diffs]
    moved = resolve_moves(units)
    assert sum(c.kind is ChangeKind.MOVED for u in moved for c in u.changes) == 2
    assert moved == _moves_every_pair(units)


# ------------------------------------------------------------------------------------ the cycle collector


def test_a_command_runs_with_the_collector_s_thresholds_raised_and_restores_them(monkeypatch):
    """lawdiff's commands run with mypy's thresholds (lawdiff.cli.group.fewer_collections), and whatever the
    caller had is back afterwards, also when the command fails (CliRunner runs in the test's own process)."""
    import gc

    import click
    from click.testing import CliRunner

    from lawdiff.cli import main
    from lawdiff.cli.group import GC_THRESHOLDS

    seen = []

    def command(self, ctx):
        seen.append(gc.get_threshold())
        raise RuntimeError("boom")

    monkeypatch.setattr(click.Group, "invoke", command)
    before = gc.get_threshold()
    assert before != GC_THRESHOLDS
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 2  # the crash is reported as trouble
    assert seen == [GC_THRESHOLDS]
    assert gc.get_threshold() == before


# ------------------------------------------------------------------------------------ shipped tables known to pass


def test_the_digests_of_the_shipped_tables_are_current():
    """Every shipped table with a schema passes it and is listed by its digest (otherwise each first run checks it
    again, a twentieth of the civil code's first run): run tools/regen_checked.py after changing one."""
    from importlib import resources

    from lawdiff.io.schema import CHECKED, SHIPPED, checked_listing

    listed = (resources.files("lawdiff") / "data" / "schemas" / CHECKED).read_text(encoding="utf-8")
    assert listed == checked_listing(), "stale lawdiff/data/schemas/checked.txt: run python tools/regen_checked.py"
    assert len(listed.splitlines()) == 2 + len(SHIPPED)  # every shipped table passes, and is listed


def _signal_text() -> str:
    from importlib import resources

    return (resources.files("lawdiff") / "data" / "signal.yaml").read_text(encoding="utf-8")


def test_a_listed_table_is_not_checked_again_and_any_other_text_is(monkeypatch):
    """The digest covers the table's text, its schema's text and the checker's code: a change to any of them
    means the table is checked on load again, so a listed digest never lets a changed table through."""
    import lawdiff.io.schema as sch
    from lawdiff.errors import RuleError
    from lawdiff.io.yaml import parse
    from lawdiff.signal.lexicon import checked_signal

    text = _signal_text()
    bad = parse(text, trusted=True)
    bad["zh"]["no_such_key"] = 1  # a problem the schema finds
    assert sch.check(bad, "signal") is not None
    assert sch.check(bad, "signal", shipped=text) is None  # the listed text is trusted as it was checked
    # the same table with one more line is another text: checked, and refused
    changed = text.replace("\nzh:\n", "\nzh:\n  no_such_key: 1\n", 1)
    assert changed != text
    with pytest.raises(RuleError, match="no_such_key"):
        checked_signal(changed, "lawdiff/data/signal.yaml", trusted=True)
    assert sch.check(bad, "signal", shipped=changed) is not None
    # another schema, or another checker, and the listed text is checked again
    schema_text = sch._schema_text("signal")
    monkeypatch.setattr(sch, "_schema_text", lambda name: schema_text.replace("{", "{ ", 1))
    assert sch.check(bad, "signal", shipped=text) is not None
    monkeypatch.undo()
    monkeypatch.setattr(sch, "__file__", str(Path(sch.__file__).with_name("yaml.py")))
    assert sch.check(bad, "signal", shipped=text) is not None


def test_a_user_table_is_always_checked(tmp_path, monkeypatch):
    """The shortcut is for the shipped tables only: with every text taken as listed, a user's rule table and
    signal word file are still checked."""
    import lawdiff.io.schema as sch
    from lawdiff.classify.norm_rules import parse_norm_rules
    from lawdiff.classify.rules import load_rule_file
    from lawdiff.errors import RuleError
    from lawdiff.signal.lexicon import load_signal_words

    monkeypatch.setattr(sch, "known_valid", lambda name, text: True)
    (tmp_path / "rules.yaml").write_text("lang: zh\nno_such_key: 1\nrules: []\n", encoding="utf-8")
    with pytest.raises(RuleError, match="no_such_key"):
        load_rule_file(tmp_path / "rules.yaml")
    with pytest.raises(RuleError, match="no_such_key"):
        parse_norm_rules("lang: any\nno_such_key: 1\nrules: []\n", "mine.yaml")
    (tmp_path / "signal.yaml").write_text(_signal_text().replace("\nzh:\n", "\nzh:\n  no_such_key: 1\n", 1),
                                          encoding="utf-8")
    with pytest.raises(RuleError, match="no_such_key"):
        load_signal_words(tmp_path / "signal.yaml")


def test_the_shipped_tables_are_loaded_without_the_schema_checker(tmp_path):
    """With an empty cache folder, loading every shipped table imports neither jsonschema nor its helpers: each
    is listed as passing (what the lever is for; a table that is not is checked, and imports it)."""
    import os
    import subprocess
    import sys

    code = ("import sys\n"
            "from lawdiff.model import Lang\n"
            "from lawdiff.classify.rules import shipped_rules\n"
            "from lawdiff.classify.norm_rules import shipped_norm_rules\n"
            "from lawdiff.signal.lexicon import signal_words\n"
            "for lang in Lang:\n"
            "    shipped_rules(lang); signal_words(lang)\n"
            "shipped_norm_rules()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jsonschema', 'referencing')))\n")
    env = dict(os.environ, LAWDIFF_CACHE_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]"
    assert any(tmp_path.iterdir())  # the tables were parsed (and kept), not read back


# ------------------------------------------------------------------------------------ folding


_FOLD_CHARS = st.sampled_from(list("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c\u202a\u202e\u2066\u2069“”‘’〔〕【】"
                                   "，；：（）　１２ａＡ½ﬁ第条应当不得 ,;.\n\t"))


@settings(max_examples=500, deadline=None)
@given(st.lists(_FOLD_CHARS | st.characters(exclude_categories=("Cs",)), max_size=40).map("".join))
def test_fold_is_the_two_translations_around_nfkc(text):
    """fold skips a translation only when it would change nothing: the same text as the plain formula."""
    import unicodedata

    from lawdiff.text.normalize import _PUNCT_FOLD, ZERO_WIDTH, fold

    assert fold(text) == unicodedata.normalize("NFKC", text.translate(ZERO_WIDTH)).translate(_PUNCT_FOLD)
