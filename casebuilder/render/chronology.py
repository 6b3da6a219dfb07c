"""The facts part of a brief: every visible incident, in full while the case is small, summarised
when it is large.

A chronology of a few dozen incidents reads well as prose, one entry each.  A fact-finding record of
thousands does not: a 20,000-entry chronology runs to thousands of pages that nobody reads and that
take hours to typeset.  Above :data:`DETAIL_LIMIT` visible incidents (``build --detail-limit``) the brief therefore

* describes in full only the incidents with the most recorded evidence (ties: earlier first),
* summarises all of them by province and by month (incidents and reported victims),
* lists every one of them in a compact incident register (one table row each, in an annex),
* and draws the timeline as incidents per day or week instead of one bar per incident.

Nothing is dropped: every visible incident is in the register, and the brief says how the detailed
ones were chosen.  Incidents above the audience's level are only counted, as before.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from . import svg
from .markdown import plain, render_block, render_inline

DETAIL_LIMIT = 50        # incidents described in full; above it the chronology is summarised
TIMELINE_LIMIT = 40      # incidents drawn one bar each; above it the timeline counts per day or week
VICTIM_KINDS = ("killed", "injured", "arrested", "disappeared")


def incident_entry(inc, refs, label, actors: dict) -> dict:
    """One incident as the chronology describes it in full."""
    return {
        "id": inc.id,
        "title": plain(inc.title, label),
        "title_html": render_inline(inc.title, label),
        "date": brief_date(inc.date),
        "date_original": inc.date.text,
        "calendar": inc.date.calendar,
        "start": inc.date.start.isoformat(),
        "location": _place(inc),
        "description_html": render_block(inc.description, label),
        "categories": list(inc.categories),
        "victims": dict(inc.victims.model_dump(exclude_none=True)) if inc.victims else {},
        "victims_text": _victims_text(inc),
        "actors": [actors[a].name for a in inc.actors if a in actors],
        "evidence": [refs.item(e) for e in inc.evidence if e in refs.by_id],
    }


_GREGORIAN_YEAR = re.compile(r"\b(?:1[89]|20|21)\d\d\b")


def brief_date(d) -> str:
    """One format in a brief: the Gregorian date, with a Solar Hijri original beside it only where the
    source gave the date in that calendar alone ('3 January 2026 (1404-10-13 SH)'), never a mixture
    such as '1404-10-18 SH – 2026-01-09'."""
    g = d.gregorian()
    if d.calendar == "solar-hijri" and not _GREGORIAN_YEAR.search(d.text):
        return f"{g} ({d.text})"
    return g


def _victims_text(inc) -> str:
    """'7 killed, 30 injured' — empty when nothing is counted (never 'reported: ;')."""
    v = inc.victims
    if v is None:
        return ""
    counts = [f"{getattr(v, k):,} {k}" for k in (*VICTIM_KINDS, "tortured", "other") if getattr(v, k, None)]
    return ", ".join(counts)


def _place(inc) -> str:
    return ", ".join(x for x in (inc.location.place, inc.location.province) if x)


def _victims(inc) -> dict:
    v = inc.victims
    return {k: getattr(v, k) for k in VICTIM_KINDS if v is not None and getattr(v, k) is not None}


def _register_row(inc, items: int, label) -> dict:
    return {"id": inc.id, "date": inc.date.gregorian(), "location": _place(inc),
            "title": plain(inc.title, label), "evidence": items,
            "victims": ", ".join(f"{n:,} {k}" for k, n in _victims(inc).items())}


def _summary(incidents, key) -> list[dict]:
    rows: dict[str, dict] = defaultdict(lambda: {"incidents": 0, **{k: 0 for k in VICTIM_KINDS}})
    for inc in incidents:
        r = rows[key(inc)]
        r["incidents"] += 1
        for k, n in _victims(inc).items():
            r[k] += n
    return [{"key": k, **rows[k]} for k in sorted(rows)]


def _timeline(visible, label) -> str:
    if len(visible) <= TIMELINE_LIMIT:
        return svg.timeline([{"label": plain(i.title, label), "start": i.date.start, "end": i.date.end,
                              "approximate": i.date.approximate} for i in visible])
    days = Counter(i.date.start for i in visible)
    return svg.histogram(days, "incidents")


def chronology(case, protector, refs, actors: dict, detail_limit: int | None = None) -> dict:
    """The facts part of the view: ``incidents`` (described in full), ``register`` (every visible
    incident as a table row, when summarised), ``by_province`` / ``by_month`` summaries, the timeline
    chart and the counts the brief states."""
    label = protector.person_label
    detail_limit = DETAIL_LIMIT if detail_limit is None else detail_limit
    ordered = sorted(case.incidents, key=lambda i: (i.date.start, i.date.end, i.id))
    visible = [i for i in ordered if protector.incident_visible(i)]
    compact = len(visible) > detail_limit
    detailed = visible
    if compact:  # recorded evidence items: what chooses the detailed incidents, and a register column
        weight = {i.id: sum(1 for e in i.evidence if e in refs.by_id) for i in visible}
        chosen = {i.id for i in sorted(visible, key=lambda i: (-weight[i.id], i.date.start, i.id))[:detail_limit]}
        detailed = [i for i in visible if i.id in chosen]
    return {
        "incidents": [incident_entry(i, refs, label, actors) for i in detailed],
        "withheld_incidents": len(ordered) - len(visible),
        "timeline": _timeline(visible, label),
        "chronology": {
            "compact": compact,
            "total": len(visible),
            "detailed": len(detailed),
            "limit": detail_limit,
            "register": [_register_row(i, weight[i.id], label) for i in visible] if compact else [],
            "by_province": _summary(visible, lambda i: i.location.province or "(province not recorded)") if compact else [],
            "by_month": _summary(visible, lambda i: i.date.start.strftime("%Y-%m")) if compact else [],
            "victim_kinds": list(VICTIM_KINDS),
        },
    }
