"""Diagnostics that ``verify`` and ``hash`` both give about an exhibit file, worded once."""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics
from ..load import Case, display_path
from .vault import Located


def report_missing(case: Case, loc: Located, vault: Path, diags: Diagnostics, require: bool, note: str = "") -> None:
    """No file at the recorded path: a warning (vaults are often partial), an error when required."""
    where = display_path(vault) + ("" if vault.is_dir() else " (the folder does not exist; pass --exhibits DIR)")
    report = diags.error if require else diags.warning
    report("exhibit-missing", f"exhibit {loc.raw!r} is not in {where}{note}", case.locate(loc.evidence, "exhibit", "path"),
           context=f"in evidence {loc.evidence.id}")


def report_unreadable(case: Case, loc: Located, error: OSError | None, diags: Diagnostics) -> str:
    """The file is there but cannot be hashed (permissions, I/O error, not a regular file); returns why."""
    why = error.strerror if isinstance(error, OSError) and error.strerror else "it is not a regular file"
    diags.error("exhibit-missing", f"exhibit {loc.raw!r} cannot be read: {why}",
                case.locate(loc.evidence, "exhibit", "path"), context=f"in evidence {loc.evidence.id}")
    return why
