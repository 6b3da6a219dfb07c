"""The view of a case for one audience: who is named, who is pseudonymised, what is withheld.

Renderers (gaps, briefs) ask a :class:`Protector` instead of reading names and texts off the models,
so that no template ever receives a string the audience may not see.
"""
from __future__ import annotations

from ..models import LEVELS, Evidence, Incident, Person
from ..resolve import PERSON_REF
from . import labels, levels


class Protector:
    """Answers, for one audience, what may be shown and what stands in for the rest.

    Everything here is a pure function of the case and the audience: the same case and audience
    always give the same labels and references.
    """

    def __init__(self, case, audience: str):
        if audience not in LEVELS:
            raise ValueError(f"unknown audience {audience!r}; expected one of {', '.join(LEVELS)}")
        self.case = case
        self.audience = audience
        self.persons: dict[str, Person] = {p.id: p for p in case.persons}
        self._evidence: dict[str, Evidence] = {e.id: e for e in case.evidence}
        self._unique = _unique(self, case)  # no id twice (see with_case)
        withheld = {p.id for p in case.persons if levels.protection(p) == "withheld"}
        self._generated = labels.person_numbers(case.persons, withheld)
        self._evidence_refs = labels.item_numbers(case.evidence, "E")
        self._incident_refs = labels.item_numbers(case.incidents, "I")
        # Answers are memoised: a large brief asks hundreds of thousands of times about the same
        # persons and items.  Keyed by the object itself (held beside the answer, so that its id()
        # cannot be reused), never by its case id: two objects may share an id in a broken case.
        self._seen: dict[int, tuple[object, bool]] = {}
        self._identity: dict[int, tuple[object, bool]] = {}
        self._labels: dict[str, str] = {}

    def with_case(self, case) -> "Protector":
        """``Protector(case, self.audience)``, reusing the numbering (generated labels, opaque
        references) where ``case`` does not change it: the workspace makes one after every edit of
        a case, and an edit of a text changes no id, role or protection.  The generated labels are
        kept when the persons' ids, roles and protections (what :func:`.labels.person_numbers`
        reads) are those of this protector's case, each reference table when the ids are; the
        labels asked for already, for the persons that are the very same entries.  Anything else, a
        case with a repeated id, or another default level: made afresh."""
        if levels.case_default(case) != levels.case_default(self.case) or not self._unique:
            return Protector(case, self.audience)
        new = object.__new__(Protector)
        new.case, new.audience = case, self.audience
        new.persons = {p.id: p for p in case.persons}
        new._evidence = {e.id: e for e in case.evidence}
        incidents = {i.id for i in case.incidents}
        new._unique = _unique(new, case, incidents)
        if not new._unique:  # the numbers of a repeated id depend on more than the ids
            return Protector(case, self.audience)
        old, same = self.persons, 0
        numbered = len(new.persons) == len(old)
        for pid, p in new.persons.items() if numbered else ():
            q = old.get(pid)
            if q is p:
                same += 1
            elif q is None or q.role != p.role or levels.protection(q) != levels.protection(p):
                numbered = False
                break
        if numbered:
            new._generated = self._generated
        else:
            new._generated = labels.person_numbers(case.persons, {p.id for p in case.persons
                                                                   if levels.protection(p) == "withheld"})
        # the same ids, none repeated on either side: the same numbers
        same_items, same_incidents = self._evidence_refs.keys() == new._evidence.keys(), self._incident_refs.keys() == incidents
        new._evidence_refs = self._evidence_refs if same_items else labels.item_numbers(case.evidence, "E")
        new._incident_refs = self._incident_refs if same_incidents else labels.item_numbers(case.incidents, "I")
        new._seen, new._identity = {}, {}
        if numbered and same == len(old):
            new._labels = dict(self._labels)  # the same entries, the same generated labels
        elif numbered:
            new._labels = {pid: label for pid, label in self._labels.items() if new.persons.get(pid) is old.get(pid)}
        else:
            new._labels = {}
        return new

    # ------------------------------------------------------------------ levels
    def level(self, obj) -> str:
        """The level an object sits at (its own, or the case default)."""
        return levels.object_level(self.case, obj)

    def can_see(self, obj) -> bool:
        """May the audience see this object (a person's *record*, an evidence item, an incident)?
        For a person's real identity use :meth:`identity_visible`."""
        hit = self._seen.get(id(obj))
        if hit is None or hit[0] is not obj:
            hit = self._seen[id(obj)] = (obj, levels.allows(self.audience, self.level(obj)))
        return hit[1]

    def identity_visible(self, person: Person | str) -> bool:
        p = self._person(person)
        hit = self._identity.get(id(p))
        if hit is None or hit[0] is not p:
            hit = self._identity[id(p)] = (p, levels.allows(self.audience, levels.identity_level(self.case, p)))
        return hit[1]

    def sensitive_visible(self, person: Person | str) -> bool:
        p = self._person(person)
        return levels.allows(self.audience, levels.sensitive_level(self.case, p))

    # ------------------------------------------------------------------ persons
    def _person(self, person: Person | str) -> Person:
        return person if isinstance(person, Person) else self.persons[person]

    def protection(self, person: Person | str) -> str:
        """Effective protection (none / pseudonym / withheld), whatever the audience: a clearance
        above public with ``protection: none`` counts as pseudonym."""
        return levels.protection(self._person(person))

    def withheld_from_audience(self, person: Person | str) -> bool:
        """True where even the person's role and own pseudonym must not show (withheld, below clearance)."""
        p = self._person(person)
        return levels.protection(p) == "withheld" and not self.identity_visible(p)

    def person_label(self, person_id: str) -> str:
        """The real name where the audience may see it; otherwise the pseudonym (the person's own,
        or a generated one such as 'Witness W-03').  A withheld person below clearance gets only
        'Person X-02 (identity withheld)': not even their own pseudonym or role."""
        if isinstance(person_id, Person):
            return self._label(person_id)
        label = self._labels.get(person_id)
        if label is None:
            label = self._labels[person_id] = self._label(self.persons[person_id])
        return label

    def _label(self, p: Person) -> str:
        if self.identity_visible(p) and p.name:
            return p.name
        if self.withheld_from_audience(p):
            return self._generated[p.id]
        return p.pseudonym or self._generated[p.id]

    def label_source(self, person_id: str) -> tuple | None:
        """What :meth:`person_label` makes the label of ``person_id`` from, besides the audience and
        the case's default level: the person's entry and generated label (None for an unknown id,
        which :meth:`text` leaves as written).  Equal sources give equal labels."""
        p = self.persons.get(person_id)
        return None if p is None else (p, self._generated[p.id])

    def person_key(self, person_id: str) -> str:
        """What a machine-readable output (JSON, CSV) calls a person: the id where the identity may
        be shown (ids may be descriptive), else the same label the briefs use."""
        return person_id if self.identity_visible(person_id) else self.person_label(person_id)

    def person_original(self, person_id: str) -> str | None:
        """The name in the original script, only where the real identity may be shown."""
        p = self._person(person_id)
        return p.name_original if self.identity_visible(p) else None

    def person_sensitive(self, person_id: str) -> dict[str, str]:
        """Phone numbers, addresses...: empty below the sensitive level."""
        p = self._person(person_id)
        return dict(p.sensitive) if self.sensitive_visible(p) else {}

    def record(self, person: Person | str) -> "PersonRecord":
        """The person's entry as this audience may see it.  Every field of the model follows the
        entry's level — including fields added to the model later: only the fields that refer to
        the person (id, role, protection, levels, pseudonym) are always readable; the identity
        (name, original-script name, aliases) follows the identity level and ``sensitive`` the
        sensitive level; anything else reads as the field's empty default above the entry's level.
        Renderers read a person's particulars through this, never off the model."""
        return PersonRecord(self, self._person(person))

    def text(self, s: str) -> str:
        """Replace every ``[[person-id]]`` with :meth:`person_label`; unknown ids stay as written
        (``check`` reports them)."""
        if "[[" not in s:  # no reference (the pattern begins with it): most texts
            return s

        def sub(m):
            pid = m.group(1)
            return self.person_label(pid) if pid in self.persons else m.group(0)
        return PERSON_REF.sub(sub, s)

    # ------------------------------------------------------------------ evidence and incidents
    def evidence_visible(self, ev: Evidence) -> bool:
        return self.can_see(ev)

    def incident_visible(self, inc: Incident) -> bool:
        return self.can_see(inc)

    def evidence_ref(self, ev: Evidence | str) -> str:
        """Opaque, audience-independent reference ('E-07'): lets readers of two versions of a brief
        match items without revealing anything about them."""
        return self._evidence_refs[ev if isinstance(ev, str) else ev.id]

    def incident_ref(self, inc: Incident | str) -> str:
        return self._incident_refs[inc if isinstance(inc, str) else inc.id]

    def evidence_key(self, ev: Evidence | str) -> str:
        """What an output may use to name an item: its id where visible (ids may be descriptive,
        'ev-testimony-parisa'), else its opaque reference."""
        if isinstance(ev, str):
            ev = self._evidence[ev]
        return ev.id if self.evidence_visible(ev) else self.evidence_ref(ev)

    def incident_key(self, inc: Incident) -> str:
        return inc.id if self.incident_visible(inc) else self.incident_ref(inc)

    def withheld_ref(self, obj: Evidence | Incident) -> str:
        """'Confidential testimony E-07, on file with the submitting organisation': kind, level and
        opaque reference only — never title, excerpt, summary, source, date or persons."""
        ref = self.incident_ref(obj) if isinstance(obj, Incident) else self.evidence_ref(obj)
        return labels.withheld_text(obj, ref, self.level(obj))


