"""casebuilder gaps CASE: element-by-element status of every allegation under a standard of proof."""
from __future__ import annotations

import json
import os
import shutil
import sys

from ..analyse import analyse, analyse_all, csv_text, matrix_json
from ..protect import Protector
from ..analyse.table import render_matrix, render_table
from ..errors import UsageError
from ._common import add_audience_arg, add_case_arg, emit_audited, load_checked

HELP = "show, element by element, what the evidence establishes under a standard of proof, and what is missing"
DESCRIPTION = (HELP + ". The decision rule, the JSON keys, CSV columns and reason codes are documented in "
               "docs/gaps.md.")
FAIL_ON = ("insufficient", "unsupported", "contested", "for_legal_evaluation")


def configure(p) -> None:
    add_case_arg(p)
    p.add_argument("--standard", metavar="S", default=None,
                   help="standard of proof (reasonable-basis, reasonable-grounds, substantial-grounds, "
                        "beyond-reasonable-doubt), or 'all' for the allegation x standard matrix; "
                        "default: the case's `standard`")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    add_audience_arg(p)
    p.add_argument("--suspects", action="store_true",
                   help="show the suspects' matrix instead: each suspect x allegation x mode of liability, crime base "
                        "and linkage, with immunity flags; with --standard all, readiness under arts. 58, 61(7), 66(3)")
    p.add_argument("--fail-on", metavar="STATUS", action="append", default=[],
                   help="exit 1 if any allegation has this status (insufficient, unsupported, contested); "
                        "repeat or separate with commas")


def _fail_on(values: list[str]) -> set[str]:
    out = {v.strip() for raw in values for v in raw.split(",") if v.strip()}
    bad = sorted(out - set(FAIL_ON))
    if bad:
        raise UsageError(f"--fail-on: unknown status {', '.join(bad)}; choose from {', '.join(FAIL_ON)}")
    return out


def _colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _emit(out: str, fmt: str, case, audience: str) -> int:
    return emit_audited(out, fmt, case, audience, "gaps")


def run(args) -> int:
    fail_on = _fail_on(args.fail_on)
    checked = load_checked(args)
    if checked is None:
        return 1
    case, fs = checked.case, checked.frameworks
    if not fs.standards:
        raise UsageError("no standards of proof: the frameworks folder has no standards-of-proof.yaml")
    sid = args.standard
    if sid is not None and sid != "all" and sid not in fs.standards:
        raise UsageError(f"--standard: unknown standard {sid!r}; choose from all, {', '.join(sorted(fs.standards))}")
    if sid == "all" and fail_on:
        raise UsageError("--fail-on needs one standard; it cannot be combined with --standard all")
    audience = args.audience or case.info.audience
    if getattr(args, "suspects", False):
        return _suspects(args, case, fs, sid, audience)
    # JSON and CSV name persons by id (pseudonyms for protected ones); the table speaks to people.
    # Withheld items get the opaque references the briefs cite ('E-07') in every format.
    prot = Protector(case, audience)
    label = prot.person_label if args.format == "table" else prot.person_key
    item = prot.evidence_ref
    notes = _notes(args.case, prot)
    if sid == "all":
        analyses = analyse_all(case, fs, label=label)
        if args.format == "json":
            out = _json({**matrix_json(analyses), "review_notes": [_note_json(n) for n in notes]})
        elif args.format == "csv":
            out = csv_text(analyses.values(), audience, label, item, _row_notes(notes, prot))
        else:
            out = render_matrix(analyses, colour=_colour()) + _notes_text(notes)
        return _emit(out, args.format, case, audience)
    an = analyse(case, fs, sid, label=label)
    if args.format == "json":
        out = _json({**an.to_json(audience, label=label, item=item), "review_notes": [_note_json(n) for n in notes]})
    elif args.format == "csv":
        out = csv_text([an], audience, label, item, _row_notes(notes, prot))
    else:
        width = shutil.get_terminal_size((100, 20)).columns if sys.stdout.isatty() else 100
        out = render_table(an, audience, colour=_colour(), width=width, item=item) + _notes_text(notes)
    if _emit(out, args.format, case, audience):
        return 1
    failing = [a for a in an.allegations if a.status in fail_on]
    if failing:
        print(f"casebuilder gaps: {len(failing)} allegation{'s' * (len(failing) != 1)} "
              f"{'is' if len(failing) == 1 else 'are'} {' or '.join(sorted(fail_on))} under {an.standard} "
              f"(--fail-on): {', '.join(a.id for a in failing)}", file=sys.stderr)
        return 1
    return 0


