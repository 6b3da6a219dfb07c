"""A one-line progress bar for long hashing runs, drawn only on a terminal.

Twenty lines of our own rather than a dependency: all it needs is a byte counter that several
hashing threads can bump, a redraw at most ten times a second, and silence when stderr is a file
or a pipe (logs and CI must not fill with carriage returns).  Short runs never draw at all: the
bar appears only after half a second.
"""
from __future__ import annotations

import sys
import threading
import time

WIDTH = 28
DELAY = 0.5  # seconds before the bar first appears
INTERVAL = 0.1  # seconds between redraws


def human_bytes(n: float) -> str:
    if n < 1000:
        return f"{n:.0f} B"
    for unit in ("KB", "MB", "GB"):
        n /= 1000
        if n < 1000:
            return f"{n:.1f} {unit}"
    return f"{n / 1000:.1f} TB"


class ProgressBar:
    """Counts hashed bytes out of ``total`` and draws ``[#####.....] 40% 1.2/3.0 GB 950 MB/s``."""

    def __init__(self, total: int, stream=None, label: str = "hashing", clock=time.monotonic):
        self.total = max(total, 1)
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label = label
        self.clock = clock
        self.done = 0
        self.start = clock()
        self._last_draw = self.start + DELAY - INTERVAL
        self._drawn = False
        self._lock = threading.Lock()

    def __call__(self, n: int) -> None:
        with self._lock:
            self.done += n
            now = self.clock()
            if self.enabled and now - self._last_draw >= INTERVAL:
                self._last_draw = now
                self._draw(now)

    def _draw(self, now: float) -> None:
        frac = min(self.done / self.total, 1.0)
        filled = int(frac * WIDTH)
        rate = self.done / max(now - self.start, 1e-9)
        line = (f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {frac:4.0%} "
                f"{human_bytes(self.done)}/{human_bytes(self.total)} {human_bytes(rate)}/s")
        self.stream.write(line)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the bar so that the report that follows starts on a clean line."""
        with self._lock:
            if self._drawn:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self._drawn = False
