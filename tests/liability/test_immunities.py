"""Immunity flags and notes, word for word: what a suspect's offices on the case's date make of them.

The texts are legal statements with their sources: a change to one is a deliberate edit of this test. The
case is the `casebuilder new` scaffold (dated 31 January 2026) with the suspects below, read through the
public API (``check``) against the bundled frameworks.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from casebuilder.analyse.liability import display_name, immunities, immunity_flag, natural_person_note
from casebuilder.api import check
from casebuilder.commands.new import scaffold

SUSPECTS = """\
suspects:
  - id: sus-pm
    name: Example Prime Minister
    nationality: [DE, IR, XX, BI]
    positions:
      - {title: Prime Minister of Example, office: head-of-government, state: XX, from: "2020-01-01"}
  - id: sus-former
    name: Example Former President
    nationality: [IR]
    positions:
      - {title: President of Example, office: head-of-state, state: XX, from: "2000-01-01", to: "2010-06-30"}
  - id: sus-elect
    name: Example President Elect
    positions:
      - {title: President of Example, office: head-of-state, state: XX, from: "2027-01-01"}
  - id: sus-general
    name: Example General
    positions:
      - {title: Commander of the riot police, office: military-commander, organisation: act-police, from: "2024-01-01", to: "2025-01-01"}
      - {title: Deputy minister, office: other, from: "2025-01-02"}
  - id: sus-colonel
    name: Example Retired Colonel
    positions:
      - {title: Colonel, office: military-commander, from: "2010-01-01", to: "2015-01-01"}
  - id: sus-last-day
    name: Example Outgoing Minister
    positions:
      - {title: Foreign Minister of Example, office: foreign-minister, state: XX, from: "2020-01-01", to: "2026-01-31"}
  - id: sus-first-day
    name: Example Incoming President
    positions:
      - {title: President of Example, office: head-of-state, state: XX, from: "2026-01-31"}
  - id: sus-unit
    actor: act-unit
  - id: sus-officer
    name: Example Officer
    actor: act-police
