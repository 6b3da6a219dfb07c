"""The progress bar draws on a terminal only, after a short delay, and erases itself."""
from __future__ import annotations

import io

from casebuilder.integrity.progress import DELAY, ProgressBar, human_bytes


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_silent_when_not_a_terminal() -> None:
    out, clock = io.StringIO(), Clock()
    bar = ProgressBar(1000, out, clock=clock)
    clock.now += 10
    bar(500)
    bar.close()
    assert out.getvalue() == ""


def test_draws_after_the_delay_and_erases_on_close() -> None:
    out, clock = Tty(), Clock()
    bar = ProgressBar(2_000_000_000, out, clock=clock)
    bar(1_000_000)
    assert out.getvalue() == ""  # short runs never flicker
    clock.now += DELAY + 0.5
    bar(999_000_000)
    drawn = out.getvalue()
    assert drawn.startswith("\rhashing [") and " 50% 1.0 GB/2.0 GB " in drawn and drawn.endswith(" 1.0 GB/s")
    bar.close()
    assert out.getvalue().endswith("\r\x1b[K")


def test_human_bytes() -> None:
    assert [human_bytes(n) for n in (0, 999, 1000, 11e9, 3.2e12)] == ["0 B", "999 B", "1.0 KB", "11.0 GB", "3.2 TB"]


def test_the_rate_is_bytes_per_second_since_the_start() -> None:
    out, clock = Tty(), Clock()
    bar = ProgressBar(4_000_000_000, out, clock=clock)
    clock.now += max(4.0, DELAY + 1)
    bar(2_000_000_000)
    rate = 2_000_000_000 / max(4.0, DELAY + 1)
    assert out.getvalue().endswith(f" 2.0 GB/4.0 GB {human_bytes(rate)}/s") and human_bytes(rate) != "2.0 GB"
    bar.close()


def test_human_bytes_in_every_unit() -> None:
    assert [human_bytes(n) for n in (2.5e6, 7.25e9, 4.5e15)] == ["2.5 MB", "7.2 GB", "4500.0 TB"]
