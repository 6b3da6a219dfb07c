"""Consent, enforced before protection: the UN brief's view of the case.

* A person whose case the submission carries must have consented to its submission (the victim, a
  family member or counsel, with a date).  Without it the person is left out of the submission and
  only counted; in texts they appear as a withheld person.
* A submitted person who has not consented to be named in the public communications report is
  shown under a pseudonym to any audience below ``restricted`` (the version that may be published),
  whatever their protection level in the case; the version for the mandate-holders (``restricted``
  and above) names them, as a communication to the Government must.

The case itself is never changed: :func:`apply_consent` returns a copy whose persons carry the
stricter protection, so that the protector, the templates and the leak audit all see the same thing.
"""
from __future__ import annotations

import copy

from ..models.common import level_rank
from ..protect import levels

NAMING_CLEARANCE = "restricted"
LEFT_OUT_CLEARANCE = "strictly-confidential"


def _stricter(person, protection: str, clearance: str):
    current = levels.protection(person)
    order = ("none", "pseudonym", "withheld")
    new_protection = protection if order.index(protection) > order.index(current) else current
    new_clearance = levels.clearance(person)
    if level_rank(clearance) > level_rank(new_clearance):
        new_clearance = clearance
    if new_protection == person.protection and new_clearance == person.clearance:
        return person
    return person.model_copy(update={"protection": new_protection, "clearance": new_clearance})


def apply_consent(case, plan):
    """A shallow copy of ``case`` in which the plan's victims are protected as their consents require."""
    left_out = {p.id for ps in plan.left_out.values() for p in ps}
    unnamed = {p.id for p in plan.submitted} - {p.id for p in plan.named}
    if not left_out and not unnamed:
        return case
    out = copy.copy(case)
    out.persons = []
    out.origin = dict(case.origin)
    for p in case.persons:
        q = p
        if p.id in left_out:
            q = _stricter(p, "withheld", LEFT_OUT_CLEARANCE)
        elif p.id in unnamed:
            q = _stricter(p, "pseudonym", NAMING_CLEARANCE)
        if q is not p and id(p) in case.origin:
            out.origin[id(q)] = case.origin[id(p)]
        out.persons.append(q)
    return out
