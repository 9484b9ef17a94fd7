"""The dataclass codec of the result caches (lawdiff/io/dataclass_json.py): a norm with every field set reads
back as itself, and every value the writer does not write is refused — each field's type, each enum value,
each length — however the reader checks it (by type alone, through a table of enum values, or by a call)."""

from __future__ import annotations

import gc
import json

import pytest

from lawdiff.io.dataclass_json import Bad, codec, no_cycle_collection
from lawdiff.model import Comparator, Modality, Norm, Polarity, Quantity, QuantityRole, Role, Span

NORM = Norm(
    text="提供者应当在十五日内备案，但是依法免除的除外。", start=3, end=26, where="draft art. 4(2)", bearer="提供者",
    role=Role.REGULATED, modality=Modality.OBLIGATION, polarity=Polarity.BURDEN, strength=1.0,
    action="在十五日内备案", action_class="", conditions=(Span("在十五日内", 8, 13),),
    exceptions=(Span("依法免除的除外", 17, 24),),
    quantities=(Quantity(QuantityRole.PERIOD, 15, "days", Comparator.AT_MOST, "十五日", 9, 12),),
    instrument="filing", instrument_span=Span("备案", 13, 15), instruments=(("filing", Span("备案", 13, 15)),),
    sanctions=(Span("罚款", 0, 2),), sanction_kinds=("fine",), effort=True, reference="《某法》",
    modal_span=Span("应当", 6, 8), item=True, bearer_span=None,
)
FIELDS = [f for f in Norm.__slots__]


def _row() -> list:
    return json.loads(json.dumps(codec(Norm)[0](NORM)))


def test_a_norm_with_every_field_set_reads_back_as_itself():
    assert codec(Norm)[1](_row()) == NORM
    assert type(codec(Norm)[1](_row()).quantities[0].value) is int  # 15 stays 15, as written


def _set(field: str, value):
    def damage(row: list) -> list:
        row[FIELDS.index(field)] = value
        return row

    return damage


DAMAGE = {
    "text of a number": _set("text", 5),
    "start of a string": _set("start", "3"),
    "start of a flag": _set("start", True),
    "strength of None": _set("strength", None),
    "flag of a number": _set("effort", 1),
    "an unknown modality": _set("modality", "nonsense"),
    "a modality of a number": _set("modality", 1),
    "a modality of a list": _set("modality", ["obligation"]),
    "a role of None": _set("role", None),
    "a span of the wrong length": _set("modal_span", ["应当", 6]),
    "a span with a text of a number": _set("modal_span", [6, 6, 8]),
    "conditions of a string": _set("conditions", "在十五日内"),
    "a condition of None": _set("conditions", [None]),
    "an instrument pair of three": _set("instruments", [["filing", ["备案", 13, 15], 1]]),
    "a quantity of an unknown role": _set("quantities", [["nonsense", 15, "days", "at_most", "十五日", 9, 12]]),
    "a sanction kind of a number": _set("sanction_kinds", [1]),
    "a field short": lambda row: row[:-1],
    "a field more": lambda row: [*row, None],
    "not a list": lambda row: dict(enumerate(row)),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_value_the_writer_does_not_write_is_refused(damage):
    with pytest.raises((Bad, TypeError)):
        codec(Norm)[1](DAMAGE[damage](_row()))


def test_the_cycle_collector_is_paused_while_decoding_and_restored():
    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
