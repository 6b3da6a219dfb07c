"""The grade of each figure as it reaches the case: who claims it, who relays it, and the chain's grade.

A figure (a death toll, an arrest count) is claimed by its ``source`` but reaches the case through its
``evidence`` items; a figure relayed only through a weak relay is no more reliable than that relay
(the same rule as for evidence items: :func:`casebuilder.analyse.weigh.effective_reliability`).
Briefs show the chain's grade, and "claimed by" apart from "relayed by".
"""
from __future__ import annotations

from dataclasses import dataclass

from . import grades
from .origins import OriginGraph
from .weigh import effective_reliability


@dataclass(frozen=True)
class FigureGrade:
    figure: str
    claimed_by: str  # the source that claims the figure
    relayed_by: tuple[str, ...]  # sources of the items it reaches the case through, other than the claimant
    claimant_grade: str  # the claimant's own grade
    grade: str  # the best effective reliability among the items it reaches the case through (else the claimant's)


def chain_grades(case) -> dict[str, FigureGrade]:
    sources = {s.id: s for s in case.sources}
    graph = OriginGraph(case.evidence, sources, {p.id for p in case.persons})
    out = {}
    for f in case.figures:
        own = sources[f.source].reliability if f.source in sources else "F"
        items = [graph.item(e) for e in f.evidence if graph.item(e) is not None]
        chain = [effective_reliability(i, graph, sources) for i in items]
        grade = grades.best_reliability(chain) if chain else own
        relayed = tuple(sorted({i.source for i in items if i.source != f.source}))
        out[f.id] = FigureGrade(f.id, f.source, relayed, own, grade)
    return out