"""

ARREST_WARRANT = ("International Court of Justice, Arrest Warrant of 11 April 2000 (Democratic Republic of the Congo "
                  "v. Belgium), Judgment of 14 February 2002, I.C.J. Reports 2002, p. 3")
PERSONAL = (
    "Recorded as serving head of Government (Prime Minister of Example) on 31 January 2026, the date of this analysis. "
    "Under customary international law as the International Court of Justice stated it, a serving head of State, head "
    "of Government or minister for foreign affairs enjoys full immunity from criminal jurisdiction and inviolability "
    "before the courts of other States throughout the term of office, with no exception for war crimes or crimes "
    "against humanity. A national court exercising universal jurisdiction could therefore not arrest or try the "
    "suspect while in office; evidence may be preserved and proceedings prepared, and the immunity ends with the "
    "office. It does not bar proceedings in the suspect's own State, a waiver by that State, or proceedings before an "
    "international criminal court with jurisdiction.")
PERSONAL_SOURCES = (
    f"{ARREST_WARRANT}, paras. 51-55 (immunity and inviolability of the serving office-holders), 58 (no exception for "
    "war crimes or crimes against humanity before national courts) and 61 (the four situations in which immunity does "
    "not bar prosecution); paragraph numbers not checked against the I.C.J. Reports text in this edition",)
FORMER = (
    "Note (not a conclusion): recorded as former head of State (President of Example, until 30 June 2010). Personal "
    "immunity ended with the office. Functional immunity (ratione materiae) continues to attach to acts performed in "
    "an official capacity; whether it bars prosecution for crimes under international law before the courts of "
    "another State is contested. The International Court of Justice said a former office-holder may be tried for "
    "acts before or after the term of office and for acts in a private capacity during it; courts and the "
    "International Law Commission have since excluded functional immunity for international crimes, and some States "
    "oppose that exception. A forum's own law and case law decide.")
FORMER_SOURCES = (
    f"{ARREST_WARRANT}, para. 61 (not checked against the I.C.J. Reports text in this edition)",
    "House of Lords, R v Bow Street Metropolitan Stipendiary Magistrate, ex parte Pinochet Ugarte (No. 3), 24 March "
    "1999 (no immunity of a former head of State for torture under the Convention against Torture)",
    "International Law Commission, draft articles on immunity of State officials from foreign criminal jurisdiction, "
    "draft article 7 (crimes under international law in respect of which immunity ratione materiae shall not apply), "
    "adopted on first reading in 2022",
    "Bundesgerichtshof (German Federal Court of Justice), 3 StR 564/19, 28 January 2021 (no functional immunity of a "
    "foreign official for war crimes)")


def official(title: str) -> str:
    return (f"Note (not a conclusion): recorded as a State official ({title}). The office is not among those the "
            "International Court of Justice named as carrying personal immunity (head of State, head of Government, "
            "minister for foreign affairs), although whether other high-ranking officials share it is debated, and a "
            "person on an official special mission may be immune for its duration. Functional immunity (ratione "
            "materiae) attaches to official acts; its exception for crimes under international law is accepted by "
            "several national courts and proposed by the International Law Commission, and contested by some "
            "States. A forum's own law and case law decide.")


OFFICIAL_SOURCES = (
    f"{ARREST_WARRANT}, para. 51 (not checked against the I.C.J. Reports text in this edition)",
    "International Law Commission, draft articles on immunity of State officials from foreign criminal jurisdiction, "
    "draft article 7, adopted on first reading in 2022",
    "Bundesgerichtshof (German Federal Court of Justice), 3 StR 564/19, 28 January 2021")
ICC = (
    "Before the International Criminal Court: official capacity, including as head of State or Government, does not "
    "exempt a person from criminal responsibility, and immunities attaching to official capacity do not bar the "
    "Court's jurisdiction (art. 27). For a national of a State not party to the Statute, the Court's jurisdiction "
    "itself requires a declaration under art. 12(3) or a Security Council referral under art. 13(b). Whether art. "
    "27(2) reaches the immunity of the head of a State not party is debated: the Appeals Chamber held that customary "
    "international law recognises no head-of-State immunity before an international court, and that a State bound by "
    "a Security Council referral cannot invoke it; the holding has been criticised, and States asked to arrest such a "
    "person have invoked art. 98(1).")
ICC_SOURCES = (
    "Rome Statute of the International Criminal Court, art. 27(1)-(2)",
    "ICC Appeals Chamber, Judgment in the Jordan Referral re Al-Bashir Appeal, ICC-02/05-01/09-397, 6 May 2019, key "
    "findings, paras. 1 and 7",
    "C. Kreß, Preliminary Observations on the ICC Appeals Chamber's Judgment of 6 May 2019 in the Jordan Referral re "
    "Al-Bashir Appeal, TOAEP Occasional Paper Series, 2019",
    "M. G. Karnavas, 'The ICC Appeals Chamber's Judgment in the Jordan Referral', 22 May 2019")
UNVERIFIED = "(unverified: not checked against the depositary record)"
NOTE_FLAG = "Immunity note: functional immunity for official acts is contested for international crimes"


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    case = tmp_path_factory.mktemp("immunities") / "case"
    scaffold(case)
    (case / "suspects.yaml").write_text(SUSPECTS, encoding="utf-8")
    return check(case)


def _of(checked, sid: str, with_states: bool = True):
    suspect = next(s for s in checked.case.suspects if s.id == sid)
    return suspect, immunities(checked.case, suspect, checked.frameworks if with_states else None)


def _shape(imms) -> list[tuple]:
    return [(i.kind, i.office, i.title, i.serving) for i in imms]


def test_a_serving_head_of_government_is_flagged_with_the_icj_sources(checked):
    _, imms = _of(checked, "sus-pm")
    assert _shape(imms) == [("personal", "head-of-government", "Prime Minister of Example", True),
                            ("icc", None, None, True)]
    personal, icc = imms
    assert (personal.text, personal.sources, personal.detail) == (PERSONAL, PERSONAL_SOURCES, "")
    assert (icc.text, icc.sources) == (ICC, ICC_SOURCES)
    # each State of nationality as the treaty data records it: a party, a signatory, none, a withdrawal
    assert icc.detail == ("Recorded participation of the State of nationality in the Rome Statute: "
                          f"Germany: a party {UNVERIFIED}; Islamic Republic of Iran: a signatory, not a party {UNVERIFIED}; "
                          f"XX: participation not recorded; Burundi: withdrawn (effective 27 October 2017) {UNVERIFIED}.")
    assert immunity_flag(imms) == ("Immunity flag: serving head of Government — personal immunity before foreign "
                                   "national courts while in office; see art. 27 for the ICC")
    assert imms[0].to_json() == {"kind": "personal", "office": "head-of-government", "title": "Prime Minister of Example",
                                 "serving": True, "text": PERSONAL, "detail": "", "sources": list(PERSONAL_SOURCES)}


def test_a_former_head_of_state_gets_a_note_not_a_flag(checked):
    _, imms = _of(checked, "sus-former")
    assert _shape(imms) == [("functional", "head-of-state", "President of Example", False), ("icc", None, None, False)]
    assert (imms[0].text, imms[0].sources) == (FORMER, FORMER_SOURCES)
    assert imms[1].detail == ("Recorded participation of the State of nationality in the Rome Statute: "
                              f"Islamic Republic of Iran: a signatory, not a party {UNVERIFIED}.")
    assert immunity_flag(imms) == NOTE_FLAG
    _, without = _of(checked, "sus-former", with_states=False)
    assert without[1].detail == ""  # without the treaty data nothing is said about the State of nationality


@pytest.mark.parametrize("sid,office,title", [("sus-last-day", "foreign-minister", "Foreign Minister of Example"),
                                              ("sus-first-day", "head-of-state", "President of Example")])
def test_an_office_held_on_the_case_date_counts_on_its_first_and_last_day(checked, sid, office, title):
    _, imms = _of(checked, sid)
    assert _shape(imms) == [("personal", office, title, True), ("icc", None, None, True)]
    words = {"foreign-minister": "minister for foreign affairs", "head-of-state": "head of State"}[office]
    assert imms[0].text.startswith(f"Recorded as serving {words} ({title}) on 31 January 2026, the date of this analysis.")
    assert immunity_flag(imms).startswith(f"Immunity flag: serving {words} — personal immunity")


def test_an_office_not_yet_taken_gives_no_immunity(checked):
    _, imms = _of(checked, "sus-elect")
    assert _shape(imms) == [("icc", None, None, False)] and imms[0].detail == ""
    assert immunity_flag(imms) is None


@pytest.mark.parametrize("sid,title,serving", [("sus-general", "Commander of the riot police", True),
                                               ("sus-colonel", "Colonel", False)])
def test_another_official_gets_the_functional_note_serving_while_any_office_lasts(checked, sid, title, serving):
    _, imms = _of(checked, sid)
    assert _shape(imms) == [("functional", "military-commander", title, serving), ("icc", None, None, False)]
    assert (imms[0].text, imms[0].sources) == (official(title), OFFICIAL_SOURCES)
    assert immunity_flag(imms) == NOTE_FLAG


def test_units_and_persons_without_office(checked):
    unit, imms = _of(checked, "sus-unit")
    assert imms == [] and immunity_flag(imms) is None
    assert display_name(checked.case, unit) == "Example riot-police unit"
    assert natural_person_note(checked.case, unit) == (
        "Named as a unit: the Rome Statute gives the Court jurisdiction over natural persons only (art. 25(1)); the "
        "entry stands for the unidentified persons in it whose responsibility is alleged, who remain to be identified.")
    officer, imms = _of(checked, "sus-officer")
    assert imms == [] and natural_person_note(checked.case, officer) is None
    assert display_name(checked.case, officer) == "Example Officer (Example police force)"
    pm, _ = _of(checked, "sus-pm")
    assert display_name(checked.case, pm) == "Example Prime Minister" and natural_person_note(checked.case, pm) is None


@pytest.mark.parametrize("kind,words", [("institution", "Named as an institution:"), ("state", "Named as a State:"),
                                        ("group", "Named as a group:"), ("unit", "Named as a unit:")])
def test_the_natural_person_note_names_the_kind_of_entity_with_its_article(checked, kind, words):
    unit, _ = _of(checked, "sus-unit")
    actors = [a.model_copy(update={"kind": kind}) if a.id == unit.actor else a for a in checked.case.actors]
    case = copy.copy(checked.case)
    case.actors = actors
    assert natural_person_note(case, unit).startswith(words + " the Rome Statute gives the Court jurisdiction")
