"""The documented JSON and CSV shapes of an analysis (docs/gaps.md lists every key and column).

Pure: values in, plain data or text out.  Every name passes through the audience view.
"""
from __future__ import annotations

import csv
import io

from .results import Analysis, AllegationResult, ApplicabilityResult, ElementResult, ItemWeight, NodeResult, Reason
from .view import ElementNames, View

FORMAT = "casebuilder-gaps/1"
MATRIX_FORMAT = "casebuilder-gaps-matrix/1"
CSV_COLUMNS = [
    "standard", "allegation", "framework", "provision", "allegation_status", "applicability", "element",
    "contextual", "kind", "status", "supporting", "contradicting", "independent_origins", "qualifying_origins",
    "direct", "relayed", "best_reliability", "best_credibility", "contradicting_weight", "origins",
    "reason_codes", "reasons", "suggestions", "scope", "unattributed", "open_notes", "notes",
]


def reason_json(r: Reason, label=None) -> dict:
    return {"code": r.code, "message": r.render(label)}


def applicability_json(a: ApplicabilityResult) -> dict:
    return {"status": a.status, "treaty": a.treaty, "treaty_status": a.treaty_status,
            "reasons": [reason_json(r) for r in a.reasons],
            "suggestion": a.suggestion.render() if a.suggestion is not None else None}


def item_json(i: ItemWeight, names: ElementNames, view: View) -> dict:
    shown = view.may_name(i.evidence_id)
    return {
        "evidence": i.evidence_id if shown else view.withheld_item(i.evidence_id),
        "withheld": not shown,
        "source": i.source if shown else None,
        "kind": i.kind if shown else None,
        "origins": [names.origin(o) for o in i.origins] if shown else [],
        "direct": i.direct,
        "reliability": i.reliability,
        "credibility": i.credibility,
        "interested_party": i.interested_party,
        "interested_origins": [names(x) for x in i.interested_sources] if shown else [],
        "weight": i.weight,
        "qualifies": i.qualifies,
        "note": view.text(i.note) if shown else None,
        "attribution": i.attribution,
        "stance": i.stance,
        "pattern": i.pattern,
        "inference": view.text(i.inference) if shown else None,
    }


def element_json(e: ElementResult, view: View) -> dict:
    names = view.element(e)
    return {
        "id": e.id,
        "contextual": e.contextual,
        "kind": e.kind,
        "citation": e.citation.short(),
        "status": e.status,
        "supporting": [item_json(i, names, view) for i in e.supporting],
        "contradicting": [item_json(i, names, view) for i in e.contradicting],
        "independent_origins": e.independent_origins,
        "qualifying_origins": e.qualifying_origins,
        "origins": [names.origin(o) for o in e.origins],
        "direct": e.direct,
        "relayed": e.relayed,
        "best_reliability": e.best_reliability,
        "best_credibility": e.best_credibility,
        "contradicting_weight": e.contradicting_weight,
        "reasons": [reason_json(r, names) for r in e.reasons],
        "suggestions": [s.render(names) for s in e.suggestions],
        "scope": e.scope,
        "unattributed": e.unattributed,
        "offered": [item_json(i, names, view) for i in e.offered],
        "disputed": [item_json(i, names, view) for i in e.disputed],
        "rhetoric": [item_json(i, names, view) for i in e.rhetoric],
        "pattern": [item_json(i, names, view) for i in e.pattern],
        "follows_from": list(e.follows_from),
        "alternatives": [{"id": a, "status": st} for a, st in e.alternatives],
        "reasoning": [view.text(t) for t in e.reasoning] if not names.withheld else [],
    }


def node_json(n: NodeResult) -> dict:
    out: dict = {"op": n.op, "status": n.status}
    if n.op == "element":
        out["element"] = n.element_id
    else:
        out["label"] = n.label
        out["children"] = [node_json(c) for c in n.children]
    return out


def allegation_json(a: AllegationResult, view: View) -> dict:
    return {
        "id": a.id, "framework": a.framework, "provision": a.provision, "title": view.text(a.title),
        "status": a.status, "applicability": applicability_json(a.applicability),
        "reasons": [reason_json(r) for r in a.reasons],
        "context_allegations": list(a.context_allegations),
        "elements_without_evidence": a.elements_without_evidence,
        "elements_total": a.elements_total,
        "single_origin_met": list(a.single_origin_met),
        "tree": node_json(a.tree),
        "elements": [element_json(e, view) for e in a.elements],
    }


