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

from typing import Callable

from ..models import Evidence, Source


#: Kinds that are first-hand by nature when they relay nothing (see OriginGraph.attribution).
FIRST_HAND_KINDS = frozenset({"testimony", "video", "photo", "audio", "medical", "forensic", "document"})
#: Kinds that state others' information unless `first_hand` says how they are first-hand.
REPORT_KINDS = frozenset({"report", "media-report", "official-statement", "social-media", "dataset", "other"})


class OriginGraph:
    def __init__(self, evidence, sources: dict[str, Source], person_ids: set[str]):
        self._items: dict[str, Evidence] = {e.id: e for e in evidence}
        self._sources = sources
        self._persons = person_ids
        self._memo: dict[str, frozenset[str]] = {}
        self._chains: dict[str, tuple[Evidence, ...]] = {}
        #: ``item(eid)``: the item of that id, or None.  The dict's own lookup, bound: weighing asks
        #: for every linked item of every element (a Python method around it was 1-2% of analyse).
        self.item: Callable[[str], Evidence | None] = self._items.get

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
        """Direct (first-hand): a percipient witness's own account, a primary document, a record, a
        recording of the event or physical evidence (see :meth:`attribution`)."""
        return self.attribution(eid) == "first-hand"

    def attribution(self, eid: str) -> str:
        """``first-hand``, ``relayed`` (hearsay: it relays other items or persons) or ``unattributed``
        (a claim that names no first-hand origin: an original report, article or statement that does
        not say `first_hand`).

        An item that says ``first_hand`` (percipient, document, record, recording, physical) is
        first-hand if it relays nothing or only the persons whose account it records; ``first_hand:
        no`` is unattributed.  Unset, the kind decides: an original testimony, or one that records only
        persons, is a percipient account; an original video, photo, audio, medical or forensic record,
        document is first-hand; an original report, media report, official statement,
        social-media post, dataset or other item is unattributed."""
        e = self._items.get(eid)
        if e is None:
            return "unattributed"
        return self.attribution_of(e)

    def attribution_of(self, e: Evidence) -> str:
        """:meth:`attribution` of the graph's item ``e`` (for a caller that holds it already)."""
        only_persons = all(d in self._persons for d in e.derived_from)
        if e.derived_from and not only_persons:
            return "relayed"
        fh = getattr(e, "first_hand", None)
        if fh == "no":
            return "unattributed" if not e.derived_from else "relayed"
        if fh is not None:
            return "first-hand"
        if e.derived_from:  # records persons' accounts
            return "first-hand" if e.kind == "testimony" else "relayed"
        return "first-hand" if e.kind in FIRST_HAND_KINDS else "unattributed"
