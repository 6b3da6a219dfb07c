"""The decision rule: one element, its supporting and contradicting items, one standard → a status.

In order (docs/gaps.md states the same rule for reviewers):

1. no supporting item                                       → ``unsupported``
2. S below ``min_independent_origins`` (or, where the user's policy ``require_direct`` is set, no
   qualifying first-hand item)                               → ``insufficient`` (and, when weighed
   contradicting items exist, ``insufficient-and-contradicted``)
3. weighed contradicting items, and S does not exceed their weight W by more than the standard's
   ``contradiction_margin``                                  → ``contested``
4. otherwise                                                 → ``met``

An item *qualifies* when its reliability is at least ``min_reliability`` and its credibility at most
``max_credibility``; S counts the distinct origins of qualifying supporting items.  A contradicting
item is *weighed* when it meets the standard's bar for contradictions (``contradiction_min_reliability``
and ``contradiction_max_credibility``, by default the same bar); W sums, over the distinct origins
of weighed contradicting items, the weight of the best item relaying each (grades.WEIGHT_TENTHS).
Contradicting items below that bar are listed and not weighed.  Adding qualifying support can only
raise a status; a stricter standard (fewer qualifying supports, a count and margin at least as high,
a bar for contradictions at most as strict) can only lower one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..models.framework import Element, StandardParameters
from . import grades
from .results import ItemWeight, Phrase, Reason, Ref


@dataclass
class Decision:
    status: str
    reasons: list[Reason] = field(default_factory=list)
    suggestions: list[Phrase] = field(default_factory=list)
    qualifying_origins: int = 0
    contradicting_weight: float = 0.0

    def add(self, code: str, template: str, *args, suggestion: str | Phrase | None = None) -> None:
        self.reasons.append(Reason.of(code, template, *args))
        if isinstance(suggestion, str):
            suggestion = Phrase(suggestion)
        if suggestion is not None and suggestion not in self.suggestions:
            self.suggestions.append(suggestion)


def _union(items) -> list[str]:
    return sorted({o for i in items for o in i.origins})


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def contradicting_tenths(con: tuple[ItemWeight, ...]) -> int:
    best: dict[str, int] = {}
    for i in con:
        w = grades.WEIGHT_TENTHS[i.reliability]
        for o in i.origins:
            best[o] = max(best.get(o, 0), w)
    return sum(best.values())


def decide(el: Element, sup: tuple[ItemWeight, ...], con: tuple[ItemWeight, ...],
           p: StandardParameters, std: str) -> Decision:
    qual = [i for i in sup if i.qualifies]
    s = len(_union(qual))
    weighed = tuple(i for i in con if i.qualifies)
    w10 = contradicting_tenths(weighed)
    d = Decision("met", qualifying_origins=s, contradicting_weight=w10 / 10)
    _note_interested(d, sup, con)
    below = [i for i in con if not i.qualifies]
    if below:
        d.add("contradiction-below-bar", "below the bar of {0} for contradictions ({1}), listed and not weighed: {2}",
              std, _bar(p, contradiction=True), Ref(tuple(i.evidence_id for i in below)))
    if not sup:
        d.status = "unsupported"
        extra = " (only contradicting items are linked: {0})" if con else ""
        d.add("no-evidence", "no supporting evidence is linked to this element" + extra,
              *([Ref(tuple(i.evidence_id for i in con))] if con else []),
              suggestion="evidence of this element, for example:" if el.proof_guidance else "any evidence of this element")
        return d
    con_ids = Ref(tuple(i.evidence_id for i in weighed))
    _check_bar(d, el, sup, qual, p, std)
    if d.status == "insufficient":
        if weighed:
            d.add("insufficient-and-contradicted", "insufficient, and contradicted by {0} ({1}, weight {2})",
                  con_ids, _n(len(_union(weighed)), "origin"), grades.tenths(w10 / 10))
        return d
    if weighed and not s * 10 - w10 > p.contradiction_margin * 10:
        d.status = "contested"
        d.add("contradicted",
              "contradicted by {0} ({1}, weight {2}) against {3}; under {4} the support must exceed the "
              "contradicting weight by more than {5}",
              con_ids, _n(len(_union(weighed)), "origin"), grades.tenths(w10 / 10),
              _n(s, "qualifying independent origin"), std, p.contradiction_margin,
              suggestion="evidence that answers the contradicting items (records, footage, forensic findings), "
                         "or further independent origins of good reliability")
        return d
    d.add("standard-met", "{0}: {1}; {2} needs {3}",
          _n(s, "qualifying independent origin"), Ref(tuple(_union(qual))), std, p.min_independent_origins)
    if len(_union(sup)) == 1:
        d.add("single-origin", "rests on one independent origin, {0}, relayed by {1}",
              Ref(tuple(_union(sup))), _n(len(sup), "supporting item"))
    if weighed:
        d.add("contradiction-outweighed", "contradicting items ({0}; {1}, weight {2}) are outweighed: {3} {4} "
              "that weight by more than {5}", con_ids, _n(len(_union(weighed)), "origin"), grades.tenths(w10 / 10),
              _n(s, "qualifying independent origin"), "exceeds" if s == 1 else "exceed", p.contradiction_margin)
    return d


def _bar(p: StandardParameters, contradiction: bool = False) -> str:
    if contradiction:
        return f"reliability {p.con_min_reliability} or better, credibility {p.con_max_credibility} or better"
    return f"reliability {p.min_reliability} or better, credibility {p.max_credibility} or better"


def _check_bar(d: Decision, el: Element, sup, qual, p: StandardParameters, std: str) -> None:
    s = len(_union(qual))
    every, qualifying = _union(sup), Ref(tuple(_union(qual)))
    if s < p.min_independent_origins:
        d.status = "insufficient"
        need = p.min_independent_origins - s
        if s == 0:
            d.add("too-few-origins", "no supporting item meets the bar of {0} ({1}): {2} {3} the case only "
                  "through items below it", std, _bar(p), _n(len(every), "independent origin"),
                  "reaches" if len(every) == 1 else "reach")
        else:
            if len(every) == 1:
                who = ("both items relay {0}" if len(sup) == 2 else f"all {len(sup)} items relay {{0}}"
                       if len(sup) > 2 else "the only item comes from {0}")
                d.add("too-few-origins", "only one independent origin: " + who + "; {1} needs {2}",
                      Ref(tuple(every)), std, p.min_independent_origins)
            else:
                more_below = len(every) - s
                below = (f"; {more_below} more {'reaches' if more_below == 1 else 'reach'} the case only through items "
                         "below the bar") if more_below else ""
                d.add("too-few-origins", "{0} ({1}); {2} needs {3}" + below,
                      _n(s, "qualifying independent origin"), qualifying, std, p.min_independent_origins)
            more = (("a second independent source" if s == 1 else "one more independent source") if need == 1
                    else f"{need} more independent sources")
            d.suggestions.append(Phrase(more + " (not relaying {0})", (qualifying,)))
        _explain_grades(d, sup, qual, p, std)
    if p.require_direct and not any(i.direct for i in qual):
        d.status = "insufficient"
        relayed = [i for i in qual if not i.direct]
        what = ("no qualifying item is first-hand ({0})" if relayed else "no first-hand item meets the bar")
        d.add("no-direct-evidence", f"no first-hand evidence of {el.id}: {what}; the policy set for {std} "
              "(require_direct) asks for a first-hand item",
              *([Ref(tuple(i.evidence_id for i in relayed))] if relayed else []),
              suggestion="direct evidence: a first-hand testimony, an original document, record or recording, "
                         "rather than reports relaying others")


def _explain_grades(d: Decision, sup, qual, p: StandardParameters, std: str) -> None:
    if len(qual) == len(sup):
        return
    low_rel = [i for i in sup if not grades.meets_reliability(i.reliability, p.min_reliability)]
    if low_rel:
        best = grades.best_reliability(i.reliability for i in low_rel)
        d.add("low-reliability", "below reliability {0}, not counted under {1}: {2} (best of them {3}, {4})",
              p.min_reliability, std, Ref(tuple(i.evidence_id for i in low_rel)), best, grades.RELIABILITY_LABEL[best],
              suggestion=f"an item whose source (and every source it relays) is graded {p.min_reliability} "
                         "or better on the Admiralty scale")
    ungraded = [i for i in sup if i.credibility is None]
    if ungraded:
        d.add("credibility-not-assessed", "no credibility grade, not counted: {0}",
              Ref(tuple(i.evidence_id for i in ungraded)),
              suggestion=Phrase("grade the credibility (1-6) of {0}", (Ref(tuple(i.evidence_id for i in ungraded)),)))
    low_cred = [i for i in sup if i.credibility is not None and i.credibility > p.max_credibility]
    if low_cred:
        best_c = grades.best_credibility(i.credibility for i in low_cred)
        d.add("low-credibility", "credibility below {0} ({1}), not counted under {2}: {3} (best of them {4}, {5})",
              p.max_credibility, grades.CREDIBILITY_LABEL[p.max_credibility], std,
              Ref(tuple(i.evidence_id for i in low_cred)), best_c, grades.CREDIBILITY_LABEL[best_c],
              suggestion=f"corroboration that raises an item's credibility to {p.max_credibility} "
                         f"({grades.CREDIBILITY_LABEL[p.max_credibility]}) or better")


def _note_interested(d: Decision, sup, con) -> None:
    for i in con:
        if i.interested_party:
            d.add("interested-party-denial",
                  "{0} carries the account of an interested party ({1}) contradicting this element; weighed by "
                  "its reliability {2} (weight {3}) if it meets the bar", Ref((i.evidence_id,)), Ref(i.interested_sources),
                  i.reliability, grades.tenths(i.weight))
    for i in sup:
        if i.stance == "admits":
            who = Ref(i.interested_sources) if i.interested_sources else Ref((i.source,))
            d.add("interested-party-admission", "{0} is linked as an admission by {1}", Ref((i.evidence_id,)), who)
