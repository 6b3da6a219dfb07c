"""analyse: a checked case and the frameworks → an Analysis under one standard of proof.

Pure and deterministic: no I/O, no clock, and no dependence on the order of files or items (every
collection is keyed and sorted by id or by the order of the law itself).
"""
from __future__ import annotations

import dataclasses

from .. import gcpause
from ..models import Framework
from .applicability import applicability
from .element import Index, by_element, evaluate_element
from .origins import OriginGraph
from .quality import quality
from .results import (STATUSES, AllegationResult, Analysis, ApplicabilityResult, ElementResult, Label,
                      NodeResult, Reason, Visibility)
from .tree import alternatives_met, blocking, evaluate, join, tree_statuses


class Engine:
    """The element engine of one analysis: a case's origin graph and sources under one standard.

    Reusable on any element tree (e.g. the elements of a mode of liability, per suspect)::

        eng = Engine(case, fs, "reasonable-grounds")
        elements, tree = eng.evaluate(node, links)            # node: a framework Node (leaf or group)
        status = tree.status                                   # elements: ElementResult per leaf

    ``links`` are any objects with ``element``, ``evidence``, ``stance`` and ``note`` (and optionally
    ``alternative``, ``inference``, ``pattern``), e.g. :class:`casebuilder.models.Link`.
    """

    def __init__(self, case, fs, standard: str):
        if standard not in fs.standards:
            raise ValueError(f"unknown standard of proof {standard!r}; known: {', '.join(sorted(fs.standards)) or 'none'}")
        self.std = fs.standards[standard]
        self.idx = Index(OriginGraph(case.evidence, {s.id: s for s in case.sources}, {p.id for p in case.persons}),
                         {s.id: s for s in case.sources})
        self.case = case

    def evaluate(self, node, links, period=None, offered_links=None, app: ApplicabilityResult | None = None,
                 contextual: bool = False) -> tuple[list[ElementResult], NodeResult]:
        app = app or ApplicabilityResult("applicable")
        elements = [evaluate_element(e, contextual, list(links), self.idx, self.std, app, period, offered_links)
                    for e in node.leaves()]
        tree = evaluate(node, tree_statuses(elements))
        return elements, tree


def analyse(case, fs, standard: str | None = None, label: Label | None = None, person: str | None = None,
            reuse=None, settle: bool = True) -> Analysis:
    """The gap analysis of ``case`` under ``standard`` (default: the case's own standard).

    ``person``: the identified person the analysis is about (suspects); a standard that is about a
    person (confirmation, trial) is marked not applicable without one.  ``reuse``: for an
    incremental re-analysis (the workspace, casebuilder/serve/recheck.py), a function of an
    allegation returning its result from an earlier analysis when nothing it depends on changed,
    else None; it is asked for the contextual results too, with None.  ``settle``: False leaves the
    results in the collector's sight, for a caller that settles itself (the workspace collects first:
    a concurrent request's garbage cycle would be kept for good by a settle alone)."""
    with gcpause.paused():  # result objects by the hundred thousand, no cycles: see gcpause
        analysis = _analyse(case, fs, standard, label, person, reuse)
        if settle:
            gcpause.settle()  # (else the collector's next pass walks every result: 0.2 s on 20,000 incidents)
        return analysis


