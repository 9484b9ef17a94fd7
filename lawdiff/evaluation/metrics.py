"""Measure a Report against gold annotations: alignment matching, label / effect accuracy, signal.

Matching is by article sets: a predicted unit and a gold unit are *aligned* when their (draft set,
final set) are equal — a split into the same articles, a merge of the same articles, a 1:1 pair, an
added or a removed article.  Near misses do not count, because a lawyer reading a unit that joins the
wrong articles reads the wrong change.

Only reviewed gold units are gold.  A predicted unit is scored (counted in precision) when it contains
an article of a reviewed gold unit; predicted units that touch only unreviewed or unannotated articles
are neither right nor wrong.  Label accuracy is measured over the gold units whose alignment the tool
matched; the gold units it did not match are counted separately and each is listed as a disagreement.

Everything here is plain data (frozen dataclasses) so that a result crosses process boundaries and
renders without the Report it came from; counts are kept rather than ratios so that pairs pool into
an overall result by addition (micro-averaging: a large corpus weighs more than a small one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lawdiff.evaluation.annotations import Annotations, ExpectSignal, GoldUnit, PairBars, Split, where
from lawdiff.model import Effect, Label, Report, TextEnum, UnitReport, Verdict

LABELS = tuple(x.value for x in Label)
#: The float tolerance for the score range check (scores are rounded for display only).
SCORE_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Predicted:
    """The slice of one predicted unit that evaluation and its reports need."""

    id: str
    kind: str
    draft: tuple[str, ...]
    final: tuple[str, ...]
    label: Label
    effect: Effect | None
    rules: tuple[str, ...]  # ids of the rules that fired, in firing order
    reason: str
    weak: bool = False

    @property
    def key(self) -> tuple[frozenset[str], frozenset[str]]:
        return frozenset(self.draft), frozenset(self.final)

    @property
    def where(self) -> str:
        return where(self.draft, self.final)

    @classmethod
    def of(cls, u: UnitReport) -> Predicted:
        unit, change = u.unit, u.change
        return cls(unit.id, unit.kind.value, tuple(a.ref for a in unit.draft), tuple(a.ref for a in unit.final),
                   change.label, change.effect, tuple(f.rule_id for f in change.firings), change.reason, unit.weak)


class Agreement(TextEnum):
    """What happened to one annotated unit (see :class:`Outcome`)."""

    AGREE = "agree"
    LABEL = "label"
    EFFECT = "effect"
    ALIGNMENT = "alignment"
    UNREVIEWED = "unreviewed"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one annotated unit.

    ``status``: ``agree``; ``label`` (aligned, label differs); ``effect`` (aligned, same label, effect
    differs); ``alignment`` (no predicted unit has the same articles: ``predicted`` lists the ones that
    share articles with it); ``unreviewed`` (not gold, not scored).
    """

    gold: GoldUnit
    status: Agreement
    predicted: tuple[Predicted, ...]

    @property
    def disagrees(self) -> bool:
        return self.status in (Agreement.LABEL, Agreement.EFFECT, Agreement.ALIGNMENT)


@dataclass(frozen=True, slots=True)
class Counts:
    """Raw counts; every metric is derived from these, so pairs add up into an overall result."""

    gold: int = 0  # reviewed gold units
    predicted: int = 0  # predicted units that touch a reviewed gold article
    matched: int = 0  # gold units with a predicted unit of exactly the same articles
    label_correct: int = 0
    effect_total: int = 0  # matched gold units that carry an effect (added / removed)
    effect_correct: int = 0
    confusion: tuple[tuple[str, str, int], ...] = ()  # (gold label, predicted label, n) over matched units
    changed_total: int = 0  # matched gold units whose gold label is not "unchanged"
    changed_correct: int = 0  # ... with the right label, and for added / removed also the right effect
    verdicts_total: int = 0  # pairs with an expected verdict
    verdicts_right: int = 0

    def __add__(self, other: Counts) -> Counts:
        conf = Counter({(g, p): n for g, p, n in self.confusion})
        conf.update({(g, p): n for g, p, n in other.confusion})
        return Counts(self.gold + other.gold, self.predicted + other.predicted, self.matched + other.matched,
                      self.label_correct + other.label_correct, self.effect_total + other.effect_total,
                      self.effect_correct + other.effect_correct, _confusion(conf),
                      self.changed_total + other.changed_total, self.changed_correct + other.changed_correct,
                      self.verdicts_total + other.verdicts_total, self.verdicts_right + other.verdicts_right)

    @property
    def changed_accuracy(self) -> float | None:
        """Over matched gold units that changed (unchanged units are easy; they are reported apart): the
        label must agree, and for an added or removed article the effect too."""
        return _ratio(self.changed_correct, self.changed_total) if self.changed_total else None

    @property
    def unchanged(self) -> tuple[int, int]:
        """(right, total) over matched gold units labelled unchanged."""
        return self.cell("unchanged", "unchanged"), sum(n for g, _p, n in self.confusion if g == "unchanged")

    @property
    def unmatched(self) -> int:
        return self.gold - self.matched

    @property
    def precision(self) -> float | None:
        return _ratio(self.matched, self.predicted) if self.gold else None

    @property
    def recall(self) -> float | None:
        return _ratio(self.matched, self.gold) if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def label_accuracy(self) -> float | None:
        """Over matched gold units; ``None`` when nothing matched (there is nothing to measure)."""
        return _ratio(self.label_correct, self.matched) if self.matched else None

    @property
    def effect_accuracy(self) -> float | None:
        return _ratio(self.effect_correct, self.effect_total) if self.effect_total else None

    def cell(self, gold: str, predicted: str) -> int:
        return next((n for g, p, n in self.confusion if g == gold and p == predicted), 0)

    def per_label(self) -> tuple[LabelScore, ...]:
        """Precision and recall of each label among matched units (labels that occur on either side)."""
        out = []
        for label in LABELS:
            gold_n = sum(n for g, _p, n in self.confusion if g == label)
            pred_n = sum(n for _g, p, n in self.confusion if p == label)
            if gold_n or pred_n:
                hit = self.cell(label, label)
                out.append(LabelScore(label, gold_n, pred_n, hit, _ratio(hit, pred_n) if pred_n else None,
                                      _ratio(hit, gold_n) if gold_n else None))
        return tuple(out)


