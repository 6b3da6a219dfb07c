"""protect → view: everything a brief may show to one audience, as plain JSON-able data.

Templates receive only this view.  It is built through the :class:`~casebuilder.protect.Protector`,
so a person above the audience's clearance is only ever present as a pseudonym, and a withheld
evidence item only as an opaque reference (its status weight still counts in the analysis).
"""
from __future__ import annotations

from .. import __version__
from ..analyse.export import messages_json
from ..models import LEVELS
from . import svg
from .chronology import brief_date, chronology
from .markdown import bidi, plain, render_block
from .registers import registers, view_rows
from .view_jurisdiction import jurisdiction_view
from .present import chart_rows, figure_rows, namer as make_namer, narrative
from .view_suspects import suspects_view
from .view_law import allegations_view, gaps_view, law_view, matrix_view, quality_view, summary_view
from .words import ARMED_CONFLICT

BRIEF_TITLES = {
    "legal": "Legal brief",
    "un": "Submission to United Nations human rights mechanisms",
    "review": "Evidentiary gap review",
}
MARKINGS = {level: level.replace("-", " ").upper() for level in LEVELS}
CITED_PER_ELEMENT = 12  # the legal brief footnotes at most this many items per element (Annex A has all)
# Above this many evidence citations the briefs print them as a numbered list under each element
# instead of as footnotes.  WeasyPrint lays out a page with footnotes about seven times slower than
# one without (119 ms against 800-1,000 ms a page, measured on a synthetic chapter), and more slowly
# the more footnotes the document holds: a 2,000-incident case (13,000 citations) did not finish in
# 20 minutes.  Lists keep the rendering time of huge briefs in proportion to their pages.
FOOTNOTE_LIMIT = 2000


class EvidenceRefs:
    """Numbers evidence citations in first-use order and renders each as a footnote text once."""

    def __init__(self, case, protector):
        self.case = case
        self.protector = protector
        self.by_id = {e.id: e for e in case.evidence}
        self.sources = {s.id: s for s in case.sources}
        self._items: dict[str, dict] = {}

    def item(self, eid: str) -> dict:
        """The citation of one item, made once (a large brief cites an item many times); callers
        copy it before adding to it."""
        it = self._items.get(eid)
        if it is None:
            it = self._items[eid] = self._item(eid)
        return it

    def _item(self, eid: str) -> dict:
        e = self.by_id[eid]
        p = self.protector
        src = self.sources.get(e.source)
        sha = e.exhibit.sha256 if e.exhibit and e.exhibit.sha256 else None
        if not p.evidence_visible(e):
            # the opaque reference only: no exhibit hash, kind, source or date (any of them could
            # identify the document behind it, review §3.2 item 13)
            ref = p.evidence_ref(e)
            return {"id": p.evidence_key(e), "ref": ref, "withheld": True,
                    "text": f"Item {ref} of the case, withheld from this edition", "short_hash": None}
        date = brief_date(e.date) if e.date else None
        parts = [src.name if src else e.source]
        if date:
            parts.append(date)
        return {
            "id": eid,
            "withheld": False,
            "source": src.name if src else e.source,
            "interested_party": bool(src and src.interested_party),
            "reliability": e.reliability or (src.reliability if src else None),
            "credibility": e.credibility,
            "title": plain(e.title, p.person_label),
            "date": date,
            "excerpt": plain(e.excerpt, p.person_label),
            "locator": e.locator,
            "exhibit": e.exhibit.path if e.exhibit else None,
            "short_hash": sha[:12] if sha else None,
            "text": ", ".join(parts),
        }


def _person_row(p, person) -> dict:
    named = p.identity_visible(person)
    hidden_role = p.withheld_from_audience(person)
    rec = p.record(person)  # every particular follows the entry's level
    return {
        "id": person.id if named else p.person_label(person.id),
        "label": p.person_label(person.id),
        "original": p.person_original(person.id),
        "role": "\u2014" if hidden_role else person.role,
        "protected": person.protection != "none",
        "shown_as": "name" if named else "pseudonym",
        "count": rec.count,
        "age": None if hidden_role else rec.age,
        "description_html": render_block(person.description, p.person_label) if named and p.can_see(person) else "",
    }


