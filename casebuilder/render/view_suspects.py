"""protect → view: the suspects, their linkage and immunity flags, as the briefs show them.

Built from :mod:`casebuilder.analyse.liability`.  Suspects above the audience are left out and
counted; every suspect shown carries the immunity flag.  Wording stays neutral: a suspect is a
person or actor *alleged* to bear responsibility, never a perpetrator.
"""
from __future__ import annotations

from ..analyse.view import View
from ..analyse.liability import (READINESS, analyse_suspects, immunity_flag, natural_person_note, one_more_item,
                                 visible)
from ..models.common import level_rank
from .markdown import render_block
from .view_law import STATUS_LABELS

BASIS = {"treaty": "Statute text", "case-law": "case-law test"}


def _label(s: str) -> str:
    return STATUS_LABELS.get(s, s.replace("_", " "))


def suspects_view(checked, analysis, by_standard: dict, protector, audience: str, brief: str, refs) -> dict:
    """The brief's ``suspects`` block (empty ``items`` when the case records none)."""
    case, fs = checked.case, checked.frameworks
    if not case.suspects:
        return {"named": [], "withheld": 0, "readiness": None, "linkage_gaps": [], "standard_title": ""}
    label = protector.person_label
    sa = analyse_suspects(case, fs, analysis.standard, analysis, label)
    models = {s.id: s for s in case.suspects}
    actors = {a.id: a.name for a in case.actors}
    shown = [s for s in sa.suspects if visible(models[s.id], audience)]
    names = {s.id: s.name for s in shown}
    lview = View(sa.linkage, audience, label, protector.evidence_ref) if sa.linkage is not None else None
    items = []
    for s in shown:
        m = models[s.id]
        charges = []
        for c in s.charges:
            elements = []
            for e in c.elements:
                enames = lview.element(e)
                leaf = fs.elements.get(e.id)
                basis = leaf[1].basis if leaf else "treaty"
                elements.append({
                    "id": e.id, "text": e.text, "citation": e.citation.short(), "basis": basis,
                    "basis_label": BASIS.get(basis, basis), "status": e.status, "status_label": _label(e.status),
                    "count": len(e.supporting), "origins": e.independent_origins,
                    "evidence": [refs.item(i.evidence_id) for i in e.supporting[:6] if i.evidence_id in refs.by_id],
                    "reasons": [r.render(enames) for r in e.reasons],
                    "suggestions": [x.render(enames) for x in e.suggestions][:3],
                })
            missing = {e.id for e in c.missing()}
            charge_model = next(x for x in case.charges if x.id == c.id)
            charges.append({
                "id": c.id, "allegation": c.allegation, "allegation_title": c.allegation_title,
                "mode_title": c.mode_title, "citation": c.mode_citation,
                "crime_status": c.crime_status, "crime_status_label": _label(c.crime_status),
                "linkage_status": c.linkage_status, "linkage_status_label": _label(c.linkage_status),
                "status": c.status, "status_label": _label(c.status),
                "linked_elements": sum(1 for e in c.elements if e.supporting), "element_count": len(c.elements),
                "elements": elements, "missing": [e for e in elements if e["id"] in missing],
                "note_html": render_block(charge_model.note, label),
            })
        positions = [f"{p.title}" + (f", {actors[p.organisation]}" if p.organisation in actors
                                     and actors[p.organisation].casefold() not in p.title.casefold() else "")
                     + f" (from {p.start.display()}" + (f" to {p.end.display()})" if p.end else ", in office)")
                     for p in m.positions]
        whereabouts = [f"{w.state}, {w.presence}, as of {w.as_of.display()}" for w in m.whereabouts
                       if level_rank(audience) >= max(level_rank(w.confidentiality), level_rank(m.confidentiality))]
        items.append({
            "id": s.id, "name": s.name, "nationality": ", ".join(m.nationality), "positions": positions,
            "superior": names.get(m.superior) if m.superior else None,
            "whereabouts": whereabouts,
            "immunity_flag": immunity_flag(list(s.immunities)),
            "immunities": [{"kind": i.kind, "text": i.text, "detail": i.detail, "sources": list(i.sources)}
                           for i in s.immunities],
            "description_html": render_block(m.description, label),
            "natural_person_note": natural_person_note(case, m),
            "charges": charges,
        })
    view = {"named": items, "withheld": len(sa.suspects) - len(shown), "standard_title": sa.standard_title,
            "readiness": None, "linkage_gaps": []}
    if brief == "review":
        ready = {sid: analyse_suspects(case, fs, sid, by_standard.get(sid), label)
                 for sid in READINESS if sid in fs.standards}
        rows = []
        for s in shown:
            for c in s.charges:
                rows.append({"suspect": s.name, "title": f"{c.allegation_title} ({c.mode_title})",
                             "current": c.status, "crime": c.crime_status, "linkage": c.linkage_status,
                             "statuses": [next((x.status for x in r.charges() if x.id == c.id), None)
                                          for r in ready.values()]})
        view["readiness"] = {"standards": [{"id": sid, "title": fs.standards[sid].title,
                                            "citation": fs.standards[sid].citation.short()} for sid in ready],
                             "rows": rows}
        params = fs.standards[analysis.standard].parameters
        gaps = one_more_item([c for s in sa.suspects if s.id in names for c in s.charges], params)
        view["linkage_gaps"] = [{**g, "suspect": names[g["suspect"]]} for g in gaps]
    return view
