"""Worker processes for ``lawdiff check -j N`` that never outlive the run, and never hold its output open.

Why not ``concurrent.futures.ProcessPoolExecutor``: when the main process got SIGTERM or SIGKILL its
workers lived on for ever, and since they had inherited its stdout and stderr, a program reading
``lawdiff check``'s output (a CI step, a pipe) waited for an end of file that never came.  A pool of
our own is short and keeps every promise in plain sight:

* each worker sends its stdout and stderr to the null device at once: it never holds the reader's pipe;
* each worker watches its parent and exits as soon as the parent is gone (SIGKILL included: nothing
  can be run in a process that is killed, so the children must notice);
* the parent stops every worker on any way out — an error, Ctrl-C, SIGTERM (which the CLI turns into
  an exception) — and waits for them briefly;
* a worker that dies (killed, out of memory) is noticed at once and named with the pair it was
  checking, instead of a hang or a ``BrokenProcessPool`` traceback;
* Ctrl-C in a terminal reaches the whole process group: the workers ignore it and the parent decides.

Results come back in the order of the items, whatever order the workers finish in.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from lawdiff.errors import LawdiffError

T = TypeVar("T")
R = TypeVar("R")

#: How often a worker checks that its parent is alive (seconds).
WATCH_INTERVAL = 0.1
#: How long the parent waits for a stopped worker before killing it (seconds).
STOP_GRACE = 2.0


class WorkerDied(LawdiffError):
    """A worker process ended without an answer: killed by a signal, or out of memory."""


class WorkerCrashed(RuntimeError):
    """A worker raised an exception lawdiff did not expect (a bug): its traceback follows the first line."""


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_INTERVAL)
    os._exit(1)  # the parent is gone: nobody will read an answer


def _serve(conn: Connection, parent: int, fn: Callable[[Any], Any]) -> None:
    """A worker's life: detach from the terminal's signals and the parent's output, then answer requests."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        index, item = request
        try:
            conn.send((index, True, fn(item)))
        except Exception as exc:  # noqa: BLE001 - sent to the parent, which decides
            conn.send((index, False, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))


def run_parallel(fn: Callable[[T], R], items: Sequence[T], jobs: int, *,
                 describe: Callable[[T], str] = str) -> list[R]:
    """``[fn(x) for x in items]`` in up to ``jobs`` worker processes, in the order of ``items``.

    ``fn`` must be a module-level function.  Raises :class:`WorkerDied` naming ``describe(item)`` when a
    worker ends without answering, :class:`WorkerCrashed` when ``fn`` raised."""
    ctx = multiprocessing.get_context()
    parent = os.getpid()
    workers: list[tuple[multiprocessing.process.BaseProcess, Connection]] = []
    results: dict[int, R] = {}
    pending = list(enumerate(items))[::-1]  # popped from the end: in order
    busy: dict[Connection, int] = {}  # worker -> index of the item it is working on
    done = False

    def give(conn: Connection) -> None:
        if pending:
            index, item = pending.pop()
            conn.send((index, item))
            busy[conn] = index

    try:
        for _ in range(min(jobs, len(items))):
            mine, theirs = ctx.Pipe()
            worker = ctx.Process(target=_serve, args=(theirs, parent, fn), daemon=True)
            worker.start()
            theirs.close()
            workers.append((worker, mine))
            give(mine)
        by_sentinel = {w.sentinel: (w, conn) for w, conn in workers}
        by_conn = {conn: w for w, conn in workers}

        def died(proc: multiprocessing.process.BaseProcess, conn: Connection) -> WorkerDied:
            proc.join(1.0)  # its exit status, if it has one yet
            return WorkerDied(f"the worker checking {describe(items[busy[conn]])} died ({_how(proc.exitcode)}); "
                              "run again, or with -j 1 to check one pair at a time")

        while busy:
            for ready in wait([*busy, *(p.sentinel for p, c in workers if c in busy)]):
                if isinstance(ready, int):  # a worker ended; its last answer, if any, is still in the pipe
                    proc, conn = by_sentinel[ready]
                    if conn in busy and not conn.poll():
                        raise died(proc, conn)
                    continue
                assert isinstance(ready, Connection)
                if ready not in busy:
                    continue
                try:
                    index, ok, value = ready.recv()
                except (EOFError, OSError):  # the pipe closed: the worker is gone without an answer
                    raise died(by_conn[ready], ready) from None
                del busy[ready]
                if not ok:
                    raise WorkerCrashed(f"while checking {describe(items[index])}: {value}")
                results[index] = value
                give(ready)
        done = True
    finally:
        _stop(workers, graceful=done)
    return [results[i] for i in range(len(items))]


def _how(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit status {exitcode}"


def _stop(workers: list[tuple[multiprocessing.process.BaseProcess, Connection]], *, graceful: bool) -> None:
    """Stop every worker: asked to (``graceful``, after a complete run) or at once (an error, an interrupt);
    one that does not stop within :data:`STOP_GRACE` is killed.  Never raises."""
    for proc, conn in workers:
        try:
            if graceful:
                conn.send(None)
            conn.close()
        except (OSError, ValueError):
            pass
        if not graceful and proc.is_alive():
            proc.terminate()
    deadline = time.monotonic() + STOP_GRACE
    for proc, _conn in workers:
        proc.join(max(0.0, deadline - time.monotonic()))
        if proc.is_alive():
            proc.kill()
            proc.join(1.0)


__all__ = ["WorkerCrashed", "WorkerDied", "run_parallel"]
