"""Weighing items: each linked evidence item as it bears on one element under one standard."""
from __future__ import annotations

from ..models import Source
from ..models.framework import StandardParameters
from . import grades
from .origins import OriginGraph
from .results import ItemWeight


def effective_reliability(e, graph: OriginGraph, sources: dict[str, Source]) -> str:
    """The item's own ``reliability`` if the analyst graded it (a grade of the item as a whole);
    otherwise the weakest *judged* grade along its chain — its source's and, recursively, those of
    every item it relays: a faithful relay of an unreliable origin is no more reliable than the
    origin.  F (cannot be judged) says nothing, so it counts only when nothing else is judged."""
    return _reliability(e, graph, sources, set())


def _reliability(e, graph: OriginGraph, sources: dict[str, Source], visiting: set[str]) -> str:
    if e.reliability:
        return e.reliability
    src = sources.get(e.source)
    found = [src.reliability if src is not None else "F"]
    visiting.add(e.id)
    for d in e.derived_from:
        relayed = graph.item(d)
        if relayed is not None and d not in visiting:
            found.append(_reliability(relayed, graph, sources, visiting))
    visiting.discard(e.id)
    judged = [g for g in found if g != "F"]
    return max(judged, key=grades.rel_rank) if judged else "F"


def interested_sources(e, graph: OriginGraph, sources: dict[str, Source]) -> tuple[str, ...]:
    """Interested parties whose statement the item carries: its own source, or any source along its chain."""
    return tuple(sorted({i.source for i in graph.chain(e.id)
                         if i.source in sources and sources[i.source].interested_party}))


def weigh(eid: str, note: str | None, graph: OriginGraph, sources: dict[str, Source],
          params: StandardParameters) -> ItemWeight | None:
    e = graph.item(eid)
    if e is None:
        return None  # an unknown id: `check` reports it; the analysis does not invent an item
    rel = effective_reliability(e, graph, sources)
    interested = interested_sources(e, graph, sources)
    return ItemWeight(
        evidence_id=e.id,
        source=e.source,
        kind=e.kind,
        origins=tuple(sorted(graph.origins(e.id))),
        direct=graph.is_direct(e.id),
        reliability=rel,
        credibility=e.credibility,
        interested_party=bool(interested),
        interested_sources=interested,
        weight=grades.weight(rel),
        qualifies=grades.meets_reliability(rel, params.min_reliability)
        and grades.meets_credibility(e.credibility, params.max_credibility),
        note=note,
    )


def collect(links, element_id: str) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """Evidence ids (with the first note given) supporting and contradicting one element."""
    sup: dict[str, str | None] = {}
    con: dict[str, str | None] = {}
    for link in links:
        if link.element != element_id:
            continue
        side = sup if link.stance == "supports" else con
        for eid in link.evidence:
            if side.get(eid) is None:
                side[eid] = link.note
    return sup, con


def weigh_all(ids: dict[str, str | None], graph, sources, params, cache: dict | None = None) -> tuple[ItemWeight, ...]:
    """Weigh each id; ``cache`` (one per analysis: the standard is fixed) spares re-walking chains
    for an item linked to many elements."""
    cache = {} if cache is None else cache
    out = []
    for eid in sorted(ids):
        key = (eid, ids[eid])
        if key not in cache:
            cache[key] = weigh(eid, ids[eid], graph, sources, params)
        if cache[key] is not None:
            out.append(cache[key])
    return tuple(out)
