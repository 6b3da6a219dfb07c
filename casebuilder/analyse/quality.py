"""Quality figures for the review brief: how thin is the evidence behind the statuses?

Rows are allegation × element pairs of the allegations that apply (the same rows as the CSV); an
element shared through a context allegation counts once per allegation, as it is weighed there.
Items are the distinct evidence items linked anywhere in those rows or in the context allegations.
"""
from __future__ import annotations

from .grades import RELIABILITY
from .results import STATUSES


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def quality(allegations, contexts) -> dict:
    rows = [e for a in allegations if a.status != "not_applicable" for e in a.elements]
    supported = [e for e in rows if e.supporting]
    single = [e for e in supported if e.independent_origins == 1]
    items = {}
    for e in [*rows, *(e for c in contexts for e in c.elements)]:
        for i in (*e.supporting, *e.contradicting):
            items[i.evidence_id] = i
    relayed = [i for i in items.values() if not i.direct]
    cred = {str(c): 0 for c in range(1, 7)}
    cred["not assessed"] = 0
    for i in items.values():
        cred[str(i.credibility) if i.credibility is not None else "not assessed"] += 1
    return {
        "element_rows": len(rows),
        "element_statuses": {s: sum(1 for e in rows if e.status == s) for s in STATUSES if s != "not_applicable"},
        "supported_rows": len(supported),
        "single_origin_rows": len(single),
        "single_origin_share": _share(len(single), len(supported)),
        "items": len(items),
        "relayed_items": len(relayed),
        "relayed_share": _share(len(relayed), len(items)),
        "interested_party_items": sum(1 for i in items.values() if i.interested_party),
        "reliability_distribution": {g: sum(1 for i in items.values() if i.reliability == g) for g in RELIABILITY},
        "credibility_distribution": cred,
    }