def _unique(prot: Protector, case, incidents: set[str] | None = None) -> bool:
    """Whether no person, item or incident of ``case`` shares its id with another (``incidents``:
    the incidents' ids, if known)."""
    incidents = {i.id for i in case.incidents} if incidents is None else incidents
    return (len(prot.persons) == len(case.persons) and len(prot._evidence) == len(case.evidence)
            and len(incidents) == len(case.incidents))


# Fields of a person's entry that only refer to the person; every other field is a particular of
# the entry and follows its level (see Protector.record).
REFERRING_FIELDS = frozenset({"id", "role", "protection", "clearance", "confidentiality", "pseudonym"})
IDENTITY_FIELDS = frozenset({"name", "name_original", "aliases"})
SENSITIVE_FIELDS = frozenset({"sensitive"})


class PersonRecord:
    """Read-only view of a person's entry for one audience (:meth:`Protector.record`)."""

    __slots__ = ("_p", "_person")

    def __init__(self, protector: Protector, person: Person):
        self._p, self._person = protector, person

    def visible(self, name: str) -> bool:
        """May the audience read field ``name`` of this entry?"""
        if name in REFERRING_FIELDS:
            return True
        if name in IDENTITY_FIELDS:
            return self._p.identity_visible(self._person)
        if name in SENSITIVE_FIELDS:
            return self._p.sensitive_visible(self._person)
        return self._p.can_see(self._person)

    def __getattr__(self, name: str):
        fields = type(self._person).model_fields
        if name not in fields:
            raise AttributeError(name)
        if self.visible(name):
            return getattr(self._person, name)
        return fields[name].get_default(call_default_factory=True)
