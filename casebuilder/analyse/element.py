"""One element of one allegation: its items, their corroboration, and its status with reasons.

:func:`evaluate_element` is the engine's public unit: it takes any element (a framework leaf), the
links that bear on it and a standard, and needs nothing else from a case, so that other analyses
(e.g. liability elements of a mode of liability, per suspect) can reuse it on their own trees with
:func:`evaluate_tree` (casebuilder.analyse.tree) and :func:`casebuilder.analyse.core.evaluate_elements`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Source
from ..models.framework import Element, Standard
from . import grades
from .origins import OriginGraph
from .results import RANK, ApplicabilityResult, ElementResult, ItemWeight, Phrase, Reason, Ref
from .rule import Decision, _note_interested, contradicting_tenths, decide
from .weigh import LinkInfo, collect, weigh_all


@dataclass(frozen=True)
class Index:
    """What every element evaluation reads from the case, built once per analysis."""

    graph: OriginGraph
    sources: dict[str, Source]
    weights: dict = field(default_factory=dict)  # (evidence id, link info, in period) -> ItemWeight, one standard
    shared: dict = field(default_factory=dict)  # (framework id, applicability) -> contextual ElementResults
    grouped: dict = field(default_factory=dict)  # id(list of links) -> (the list, its links by element)

    def by_element(self, links: list) -> dict[str, list]:
        """:func:`by_element` of a list of links that many allegations share (the context's), once."""
        kept = self.grouped.get(id(links))
        if kept is None or kept[0] is not links:
            kept = self.grouped[id(links)] = (links, by_element(links))
        return kept[1]


def by_element(links) -> dict[str, list]:
    """The links by the element they name, each element's in their order."""
    out: dict[str, list] = {}
    for lk in links:
        group = out.get(lk.element)
        if group is None:
            out[lk.element] = [lk]
        else:
            group.append(lk)
    return out


def _split_pattern(items: tuple[ItemWeight, ...]) -> tuple[tuple[ItemWeight, ...], tuple[ItemWeight, ...]]:
    return tuple(i for i in items if not i.pattern), tuple(i for i in items if i.pattern)


def evaluate_element(el: Element, contextual: bool, links, idx: Index, std: Standard,
                     app: ApplicabilityResult, period=None, offered_links=None) -> ElementResult:
    """The status of one element under ``std`` from ``links`` (any objects with element, evidence,
    stance, note and optionally alternative, inference, pattern).  ``period``: (start, end) dates of
    the act; items dated outside it are pattern evidence.  ``offered_links``: links made elsewhere
    (the context allegation) for a per-act element: listed as offered, never counted."""
    by = collect(links, el.id)
    p = std.parameters
    weigh = lambda ids: weigh_all(ids, idx.graph, idx.sources, p, idx.weights, period)  # noqa: E731
    sup, pattern = _split_pattern(weigh(by["supports"]))
    con, con_pattern = _split_pattern(weigh(by["contradicts"]))
    pattern += con_pattern
    disputed, rhetoric = weigh(by["disputes"]), weigh(by["rhetoric"])
    offered: tuple[ItemWeight, ...] = ()
    if offered_links is not None:
        off = {k: v for k, v in collect(offered_links, el.id)["supports"].items() if k not in by["supports"]}
        offered = weigh(off)
    origins = tuple(sorted({o for i in sup for o in i.origins}))
    reasoning = tuple(dict.fromkeys(i.note for i in sup if i.note))
    alternatives: tuple = ()
    if app.status == "not_applicable":
        why = app.reasons[0].render() if app.reasons else "the provision does not apply"
        status, qual = "not_applicable", 0
        reasons = (Reason.of("provision-not-applicable", "not weighed: {0}", why),)
        suggestions = (app.suggestion,) if app.suggestion else ()
        w = contradicting_tenths(con) / 10
    else:
        if el.follows_from:
            d = _derived(el, sup, con)
        elif el.kind == "normative":
            d = _normative(el, sup, con, reasoning)
        elif el.alternatives:
            d, alternatives = _alternatives(el, sup, con, p, std.id, by["supports"])
        else:
            d = decide(el, sup, con, p, std.id)
        _extra(d, el, sup, pattern, disputed, rhetoric, offered, std.id)
        status, qual, w, reasons = d.status, d.qualifying_origins, d.contradicting_weight, tuple(d.reasons)
        suggestions = tuple(d.suggestions)
        if status not in ("met", "derived", "for_legal_evaluation"):
            suggestions += tuple(Phrase(g) for g in el.proof_guidance if Phrase(g) not in suggestions)
    return ElementResult(
        id=el.id, text=el.text, citation=el.citation, kind=el.kind, contextual=contextual, status=status,
        supporting=sup, contradicting=con, independent_origins=len(origins), origins=origins,
        qualifying_origins=qual, direct=sum(1 for i in sup if i.direct), relayed=sum(1 for i in sup if i.attribution == "relayed"),
        unattributed=sum(1 for i in sup if i.attribution == "unattributed"),
        best_reliability=grades.best_reliability(i.reliability for i in sup),
        best_credibility=grades.best_credibility(i.credibility for i in sup),
        contradicting_weight=w, reasons=reasons, suggestions=suggestions, scope=el.scope,
        offered=offered, disputed=disputed, rhetoric=rhetoric, pattern=pattern, follows_from=tuple(el.follows_from),
        alternatives=alternatives, reasoning=reasoning,
    )


def _derived(el: Element, sup, con) -> Decision:
    d = Decision("derived")
    _note_interested(d, sup, con)
    d.add("derived-element", "follows from {0} once shown; not graded on its own", ", ".join(el.follows_from))
    return d


def _normative(el: Element, sup, con, reasoning) -> Decision:
    if not sup and not reasoning:
        d = Decision("unsupported")
        _note_interested(d, sup, con)
        d.add("no-evidence", "a legal judgement for which no facts are linked and no reasoning is written",
              suggestion="link the facts the legal evaluation relies on, with the reasoning in the link's note")
        return d
    # (``reasoning`` is the notes of the items in ``sup``: past the test above, ``sup`` is never empty)
    d = Decision("for_legal_evaluation")
    _note_interested(d, sup, con)
    d.add("for-legal-evaluation", "a legal judgement, not decided by counting sources; facts relied on: {0}{1}",
          Ref(tuple(i.evidence_id for i in sup)), f"; contradicting items: {len(con)}" if con else "")
    return d


def _alternatives(el: Element, sup, con, p, std: str, infos: dict[str, LinkInfo]) -> tuple[Decision, tuple]:
    """Each alternative is weighed on the items linked to it (items linked without an alternative
    count for every alternative); the element takes the best."""
    known = [a.id for a in el.alternatives]
    named = {a for i in infos.values() if i.alternatives for a in i.alternatives if a in known}
    results = []
    for alt in (a for a in known if a in named):
        mine = tuple(i for i in sup if infos[i.evidence_id].covers(alt))
        results.append((alt, decide(el, mine, con, p, std)))
    if not results:  # nothing names an alternative: the element as a whole
        return decide(el, sup, con, p, std), ()
    best_alt, best = max(results, key=lambda r: (RANK.get(r[1].status, -1), -known.index(r[0])))
    text = {a.id: a.text for a in el.alternatives}
    best.add("alternative-status", "{0}", "; ".join(f"{text[a]}: {d.status.replace('_', ' ')}" for a, d in results))
    return best, tuple((a, d.status) for a, d in results)


def _extra(d: Decision, el: Element, sup, pattern, disputed, rhetoric, offered, std: str) -> None:
    inferred = [i for i in sup if i.inference]
    for text in dict.fromkeys(i.inference for i in inferred):
        d.add("by-inference", "shown by the analyst's inference from {0}: {1}",
              Ref(tuple(i.evidence_id for i in inferred if i.inference == text)), text)
    if pattern:
        d.add("pattern-evidence", "pattern evidence, not counted as origins for this act (dated before its period, "
              "or marked pattern): {0}", Ref(tuple(i.evidence_id for i in pattern)),
              suggestion="evidence of the act itself, from within its period")
    if disputed:
        d.add("characterisation-disputed", "{0} {1} a characterisation, not the fact: shown, not weighed against "
              "this element", Ref(tuple(i.evidence_id for i in disputed)), "disputes" if len(disputed) == 1 else "dispute")
    if rhetoric:
        d.add("rhetoric-not-weighed", "{0}: rhetoric, weighed as neither support nor contradiction",
              Ref(tuple(i.evidence_id for i in rhetoric)))
    if offered and d.status not in ("met", "derived"):
        d.add("offered-on-context", "assessed for this act: items linked on the context allegation ({0}) are offered, "
              "not counted; link evidence of this act, or an inference the analyst writes", Ref(tuple(i.evidence_id for i in offered)),
              suggestion="evidence tying this act and its perpetrator to the attack (same unit, operation or orders), "
                         "or a documented inference on the allegation (`inference:` on the link)")
