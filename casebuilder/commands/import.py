"""casebuilder import CASE SHEET...: spreadsheet rows into the case, by stable id."""
from __future__ import annotations

import sys

from ..exchange.importer import import_sheets
from ._common import add_case_arg, print_diagnostics

HELP = "create and update records from an XLSX workbook or CSV files (by id), editing the YAML in place"
DESCRIPTION = (
    "Rows whose id is new create records; rows whose id exists update only the cells that differ, in the file "
    "where the record lives, keeping comments, key order and layout. Nothing is written unless the case after "
    "the import passes `check`; every problem is reported as FILE[SHEET]:ROW:COLUMN. Records missing from a "
    "sheet are deleted only with --delete. Each import appends a line to imports.log in the case.")


def configure(p) -> None:
    add_case_arg(p)
    p.add_argument("sheets", metavar="SHEET", nargs="+",
                   help="an .xlsx workbook, a .csv file named after its collection (evidence.csv), or a folder of them")
    p.add_argument("--into", metavar="FILE", default=None,
                   help="case file (relative to CASE) for new records (default: beside the collection's last record)")
    p.add_argument("--delete", action="store_true",
                   help="delete the records of each imported collection that the sheet no longer lists")
    p.add_argument("--dry-run", action="store_true", help="print the changes as a diff and write nothing")
    p.add_argument("--from", dest="source", choices=["casebuilder", "uwazi"], default="casebuilder",
                   help="uwazi: read an Uwazi CSV export through --mapping (default: casebuilder's own sheets)")
    p.add_argument("--mapping", metavar="FILE", default=None,
                   help="with --from uwazi: the YAML file mapping Uwazi templates and properties to the case format")


def run(args) -> int:
    from ..errors import UsageError
    if args.source == "uwazi" and not args.mapping:
        raise UsageError("--from uwazi needs --mapping FILE (see docs/exchange.md)")
    res = import_sheets(args.case, args.sheets, into=args.into, delete=args.delete, dry_run=args.dry_run,
                        frameworks_dir=args.frameworks_dir,
                        uwazi_mapping=args.mapping if args.source == "uwazi" else None)
    if args.dry_run:
        for diff in res.diffs.values():
            sys.stdout.write(diff)
    print_diagnostics(res.diagnostics)
    if not res.ok():
        print("nothing was written", file=sys.stderr)
        return 1
    verb = "would change" if args.dry_run else "changed"
    print(f"{verb} {len(res.files)} file{'s' * (len(res.files) != 1)}: {res.created} created, {res.updated} updated, "
          f"{res.unchanged} unchanged, {res.deleted} deleted")
    return 0
