"""The hashing progress bar: the shared :class:`casebuilder.progress.Bar`, counting bytes.

Several hashing threads bump one counter, so advancing takes a lock; the line shows bytes and
the rate (``hashing [#####.....] 40% 1.2 GB/3.0 GB 950 MB/s``).  Like every bar it draws only on a
terminal and only after a short delay.
"""
from __future__ import annotations

import threading
import time

from ..progress import DELAY, Bar

__all__ = ["DELAY", "ProgressBar", "human_bytes"]


def human_bytes(n: float) -> str:
    if n < 1000:
        return f"{n:.0f} B"
    for unit in ("KB", "MB", "GB"):
        n /= 1000
        if n < 1000:
            return f"{n:.1f} {unit}"
    return f"{n / 1000:.1f} TB"


class ProgressBar(Bar):
    def __init__(self, total: int, stream=None, label: str = "hashing", clock=time.monotonic):
        super().__init__(label, total=max(total, 1), stream=stream, clock=clock)
        self._lock = threading.Lock()

    def __call__(self, n: int) -> None:
        with self._lock:
            self.advance(n)

    def _line(self) -> str:
        rate = self.done / max(self.clock() - self._start, 1e-9)
        return f"{self._gauge()} {human_bytes(self.done)}/{human_bytes(self.total)} {human_bytes(rate)}/s"

    def close(self) -> None:
        with self._lock:
            super().close()
