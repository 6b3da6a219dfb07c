"""casebuilder check CASE: report every problem in a case folder."""
from __future__ import annotations

import sys
from pathlib import Path

from ..api import check
from ..errors import UsageError
from ..grading import check_unused_sources
from ..models import COLLECTIONS
from ._common import add_case_arg, print_diagnostics

HELP = "report every problem in a case, as path:line:col: error[CODE]: message"


def configure(p) -> None:
    add_case_arg(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text (for people, on stderr) or json (a list of diagnostics on stdout)")
    p.add_argument("--exhibits", metavar="DIR", default=None, help="exhibits folder (default: CASE/exhibits)")


def _typed_names(res, args) -> None:
    """A protected name typed into text shown below its level: where it was typed (#26).  Not part
    of :func:`casebuilder.api.check`, which every build runs: a brief for an audience cleared to
    see the name is not refused for it (the build reports the places that concern its audience).
    Kept in the check cache beside the checked case, so that a warm check stays warm.  Not without
    a case block (``missing-case``): the levels default to the strictest, and every name would be
    reported."""
    if res.case.info is None:
        return
    from .. import cache
    from ..audit.report import typed_diagnostics
    from ..diagnostics import Diagnostics
    from ..protect.typed import typed_identities

    key = cache.key(args.case, args.frameworks_dir, args.exhibits)
    items = cache.load_findings(key, "typed")
    if items is None:
        items = typed_diagnostics(typed_identities(res.case), Diagnostics()).items
        cache.store_findings(key, "typed", items)
    res.diagnostics.items.extend(items)


def run(args) -> int:
    if not Path(args.case).is_dir():
        raise UsageError(f"{args.case}: no such case folder")
    if args.frameworks_dir and not Path(args.frameworks_dir).is_dir():
        raise UsageError(f"--frameworks-dir {args.frameworks_dir}: no such folder")
    res = check(args.case, args.frameworks_dir, args.exhibits)
    _typed_names(res, args)
    if args.strict:  # a source nothing uses: a leftover or a typo, reported when asked to be strict
        check_unused_sources(res.case, res.diagnostics)
    failed = res.diagnostics.has_errors(args.strict)
    print_diagnostics(res.diagnostics, args.format, summary=args.format == "text" and not failed)
    if args.format == "text" and not failed:  # say that it worked: silence reads as "did it run?"
        case = res.case
        files = len(case.files)
        items = sum(len(getattr(case, name)) for name in COLLECTIONS) + (case.info is not None)
        nw = len(res.diagnostics.warnings)
        print(f"ok: {files} file{'s' * (files != 1)}, {items} item{'s' * (items != 1)}, 0 errors, "
              f"{nw} warning{'s' * (nw != 1)}", file=sys.stderr)
    return 1 if failed else 0
