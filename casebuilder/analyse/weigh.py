"""Weighing items: each linked evidence item as it bears on one element under one standard."""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Source
from ..models.framework import StandardParameters
from . import grades
from .origins import OriginGraph
from .results import ItemWeight

SUPPORTING = ("supports", "admits")


@dataclass(frozen=True)
class LinkInfo:
    """What the links naming an item say about it, merged independently of their order: the first
    note in sort order, ``admits`` if any link admits, the alternatives named (None: every
    alternative), the first inference in sort order, pattern true if any link says so."""

    note: str | None = None
    stance: str = "supports"
    alternatives: frozenset | None = None
    inference: str | None = None
    pattern: bool | None = None

    def covers(self, alt: str) -> bool:
        return self.alternatives is None or alt in self.alternatives


def _first(a, b):
    vals = [x for x in (a, b) if x is not None]
    return min(vals) if vals else None


def merge(a: LinkInfo, b: LinkInfo) -> LinkInfo:
    stance = "admits" if "admits" in (a.stance, b.stance) else a.stance
    alts = None if a.alternatives is None or b.alternatives is None else a.alternatives | b.alternatives
    pattern = True if True in (a.pattern, b.pattern) else (False if False in (a.pattern, b.pattern) else None)
    return LinkInfo(_first(a.note, b.note), stance, alts, _first(a.inference, b.inference), pattern)


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
    """Interested parties whose statement the item carries: the sources of the *origin* items of its
    chain (those that relay no other item), never an outlet that only relays them."""
    return tuple(sorted({i.source for i in graph.chain(e.id)
                         if i.source in sources and sources[i.source].interested_party
                         and not any(graph.item(d) is not None for d in i.derived_from)}))


def weigh(eid: str, link: LinkInfo, graph: OriginGraph, sources: dict[str, Source],
          params: StandardParameters, in_period: bool = True) -> ItemWeight | None:
    e = graph.item(eid)
    if e is None:
        return None  # an unknown id: `check` reports it; the analysis does not invent an item
    return _weigh(e, link, graph, sources, params, in_period, {})


def _chain_facts(e, graph: OriginGraph, sources: dict[str, Source],
                 memo: dict) -> tuple[tuple[str, ...], str, str, tuple[str, ...]]:
    """What the item's chain says whatever the link: its origins (sorted), its attribution, its
    effective reliability and the interested parties it carries (the values of graph.origins,
    graph.attribution, effective_reliability and interested_sources).  ``e`` is the graph's item.
    An original item (one that relays nothing: most of a case) is its own chain; a relay's chain is
    walked once for the three figures (:func:`_walk`)."""
    if e.derived_from:
        origins, rel, interested, _ = _walk(e, graph, sources, set(), memo)
        return tuple(sorted(origins)), graph.attribution_of(e), rel, tuple(sorted(interested))
    src = sources.get(e.source)
    rel = e.reliability or (src.reliability if src is not None else "F")
    return ((graph.root_key(e),), graph.attribution_of(e), rel,
            (e.source,) if src is not None and src.interested_party else ())


def _walk(e, graph: OriginGraph, sources: dict[str, Source], visiting: set[str],
          memo: dict) -> tuple[frozenset[str], str, frozenset[str], bool]:
    """(origins, effective reliability, interested sources of the origin items of its chain, whether
    a loop was cut below) of a graph's item: OriginGraph.origins, :func:`_reliability` and
    :func:`interested_sources` in one walk.  The origins are OriginGraph._walk's (a person or an
    unknown id it relays is its own origin; an item whose relays are all cut, or that relays
    nothing, has its root key); the reliability is _reliability's on the same path; a loop is cut
    where it closes, as in both.  Every item the chain reaches is met on some path, so the
    interested sources are the chain's.  Results touched by a cut depend on the path and are not
    kept in ``memo`` (as OriginGraph._walk)."""
    kept = memo.get(e.id)
    if kept is not None:
        return kept[0], kept[1], kept[2], False
    src = sources.get(e.source)
    found = [src.reliability if src is not None else "F"]
    interested = _NONE  # (most chains carry no interested party: one empty set for them all)
    acc: set[str] = set()
    origin, cut = True, False
    visiting.add(e.id)
    item = graph.item
    for d in e.derived_from:
        relayed = item(d)
        if relayed is None:
            acc.add(d)  # a person, or an unknown id: its own origin (OriginGraph._walk)
            continue
        origin = False
        if d in visiting:
            cut = True
            continue
        sub_origins, rel, sub, sub_cut = _walk(relayed, graph, sources, visiting, memo)
        acc |= sub_origins
        found.append(rel)
        if sub:
            interested = interested | sub
        cut = cut or sub_cut
    visiting.discard(e.id)
    if origin and src is not None and src.interested_party:
        interested = interested | {e.source}
    if e.reliability:
        rel = e.reliability
    else:
        judged = [g for g in found if g != "F"]
        rel = max(judged, key=grades.RELIABILITY.index) if judged else "F"  # (grades.rel_rank, without a call)
    origins = frozenset(acc) if acc else frozenset([graph.root_key(e)])
    if not cut:
        memo[e.id] = (origins, rel, interested)
    return origins, rel, interested, cut


