"""Protector.with_case (casebuilder/protect/protector.py), the workspace's protector after an edit:
it reuses the previous one's numbering where the edit leaves it, and answers every question exactly
as a fresh ``Protector(case, audience)`` does — after every kind of edit, and after a chain of them."""
from __future__ import annotations

import copy

import pytest

from casebuilder.api import check
from casebuilder.models import LEVELS
from casebuilder.protect import Protector

from .conftest import BUNDLED


@pytest.fixture(scope="module")
def base():
    return check(BUNDLED).case


def _answers(prot: Protector, case, objects: bool = True) -> dict:
    """Everything a renderer, the leak matcher or the workspace asks a protector, for every person,
    item and incident of ``case`` (and ids of none); ``objects``: and whether it holds the very
    entries of ``case`` (not only equal ones)."""
    out = {"persons": {}, "evidence": {}, "incidents": {}, "text": []}
    for p in case.persons:
        src = prot.label_source(p.id)
        out["persons"][p.id] = (
            prot.person_label(p.id), prot.person_label(p), prot.identity_visible(p), prot.identity_visible(p.id),
            prot.sensitive_visible(p), prot.protection(p), prot.withheld_from_audience(p), prot.person_key(p.id),
            prot.person_original(p.id), prot.person_sensitive(p.id), prot.can_see(p), prot.level(p),
            src[0] is p if objects else src[0] == p, src[1], prot.text(f"said [[{p.id}]] and [[p-nobody]]"))
    for e in case.evidence:
        out["evidence"][e.id] = (prot.can_see(e), prot.evidence_visible(e), prot.evidence_ref(e), prot.evidence_ref(e.id),
                                 prot.evidence_key(e), prot.evidence_key(e.id), prot.withheld_ref(e), prot.level(e))
    for i in case.incidents:
        out["incidents"][i.id] = (prot.can_see(i), prot.incident_ref(i), prot.incident_ref(i.id), prot.incident_key(i),
                                  prot.withheld_ref(i), prot.level(i))
    out["unknown"] = (prot.label_source("p-nobody"), prot.text("[[p-nobody]]"))
    out["case"] = prot.case is case if objects else None
    return out


def _edited(case, **lists):
    new = copy.copy(case)
    for name, value in lists.items():
        setattr(new, name, value)
    return new


def _reread(objs):
    """The entries read again (the workspace re-reads a whole file after an edit): equal, new objects."""
    return [o.model_copy() for o in objs]


def _change(objs, k, **update):
    return [o.model_copy(update=update) if n == k else o for n, o in enumerate(objs)]


def _edits(case):
    """(what, the case after the edit): every kind of edit the numbering or an answer depends on, and those it
    does not."""
    P, E, I = case.persons, case.evidence, case.incidents
    withheld = next(k for k, p in enumerate(P) if p.protection == "withheld")
    named = next(k for k, p in enumerate(P) if p.protection == "none" and p.name)
    conf = next(k for k, e in enumerate(E) if e.confidentiality)
    info = case.info
    return [
        ("nothing", case),
        ("the same models in new lists", _edited(case, persons=list(P), evidence=list(E), incidents=list(I))),
        ("every entry read again, equal", _edited(case, persons=_reread(P), evidence=_reread(E), incidents=_reread(I))),
        ("an item's summary reworded", _edited(case, evidence=_change(E, 0, summary="Reworded."))),
        ("a person's name changed", _edited(case, persons=_change(P, named, name="Another Name"))),
        ("a person's pseudonym changed", _edited(case, persons=_change(P, 1, pseudonym="Someone else"))),
        ("a person's role changed", _edited(case, persons=_change(P, 0, role="official" if P[0].role != "official" else "witness"))),
        ("a person withheld", _edited(case, persons=_change(P, named, protection="withheld"))),
        ("a withheld person no longer", _edited(case, persons=_change(P, withheld, protection="pseudonym"))),
        ("a clearance given to an unprotected person (a pseudonym then)",
         _edited(case, persons=_change(P, named, clearance="confidential"))),
        ("a person's own level", _edited(case, persons=_change(P, named, confidentiality="strictly-confidential"))),
        ("a person added", _edited(case, persons=[*P, P[0].model_copy(update={"id": "p-aaa-new"})])),
        ("a person removed", _edited(case, persons=P[1:])),
        ("a person's id changed", _edited(case, persons=_change(P, 0, id="p-zzz-renamed"))),
        ("persons in another order", _edited(case, persons=P[::-1])),
        ("an item added", _edited(case, evidence=[*E, E[0].model_copy(update={"id": "ev-aaa-new"})])),
        ("an item removed", _edited(case, evidence=E[1:])),
        ("an item's id changed", _edited(case, evidence=_change(E, 0, id="ev-zzz-renamed"))),
        ("an item's level", _edited(case, evidence=_change(E, conf, confidentiality=None))),
        ("an incident added", _edited(case, incidents=[*I, I[0].model_copy(update={"id": "inc-aaa-new"})])),
        ("an incident's id changed", _edited(case, incidents=_change(I, 0, id="inc-zzz-renamed"))),
        ("the case's default level", _edited(case, info=info.model_copy(update={"confidentiality": "confidential"}))),
        ("a person's id twice", _edited(case, persons=[*P, P[0].model_copy(update={"role": "official"})])),
        ("an item's id twice", _edited(case, evidence=[*E, E[0].model_copy()])),
        ("an incident's id twice", _edited(case, incidents=[*I[1:], I[0], I[0].model_copy()])),
        # an id given to another entry: as many entries as before, one id fewer
        ("a person's id given to another", _edited(case, persons=_change(P, 1, id=P[0].id))),
        ("an item's id given to another", _edited(case, evidence=_change(E, 1, id=E[0].id))),
        ("an incident's id given to another", _edited(case, incidents=_change(I, 1, id=I[0].id))),
    ]


@pytest.mark.parametrize("audience", LEVELS)
def test_after_every_kind_of_edit_it_answers_as_a_fresh_protector(base, audience):
    before = Protector(base, audience)
    _answers(before, base)  # its memos filled, as the workspace's are when the edit comes
    for what, case in _edits(base):
        fresh = Protector(case, audience)
        reused = before.with_case(case)
        assert reused.audience == audience and reused.case is case, what
        assert _answers(reused, case) == _answers(fresh, case), what
        # and the edit undone, from the protector after it (a chain of edits)
        assert _answers(reused.with_case(base), base) == _answers(before, base), what
        assert _answers(before, base) == _answers(Protector(base, audience), base), what  # the one before unchanged


def test_a_chain_of_edits(base):
    prot = Protector(base, "restricted")
    for what, case in [*_edits(base), *reversed(_edits(base))]:
        prot = prot.with_case(case)
        assert _answers(prot, case) == _answers(Protector(case, "restricted"), case), what


def test_the_numbering_is_kept_when_an_edit_leaves_it(base):
    before = Protector(base, "public")
    text_edit = _edits(base)[3][1]
    after = before.with_case(text_edit)
    assert after._generated is before._generated and after._evidence_refs is before._evidence_refs
    reread = before.with_case(_edits(base)[2][1])
    assert reread._generated is before._generated  # equal entries read again: the same ids, roles and protections
    renamed = before.with_case(_edits(base)[13][1])
    assert renamed._generated is not before._generated
