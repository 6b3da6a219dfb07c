"""The legal half of the view: applicable law, allegations element by element, gaps, matrices."""
from __future__ import annotations

import re
from collections import Counter

from .markdown import plain, render_block
from .words import element_label, sentence

STATUS_LABELS = {
    "met": "met",
    "insufficient": "insufficient",
    "unsupported": "unsupported",
    "contested": "contested",
    "for_legal_evaluation": "for legal evaluation",
    "derived": "follows from another element",
    "undetermined": "undetermined (applicability)",
    "not_applicable": "not applicable",
}
APPLICABILITY_LABELS = {
    "applicable": "applies",
    "not_applicable": "does not apply",
    "custom_only": "binds as customary law only",
    "soft_law": "non-binding standard",
    "undetermined": "undetermined: whether it binds cannot be told from the record",
}


# Stated once, in the brief's jurisdiction section (casebuilder.analyse.jurisdiction), not per allegation.
STATED_ONCE = frozenset({"icc-jurisdiction"})


def _reasons(reasons, namer=None) -> list[dict]:
    return [{"code": r.code, "message": namer.words(r.message) if namer else r.message}
            for r in reasons if r.code not in STATED_ONCE]


def _words(reasons: list[dict], namer) -> list[dict]:
    """Reasons rendered by the analysis, with their ids turned into words."""
    return [{"code": r["code"], "message": namer.words(r["message"])} for r in reasons if r["code"] not in STATED_ONCE] \
        if namer else [r for r in reasons if r["code"] not in STATED_ONCE]


def summary_view(analysis, fs) -> dict:
    counts = Counter(a.status for a in analysis.allegations)
    element_counts = Counter(e.status for a in analysis.allegations for e in a.elements)
    met = [a for a in analysis.allegations if a.status == "met"]
    std = fs.standards.get(analysis.standard)
    sentences = [
        f"{len(analysis.allegations)} allegations were analysed under the standard "
        f"\u201c{std.title if std else analysis.standard}\u201d.",
    ]
    if met:
        sentences.append(f"On the evidence recorded, {len(met)} "
                         f"{'allegation meets' if len(met) == 1 else 'allegations meet'} that standard element by element.")
    else:
        sentences.append("On the evidence recorded, no allegation meets that standard on every element.")
    for status in ("for_legal_evaluation", "contested", "insufficient", "unsupported", "undetermined", "not_applicable"):
        n = counts.get(status, 0)
        if n:
            sentences.append(f"{n} {'is' if n == 1 else 'are'} {STATUS_LABELS[status]}.")
    return {
        "sentences": sentences,
        "allegations": {s: counts.get(s, 0) for s in STATUS_LABELS},
        "elements": {s: element_counts.get(s, 0) for s in STATUS_LABELS},
        "ready": [{"id": a.id, "title": a.title or a.id} for a in met],
    }


def law_view(analysis, fs, case, namer=None) -> list[dict]:
    out = []
    for fid in case.info.frameworks:
        fw = fs.frameworks.get(fid)
        app = analysis.frameworks.get(fid)
        if fw is None or app is None:
            continue
        out.append({
            "id": fid, "title": fw.title, "instrument": fw.instrument, "version": fw.version,
            "status": app.status, "status_label": APPLICABILITY_LABELS.get(app.status, app.status),
            "reasons": _reasons(app.reasons, namer),
            "note": (namer.words(fw.applicability.note) if namer else fw.applicability.note) or "",
        })
        out[-1]["gist"] = _first_sentence(out[-1]["note"])
    return out


_SENTENCE_END = re.compile(r"(?<=[a-z)\]][.!?])\s+(?=[A-Z])")