_NONE: frozenset[str] = frozenset()


def _weigh(e, link: LinkInfo, graph: OriginGraph, sources: dict[str, Source], params: StandardParameters,
           in_period: bool, memo: dict) -> ItemWeight:
    origins, attribution, rel, interested = _chain_facts(e, graph, sources, memo)
    if link.stance == "contradicts":
        bar = (params.con_min_reliability, params.con_max_credibility)
    else:
        bar = (params.min_reliability, params.max_credibility)
    pattern = bool(link.pattern) or (link.pattern is None and not in_period)
    return ItemWeight(
        evidence_id=e.id,
        source=e.source,
        kind=e.kind,
        origins=origins,
        direct=attribution == "first-hand",  # (graph.is_direct is attribution == "first-hand")
        reliability=rel,
        credibility=e.credibility,
        interested_party=bool(interested),
        interested_sources=interested,
        weight=grades.weight(rel),
        qualifies=not pattern and grades.meets_reliability(rel, bar[0]) and grades.meets_credibility(e.credibility, bar[1]),
        note=link.note,
        attribution=attribution,
        stance=link.stance,
        pattern=pattern,
        inference=link.inference,
    )


_new = object.__new__


def collect(links, element_id: str) -> dict[str, dict[str, LinkInfo]]:
    """Evidence ids linked to one element, by stance (supports, contradicts, disputes, rhetoric;
    ``admits`` is support), each with what its links say, merged whatever their order."""
    out: dict[str, dict[str, LinkInfo]] = {"supports": {}, "contradicts": {}, "disputes": {}, "rhetoric": {}}
    for link in links:
        if link.element != element_id:
            continue
        side = out["supports" if link.stance in SUPPORTING else link.stance]
        alt = getattr(link, "alternative", None)
        # LinkInfo(note, stance, alternatives, inference, pattern) without the frozen dataclass's
        # __init__, which sets each field through object.__setattr__ (test_weigh_chains compares the
        # two).  Its dict is larger than the one __init__ leaves: fine for a LinkInfo, which lives as
        # long as one element's weighing; not for the ItemWeights the analysis keeps (25 MB on L).
        info = _new(LinkInfo)
        info.__dict__.update(note=link.note, stance=link.stance, alternatives=frozenset([alt]) if alt else None,
                             inference=getattr(link, "inference", None), pattern=getattr(link, "pattern", None))
        for eid in link.evidence:
            side[eid] = merge(side[eid], info) if eid in side else info
    return out


def weigh_all(ids: dict[str, LinkInfo], graph, sources, params, cache: dict | None = None,
              period=None) -> tuple[ItemWeight, ...]:
    """Weigh each id; ``cache`` (one per analysis: the standard is fixed) spares re-walking chains
    for an item linked to many elements (it holds the weights by (id, link, in period), and what
    each relay's chain says by its id: :func:`_walk`).  ``period`` (start, end dates): items dated wholly outside
    it (before it begins) are pattern evidence unless their link says otherwise."""
    cache = {} if cache is None else cache
    out = []
    item = graph.item
    begins = None if period is None else period[0]
    for eid in sorted(ids):
        info = ids[eid]
        e = item(eid)
        if e is None:
            continue  # an unknown id: `check` reports it; the analysis does not invent an item
        date = e.date  # (in_period, inline: it runs for every item of every element)
        inside = begins is None or date is None or not date.end < begins
        # The LinkInfo by its fields, as its own equality and hash compare them: hashing the tuple
        # runs no Python code (the dataclass's __hash__ and __eq__ would, at every lookup).
        key = (eid, info.note, info.stance, info.alternatives, info.inference, info.pattern, inside)
        w = cache.get(key)
        if w is None:
            w = cache[key] = _weigh(e, info, graph, sources, params, inside, cache)
        out.append(w)
    return tuple(out)


def in_period(e, period) -> bool:
    """False when the item is dated wholly before ``period`` begins: it cannot record the act (a report
    on an earlier wave of events is pattern evidence).  Items published later (reports follow
    events) and undated items count; an analyst marks an undated pattern item with `pattern: true`."""
    if e is None or period is None or e.date is None:
        return True
    return not e.date.end < period[0]
