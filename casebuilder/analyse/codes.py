"""Reason codes of the gap analysis: every code a status can carry, with a one-line doc.

docs/gaps.md is checked against this table by the test-suite, and :func:`reason` refuses a code
that is not in it, so a code cannot ship undocumented.
"""
from __future__ import annotations

REASON_CODES: dict[str, str] = {
    # element: corroboration under a standard of proof
    "no-evidence": "No item is linked in support of the element.",
    "too-few-origins": "Fewer independent origins than the standard requires among the items that meet its bar.",
    "low-reliability": "Supporting items fall below the standard's minimum reliability (Admiralty A-F) and do not count.",
    "low-credibility": "Supporting items are graded less credible (1-6) than the standard allows and do not count.",
    "credibility-not-assessed": "Supporting items carry no credibility grade; ungraded items never meet a standard.",
    "no-direct-evidence": "The standard requires a direct (first-hand) item and every qualifying item relays others.",
    "contradicted": "Contradicting items are not clearly outweighed by the support: the element is contested.",
    "contradiction-outweighed": "Contradicting items exist but the support outweighs them by more than the standard's margin.",
    "interested-party-denial": "An item carrying the account of an interested party (e.g. the accused state) contradicts the element; shown and weighed by its reliability.",
    "interested-party-admission": "An item carrying an interested party's own statement supports the element (e.g. an admission).",
    "standard-met": "The element meets the standard: enough independent qualifying origins (and a direct item where required).",
    "single-origin": "The element rests on one independent origin only, however many items relay it.",
    "alternative-met": "The element is one alternative of an any_of group that is met through another alternative.",
    "provision-not-applicable": "The element belongs to a provision that does not apply (see the allegation's applicability).",
    # allegation: derived from the element tree
    "elements-met": "Every element the provision's tree requires is met.",
    "elements-not-met": "Required elements are not met; their ids and statuses are listed.",
    "no-context-allegation": "The framework has contextual elements but the case links no evidence to them for this allegation.",
    # applicability of a framework or provision
    "no-armed-conflict": "The rule applies only in an armed conflict and the case records none.",
    "conflict-type-mismatch": "The rule applies only in another type of armed conflict than the one the case records.",
    "treaty-binding": "The territorial state is a party to the treaty that makes the rule binding.",
    "custom-only": "The state is not a party to the treaty, but the rule binds it as customary international law.",
    "treaty-not-binding": "The state is not a party to the treaty and the rule is not recorded as customary: it does not bind.",
    "treaty-status-unknown": "The state's participation in the treaty is not recorded in frameworks/states/: applicability is undetermined, not 'not bound'.",
    "treaty-date-imprecise": "The record gives the state's participation only to the year or month, which cannot tell whether it was bound throughout the case's period.",
    "treaty-partial-period": "The treaty bound the state for only part of the case's period (it entered into force, or a withdrawal took effect, within it).",
    "protocol-ii-threshold-not-shown": "AP II applies only to a non-international armed conflict that meets the threshold of its art. 1(1); the case does not record that it does.",
    "protocol-ii-threshold-not-met": "The case records that the conflict does not meet the threshold of AP II art. 1(1).",
    "icc-jurisdiction": "The state is not a party to the Rome Statute: the Statute defines the crime, but ICC jurisdiction needs art. 12(3) or 13(b).",
    "crime-treaty-not-ratified": "The state is not a party to the treaty defining the crime; a forum needs its own jurisdictional basis.",
    "custom-law": "No treaty is recorded for the rule; it binds as customary international law.",
    "soft-law": "A non-binding standard: it measures compliance with binding obligations but binds no one by itself.",
}
