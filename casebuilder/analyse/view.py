"""The audience view of an analysis: what may be named, and how.

Statuses and counts never change with the audience.  What changes is naming: an evidence item above
the audience's level is shown as "withheld item" (its source as "withheld source"), an origin reached
only through withheld items as "withheld origin", and a protected person whose clearance is above
the audience by pseudonym, or as "withheld person".  A ``label`` callable (e.g. from the protect
stage) overrides how persons are named, and an ``item`` callable how withheld items are (the protect
stage gives the opaque references the briefs cite, 'E-07', so that every output names an item alike).
"""
from __future__ import annotations

import re
from typing import Callable

from ..models.common import level_rank
from .results import Analysis, ElementResult, Label

WITHHELD_ITEM = "withheld item"
WITHHELD_ORIGIN = "withheld origin"
WITHHELD_SOURCE = "withheld source"
WITHHELD_PERSON = "withheld person"
PERSON_REF = re.compile(r"\[\[([^\[\]\s]+)\]\]")


class View:
    def __init__(self, analysis: Analysis, audience: str | Callable[[str], bool] | None, label: Label | None,
                 item: Label | None = None):
        vis = analysis.visibility
        self.levels = vis.evidence_levels
        self.persons = vis.persons
        self.audience = audience if isinstance(audience, str) else None
        if audience is None:
            self.may_name: Callable[[str], bool] = lambda eid: True
        elif callable(audience):
            self.may_name = audience
        else:
            rank = level_rank(audience)
            named: dict[str, bool] = {}  # by evidence id: a large analysis names each item many times

            def may_name(eid: str) -> bool:
                ok = named.get(eid)
                if ok is None:
                    ok = named[eid] = level_rank(self.levels.get(eid, "strictly-confidential")) <= rank
                return ok
            self.may_name = may_name
        self._label = label
        self._item = item

    def withheld_item(self, eid: str) -> str:
        return self._item(eid) if self._item is not None else WITHHELD_ITEM

    def person(self, pid: str) -> str:
        if self._label is not None:
            return self._label(pid)
        protection, clearance, pseudonym = self.persons[pid]
        if self.audience is None or protection == "none":
            return pid
        if level_rank(self.audience) >= level_rank(clearance or "strictly-confidential"):
            return pid
        return pseudonym if protection == "pseudonym" and pseudonym else WITHHELD_PERSON

    def text(self, s: str | None) -> str | None:
        """Free text with [[person-id]] references, resolved for this audience."""
        if s is None or self.audience is None and self._label is None:
            return s
        return PERSON_REF.sub(lambda m: self.person(m.group(1)) if m.group(1) in self.persons else m.group(0), s)

    def element(self, e: ElementResult) -> "ElementNames":
        return ElementNames(self, e)


class ElementNames:
    """Labels for the ids named in one element's items, origins and messages."""

    def __init__(self, view: View, e: ElementResult):
        self.view = view
        # every item the element lists is named through here, not only the weighed ones: an item
        # offered, disputing, rhetorical or pattern evidence shows its own origins when it is shown
        items = (*e.supporting, *e.contradicting, *e.offered, *e.disputed, *e.rhetoric, *e.pattern)
        shown = [i for i in items if view.may_name(i.evidence_id)]
        self.withheld = {i.evidence_id for i in items if not view.may_name(i.evidence_id)}
        self.seen_origins = {o for i in shown for o in i.origins}
        self.all_origins = {o for i in items for o in i.origins}
        self.seen_sources = {s for i in shown for s in (i.source, *i.interested_sources)}
        self.all_sources = {s for i in items for s in (i.source, *i.interested_sources)}

    def origin(self, o: str) -> str:
        v = self.view
        if o not in self.seen_origins or (o in v.levels and not v.may_name(o)):
            return WITHHELD_ORIGIN
        return self(o)

    def __call__(self, x: str) -> str:
        v = self.view
        if x in self.withheld or (x in v.levels and not v.may_name(x)):
            return v.withheld_item(x)
        if x in self.all_origins and x not in self.seen_origins and x not in self.all_sources:
            return WITHHELD_ORIGIN
        if x in self.all_sources and x not in self.seen_sources:
            return WITHHELD_SOURCE
        if x in v.persons:
            return v.person(x)
        return x
