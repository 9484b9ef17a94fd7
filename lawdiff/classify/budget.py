"""A time limit on matching the patterns of a user's rule table (``--rules FILE``).

Why: :mod:`lawdiff.classify.patterns` refuses, when a table is loaded, the patterns that can backtrack
*exponentially*, but not the slow-but-finite ones — ``[^x]*[^x]*[^x]*[^x]*x`` is quartic in the
length of an article without an ``x``, hours on a long one.  Python's ``re`` has no timeout, so the
matching of a user rule's pattern runs under a ``SIGALRM`` timer (``signal.setitimer``); the regex
engine checks for signals as it works, and an overrun becomes a :class:`RuleError` naming the rule, the
pattern and the article: exit 2, one line.

Shipped tables are trusted (their patterns are tested on the bundled corpora) and run unbounded, so the
common case costs nothing.

Limits of the bound, by design: it is only set in the main thread of a process with ``setitimer`` (not
on Windows, not in a worker thread), and not when an interval timer is already running (someone else's
alarm is left alone).  There, user patterns run unbounded, as before.  ``LAWDIFF_RULE_TIMEOUT``
(seconds, default 5; 0 turns the bound off) sets the limit per pattern and article side.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator

ENV = "LAWDIFF_RULE_TIMEOUT"
DEFAULT_SECONDS = 5.0


class _Overrun(BaseException):
    """Raised by the alarm inside the regex engine (a BaseException so no ``except Exception`` eats it)."""


def seconds() -> float:
    """The limit per pattern and article side; 0 means none."""
    try:
        value = float(os.environ.get(ENV, DEFAULT_SECONDS))
    except ValueError:
        return DEFAULT_SECONDS
    return value if value > 0 else 0.0


def can_bound() -> bool:
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))


class PatternTimeout(Exception):
    """The block ran past its limit (the caller names the rule and the article)."""


@contextlib.contextmanager
def time_limit(limit: float) -> Iterator[None]:
    """Run the block under an alarm of ``limit`` seconds where that is possible (see the module
    docstring); :class:`PatternTimeout` if it overruns."""
    if not limit or not can_bound():
        yield
        return
    armed = [True]

    def on_alarm(_signum, _frame):
        if armed[0]:  # not once the block is over: the alarm may fire while it is being cancelled
            raise _Overrun

    old = signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            yield
        except _Overrun:
            raise PatternTimeout(f"took longer than {limit:g} s") from None
        finally:
            armed[0] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, old)


__all__ = ["DEFAULT_SECONDS", "ENV", "PatternTimeout", "can_bound", "seconds", "time_limit"]
