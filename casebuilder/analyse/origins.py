"""The origin graph: which independent origins each evidence item relays.

``derived_from`` links an item to the items or persons it relays (the hearsay chain).  Following it
to the roots gives the item's *origins*; two items are independent only if their origin sets are
disjoint, so three outlets repeating one NGO tally, or two articles quoting one nurse, count once.

A root is a person, or an original item (empty ``derived_from``).  An original item's origin is its
*source* — two tallies published by one NGO are one voice, not two — except first-hand testimony
(kind ``testimony`` from a source that is not itself a witness), where each original testimony is
its own origin: different unnamed witnesses interviewed by one outlet are different people.
"""
from __future__ import annotations

from ..models import Evidence, Source


class OriginGraph:
    def __init__(self, evidence, sources: dict[str, Source], person_ids: set[str]):
        self._items: dict[str, Evidence] = {e.id: e for e in evidence}
        self._sources = sources
        self._persons = person_ids
        self._memo: dict[str, frozenset[str]] = {}
        self._chains: dict[str, tuple[Evidence, ...]] = {}

    def item(self, eid: str) -> Evidence | None:
        return self._items.get(eid)

    def root_key(self, e: Evidence) -> str:
        src = self._sources.get(e.source)
        if e.kind == "testimony" and (src is None or src.kind != "witness"):
            return e.id
        return e.source if src is not None else e.id

    def origins(self, eid: str) -> frozenset[str]:
        """The origins of an item (or of a person: the person).  Loops, which `check` reports,
        are cut where they close; unknown ids count as their own origin."""
        return self._origins(eid, set())

    def _origins(self, node: str, visiting: set[str]) -> frozenset[str]:
        found, _ = self._walk(node, visiting)
        return found

    def _walk(self, node: str, visiting: set[str]) -> tuple[frozenset[str], bool]:
        """(origins, whether a loop was cut below); results touched by a cut are not memoised,
        so the answer never depends on the order in which items were asked about."""
        if node in self._memo:
            return self._memo[node], False
        e = self._items.get(node)
        if e is None:
            return frozenset([node]), False
        if not e.derived_from:
            out, cut = frozenset([self.root_key(e)]), False
        else:
            visiting.add(node)
            acc: set[str] = set()
            cut = False
            for d in e.derived_from:
                if d in visiting:
                    cut = True
                    continue
                sub, sub_cut = self._walk(d, visiting)
                acc |= sub
                cut = cut or sub_cut
            visiting.discard(node)
            out = frozenset(acc) if acc else frozenset([self.root_key(e)])
        if not cut:
            self._memo[node] = out
        return out, cut

    def chain(self, eid: str) -> tuple[Evidence, ...]:
        """The item and every item it relays, directly or not (sorted by id; loops are harmless)."""
        if eid not in self._chains:
            seen: dict[str, Evidence] = {}
            todo = [eid]
            while todo:
                e = self._items.get(todo.pop())
                if e is None or e.id in seen:
                    continue
                seen[e.id] = e
                todo.extend(e.derived_from)
            self._chains[eid] = tuple(seen[k] for k in sorted(seen))
        return self._chains[eid]

    def is_direct(self, eid: str) -> bool:
        """Direct (first-hand): an original item, or a testimony recording the account of the
        person(s) it derives from.  Everything else relays others: hearsay."""
        e = self._items.get(eid)
        if e is None:
            return False
        if not e.derived_from:
            return True
        return e.kind == "testimony" and all(d in self._persons for d in e.derived_from)
