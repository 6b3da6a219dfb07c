"""casebuilder verify CASE: hash every exhibit and check it against the case and its custody logs."""
from __future__ import annotations

import argparse
import sys

from ..integrity import render_json, render_table, verify_case
from ._common import add_case_arg, print_diagnostics

HELP = "hash every exhibit (SHA-256) and check it against the recorded hash and the chain of custody"
DESCRIPTION = (
    "Hash every exhibit in the exhibits folder and report, per evidence item: ok, mismatch (error), moved "
    "(error), missing (warning; error with --require-exhibits), unhashed (warning), plus files in the folder "
    "that no item records (warning). Custody logs are checked for order and for hashes that differ from the "
    "exhibit's. The table goes to stdout, diagnostics to stderr; exit 1 on any error.")


def configure(p) -> None:
    add_case_arg(p)
    add_vault_args(p)
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="text (a table on stdout, diagnostics on stderr) or json (one object on stdout)")


def add_vault_args(p) -> None:
    """Options shared with `hash`: where the exhibits are, and how many to hash at once."""
    p.add_argument("--exhibits", metavar="DIR", default=None,
                   help="the exhibits folder (vault) the case's exhibit paths are relative to (default: CASE/exhibits)")
    p.add_argument("--require-exhibits", action="store_true",
                   help="a missing exhibit is an error, not a warning (use when the vault must be complete)")
    p.add_argument("--jobs", type=_positive, default=None, metavar="N",
                   help="files hashed at once (default: one per CPU core, at most 8; use 1 on a spinning disk)")


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return n


def run(args) -> int:
    report = verify_case(args.case, args.exhibits, jobs=args.jobs, require_exhibits=args.require_exhibits,
                         progress_stream=sys.stderr)
    if args.format == "json":
        print(render_json(report))
    else:
        print(render_table(report))
        print_diagnostics(report.diagnostics)
    return 0 if report.ok() else 1
