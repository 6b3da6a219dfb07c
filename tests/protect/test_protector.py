"""Protector: what one audience sees of persons, evidence and incidents."""
from __future__ import annotations

import pytest

from casebuilder.protect import Protector, normalise

from .casefiles import case_info, evidence, incident, load, person, write_case

LEVELS = ["public", "restricted", "confidential", "strictly-confidential"]


@pytest.fixture
def case(tmp_path):
    persons = [
        person("p-named", "victim", name="Mahsa Example", name_original="مهسا نمونه"),
        person("p-shirin", "medical-worker", name="Parisa Fictional", name_original="پریسا ساختگی",
               pseudonym="Shirin", protection="pseudonym", sensitive={"phone": "+98 912 000 1111"}),
        person("p-w2", "witness", name="Second Witness", protection="pseudonym"),
        person("p-w1", "witness", name="First Witness", protection="pseudonym", clearance="restricted"),
        person("p-hidden", "detainee", name="Hidden Detainee", pseudonym="Detainee with a telling nickname",
               protection="withheld", clearance="strictly-confidential"),
        person("p-contradiction", "witness", name="Careless Entry", clearance="restricted"),
        person("p-secret-record", "victim", name="Record Level", confidentiality="confidential"),
    ]
    items = [
        evidence("ev-open", title="Public report", summary="[[p-named]] was killed; [[p-shirin]] treated others."),
        evidence("ev-conf", title="Testimony of the nurse in Rasht", excerpt="I saw them take the bodies away",
                 summary="[[p-shirin]] describes the raid.", confidentiality="confidential"),
        evidence("ev-strict", kind="medical", title="Hospital register", confidentiality="strictly-confidential"),
    ]
    incs = [incident("inc-1", "According to [[p-w1]], shots were fired."),
            incident("inc-2", "Raid on the hospital.", confidentiality="restricted")]
    return load(write_case(tmp_path, persons, items, incs))


def test_labels_by_audience(case):
    labels = {a: {p.id: Protector(case, a).person_label(p.id) for p in case.persons} for a in LEVELS}
    assert labels["public"]["p-named"] == "Mahsa Example"          # unprotected: named everywhere
    assert labels["public"]["p-shirin"] == "Shirin"                # own pseudonym below clearance
    assert labels["confidential"]["p-shirin"] == "Parisa Fictional"  # clearance defaults to confidential
    assert labels["restricted"]["p-shirin"] == "Shirin"
    assert labels["public"]["p-w1"] == "Witness W-02"               # generated, numbered by id among witnesses
    assert labels["restricted"]["p-w1"] == "First Witness"           # explicit clearance
    assert labels["public"]["p-w2"] == labels["restricted"]["p-w2"] == "Witness W-03"
    assert labels["public"]["p-contradiction"] == "Witness W-01"     # clearance without protection: pseudonymised
    assert labels["restricted"]["p-contradiction"] == "Careless Entry"
    assert labels["restricted"]["p-secret-record"] == "Victim V-02"  # record above the audience hides the name
    assert labels["confidential"]["p-secret-record"] == "Record Level"


def test_withheld_person_shows_neither_role_nor_own_pseudonym(case):
    for audience in LEVELS[:3]:
        label = Protector(case, audience).person_label("p-hidden")
        assert label == "Person X-01 (identity withheld)"
    assert Protector(case, "strictly-confidential").person_label("p-hidden") == "Hidden Detainee"


def test_generated_labels_do_not_depend_on_file_order(tmp_path):
    a = load(write_case(tmp_path / "a", [person("p-b", protection="pseudonym"), person("p-a", protection="pseudonym")]))
    b = load(write_case(tmp_path / "b", [person("p-a", protection="pseudonym"), person("p-b", protection="pseudonym")]))
    for c in (a, b):
        p = Protector(c, "public")
        assert [p.person_label("p-a"), p.person_label("p-b")] == ["Witness W-01", "Witness W-02"]


def test_original_script_and_sensitive_follow_clearance(case):
    assert Protector(case, "public").person_original("p-named") == "مهسا نمونه"
    assert Protector(case, "restricted").person_original("p-shirin") is None
    assert Protector(case, "confidential").person_original("p-shirin") == "پریسا ساختگی"
    assert Protector(case, "restricted").person_sensitive("p-shirin") == {}
    assert Protector(case, "confidential").person_sensitive("p-shirin") == {"phone": "+98 912 000 1111"}


def test_text_replaces_references_and_keeps_unknown_ones(case):
    pub = Protector(case, "public")
    assert pub.text(case.incidents[0].description) == "According to Witness W-02, shots were fired."
    assert pub.text("[[p-nobody]] met [[p-named]]") == "[[p-nobody]] met Mahsa Example"
    assert Protector(case, "restricted").text("[[p-w1]]/[[p-shirin]]") == "First Witness/Shirin"


def test_evidence_and_incident_levels_default_from_case(tmp_path):
    c = load(write_case(tmp_path, evidence=[evidence("e1"), evidence("e2", confidentiality="public")],
                        incidents=[incident("i1", "x")], info=case_info(confidentiality="restricted")))
    pub, res = Protector(c, "public"), Protector(c, "restricted")
    assert [pub.evidence_visible(e) for e in c.evidence] == [False, True]
    assert not pub.incident_visible(c.incidents[0]) and res.incident_visible(c.incidents[0])


def test_withheld_reference_is_opaque_and_stable(case):
    ev = {e.id: e for e in case.evidence}
    refs = {a: Protector(case, a).withheld_ref(ev["ev-conf"]) for a in ("public", "restricted")}
    assert refs["public"] == refs["restricted"] == "Confidential testimony E-01, on file with the submitting organisation"
    strict = Protector(case, "public").withheld_ref(ev["ev-strict"])
    assert strict == "Strictly confidential medical record E-03, on file with the submitting organisation"
    for e in case.evidence:
        ref = normalise(Protector(case, "public").withheld_ref(e))
        for secret in (e.title, e.excerpt, e.summary, e.id, "Example NGO"):
            assert not secret or normalise(secret) not in ref
    inc = Protector(case, "public").withheld_ref(case.incidents[1])
    assert inc == "Restricted incident I-02, on file with the submitting organisation"


def test_evidence_key_is_the_id_only_where_visible(case):
    ev = {e.id: e for e in case.evidence}
    assert Protector(case, "public").evidence_key(ev["ev-open"]) == "ev-open"
    assert Protector(case, "public").evidence_key(ev["ev-conf"]) == "E-01"
    assert Protector(case, "confidential").evidence_key(ev["ev-conf"]) == "ev-conf"
    # named by id (the workspace's relay chains): the same keys
    assert [Protector(case, a).evidence_key(i) for a, i in [("public", "ev-open"), ("public", "ev-conf"),
                                                           ("confidential", "ev-conf")]] == ["ev-open", "E-01", "ev-conf"]


def test_unknown_audience_is_rejected(case):
    with pytest.raises(ValueError):
        Protector(case, "secret")
