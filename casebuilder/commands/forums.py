"""casebuilder forums CASE: where the case can be heard - the ICC and each universal-jurisdiction forum."""
from __future__ import annotations

import json
import shutil
import textwrap

from ..analyse import analyse
from ..analyse.jurisdiction import forum_json, forums, icc_analysis, suspect_labeller
from ..errors import UsageError
from ._common import add_audience_arg, add_case_arg, emit_audited, load_checked

HELP = "list every forum (ICC, national universal-jurisdiction courts): available or not, why, what it covers, what is missing"
DESCRIPTION = (HELP + ". Forums are data in frameworks/forums/; see docs/frameworks.md. The analysis is an aid to "
               "legal judgement, not a determination.")


def configure(p) -> None:
    add_case_arg(p)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--forum", metavar="CODE", default=None, help="show one forum only (icc, de, fr, se, nl, ...)")
    add_audience_arg(p)


def check_forum(code: str | None, fs) -> None:
    if code is not None and code not in fs.forums:
        raise UsageError(f"unknown forum {code!r}; expected one of {', '.join(sorted(fs.forums))} "
                         "(the forums in frameworks/forums/)")


def run(args) -> int:
    checked = load_checked(args)
    if checked is None:
        return 1
    case, fs = checked.case, checked.frameworks
    check_forum(args.forum, fs)
    audience = args.audience or case.info.audience
    analysis = analyse(case, fs, case.info.standard)
    results = [r for r in forums(case, fs, analysis, suspect_labeller(case, audience))
               if args.forum is None or r.code == args.forum]
    if args.format == "json":
        doc = {"case": case.info.id, "icc": icc_analysis(case, fs, analysis) if args.forum in (None, "icc") else None,
               "forums": [forum_json(r) for r in results]}
        out = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    else:
        out = _table(results)
    return emit_audited(out, args.format, case, audience, "forums")


def _table(results) -> str:
    width = max(60, min(110, shutil.get_terminal_size((100, 20)).columns))
    wrap = lambda s, ind="    ": textwrap.fill(s, width, initial_indent=ind, subsequent_indent=ind)  # noqa: E731
    lines = []
    for r in results:
        lines.append(f"{r.code:<4} {r.title} - {r.status_label}")
        for w in r.why:
            lines.append(wrap(w))
        if r.allegations:
            lines.append(wrap("could cover: " + "; ".join(a["title"] for a in r.allegations)))
        if r.suspects:
            lines.append(wrap("suspects within reach: " + "; ".join(f"{s['label']} ({s['basis']})" for s in r.suspects)))
        for s in r.immune:
            lines.append(wrap(f"immune: {s['label']}: {s['text']}"))
        for m in r.missing:
            lines.append(wrap(f"missing: {m}"))
        for n in r.notes:
            lines.append(wrap(f"note: {n}"))
        lines.append("")
    return "\n".join(lines)
