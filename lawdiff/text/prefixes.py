"""jieba's prefix dictionary, computed for the fragments a text holds instead of built whole.

Why: before segmenting anything, jieba builds its prefix dictionary from ``dict.txt``: each of 349,046 words
with its count, and each prefix of each word with count 0 (498,113 entries, 0.5 s on the benchmark machine,
half of a first ``lawdiff diff``).  Segmenting a run of characters reads only a few of them: ``get_DAG``
extends the fragment starting at each position while the fragment is in the dictionary, and ``calc`` reads
the counts of the words found.  Both look up substrings of the run only, and a fragment is looked up only
when every shorter fragment from the same position was in the dictionary.  So a dictionary holding, with
their counts, exactly those substrings of the runs segmented that jieba's whole dictionary holds, gives the
same graph, the same route and the same words (tests/test_prefixes.py compares them on every corpus text).

:class:`SortedDictionary` keeps the lines of ``dict.txt`` sorted, as bytes (UTF-8 sorts as the code points
do): whether a fragment is a word, a prefix of one, or neither is one binary search.  Reading, checking and
sorting the file costs about 0.1 s (25 ms for a file of a jieba release, :data:`KNOWN_TOTALS`), and nothing
is written anywhere.

Only a ``dict.txt`` in jieba's plain form is read this way: UTF-8, every line ``word count tag`` with single
spaces, a count that ``int`` reads.  :meth:`SortedDictionary.parse` returns None for anything else, and the
caller builds jieba's whole dictionary as jieba would (raising what jieba raises).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left

#: The ``dict.txt`` of jieba releases (its SHA-256) -> the total of its counts.  Such a file was read in full
#: and found in the plain form when its entry was added (tests/test_prefixes.py reads the installed one again
#: and compares), so a first run with it only splits and sorts its lines (25 ms) instead of also checking
#: every line and adding up every count (100 ms).  jieba 0.42.1 (January 2020, the current release).
KNOWN_TOTALS = {"7197c3211ddd98962b036cdf40324d1ea2bfaa12bd028e68faa70111a88e12a8": 60_101_967}
# one match per line in the plain form: the count between the line's two spaces, then the tag
_COUNT = re.compile(rb" ([^ \n]+) [^ \n]+\n")
# what jieba's ``line.strip()`` would remove (ASCII whitespace other than the separators)
_STRIPPED = b"\t\r\x0b\x0c"


class SortedDictionary:
    """jieba's ``dict.txt`` as sorted lines, answering for one fragment at a time what jieba's prefix
    dictionary holds for it (:meth:`entry`)."""

    __slots__ = ("_data", "_lines", "total")

    def __init__(self, data: bytes, lines: list[bytes], total: int) -> None:
        self._data = data
        self._lines = lines
        self.total = total  # the sum of every count, as jieba's ``gen_pfdict`` returns it

    @classmethod
    def parse(cls, data: bytes) -> SortedDictionary | None:
        """The dictionary in ``data`` (the bytes of a ``dict.txt``), or None if it is not in the plain form
        (see the module docstring; a file of :data:`KNOWN_TOTALS` is known to be)."""
        total = KNOWN_TOTALS.get(hashlib.sha256(data).hexdigest())
        if total is not None and data.endswith(b"\n"):
            lines = data.split(b"\n")
            lines.pop()  # after the last newline
            lines.sort()
            return cls(data, lines, total)
        return cls.check(data)

    @classmethod
    def check(cls, data: bytes) -> SortedDictionary | None:
        """:meth:`parse` of a file read and checked in full, line by line."""
        if not data.endswith(b"\n"):
            data += b"\n"
        if data.startswith(b" ") or b"\n " in data or len(data.translate(None, _STRIPPED)) != len(data):
            return None
        try:
            data.decode("utf-8")  # as jieba decodes each line; a part no text looks up must be valid too
            lines = data.split(b"\n")
            lines.pop()  # after the last newline
            counts = _COUNT.findall(data)
            # one match per line at most (each ends at a newline); one per line and two spaces per line in all
            # mean that every line has exactly two spaces, and text on both sides of each
            if len(counts) != len(lines) or data.count(b" ") != 2 * len(lines):
                return None
            total = sum(map(int, counts))
        except ValueError:  # not UTF-8, or a count int() does not read (jieba reads str, this bytes)
            return None
        lines.sort()
        return cls(data, lines, total)

    def entry(self, fragment: str) -> int | None:
        """The count jieba's prefix dictionary holds for ``fragment``: the word's count (the last line's, if
        the word has several), 0 for a prefix of a word only, None when it is neither."""
        key = fragment.encode("utf-8")
        if not key or b" " in key or b"\n" in key:
            return None
        lines = self._lines
        at = bisect_left(lines, key)
        if at == len(lines) or not lines[at].startswith(key):
            return None
        word = key + b" "  # a space sorts before any character a word may hold after ``key``
        first = bisect_left(lines, word, at)
        if first == len(lines) or not lines[first].startswith(word):
            return 0
        if bisect_left(lines, key + b"!", first) - first == 1:
            line = lines[first]
        else:  # the same word on several lines: jieba keeps the count of the last one
            start = self._data.rfind(b"\n" + word) + 1  # 0 when only the first line has it
            line = self._data[start : self._data.index(b"\n", start)]
        return int(line.split(b" ")[1])

    def add_fragments(self, freq: dict[str, int], text: str) -> None:
        """Add to ``freq`` the entries of jieba's prefix dictionary that segmenting ``text`` looks up.

        Entries already in ``freq`` are kept as they are: the user dictionary's words, with their prefixes,
        are added by jieba's ``add_word`` on top of the dictionary's, as they would be on the whole one."""
        n = len(text)
        for start in range(n):
            for end in range(start + 1, n + 1):
                fragment = text[start:end]
                if fragment in freq:
                    continue
                count = self.entry(fragment)
                if count is None:
                    break  # no longer fragment from ``start`` is in jieba's dictionary, nor looked up
                freq[fragment] = count


__all__ = ["KNOWN_TOTALS", "SortedDictionary"]
