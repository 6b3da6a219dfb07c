"""The incremental matcher with suspects, whose names an audience below their level must not receive: after
every edit, and after every rebuild of its automaton, it seeks the suspects' names as a fresh matcher does
(their needles are made again against the new automaton's forms)."""
from __future__ import annotations

import pytest

from casebuilder.models import Person
from casebuilder.models.case import Suspect
from casebuilder.protect.incremental import IncrementalMatcher

from .casefiles import person
from .test_incremental import _bundled, _edit, _found, same_as_fresh


@pytest.mark.parametrize("room", ["small automaton", "afresh"])
def test_suspects_are_sought_after_every_edit_and_rebuild(tmp_path, monkeypatch, room):
    from casebuilder.protect import incremental

    if room == "afresh":  # every change builds the automaton afresh: new forms, new indexes
        monkeypatch.setattr(incremental, "DELTA_MAX", 0)
        monkeypatch.setattr(incremental, "STALE_SHARE", 0)
    case = _bundled(tmp_path)
    case.suspects.append(Suspect.model_validate({"id": "s-1", "name": "Dorvan Pelkash", "aliases": ["Haj Dorvan"]}))
    inc = IncrementalMatcher()
    m, _, _ = same_as_fresh(case, inc)
    assert _sought(m) >= {"Dorvan Pelkash", "Haj Dorvan", "Pelkash Dorvan"}
    case.persons.append(Person.model_validate(person("p-5", "detainee", name="Shorpan Lekbex", protection="pseudonym")))
    m, hits, _ = same_as_fresh(case, inc)
    assert inc.last["automaton rebuilt"] == (room == "afresh")
    assert "Dorvan Pelkash" in _sought(m) and ("p-5", "name") in _found(hits)
    _edit(case, "persons", "p-2", protection="none", clearance=None, pseudonym=None)
    m, hits, _ = same_as_fresh(case, inc)
    assert "Dorvan Pelkash" in _sought(m) and ("p-2", "name") not in _found(hits)


def _sought(m) -> set[str]:
    """The suspect's values the matcher holds needles for (same_as_fresh checks the forms they point at)."""
    return {n.item.value for n in m.needles if n.item.owner == "s-1"}


def test_a_visible_text_quoting_the_law_a_withheld_item_quotes_is_no_copy(tmp_path):
    """The withheld testimony quotes the Elements ('the perpetrator inflicted great suffering upon the
    persons'); a visible summary quoting the same words of the law copies nothing secret — as a fresh matcher
    says — while one quoting the testimony's own sentence does."""
    case = _bundled(tmp_path)
    inc = IncrementalMatcher()
    same_as_fresh(case, inc)
    _edit(case, "evidence", "ev-open", summary="The charge: the perpetrator inflicted great suffering upon the persons.")
    _, _, copies = same_as_fresh(case, inc)
    assert copies == []
    _edit(case, "evidence", "ev-open", summary="The nurse saw the security forces carry the wounded out through the "
                                               "back gate at dawn.")
    _, _, copies = same_as_fresh(case, inc)
    assert [(c.secret.owner, c.owner.id) for c in copies] == [("ev-secret", "ev-open")]


def test_a_suspects_names_are_protected_only_below_the_suspects_level(tmp_path):
    from casebuilder.protect import Protector, protected_matcher

    case = _bundled(tmp_path)
    case.suspects.append(Suspect.model_validate({"id": "s-1", "name": "Dorvan Pelkash", "confidentiality": "confidential"}))
    for audience, protected in (("public", True), ("restricted", True), ("confidential", False),
                                ("strictly-confidential", False)):
        out, _ = protected_matcher(case, audience, [], Protector(case, audience), [])
        assert any(it.person_id == "s-1" for it in out) == protected, audience
