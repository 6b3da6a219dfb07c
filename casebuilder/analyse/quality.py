"""Quality figures for the review brief: how thin is the evidence behind the statuses?

Rows are the element rows of the allegations that apply, on one base: each allegation's own
elements (act-specific, and per-act contextual elements such as nexus and knowledge), plus the
situation-level contextual elements once per context allegation (not once per act).  Items are the
distinct evidence items linked anywhere in those rows; every distribution is over those items.
"""
from __future__ import annotations

from .grades import RELIABILITY
from .results import ELEMENT_STATUSES


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def rows_of(allegations, contexts) -> list:
    """The element rows counted once: own rows of applicable allegations, shared context rows once."""
    rows = []
    for a in allegations:
        if a.status == "not_applicable":
            continue
        rows += [e for e in a.elements if not e.contextual or e.scope == "act"]
    shared_fw = {a.framework for a in allegations if a.status != "not_applicable"}
    for c in contexts:
        if c.framework in shared_fw:
            rows += [e for e in c.elements if e.scope != "act"]
    return rows


def quality(allegations, contexts) -> dict:
    rows = rows_of(allegations, contexts)
    supported = [e for e in rows if e.supporting]
    single = [e for e in supported if e.independent_origins == 1]
    items = {}
    for e in rows:
        for i in (*e.supporting, *e.contradicting):
            items[i.evidence_id] = i
    relayed = [i for i in items.values() if not i.direct]
    cred = {str(c): 0 for c in range(1, 7)}
    cred["not assessed"] = 0
    for i in items.values():
        cred[str(i.credibility) if i.credibility is not None else "not assessed"] += 1
    attribution = {k: sum(1 for i in items.values() if i.attribution == k) for k in ("first-hand", "relayed", "unattributed")}
    return {
        "element_rows": len(rows),
        "element_statuses": {s: sum(1 for e in rows if e.status == s) for s in ELEMENT_STATUSES if s != "not_applicable"},
        "supported_rows": len(supported),
        "single_origin_rows": len(single),
        "single_origin_share": _share(len(single), len(supported)),
        "met_single_origin_rows": sum(1 for e in rows if e.status == "met" and e.independent_origins == 1),
        "items": len(items),
        "relayed_items": len(relayed),
        "relayed_share": _share(len(relayed), len(items)),
        "attribution": attribution,
        "interested_party_items": sum(1 for i in items.values() if i.interested_party),
        "reliability_distribution": {g: sum(1 for i in items.values() if i.reliability == g) for g in RELIABILITY},
        "credibility_distribution": cred,
    }
