"""Presentation helpers of the view: the names a brief uses for ids, the estimates table (who claims a
figure, through whom it reaches the case, and the chain's effective grade), and the analyst's
narrative summary."""
from __future__ import annotations

from ..analyse.grades import RELIABILITY, rel_rank
from .cite import short_name
from .markdown import plain, render_block
from .words import Namer, element_label


def namer(case, fs, analysis, refs, protector, standards) -> Namer:
    """Every id the analysis may name in a sentence → the words a brief prints instead."""
    names: dict[str, str] = {}
    for s in case.sources:
        names[s.id] = short_name(s.name)
    for e in case.evidence:
        it = refs.item(e.id)
        names[e.id] = (", ".join(x for x in (short_name(it["source"]), it["date"]) if x)
                       if not it["withheld"] else f"item {it['ref']} (withheld)")
    for a in case.actors:
        names[a.id] = a.name
    for inc in case.incidents:
        names[inc.id] = (f"the alleged incident of {inc.date.gregorian()} ({inc.location.place})"
                         if protector.incident_visible(inc) else "a withheld incident")
    for f in case.figures:
        names[f.id] = f"the figure claimed by {names.get(f.source, 'a source')}"
    titles = {}
    for fw in fs.frameworks.values():
        names[fw.id] = fw.title
        for pr in fw.provisions:
            names[pr.id] = pr.citation.short() if pr.citation else pr.title
            titles[pr.id] = _short_title(pr.title)
            for i, leaf in enumerate(pr.leaves(), 1):
                names[leaf.id] = f"{titles[pr.id]}, {element_label(leaf.id, i, leaf.citation)}"
        for i, leaf in enumerate(fw.contextual_leaves(), 1):
            names[leaf.id] = f"the contextual element \u2018{leaf.id.rsplit('.', 1)[-1].replace('-', ' ')}\u2019"
    for al in case.allegations:
        names[al.id] = f"the allegation \u201c{plain(al.title, protector.person_label)}\u201d" if al.title else titles.get(al.provision, al.id)
    return Namer(names, standards)


def _short_title(title: str) -> str:
    for lead in ("Crime against humanity of ", "War crime of "):
        if title.startswith(lead):
            return title[len(lead):][:1].upper() + title[len(lead):][1:]
    return title


def _gist(text: str, n: int = 60) -> str:
    t = text.strip().rstrip(".")
    if len(t) <= n:
        return t
    return t[:n].rsplit(" ", 1)[0] + "\u2026"


def _grade(e, sources) -> str | None:
    src = sources.get(e.source)
    return e.reliability or (src.reliability if src else None)


def chain(e, evidence: dict, sources: dict, seen=None) -> list:
    """The items an item rests on, itself first (its ``derived_from`` chain, depth first)."""
    seen = seen if seen is not None else set()
    if e.id in seen:
        return []
    seen.add(e.id)
    out = [e]
    for d in e.derived_from:
        if d in evidence:
            out += chain(evidence[d], evidence, sources, seen)
    return out


def effective_grade(grades: list[str | None]) -> str | None:
    """The weakest judged grade on a chain (F, 'cannot be judged', only when nothing is judged)."""
    judged = [g for g in grades if g and g != "F"]
    if judged:
        return max(judged, key=rel_rank)
    return "F" if grades else None


def figure_rows(case, refs, label, protector) -> list[dict]:
    """The estimates table: what, figure, as of, scope, who claims it, through whom it reaches the
    case, and the effective grade of the best chain that carries it."""
    sources = {s.id: s for s in case.sources}
    evidence = {e.id: e for e in case.evidence}
    rows = []
    for f in sorted(case.figures, key=lambda f: (f.what, f.as_of.start, f.id)):
        src = sources.get(f.source)
        claimant = src.name if src else f.source
        relays, best = [], None
        for eid in f.evidence:
            e = evidence.get(eid)
            if e is None or not protector.evidence_visible(e):
                continue
            items = chain(e, evidence, sources)
            grade = effective_grade([_grade(x, sources) for x in items])
            if grade and (best is None or rel_rank(grade) < rel_rank(best)):
                best = grade
            for x in items:
                name = sources[x.source].name if x.source in sources else x.source
                if x.source != f.source and name not in relays:
                    relays.append(name)
        own = src.reliability if src else None
        rows.append({
            "id": f.id, "what": f.what, "label": f.label or f.what,
            "value": (f"{f.value:,}" if f.value is not None else
                      f"{f.min:,}\u2013{f.max:,}" if f.min is not None and f.max is not None else
                      f"at least {f.min:,}" if f.min is not None else f"up to {f.max:,}") + (" (approx.)" if f.approximate else ""),
            "low": f.low, "high": f.high,
            "as_of": f.as_of.gregorian(), "scope": f.scope,
            "source": claimant, "claimant_reliability": own,
            "through": relays,
            "reliability": best if best is not None else own,
            "interested_party": bool(src and src.interested_party),
            "note": plain(f.note, label),
            "evidence": [refs.item(e) for e in f.evidence if e in refs.by_id],
        })
    return rows


def chart_rows(figures: list[dict]) -> tuple[list[dict], str]:
    """Death-toll bars of one scope only, and the caption that says which.  Where some figures are
    nationwide, only those are drawn; otherwise every figure is drawn and the caption says that the
    scopes differ."""
    deaths = [x for x in figures if x["what"] == "deaths"]
    national = [x for x in deaths if "nationwide" in x["scope"].lower() or "national" in x["scope"].lower()]
    if national:
        chosen = national
        caption = ("Nationwide death-toll estimates only, by who claims them (red: interested party); each counts "
                   "a different period or category, as the table states. Figures for single places are in the table.")
    else:
        chosen = deaths
        caption = ("Death-toll estimates by who claims them (red: interested party). The figures have different "
                   "scopes (see the table) and are not comparable with one another.")
    rows = [{"label": f"{x['source']} ({x['as_of']})", "low": x["low"], "high": x["high"],
             "group": "official" if x["interested_party"] else "ngo"} for x in chosen]
    return rows, caption


SUMMARY_FIELDS = (("what_happened", "What happened"), ("characterisation", "Legal characterisation"),
                  ("missing", "What is missing"), ("forum", "Forum"), ("request", "Request"))


def narrative(case, label) -> list[dict]:
    """The analyst's executive summary (``case.summary``), in the order a reader needs it."""
    s = getattr(case.info, "summary", None)
    if s is None:
        return []
    return [{"key": k, "heading": h, "html": render_block(getattr(s, k), label)}
            for k, h in SUMMARY_FIELDS if getattr(s, k, None)]


__all__ = ["namer", "figure_rows", "chart_rows", "narrative", "effective_grade", "RELIABILITY"]
