"""Protector.record: a person's entry as one audience may read it, field by field."""
from __future__ import annotations

import pytest

from casebuilder.protect import Protector

from .casefiles import case_info, load, person, write_case


@pytest.fixture
def case(tmp_path):
    return load(write_case(tmp_path, [
        person("p-rec", "detainee", name="Record Person", name_original="نام", aliases=["Nickname Here"], age=31,
               gender="female", occupation="nurse", pseudonym="Nurse N", protection="pseudonym", clearance="restricted",
               sensitive={"phone": "+98 912 000 2222"}, confidentiality="restricted",
               description="Arrested at the clinic."),
        person("p-open", "victim", name="Open Person", age=40, sensitive={"address": "Somewhere street 1"}),
    ], info=case_info()))


def test_below_the_entry_level_only_the_referring_fields_read_as_written(case):
    rec = Protector(case, "public").record("p-rec")
    assert (rec.id, rec.role, rec.protection, rec.clearance, rec.confidentiality, rec.pseudonym) == (
        "p-rec", "detainee", "pseudonym", "restricted", "restricted", "Nurse N")
    assert (rec.name, rec.name_original, rec.aliases, rec.sensitive) == (None, None, [], {})
    assert (rec.age, rec.gender, rec.occupation, rec.description) == (None, None, None, None)
    assert rec.consent == type(case.persons[0]).model_fields["consent"].get_default(call_default_factory=True)
    assert [rec.visible(f) for f in ("id", "pseudonym", "name", "aliases", "sensitive", "age")] == [
        True, True, False, False, False, False]


def test_at_the_entry_level_every_field_and_an_explicit_clearance_opens_the_sensitive_ones(case):
    rec = Protector(case, "restricted").record(case.persons[0])  # a person, or an id
    assert (rec.name, rec.name_original, rec.aliases, rec.age, rec.occupation) == (
        "Record Person", "نام", ["Nickname Here"], 31, "nurse")
    assert rec.sensitive == {"phone": "+98 912 000 2222"}  # clearance: restricted, given explicitly
    assert [rec.visible(f) for f in ("name", "sensitive", "age")] == [True, True, True]


def test_a_named_persons_sensitive_details_stay_confidential(case):
    rec = Protector(case, "public").record("p-open")
    assert (rec.name, rec.age, rec.sensitive) == ("Open Person", 40, {})
    assert Protector(case, "confidential").record("p-open").sensitive == {"address": "Somewhere street 1"}


def test_a_field_the_model_does_not_have_is_an_attribute_error(case):
    rec = Protector(case, "strictly-confidential").record("p-rec")
    with pytest.raises(AttributeError, match="nickname"):
        rec.nickname  # noqa: B018


def test_a_record_above_the_audience_protects_every_free_text_nested_ones_too(tmp_path):
    from casebuilder.protect import protected_strings

    charge = "Acting against national security by attending the funeral"
    case = load(write_case(tmp_path, [person(
        "p-rec", "detainee", name="Record Person", protection="pseudonym", confidentiality="confidential",
        description="Arrested at the clinic in front of his colleagues.", occupation="Nurse at the city clinic ward",
        violation={"place": "The emergency ward of the city clinic"},
        whereabouts={"status": "detained", "place": "Evin prison, ward two hundred nine", "charges": [charge],
                     "note": "His family has not been told where he is held."})], info=case_info()))
    got = {(p.field, p.value, p.path) for p in protected_strings(case, "public") if p.person_id == "p-rec"}
    assert {("description", "Arrested at the clinic in front of his colleagues.", ("description",)),
            ("occupation", "Nurse at the city clinic ward", ("occupation",)),
            ("violation.place", "The emergency ward of the city clinic", ("violation", "place")),
            ("whereabouts.place", "Evin prison, ward two hundred nine", ("whereabouts", "place")),
            ("whereabouts.charges.0", charge, ("whereabouts", "charges", 0)),
            ("whereabouts.note", "His family has not been told where he is held.", ("whereabouts", "note"))} <= got
    assert not any(p.person_id == "p-rec" and p.field.startswith(("whereabouts", "description"))
                   for p in protected_strings(case, "confidential"))


def test_a_record_above_the_audience_is_protected_as_its_details_and_the_identity_once(tmp_path):
    """The texts of a record above the audience are its details; its name, aliases and sensitive values are
    protected once, as what they are (the leak report names them so), and its pseudonym, which the audience
    reads in their place, not at all: even names and pseudonyms long enough to count as sentences."""
    from casebuilder.protect import protected_strings

    case = load(write_case(tmp_path, [person(
        "p-rec", "witness", name="Parisa Maryam Fictional Example", aliases=["the night nurse of Rasht"],
        pseudonym="The nurse from the northern city", protection="pseudonym", confidentiality="confidential",
        sensitive={"address": "Golsar district, street twelve, house four"},
        description="Arrested at the clinic in front of her colleagues.")], info=case_info()))
    got = [(p.field, p.value) for p in protected_strings(case, "public") if p.person_id == "p-rec"]
    assert sorted(got) == sorted([
        ("name", "Parisa Maryam Fictional Example"), ("name, surname first", "Example Parisa Maryam Fictional"),
        ("aliases[0]", "the night nurse of Rasht"),
        ("sensitive.address", "Golsar district, street twelve, house four"),
        ("description", "Arrested at the clinic in front of her colleagues.")])
