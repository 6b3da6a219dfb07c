"""One element of one allegation: its items, their corroboration, and its status with reasons."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Source
from ..models.framework import Element, Standard
from . import grades
from .origins import OriginGraph
from .results import ApplicabilityResult, ElementResult, Phrase, Reason
from .rule import contradicting_tenths, decide
from .weigh import collect, weigh_all


@dataclass(frozen=True)
class Index:
    """What every element evaluation reads from the case, built once per analysis."""

    graph: OriginGraph
    sources: dict[str, Source]
    weights: dict = field(default_factory=dict)  # (evidence id, note) -> ItemWeight, for one standard
    shared: dict = field(default_factory=dict)  # (framework id, applicability) -> contextual ElementResults


def evaluate_element(el: Element, contextual: bool, links, idx: Index, std: Standard,
                     app: ApplicabilityResult) -> ElementResult:
    sup_ids, con_ids = collect(links, el.id)
    p = std.parameters
    sup = weigh_all(sup_ids, idx.graph, idx.sources, p, idx.weights)
    con = weigh_all(con_ids, idx.graph, idx.sources, p, idx.weights)
    origins = tuple(sorted({o for i in sup for o in i.origins}))
    if app.status == "not_applicable":
        why = app.reasons[0].render() if app.reasons else "the provision does not apply"
        status, qual = "not_applicable", 0
        reasons = (Reason.of("provision-not-applicable", "not weighed: {0}", why),)
        suggestions = (app.suggestion,) if app.suggestion else ()
        w = contradicting_tenths(con) / 10
    else:
        d = decide(el, sup, con, p, std.id)
        status, qual, w, reasons = d.status, d.qualifying_origins, d.contradicting_weight, tuple(d.reasons)
        suggestions = tuple(d.suggestions)
        if status != "met":
            suggestions += tuple(Phrase(g) for g in el.proof_guidance if Phrase(g) not in suggestions)
    return ElementResult(
        id=el.id, text=el.text, citation=el.citation, kind=el.kind, contextual=contextual, status=status,
        supporting=sup, contradicting=con, independent_origins=len(origins), origins=origins,
        qualifying_origins=qual, direct=sum(1 for i in sup if i.direct), relayed=sum(1 for i in sup if not i.direct),
        best_reliability=grades.best_reliability(i.reliability for i in sup),
        best_credibility=grades.best_credibility(i.credibility for i in sup),
        contradicting_weight=w, reasons=reasons, suggestions=suggestions,
    )
