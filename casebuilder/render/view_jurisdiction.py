"""The jurisdiction half of the legal brief: where the case can go and what the chosen forum must see.

Built from :mod:`casebuilder.analyse.jurisdiction`; every text the analyst wrote goes through the
protector (persons under their audience label), every evidence item through the brief's references.
"""
from __future__ import annotations

from ..analyse.jurisdiction import KIND_WORDS, cite, forum_json, forums, icc_analysis, suspect_labeller
from .markdown import render_block

FORUM_NAMES = {"icc": "International Criminal Court"}


def _law(t) -> dict | None:
    if t is None:
        return None
    return {"citation": cite(t.citation), "language": t.language, "text": t.text or "", "translation": t.translation or "",
            "translation_by": t.translation_by or "", "version": t.version or "", "unverified": t.unverified or ""}


def jurisdiction_view(checked, analysis, protector, refs, forum_code: str | None, audience: str) -> dict:
    case, fs = checked.case, checked.frameworks
    info = case.info
    md = lambda text: render_block(text, protector.person_label)  # noqa: E731
    items = lambda ids: [refs.item(e) for e in ids if e in refs.by_id]  # noqa: E731
    code = forum_code or "icc"
    forum = fs.forums.get(code)
    label = suspect_labeller(case, audience)
    icc = icc_analysis(case, fs, analysis) if "icc" in fs.forums else None
    table = [forum_json(r) for r in forums(case, fs, analysis, label)]
    selected = next((r for r in table if r["forum"] == code), None)
    adm = icc["admissibility"] if icc else None
    procs = {p.id: p for p in case.proceedings}
    full = {a["id"] for a in icc["allegations"]} if icc else set()
    for row in table:
        ids = {a["id"] for a in row["allegations"]}
        left = [a["title"] for a in (icc["allegations"] if icc else []) if a["id"] not in ids]
        row["covers"] = ("none" if not ids else
                         f"all {len(ids)} applicable allegations under the Rome Statute in this brief" if ids == full else
                         f"{len(ids)} of the {len(full)}; not: " + "; ".join(left) if ids < full and left else
                         "; ".join(a["title"] for a in row["allegations"]))
        row["lacking"] = "; ".join(row["missing"] + ([f"immune while in office: {', '.join(i['label'] for i in row['immune'])}"]
                                                     if row["immune"] else [])) or "\u2014"
    view = {
        "forum": code,
        "forum_title": forum.title if forum else code,
        "court": forum.court if forum else "international",
        "authority": forum.authority if forum else "",
        "icc": None, "national": None, "table": table, "selected": selected,
        "admissibility": None,
        "requested_action_html": md(info.requested_action.get(code) or info.requested_action.get("default")),
    }
    if icc is not None:
        view["icc"] = {k: icc[k] for k in ("statement", "consequence", "alternatives", "temporal", "available", "routes")}
        view["icc"]["texts"] = [_law(t) for t in fs.forums["icc"].jurisdiction if t.text]
        view["icc"]["note_html"] = md(info.jurisdiction.note) if info.jurisdiction else ""
        view["admissibility"] = {
            "complementarity": adm["complementarity"] if code == "icc" else [adm["national"]],
            "proceedings": [{"kind": KIND_WORDS[procs[p].kind], "authority": procs[p].authority, "date": procs[p].date.display(),
                             "status": procs[p].status, "description_html": md(procs[p].description),
                             "indicators_note_html": md(procs[p].indicators_note), "outcome_html": md(procs[p].outcome),
                             "evidence": items(procs[p].evidence)} for p in adm["proceedings"]],
            "gravity": [{**g, "evidence": items(g["evidence"]), "notes_html": [md(n) for n in g["notes"]]}
                        for g in adm["gravity"]],
            "gravity_linked": adm["gravity_linked"],
            "gravity_note_html": md(adm["gravity_note"]),
            "interests_of_justice_html": md(adm["interests_of_justice"]),
            "victims_interests_html": md(adm["victims_interests"]),
            "texts": [_law(t) for t in fs.forums["icc"].admissibility],
        }
    if forum is not None and forum.court == "national":
        provs = {p.id: p.title for fw in fs.frameworks.values() for p in fw.provisions}
        view["national"] = {
            "state": forum.state, "basis": forum.basis,
            "jurisdiction": [_law(t) for t in forum.jurisdiction],
            "conditions": [{"title": c.title, "summary": c.summary, "bars": c.bars_jurisdiction, "law": _law(c.law)}
                           for c in forum.conditions],
            "threshold": _law(forum.threshold), "threshold_summary": forum.threshold_summary or "",
            "limitation": _law(forum.limitation), "limitation_summary": forum.limitation_summary or "",
            "crimes": [{"title": c.title, "law": _law(c.law),
                        "maps_to": [provs.get(p, p) for p in c.maps_to], "differences": list(c.differences)}
                       for c in forum.crimes],
            "note": forum.note or "",
        }
    return view