def _analyse(case, fs, standard: str | None, label: Label | None, person: str | None = None, reuse=None) -> Analysis:
    info = case.info
    if info is None:
        raise ValueError("the case has no `case` block")
    sid = standard or info.standard
    eng = Engine(case, fs, sid)
    std, idx = eng.std, eng.idx
    case_period = _span([info.situation.period])
    incidents = {i.id: i for i in case.incidents}
    ctx_links: dict[str, list] = {}
    ctx_ids: dict[str, list[str]] = {}
    for al in sorted(case.allegations, key=lambda a: a.id):
        if al.context:
            ctx_links.setdefault(al.framework, []).extend(al.links)
            ctx_ids.setdefault(al.framework, []).append(al.id)
    used = [fid for fid in dict.fromkeys([*info.frameworks, *sorted(a.framework for a in case.allegations)])
            if fid in fs.frameworks]
    frameworks = {fid: applicability(fs.frameworks[fid], None, info.situation, fs) for fid in used}
    results = []
    for al in sorted((a for a in case.allegations if not a.context), key=lambda a: _order(a, info, fs)):
        fw = fs.frameworks.get(al.framework)
        prov = fw.provision(al.provision) if fw is not None else None
        if prov is None:
            continue  # reported by `check` (unknown-framework / unknown-provision)
        if reuse is not None and (kept := reuse(al)) is not None:
            results.append(kept)  # (its applicability too: the case block is unchanged when reuse is given)
            continue
        app = applicability(fw, prov, info.situation, fs)
        period = _span([incidents[i].date for i in al.incidents if i in incidents]) or case_period
        results.append(_allegation(al.id, al.title or prov.title, fw, prov, app, list(al.links),
                                   ctx_links.get(fw.id, []), tuple(ctx_ids.get(fw.id, [])), idx, std, period, case_period))
    kept = reuse(None) if reuse is not None else None
    contexts = kept if kept is not None else [_allegation("+".join(ctx_ids[fid]), f"Contextual elements of {fs.frameworks[fid].title}",
                            fs.frameworks[fid], None, frameworks[fid], [], ctx_links[fid], tuple(ctx_ids[fid]), idx, std,
                            case_period, case_period)
                for fid in used if fid in ctx_ids and fs.frameworks[fid].contextual is not None]
    summary = {s: sum(1 for a in results if a.status == s) for s in STATUSES}
    readiness, why = "applicable", None
    if std.requires_person and person is None:
        readiness = "not_applicable"
        why = Reason.of("no-identified-person", "{0} ({1}) is a standard about an identified person and a mode of "
                        "liability, and no person is identified: shown as the evidence would stand, not as readiness",
                        std.title, std.citation.short())
        results = [dataclasses.replace(a, reasons=a.reasons + (why,)) if a.status != "not_applicable" else a
                   for a in results]
    return Analysis(
        case_id=info.id, standard=std.id, standard_title=std.title, parameters=std.parameters,
        allegations=tuple(results), contexts=tuple(contexts), frameworks=frameworks, summary=summary,
        quality=quality(results, contexts), readiness=readiness, readiness_reason=why, person=person,
        visibility=_visibility(case), label=label,
    )


def _span(dates) -> tuple | None:
    dates = [d for d in dates if d is not None]
    if not dates:
        return None
    return (min(d.start for d in dates), max(d.end for d in dates))


def analyse_all(case, fs, label: Label | None = None, person: str | None = None) -> dict[str, Analysis]:
    """One analysis per standard of proof, lowest first (for the allegation × standard matrix)."""
    return {s.id: analyse(case, fs, s.id, label, person) for s in fs.standards_by_rank()}


def _order(al, info, fs) -> tuple:
    fids = list(info.frameworks)
    fw = fs.frameworks.get(al.framework)
    pos = next((i for i, p in enumerate(fw.provisions) if p.id == al.provision), 0) if fw else 0
    return (fids.index(al.framework) if al.framework in fids else len(fids), al.framework, pos, al.id)


@dataclasses.dataclass(frozen=True)
class _Link:
    element: str
    evidence: tuple
    stance: str = "supports"
    note: str | None = None
    alternative: str | None = None
    inference: str | None = None
    pattern: bool | None = None


def _retired(fw: Framework, prov) -> dict[str, tuple[str, str]]:
    leaves = [*fw.contextual_leaves(), *(prov.leaves() if prov is not None else [])]
    return {a.former_id: (e.id, a.id) for e in leaves for a in e.alternatives if a.former_id}


def normalise_links(links: list, retired: dict[str, tuple[str, str]]) -> list:
    """Links citing a retired element id (now an alternative of another element) in their new form."""
    if not retired or not any(lk.element in retired for lk in links):
        return links
    out = []
    for lk in links:
        if lk.element in retired:
            el, alt = retired[lk.element]
            lk = _Link(el, tuple(lk.evidence), lk.stance, lk.note, alt, getattr(lk, "inference", None),
                       getattr(lk, "pattern", None))
        out.append(lk)
    return out


