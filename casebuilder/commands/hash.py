"""casebuilder hash CASE: record the hash, size and media type of exhibits that have none."""
from __future__ import annotations

import sys

from ..integrity import hash_case
from ._common import add_case_arg, print_diagnostics
from .verify import add_vault_args

HELP = "record the SHA-256 (and size, media type) of exhibits that have none, with a `verified` custody entry"
DESCRIPTION = (
    "Hash every exhibit that has no recorded sha256 and write the hash, size and media type into its "
    "evidence item, with a custody entry {date, by, action: verified, sha256}. The YAML is edited in place: "
    "comments, key order and layout are kept, only lines are added, and a file is rewritten (atomically) only "
    "if something is added to it. Exhibits that already have a hash are left alone; use `verify` to check them.")


def configure(p) -> None:
    add_case_arg(p)
    add_vault_args(p)
    p.add_argument("--date", metavar="YYYY-MM-DD", default=None,
                   help="date of the `verified` custody entry (default: today's date on this computer)")
    p.add_argument("--by", metavar="NAME", default=None,
                   help="who verified the exhibits, for the custody entry (default: the case's prepared_by)")
    p.add_argument("--dry-run", action="store_true", help="print the changes as a diff and write nothing")


def run(args) -> int:
    res = hash_case(args.case, args.exhibits, date=args.date, by=args.by, jobs=args.jobs,
                    require_exhibits=args.require_exhibits, dry_run=args.dry_run, progress_stream=sys.stderr)
    for diff in res.diffs.values():
        sys.stdout.write(diff)
    for r in res.recorded:
        print(f"{'would record' if args.dry_run else 'recorded'}  {r.evidence}  {r.path}  {r.sha256[:12]}  "
              f"{r.size} bytes  ({r.file})")
    n, f = len(res.recorded), len(res.files_changed)
    verb = "would record" if args.dry_run else "recorded"
    print(f"{verb} {n} hash{'es' * (n != 1)} in {f} file{'s' * (f != 1)}; "
          f"{res.already} exhibit{'s' * (res.already != 1)} already had one")
    print_diagnostics(res.diagnostics)
    return 0 if res.ok() else 1