def analysis_json(an: Analysis, audience=None, label=None, item=None) -> dict:
    view = View(an, audience, label, item)
    return {
        "format": FORMAT,
        "case": an.case_id,
        "standard": an.standard,
        "standard_title": an.standard_title,
        "parameters": an.parameters.model_dump(mode="json"),
        "audience": view.audience,
        "frameworks": {fid: applicability_json(r) for fid, r in an.frameworks.items()},
        "allegations": [allegation_json(a, view) for a in an.allegations],
        "contexts": [allegation_json(a, view) for a in an.contexts],
        "summary": dict(an.summary),
        "quality": an.quality,
        "readiness": {"status": an.readiness, "person": an.person,
                      "reason": reason_json(an.readiness_reason) if an.readiness_reason else None},
    }


def messages_json(an: Analysis, audience=None, label=None, item=None) -> dict:
    """(allegation id, element id or None) → (reasons, suggestions), rendered exactly as in
    :func:`analysis_json`, without the per-item entries a brief does not need from it (on 20,000
    incidents those are 220,000 dicts)."""
    view = View(an, audience, label, item)
    out = {}
    for a in (*an.contexts, *an.allegations):
        for e in a.elements:
            names = view.element(e)
            out[(a.id, e.id)] = ([reason_json(r, names) for r in e.reasons], [s.render(names) for s in e.suggestions])
        out[(a.id, None)] = ([reason_json(r) for r in a.reasons], [])
    return out


def matrix_json(analyses: dict[str, Analysis]) -> dict:
    """The allegation × standard matrix: which allegations are ready for which step."""
    first = next(iter(analyses.values()))
    rows = []
    for a in first.allegations:
        rows.append({"id": a.id, "framework": a.framework, "provision": a.provision, "title": a.title,
                     "applicability": a.applicability.status,
                     "statuses": {sid: readiness_status(an, an.allegation(a.id)) for sid, an in analyses.items()},
                     "evidence_statuses": {sid: an.allegation(a.id).status for sid, an in analyses.items()}})
    return {
        "format": MATRIX_FORMAT,
        "case": first.case_id,
        "standards": [{"id": sid, "title": an.standard_title} for sid, an in analyses.items()],
        "allegations": rows,
        "ready": {sid: (an.summary["met"] if an.readiness == "applicable" else None) for sid, an in analyses.items()},
        "summary": {sid: dict(an.summary) for sid, an in analyses.items()},
        "readiness": {sid: {"status": an.readiness,
                            "reason": reason_json(an.readiness_reason) if an.readiness_reason else None}
                      for sid, an in analyses.items()},
    }


def readiness_status(an: Analysis, a: AllegationResult) -> str:
    """The allegation's status in the readiness matrix: ``not_applicable`` under a standard about an
    identified person when none is identified (its evidence status stays in ``evidence_statuses``)."""
    return "not_applicable" if an.readiness != "applicable" else a.status


def csv_rows(an: Analysis, audience=None, label=None, item=None) -> list[dict]:
    view = View(an, audience, label, item)
    rows = []
    for a in an.allegations:
        for e in a.elements:
            names = view.element(e)
            rows.append({
                "standard": an.standard, "allegation": a.id, "framework": a.framework, "provision": a.provision,
                "allegation_status": a.status, "applicability": a.applicability.status, "element": e.id,
                "contextual": str(e.contextual).lower(), "kind": e.kind, "status": e.status,
                "supporting": len(e.supporting), "contradicting": len(e.contradicting),
                "independent_origins": e.independent_origins, "qualifying_origins": e.qualifying_origins,
                "direct": e.direct, "relayed": e.relayed, "best_reliability": e.best_reliability or "",
                "best_credibility": e.best_credibility or "", "contradicting_weight": e.contradicting_weight,
                "origins": "; ".join(names.origin(o) for o in e.origins),
                "reason_codes": ";".join(r.code for r in e.reasons),
                "reasons": " | ".join(r.render(names) for r in e.reasons),
                "suggestions": " | ".join(s.render(names) for s in e.suggestions),
                "scope": e.scope or "", "unattributed": e.unattributed,
            })
    return rows


def csv_text(analyses, audience=None, label=None, item=None, notes=None) -> str:
    """The CSV; ``notes``: a function of a row giving its ``open_notes`` and ``notes`` columns (the
    open review notes, casebuilder/reviews.py; `gaps` passes it), else they are left empty."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for an in analyses:
        rows = csv_rows(an, audience, label, item)
        for r in rows if notes is not None else ():
            r.update(notes(an, r))
        w.writerows(rows)
    return buf.getvalue()
