"""casebuilder audit FILE --case CASE: scan a file for protected identities before it is filed."""
from __future__ import annotations

import sys
from pathlib import Path

from ..audit import audit_file, format_leak
from ..audit.extract import AuditError
from ..diagnostics import Diagnostics
from ..errors import UsageError
from ..load import load_case
from ..protect import protected_strings
from ._common import add_audience_arg, print_diagnostics

HELP = "scan a file (PDF, HTML, JSON, CSV, text, DOCX/ODT) for protected identities before it is filed"
DESCRIPTION = (HELP + ". Exit 0: none found; exit 1: a protected name, alias, sensitive value or withheld "
               "item was found (each place is listed, the value itself never printed).")


def configure(p) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="the file(s) to audit")
    p.add_argument("--case", required=True, metavar="CASE", help="the case folder the file was made from")
    add_audience_arg(p)
    p.add_argument("--strict", action="store_true",
                   help="also fail when part of a file cannot be audited (pages showing images but no text)")


def _load(folder: str):
    """The case as loaded, or None (diagnostics printed) if any of it failed to load: a person
    missing from the model would be a person the audit does not protect.  Cross-references to the
    frameworks do not matter here, so the case need not pass `check` in full."""
    if not Path(folder).is_dir():
        raise UsageError(f"{folder}: no such case folder")
    diags = Diagnostics()
    case = load_case(Path(folder), diags)
    if diags.has_errors() or case.broken_ids or case.incomplete:
        print_diagnostics(diags)
        print(f"casebuilder: error: {folder} has errors; fix them before auditing against it", file=sys.stderr)
        return None
    return case


def run(args) -> int:
    case = _load(args.case)
    if case is None:
        return 1
    audience = args.audience or case.info.audience
    count = len(protected_strings(case, audience))
    failed = False
    for path in args.files:
        notes: list[str] = []
        try:
            leaks = audit_file(path, case, audience, notes)
        except AuditError as e:
            print(f"{path}: error[leak]: cannot audit: {e}", file=sys.stderr)
            failed = True
            continue
        for leak in leaks:
            print(format_leak(path, leak), file=sys.stderr)
        for note in notes:
            print(f"{path}: {'error' if args.strict else 'warning'}[leak]: not audited: {note}", file=sys.stderr)
        failed |= bool(leaks) or (args.strict and bool(notes))
        if leaks:
            n = len(leaks)
            print(f"{path}: {n} leak{'s' * (n != 1)} for audience {audience}; do not file this document",
                  file=sys.stderr)
        else:
            print(f"{path}: OK: none of {count} protected strings found (audience {audience})")
    return 1 if failed else 0
