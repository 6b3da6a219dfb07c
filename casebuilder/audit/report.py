"""Auditing a file on disk, and turning leaks into the tool's diagnostics."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..diagnostics import Diagnostics
from ..protect import protected_strings
from .extract import AuditError
from .scan import Leak, audit_bytes, kind_of


def audit_file(path: Path | str, case, audience: str, notes: list[str] | None = None,
               visible_texts: Iterable[str] = ()) -> list[Leak]:
    """Scan any file (a brief exported from a word processor, say) as the build scans its outputs."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise AuditError(f"{p}: cannot read ({e.strerror})") from None
    return audit_bytes(data, kind_of(p.name, data), protected_strings(case, audience, visible_texts), notes)


def format_leak(path: Path | str, leak: Leak) -> str:
    """'brief.pdf: error[leak]: protected identity of person p-04 (name) found in page 3 text'."""
    return f"{path}: error[leak]: {leak.message()}"


def leak_diagnostics(leaks: Iterable[Leak], case, output: str, diags: Diagnostics | None = None) -> Diagnostics:
    """One ``leak`` error per leak, located at the owner's ``id`` in the case files — deliberately
    not at the protected value, so that the terminal (or a CI log) never shows the name."""
    diags = diags if diags is not None else Diagnostics()
    index = case.index()
    for leak in leaks:
        owner = index.get(leak.person_id)
        loc = case.locate(owner, "id") if owner is not None else None
        diags.error("leak", f"{leak.message()} of {output}; nothing was written", loc)
    return diags
