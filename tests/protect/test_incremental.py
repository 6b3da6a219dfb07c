"""IncrementalMatcher: after every edit, the matcher it keeps up to date equals a fresh
``protected_matcher`` on the same case — the same protected strings, needles, forms, copies — and
finds exactly the same hits in a corpus of planted names (Unicode and markup disguises included).

Edits are made as the workspace's re-check makes them: the edited objects are new models, every
other object is the very object of the version before (so what is kept is really used again).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebuilder.models import Incident, Person
from casebuilder.protect import Protector, protected_matcher
from casebuilder.protect.incremental import IncrementalMatcher

from .casefiles import case_info, evidence, incident, load, person, write_case
from .strategies import FIXED_PERSONS, cases, hows_for, variant

LAW = ["The perpetrator killed one or more persons.",
       "Law text quoted by a withheld item: the perpetrator inflicted great suffering upon the persons."]


def _needles(m) -> list:
    return [(n.item, m.keys[n.key]) for n in m.needles]


def _signature(m) -> tuple:
    return (frozenset(m.keys[n.key] for n in m.needles), frozenset(m.keys[n.key] for n in m.needles if n.item.identity))


def _copies(copies) -> list:
    return [(c.secret, id(c.owner), c.field) for c in copies]


def corpus(case) -> list[tuple[str, str]]:
    """Every identity of every person (protected or not) written every way the leak tests write it,
    every text of every item, incident and person entry, and each of those texts in markup."""
    out = []
    for p in case.persons:
        values = [("name", p.name), ("name_original", p.name_original), ("pseudonym", p.pseudonym),
                  *(("aliases", a) for a in p.aliases), *(("sensitive", v) for v in p.sensitive.values())]
        for fld, value in values:
            if not value:
                continue
            for how in ["as-is", *hows_for(fld)]:
                out.append((f"{p.id} {fld} {how}", f"Report: {variant(value, how)} was seen."))
    for obj in [*case.persons, *case.evidence, *case.incidents]:
        for name in ("title", "summary", "excerpt", "description", "place"):
            text = obj.location.place if name == "place" and isinstance(obj, Incident) else getattr(obj, name, None)
            if text:
                out.append((f"{obj.id} {name}", text))
                out.append((f"{obj.id} {name} html", f"<p>{text[:20]}<b>{text[20:]}</b></p>"))
                out.append((f"{obj.id} {name} url", "https://x.org/?q=" + text.replace(" ", "%20")))
    return out


def same_as_fresh(case, inc: IncrementalMatcher, audience: str = "public", law=LAW):
    """Assert the incremental matcher equals a fresh one on ``case``; return it and its hits."""
    fresh_copies, copies = [], []
    fresh_out, fresh = protected_matcher(case, audience, law, Protector(case, audience), fresh_copies)
    out, m = inc.update(case, audience, law, Protector(case, audience), copies)
    assert out == fresh_out
    assert _needles(m) == _needles(fresh)
    # the forms it searches for: a fresh matcher's, and perhaps forms no longer sought (they find nothing)
    assert set(m.keys) >= set(fresh.keys) and len(set(m.keys)) == len(m.keys)
    assert _signature(m) == _signature(fresh)
    assert _copies(copies) == _copies(fresh_copies)
    texts = corpus(case)
    hits = m.scan(texts)
    assert hits == fresh.scan(texts)
    return m, hits, copies


def _edit(case, collection: str, oid: str, **update) -> None:
    """The object ``oid`` replaced by a changed copy (a new object, as a re-read file gives)."""
    objs = getattr(case, collection)
    i = next(n for n, o in enumerate(objs) if o.id == oid)
    objs[i] = objs[i].model_copy(update=update)


def _found(hits) -> set[tuple[str, str]]:
    return {(item.owner, item.field) for item, _ in hits}


def _bundled(tmp_path):
    persons = [dict(p) for p in FIXED_PERSONS] + [
        person("p-2", "victim", name="Ramin Qimdar", protection="pseudonym", pseudonym="Ramin Q."),
        person("p-3", "witness", name="Openly Named", protection="none"),
        person("p-4", "witness", name="Vosh Kartav", protection="pseudonym",
               consent={"naming": {"status": "given", "date": "2026-01-10", "by": "victim",
                                   "note": "Recorded by the field team in Vosh Kartav's flat"}})]
    items = [
        evidence("ev-open", title="Hospital register extract", summary="The register lists the wounded admitted that night."),
        evidence("ev-secret", title="Confidential testimony of the nurse", confidentiality="confidential",
                 summary="The nurse saw the security forces carry the wounded out through the back gate at dawn. "
                         "[[p-2]] was among them, and the perpetrator inflicted great suffering upon the persons."),
        evidence("ev-other", title="Video of the square", summary="A video shows the crowd near the square."),
    ]
    incidents = [incident("inc-open", "Security forces fired on the crowd near the square.", title="Shooting at the square"),
                 incident("inc-secret", "A witness described the night raid on the dormitory in great detail.",
                          title="Night raid", confidentiality="strictly-confidential")]
    return load(write_case(tmp_path, persons, items, incidents, info=case_info("public", "public")))


@pytest.mark.parametrize("room", ["small automaton", "afresh"])
def test_a_sequence_of_edits_gives_what_a_fresh_matcher_gives(tmp_path, monkeypatch, room):
    from casebuilder.protect import incremental

    if room == "afresh":  # no form may be added or stay unsought: the automaton built afresh for each change
        monkeypatch.setattr(incremental, "DELTA_MAX", 0)
        monkeypatch.setattr(incremental, "STALE_SHARE", 0)
    case = _bundled(tmp_path)
    inc = IncrementalMatcher()
    m0, hits, _ = same_as_fresh(case, inc)
    assert {("p-0", "name"), ("p-1", "name_original"), ("p-0", "sensitive.phone"), ("p-1", "aliases[0]")} <= _found(hits)
    assert ("ev-secret", "summary") in _found(hits) and ("inc-secret", "description") in _found(hits)
    assert ("p-3", "name") not in _found(hits)  # an open name is no secret

    # a visible item's summary reworded: one object made again, one text searched, the same matcher
    _edit(case, "evidence", "ev-open", summary="The register lists every wounded person admitted that night.")
    m, hits, _ = same_as_fresh(case, inc)
    assert inc.last["objects made"] == 1 and inc.last["texts searched"] == 1
    assert not inc.last["automaton rebuilt"] and m is m0 and inc.last["same matcher"] is True

    # a protected person added: the new name is sought (a small automaton of the forms added, or
    # with no room for it, all built afresh)
    case.persons.append(Person.model_validate(person("p-5", "detainee", name="Shorpan Lekbex", protection="pseudonym")))
    m, hits, _ = same_as_fresh(case, inc)
    assert (inc.last["forms added"] > 0) != inc.last["automaton rebuilt"] and ("p-5", "name") in _found(hits)
    assert inc.last["automaton rebuilt"] == (room == "afresh")
    assert m is not m0 and inc.last["same matcher"] is False

    # ... and removed again
    del case.persons[-1]
    m, hits, _ = same_as_fresh(case, inc)
    assert ("p-5", "name") not in _found(hits)

    # a person's level: named openly now, then protected again
    _edit(case, "persons", "p-2", protection="none", clearance=None, pseudonym=None)
    m, hits, _ = same_as_fresh(case, inc)
    assert ("p-2", "name") not in _found(hits)
    _edit(case, "persons", "p-2", protection="pseudonym", clearance="restricted")
    m, hits, _ = same_as_fresh(case, inc)
    assert ("p-2", "name") in _found(hits)

    # a person's consent (its note is a text of the entry) and an alias added
    p4 = next(p for p in case.persons if p.id == "p-4")
    _edit(case, "persons", "p-4", consent=p4.consent.model_copy(update={"naming": p4.consent.naming.model_copy(
        update={"note": "Recorded by the field team at the clinic"})}), aliases=["Darqim Joon"])
    m, hits, _ = same_as_fresh(case, inc)
    assert ("p-4", "aliases[0]") in _found(hits)

    # an item withheld, then visible again
    _edit(case, "evidence", "ev-other", confidentiality="restricted")
    m, hits, _ = same_as_fresh(case, inc)
    assert ("ev-other", "summary") in _found(hits)
    _edit(case, "evidence", "ev-other", confidentiality=None)
    m, hits, _ = same_as_fresh(case, inc)
    assert ("ev-other", "summary") not in _found(hits)

    # an item withheld whose sentence an unchanged visible text already quotes: the texts searched
    # before are searched again for the new fragments, and the quote is reported as a copy
    _edit(case, "evidence", "ev-other", summary="A video shows the crowd near the square. The police dragged "
                                                "two students into a white van.")
    _edit(case, "incidents", "inc-open", description="Security forces fired on the crowd. The police dragged two "
                                                     "students into a white van.")
    m, hits, copies = same_as_fresh(case, inc)
    assert copies == []
    _edit(case, "evidence", "ev-other", confidentiality="confidential")
    m, hits, copies = same_as_fresh(case, inc)
    assert inc.last["forms sought anew"] > 0 and inc.last["texts searched"] == 0
    assert [(c.secret.owner, c.owner.id, c.field) for c in copies] == [("ev-other", "inc-open", "description")]
    _edit(case, "evidence", "ev-other", confidentiality=None)
    m, hits, copies = same_as_fresh(case, inc)
    assert copies == []

    # a visible text copying a withheld sentence: reported as a copy (as fresh), then removed
    _edit(case, "evidence", "ev-open", summary="Copied: the nurse saw the security forces carry the wounded out "
                                               "through the back gate at dawn.")
    m, hits, copies = same_as_fresh(case, inc)
    assert [(c.secret.owner, c.owner.id, c.field) for c in copies] == [("ev-secret", "ev-open", "summary")]
    _edit(case, "evidence", "ev-open", summary="The register lists the wounded admitted that night.")
    m, hits, copies = same_as_fresh(case, inc)
    assert copies == []

    # a withheld incident's place that becomes a visible incident's place too: a coincidence of
    # labels, no secret any more (the withheld objects unchanged, what is dropped changes)
    place = "Imam Khomeini Hospital in central Tehran"
    _edit(case, "incidents", "inc-secret", location=case.incidents[1].location.model_copy(update={"place": place}))
    m, hits, _ = same_as_fresh(case, inc)
    assert ("inc-secret", "location.place") in _found(hits)
    _edit(case, "incidents", "inc-open", location=case.incidents[0].location.model_copy(update={"place": place}))
    m, hits, _ = same_as_fresh(case, inc)
    assert ("inc-secret", "location.place") not in _found(hits)

    # a text of an object without a level (a source's name) copying a withheld sentence, then mended
    src = case.sources[0]
    case.sources[0] = src.model_copy(update={"name": "A witness described the night raid on the dormitory in great detail"})
    m, hits, copies = same_as_fresh(case, inc)
    assert [(c.secret.owner, c.owner.id, c.field) for c in copies] == [("inc-secret", src.id, "name")]
    case.sources[0] = src
    m, hits, copies = same_as_fresh(case, inc)
    assert copies == []

    # the law's words quoted by a withheld item are no secret (the fragment is dropped, as fresh)
    m, hits, _ = same_as_fresh(case, inc, law=LAW[:1])
    m, hits, _ = same_as_fresh(case, inc)


def test_a_withheld_sentence_that_is_the_laws_own_words_is_no_secret(tmp_path):
    """A withheld item quoting a sentence of the law word for word: that sentence is not sought (every brief
    prints the law), and a visible text quoting it is no copy; the item's own sentences still are sought. Without
    that law text the sentence is sought again. As a fresh matcher, after each change."""
    case = _bundled(tmp_path)
    _edit(case, "evidence", "ev-secret", summary="The nurse read the charge aloud. The perpetrator killed one or more "
                                                 "persons. She then left the ward by the back stairs.")
    _edit(case, "incidents", "inc-open", description="The charge reads: The perpetrator killed one or more persons.")
    inc = IncrementalMatcher()
    for law in (LAW, LAW[1:], LAW):
        out, m = inc.update(case, "public", law, Protector(case, "public"), [])
        _, hits, copies = same_as_fresh(case, inc, law=law)
        sought = {p.value for p in out if p.owner == "ev-secret"}
        assert "The nurse read the charge aloud." in sought
        assert ("The perpetrator killed one or more persons." in sought) == (law is not LAW)
        assert [(c.secret.owner, c.owner.id) for c in copies] == ([] if law is LAW else [("ev-secret", "inc-open")])


def test_a_reference_to_a_person_reads_as_the_label_of_now(tmp_path):
    """A withheld text with ``[[p-2]]`` is sought as the audience would read it: with p-2's label.
    A person added with a smaller id renumbers the generated labels; a pseudonym changed changes
    the label — the fragments follow (no object of the item changed)."""
    case = _bundled(tmp_path)
    _edit(case, "persons", "p-2", pseudonym=None)
    inc = IncrementalMatcher()
    same_as_fresh(case, inc)
    case.persons.insert(0, Person.model_validate(person("p-10", "victim", protection="pseudonym")))  # renumbers the victims
    m, hits, _ = same_as_fresh(case, inc)
    frags = [n.item.value for n in m.needles if n.item.owner == "ev-secret"]
    assert any("Victim V-02 was among them" in f for f in frags), frags
    _edit(case, "persons", "p-2", pseudonym="Ramin R.")
    m, hits, _ = same_as_fresh(case, inc)
    assert any("Ramin R. was among them" in f for f in [n.item.value for n in m.needles])


def test_a_visible_text_referring_to_a_person_is_read_again_when_the_label_changes(tmp_path):
    """The case block's description says ``[[p-2]]``; a withheld item says the same with a pseudonym written
    out. Once p-2's pseudonym is that one (only the person changed, not the case block), the description reads as
    the withheld sentence: a copy, as a fresh matcher finds; and no copy once the pseudonym changes again."""
    case = _bundled(tmp_path)
    case.info = case.info.model_copy(update={"description": "The guards beat [[p-2]] in the courtyard until dawn."})
    _edit(case, "evidence", "ev-secret", summary="The guards beat Nurse Ramin in the courtyard until dawn.")
    inc = IncrementalMatcher()
    for pseudonym, copied in (("Ramin Q.", []), ("Nurse Ramin", [("ev-secret", "t-case", "description")]),
                              ("Ramin Q.", [])):
        _edit(case, "persons", "p-2", pseudonym=pseudonym)
        _, _, copies = same_as_fresh(case, inc)
        assert [(c.secret.owner, c.owner.id, c.field) for c in copies] == copied


def test_another_audience_or_case_default_starts_afresh(tmp_path):
    case = _bundled(tmp_path)
    inc = IncrementalMatcher()
    same_as_fresh(case, inc)
    same_as_fresh(case, inc, audience="confidential")
    assert inc.last["objects made"] == len(case.persons) + len(case.evidence) + len(case.incidents)
    case.info = case.info.model_copy(update={"confidentiality": "restricted"})
    m, hits, _ = same_as_fresh(case, inc)
    assert inc.last["objects made"] == len(case.persons) + len(case.evidence) + len(case.incidents)
    same_as_fresh(case, inc, audience="strictly-confidential")


def test_a_protector_for_another_audience_or_case_is_refused_and_nothing_kept(tmp_path):
    """As ``protected_matcher``: the protector given must be of this case and audience (a matcher made with
    another audience's would seek too little); the refusal forgets what was kept."""
    case = _bundled(tmp_path)
    inc = IncrementalMatcher()
    same_as_fresh(case, inc)
    other = _bundled(tmp_path / "other")
    for wrong in (Protector(case, "confidential"), Protector(other, "public")):
        with pytest.raises(ValueError) as exc:
            inc.update(case, "public", LAW, wrong)
        assert str(exc.value) == "the protector is for another case or audience"
    same_as_fresh(case, inc)
    assert inc.last["objects made"] == len(case.persons) + len(case.evidence) + len(case.incidents)


def test_the_case_read_again_is_counted_as_objects_equal_to_those_before(tmp_path):
    """Every file read again (new objects, equal in value): none is made again, each is counted as equal."""
    case = _bundled(tmp_path)
    inc = IncrementalMatcher()
    same_as_fresh(case, inc)
    again = _bundled(tmp_path)
    same_as_fresh(again, inc)
    n = len(again.persons) + len(again.evidence) + len(again.incidents)
    assert (inc.last["objects made"], inc.last["objects equal to one before"]) == (0, n)


def test_an_update_with_nothing_changed_says_that_nothing_was_done(tmp_path):
    """The account of an update (``last``) after one that changed nothing: no object made or re-read, no form
    added or sought anew, no text searched, the automaton kept: every count there, and zero."""
    case = _bundled(tmp_path)
    inc = IncrementalMatcher()
    same_as_fresh(case, inc)
    same_as_fresh(case, inc)
    assert {k: inc.last[k] for k in ("objects made", "objects equal to one before", "automaton rebuilt", "forms added",
                                     "texts searched", "forms sought anew")} == {
        "objects made": 0, "objects equal to one before": 0, "automaton rebuilt": False, "forms added": 0,
        "texts searched": 0, "forms sought anew": 0}


def test_an_error_half_way_forgets_everything(tmp_path, monkeypatch):
    case = _bundled(tmp_path)
    inc = IncrementalMatcher()
    same_as_fresh(case, inc)
    from casebuilder.protect import incremental

    def boom(*a, **k):
        raise RuntimeError("half-way")
    monkeypatch.setattr(incremental, "readings", boom)
    _edit(case, "evidence", "ev-open", summary="A new text that must be searched.")
    try:
        inc.update(case, "public", LAW)
    except RuntimeError:
        pass
    monkeypatch.undo()
    same_as_fresh(case, inc)
    assert inc.last["objects made"] == len(case.persons) + len(case.evidence) + len(case.incidents)


EDITS = st.lists(st.tuples(st.sampled_from(["reword", "level", "withhold", "copy", "add-person", "remove-person",
                                            "alias", "protection", "reference"]),
                           st.integers(0, 100), st.sampled_from(["public", "restricted", "confidential",
                                                                 "strictly-confidential", None])),
                 min_size=1, max_size=6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spec=cases(), edits=EDITS)
def test_random_cases_and_edits_give_what_a_fresh_matcher_gives(tmp_path_factory, spec, edits):
    root = tmp_path_factory.mktemp("inc")
    case = load(write_case(root, spec.persons, spec.evidence, spec.incidents, info=case_info(spec.info_level)))
    inc = IncrementalMatcher()
    same_as_fresh(case, inc)
    for n, (what, k, level) in enumerate(edits):
        ev = case.evidence[k % len(case.evidence)]
        if what == "reword":
            _edit(case, "evidence", ev.id, summary=f"Tagreword{n} the crowd gathered near the square and {ev.summary}")
        elif what == "level":
            _edit(case, "evidence", ev.id, confidentiality=level)
        elif what == "withhold" and case.persons:
            _edit(case, "persons", case.persons[k % len(case.persons)].id, confidentiality=level)
        elif what == "copy":  # a text of one item pasted into another
            src = case.evidence[(k + 1) % len(case.evidence)]
            _edit(case, "evidence", ev.id, summary=f"{src.summary} Tagcopy{n} and more.")
        elif what == "add-person":
            case.persons.append(Person.model_validate(person(f"p-new{n}", "victim", name=f"Newname{n} Karbex",
                                                             protection="pseudonym", clearance=level)))
        elif what == "remove-person" and len(case.persons) > 1:
            del case.persons[k % len(case.persons)]
        elif what == "alias" and case.persons:
            p = case.persons[k % len(case.persons)]
            _edit(case, "persons", p.id, aliases=[*p.aliases, f"Aliasword{n} Joon"])
        elif what == "protection" and case.persons:
            p = case.persons[k % len(case.persons)]
            _edit(case, "persons", p.id, protection=["none", "pseudonym", "withheld"][k % 3], clearance=level)
        elif what == "reference" and case.persons:
            p = case.persons[k % len(case.persons)]
            _edit(case, "evidence", ev.id, title=f"Tagref{n} the crowd near [[{p.id}]] gathered on the square at night")
        same_as_fresh(case, inc)



def test_a_change_of_the_situations_state_reads_national_phone_numbers_anew(tmp_path):
    """A phone number written the national way is read with the situation's state as its region (0912 … is
    +98 912 … in Iran, +49 912 … in Germany): after the state is changed, the matcher seeks the number as the
    new state reads it, as a fresh one does; a case with no case information reads it with no region."""
    info = case_info()
    info["situation"]["state"] = "IR"
    case = load(write_case(tmp_path, [person("p-1", name="Parisa Fictional", protection="pseudonym",
                                             pseudonym="Witness A", sensitive={"phone": "0912 000 1111"})], info=info))
    inc = IncrementalMatcher()

    def sought() -> set[str]:
        m, _, _ = same_as_fresh(case, inc)
        return {n.item.value for n in m.needles if n.item.field == "sensitive.phone"}

    national = {"0912 000 1111", "9120001111"}
    assert sought() == national | {"+98 9120001111", "0098 9120001111"}
    case.info = case.info.model_copy(update={"situation": case.info.situation.model_copy(update={"state": "DE"})})
    assert sought() == national | {"+49 9120001111", "0049 9120001111"}
    assert inc.last["objects made"] == len(case.persons) + len(case.evidence) + len(case.incidents)
    case.info = None
    assert sought() == {"0912 000 1111"}


def test_the_texts_of_objects_gone_from_the_case_are_forgotten(tmp_path):
    """After most of the case is gone (files removed in the workspace), what was found in its texts is
    forgotten: the matcher still equals a fresh one, and when those objects come back their texts are
    searched again."""
    many = [evidence(f"ev-{k:03}", title=f"Register page {k}", summary=f"Page {k} of the register lists the admissions.",
                     excerpt=f"Entry {k}: admitted at night.") for k in range(400)]
    secret = evidence("ev-secret", title="Confidential testimony of the nurse", confidentiality="confidential",
                      summary="The nurse saw the security forces carry the wounded out through the back gate.")
    case = load(write_case(tmp_path, [], [*many, secret], info=case_info("public", "public")))
    inc = IncrementalMatcher()
    same_as_fresh(case, inc)
    every = list(case.evidence)
    case.evidence[:] = [e for e in every if e.id in ("ev-000", "ev-secret")]
    same_as_fresh(case, inc)
    case.evidence[:] = every
    same_as_fresh(case, inc)
    assert (inc.last["objects made"], inc.last["texts searched"]) == (399, 3 * 399)
