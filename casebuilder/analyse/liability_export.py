"""The suspects' matrix as JSON, CSV and a terminal table (`casebuilder gaps --suspects`).

Only suspects the audience may see are named (:func:`.liability.visible`); the others are counted.
Every named suspect carries its immunity flag.  Element details pass through the same audience view
as the allegations' (withheld items by their opaque reference).
"""
from __future__ import annotations

import csv
import io
import textwrap

from ..models.common import level_rank
from .export import element_json
from .liability import SuspectsAnalysis, immunity_flag, natural_person_note, one_more_item, visible
from .view import View

FORMAT = "casebuilder-suspects/1"
CSV_COLUMNS = ["standard", "suspect", "charge", "allegation", "mode", "citation", "crime_status", "linkage_status",
               "status", "element", "basis", "element_status", "immunity"]


def _position_json(p, protector_levels=None) -> dict:
    return {"title": p.title, "office": p.office, "organisation": p.organisation, "state": p.state,
            "from": p.start.text, "to": p.end.text if p.end else None}


def suspects_json(sa: SuspectsAnalysis, case, audience: str | None, label=None, item=None,
                  readiness: dict[str, SuspectsAnalysis] | None = None, fs=None) -> dict:
    models = {s.id: s for s in case.suspects}
    shown = [s for s in sa.suspects if visible(models[s.id], audience)]
    view = View(sa.linkage, audience, label, item) if sa.linkage is not None else None
    basis = {}
    if fs is not None:
        for fw in fs.frameworks.values():
            if fw.kind == "liability":
                for p in fw.provisions:
                    for e in p.leaves():
                        basis[e.id] = e.basis
    out = []
    for s in shown:
        m = models[s.id]
        whereabouts = [{"state": w.state, "as_of": w.as_of.text, "presence": w.presence}
                       for w in m.whereabouts
                       if audience is None or level_rank(audience) >= max(level_rank(w.confidentiality),
                                                                          level_rank(m.confidentiality))]
        charges = []
        for c in s.charges:
            row = {"id": c.id, "allegation": c.allegation, "allegation_title": c.allegation_title, "mode": c.mode,
                   "mode_title": c.mode_title, "citation": c.mode_citation, "crime_status": c.crime_status,
                   "linkage_status": c.linkage_status, "status": c.status,
                   "missing": [e.id for e in c.missing()],
                   "elements": [{**element_json(e, view), "basis": basis.get(e.id, "treaty")} for e in c.elements]}
            if readiness:
                row["readiness"] = {sid: next((x.status for x in r.charges() if x.id == c.id), None)
                                    for sid, r in readiness.items()}
            charges.append(row)
        out.append({"id": s.id, "name": s.name, "actor": s.actor, "nationality": list(m.nationality),
                    "positions": [_position_json(p) for p in m.positions], "superior": m.superior
                    if m.superior and visible(models.get(m.superior, m), audience) else None,
                    "whereabouts": whereabouts, "immunity_flag": immunity_flag(list(s.immunities)),
                    "natural_person_note": natural_person_note(case, m),
                    "immunities": [i.to_json() for i in s.immunities], "charges": charges})
    return {"format": FORMAT, "case": case.info.id, "standard": sa.standard, "standard_title": sa.standard_title,
            "suspects": out, "withheld_suspects": len(sa.suspects) - len(shown),
            "readiness_standards": list(readiness) if readiness else []}


def suspects_csv(sa: SuspectsAnalysis, case, audience: str | None, fs=None) -> str:
    data = suspects_json(sa, case, audience, fs=fs)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for s in data["suspects"]:
        for c in s["charges"]:
            for e in c["elements"]:
                w.writerow([sa.standard, s["name"], c["id"], c["allegation"], c["mode"], c["citation"], c["crime_status"],
                            c["linkage_status"], c["status"], e["id"], e["basis"], e["status"], s["immunity_flag"] or ""])
    return buf.getvalue()


def suspects_table(sa: SuspectsAnalysis, case, audience: str | None, width: int = 100,
                   readiness: dict[str, SuspectsAnalysis] | None = None, fs=None) -> str:
    data = suspects_json(sa, case, audience, fs=fs, readiness=readiness)
    lines = [f"Suspects, linkage and modes of liability under {sa.standard_title} ({sa.standard})",
             "Crime base = the allegation's own elements; linkage = the mode's elements for this suspect. "
             "Alleged, not established."]
    for s in data["suspects"]:
        lines.append("")
        lines.append(s["name"] + (f"  [{', '.join(s['nationality'])}]" if s["nationality"] else ""))
        for p in s["positions"]:
            lines.append(f"  {p['title']} ({p['office']}), {p['from']}–{p['to'] or 'in office'}")
        if s["immunity_flag"]:
            lines += textwrap.wrap(s["immunity_flag"], width, initial_indent="  ! ", subsequent_indent="    ")
        if not s["charges"]:
            lines.append("  no charge recorded")
        for c in s["charges"]:
            lines.append(f"  {c['allegation_title']} — {c['mode_title']} ({c['citation']})")
            lines.append(f"    crime base: {c['crime_status']}; linkage: {c['linkage_status']}; charge: {c['status']}")
            if c.get("readiness"):
                lines.append("    readiness: " + ", ".join(f"{k}: {v}" for k, v in c["readiness"].items()))
            for e in c["elements"]:
                tag = " (case-law test)" if e["basis"] == "case-law" else ""
                lines.append(f"      {e['status']:<14} {e['id']}{tag}")
    if data["withheld_suspects"]:
        lines.append("")
        lines.append(f"{data['withheld_suspects']} further suspect(s) are withheld at this audience level.")
    if not data["suspects"] and not data["withheld_suspects"]:
        lines.append("")
        lines.append("The case records no suspects.")
    return "\n".join(lines) + "\n"


def linkage_gaps(sa: SuspectsAnalysis, case, audience: str | None, params) -> list[dict]:
    """The review brief's ranking (see :func:`.liability.one_more_item`), for the suspects shown."""
    models = {s.id: s for s in case.suspects}
    names = {s.id: s.name for s in sa.suspects}
    charges = [c for s in sa.suspects if visible(models[s.id], audience) for c in s.charges]
    rows = one_more_item(charges, params)
    for r in rows:
        r["suspect_name"] = names[r["suspect"]]
    return rows
