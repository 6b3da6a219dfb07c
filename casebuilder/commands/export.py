"""casebuilder export CASE: the case as a workbook or CSV files, for spreadsheets and documenters."""
from __future__ import annotations

import sys

from ..exchange.export import FORMATS, export_case
from ..exchange.template import write_template
from ._common import add_audience_arg, add_case_arg, print_diagnostics

HELP = "export the case's records as an XLSX workbook or CSV files (one sheet per collection), or an empty template"
DESCRIPTION = (
    "Write one sheet (or CSV file) per collection — sources, persons, actors, incidents, evidence, figures, "
    "allegations and their links — one row per record, the record's id in the first column, values as the case "
    "files hold them. The audience rules of the briefs apply: records above the audience are left out and a "
    "person's identity above it reads [withheld]; the output passes the leak audit before it is written. "
    "--template writes an empty workbook with the headers, lists of allowed values and an instructions sheet.")


def configure(p) -> None:
    add_case_arg(p)
    p.add_argument("--format", choices=FORMATS, default="xlsx",
                   help="xlsx: one workbook; csv: a folder with one CSV file per collection (default: xlsx)")
    add_audience_arg(p)
    p.add_argument("-o", "--output", metavar="PATH", default=None,
                   help="where to write (default: build/<case>-data-<audience>.xlsx, or that folder for csv)")
    p.add_argument("--template", action="store_true",
                   help="write an empty workbook for documenters: headers, value lists, instructions")


def run(args) -> int:
    if args.template:
        path = write_template(args.case, args.output, args.frameworks_dir)
        print(f"wrote {path}")
        return 0
    from ..build import BuildFailed
    try:
        res = export_case(args.case, args.format, args.audience, args.output, args.frameworks_dir)
    except BuildFailed as e:
        print_diagnostics(e.diagnostics)
        print("casebuilder: export failed; nothing was written", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n} {name}" for name, n in res.rows.items())
    print(f"wrote {res.path} ({counts or 'no records'})")
    print_diagnostics(res.diagnostics)
    return 0
