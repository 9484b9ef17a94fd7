"""The launcher that times one ``lawdiff`` process for the benchmarks (run.py, targets.py).

A small parent for the measured child: ru_maxrss is inherited across fork+exec (Linux keeps the
pre-exec high-water mark, and subprocess uses vfork), so a child of this big benchmark process would
report the benchmark's own RSS.  The launcher is a fresh, small process; it times its child from fork
to exit (so the launcher's own start-up is not counted) and reports "wall maxrss_kb exit_code cpu".
CPU time (user + system) is reported beside wall time: on a shared, loaded machine wall time measures
the neighbours too, while a single-threaded child's CPU time is close to its wall time on an idle one.
"""

from __future__ import annotations

LAUNCHER = """
import os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
print(time.perf_counter() - t0, ru.ru_maxrss, os.waitstatus_to_exitcode(status), ru.ru_utime + ru.ru_stime)
"""
