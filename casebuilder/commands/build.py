"""casebuilder build CASE: render a brief (legal, UN filing or gap review) as PDF, HTML or JSON."""
from __future__ import annotations

import sys
from pathlib import Path

from ..build import FORMATS, BuildFailed, build
from ..errors import UsageError
from ..render.html import TemplateFailed
from ._common import add_audience_arg, add_case_arg, print_diagnostics

HELP = "render a brief of the case (PDF/A-3b by default) into build/"


def configure(p) -> None:
    add_case_arg(p)
    p.add_argument("--brief", choices=["legal", "un", "review"], default="legal",
                   help="legal submission (default), UN filing, or evidentiary gap review")
    add_audience_arg(p)
    p.add_argument("--format", choices=FORMATS, default="pdf",
                   help="pdf (default), html, json (the full view model the templates receive), or docx / odt (an editable brief for Word or LibreOffice, with real footnotes)")
    p.add_argument("-o", "--output", metavar="PATH", default=None,
                   help="output file (default: build/<case>-<brief>-<audience>.<format>)")
    p.add_argument("--standard", default=None, help="standard of proof (default: the case's)")
    p.add_argument("--templates", metavar="DIR", default=None, help="use your own templates folder")
    p.add_argument("--exhibits", metavar="DIR", default=None, help="exhibits folder (default: CASE/exhibits)")
    p.add_argument("--strict", action="store_true", help="fail on warnings (e.g. a refused fetch)")
    p.add_argument("--detail-limit", metavar="N", type=int, default=None,
                   help="incidents described in full; above N the chronology is summarised, with every "
                        "incident in a register annex (default 50)")
    p.add_argument("--register-limit", metavar="N", type=int, default=None,
                   help="rows an annex register prints; a longer one is summarised and attached to the "
                        "PDF in full as CSV (default 2000)")


def run(args) -> int:
    if not Path(args.case).is_dir():
        raise UsageError(f"{args.case}: no such case folder")
    if args.templates and not Path(args.templates).is_dir():
        raise UsageError(f"{args.templates}: no such templates folder")
    try:
        res = build(args.case, brief=args.brief, audience=args.audience, fmt=args.format, output=args.output,
                    templates=args.templates, frameworks_dir=args.frameworks_dir, exhibits=args.exhibits,
                    standard=args.standard, strict=args.strict, detail_limit=args.detail_limit,
                    register_limit=args.register_limit)
    except (BuildFailed, TemplateFailed) as e:
        print_diagnostics(e.diagnostics)
        print("casebuilder: build failed; nothing was written", file=sys.stderr)
        return 1
    if res.diagnostics.items:
        print_diagnostics(res.diagnostics)
    print(f"wrote {res.path} ({len(res.data):,} bytes)")
    return 0