def _first_sentence(text: str) -> str:
    """The note's first sentence: what the legal brief says of a body of law (the review keeps all)."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0] if text else ""


def _interested_label(w, sources: dict) -> str:
    """Who the interested party is: the organ at the origin of the item's chain, never the outlet
    that relays it ("relaying X, an interested party")."""
    if not w.interested_party:
        return ""
    names = [sources[s].name if s in sources else s for s in w.interested_sources]
    if w.interested_sources == (w.source,):
        return "interested party"
    return f"relaying {', '.join(names)}, an interested party" if names else "interested party"


def _weights(items, refs, sources: dict | None = None, namer=None) -> list[dict]:
    out = []
    for w in items:
        ref = refs.item(w.evidence_id) if w.evidence_id in refs.by_id else {"id": w.evidence_id, "withheld": True, "text": ""}
        note = "" if ref.get("withheld") else plain(w.note or "", refs.protector.person_label)
        out.append({**ref, "direct": w.direct, "origins": len(w.origins),
                    "interested": bool(w.interested_party),
                    "interested_label": _interested_label(w, sources or {}) if not ref.get("withheld") else "",
                    "note": sentence(namer.words(note)) if namer and note else note})
    return out


def link_notes(items: list[dict]) -> list[str]:
    """What the analyst wrote on the links (``note``: how the evidence bears on the element), once
    each, in link order.  A withheld item's note is never shown (as in the JSON export): it could
    describe the document the edition withholds."""
    return list(dict.fromkeys(it["note"] for it in items if it.get("note")))


def allegations_view(analysis, messages: dict, case, fs, refs, label, namer=None) -> list[dict]:
    """``messages``: reasons and suggestions per (allegation, element), from
    :func:`~casebuilder.analyse.export.messages_json`."""
    by_id = {a.id: a for a in case.allegations}
    sources = {s.id: s for s in case.sources}
    out = []
    for res in (*analysis.contexts, *analysis.allegations):
        al = by_id.get(res.id)
        fw = fs.frameworks.get(res.framework)
        prov = fw.provision(res.provision) if fw and res.provision else None
        elements = []
        for pos, e in enumerate(res.elements, 1):
            leaf = fs.elements.get(e.id, (None, None))[1]
            reasons = _words(messages[(res.id, e.id)][0], namer)
            elements.append({
                # a contextual element by its name: its Elements-of-Crimes number is murder's (the leaf is
                # shared by every crime), which would mislabel it under any other crime
                "label": (namer.name(e.id).removeprefix("the ") if namer and e.contextual and namer.name(e.id) != e.id
                          else element_label(e.id, pos, leaf.citation if leaf is not None else None)),
                "name": namer.name(e.id) if namer else e.id,
                "alternative": any(r["code"] == "alternative-met" for r in reasons),
                "unverified": bool(leaf is not None and leaf.unverified),
                "analytical": bool(leaf is not None and leaf.analytical),
                "id": e.id, "text": e.text, "citation": e.citation.short(), "kind": e.kind,
                "contextual": e.contextual, "status": e.status, "status_label": STATUS_LABELS.get(e.status, e.status),
                "supporting": _weights(e.supporting, refs, sources, namer),
                "contradicting": _weights(e.contradicting, refs, sources, namer), "scope": e.scope,
                "independent_origins": e.independent_origins, "direct": e.direct, "relayed": e.relayed,
                "unattributed": e.unattributed,
                "best_reliability": e.best_reliability, "best_credibility": e.best_credibility,
                "assessment": [r for r in reasons if not r["code"].startswith("interested-party-")],
                "reasons": reasons, "suggestions": [namer.words(x) for x in messages[(res.id, e.id)][1]] if namer else messages[(res.id, e.id)][1],
            })
            elements[-1]["notes_for"] = link_notes(elements[-1]["supporting"])
            elements[-1]["notes_against"] = [n for n in link_notes(elements[-1]["contradicting"])
                                             if n not in elements[-1]["notes_for"]]
        out.append({
            "id": res.id,
            "title": plain(res.title or (prov.title if prov else res.id), label),
            "framework": res.framework,
            "framework_title": fw.title if fw else res.framework,
            "framework_kind": fw.kind if fw else "",
            "provision": res.provision,
            "provision_title": prov.title if prov else "Contextual elements",
            "citation": prov.citation.short() if prov else "",
            "provision_text": prov.text if prov and prov.text else "",
            "status": res.status, "status_label": STATUS_LABELS.get(res.status, res.status),
            "applicability": {"status": res.applicability.status,
                              "label": APPLICABILITY_LABELS.get(res.applicability.status, res.applicability.status),
                              "reasons": _reasons(res.applicability.reasons, namer)},
            "reasons": _words(messages[(res.id, None)][0], namer),
            "note_html": render_block(al.note if al else None, label),
            "elements": _unique_labels(elements),
        })
    return out


def _unique_labels(elements: list[dict]) -> list[dict]:
    """Elements named by their Elements-of-Crimes number, unless two of them share one (the
    contextual elements of several sources): then by their position."""
    labels = [e["label"] for e in elements]
    if len(set(labels)) != len(labels):
        for i, e in enumerate(elements, 1):
            e["label"] = f"element {i}"
    return elements


def gaps_view(allegations: list[dict], everything: bool = False) -> list[dict]:
    """Every element not met, once: contextual elements under their context allegation only.  A
    filing leaves out rows that are no gap (``everything=False``): elements of rules that do not
    apply, and alternatives not needed because another alternative is met; the review keeps them."""
    out = []
    for a in allegations:
        for e in a["elements"]:
            if e["status"] in ("met", "derived") or (e["contextual"] and e.get("scope") != "act"
                                                      and a["provision"] is not None):
                continue
            if not everything and (e["status"] == "not_applicable" or e.get("alternative")):
                continue
            out.append({"allegation": a["id"], "allegation_title": a["title"], "element": e["id"],
                        "label": e.get("label", e["id"]), "text": e["text"], "status": e["status"],
                        "status_label": e["status_label"], "reasons": e["reasons"], "suggestions": e["suggestions"]})
    return out


def matrix_view(analysis, by_standard: dict, fs) -> dict:
    from ..analyse.export import readiness_status
    standards = [s for s in fs.standards_by_rank() if s.id in by_standard]
    status = {s.id: {x.id: readiness_status(by_standard[s.id], x) for x in by_standard[s.id].allegations}
              for s in standards}
    rows = [{"id": a.id, "title": a.title or a.id, "statuses": [status[s.id].get(a.id, "") for s in standards]}
            for a in analysis.allegations]
    notes = [f"{s.title}: not applicable \u2014 no identified person (a standard about the person who committed the "
             "crime and a mode of liability)" for s in standards if by_standard[s.id].readiness != "applicable"]
    return {"standards": [{"id": s.id, "title": s.title} for s in standards], "rows": rows, "notes": notes}


def quality_view(analysis, case) -> dict:
    q = dict(getattr(analysis, "quality", {}) or {})
    rel = Counter()
    sources = {s.id: s for s in case.sources}
    for e in case.evidence:
        src = sources.get(e.source)
        rel[e.reliability or (src.reliability if src else "F")] += 1
    relayed = sum(1 for e in case.evidence if e.derived_from)
    leaves = [e for a in (*analysis.contexts, *analysis.allegations) for e in a.elements
              if e.status != "not_applicable" and e.supporting
              and not (e.contextual and e.scope != "act" and a.provision)]
    single = sum(1 for e in leaves if e.independent_origins == 1)
    q.setdefault("reliability_distribution", {k: rel.get(k, 0) for k in "ABCDEF"})
    q.setdefault("relayed_share", relayed / len(case.evidence) if case.evidence else 0.0)
    q.setdefault("single_origin_share", single / len(leaves) if leaves else 0.0)
    q["evidence_items"] = len(case.evidence)
    q["supported_elements"] = len(leaves)
    return q