def _allegation(aid: str, title: str, fw: Framework, prov, app: ApplicabilityResult, own_links: list,
                ctx_links: list, ctx_ids: tuple[str, ...], idx: Index, std, period, case_period) -> AllegationResult:
    retired = _retired(fw, prov)
    own_links, ctx_links = normalise_links(own_links, retired), normalise_links(ctx_links, retired)
    # Each element is given only the links that name it (evaluate_element looks at no other): the
    # links are sorted out once, not read again for every element.
    own_by, ctx_by = by_element(own_links), idx.by_element(ctx_links)
    elements: list[ElementResult] = []
    if prov is not None:
        elements += [evaluate_element(e, False, own_by.get(e.id, ()), idx, std, app, period) for e in prov.leaves()]
    ctx_leaves = fw.contextual_leaves()
    situation = [e for e in ctx_leaves if e.scope != "act"]
    per_act = [e for e in ctx_leaves if e.scope == "act"]
    own_ctx = own_by.keys() & {e.id for e in situation}
    if own_ctx:
        both = by_element(ctx_links + own_links)
        elements += [evaluate_element(e, True, both.get(e.id, ()), idx, std, app, case_period) for e in situation]
    else:  # the usual case: the framework's shared context, weighed once per analysis
        key = (fw.id, app)
        if key not in idx.shared:
            idx.shared[key] = [evaluate_element(e, True, ctx_by.get(e.id, ()), idx, std, app, case_period)
                               for e in situation]
        elements += idx.shared[key]
    if prov is not None:  # nexus and knowledge: this act's own links; the context's are only offered
        elements += [evaluate_element(e, True, own_by.get(e.id, ()), idx, std, app, period, ctx_by.get(e.id, ()))
                     for e in per_act]
    status_of = tree_statuses(elements)
    parts = []
    if prov is not None:
        parts.append(evaluate(prov.elements, status_of))
    if fw.contextual is not None:
        parts.append(evaluate(fw.contextual, status_of))
    parts = [p for p in parts if p is not None]
    tree = parts[0] if len(parts) == 1 else join("all_of", parts)
    elements = _mark_alternatives(elements, tree)
    shared_ids = {e.id for e in situation}
    own = [e for e in elements if e.id not in shared_ids and e.status not in ("derived", "not_applicable")
           and not any(r.code == "alternative-met" for r in e.reasons)]
    without = [e.id for e in own if not e.supporting]
    single = tuple(e.id for e in elements if e.status == "met" and e.independent_origins == 1)
    status = app.status if app.status in ("not_applicable", "undetermined") else tree.status
    reasons = list(app.reasons)
    if status != "not_applicable":
        if status == "unsupported" and len(without) < len(own):
            status = "insufficient"  # evidence on some elements: not "unsupported"
        reasons.append(_derived(tree, tree.status if status == "undetermined" else status, std.id))
        if without and prov is not None:
            reasons.append(Reason.of("elements-without-evidence", "{0} of {1} elements without evidence: {2}",
                                     len(without), len(own), ", ".join(without)))
        if single:
            reasons.append(Reason.of("single-origin-met", "met on one independent origin only: {0}", ", ".join(single)))
        legal = [e.id for e in elements if e.status == "for_legal_evaluation"]
        if legal and status == "for_legal_evaluation":
            reasons.append(Reason.of("legal-evaluation-pending", "the facts are shown; for legal evaluation: {0}",
                                     ", ".join(legal)))
        if fw.contextual is not None and not ctx_links and not own_ctx:
            reasons.append(Reason.of("no-context-allegation", "no evidence is linked to the contextual elements of "
                                     "{0}: add a `context: true` allegation for that framework", fw.id))
    return AllegationResult(aid, fw.id, prov.id if prov else None, title, status, app, tuple(elements), tree,
                            tuple(reasons), ctx_ids, len(without) if prov is not None else 0,
                            len(own) if prov is not None else 0, single)


def _derived(tree: NodeResult, status: str, std: str) -> Reason:
    if status == "met":
        return Reason.of("elements-met", "every required element is met under {0}", std)
    by = {}
    _statuses(tree, by)
    return Reason.of("elements-not-met", "{0} under {1}: {2}", status.replace("_", " "), std,
                     ", ".join(f"{e} ({by[e].replace('_', ' ')})" for e in dict.fromkeys(blocking(tree))))
def _statuses(node: NodeResult, out: dict) -> None:
    if node.element_id:
        out[node.element_id] = node.status
    for c in node.children:
        _statuses(c, out)


def _mark_alternatives(elements: list[ElementResult], tree: NodeResult) -> list[ElementResult]:
    alt = alternatives_met(tree)
    out = []
    for e in elements:
        if e.id in alt and e.status not in ("met", "not_applicable", "derived"):
            many = len(alt[e.id]) > 1
            r = Reason.of("alternative-met", "not needed for the allegation: the alternative{0} {1} {2} met",
                          "s" if many else "", ", ".join(alt[e.id]), "are" if many else "is")
            e = dataclasses.replace(e, reasons=e.reasons + (r,))
        out.append(e)
    return out


def _visibility(case) -> Visibility:
    default = case.info.confidentiality
    return Visibility(
        evidence_levels={e.id: e.confidentiality or default for e in case.evidence},
        sources={s.id: s.name for s in case.sources},
        persons={p.id: (p.protection, p.clearance, p.pseudonym) for p in case.persons},
    )