def build_view(checked, analysis, by_standard: dict, protector, brief: str, audience: str,
               detail_limit: int | None = None, register_limit: int | None = None, forum: str | None = None) -> dict:
    """The view for one audience. ``analysis`` is the result under the brief's standard; ``by_standard``
    maps standard ids to results (for the readiness matrix); above ``detail_limit`` visible incidents
    (default :data:`~.chronology.DETAIL_LIMIT`) the chronology is summarised (see :mod:`.chronology`);
    a register longer than ``register_limit`` rows (default :data:`~.registers.REGISTER_LIMIT`) is
    summarised in its annex and attached in full (see :mod:`.registers`)."""
    case, fs = checked.case, checked.frameworks
    info = case.info
    p = protector
    label = p.person_label
    refs = EvidenceRefs(case, p)
    std = fs.standards.get(analysis.standard)
    sources = {s.id: s for s in case.sources}
    actors = {a.id: a for a in case.actors}

    facts = chronology(case, p, refs, actors, detail_limit)

    figures = figure_rows(case, refs, label, p)
    chart, chart_caption = chart_rows(figures)
    names = make_namer(case, fs, analysis, refs, p, {x.id: x.title for x in fs.standards_by_rank()})

    register = []
    # Annex A numbers the items in the order a reader looks for them: by date, then source; the
    # withheld ones last, in the order of their opaque references
    ordered = sorted(case.evidence, key=lambda e: (0, e.date.start.isoformat() if e.date else "9999",
                                                   refs.item(e.id).get("source") or "", e.id)
                     if p.evidence_visible(e) else (1, refs.item(e.id)["id"], "", ""))
    for no, e in enumerate(ordered, 1):
        it = refs.item(e.id)
        src = sources.get(e.source)
        register.append({
            "no": no,
            "id": it["id"], "kind": e.kind if not it["withheld"] else "withheld",
            "source": it.get("source") if not it["withheld"] else "\u2014",
            "reliability": (e.reliability or (src.reliability if src else "")) if not it["withheld"] else "",
            "credibility": e.credibility if not it["withheld"] else None,
            "date_original": "",
            "date": brief_date(e.date) if e.date and not it["withheld"] else "",
            "sha256": e.exhibit.sha256 if e.exhibit and e.exhibit.sha256 and not it["withheld"] else None,
            "excerpt": it.get("excerpt", "") if not it["withheld"] else "",
            "locator": it.get("locator") if not it["withheld"] else None,
            "withheld": it["withheld"],
            "title": it["text"] if it["withheld"] else it["title"],
            "text": it["text"],
        })

    person_rows = [(x, _person_row(p, x)) for x in sorted(case.persons, key=lambda x: x.id)]
    allegations = allegations_view(analysis, messages_json(analysis, audience, label, p.evidence_ref), case, fs, refs,
                                   label, names)
    cited = sum(min(len(e["supporting"]), CITED_PER_ELEMENT) + min(len(e["contradicting"]), CITED_PER_ELEMENT)
                for a in allegations for e in a["elements"])
    view = {
        "meta": {
            "brief": brief,
            "brief_title": BRIEF_TITLES[brief],
            "title": info.title,
            "case_id": info.id,
            "date": info.date.display(),
            "date_iso": info.date.start.isoformat(),
            "prepared_by": info.prepared_by,
            "audience": audience,
            "marking": MARKINGS[audience],
            "language": (info.languages or ["en"])[0],
            "generator": f"casebuilder {__version__}",
            "standard": {"id": analysis.standard, "title": std.title if std else analysis.standard,
                         "citation": std.citation.short() if std else "", "text": std.text if std else ""},
            "keywords": ", ".join(["human rights", info.situation.territory, *info.frameworks]),
            "subject": f"{BRIEF_TITLES[brief]}: {info.title}",
            "citations": "footnotes" if cited <= FOOTNOTE_LIMIT else "inline",
            "cited_per_element": CITED_PER_ELEMENT,
        },
        "situation": {
            "state": info.situation.state,
            "territory": info.situation.territory,
            "period": info.situation.period.display(),
            "armed_conflict": info.situation.armed_conflict,
            "armed_conflict_sentence": ARMED_CONFLICT.get(info.situation.armed_conflict, ""),
            "armed_conflict_basis_html": render_block(info.situation.armed_conflict_basis, label),
        },
        "description_html": render_block(info.description, label),
        "domestic_remedies_html": render_block(info.domestic_remedies, label),
        "summary": summary_view(analysis, fs),
        "narrative": narrative(case, label),
        "law": law_view(analysis, fs, case, names),
        "incidents": facts["incidents"],
        "withheld_incidents": facts["withheld_incidents"],
        "chronology": facts["chronology"],
        "figures": figures,
        "charts": {"timeline": facts["timeline"], "estimates": svg.ranges(chart), "estimates_caption": chart_caption},
        "allegations": allegations,
        "gaps": gaps_view(allegations),
        "gaps_all": gaps_view(allegations, everything=True),
        "matrix": matrix_view(analysis, by_standard, fs),
        "quality": quality_view(analysis, case),
        "evidence": register,
        "sources": [{"id": s.id, "name": s.name, "original": s.name_original, "kind": s.kind,
                     "reliability": s.reliability, "reason": s.reliability_reason,
                     "interested_party": s.interested_party} for s in sorted(case.sources, key=lambda s: s.id)],
        "persons": [row for _, row in person_rows],
        "victims": [row for x, row in person_rows if x.role in ("victim", "detainee") and not p.withheld_from_audience(x)],
        "withheld_victims": sum(1 for x in case.persons
                                if x.role in ("victim", "detainee") and p.withheld_from_audience(x)),
        "actors": [{"id": a.id, "name": a.name, "kind": a.kind,
                    "chain": _chain(a, actors), "description_html": render_block(a.description, label)}
                   for a in sorted(case.actors, key=lambda a: a.id)],
    }
    view["gap_groups"] = _grouped(view["gaps"])
    view["annex_numbers"] = {r["id"]: r["no"] for r in register}
    view["jurisdiction"] = _jurisdiction(view)
    view["suspects"] = suspects_view(checked, analysis, by_standard, p, audience, brief, refs)  # casebuilder/render/view_suspects.py
    view["registers"] = registers(brief, view_rows(view), register_limit, incidents=facts["chronology"]["compact"])
    if brief == "legal":
        view["forum_view"] = jurisdiction_view(checked, analysis, p, refs, forum, audience)
    return view


