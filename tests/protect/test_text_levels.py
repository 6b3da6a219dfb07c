"""The level of each free text of a case: the lowest audience whose briefs print it (protect/typed.py).
A name typed below that level is reported by `check`; these are the rules the module docstring gives."""
from __future__ import annotations

from casebuilder.models.case import Charge, Submission, Suspect
from casebuilder.protect.typed import case_texts, text_level, typed_identities

from .casefiles import case_info, evidence, incident, load, person, write_case


def make(tmp_path, **info):
    return load(write_case(tmp_path, [
        person("p-open", "victim", name="Open Person"),
        person("p-pseudo", name="Pseudo Person", protection="pseudonym", pseudonym="Nurse P",
               sensitive={"phone": "+98 912 345 6789"}),
        person("p-hidden", name="Hidden Person", protection="withheld", pseudonym="Hidden P", clearance="restricted",
               confidentiality="restricted", description="Arrested at night."),
    ], [evidence("ev-c", title="A confidential testimony", confidentiality="confidential"),
        evidence("ev-open", title="A public report")],
        [incident("inc-1", "Shots were fired.")], info=case_info(**info)))


def test_a_persons_texts_by_field(tmp_path):
    case = make(tmp_path)
    pseudo, hidden = case.persons[1], case.persons[2]
    assert text_level(case, pseudo, ("name",)) == "confidential"  # a protected identity, default clearance
    assert text_level(case, pseudo, ("aliases", 0)) == "confidential"
    assert text_level(case, pseudo, ("pseudonym",)) == "public"  # shown instead of the name
    assert text_level(case, pseudo, ("sensitive", "phone")) == "confidential"
    assert text_level(case, pseudo, ("description",)) == "public"  # the record: the case's level
    assert text_level(case, hidden, ("pseudonym",)) == "restricted"  # a withheld person's own pseudonym is hidden
    assert text_level(case, hidden, ("description",)) == "restricted"
    assert text_level(case, case.evidence[0], ("title",)) == "confidential"
    assert text_level(case, case.evidence[1], ("title",)) == "public"
    restricted = make(tmp_path / "r", confidentiality="restricted")  # an item without a level: the case's
    assert text_level(restricted, restricted.evidence[1], ("title",)) == "restricted"


def test_suspects_charges_and_submissions(tmp_path):
    case = make(tmp_path)
    s = Suspect.model_validate({"id": "s-1", "name": "Example Commander", "confidentiality": "restricted",
                                "whereabouts": [{"state": "TR", "as_of": "2026-01-05"},
                                                {"state": "IQ", "as_of": "2026-01-06", "confidentiality": "public"}]})
    assert text_level(case, s, ("description",)) == "restricted"
    assert text_level(case, s, ("whereabouts", 0, "note")) == "confidential"  # the higher of the two
    assert text_level(case, s, ("whereabouts", 1, "note")) == "restricted"
    assert text_level(case, s, ("whereabouts",)) == "restricted"
    charge = Charge.model_validate({"id": "c-1", "suspect": "s-1", "allegation": "al-1", "mode": "rs.25.3.a"})
    assert text_level(case, charge, ("note",), {"s-1": s}) == "restricted"  # its suspect's
    assert text_level(case, charge, ("note",), {}) == "public"  # a suspect not in the case
    sub = Submission.model_validate({"id": "sub-1", "submitter": {
        "organisation": "Example NGO", "contact": {"phone": "+41 22 000 0000"}, "contact_level": "strictly-confidential",
        "knowledge": "We interviewed the witnesses."}})
    assert text_level(case, sub, ("submitter", "contact", "phone")) == "strictly-confidential"
    assert text_level(case, sub, ("submitter", "knowledge")) == "public"
    assert text_level(case, sub, ("summary",)) == "public"
    assert text_level(case, case.info, ("description",)) == "public"


