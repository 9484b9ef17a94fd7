"""Lexicon lookups for reading a clause: modal words, sanction words, actors and their roles.

Split from :mod:`lawdiff.norms.read` so each reads in one sitting: :class:`Lookup` answers questions about
one comma part of a clause (which modal word, which actor before it, who is named after 由 …), and the
reader decides what they mean for the norm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lawdiff.model import Lang, Quantity, Role, Span
from lawdiff.norms.clauses import Part
from lawdiff.norms.lexicon import Lexicon, Modal, load_lexicon
from lawdiff.norms.polarity import rows
from lawdiff.norms.quantities import en_quantities, zh_quantities

PREPOSITION_ZH = "对向同给为跟以将把"
TITLE = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"")
BOOK = re.compile(r"《[^》]*》")
_CHOICE = re.compile(r"\s*(?:或者|或|\bor\b)\s*")
_NAME_STOP = "的及与或对向由在经应可不并等其为被"
_NAME_BREAK = re.compile(r"[的对向由在经应可不,，;；、]")
_VERB_STOP = re.compile(r"会同|发现|要求|督促|指导|组织|通过|依照|按照|根据|配合|协助|支持|鼓励|引导|推动|对|向|由|和")

Actor = tuple[str, int, int]  # (name as shown, start, end) within a part


@dataclass(frozen=True, slots=True)
class Parties:
    """Who the run regulates: names from meta.yaml ``regulated:`` (or inferred); ``public`` when those
    are mostly authorities (the law regulates the administration: private actors are then protected)."""

    terms: tuple[str, ...] = ()
    public: bool = False
    subject: tuple[str, ...] = ()  # the instrument's own topic, from its title (审计 in 北京市审计条例)



class Lookup:
    """Questions about the parts of a clause, answered from one lexicon and one set of parties."""

    def __init__(self, lang: Lang, parties: Parties | None = None, lexicon: Lexicon | None = None, *,
                 disk_cache: bool = True):
        """``disk_cache=False``: the shipped tables are parsed, not read back from lawdiff's cache folder."""
        self.lang = Lang(lang)
        self.lex = lexicon or load_lexicon(self.lang.value, disk_cache=disk_cache)
        self.polarity_rows = rows(disk_cache=disk_cache)
        self.parties = parties or Parties()
        self.named = tuple(sorted(self.parties.terms, key=len, reverse=True))
        # how far into a condition its actor may start and still be the subject: 经营者违反…的 (0);
        # "Where the provider …" (a conjunction and an article first)
        self.subject_reach = 0 if self.lang is Lang.ZH else 12
        # Answers per distinct part text: a reader asks the same questions of a part many times (actor_before,
        # first_actor, last_actor all scan it for actors), and of the same parts on both sides of a unit.
        # Every answer depends only on the text, the lexicon and the parties, all fixed for this object.
        self._modal: dict[str, tuple[int, int, Modal] | None] = {}
        self._sanctions: dict[str, tuple[tuple[str, int, int], ...]] = {}
        self._actors: dict[str, tuple[Actor, ...]] = {}
        self._roles: dict[str, Role] = {}
        self._quantities: dict[tuple[str, bool], tuple[Quantity, ...]] = {}
        self._criminal: dict[str, bool] = {}
        self._classes: dict[str, str] = {}
        self._quantify = zh_quantities if self.lang is Lang.ZH else en_quantities

    def subject_head(self, p: Part, nxt: Part | None) -> tuple[str, int, int] | None:
        """A noun phrase ending in 的+noun right before a part that opens with its modal word is the
        subject, even when the noun is not in the lexicon (商场, 游泳场所, 景区)."""
        if self.lang is not Lang.ZH or nxt is None:
            return None
        t = p.text.rstrip()
        m = self.modal(nxt.text)
        k = t.rfind("的")
        if m is None or m[0] > 1 or k < 0 or not 1 <= len(t) - k - 1 <= 6 or self.modal(t) or self.sanctions(t):
            return None
        if self.lex.not_subject is not None and self.lex.not_subject.search(t[k + 1:]):
            return None  # …为被申请人的复议案件，应当…: a thing is no subject (an actor opening the part may be)
        return t[k + 1:], k + 1, len(t)

    def quantities(self, part: str, base: int, *, condition: bool) -> list[Quantity]:
        """The quantities of ``part`` (which starts at ``base`` in the side text): found once per distinct
        part text and condition, and moved to ``base`` (the readers of numbers see only the part)."""
        found = self._quantities.get((part, condition))
        if found is None:
            found = self._quantities[(part, condition)] = tuple(self._quantify(part, 0, condition=condition))
        if not base:
            return list(found)
        return [Quantity(q.role, q.value, q.unit, q.comparator, q.text, q.start + base, q.end + base) for q in found]

    def modal(self, part: str) -> tuple[int, int, Modal] | None:
        """The first modal word of ``part`` (start, end, which); words inside quotation and title marks
        are quoted, not binding."""
        if part not in self._modal:
            self._modal[part] = self._find_modal(part)
        return self._modal[part]

    def _find_modal(self, part: str) -> tuple[int, int, Modal] | None:
        masked = TITLE.sub(lambda m: "\0" * len(m.group(0)), part)
        best = None
        for m in self.lex.modal_rx.finditer(masked):
            idx = int(m.lastgroup[1:]) if m.lastgroup else 0
            cand = (m.start(), idx, m.end())
            if best is None or cand < best:
                best = cand
            break
        if best is None:
            return None
        return best[0], best[2], self.lex.modals[best[1]]

    def sanctions(self, part: str) -> list[tuple[str, int, int]]:
        """The sanction words of ``part`` (kind, start, end), in order."""
        found = self._sanctions.get(part)
        if found is None:
            found = self._sanctions[part] = tuple(self._find_sanctions(part))
        return list(found)

    def _find_sanctions(self, part: str) -> list[tuple[str, int, int]]:
        out = []
        masked = BOOK.sub(lambda m: "\0" * len(m.group(0)), part)
        if self.lex.not_sanction is not None:
            masked = self.lex.not_sanction.sub(lambda m: "\0" * len(m.group(0)), masked)
        for r in self.lex.sanctions:
            for m in r.rx.finditer(masked):
                out.append((r.name, m.start(), m.end()))
        out.sort(key=lambda x: x[1])
        return out

    def criminal_or_fine(self, action: str) -> bool:
        """A fine or a criminal, revoking, suspending … sanction is named in ``action`` (once per text)."""
        found = self._criminal.get(action)
        if found is None:
            found = self._criminal[action] = self._find_criminal_or_fine(action)
        return found

    def _find_criminal_or_fine(self, action: str) -> bool:
        if self.lex.not_sanction is not None:
            action = self.lex.not_sanction.sub(lambda m: "\0" * len(m.group(0)), action)
        for r in self.lex.sanctions:
            if r.name in ("fine", "criminal", "revocation", "suspension", "confiscation", "detention",
                          "disqualification", "warning") and r.rx.search(action):
                return True
        return False

    def actors(self, part: str) -> list[tuple[str, int, int]]:
        """The actors named in ``part`` (as shown, start, end), in order, objects and attributes left out."""
        found = self._actors.get(part)
        if found is None:
            found = self._actors[part] = tuple(self._find_actors(part))
        return list(found)

    def _find_actors(self, part: str) -> list[tuple[str, int, int]]:
        lex = self.lex
        out: list[tuple[str, int, int]] = []
        masked = TITLE.sub(lambda m: "\0" * len(m.group(0)), part)
        for name in self.named:
            for m in re.finditer(re.escape(name), masked):
                out.append((name, m.start(), m.end()))
        for m in lex.actor_rx.finditer(masked):
            if any(a < m.end() and m.start() < b for _, a, b in out):
                continue
            if lex.not_actor is not None:
                na = lex.not_actor.match(masked, max(0, m.start() - 2))
                if na and na.start() <= m.start() < na.end() or lex.not_actor.match(masked, m.start()):
                    continue
            out.append((m.group(0), m.start(), m.end()))
        out.sort(key=lambda a: a[1])
        merged: list[tuple[str, int, int]] = []
        for a in out:  # 政府 + 部门 side by side are one actor
            if merged and merged[-1][2] == a[1]:
                merged[-1] = (merged[-1][0] + a[0], merged[-1][1], a[2])
            else:
                merged.append(a)
        shown: list[tuple[str, int, int]] = []
        floor = 0
        for a in merged:
            start = self.display_start(part, a, floor)
            floor = a[2]
            attribute = part[a[2]:a[2] + 1] == "的" and not (
                lex.person_of is not None and lex.person_of.match(part, a[2] + 1)) or (
                lex.hired_by is not None and lex.hired_by.match(part, a[2]) is not None)  # 部门委托的机构
            if self.lang is Lang.ZH and (start and part[start - 1] in PREPOSITION_ZH or attribute):
                continue  # 对反垄断执法机构…, 向申请人…: an object; 人民政府的…: an attribute
            shown.append((part[start:a[2]], start, a[2]))
        return shown

    def display_start(self, part: str, a: tuple[str, int, int], floor: int) -> int:
        """Where the actor's name begins: its head noun with the modifiers before it (市场监督管理 + 部门),
        never reaching back over another actor or a verb (会同, 发现, 要求 …)."""
        name, s, _ = a
        if self.lang is not Lang.ZH or name in self.named:
            return s
        i = s
        while i > floor and s - i < 12 and "\u4e00" <= part[i - 1] <= "\u9fff" and part[i - 1] not in _NAME_STOP:
            i -= 1
        last = None
        for last in _VERB_STOP.finditer(part, i, s):  # noqa: B007 - the last verb before the name is wanted
            pass
        return last.end() if last is not None else i

    def actor_before(self, part: str, pos: int) -> tuple[str, int, int] | None:
        before = [a for a in self.actors(part) if a[2] <= pos]
        return before[0] if before else None

    def perceiver(self, part: str) -> tuple[str, int, int] | None:
        """The actor opening ``part`` when a perceiving verb follows it (公安机关发现…的车辆): the subject."""
        a = self.first_actor(part)
        if a is None or a[1] > 1 or self.lex.perceives is None:
            return None
        m = self.lex.perceives.search(part, a[2], a[2] + 16)  # (the name may go on: 公安机关交通管理部门发现)
        return a if m is not None and not _NAME_BREAK.search(part, a[2], m.start()) and m.start() - a[2] <= 8 else None

    def first_actor(self, part: str) -> tuple[str, int, int] | None:
        acts = self.actors(part)
        return acts[0] if acts else None

    def last_actor(self, part: str) -> tuple[str, int, int] | None:
        acts = self.actors(part)
        return acts[-1] if acts else None

    def by_actor(self, part: str, pos: int) -> tuple[str, int, int] | None:
        """由X / by X right after ``pos``: the agent of a passive or delegated clause."""
        window = part[pos : pos + 4] if self.lang is Lang.ZH else part[pos : pos + 6]
        key = "由" if self.lang is Lang.ZH else "by "
        k = window.find(key)
        if k < 0:
            return None
        at = pos + k + len(key)
        acts = [a for a in self.actors(part[at:]) if a[1] <= 12]
        if not acts:
            return None
        a = acts[0]
        return a[0], a[1] + at, a[2] + at

    def role(self, actor: str) -> Role:
        """The role of a named actor: regulated (named in ``regulated:`` first), authority or protected."""
        role = self._roles.get(actor)
        if role is None:
            role = self._roles[actor] = self._find_role(actor)
        return role

    def _find_role(self, actor: str) -> Role:
        if any(t and t in actor for t in self.named):
            return Role.REGULATED
        lex = self.lex
        auth = actor in lex.authority_names or bool(lex.authority.search(actor))
        if self.parties.public:
            if auth and lex.overseer is not None and lex.overseer.search(actor):
                return Role.AUTHORITY  # 常务委员会 reviewing the government's documents oversees the regulated bodies
            return Role.REGULATED if auth else Role.PROTECTED
        if auth:
            return Role.AUTHORITY
        if lex.protected.search(actor):
            return Role.PROTECTED
        return Role.REGULATED

    def action_class(self, action: str) -> str:
        """control / oversight / service / internal.  An action aimed first at another public body
        (可以要求同级审计机关提出报告, 报上一级部门) is the state's internal business whatever its verb."""
        found = self._classes.get(action)
        if found is None:
            found = self._classes[action] = self._find_action_class(action)
        return found

    def _find_action_class(self, action: str) -> str:
        # the act's target is the first actor named, not the agency of a 由-phrase (由市场监督管理部门责令改正),
        # or else the object of 对 (由市场监督管理部门对区市场监督管理部门进行通报)
        first = next((a for a in self.actors(action) if action[max(0, a[1] - 1):a[1]] != "由"), None)
        if first is None and (obj := _OBJECT.search(action)) is not None:
            first = self.first_actor(obj.group(1))
        toward = self.role(first[0]) if first is not None else None
        toward_state = toward is Role.AUTHORITY and not self.parties.public
        # the instrument's own topic (审计工作报告 in an audit regulation) classes no act, unless the act is
        # aimed at a regulated party (审计机关对被审计单位进行审计)
        topic = [] if toward is Role.REGULATED else [
            (m.start(), m.end()) for t in self.parties.subject for m in re.finditer(re.escape(t), action)]
        for name, rx in self.lex.action_classes:
            if any(not any(a <= m.start() and m.end() <= b for a, b in topic) for m in rx.finditer(_unbooked(action))):
                if toward_state and name in ("control", "correction", "oversight"):
                    return "internal"
                if toward is Role.PROTECTED and name == "service":
                    return "internal"  # 告知申请人: a service to the protected side, not to the regulated
                return name
        return "internal"

    def petitioner(self) -> str:
        """The name the lexicon gives the private side that applies or sues (its role: protected, or
        regulated when the act regulates the administration and the private side is protected anyway)."""
        return self.lex.petitioner

    def instruments(self, parts: Sequence[Part]) -> list[tuple[str, Span]]:
        """Every instrument of control the parts name (the higher rung where two mentions overlap), in order."""
        found: list[tuple[float, str, Span]] = []
        for p in parts:
            for r in self.lex.instruments:
                for m in r.rx.finditer(_unbooked(p.text)):
                    found.append((r.level, r.name, Span(p.text[m.start():m.end()], p.start + m.start(),
                                                        p.start + m.end())))
        found.sort(key=lambda x: (-x[0], x[2].start))
        kept: list[tuple[float, str, Span]] = []
        for level, name, span in found:
            if not any(k[2].start < span.end and span.start < k[2].end for k in kept):
                kept.append((level, name, span))
        kept.sort(key=lambda k: k[2].start)
        out: list[tuple[float, str, Span]] = []
        for k in kept:  # 办理审批或者备案: a choice between two rungs needs no more than the lower one
            if out and _CHOICE.fullmatch(self._between(parts, out[-1][2], k[2])):
                if k[0] < out[-1][0]:
                    out[-1] = k
                continue
            out.append(k)
        return [(name, span) for _, name, span in out]

    @staticmethod
    def _between(parts: Sequence[Part], a: Span, b: Span) -> str:
        for p in parts:
            if p.start <= a.end and b.start <= p.start + len(p.text):
                return p.text[a.end - p.start : b.start - p.start]
        return ","




_OBJECT = re.compile(r"对([^,;。\n]{2,24})")  # the target of an act (向 names a forum or a recipient)


def has_control(lex: Lexicon, text: str) -> bool:
    """A coercive power (责令, 处罚, 查封 …) is named in ``text``."""
    masked = _unbooked(text)
    return any(name == "control" and rx.search(masked) for name, rx in lex.action_classes)


def _unbooked(text: str) -> str:
    """``text`` with book titles blanked: 《治安管理处罚法》 names a law; its 处罚 is no act of the clause."""
    return BOOK.sub(lambda m: "\0" * len(m.group(0)), text) if "《" in text else text


__all__ = ["Actor", "BOOK", "PREPOSITION_ZH", "TITLE", "Lookup", "Parties", "has_control"]