def name_note_targets(view: dict, notes: list[dict]) -> list[dict]:
    """Each review note's target in words ("Murder, element 1"; "Annex A, no. 12"), never its ids:
    the allegation by its title, the element by its label, the item by its Annex A number."""
    titles = {a["id"]: a["title"] for a in view["allegations"]}
    labels = {(a["id"], e["id"]): e["label"] for a in view["allegations"] for e in a["elements"]}
    items = {r["id"]: r for r in view["evidence"]}
    for n in notes:
        if n["on"] == "item":
            r = items.get(n["evidence"])
            n["target_words"] = (f"{r['text']} (Annex A, no. {r['no']})" if r and not r["withheld"]
                                 else "a withheld item")
        else:
            words = titles.get(n["allegation"], "an allegation")
            if n["on"] == "element":
                words += ", " + labels.get((n["allegation"], n["element"]), "an element")
            n["target_words"] = words
    return notes


def _grouped(gaps: list[dict]) -> list[dict]:
    """Gap rows under their allegation, in the order of the brief."""
    out: list[dict] = []
    for g in gaps:
        if not out or out[-1]["allegation"] != g["allegation"]:
            out.append({"allegation": g["allegation"], "title": g["allegation_title"], "rows": []})
        out[-1]["rows"].append(g)
    return out


def _jurisdiction(view: dict) -> list[str]:
    """Every applicability statement once (the ICC-jurisdiction sentence used to recur under each
    framework and allegation): the frameworks' own first, then any an allegation adds."""
    out: list[str] = []
    for f in view["law"]:
        for r in f["reasons"]:
            if r["message"] not in out:
                out.append(r["message"])
    return out


def _chain(actor, actors: dict) -> list[str]:
    out, seen = [], set()
    cur = actors.get(actor.part_of) if actor.part_of else None
    while cur is not None and cur.id not in seen:
        seen.add(cur.id)
        out.append(cur.name)
        cur = actors.get(cur.part_of) if cur.part_of else None
    return out


__all__ = ["build_view", "name_note_targets", "bidi", "BRIEF_TITLES", "MARKINGS"]