def test_every_free_text_of_the_case_with_its_level(tmp_path):
    case = make(tmp_path)
    got = {(getattr(o, "id", "case"), ".".join(map(str, path)), level) for o, path, _, level in case_texts(case)}
    assert {("p-pseudo", "name", "confidential"), ("p-pseudo", "pseudonym", "public"),
            ("p-pseudo", "sensitive.phone", "confidential"), ("p-hidden", "pseudonym", "restricted"),
            ("p-hidden", "description", "restricted"), ("ev-c", "title", "confidential"),
            ("ev-open", "title", "public"), ("inc-1", "description", "public"), ("inc-1", "location.place", "public"),
            ("t-case", "title", "public"), ("src-ngo", "name", "public")} <= got
    assert not any(path.split(".")[0] in ("id", "source", "kind", "confidentiality") for _, path, _ in got)


def test_an_audience_narrows_the_search_to_what_its_briefs_print(tmp_path):
    info = case_info()
    info["description"] = "As Pseudo Person and Hidden Person said."
    case = load(write_case(tmp_path, [
        person("p-pseudo", name="Pseudo Person", protection="pseudonym"),  # confidential
        person("p-hidden", name="Hidden Person", protection="withheld", clearance="strictly-confidential")],
        [evidence("ev-r", title="Pseudo Person and Hidden Person talk", confidentiality="restricted"),
         evidence("ev-c", title="Hidden Person talks", confidentiality="confidential")], info=info))

    def found(audience=None):
        return sorted((t.person_id, getattr(t.owner, "id", None), t.level, t.needed, tuple(t.audiences))
                      for t in typed_identities(case, audience))

    every = [("p-hidden", "ev-c", "confidential", "strictly-confidential", ("confidential",)),
             ("p-hidden", "ev-r", "restricted", "strictly-confidential", ("restricted", "confidential")),
             ("p-hidden", "t-case", "public", "strictly-confidential", ("public", "restricted", "confidential")),
             ("p-pseudo", "ev-r", "restricted", "confidential", ("restricted",)),
             ("p-pseudo", "t-case", "public", "confidential", ("public", "restricted"))]
    assert found() == every
    assert found("public") == [t for t in every if t[2] == "public"]
    assert found("restricted") == [t for t in every if t[2] in ("public", "restricted")]
    assert found("confidential") == [t for t in every if t[0] == "p-hidden"]
    assert found("strictly-confidential") == []


def test_a_pseudonymised_persons_pseudonym_is_public_even_when_the_entry_is_not(tmp_path):
    """The pseudonym is what every audience is shown instead of the name, whatever the level of the entry's
    own texts: public (only a withheld person's own pseudonym follows the identity's level)."""
    case = load(write_case(tmp_path, [person("p-q", name="Quiet Person", protection="pseudonym", pseudonym="Nurse Q",
                                             confidentiality="restricted", description="Arrested at dawn.")],
                           info=case_info()))
    p = case.persons[0]
    assert text_level(case, p, ("pseudonym",)) == "public"
    assert text_level(case, p, ("description",)) == "restricted"


def test_the_name_of_an_unprotected_person_whose_entry_is_restricted_is_restricted_not_confidential(tmp_path):
    """A person named openly (no protection, no clearance) in an entry marked restricted: the name is shown from
    restricted up, so typing it into a public text is reported as needing restricted, for public briefs only;
    their phone number keeps the default level of a sensitive detail (confidential)."""
    case = load(write_case(tmp_path, [person("p-r", "victim", name="Restricted Entry", confidentiality="restricted",
                                             sensitive={"phone": "+98 912 345 6789"})],
                           incidents=[incident("inc-1", "Seen by Restricted Entry, reachable on +98 912 345 6789.")],
                           info=case_info()))
    got = sorted((t.fields, t.audiences, t.needed) for t in typed_identities(case))
    assert got == [(("name",), ["public"], "restricted"),
                   (("sensitive.phone",), ["public", "restricted"], "confidential")]
