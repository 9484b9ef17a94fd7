"""Each speed lever (issue 14) gives what the slow way gave: these fail if a cache, an index or a shortcut
changes an answer.  (Speed itself is measured by benchmarks/, never asserted here.)"""

from __future__ import annotations

import json
import math
from pathlib import Path

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
    import lawdiff.signal.lexicon as signal_lexicon

    def forget() -> None:  # the per-process memos in front of the disk copies
        for f in (load_lexicon, rows, shipped_norm_rules, signal_lexicon._packaged):
            f.cache_clear()

    monkeypatch.setenv(cache.ENV, str(tmp_path / "off"))
    forget()
    fresh = [load(False) for load in loaders]
    assert not (tmp_path / "off").exists()
    monkeypatch.setenv(cache.ENV, str(tmp_path / "on"))
    forget()
    written = [load(True) for load in loaders]
    assert len(list((tmp_path / "on").glob("*.pickle"))) == 6
    forget()
    read_back = [load(True) for load in loaders]
    assert read_back == written == fresh
