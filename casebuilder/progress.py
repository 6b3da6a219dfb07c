"""Progress bars for long stages: on a terminal only, silent otherwise.

A check of a 20,000-incident case takes most of a minute; a person at a terminal should see it
move.  Logs, pipes, CI and tests must not fill with carriage returns, so nothing is drawn unless
the stream (stderr by default) is a TTY, and short runs never draw at all: the bar appears only
after :data:`DELAY` seconds and is erased when the stage ends.

    for path in track(files, "reading case files"):
        ...

or, when the work is not a simple loop::

    with Bar("rendering", total=pages) as bar:
        ...
        bar.advance()
"""
from __future__ import annotations

import sys
import time
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")
WIDTH = 28
DELAY = 0.5  # seconds before the bar first appears
INTERVAL = 0.1  # seconds between redraws


def _is_tty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class Bar:
    """``label [#######.....] 42% 840/2,000``, redrawn at most ten times a second."""

    def __init__(self, label: str, total: int | None = None, stream=None, clock=time.monotonic):
        self.label = label
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_tty(self.stream)
        self.clock = clock
        self.done = 0
        self._start = clock()
        self._last = self._start + DELAY - INTERVAL
        self._drawn = False

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.enabled:
            now = self.clock()
            if now - self._last >= INTERVAL:
                self._last = now
                self._draw()

    def _line(self) -> str:
        """The text of the bar; subclasses change how the count is shown."""
        if self.total:
            return f"{self._gauge()} {self.done:,}/{self.total:,}"
        return f"{self.label} ... {self.done:,}"

    def _gauge(self) -> str:
        frac = min(self.done / self.total, 1.0) if self.total else 0.0
        filled = int(frac * WIDTH)
        return f"{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {frac:4.0%}"

    def _draw(self) -> None:
        self.stream.write("\r" + self._line())
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """Erase the bar so that what follows starts on a clean line."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> "Bar":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def track(items: Iterable[T], label: str, total: int | None = None, stream=None) -> Iterator[T]:
    """Yield ``items`` while drawing a bar (on a terminal); ``total`` defaults to ``len(items)``."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with Bar(label, total, stream) as bar:
        for item in items:
            yield item
            bar.advance()
