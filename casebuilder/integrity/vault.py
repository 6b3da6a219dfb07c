"""The exhibits folder (the "vault"): where each recorded exhibit is, and what else lies there.

Exhibits live beside the case, not in it: they are often too sensitive or too large to travel with
the YAML.  Paths are confined to the vault by :func:`casebuilder.resolve.resolve_exhibit` (no
absolute paths, no ``..``, no symlink leading out); this module only applies it to every evidence
item and lists the vault's own files so that unrecorded ones can be reported.  Hidden files and
folders (``.DS_Store``, ``.git``) are not exhibits and are skipped.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..load import Case
from ..models import Evidence
from ..resolve import resolve_exhibit


@dataclass(slots=True)
class Located:
    """One evidence item's exhibit: the path as written, and the real file (or why there is none)."""

    evidence: Evidence
    raw: str
    real: Path | None  # inside the vault; None when the path is unsafe
    problem: str | None  # why the path is unsafe (already reported by resolve)
    state: str  # "file" | "missing" | "not-a-file" | "unsafe"


@dataclass(frozen=True, slots=True)
class VaultFile:
    rel: str  # posix path relative to the vault
    real: Path | None  # None: a symlink leading outside the vault or looping (never read)


def locate_exhibits(case: Case, vault: Path) -> list[Located]:
    out = []
    for e in case.evidence:
        if e.exhibit is None:
            continue
        real, problem = resolve_exhibit(vault, e.exhibit.path)
        if problem or real is None:
            out.append(Located(e, e.exhibit.path, None, problem, "unsafe"))
            continue
        try:
            mode = real.stat().st_mode
            state = "file" if stat.S_ISREG(mode) else "not-a-file"
        except OSError:
            state = "missing"
        out.append(Located(e, e.exhibit.path, real, None, state))
    return out


def vault_files(vault: Path) -> list[VaultFile]:
    """Every regular file under the vault (symlinked folders are not entered; hidden entries skipped)."""
    if not vault.is_dir():
        return []
    root = vault.resolve()
    out: list[VaultFile] = []
    for dirpath, dirnames, filenames in os.walk(vault, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            rel = p.relative_to(vault).as_posix()
            try:
                real = p.resolve()
            except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13)
                out.append(VaultFile(rel, None))  # reported, never followed
                continue
            if not real.is_relative_to(root):
                out.append(VaultFile(rel, None))
                continue
            try:
                if stat.S_ISREG(real.stat().st_mode):
                    out.append(VaultFile(rel, real))
            except OSError:
                continue  # a dangling symlink: nothing to hash, nothing recorded
    return out
