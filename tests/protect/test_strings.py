"""protected_strings: what the audit must find, and what it must leave alone (no false alarms)."""
from __future__ import annotations

from casebuilder.protect import protected_strings

from .casefiles import evidence, incident, load, person, write_case


def _owned(case, audience):
    return {(p.person_id, p.field, p.value) for p in protected_strings(case, audience)}


def test_identity_fields_of_persons_above_the_audience(tmp_path):
    case = load(write_case(tmp_path, [
        person("p-a", name="Parisa Fictional", name_original="پریسا ساختگی", aliases=["Pari Joon", "Ali"],
               protection="pseudonym", pseudonym="Shirin", sensitive={"phone": "+98 912 000 1111", "age": "16"}),
        person("p-open", "victim", name="Mahsa Example"),
        person("p-w", name="Withheld Person", pseudonym="Nurse of Ward Four", protection="withheld",
               clearance="restricted"),
    ]))
    pub = _owned(case, "public")
    assert ("p-a", "name", "Parisa Fictional") in pub
    assert ("p-a", "name, surname first", "Fictional Parisa") in pub
    assert ("p-a", "name_original", "پریسا ساختگی") in pub
    assert ("p-a", "aliases[0]", "Pari Joon") in pub
    assert ("p-a", "sensitive.phone", "+98 912 000 1111") in pub
    assert ("p-w", "pseudonym", "Nurse of Ward Four") in pub       # a withheld person's own pseudonym
    owners_fields = {(o, f) for o, f, _ in pub}
    assert ("p-a", "aliases[1]") not in owners_fields                # 'Ali': too short to search without false alarms
    assert ("p-a", "sensitive.age") not in owners_fields              # '16': digits need 6
    assert ("p-a", "pseudonym") not in owners_fields                  # a pseudonym is what is shown
    assert not any(o == "p-open" for o, _, _ in pub)                  # unprotected persons are not secrets
    assert {o for o, _, _ in _owned(case, "restricted")} == {"p-a"}
    assert _owned(case, "confidential") == set()


def test_sensitive_values_default_to_confidential_even_for_named_persons(tmp_path):
    case = load(write_case(tmp_path, [person("p-open", "victim", name="Mahsa Example",
                                             sensitive={"address": "12 Example Street, Zahedan"})]))
    assert {f for _, f, _ in _owned(case, "restricted")} == {"sensitive.address"}
    assert _owned(case, "confidential") == set()


def test_withheld_evidence_texts_are_protected_sentence_by_sentence(tmp_path):
    summary = "The nurse describes the night of the raid. Short one. Security forces removed [[p-a]] from ward four."
    case = load(write_case(tmp_path, [person("p-a", name="Parisa Fictional", protection="pseudonym")], [
        evidence("ev-c", title="Testimony of the night nurse", summary=summary,
                 excerpt="They carried the wounded out through the back door", confidentiality="confidential"),
        evidence("ev-o", title="Medical report", confidentiality="public"),
    ]))
    got = {(o, f, v) for o, f, v in _owned(case, "restricted") if o == "ev-c"}
    assert ("ev-c", "title", "Testimony of the night nurse") in got
    assert ("ev-c", "summary", "The nurse describes the night of the raid.") in got
    # person references are resolved as this audience would see them: that is the form that would leak
    assert ("ev-c", "summary", "Security forces removed Witness W-01 from ward four.") in got
    assert ("ev-c", "excerpt", "They carried the wounded out through the back door") in got
    assert not any(v == "Short one." for _, _, v in got)                # under 4 words: no
    assert not any(o == "ev-o" for o, _, _ in _owned(case, "restricted"))


def test_withheld_text_copied_into_visible_case_text_stays_a_secret_and_is_reported(tmp_path):
    """Issue #24, defect 1: a copy in the case's visible text is no reason to publish (it was a
    reason to drop the fragment, which made the audit blind to the copy); only text that cannot be
    a copy — the law, the templates — makes a fragment no secret."""
    from casebuilder.protect.strings import withheld_copies

    shared = "Security forces fired on the crowd outside the hospital"
    case = load(write_case(tmp_path, evidence=[
        evidence("ev-c", title="Statement on the hospital shooting", summary=shared, confidentiality="confidential"),
        evidence("ev-o", summary=f"Reports say: {shared}, killing two."),
    ], incidents=[incident("inc-c", "A long description of the confidential incident here.",
                           title="Night raid on a private clinic", confidentiality="confidential")]))
    values = {v for _, _, v in _owned(case, "public")}
    assert shared in values
    assert "Statement on the hospital shooting" in values
    assert "Night raid on a private clinic" in values
    assert "A long description of the confidential incident here." in values
    copies = withheld_copies(case, "public")
    assert {(c.secret.owner, c.secret.field, c.owner.id, c.field) for c in copies} == {("ev-c", "summary", "ev-o", "summary")}
    assert withheld_copies(case, "confidential") == []
    extra = {v for _, _, v in (
        (p.person_id, p.field, p.value) for p in protected_strings(case, "public", ["Night raid on a private clinic"]))}
    assert "Night raid on a private clinic" not in extra


