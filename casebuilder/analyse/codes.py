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
    "no-direct-evidence": "The user's policy requires a first-hand item (require_direct) and no qualifying item is first-hand.",
    "contradicted": "The support reaches the count the standard asks for, but weighed contradicting items are not clearly outweighed: the element is contested.",
    "insufficient-and-contradicted": "The support does not reach the standard's count, and items meeting the standard's bar for contradictions also contradict the element.",
    "contradiction-outweighed": "Contradicting items exist but the support outweighs them by more than the standard's margin.",
    "contradiction-below-bar": "Contradicting items fall below the standard's bar for contradictions: listed, not weighed.",
    "interested-party-denial": "An item whose origin is an interested party (e.g. an organ of the State concerned) contradicts the element; shown and weighed by its reliability.",
    "interested-party-admission": "An item whose origin is an interested party is linked with `stance: admits`: it admits the fact.",
    "characterisation-disputed": "An item (`stance: disputes`) disputes a characterisation, not the fact: shown, not weighed against the element.",
    "rhetoric-not-weighed": "A statement linked as `stance: rhetoric`: shown, weighed as neither support nor contradiction.",
    "pattern-evidence": "Items dated outside the allegation's period, or marked `pattern: true`: pattern evidence, not counted as origins for the act.",
    "for-legal-evaluation": "A normative element (a legal judgement): the facts relied on and the analyst's reasoning are listed; source counts do not decide it.",
    "derived-element": "The element follows from others once they are shown; it takes their status and is not graded on its own.",
    "offered-on-context": "A per-act element: items linked on the context allegation are offered, not counted; link evidence to this act or write an inference.",
    "by-inference": "A per-act element shown through the analyst's documented inference from the items linked (shown as an inference).",
    "alternative-status": "An element with alternatives (e.g. grounds of persecution): the status of each alternative relied on.",
    "standard-met": "The element meets the standard: enough independent qualifying origins (and a direct item where required).",
    "single-origin": "The element rests on one independent origin only, however many items relay it.",
    "alternative-met": "The element is one alternative of an any_of group that is met through another alternative.",
    "provision-not-applicable": "The element belongs to a provision that does not apply (see the allegation's applicability).",
    # allegation: derived from the element tree
    "elements-met": "Every element the provision's tree requires is met.",
    "elements-not-met": "Required elements are not met; their ids and statuses are listed.",
    "no-context-allegation": "The framework has contextual elements but the case links no evidence to them for this allegation.",
    "elements-without-evidence": "Some elements the allegation requires have no supporting evidence: how many of how many.",
    "single-origin-met": "Elements met on one independent origin only: met, but thinly.",
    "legal-evaluation-pending": "The facts are shown; normative elements remain for legal evaluation.",
    "no-identified-person": "The standard is about a named person and a mode of liability; no person is identified, so it does not apply.",
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
