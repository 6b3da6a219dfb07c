"""Clearance levels: what level each object sits at, and whether an audience may see it.

Levels, lowest first: public < restricted < confidential < strictly-confidential.  An audience may
see an object when the audience's level is at least the object's.  Three levels matter for a person:

* the *record* level (``confidentiality``, default the case's): may the audience see the person's
  entry at all (description, age, ...)?
* the *identity* level: may it see the real name, original-script name and aliases?  That is the
  highest of the record level and the clearance.  The clearance is ``clearance`` when given; when a
  person is protected (``protection`` pseudonym or withheld) without one it defaults to
  ``confidential``; an unprotected person has clearance ``public``.  A ``clearance`` above public
  with ``protection: none`` is read as ``pseudonym``: the stricter reading of a contradiction.
* the *sensitive* level (phone numbers, addresses...): the identity level, but never below
  ``confidential`` unless ``clearance`` says otherwise explicitly.
"""
from __future__ import annotations

from ..models import LEVELS, Evidence, Incident, Person
from ..models.common import level_rank

PROTECTED_DEFAULT = "confidential"
SENSITIVE_DEFAULT = "confidential"
STRICTEST = LEVELS[-1]


def case_default(case) -> str:
    """The case's default level; the strictest one if the case block is missing (fail closed)."""
    return case.info.confidentiality if case.info is not None else STRICTEST


def highest(*levels: str) -> str:
    return max(levels, key=level_rank)


def allows(audience: str, level: str) -> bool:
    """May an audience at ``audience`` see something at ``level``?"""
    return level_rank(audience) >= level_rank(level)


def object_level(case, obj) -> str:
    """Level of a person record, evidence item or incident; other objects (sources, actors,
    allegations, figures) have no level of their own and are public."""
    if isinstance(obj, (Person, Evidence, Incident)):
        return obj.confidentiality or case_default(case)
    return LEVELS[0]


def protection(person: Person) -> str:
    """Effective protection: ``none``, ``pseudonym`` or ``withheld`` (see the module docstring)."""
    if person.protection == "none" and person.clearance not in (None, LEVELS[0]):
        return "pseudonym"
    return person.protection


def clearance(person: Person) -> str:
    if person.clearance is not None:
        return person.clearance
    return PROTECTED_DEFAULT if protection(person) != "none" else LEVELS[0]


def identity_level(case, person: Person) -> str:
    return highest(object_level(case, person), clearance(person))


def sensitive_level(case, person: Person) -> str:
    base = person.clearance if person.clearance is not None else SENSITIVE_DEFAULT
    return highest(identity_level(case, person), base)
