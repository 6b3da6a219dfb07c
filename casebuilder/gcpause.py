"""Pausing Python's cyclic garbage collector while a stage builds a large object graph.

Loading a case allocates millions of container objects (YAML nodes, dicts, models) that are
either kept or freed at once by reference counting; none of them forms a reference cycle.  The
cyclic collector nevertheless keeps re-scanning the growing heap: measured on 2,000 incidents it
took two thirds of the load time (9.4 s with it, 3.0 s without).  PyYAML's C loader gains the same
way, so bench/run.py measures its floor both ways and keeps the lower one.

The collector is paused, never switched off for good: the previous state is restored on exit,
also when the stage raises, and nested pauses are harmless.

Once loaded, a case lives until the process ends, yet every later collection would walk it
again: :func:`settle` moves what is alive out of the collector's sight (``gc.freeze``), which
took resolve on 2,000 incidents from 1.2 s to 0.4 s and analyse from 0.55 s to 0.36 s.  Frozen
objects are still freed by reference counting when dropped; only a reference cycle among them
would outlive its use, and the models, files and diagnostics of a case form none.

So ``check`` + ``gaps`` run with the collector paused throughout: load (then settle), resolve and
analyse each pause it.  Analyse builds its results (hundreds of thousands of small frozen
dataclasses, no cycles); on 20,000 incidents one analysis otherwise ran some 700 young and 5 full
collections, each full one over every result built so far.
"""
from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Run the block with the cyclic collector paused; restore its previous state afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def settle() -> None:
    """Exempt every object alive now from future collections (see the module docstring)."""
    gc.freeze()


def collect_and_settle() -> None:
    """Collect the garbage in reference cycles, then :func:`settle`: what a long-running process
    (the workspace server) does instead of settling alone, since a cycle pending when it settles
    (one a request left behind, say) would be kept for good.  The collector walks only what is not
    frozen yet: what came since the last settle."""
    gc.collect()
    settle()
