"""Grades that decide the outcome, made visible in `check` (#26).

An evidence item without a credibility grade never counts towards an element; an item whose
reliability differs from its source's turns the analysis with one line, so it needs a reason; a
source that nothing uses (reported under ``check --strict``) is usually a leftover or a typo.
"""
from __future__ import annotations

from .diagnostics import Diagnostics
from .models import COLLECTIONS


def check_grades(case, diags: Diagnostics, items: list | None = None, memo: dict | None = None) -> None:
    """``credibility-not-graded`` for every item linked in support without a credibility grade;
    ``reliability-without-reason`` for an item whose reliability overrides its source's without a reason.
    ``items``: only these of the case's items (default: all); ``memo``: a dict kept between calls on
    the same case (the links and sources are then gathered once)."""
    memo = {} if memo is None else memo
    if "sources" not in memo:
        memo["sources"] = {s.id: s for s in case.sources}
    sources = memo["sources"]
    for e in case.evidence if items is None else items:
        if e.credibility is not None:
            uses = None
        else:  # the links are gathered only when an item lacks the grade
            if "linked" not in memo:
                linked: dict[str, list[tuple[str, str, str]]] = {}  # evidence id -> (allegation, element, stance)
                for al in case.allegations:
                    for link in al.links:
                        for eid in link.evidence:
                            linked.setdefault(eid, []).append((al.id, link.element, link.stance))
                memo["linked"] = linked
            # Only support needs the grade: contradicting items are weighed by reliability alone (analyse/rule.py).
            uses = [u for u in memo["linked"].get(e.id) or () if u[2] == "supports"]
        if uses:
            al, element, _ = uses[0]
            more = f" and {len(uses) - 1} more link{'s' * (len(uses) != 2)}" if len(uses) > 1 else ""
            diags.warning("credibility-not-graded",
                          f"evidence {e.id!r} supports allegation {al} (element {element}){more} but has no "
                          "credibility grade: it never counts towards an element until it is graded; add "
                          "`credibility: 1-6` (1 confirmed by other sources ... 6 cannot be judged)", case.locate(e, "id"))
        src = sources.get(e.source)
        if (e.reliability is not None and src is not None and e.reliability != src.reliability
                and not (e.reliability_reason or "").strip()):
            diags.warning("reliability-without-reason",
                          f"evidence {e.id!r} is graded reliability {e.reliability} but its source {src.id} is graded "
                          f"{src.reliability}: say why in `reliability_reason` on the item (one line), or remove "
                          "`reliability` to use the source's grade", case.locate(e, "reliability"))


def check_unused_sources(case, diags: Diagnostics) -> None:
    """``unused-source`` for every source that no item of the case refers to (``check --strict``)."""
    if case.incomplete:
        return  # an unreadable file may hold the items that use them
    used = set()
    for name in COLLECTIONS:
        for obj in getattr(case, name):
            src = getattr(obj, "source", None)
            if isinstance(src, str):
                used.add(src)
    for s in case.sources:
        if s.id not in used:
            diags.warning("unused-source", f"source {s.id!r} is not the source of any evidence item or figure; "
                          "remove it, or record the evidence that comes from it", case.locate(s, "id"))
