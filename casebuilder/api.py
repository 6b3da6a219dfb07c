"""The public Python API: everything the CLI does is a call here."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import cache
from .diagnostics import Diagnostics
from .load import Case, FrameworkSet, load_case, load_frameworks
from .resolve import resolve

_FRAMEWORK_CACHE: dict[str, tuple[FrameworkSet, Diagnostics]] = {}


@dataclass
class Checked:
    """A case after load and resolve, with every diagnostic found."""

    case: Case
    frameworks: FrameworkSet
    diagnostics: Diagnostics

    def ok(self, strict: bool = False) -> bool:
        return not self.diagnostics.has_errors(strict)


def frameworks(root: Path | str | None = None) -> tuple[FrameworkSet, Diagnostics]:
    """Load (once per process) the legal frameworks, standards of proof and treaty participation."""
    key = str(Path(root).resolve()) if root else ""
    if key not in _FRAMEWORK_CACHE:
        d = Diagnostics()
        _FRAMEWORK_CACHE[key] = (load_frameworks(Path(root) if root else None, d), d)
    return _FRAMEWORK_CACHE[key]


def check(case_dir: Path | str, frameworks_dir: Path | str | None = None, exhibits: Path | str | None = None) -> Checked:
    """Load and resolve a case folder; collect every problem (never raises on bad input)."""
    fs, fdiags = frameworks(frameworks_dir)
    diags = Diagnostics()
    diags.extend(fdiags)
    key = cache.key(case_dir, frameworks_dir, exhibits)  # None when caching is off
    hit = cache.load(key)
    if hit is not None:
        case, items = hit
        diags.items.extend(items)
        return Checked(case, fs, diags)
    start = len(diags.items)
    case = load_case(Path(case_dir), diags)
    resolve(case, fs, diags, Path(exhibits) if exhibits else None)
    cache.store(key, case, diags.items[start:])
    return Checked(case, fs, diags)
