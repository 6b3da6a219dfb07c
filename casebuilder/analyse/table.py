"""The readable terminal table of `casebuilder gaps` (colour only when asked: the caller checks the TTY)."""
from __future__ import annotations

import textwrap

from .export import readiness_status
from .results import STATUSES, Analysis
from .view import View

COLOURS = {"met": "32", "for_legal_evaluation": "36", "contested": "35", "insufficient": "33", "unsupported": "31",
           "undetermined": "36", "derived": "2", "not_applicable": "2"}
#: What each standard of proof is the threshold for (shown with `--standard all`).
USES = {
    "reasonable-basis": "Art. 15/53 communication, investigation",
    "reasonable-grounds": "arrest warrant (Art. 58); UN commissions of inquiry",
    "substantial-grounds": "confirmation of charges (Art. 61(7))",
    "beyond-reasonable-doubt": "conviction at trial (Art. 66(3))",
}


class Painter:
    def __init__(self, colour: bool):
        self.colour = colour

    def status(self, s: str, width: int = 0) -> str:
        text = s.replace("_", " ").ljust(width)
        return f"\x1b[{COLOURS[s]}m{text}\x1b[0m" if self.colour and s in COLOURS else text

    def bold(self, s: str) -> str:
        return f"\x1b[1m{s}\x1b[0m" if self.colour else s


def _wrap(text: str, indent: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=max(width - len(indent), 40), initial_indent=indent,
                         subsequent_indent=indent + "  ") or [indent]


def _parameters(an: Analysis) -> str:
    p = an.parameters
    return (f"needs {p.min_independent_origins} independent origin(s) with reliability {p.min_reliability} or better "
            f"and credibility {p.max_credibility} or better" + ("; a direct item" if p.require_direct else "")
            + f"; contradictions (reliability {p.con_min_reliability} or better, credibility {p.con_max_credibility} or better) "
            f"outweighed by more than {p.contradiction_margin}")


#: Reasons the table leaves to the JSON (the status already says it, or it is not a gap).
QUIET = ("standard-met", "provision-not-applicable", "interested-party-admission", "derived-element")
HEADER = (f"    {'element':<24} {'status':<13} {'origins':>7} {'qual.':>5} {'dir/rel':>7} {'rel':>3} {'cred':>4} "
          f"{'contra':>6}")


def _same(a, b) -> bool:
    key = lambda e: (e.status, [i.evidence_id for i in e.supporting], [i.evidence_id for i in e.contradicting])  # noqa: E731
    return key(a) == key(b)


def _elements(elements, view: View, paint: Painter, width: int, max_suggestions: int) -> list[str]:
    out = [HEADER]
    for e in elements:
        names = view.element(e)
        eid = ("ctx " if e.contextual else "") + e.id
        out.append(f"    {eid:<24} {paint.status(e.status, 13)} {e.independent_origins:>7} {e.qualifying_origins:>5} "
                   f"{f'{e.direct}/{e.relayed}':>7} {e.best_reliability or '-':>3} {e.best_credibility or '-':>4} "
                   f"{len(e.contradicting):>6}")
        shown = [r for r in e.reasons if r.code not in QUIET]
        if any(r.code == "alternative-met" for r in shown):  # not a gap: say why, and never hide a denial
            shown = [r for r in shown if r.code in ("alternative-met", "interested-party-denial")]
        for r in shown:
            out += _wrap(f"- {r.render(names)}", "        ", width)
        if e.status not in ("met", "derived", "for_legal_evaluation") and not any(r.code == "alternative-met" for r in shown):
            for sug in e.suggestions[:max_suggestions]:
                out += _wrap(f"\u2192 {sug.render(names)}", "        ", width)
    return out


def _heading(a, view: View, paint: Painter, width: int) -> list[str]:
    out = [paint.bold(f"{a.id}  {a.provision or a.framework}  ") + paint.status(a.status)
           + f"  [{a.applicability.status.replace('_', ' ')}]"]
    out += _wrap(view.text(a.title) or "", "  ", width)
    for r in a.reasons:
        out += _wrap(f"\u00b7 {r.render()}", "  ", width)
    return out


def render_table(an: Analysis, audience=None, label=None, colour: bool = False, width: int = 100,
                 max_suggestions: int = 3, item=None) -> str:
    """Contextual elements shared through a context allegation are shown once, under that allegation."""
    view = View(an, audience, label, item)
    paint = Painter(colour)
    out = [paint.bold(f"{an.case_id} \u2014 gap analysis under {an.standard}: {an.standard_title}"),
           *_wrap(_parameters(an), "", width), ""]
    contexts = {c.framework: c for c in an.contexts}
    for c in an.contexts:
        out += _heading(c, view, paint, width)
        out += _elements(c.elements, view, paint, width, max_suggestions) + [""]
    for a in an.allegations:
        out += _heading(a, view, paint, width)
        if a.status == "not_applicable":
            out.append("")
            continue
        ctx = contexts.get(a.framework)
        situation = [e for e in a.elements if e.contextual and e.scope != "act"]
        shared = ctx is not None and len(situation) == len(ctx.elements) and all(
            _same(e, c) for e, c in zip(situation, ctx.elements))
        rows = [e for e in a.elements if not (shared and e.contextual and e.scope != "act")]
        out += _elements(rows, view, paint, width, max_suggestions)
        if shared:
            out.append(f"    contextual elements: {paint.status(ctx.status)} (shared, see {ctx.id} above)")
        out.append("")
    out.append("allegations: " + ", ".join(f"{an.summary[s]} {s.replace('_', ' ')}" for s in STATUSES))
    q = an.quality
    out.append(f"quality: {q['single_origin_rows']} of {q['supported_rows']} supported elements rest on one origin; "
               f"{q['relayed_items']} of {q['items']} items relay others; reliability "
               + " ".join(f"{g}:{n}" for g, n in q["reliability_distribution"].items()))
    return "\n".join(out) + "\n"


def render_matrix(analyses: dict[str, Analysis], colour: bool = False) -> str:
    paint = Painter(colour)
    first = next(iter(analyses.values()))
    sids = list(analyses)
    idw = max([len("allegation"), *(len(a.id) for a in first.allegations)])
    pw = max([len("provision"), *(len(a.provision or "") for a in first.allegations)])
    cols = [max(len(s), 14) for s in sids]
    out = [paint.bold(f"{first.case_id} \u2014 allegations \u00d7 standards of proof"), "",
           f"{'allegation':<{idw}}  {'provision':<{pw}}  " + "  ".join(f"{s:<{w}}" for s, w in zip(sids, cols))]
    for a in first.allegations:
        cells = [paint.status(readiness_status(analyses[s], analyses[s].allegation(a.id)), w) for s, w in zip(sids, cols)]
        out.append(f"{a.id:<{idw}}  {a.provision or '':<{pw}}  " + "  ".join(cells))
    out += ["", "ready (allegations met):"]
    total = len(first.allegations)
    for s in sids:
        an = analyses[s]
        if an.readiness != "applicable":
            out.append(f"  {s:<24} not applicable \u2014 no identified person ({USES.get(s, an.standard_title)})")
            continue
        out.append(f"  {s:<24} {an.summary['met']:>3} of {total}  \u2014 {USES.get(s, an.standard_title)}")
    return "\n".join(out) + "\n"
