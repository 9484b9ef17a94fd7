"""Each speed lever (issue 14) gives what the slow way gave: these fail if a cache, an index or a shortcut
changes an answer.  (Speed itself is measured by benchmarks/, never asserted here.)"""

from __future__ import annotations

import json
import math

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