@dataclass(frozen=True, slots=True)
class LabelScore:
    label: str
    gold: int  # matched gold units with this label
    predicted: int  # matched units the tool gave this label
    correct: int
    precision: float | None
    recall: float | None


@dataclass(frozen=True, slots=True)
class SignalCheck:
    expected_verdict: Verdict | None
    expected_score: tuple[float, float] | None
    verdict: Verdict
    score: float

    @property
    def verdict_ok(self) -> bool:
        return self.expected_verdict is None or self.expected_verdict == self.verdict

    @property
    def score_ok(self) -> bool:
        if self.expected_score is None:
            return True
        lo, hi = self.expected_score
        return lo - SCORE_EPSILON <= self.score <= hi + SCORE_EPSILON

    @property
    def ok(self) -> bool:
        return self.verdict_ok and self.score_ok


@dataclass(frozen=True, slots=True)
class PairResult:
    pair: str
    path: str  # the corpus folder
    annotations: str  # the annotations.yaml path
    counts: Counts
    outcomes: tuple[Outcome, ...]  # one per annotated unit, in file order
    unscored: tuple[Predicted, ...] = ()  # predicted units touching only unreviewed / unannotated articles
    unannotated_draft: tuple[str, ...] = ()
    unannotated_final: tuple[str, ...] = ()
    signal: SignalCheck | None = None
    shortfalls: tuple[str, ...] = field(default=())  # filled in by check against the bars
    split: Split = Split.DEV  # annotations.yaml ``split``
    bars: Bars | None = None  # the pair's own bars from annotations.yaml; after check, the bars it was held to

    @property
    def heldout(self) -> bool:
        """A held-out pair's expect_signal is reported but is not a bar, and it is pooled apart."""
        return self.split is Split.HELDOUT

    @property
    def signal_is_bar(self) -> bool:
        """The expected signal is a bar for a dev pair unless its own bars say ``signal: report``."""
        return not self.heldout and (self.bars is None or self.bars.signal_bar)

    @property
    def unreviewed(self) -> int:
        return sum(1 for o in self.outcomes if o.status is Agreement.UNREVIEWED)

    @property
    def disagreements(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.disagrees)

    @property
    def passed(self) -> bool:
        return not self.shortfalls


@dataclass(frozen=True, slots=True)
class Bars:
    min_label_accuracy: float
    min_alignment_f1: float
    source: str = "built-in defaults"
    min_effect_accuracy: float | None = None  # only a pair's own bars (annotations.yaml ``bars:``) set it
    reason: str | None = None  # why a pair has its own bars
    signal_bar: bool = True  # False: the pair's expect_signal is reported, not held as a bar

    @property
    def own(self) -> bool:
        """True for a pair's own bars (they carry a reason), False for the global bars."""
        return self.reason is not None


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _confusion(counter: Counter[tuple[str, str]]) -> tuple[tuple[str, str, int], ...]:
    order = {label: i for i, label in enumerate(LABELS)}
    return tuple((g, p, n) for (g, p), n in sorted(counter.items(), key=lambda kv: (order[kv[0][0]],
                                                                                     order[kv[0][1]])) if n)


def _articles(draft: Iterable[str], final: Iterable[str]) -> set[tuple[str, str]]:
    return {("d", r) for r in draft} | {("f", r) for r in final}


