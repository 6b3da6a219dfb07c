"""Helpers shared by commands: loading a case and printing diagnostics."""
from __future__ import annotations

import sys
from pathlib import Path

from ..api import Checked, check
from ..diagnostics import Diagnostics, render_json, render_text
from ..errors import UsageError
from ..models import LEVELS


def add_case_arg(p) -> None:
    p.add_argument("case", metavar="CASE", help="the case folder, e.g. cases/iran-2026")


def add_audience_arg(p) -> None:
    p.add_argument("--audience", choices=LEVELS, default=None,
                   help="who the output is for (default: the case's `audience`); names above it are pseudonymised")


def print_diagnostics(diags: Diagnostics, fmt: str = "text", stream=None, summary: bool = False) -> None:
    """Print every diagnostic; then the count line, unless ``summary`` (the caller prints its own)."""
    stream = stream or sys.stderr
    items = diags.sorted()
    if fmt == "json":
        print(render_json(items), file=sys.stdout)
        return
    color = hasattr(stream, "isatty") and stream.isatty()
    for d in items:
        print(render_text(d, color=color), file=stream)
    if items and not summary:
        ne, nw = len(diags.errors), len(diags.warnings)
        print(f"{ne} error{'s' * (ne != 1)}, {nw} warning{'s' * (nw != 1)}", file=stream)


def load_checked(args, strict: bool = False, exhibits=None) -> Checked | None:
    """Check the case; print diagnostics; return None when there are errors (caller exits 1)."""
    if not Path(args.case).is_dir():
        raise UsageError(f"{args.case}: no such case folder")
    res = check(args.case, args.frameworks_dir, exhibits)
    if res.diagnostics.has_errors(strict):
        print_diagnostics(res.diagnostics)
        return None
    return res


def emit_audited(out: str, fmt: str, case, audience: str, command: str) -> int:
    """Audit a command's output for protected identities before printing it; print nothing on a leak."""
    from ..audit import audit_bytes
    from ..protect import protected_strings

    leaks = audit_bytes(out.encode("utf-8"), fmt if fmt in ("json", "csv") else "txt", protected_strings(case, audience))
    if leaks:
        for leak in leaks:
            print(f"casebuilder {command}: error[leak]: {leak.message()}; nothing was printed", file=sys.stderr)
        return 1
    sys.stdout.write(out)
    return 0