def test_protected_names_are_never_dropped_even_when_visible_elsewhere(tmp_path):
    case = load(write_case(tmp_path, [person("p-a", name="Parisa Fictional", protection="pseudonym")],
                           [evidence("ev-o", summary="Parisa Fictional was seen at the clinic")]))
    assert ("p-a", "name", "Parisa Fictional") in _owned(case, "public")


def test_a_shared_protector_gives_the_same_strings_and_must_match_the_audience(tmp_path):
    import pytest

    from casebuilder.protect import Protector

    case = load(write_case(tmp_path, [
        person("p-a", name="Parisa Fictional", protection="pseudonym", pseudonym="Shirin"),
        person("p-open", "victim", name="Mahsa Example"),
    ], [evidence("ev-c", title="Testimony of the night nurse in Rasht", confidentiality="confidential")]))
    prot = Protector(case, "public")
    prot.person_label("p-a")  # answers memoised before the call must not change it
    shared = protected_strings(case, "public", protector=prot)
    assert [(p.person_id, p.field, p.value) for p in shared] == \
        [(p.person_id, p.field, p.value) for p in protected_strings(case, "public")]
    with pytest.raises(ValueError, match="another case or audience"):
        protected_strings(case, "restricted", protector=prot)


def test_the_audit_matcher_finds_what_a_matcher_of_the_strings_finds(tmp_path):
    from casebuilder.protect import Matcher, protected_matcher

    case = load(write_case(tmp_path, [
        person("p-a", name="Parisa Fictional", protection="pseudonym", pseudonym="Shirin"),
    ], [evidence("ev-c", title="Testimony of the night nurse in Rasht", confidentiality="confidential"),
        evidence("ev-d", title="Report on the raid at the Ilam hospital", confidentiality="confidential"),
        evidence("ev-open", title="Report on the raid at the Ilam hospital")]))  # the same words, visible
    law = ["Report on the raid at the Ilam hospital"]  # the same words, in text that cannot be a copy
    strings, matcher = protected_matcher(case, "public", visible_texts=law)
    assert [(p.person_id, p.field, p.value) for p in strings] == \
        [(p.person_id, p.field, p.value) for p in protected_strings(case, "public", law)]
    assert "ev-d" not in {p.person_id for p in strings}  # the law's own words: not a secret
    text = [("page 1", "Parisa Fictional read the Testimony of the night nurse in Rasht and the Report on the "
                       "raid at the Ilam hospital.")]
    found = {(item.person_id, where) for item, where in matcher.scan(text)}
    assert found == {(item.person_id, where) for item, where in Matcher(strings).scan(text)}
    assert found == {("p-a", "page 1"), ("ev-c", "page 1")}


def test_a_withheld_label_equal_to_a_visible_label_is_a_coincidence_not_a_copy(tmp_path):
    """Two incidents at 'Imam Khomeini Hospital in Tehran', one restricted: the public one names the
    place anyway.  The same words pasted into a description are a copy."""
    from casebuilder.protect.strings import withheld_copies

    place = "Imam Khomeini Hospital in Tehran"
    case = load(write_case(tmp_path, incidents=[
        incident("inc-r", "Patients were removed from the wards at night.", confidentiality="restricted",
                 location={"place": place}, title="Raid on the emergency ward of the hospital"),
        incident("inc-p", "Security forces surrounded the building.", location={"place": place}),
        incident("inc-q", "Witnesses describe the Raid on the emergency ward of the hospital in detail."),
    ]))
    copies = withheld_copies(case, "public")
    assert {(c.secret.owner, c.secret.field, c.owner.id, c.field) for c in copies} == \
        {("inc-r", "title", "inc-q", "description")}
    values = {v for _, _, v in _owned(case, "public")}
    assert place not in values and "Raid on the emergency ward of the hospital" in values


def test_a_withheld_items_texts_are_located_by_their_path_in_its_entry(tmp_path):
    """Each fragment of a withheld evidence item or incident carries the path of its value in the entry
    (``exhibit`` → ``path`` for the exhibit's file name), as a person's record texts do."""
    case = load(write_case(tmp_path, evidence=[evidence(
        "ev-w", title="Testimony of the night nurse", summary="The nurse saw the guards at the ward door.",
        excerpt="They took the wounded away at dawn.", locator="Interview tape number four",
        url="https://example.org/tape-four", exhibit={"path": "exhibits/night-nurse-tape.mp3"},
        confidentiality="confidential")], incidents=[incident(
            "inc-w", "Guards removed the wounded from the ward.", title="Removal from the ward at dawn",
            confidentiality="confidential", location={"place": "The surgical ward, city hospital"})]))
    got = {(p.kind, p.person_id, p.field, p.path) for p in protected_strings(case, "public") if p.kind != "person"}
    assert got == {("evidence", "ev-w", f, p) for f, p in [
        ("title", ("title",)), ("summary", ("summary",)), ("excerpt", ("excerpt",)), ("url", ("url",)),
        ("locator", ("locator",)), ("exhibit.path", ("exhibit", "path"))]} | {("incident", "inc-w", f, p) for f, p in [
            ("title", ("title",)), ("description", ("description",)), ("location.place", ("location", "place"))]}
