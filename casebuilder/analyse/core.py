"""analyse: a checked case and the frameworks → an Analysis under one standard of proof.

Pure and deterministic: no I/O, no clock, and no dependence on the order of files or items (every
collection is keyed and sorted by id or by the order of the law itself).
"""
from __future__ import annotations

import dataclasses

from .. import gcpause
from ..models import Framework
from .applicability import applicability
from .element import Index, evaluate_element
from .origins import OriginGraph
from .quality import quality
from .results import (STATUSES, AllegationResult, Analysis, ApplicabilityResult, ElementResult, Label,
                      NodeResult, Reason, Visibility)
from .tree import alternatives_met, blocking, evaluate, join


def analyse(case, fs, standard: str | None = None, label: Label | None = None) -> Analysis:
    """The gap analysis of ``case`` under ``standard`` (default: the case's own standard)."""
    with gcpause.paused():  # result objects by the hundred thousand, no cycles: see gcpause
        return _analyse(case, fs, standard, label)


def _analyse(case, fs, standard: str | None, label: Label | None) -> Analysis:
    info = case.info
    if info is None:
        raise ValueError("the case has no `case` block")
    sid = standard or info.standard
    if sid not in fs.standards:
        raise ValueError(f"unknown standard of proof {sid!r}; known: {', '.join(sorted(fs.standards)) or 'none'}")
    std = fs.standards[sid]
    idx = Index(OriginGraph(case.evidence, {s.id: s for s in case.sources}, {p.id for p in case.persons}),
                {s.id: s for s in case.sources})
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
        app = applicability(fw, prov, info.situation, fs)
        results.append(_allegation(al.id, al.title or prov.title, fw, prov, app, list(al.links),
                                   ctx_links.get(fw.id, []), tuple(ctx_ids.get(fw.id, [])), idx, std))
    contexts = [_allegation("+".join(ctx_ids[fid]), f"Contextual elements of {fs.frameworks[fid].title}",
                            fs.frameworks[fid], None, frameworks[fid], [], ctx_links[fid], tuple(ctx_ids[fid]), idx, std)
                for fid in used if fid in ctx_ids and fs.frameworks[fid].contextual is not None]
    summary = {s: sum(1 for a in results if a.status == s) for s in STATUSES}
    return Analysis(
        case_id=info.id, standard=std.id, standard_title=std.title, parameters=std.parameters,
        allegations=tuple(results), contexts=tuple(contexts), frameworks=frameworks, summary=summary,
        quality=quality(results, contexts), visibility=_visibility(case), label=label,
    )


def analyse_all(case, fs, label: Label | None = None) -> dict[str, Analysis]:
    """One analysis per standard of proof, lowest first (for the allegation × standard matrix)."""
    return {s.id: analyse(case, fs, s.id, label) for s in fs.standards_by_rank()}


def _order(al, info, fs) -> tuple:
    fids = list(info.frameworks)
    fw = fs.frameworks.get(al.framework)
    pos = next((i for i, p in enumerate(fw.provisions) if p.id == al.provision), 0) if fw else 0
    return (fids.index(al.framework) if al.framework in fids else len(fids), al.framework, pos, al.id)


def _allegation(aid: str, title: str, fw: Framework, prov, app: ApplicabilityResult, own_links: list,
                ctx_links: list, ctx_ids: tuple[str, ...], idx: Index, std) -> AllegationResult:
    elements: list[ElementResult] = []
    if prov is not None:
        elements += [evaluate_element(e, False, own_links, idx, std, app) for e in prov.leaves()]
    ctx_leaves = fw.contextual_leaves()
    own_ctx = {lk.element for lk in own_links} & {e.id for e in ctx_leaves}
    if own_ctx:
        elements += [evaluate_element(e, True, ctx_links + own_links, idx, std, app) for e in ctx_leaves]
    else:  # the usual case: the framework's shared context, weighed once per analysis
        key = (fw.id, app)
        if key not in idx.shared:
            idx.shared[key] = [evaluate_element(e, True, ctx_links, idx, std, app) for e in ctx_leaves]
        elements += idx.shared[key]
    status_of = {e.id: e.status for e in elements}
    parts = []
    if prov is not None:
        parts.append(evaluate(prov.elements, status_of))
    if fw.contextual is not None:
        parts.append(evaluate(fw.contextual, status_of))
    tree = parts[0] if len(parts) == 1 else join("all_of", parts)
    elements = _mark_alternatives(elements, tree)
    status = app.status if app.status in ("not_applicable", "undetermined") else tree.status
    reasons = list(app.reasons)
    if status != "not_applicable":
        reasons.append(_derived(tree, tree.status, std.id))
        if fw.contextual is not None and not ctx_links and not own_ctx:
            reasons.append(Reason.of("no-context-allegation", "no evidence is linked to the contextual elements of "
                                     "{0}: add a `context: true` allegation for that framework", fw.id))
    return AllegationResult(aid, fw.id, prov.id if prov else None, title, status, app, tuple(elements), tree,
                            tuple(reasons), ctx_ids)


def _derived(tree: NodeResult, status: str, std: str) -> Reason:
    if status == "met":
        return Reason.of("elements-met", "every required element is met under {0}", std)
    by = {}
    _statuses(tree, by)
    return Reason.of("elements-not-met", "{0} under {1}: {2}", status, std,
                     ", ".join(f"{e} ({by[e]})" for e in dict.fromkeys(blocking(tree))))


def _statuses(node: NodeResult, out: dict) -> None:
    if node.element_id:
        out[node.element_id] = node.status
    for c in node.children:
        _statuses(c, out)


def _mark_alternatives(elements: list[ElementResult], tree: NodeResult) -> list[ElementResult]:
    alt = alternatives_met(tree)
    out = []
    for e in elements:
        if e.id in alt and e.status not in ("met", "not_applicable"):
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
