"""Open a case and its vault for ``verify`` and ``hash``.

Neither command needs the law: the case is loaded and only the exhibit-path and custody checks of
:mod:`casebuilder.resolve` are run, so an exhibit can be verified even where the frameworks are
not installed or a legal link is still being written.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics
from ..errors import UsageError
from ..load import Case, load_case
from ..resolve import check_exhibits_and_custody, default_vault


def open_case(case_dir: Path | str, exhibits: Path | str | None) -> tuple[Case, Path, Diagnostics]:
    """The loaded case, its vault folder and every diagnostic so far. ``exhibits`` defaults to CASE/exhibits."""
    case_dir = Path(case_dir)
    if not case_dir.is_dir():
        raise UsageError(f"{case_dir}: no such case folder")
    if exhibits is not None and not Path(exhibits).is_dir():
        raise UsageError(f"{exhibits}: no such exhibits folder")
    diags = Diagnostics()
    case = load_case(case_dir, diags)
    vault = Path(exhibits) if exhibits is not None else default_vault(case)
    check_exhibits_and_custody(case, diags, vault)
    return case, vault, diags


def load_failed(diags: Diagnostics) -> bool:
    """True when the case could not be read reliably (errors other than exhibit and custody findings)."""
    own = {"unsafe-path", "custody-order", "custody-hash"}
    return any(d.severity == "error" and d.code not in own for d in diags)