def _json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _notes(case_dir, prot) -> list[dict]:
    """The open review notes (reviews/*.yaml, written in `casebuilder serve`) this audience may see;
    a malformed notes file is a warning on stderr."""
    from ..reviews import load_notes, notes_view

    notes = load_notes(case_dir)
    for d in notes.diagnostics.sorted():
        print(f"{d.location}: warning[{d.code}]: {d.message}", file=sys.stderr)
    visible = {e.id for e in prot.case.evidence if prot.evidence_visible(e)}
    return notes_view(notes, prot.text, visible)


NOTE_KEYS = ("id", "reviewer", "on", "allegation", "element", "evidence", "status", "author", "date", "text")


def _note_json(n: dict) -> dict:
    return {k: n[k] for k in NOTE_KEYS}


def _row_notes(notes: list[dict], prot):
    """For the CSV: the open notes on a row's element, on its allegation, and on the items linked
    to that element or relayed by them, down to their origins (counted, and as lines
    `target: text (author, date)`). A chain is not followed through an item withheld from the audience."""
    linked: dict[tuple, set[str]] = {}  # (standard, allegation row, element) -> items linked there, and what they relay
    items_by_id = {e.id: e for e in prot.case.evidence}

    def chain(ids) -> set[str]:
        out, todo = set(), list(ids)
        while todo:
            e = items_by_id.get(todo.pop())
            if e is None or e.id in out or not prot.evidence_visible(e):
                continue
            out.add(e.id)
            todo.extend(e.derived_from)
        return out

    def of(an, row: dict) -> dict:
        if not notes:
            return {"open_notes": 0, "notes": ""}
        if (an.standard, row["allegation"], row["element"]) not in linked:
            for a in (*an.allegations, *an.contexts):
                for e in a.elements:
                    linked[(an.standard, a.id, e.id)] = chain(w.evidence_id for w in (*e.supporting, *e.contradicting))
        items = linked.get((an.standard, row["allegation"], row["element"]), set())
        als = row["allegation"].split("+")  # a contextual row names every context allegation
        mine = [n for n in notes
                if (n["on"] == "allegation" and n["allegation"] in als)
                or (n["on"] == "element" and n["allegation"] in als and n["element"] == row["element"])
                or (n["on"] == "item" and n["evidence"] in items)]
        return {"open_notes": len(mine), "notes": "\n".join(_note_line(n) for n in mine)}
    return of


def _note_line(n: dict) -> str:
    return f"{n['target']}: {' '.join(n['text'].split())} ({n['author']}, {n['date'][:10]})"


def _notes_text(rows: list[dict]) -> str:
    """The open review notes after the table."""
    if not rows:
        return ""
    lines = [f"\nOpen review notes ({len(rows)})"]
    lines += [f"  {_note_line(n)}" for n in rows]
    return "\n".join(lines) + "\n"


def _suspects(args, case, fs, sid: str | None, audience: str) -> int:
    """`gaps --suspects`: the suspects' matrix (casebuilder.analyse.liability)."""
    from ..analyse.liability import analyse_suspects, readiness
    from ..analyse.liability_export import suspects_csv, suspects_json, suspects_table

    prot = Protector(case, audience)
    ready = readiness(case, fs) if sid == "all" else None
    sa = analyse_suspects(case, fs, None if sid == "all" else sid)
    if args.format == "json":
        data = suspects_json(sa, case, audience, prot.person_key, prot.evidence_ref, ready, fs)
        out = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif args.format == "csv":
        out = suspects_csv(sa, case, audience, fs)
    else:
        width = shutil.get_terminal_size((100, 20)).columns if sys.stdout.isatty() else 100
        out = suspects_table(sa, case, audience, width, ready, fs)
    return _emit(out, args.format, case, audience)
