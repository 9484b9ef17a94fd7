"""English comma parts: list commas joined back, trailing conditions (… where …) cut off the act."""

from __future__ import annotations

import re

from lawdiff.model import Edit, Norm
from lawdiff.norms.clauses import Part
from lawdiff.norms.lookup import Lookup


def en_parts(reader: Lookup, parts: list[Part]) -> list[Part]:
    """English commas separate list members as often as clauses ("Micro, small and medium-sized
    enterprises"): a comma part stands alone only when it opens or closes a condition or exception."""
    out: list[Part] = []

    def cuts(t: str) -> bool:  # (", where appropriate," qualifies the act: it cuts nothing)
        return bool(reader.lex.condition.match(t) or reader.lex.exception.match(t)) and not _EN_QUALIFIER.match(t)

    for p in parts:
        pt = p.text.strip()
        if out and not cuts(pt) and not cuts(out[-1].text.strip()):
            prev = out[-1]
            gap = p.start - (prev.start + len(prev.text))
            out[-1] = Part(prev.text + " " * gap + p.text, prev.start)
        else:
            out.append(p)
    return [q for p in out for q in _trailing_condition(reader, p)]


def _trailing_condition(reader: Lookup, p: Part) -> list[Part]:
    """…shall carry out an assessment where processing is likely to result in a high risk: a condition
    after the act, with no comma, is still the norm's condition (it read as part of the act)."""
    m = reader.modal(p.text)
    if m is None:
        return [p]
    cut = _EN_TRAILING.search(p.text, m[1])
    if cut is None:
        return [p]
    return [Part(p.text[: cut.start()], p.start), Part(p.text[cut.start() + 1:], p.start + cut.start() + 1)]


# where appropriate, if necessary, as required: words that qualify an act, not a condition of it
_EN_QUALIFYING = r"(?:appropriate|applicable|possible|feasible|necessary|relevant|available|requested|needed|required)"
_EN_QUALIFIER = re.compile(rf"^\s*(?:where|if|when|as) {_EN_QUALIFYING}\s*$")
# a condition that follows the act without a comma; "where" after a place or case is a relative adverb
_EN_TRAILING = re.compile(r"(?<!State)(?<!States)(?<!country)(?<!place)(?<!premises)(?<!territory)(?<!cases)"
                          r"(?<!situations)(?<!circumstances)(?<!Union)\s(?=(?:only (?:after|if|where|when|once)|where|if|"
                          rf"when|whenever|provided that|to the extent that|in so far as|insofar as)\s(?!{_EN_QUALIFYING}\b))")


# English: "…keep records for five years and make them available on request": one more act the duty requires
_AND_ACT = re.compile(r"^\s*,?\s*and\s+(?:shall\s+)?(?:make|provide|inform|notify|submit|keep|retain|ensure|publish|"
                      r"register|report|take|cooperate|document|maintain|update|disclose|label|monitor|store|record|"
                      r"communicate|designate|appoint|establish|implement|verify|assess|test|transmit|send|forward|deliver|"
                      r"(?:is|are|has been|have been)\s+[a-z]+(?:ed|en)(?=\s))\b[^.;]*$", re.IGNORECASE)
# (…verify that the system bears the CE marking and is accompanied by the instructions: one more thing to verify)


def and_act(e: Edit, n: Norm, at: int) -> bool:
    """An English act joined by "and" at the end of a duty (after its modal word), inserted or deleted."""
    if n.modal_span is None or at < n.modal_span.end or not (n.start <= at < n.end):
        return False
    after = n.text[at - n.start + len(e.text): at - n.start + len(e.text) + 1]
    return (not after or after in ".;") and bool(_AND_ACT.match(e.text))


__all__ = ["and_act", "en_parts"]
