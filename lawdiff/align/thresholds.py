"""The documented constants of alignment: every threshold with the measurements that chose it.

Kept in one place so that a change to any of them is a change to this file, read with its evidence
(the annotated pairs in ``corpora/``, the Hypothesis cases in ``tests/test_align.py``).  Used by
:mod:`lawdiff.align.passes` (which pairs are accepted, and how) and :mod:`lawdiff.align.features`
(how candidates are found).
"""

# --------------------------------------------------------------------------- accepting pairs (passes)

CONFIDENT = 0.30
"""Similarity from which a match is accepted on content alone.  A kept article, even reworded, scores
above it (the weakest in the annotated pairs: genai-2023 11->11 0.33, 2->2 0.35; public-data-registration
27->24 0.34).  Unrelated articles stay under it except parallel provisions of one law (anti-monopoly old 36
vs new 10: 0.73), which the greedy order settles because each has a closer counterpart.  Below it content
alone cannot tell a rewrite from a coincidence: genai-2023 19->14 (0.11) is real, 9 vs 20 (0.14) is not."""

WEAK_FLOOR = 0.10
"""Lowest similarity accepted at all, and then only with corroboration, flagged ``weak``.  Articles
rewritten while being moved fall to 0.11-0.13 (genai-2023: 19->14, 13->15, 15->14, 17->19); at 0.08-0.09
two unrelated articles that happen to sit at the same place share only boilerplate (提供者, 应当,
依法; a Hypothesis case in tests/test_align.py found 0.08), so 0.10 leaves them added and removed."""

PLACE_FREE = 0.20
"""From this similarity a weak match needs no corroboration of place.  Once the confident matches are
made, few leftover pairs of unrelated articles in the bundled pairs reach it (administrative-
reconsideration-law-2023 old 18 -> new 60: 0.29, which the gold removes), while provisions moved to
another chapter as they were rewritten do (old 17 -> new 30: 0.28, old 15 -> new 24: 0.26)."""

LINE_CARRIED = 0.40
"""A sentence pair this similar means a sentence was carried over, which corroborates a weak article
match wherever it sits (genai-2023 draft 18 sentence 2 -> final 18: 0.43)."""

PART_MARGIN = 0.6
"""A leftover article joins a unit as a split or merged part only through a sentence of the unit's
article that the unit's own articles account for less than 0.6 times as well as the part resembles it
(see :meth:`lawdiff.align.features.Index.new_sentence`): the part must bring something the unit lacks.  Measured on the annotated pairs, at the
part's best sentence: parts that belong 0-0.45 (administrative-reconsideration-law-2023 old 3 item (二)
-> new 45, old 12 ¶1 -> new 28, old 10 ¶3 -> new 16: 0; old 10 ¶5 -> new 17: 0.45); leftovers that do not
0.73 and up (new 50 through old 22, which new 49 accounts for: 0.73; new 25 through old 15 item (二): 0.76
-- the gold puts new 25 with old 14; genai-2023 final 22 through draft 5, which final 9 accounts for:
0.91; new 79 through old 12 ¶1, once new 28 holds it: 0.98; new 54, the simple-procedure copy of new 48,
through old 23 ¶1: 1.06; genai-2023 draft 9 through final 7: 1.56).  The price: an article divided among
several new ones that each reuse the same sentence joins only through the sentences no sibling already
carries (old 28 item (一) -> new 68 at 0.92 leaves new 63 at 0.67 outside, ratio 1.38)."""

PART_LINE = 0.30
"""A part whose new sentence (see PART_MARGIN) is at least this similar joins in the main greedy pass,
ahead of weaker article-level matches; a part with less waits until every weak match is made, and then
must make the unit more similar (or lie mostly inside it).  Measured on the annotated pairs: parts that
belong 0.38-1.0 (administrative-reconsideration-law-2023 old 13 -> new 24: 0.38, old 12 -> new 28: 0.39,
old 3 -> new 45: 0.41, old 10 -> new 17, 16, 19: 0.47, 0.48, 0.61; anti-monopoly old 13 -> new 16: 1.0);
leftovers that belong elsewhere or nowhere 0.24 at most (genai-2023 draft 13 through final 11, when its
counterpart is final 15: 0.24; new 54 through old 23 ¶2: 0.24; genai-2023 final 20 through draft 20:
0.21).  Parts below it that belong: genai-2023 draft 19 -> final 14 (0.13, joins afterwards because it
makes the unit more similar), old 28 -> new 65 (0.28) and old 39 -> new 7 (0.22), which stay added."""

PART_CONTAINED = 0.60
"""A leftover article whose weighted features lie this much inside an already matched article joins its
unit even when that lowers the unit's similarity: most of its text came from there (a split)."""

SLACK_MIN = 3
SLACK_FRACTION = 0.05
"""How far outside the window given by its confidently matched neighbours a weak match may land:
at least 3 articles, or 5% of the final document.  Wide enough for a reshuffled chapter (genai-2023
draft 13 -> final 15, two places past its window), narrow enough to refuse a match to the other end of
the text (draft 9 -> final 20)."""

PROXIMITY_TIEBREAK = 0.02
"""Subtracted per unit of relative-position distance (0..1) when ranking pairs: two equally similar
candidates (repeated boilerplate such as 本办法自…起施行) go to the nearer one, but a 0.02 content
difference always beats position."""

ALT_FLOOR = 0.15
"""Notes name another article a confident unit also resembles from this similarity and at least half
the unit's own (weak units: from WEAK_FLOOR, sentences included), to say where a clause went."""

ALT_SENTENCES = 6
"""Notes compare sentences only for the six candidates most similar as whole articles: a clause that
moved shows at article level too, and long English articles would otherwise cost seconds."""


# --------------------------------------------------------------------------- finding candidates (features)

MIN_SENTENCE = 4
"""Fewest features a sentence needs to stand alone in sentence comparisons (see :meth:`lawdiff.align.features.SideFeatures.lines`)."""

TOP_K = 8
"""Candidates scored exactly per article: a true counterpart is among the eight that share the most
rare features unless the article was rewritten beyond ``WEAK_FLOOR``."""

MAX_POSTING_MIN = 16
MAX_POSTING_FRACTION = 0.01
"""Features shared by more than 1% of the articles (and more than 16) are not looked up in the index:
they are too common to find a counterpart (规定, 应当, 民事) and their posting lists are what would make
the search quadratic (on the civil code this cap halves the time and loses no match).  They still count
in the exact similarity."""

MIN_LOOKUPS = 4
"""An article made only of common features (法律另有规定的，依照其规定。) still looks up its four
rarest ones, whatever their posting lists cost, so that short boilerplate finds its counterpart."""

QUERY_BUDGET = 2000
"""Posting entries one article may visit, rarest features first: bounds the work per article on a
long code without losing recall on short laws (where the budget is never reached)."""
