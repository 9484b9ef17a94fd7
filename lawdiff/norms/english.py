"""English comma parts: list commas joined back, trailing conditions (… where …) cut off the act."""

from __future__ import annotations

import re

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


__all__ = ["en_parts"]