def evaluate(report: Report, ann: Annotations, *, pair_path: str = "",
             unannotated: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> PairResult:
    """Match the report's units to the gold and count.  Pure: no I/O, no bars (see :func:`shortfalls`)."""
    predicted = [Predicted.of(u) for u in report.units]
    return evaluate_units(predicted, ann, signal=(report.signal.information.verdict,
                                                  report.signal.information.score),
                          pair_path=pair_path, unannotated=unannotated)


def evaluate_units(predicted: Sequence[Predicted], ann: Annotations, *, signal: tuple[Verdict, float] | None = None,
                   pair_path: str = "",
                   unannotated: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> PairResult:
    by_key = {p.key: p for p in predicted}
    gold = ann.gold
    gold_articles: set[tuple[str, str]] = set()
    for g in gold:
        gold_articles |= _articles(g.draft, g.final)
    scored = [p for p in predicted if _articles(p.draft, p.final) & gold_articles]
    unscored = tuple(p for p in predicted if not _articles(p.draft, p.final) & gold_articles)

    outcomes: list[Outcome] = []
    matched = label_correct = effect_total = effect_correct = changed_total = changed_correct = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for g in ann.units:
        hit = by_key.get(g.key)
        if not g.reviewed:
            outcomes.append(Outcome(g, Agreement.UNREVIEWED, (hit,) if hit else ()))
            continue
        if hit is None:
            mine = _articles(g.draft, g.final)
            overlap = tuple(p for p in predicted if _articles(p.draft, p.final) & mine)
            outcomes.append(Outcome(g, Agreement.ALIGNMENT, overlap))
            continue
        matched += 1
        confusion[(g.label.value, hit.label.value)] += 1
        status = Agreement.AGREE
        if hit.label is g.label:
            label_correct += 1
        else:
            status = Agreement.LABEL
        if g.effect is not None:
            effect_total += 1
            if hit.effect is g.effect:
                effect_correct += 1
            elif status is Agreement.AGREE:
                status = Agreement.EFFECT
        if g.label.value != "unchanged":
            changed_total += 1
            changed_correct += status is Agreement.AGREE
        outcomes.append(Outcome(g, status, (hit,)))

    check = None
    if ann.expect_signal is not None and signal is not None:
        check = signal_check(ann.expect_signal, *signal)
    with_verdict = check is not None and ann.expect_signal is not None and ann.expect_signal.verdict is not None
    counts = Counts(len(gold), len(scored), matched, label_correct, effect_total, effect_correct,
                    _confusion(confusion), changed_total, changed_correct, int(with_verdict),
                    int(with_verdict and check is not None and check.verdict_ok))
    return PairResult(ann.pair, pair_path, ann.path, counts, tuple(outcomes), unscored, unannotated[0],
                      unannotated[1], check, split=ann.split,
                      bars=None if ann.bars is None else pair_bars(ann.bars, ann.path))


def pair_bars(own: PairBars, path: str) -> Bars:
    """A pair's ``bars:`` block as :class:`Bars`, its source the annotations file and line."""
    return Bars(own.min_label_accuracy, own.min_alignment_f1, f"{path} line {own.line}",
                own.min_effect_accuracy, own.reason, own.signal_bar)


def signal_check(expect: ExpectSignal, verdict: Verdict, score: float) -> SignalCheck:
    return SignalCheck(expect.verdict, expect.score, verdict, score)


def shortfalls(counts: Counts, bars: Bars, signal: SignalCheck | None = None) -> tuple[str, ...]:
    """Which bars the counts fall short of, each said in words; empty when all hold.

    A pair without reviewed gold has nothing to fall short of.  The expected signal is a bar too: the
    annotation guide says it is the direction the pair *must* produce (``check`` passes no signal for a
    held-out pair, whose signal is reported only).
    """
    out = []
    if counts.gold:
        acc = counts.label_accuracy
        if acc is None or acc < bars.min_label_accuracy - SCORE_EPSILON:
            shown = "n/a (no gold unit aligned)" if acc is None else f"{acc:.3f}"
            out.append(f"label accuracy {shown} < {bars.min_label_accuracy:.3f}")
        f1 = counts.f1 or 0.0
        if f1 < bars.min_alignment_f1 - SCORE_EPSILON:
            out.append(f"alignment F1 {f1:.3f} < {bars.min_alignment_f1:.3f}")
        eff = counts.effect_accuracy
        if bars.min_effect_accuracy is not None and (eff is None or eff < bars.min_effect_accuracy - SCORE_EPSILON):
            shown = "n/a (no added/removed gold unit aligned)" if eff is None else f"{eff:.3f}"
            out.append(f"effect accuracy {shown} < {bars.min_effect_accuracy:.3f}")
    if signal is not None:
        if not signal.verdict_ok:
            expected = signal.expected_verdict.value if signal.expected_verdict is not None else None
            out.append(f"signal verdict {signal.verdict.value!r}, expected {expected!r}")
        if not signal.score_ok and signal.expected_score is not None:
            lo, hi = signal.expected_score
            out.append(f"signal score {signal.score:+.3f} outside [{lo:+.2f}, {hi:+.2f}]")
    return tuple(out)


def total(results: Sequence[PairResult]) -> Counts:
    out = Counts()
    for r in results:
        out = out + r.counts
    return out
