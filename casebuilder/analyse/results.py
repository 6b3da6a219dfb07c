"""The results of the gap analysis: plain, frozen values that briefs and exports read.

Messages are kept as templates plus the ids they name (:class:`Ref`), not as finished strings, so
that an audience view can render the same reason without naming withheld items or protected
persons, while the statuses and counts stay exactly the same.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Literal

from ..models.common import Citation
from ..models.framework import StandardParameters
from .codes import REASON_CODES

Status = Literal["met", "for_legal_evaluation", "contested", "insufficient", "unsupported", "derived",
                 "undetermined", "not_applicable"]
#: Display order (best first); also the key order of every ``summary``.  ``derived`` is an element
#: status only (a leaf that follows from others); an allegation is never ``derived``.  ``undetermined``:
#: whether the rule binds cannot be told from the record (treaty participation not recorded, or dated
#: too loosely, or the AP II threshold not assessed); the elements are still weighed, the allegation is
#: not graded.
STATUSES: tuple[str, ...] = ("met", "for_legal_evaluation", "contested", "insufficient", "unsupported",
                             "undetermined", "not_applicable")
ELEMENT_STATUSES: tuple[str, ...] = ("met", "for_legal_evaluation", "contested", "insufficient", "unsupported",
                                     "derived", "not_applicable")
#: Order used by trees and by the monotonicity guarantees: a higher rank is a better status.
#: ``contested`` means the count the standard asks for is reached but weighed contradictions are not
#: clearly outweighed; ``insufficient`` that the count is not reached.  ``for_legal_evaluation``: the
#: facts are shown or offered and a legal judgement remains (a normative element).
#: ``not_applicable`` is outside the order (a provision that does not apply is not weighed);
#: ``derived`` leaves enter trees with the status of the elements they follow from.
RANK: dict[str, int] = {"unsupported": 0, "insufficient": 1, "contested": 2, "for_legal_evaluation": 3, "met": 4}

Label = Callable[[str], str]


@dataclass(frozen=True)
class Ref:
    """Ids (evidence items, persons, origins) named in a message, rendered through a label function."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class Phrase:
    """A sentence with ``{0}``-style slots filled from ``args``; :class:`Ref` args are labelled."""

    template: str
    args: tuple[Any, ...] = ()

    def render(self, label: Label | None = None) -> str:
        if not self.args:
            return self.template  # guidance and fixed sentences may hold braces
        lab = label or str
        vals = [", ".join(lab(i) for i in a.ids) if isinstance(a, Ref) else a for a in self.args]
        return self.template.format(*vals)

    def refs(self) -> set[str]:
        return {i for a in self.args if isinstance(a, Ref) for i in a.ids}

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class Reason(Phrase):
    """A machine-readable code (documented in codes.REASON_CODES) and a plain sentence."""

    code: str = ""

    def __post_init__(self) -> None:
        if self.code not in REASON_CODES:
            raise ValueError(f"undocumented reason code {self.code!r}")

    @classmethod
    def of(cls, code: str, template: str, *args: Any) -> "Reason":
        return cls(template, tuple(args), code)

    @property
    def message(self) -> str:
        return self.render()


@dataclass(frozen=True)
class ItemWeight:
    """One evidence item as it bears on one element under one standard."""

    evidence_id: str
    source: str
    kind: str
    origins: tuple[str, ...]
    direct: bool
    reliability: str
    credibility: int | None
    interested_party: bool
    weight: float
    qualifies: bool
    note: str | None = None
    interested_sources: tuple[str, ...] = ()
    attribution: str = "relayed"  # first-hand | relayed | unattributed
    stance: str = "supports"
    pattern: bool = False  # pattern evidence only: not counted as an origin for the act
    inference: str | None = None


@dataclass(frozen=True)
class ApplicabilityResult:
    status: Literal["applicable", "not_applicable", "custom_only", "soft_law", "undetermined"]
    reasons: tuple[Reason, ...] = ()
    treaty: str | None = None
    treaty_status: str | None = None
    suggestion: Phrase | None = None


@dataclass(frozen=True)
class ElementResult:
    id: str
    text: str
    citation: Citation
    kind: str
    contextual: bool
    status: str
    supporting: tuple[ItemWeight, ...]
    contradicting: tuple[ItemWeight, ...]
    independent_origins: int
    origins: tuple[str, ...]
    qualifying_origins: int
    direct: int
    relayed: int
    best_reliability: str | None
    best_credibility: int | None
    contradicting_weight: float
    reasons: tuple[Reason, ...]
    suggestions: tuple[Phrase, ...]
    scope: str | None = None
    unattributed: int = 0  # supporting items that state a claim naming no first-hand origin
    offered: tuple[ItemWeight, ...] = ()  # items linked on the context allegation for a per-act element
    disputed: tuple[ItemWeight, ...] = ()  # interested-party items disputing a characterisation (not weighed)
    rhetoric: tuple[ItemWeight, ...] = ()  # statements weighed as neither support nor contradiction
    pattern: tuple[ItemWeight, ...] = ()  # pattern evidence (outside the period, or so marked): not counted
    follows_from: tuple[str, ...] = ()
    effective_status: str | None = None  # for a derived leaf: the status it takes in the tree
    alternatives: tuple[tuple[str, str], ...] = ()  # (alternative id, status) for elements with alternatives
    reasoning: tuple[str, ...] = ()  # the analyst's notes on the links (for a normative element, the reasoning)


@dataclass(frozen=True)
class NodeResult:
    """A node of an evaluated element tree: ``op`` is all_of, any_of or element."""

    op: str
    status: str
    children: tuple["NodeResult", ...] = ()
    element_id: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class AllegationResult:
    id: str
    framework: str
    provision: str | None
    title: str
    status: str
    applicability: ApplicabilityResult
    elements: tuple[ElementResult, ...]
    tree: NodeResult
    reasons: tuple[Reason, ...]
    context_allegations: tuple[str, ...] = ()
    elements_without_evidence: int = 0
    elements_total: int = 0
    single_origin_met: tuple[str, ...] = ()


@dataclass(frozen=True)
class Visibility:
    """What an audience view needs to know about confidentiality and protected persons."""

    evidence_levels: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    persons: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)  # protection, clearance, pseudonym


@dataclass(frozen=True)
class Analysis:
    case_id: str
    standard: str
    standard_title: str
    parameters: StandardParameters
    allegations: tuple[AllegationResult, ...]
    contexts: tuple[AllegationResult, ...]
    frameworks: dict[str, ApplicabilityResult]
    summary: dict[str, int]
    quality: dict[str, Any]
    readiness: str = "applicable"  # not_applicable: the standard is about a person and none is identified
    readiness_reason: Reason | None = None
    person: str | None = None
    visibility: Visibility = field(default_factory=Visibility, repr=False, compare=False)
    label: Label | None = field(default=None, repr=False, compare=False)

    def allegation(self, aid: str) -> AllegationResult | None:
        return next((a for a in self.allegations if a.id == aid), None)

    def to_json(self, audience_filter: str | Callable[[str], bool] | None = None, label: Label | None = None,
                item: Label | None = None) -> dict:
        """The documented JSON (docs/gaps.md). ``audience_filter``: a confidentiality level, or a
        predicate saying whether an evidence id may be named; withheld items stay counted.
        ``label`` names persons and ``item`` withheld items (default: "withheld item")."""
        from .export import analysis_json
        return analysis_json(self, audience_filter, label or self.label, item)
