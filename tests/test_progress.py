"""Progress bars: drawn on a terminal only, erased at the end, never on a pipe or a file."""
from __future__ import annotations

import io

from casebuilder.progress import Bar, track


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.3  # every step takes long enough to redraw
        return self.now


def test_silent_when_not_a_terminal():
    out = io.StringIO()
    assert list(track(range(50), "loading", stream=out)) == list(range(50))
    assert out.getvalue() == ""


def test_draws_on_a_terminal_and_erases_itself():
    out = Tty()
    with Bar("reading case files", total=4, stream=out, clock=Clock()) as bar:
        for _ in range(4):
            bar.advance()
    text = out.getvalue()
    assert "reading case files [" in text and "4/4" in text and "100%" in text
    assert text.endswith("\r\x1b[K")


def test_short_runs_never_draw():
    out = Tty()
    with Bar("quick", total=3, stream=out, clock=lambda: 0.0) as bar:
        bar.advance(3)
    assert out.getvalue() == ""


def test_unknown_total_counts_instead():
    out = Tty()
    with Bar("scanning", stream=out, clock=Clock()) as bar:
        for _ in range(4):
            bar.advance(617)
    assert "scanning ... 2,468" in out.getvalue()


def test_a_closed_stream_is_not_a_terminal():
    out = io.StringIO()
    out.close()
    assert not Bar("x", 1, stream=out).enabled
