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


def copy_diagnostics(copies, case, audience: str, diags: Diagnostics | None = None) -> Diagnostics:
    """One ``withheld-copied`` error per copy of a withheld item's text in a text the audience is
    shown, located at the visible object's ``id`` with a note at the withheld item's — never at the
    text itself, which would print it."""
    diags = diags if diags is not None else Diagnostics()
    index = case.index()
    for c in copies:
        s = c.secret
        owner_id = getattr(c.owner, "id", None)
        kind = type(c.owner).__name__.lower().replace("caseinfo", "case")
        what = "protected identity of person" if s.kind == "person" and s.identity else f"withheld {s.kind}"
        loc = case.locate(c.owner, "id") if owner_id is not None else None
        withheld = index.get(s.owner)
        related = [(case.locate(withheld, "id"), f"the {s.kind} withheld from the {audience} audience")] \
            if withheld is not None and case.locate(withheld, "id") is not None else []
        diags.error("withheld-copied",
                    f"text of {what} {s.owner} ({s.field}) is copied into {kind} {owner_id} ({c.field}), which the "
                    f"{audience} audience is shown: the copy would publish it. Remove it there, or give that "
                    f"{kind} the withheld item's level", loc, related=related)
    return diags
