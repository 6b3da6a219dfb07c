"""The stand-ins a brief prints for what its audience may not see, pinned word for word.

A reader of the public brief meets 'Medical worker M-01' and 'Confidential video recording E-04':
every role's word and letter, every evidence kind's noun and every level's word is what the
filing says, so each is pinned here (a change is a deliberate edit of this table).
"""
from __future__ import annotations

from casebuilder.protect import Protector

from .casefiles import case_info, evidence, incident, load, person, write_case

ROLES = {"victim": "Victim V", "witness": "Witness W", "detainee": "Detainee D", "medical-worker": "Medical worker M",
         "official": "Official O", "group": "Group G", "other": "Person P"}
KINDS = {"testimony": "testimony", "document": "document", "video": "video recording", "photo": "photograph",
         "audio": "audio recording", "medical": "medical record", "forensic": "forensic report",
         "official-statement": "official statement", "report": "report", "media-report": "media report",
         "dataset": "dataset", "social-media": "social-media post", "other": "item"}
LEVEL_WORDS = {"restricted": "Restricted", "confidential": "Confidential", "strictly-confidential": "Strictly confidential"}
ON_FILE = "on file with the submitting organisation"


def test_every_role_has_its_word_and_letter_numbered_apart(tmp_path):
    persons = [person(f"p-{role}-{n}", role, name=f"Name {role} {n}", protection="pseudonym")
               for role in ROLES for n in (2, 1)]  # written out of order: numbered by id
    case = load(write_case(tmp_path, persons))
    pub = Protector(case, "public")
    for role, stem in ROLES.items():
        assert [pub.person_label(f"p-{role}-{n}") for n in (1, 2)] == [f"{stem}-01", f"{stem}-02"]
        # the machine-readable outputs use the same label, the id only where the identity is shown
        assert pub.person_key(f"p-{role}-1") == f"{stem}-01"
        assert Protector(case, "confidential").person_key(f"p-{role}-1") == f"p-{role}-1"


def test_withheld_persons_are_numbered_apart_from_every_role(tmp_path):
    persons = [person("p-a", "victim", name="Alpha Person", protection="withheld"),
               person("p-b", "victim", name="Bravo Person", protection="pseudonym"),
               person("p-c", "witness", name="Charlie Person", protection="withheld")]
    pub = Protector(load(write_case(tmp_path, persons)), "public")
    assert [pub.person_label(p) for p in ("p-a", "p-b", "p-c")] == [
        "Person X-01 (identity withheld)", "Victim V-01", "Person X-02 (identity withheld)"]
    assert pub.withheld_from_audience("p-a") and not pub.withheld_from_audience("p-b")


def test_every_evidence_kind_and_level_is_named_in_the_withheld_reference(tmp_path):
    items = [evidence(f"ev-{n:02d}-{kind}", kind=kind, title=f"Item about {kind}", confidentiality=level)
             for n, kind in enumerate(KINDS, start=1) for level in ["confidential"]]  # ids sort in this order
    items += [evidence(f"ev-99-{level}", kind="video", confidentiality=level) for level in LEVEL_WORDS]
    incs = [incident(f"inc-{n}", "Something happened.", confidentiality=level)
            for n, level in enumerate(LEVEL_WORDS, start=1)]
    case = load(write_case(tmp_path, evidence=items, incidents=incs))
    pub = Protector(case, "public")
    ev = {e.id: e for e in case.evidence}
    for n, (kind, noun) in enumerate(KINDS.items(), start=1):
        e = ev[f"ev-{n:02d}-{kind}"]
        assert pub.withheld_ref(e) == f"Confidential {noun} E-{n:02d}, {ON_FILE}"
        assert pub.evidence_key(e) == pub.evidence_ref(e) == f"E-{n:02d}"
    numbers = {i: n for n, i in enumerate(sorted(ev), start=1)}  # over all items, in id order
    for level, word in LEVEL_WORDS.items():
        n = numbers[f"ev-99-{level}"]
        assert pub.withheld_ref(ev[f"ev-99-{level}"]) == f"{word} video recording E-{n:02d}, {ON_FILE}"
    for n, (inc, word) in enumerate(zip(case.incidents, LEVEL_WORDS.values()), start=1):
        assert pub.withheld_ref(inc) == f"{word} incident I-{n:02d}, {ON_FILE}"
        assert pub.incident_key(inc) == pub.incident_ref(inc.id) == f"I-{n:02d}"
        assert Protector(case, "strictly-confidential").incident_key(inc) == inc.id


def test_a_case_without_its_case_block_hides_everything_without_a_level(tmp_path):
    """Fail closed: with no case block there is no default level, so the strictest one applies."""
    from casebuilder.protect.levels import case_default, object_level

    case = load(write_case(tmp_path, [person("p-1", name="Some Name")], [evidence("ev-1")],
                           info=case_info(confidentiality="restricted")))
    assert object_level(case, case.evidence[0]) == "restricted"
    case.info = None
    assert case_default(case) == "strictly-confidential"
    assert object_level(case, case.evidence[0]) == "strictly-confidential"
    assert object_level(case, case.sources[0]) == "public"
    assert not Protector(case, "confidential").can_see(case.evidence[0])
    assert Protector(case, "strictly-confidential").can_see(case.evidence[0])


def test_the_effective_protection_whatever_the_audience(tmp_path):
    persons = [person("p-open", name="Open Person"), person("p-pseudo", name="Pseudo Person", protection="pseudonym"),
               person("p-withheld", name="Withheld Person", protection="withheld"),
               person("p-cleared", name="Cleared Person", clearance="restricted"),  # a clearance above public
               person("p-public", name="Public Person", clearance="public")]
    case = load(write_case(tmp_path, persons))
    for audience in ("public", "strictly-confidential"):
        prot = Protector(case, audience)
        assert [prot.protection(p["id"]) for p in persons] == ["none", "pseudonym", "withheld", "pseudonym", "none"]
        assert prot.protection(case.persons[1]) == "pseudonym"  # a person, or a person's id


def test_withheld_copies_refuses_a_protector_of_another_audience(tmp_path):
    import pytest

    from casebuilder.protect.strings import withheld_copies

    case = load(write_case(tmp_path, [person("p-a", name="Some Person", protection="pseudonym")]))
    assert withheld_copies(case, "public", protector=Protector(case, "public")) == []
    with pytest.raises(ValueError, match="another case or audience"):
        withheld_copies(case, "public", protector=Protector(case, "restricted"))
