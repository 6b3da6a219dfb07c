"""casebuilder frameworks [ID]: list the legal frameworks, or show one element tree."""
from __future__ import annotations

import json
import shutil
import sys
import textwrap

from ..api import frameworks as load_frameworks
from ..errors import UsageError
from ..models import Element, Framework, Group
from ._common import print_diagnostics

HELP = "list the legal frameworks, or show one framework's element tree with texts and citations"


def configure(p) -> None:
    p.add_argument("id", nargs="?", metavar="ID", help="framework id, e.g. rome-statute/article-7; or `states`")
    p.add_argument("code", nargs="?", metavar="STATE", help="with `states`: one state's ISO 3166-1 alpha-2 code, e.g. SD")
    p.add_argument("--format", choices=["text", "json"], default="text")


def listing(fs) -> list[dict]:
    out = []
    for fw in sorted(fs.frameworks.values(), key=lambda f: f.id):
        leaves = len(fw.contextual_leaves()) + sum(len(p.leaves()) for p in fw.provisions)
        out.append({"id": fw.id, "title": fw.title, "kind": fw.kind, "instrument": fw.instrument,
                    "provisions": len(fw.provisions), "elements": leaves,
                    "armed_conflict": list(fw.applicability.armed_conflict)})
    if fs.standards:
        out.append({"id": "standards-of-proof", "title": "Standards of proof", "kind": "standards",
                    "standards": len(fs.standards)})
    if fs.states:
        out.append({"id": "states", "title": "Treaty participation of states", "kind": "states",
                    "states": len(fs.states), "treaties": len(fs.treaties)})
    return out


def framework_json(fw: Framework) -> dict:
    return fw.model_dump(mode="json", exclude_none=True)


def _wrap(text: str, indent: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=max(width - len(indent), 30),
                         initial_indent=indent, subsequent_indent=indent) or [indent]


def tree_lines(node, indent: str, width: int) -> list[str]:
    if isinstance(node, Group):
        label = "ALL OF" if node.op == "all_of" else "ANY OF"
        if node.label:
            label += f" ({node.label})"
        out = [f"{indent}{label}"]
        for c in node.children:
            out.extend(tree_lines(c, indent + "  ", width))
        return out
    el: Element = node
    out = [f"{indent}{el.id}  [{el.kind}{', analytical' if el.analytical else ''}{', case-law test' if el.basis == 'case-law' else ''}]"]
    out += _wrap(el.text, indent + "    ", width)
    out.append(f"{indent}    \u2014 {el.citation.short()}")
    for fn in el.footnotes:
        out += _wrap(f"fn. {fn.number}: {fn.text}", indent + "    ", width)
    if el.unverified:
        out.append(f"{indent}    (unverified: {el.unverified})")
    return out


def framework_text(fw: Framework, width: int) -> str:
    a = fw.applicability
    lines = [f"{fw.id} \u2014 {fw.title}", f"Instrument: {fw.instrument}", f"Version: {fw.version}",
             f"Applies in: {', '.join(a.armed_conflict)}" + (f"; treaty: {a.treaty}" if a.treaty else "")
             + ("; customary law" if a.custom else "") + ("; soft law" if a.soft_law else "")]
    if a.note:
        lines += _wrap(a.note, "  ", width)
    if fw.contextual is not None:
        lines += ["", "Contextual elements (shared by every provision):"]
        lines += tree_lines(fw.contextual, "  ", width)
    for p in fw.provisions:
        lines += ["", f"{p.id} \u2014 {p.title}  ({p.citation.short()})"]
        if p.applicability is not None:
            lines.append(f"  Applies in: {', '.join(p.applicability.armed_conflict)}")
        lines += tree_lines(p.elements, "  ", width)
    return "\n".join(lines)


def run(args) -> int:
    fs, diags = load_frameworks(args.frameworks_dir)
    if diags.has_errors():
        print_diagnostics(diags)
        return 1
    if args.id is None:
        items = listing(fs)
        if args.format == "json":
            print(json.dumps(items, indent=2, ensure_ascii=False))
            return 0
        for it in items:
            counts = (f"{it['provisions']} provisions, {it['elements']} elements" if "provisions" in it else
                      f"{it['standards']} standards" if "standards" in it else
                      f"{it['states']} states, {it['treaties']} treaties")
            print(f"{it['id']:<34} {it['title']}  ({counts})")
        return 0
    if args.id == "standards-of-proof" and fs.standards:
        data = [s.model_dump(mode="json", exclude_none=True) for s in fs.standards_by_rank()]
        if args.format == "json":
            print(json.dumps({"id": "standards-of-proof", "note": fs.standards_note, "standards": data}, indent=2, ensure_ascii=False))
        else:
            for s in fs.standards_by_rank():
                print(f"{s.id} \u2014 {s.title} ({s.citation.short()})")
                print("\n".join(_wrap(s.text, "    ", 100)))
                print(f"    parameters: {s.parameters.model_dump()}")
        return 0
    if args.id == "states" and fs.states:
        from .states import run_states
        return run_states(fs, args.code, args.format)
    if args.code is not None:
        raise UsageError(f"a second argument ({args.code!r}) is taken only by `casebuilder frameworks states`")
    fw = fs.frameworks.get(args.id)
    if fw is None:
        known = ", ".join(sorted(fs.frameworks))
        raise UsageError(f"no framework {args.id!r}; known: {known}")
    if args.format == "json":
        print(json.dumps(framework_json(fw), indent=2, ensure_ascii=False))
    else:
        width = shutil.get_terminal_size((100, 20)).columns if sys.stdout.isatty() else 100
        print(framework_text(fw, width))
    return 0
