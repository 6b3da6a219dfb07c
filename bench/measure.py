"""Timing and memory of one stage: CPU and wall time, and the peak resident memory during it.

CPU time (``time.process_time``) is the primary figure: it does not count the time other
processes hold the two cores, so ratios stay meaningful on a shared machine; wall time is
recorded beside it.  The peak is the kernel's high-water mark of resident memory (VmHWM),
reset before each stage through ``/proc/self/clear_refs`` where Linux allows it; elsewhere it is
the process peak so far (``ru_maxrss``), an upper bound.
"""
from __future__ import annotations

import resource
import signal
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from typing import Any, Callable


class OverBudget(Exception):
    """A stage ran longer than the run's budget and was stopped."""


@dataclass
class Stage:
    name: str
    status: str = "ok"  # ok | not available yet | over budget | failed
    cpu: float | None = None
    wall: float | None = None
    peak_mb: float | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 2**20)


def _alarm(_signum, _frame):
    raise OverBudget


def run_stage(name: str, fn: Callable[[], Any], budget: float | None = None) -> tuple[Stage, Any]:
    """Run ``fn`` once as stage ``name``; never raises (a failure is recorded in the Stage)."""
    st = Stage(name)
    _reset_peak()
    old = signal.signal(signal.SIGALRM, _alarm) if budget else None
    if budget:
        signal.setitimer(signal.ITIMER_REAL, budget)
    c0, w0 = time.process_time(), time.perf_counter()
    result = None
    try:
        result = fn()
    except OverBudget:
        st.status, st.note = "over budget", f"stopped after {budget:.0f} s"
    except ImportError as e:
        st.status, st.note = "not available yet", str(e)
    except Exception as e:  # recorded, shown in the report
        st.status, st.note = "failed", f"{type(e).__name__}: {e}"
        traceback.print_exc(file=sys.stderr)
    finally:
        if budget:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    if st.status == "ok":
        st.cpu, st.wall = time.process_time() - c0, time.perf_counter() - w0
    st.peak_mb = _peak_mb()
    return st, result
