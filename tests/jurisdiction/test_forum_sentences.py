"""The forum analysis in the words a lawyer reads: `casebuilder forums --format json` on small cases, each sentence of
the ICC's routes, statement, temporal note and admissibility, and of each national forum, pinned word for word.

A change to a sentence is a deliberate edit of this test.  The cases are the `casebuilder new` scaffold on the
territory of a signatory (Iran), a State Party (the Netherlands), a State that became a party after the period
(Ukraine), a period before 1 July 2002 and a State with no recorded participation.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run

from casebuilder.commands.new import scaffold

BORDER = """\
  - id: inc-border
    title: Alleged shooting across the border
    description: Shots were allegedly fired across the border.
    date: "2026-01-10"
    location: {place: Border town, country: NL}
    categories: [violence-with-weapons]
    actors: [act-unit]
    evidence: [ev-report]
"""
FACTS = """\
  jurisdiction:
    declarations:
      - {state: IR, lodged: "2026-03-01", covers: {start: "2025-12-01", end: "2026-01-15"}}
      - {state: IR, lodged: "2024-05-01", covers: {start: "2023-01-01", end: "2023-12-31"}}
    referrals:
      - {by: security-council, reference: S/RES/9999 (2026), date: "2026-02-10", covers: {start: "2026-01-01", end: "2026-02-10"}}
      - {by: security-council, reference: S/RES/9000 (2025), date: "2025-02-10", covers: {start: "2025-01-01", end: "2025-02-10"}}
      - {by: state-party, state: NL, reference: Letter of 1 March 2026, date: "2026-03-01"}
    mechanisms: [the Independent International Fact-Finding Mission on Example, the Example Accountability Project]
  admissibility:
    gravity:
      - {factor: icc.gravity.scale, evidence: [ev-report], note: Twelve deaths reported.}
      - {factor: icc.gravity.scale, evidence: [ev-testimony]}
    gravity_note: Grave.
    interests_of_justice: No reason to defer.
    victims_interests: Victims want accountability.
"""
SUSPECTS = """\
suspects:
  - id: sus-head
    name: Example Head of State
    nationality: [IR]
    positions:
      - {title: President, office: head-of-state, from: "2020-01-01"}
    confidentiality: public
  - id: sus-commander
    name: Example Commander
    nationality: [IR]
    positions:
      - {title: Police commander, office: military-commander, from: "2019-01-01"}
    whereabouts:
      - {state: FR, as_of: "2026-01-20", presence: residence}
      - {state: NL, as_of: "2026-01-22", presence: visit}
    confidentiality: public
  - id: sus-official
    name: Hidden Official
    nationality: [IR, DE, NL]
    positions:
      - {title: Deputy minister, office: other, from: "2018-01-01"}
  - id: sus-unit
    actor: act-unit
    confidentiality: public
"""
PROCEEDINGS = """\
proceedings:
  - id: proc-inquiry
    kind: inquiry
    authority: Interior Ministry
    date: "2026-01-06"
    state: IR
    status: ordered
    indicators: [conducted-by-implicated-organ, no-outcome]
  - id: proc-trial
    kind: trial
    authority: District Court of The Hague
    date: "2026-02-01"
    state: NL
    status: ongoing
"""


def make_case(root: Path, state: str, *, period=("2026-01-01", "2026-01-31"), facts: str = "", incidents: str = "",
              suspects: str = "", proceedings: str = "") -> Path:
    case = root / f"case-{state.lower()}"
    scaffold(case)
    c = case / "case.yaml"
    c.write_text(c.read_text(encoding="utf-8").replace("state: XX", f"state: {state}").replace(
        'period: {start: "2026-01-01", end: "2026-01-31"}', f'period: {{start: "{period[0]}", end: "{period[1]}"}}')
        + facts, encoding="utf-8")
    i = case / "incidents.yaml"
    i.write_text(i.read_text(encoding="utf-8").replace("country: XX", f"country: {state}") + incidents, encoding="utf-8")
    if suspects:
        (case / "suspects.yaml").write_text(suspects, encoding="utf-8")
    if proceedings:
        (case / "proceedings.yaml").write_text(proceedings, encoding="utf-8")
    return case


def forums_json(case: Path, *args: str) -> dict:
    r = run("forums", case, "--format", "json", *args)
    assert r.code == 0, r.err + r.out
    return json.loads(r.out)


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> dict:
    """Iran, with an incident in the Netherlands, declarations, referrals, suspects and proceedings."""
    case = make_case(tmp_path_factory.mktemp("full"), "IR", facts=FACTS, incidents=BORDER, suspects=SUSPECTS,
                     proceedings=PROCEEDINGS)
    return forums_json(case, "--audience", "public")


def _routes(icc: dict) -> list[tuple]:
    return [(r["id"], r["title"], r["available"], r["basis"], r["why"], r["covers"]) for r in icc["routes"]]


def test_a_suspect_with_two_party_nationalities_is_one_suspect(full):
    nationality = [r for r in full["icc"]["routes"] if r["id"] == "nationality"]
    assert nationality == [{"id": "nationality", "title": "Nationality of a suspect", "available": True,
                            "basis": "Rome Statute, art. 12(2)(b)", "covers": ["sus-official"],
                            "why": "1 recorded suspect(s) are nationals of a State Party (Germany, the Netherlands)."}]


@pytest.mark.parametrize("state,words", [
    # deposited before the 60th instrument (11 April 2002): in force with the Statute itself, under art. 126(1)
    ("NL", "The Netherlands is a party to the Rome Statute; the Statute entered into force for it on 1 July 2002 "
           "(art. 126(1))."),
    # deposited on 10 February 2003: the first day of the month after the 60th day, under art. 126(2)
    ("AF", "Afghanistan is a party to the Rome Statute; the Statute entered into force for it on 1 May 2003 "
           "(art. 126(2))."),
])
def test_the_territorial_route_of_a_state_party_cites_the_paragraph_it_entered_into_force_under(tmp_path, state, words):
    icc = forums_json(make_case(tmp_path, state), "--forum", "icc")["icc"]
    assert icc["routes"][0] == {"id": "territory", "title": "Territory of a State Party", "available": True,
                                "basis": "Rome Statute, art. 12(2)(a)", "why": words, "covers": []}
    assert icc["available"] and icc["party_status"] == "party"


def test_a_declaration_from_the_treaty_data_gives_its_dates_in_words(tmp_path):
    icc = forums_json(make_case(tmp_path, "UA", period=("2024-06-01", "2024-12-31")), "--forum", "icc")["icc"]
    declarations = [(r["title"], r["available"], r["why"]) for r in icc["routes"] if r["id"] == "declaration"]
    assert declarations == [
        ("Declaration by Ukraine under art. 12(3)", False,
         "Ukraine lodged a declaration on 17 April 2014 accepting jurisdiction for the period from 21 November 2013 to "
         "22 February 2014, which does not cover the period of the case."),
        ("Declaration by Ukraine under art. 12(3)", True,
         "Ukraine lodged a declaration on 8 September 2015 accepting jurisdiction for the period from 20 February "
         "2014.")]


MURDER = {"id": "al-murder", "title": "Crime against humanity of murder"}


def test_allegations_are_named_by_their_title_never_their_id(full):
    """The scaffold's murder allegation has no title of its own: the forums name it by its provision's title."""
    assert full["icc"]["allegations"] == [MURDER]
    by = {f["forum"]: f for f in full["forums"]}
    assert by["icc"]["allegations"] == [MURDER]
    assert by["de"]["allegations"] == [{**MURDER, "crimes": ["Killing (§ 7(1) Nr. 1 VStGB)"]}]
    assert by["fr"]["allegations"] == [{**MURDER, "crimes": ["Wilful killing (art. 212-1 1°)"]}]


IRAN = "the Islamic Republic of Iran"
ROUTES_FULL = [
    ("territory", "Territory of a State Party", False, "Rome Statute, art. 12(2)(a)",
     "The territorial State is not a State Party (signatory only).", []),
    ("cross-border", "Conduct partly on the territory of the Netherlands", True,
     "Rome Statute, art. 12(2)(a); ICC PTC I, ICC-RoC46(3)-01/18-37, 6 September 2018",
     "1 recorded incident(s) took place in the Netherlands, a State Party: the Court may exercise jurisdiction where at "
     "least one element or part of a crime occurred on a State Party's territory.", []),
    ("nationality", "Nationality of a suspect", True, "Rome Statute, art. 12(2)(b)",
     "1 recorded suspect(s) are nationals of a State Party (Germany, the Netherlands).", ["sus-official"]),
    ("declaration", "Declaration by the Islamic Republic of Iran under art. 12(3)", True, "Rome Statute, art. 12(3)",
     "The Islamic Republic of Iran lodged a declaration on 1 March 2026 accepting jurisdiction for 1 December 2025 – "
     "15 January 2026.", []),
    ("declaration", "Declaration by the Islamic Republic of Iran under art. 12(3)", False, "Rome Statute, art. 12(3)",
     "The Islamic Republic of Iran lodged a declaration on 1 May 2024 accepting jurisdiction for 1 January 2023 – 31 "
     "December 2023, which does not cover the period of the case.", []),
    ("referral-unsc", "Referral by the Security Council", True, "Rome Statute, art. 13(b)",
     "The Security Council referred the situation (S/RES/9999 (2026), 10 February 2026).", []),
    ("referral-unsc", "Referral by the Security Council", False, "Rome Statute, art. 13(b)",
     "The Security Council referred the situation (S/RES/9000 (2025), 10 February 2025), for a period that does not "
     "include the case's.", []),
    ("referral-state", "Referral by the Netherlands", True, "Rome Statute, arts. 13(a), 14",
     "A State Party referred the situation (Letter of 1 March 2026, 1 March 2026); the preconditions of art. 12(2) "
     "still apply.", []),
]
STATEMENT_FULL = [
    "The Islamic Republic of Iran is a signatory but not a party to the Rome Statute. A declaration under art. 12(3) is "
    "recorded, and the Security Council has referred the situation under art. 13(b).",
    "On the recorded facts the Court may exercise jurisdiction on the following basis: conduct partly on the territory "
    "of the Netherlands (Rome Statute, art. 12(2)(a); ICC PTC I, ICC-RoC46(3)-01/18-37, 6 September 2018); nationality "
    "of a suspect (Rome Statute, art. 12(2)(b)); declaration by the Islamic Republic of Iran under art. 12(3) (Rome "
    "Statute, art. 12(3)); referral by the Security Council (Rome Statute, art. 13(b)); referral by the Netherlands "
    "(Rome Statute, arts. 13(a), 14)."]


def test_every_icc_route_of_the_full_case(full):
    icc = full["icc"]
    assert _routes(icc) == ROUTES_FULL
    assert (icc["state"], icc["state_name"], icc["party_status"], icc["available"]) == ("IR", IRAN, "signatory", True)
    assert icc["statement"] == STATEMENT_FULL
    assert (icc["consequence"], icc["alternatives"]) == (None, [])
    assert icc["temporal"] == ("The period of the case (1–31 January 2026) falls after 1 July 2002: no temporal obstacle "
                               "arises under art. 11(1); for a declaration under art. 12(3), its own period governs.")


def test_admissibility_of_the_full_case(full):
    adm = full["icc"]["admissibility"]
    assert adm["national"] == (
        "None of the proceedings recorded in the territorial State names a suspect or has a known outcome: the record "
        "does not show that State prosecuting the persons and conduct concerned, which bears on any rule of the forum "
        "that defers to prosecution there.")
    assert adm["proceedings"] == ["proc-inquiry", "proc-trial"]
    assert adm["complementarity"] == [
        "On the indicators recorded, these proceedings do not show that the same persons are being investigated or "
        "prosecuted for substantially the same conduct; whether they are genuine (art. 17(2)-(3)) is a question the "
        "record raises but does not settle."]
    assert adm["summaries"] == [
        "Inquiry ordered, 6 January 2026, by Interior Ministry (the Islamic Republic of Iran): the record notes that it "
        "is conducted or ordered by an organ implicated in the alleged conduct; no outcome is known.",
        "Trial ongoing, 1 February 2026, by District Court of The Hague (the Netherlands)."]
    assert [(g["id"], g["title"], g["evidence"], g["notes"]) for g in adm["gravity"]] == [
        ("icc.gravity.scale", "Scale", ["ev-report", "ev-testimony"], ["Twelve deaths reported."]),
        ("icc.gravity.nature", "Nature", [], []),
        ("icc.gravity.manner", "Manner of commission", [], []),
        ("icc.gravity.impact", "Impact", [], [])]
    scale = adm["gravity"][0]
    assert scale["citation"].startswith("Regulations of the Office of the Prosecutor, art. 29(2)")
    assert scale["guidance"].startswith("Number of direct and indirect victims")
    assert (adm["gravity_linked"], adm["gravity_note"], adm["interests_of_justice"], adm["victims_interests"]) == (
        1, "Grave.", "No reason to defer.", "Victims want accountability.")


HEAD_IMMUNE = ("Recorded as serving head of State (President) on 31 January 2026, the date of this analysis. Under "
               "customary international law as the International Court of Justice stated it, a serving head of State, "
               "head of Government or minister for foreign affairs enjoys full immunity from criminal jurisdiction and "
               "inviolability before the courts of other States throughout the term of office, with no exception for "
               "war crimes or crimes against humanity. A national court exercising universal jurisdiction could "
               "therefore not arrest or try the suspect while in office; evidence may be preserved and proceedings "
               "prepared, and the immunity ends with the office. It does not bar proceedings in the suspect's own "
               "State, a waiver by that State, or proceedings before an international criminal court with jurisdiction.")
IMMUNE = "1 recorded suspect(s) enjoy personal immunity while in office and cannot be prosecuted in this forum now."
UNIT = ("Example riot-police unit is recorded as a unit or institution: only natural persons within it can be "
        "prosecuted before a national court.")


def test_the_national_forums_of_the_full_case(full):
    by = {f["forum"]: f for f in full["forums"]}
    assert list(by) == ["icc", "de", "fr", "nl", "se"]
    icc = by["icc"]
    assert (icc["title"], icc["court"], icc["status"], icc["status_label"], icc["why"], icc["missing"], icc["immune"]) == (
        "International Criminal Court", "international", "available", "available", STATEMENT_FULL, [], [])
    assert [(s["id"], s["label"], s["basis"]) for s in icc["suspects"]] == [
        (sid, label, "art. 27: official capacity irrelevant") for sid, label in (
            ("sus-head", "Example Head of State"), ("sus-commander", "Example Commander"), ("sus-official", "Suspect 3"),
            ("sus-unit", "Example riot-police unit"))]
    for code in ("de", "fr", "nl", "se"):
        f = by[code]
        assert f["court"] == "national" and f["immune"] == [
            {"id": "sus-head", "label": "Example Head of State", "text": HEAD_IMMUNE}], code
        assert f["why"][-1] == IMMUNE and f["notes"][0] == UNIT, code
    de = by["de"]
    assert (de["status"], de["status_label"]) == ("discretionary", "available, subject to the prosecutor's discretion")
    assert de["why"][1:] == [
        "Jurisdiction does not depend on presence, but the prosecutor may decline where no suspect is in Germany or "
        "expected there (Strafprozeßordnung (StPO), § 153f(1-2)).", IMMUNE]
    assert de["missing"] == ["no suspect's presence in Germany is recorded"]
    assert [(s["id"], s["label"], s["basis"]) for s in de["suspects"]] == [
        ("sus-commander", "Example Commander", "no presence required for jurisdiction"),
        ("sus-official", "Suspect 3", "no presence required for jurisdiction")]
    fr = by["fr"]
    assert (fr["status"], fr["why"][1:], fr["missing"]) == ("available", [IMMUNE], [])
    assert [(s["id"], s["basis"]) for s in fr["suspects"]] == [("sus-commander", "recorded residence in France")]
    nl = by["nl"]
    assert (nl["status"], nl["missing"]) == ("available", [])
    assert [(s["id"], s["basis"]) for s in nl["suspects"]] == [("sus-commander", "recorded presence in the Netherlands")]
    se = by["se"]
    assert (se["status"], se["missing"]) == ("available", [])
    assert [(s["id"], s["basis"]) for s in se["suspects"]] == [
        ("sus-commander", "no presence required for jurisdiction"), ("sus-official", "no presence required for jurisdiction")]


def test_the_forums_notes_say_what_was_not_read(full):
    by = {f["forum"]: f for f in full["forums"]}
    assert by["de"]["notes"][1:] == [
        "Prosecutorial discretion where no suspect is in Germany (§ 153f StPO): Jurisdiction exists without presence, "
        "but the prosecutor may decline where no suspect is in Germany or expected there. In practice structural "
        "investigations (Strukturermittlungsverfahren) into a situation are opened without a suspect present - that "
        "practice is not statutory and was not checked against a source.",
        "Threshold for opening an investigation: Initial suspicion (Anfangsverdacht): sufficient factual indications "
        "(zureichende tatsächliche Anhaltspunkte) that a prosecutable offence was committed. A complaint should set out "
        "the concrete facts that give such indications, each with its source."]
    assert by["nl"]["notes"][1:] == [
        "Threshold for opening an investigation: The general Dutch threshold for a suspect (art. 27 Wetboek van "
        "Strafvordering: a reasonable suspicion of guilt arising from facts or circumstances) is understood to apply; "
        "not read.",
        "Definitions not read verbatim, mapping provisional: Crimes against humanity - the contextual element (art. 4 "
        "WIM); The acts listed in art. 4(1) WIM."]
    assert by["se"]["notes"][2] == ("Not verified: Whether and by whom an authorisation to prosecute is required for "
                                    "these crimes was not read; confirm before filing.")


NO_ROUTE = ("On the recorded facts there is therefore no route by which the International Criminal Court could exercise "
            "jurisdiction over this situation: conduct on the territory of a non-party by its own nationals is within the "
            "Court's reach only through a declaration under art. 12(3) or a Security Council referral under art. 13(b).")
CLOSED = ("A communication under art. 15 would be closed at the first phase of a preliminary examination as manifestly "
          "outside the Court's jurisdiction (OTP, Policy Paper on Preliminary Examinations, November 2013). It can still "
          "preserve the record, and a route opens if a suspect who is a national of a State Party is identified, if part "
          "of the conduct is shown to have occurred on a State Party's territory, if the State lodges a declaration "
          "under art. 12(3), or if the Security Council refers the situation.")
ALTERNATIVES = [
    "universal-jurisdiction complaints to national prosecutors (see the forums below), for the allegations their own "
    "definitions cover and the suspects their conditions reach;",
    "submission of the evidence to a UN commission of inquiry or fact-finding mission with a mandate over the "
    "situation, where one exists, to preserve it for future proceedings;",
    "advocacy for a Security Council referral under art. 13(b) or a declaration under art. 12(3)."]
NO_SUSPECT = "No suspect is recorded, so the nationality route cannot be assessed."
NO_UNSC = "No referral by the Security Council acting under Chapter VII is recorded."
PRE_2002 = " Conduct before 1 July 2002 is outside the Court's jurisdiction (art. 11(1))."


def test_a_state_with_no_recorded_participation_and_no_suspect(tmp_path):
    doc = forums_json(make_case(tmp_path, "XX"))
    icc = doc["icc"]
    assert _routes(icc) == [
        ("territory", "Territory of a State Party", False, "Rome Statute, art. 12(2)(a)",
         "The territorial State has no recorded participation.", []),
        ("nationality", "Nationality of a suspect", False, "Rome Statute, art. 12(2)(b)", NO_SUSPECT, []),
        ("declaration", "Declaration under art. 12(3)", False, "Rome Statute, art. 12(3)",
         "No declaration by XX accepting the Court's jurisdiction is recorded.", []),
        ("referral-unsc", "Referral by the Security Council", False, "Rome Statute, art. 13(b)", NO_UNSC, [])]
    assert icc["statement"] == [
        "XX is not recorded as a party to the Rome Statute. No declaration accepting the Court's jurisdiction under "
        "art. 12(3) is recorded, and no referral by the Security Council under art. 13(b).", NO_ROUTE]
    assert (icc["party_status"], icc["available"], icc["consequence"], icc["alternatives"]) == (
        "unknown", False, CLOSED, ALTERNATIVES)
    assert icc["admissibility"]["national"] == "No proceedings in the territorial State are recorded."
    assert icc["admissibility"]["complementarity"] == [
        "No domestic investigation or prosecution is recorded. On this record nothing makes the case inadmissible under "
        "art. 17(1)(a)-(c): inaction by the States with jurisdiction does not bar admissibility."]
    assert (icc["admissibility"]["summaries"], icc["admissibility"]["gravity_linked"]) == ([], 0)
    by = {f["forum"]: f for f in doc["forums"]}
    assert (by["icc"]["status"], by["icc"]["status_label"], by["icc"]["why"], by["icc"]["suspects"]) == (
        "unavailable", "not available", icc["statement"] + [CLOSED], [])
    assert by["icc"]["missing"] == ["an art. 12(3) declaration, a Security Council referral, a suspect who is a national "
                                    "of a State Party, or conduct on a State Party's territory"]
    assert by["icc"]["allegations"] == []
    assert (by["de"]["status"], by["de"]["why"][1:], by["de"]["missing"]) == (
        "discretionary",
        ["Jurisdiction does not depend on presence, but the prosecutor may decline where no suspect is in Germany or "
         "expected there (Strafprozeßordnung (StPO), § 153f(1-2))."],
        ["no suspect is recorded, and none is shown to be present in Germany"])
    fr_missing = "no suspect is recorded, so no habitual residence in France can be shown"
    assert (by["fr"]["status"], by["fr"]["status_label"], by["fr"]["missing"]) == (
        "conditional", "not available on the recorded facts", [fr_missing])
    assert by["fr"]["why"][1:] == [f"Jurisdiction depends on a condition the record does not show: {fr_missing}."]
    assert by["nl"]["missing"] == ["no suspect is recorded, so no presence in the Netherlands can be shown"]
    assert (by["se"]["status"], by["se"]["missing"], by["se"]["suspects"]) == ("available", [], [])


def test_with_no_route_the_alternatives_name_the_mechanisms_the_case_records(tmp_path):
    """No route at all: the alternatives name the mechanisms the case records."""
    case = make_case(tmp_path, "XX", facts="""\
  jurisdiction:
    mechanisms: [the Independent International Fact-Finding Mission on Example, the Example Accountability Project]
""")
    icc = forums_json(case, "--forum", "icc")["icc"]
    assert icc["alternatives"][1] == ("submission of the evidence to the Independent International Fact-Finding Mission "
                                      "on Example or the Example Accountability Project, to preserve it for future "
                                      "proceedings;")


def test_a_state_party_throughout(tmp_path):
    icc = forums_json(make_case(tmp_path, "NL"), "--forum", "icc")["icc"]
    assert icc["statement"] == [
        "The Netherlands is a party to the Rome Statute.",
        "On the recorded facts the Court may exercise jurisdiction on the following basis: territory of a State Party "
        "(Rome Statute, art. 12(2)(a))."]
    assert icc["routes"][1:] == [
        {"id": "nationality", "title": "Nationality of a suspect", "available": False,
         "basis": "Rome Statute, art. 12(2)(b)", "why": NO_SUSPECT, "covers": []},
        {"id": "declaration", "title": "Declaration under art. 12(3)", "available": False,
         "basis": "Rome Statute, art. 12(3)",
         "why": "No declaration by the Netherlands accepting the Court's jurisdiction is recorded.", "covers": []},
        {"id": "referral-unsc", "title": "Referral by the Security Council", "available": False,
         "basis": "Rome Statute, art. 13(b)", "why": NO_UNSC, "covers": []}]
    assert icc["temporal"] == ("The period of the case (1–31 January 2026) falls after 1 July 2002: no temporal "
                               "obstacle arises under art. 11(1).")


def test_a_period_that_begins_before_the_statute_and_a_state_bound_from_its_entry_into_force(tmp_path):
    """Germany deposited its instrument in December 2000: over 2001-2002 it became a State Party on 1 July 2002, and
    conduct from that day is within the territorial route."""
    icc = forums_json(make_case(tmp_path, "DE", period=("2001-01-01", "2002-12-31")), "--forum", "icc")["icc"]
    assert [(r["id"], r["title"], r["available"], r["basis"], r["why"]) for r in icc["routes"]] == [
        ("territory", "Territory of a State Party", True, "Rome Statute, arts. 12(2)(a), 11(2)",
         "Germany became a State Party during the period of the case: the Statute entered into force for it on 1 July "
         "2002 (art. 126(1)); conduct before that date is not within this route (art. 11(2))." + PRE_2002),
        ("nationality", "Nationality of a suspect", False, "Rome Statute, art. 12(2)(b)", NO_SUSPECT + PRE_2002),
        ("declaration", "Declaration under art. 12(3)", False, "Rome Statute, art. 12(3)",
         "No declaration by Germany accepting the Court's jurisdiction is recorded." + PRE_2002),
        ("referral-unsc", "Referral by the Security Council", False, "Rome Statute, art. 13(b)", NO_UNSC + PRE_2002)]
    assert icc["statement"] == [
        "Germany became a party to the Rome Statute during the period of the case.",
        "On the recorded facts the Court may exercise jurisdiction on the following basis: territory of a State Party "
        "(Rome Statute, arts. 12(2)(a), 11(2))."]
    assert icc["temporal"] == (
        "The period of the case (1 January 2001 – 31 December 2002) begins before 1 July 2002, the date the Statute "
        "entered into force: conduct before it is outside the Court's jurisdiction (art. 11(1)).")


def test_a_state_that_became_a_party_after_the_period(tmp_path):
    """Ukraine's ratification took effect on 1 January 2025: over the second half of 2024 only its declaration under
    art. 12(3) opens the Court's jurisdiction."""
    icc = forums_json(make_case(tmp_path, "UA", period=("2024-06-01", "2024-12-31")), "--forum", "icc")["icc"]
    assert icc["routes"][0]["why"] == "The territorial State is not a State Party."
    assert icc["statement"] == [
        "Ukraine is not a party to the Rome Statute. A declaration under art. 12(3) is recorded, and no referral by the "
        "Security Council under art. 13(b).",
        "On the recorded facts the Court may exercise jurisdiction on the following basis: declaration by Ukraine under "
        "art. 12(3) (Rome Statute, art. 12(3))."]
    assert icc["temporal"] == (
        "The Statute entered into force for Ukraine on 1 January 2025: conduct before that date is within the Court's "
        "jurisdiction only under a declaration under art. 12(3) (art. 11(2)).")


PRESENT = """\
suspects:
  - id: sus-minister
    name: Example Foreign Minister
    positions:
      - {title: Minister of Foreign Affairs, office: foreign-minister, from: "2024-01-01"}
    whereabouts:
      - {state: DE, as_of: "2026-01-20", presence: visit}
    confidentiality: public
  - id: sus-visitor
    name: Example Visitor
    whereabouts:
      - {state: DE, as_of: "2026-01-20", presence: visit}
      - {state: FR, as_of: "2026-01-20", presence: visit}
      - {state: NL, as_of: "2026-01-20", presence: residence}
    confidentiality: public
"""
UNASSESSED = """\
proceedings:
  - id: proc-a
    kind: investigation
    authority: Tehran Prosecutor
    date: "2026-01-07"
    state: IR
    status: unknown
  - id: proc-b
    kind: other
    authority: Parliament
    date: "2026-01-08"
    state: IR
    status: closed
    indicators: [no-suspect-named]
"""


def test_presence_decides_each_forum_and_a_serving_minister_is_immune(tmp_path):
    """A visit to Germany takes the discretion away; a visit to France is no habitual residence; a residence in the
    Netherlands is a presence there."""
    doc = forums_json(make_case(tmp_path, "IR", suspects=PRESENT, proceedings=UNASSESSED))
    by = {f["forum"]: f for f in doc["forums"]}
    minister = HEAD_IMMUNE.replace("head of State (President)", "minister for foreign affairs (Minister of Foreign "
                                   "Affairs)")
    for code in ("de", "fr", "nl", "se"):
        assert by[code]["immune"] == [{"id": "sus-minister", "label": "Example Foreign Minister", "text": minister}]
    assert (by["de"]["status"], by["de"]["why"][1:], by["de"]["missing"]) == ("available", [IMMUNE], [])
    assert [(s["id"], s["basis"]) for s in by["de"]["suspects"]] == [("sus-visitor", "recorded presence in Germany")]
    fr_missing = "no suspect's habitual residence in France is recorded"
    assert (by["fr"]["status"], by["fr"]["suspects"], by["fr"]["missing"]) == ("conditional", [], [fr_missing])
    assert by["fr"]["why"][1:] == [f"Jurisdiction depends on a condition the record does not show: {fr_missing}.",
                                   IMMUNE]
    assert [(s["id"], s["basis"]) for s in by["nl"]["suspects"]] == [("sus-visitor",
                                                                      "recorded presence in the Netherlands")]
    assert by["nl"]["status"] == "available"
    assert [(s["id"], s["basis"]) for s in by["se"]["suspects"]] == [("sus-visitor",
                                                                      "no presence required for jurisdiction")]
    nationality = [r for r in doc["icc"]["routes"] if r["id"] == "nationality"]
    assert nationality == [{"id": "nationality", "title": "Nationality of a suspect", "available": False,
                            "basis": "Rome Statute, art. 12(2)(b)", "covers": [],
                            "why": "No recorded suspect is a national of a State Party."}]
    adm = doc["icc"]["admissibility"]
    assert adm["summaries"] == [
        "Investigation of unknown status, 7 January 2026, by Tehran Prosecutor (the Islamic Republic of Iran).",
        "Call for investigation or other step closed, 8 January 2026, by Parliament (the Islamic Republic of Iran): the "
        "record notes that it names no suspect."]
    assert adm["complementarity"] == [
        "Whether these proceedings concern the same persons and substantially the same conduct, and whether they are "
        "genuine (art. 17(2)-(3)), must be assessed; no genuineness indicator is recorded for some of them."]
    assert adm["national"] == ("Whether these proceedings concern the same persons and conduct must be assessed before "
                               "relying on any rule of the forum that defers to prosecution in the territorial State.")


def test_proceedings_only_abroad_leave_the_territorial_state_without_any(tmp_path):
    abroad = PROCEEDINGS.replace("state: IR", "state: DE")
    adm = forums_json(make_case(tmp_path, "IR", proceedings=abroad), "--forum", "icc")["icc"]["admissibility"]
    assert adm["national"] == "No proceedings in the territorial State are recorded."
    assert adm["complementarity"] == []
    assert adm["summaries"][0] == ("Inquiry ordered, 6 January 2026, by Interior Ministry (Germany): the record notes "
                                   "that it is conducted or ordered by an organ implicated in the alleged conduct; no "
                                   "outcome is known.")


def test_a_forum_whose_law_defines_none_of_the_allegations_is_unavailable(tmp_path):
    case = make_case(tmp_path, "IR")
    (case / "allegations.yaml").write_text("""\
allegations:
  - id: al-life
    title: Arbitrary deprivation of life
    framework: ihrl/core-rights
    provision: ihrl.core.iccpr.6.1
    incidents: [inc-shooting]
""", encoding="utf-8")
    info = case / "case.yaml"
    info.write_text(info.read_text(encoding="utf-8").replace("frameworks: [rome-statute/article-7]",
                                                             "frameworks: [ihrl/core-rights]"), encoding="utf-8")
    by = {f["forum"]: f for f in forums_json(case)["forums"]}
    for code in ("de", "fr", "nl", "se"):
        assert (by[code]["status"], by[code]["status_label"], by[code]["allegations"], by[code]["missing"]) == (
            "unavailable", "not available", [], []), code
        assert by[code]["why"][1:] == ["None of the case's applicable allegations corresponds to a crime defined in "
                                       "this forum's law."], code


@pytest.mark.parametrize("state,name", [
    ("CZ", "Czechia"), ("NE", "the Niger"), ("CG", "the Congo"), ("VA", "the Holy See"), ("SB", "Solomon Islands"),
    ("GB", "the United Kingdom of Great Britain and Northern Ireland"), ("DE", "Germany")])
def test_a_states_name_in_a_sentence_takes_the_article_the_states_data_gives_it(tmp_path, state, name):
    """The forums read 'the' from the states data (as the treaty sentences do), not from a list of name prefixes, which
    wrote 'the Czechia' and 'the Solomon Islands' and dropped it from 'the Niger'."""
    icc = forums_json(make_case(tmp_path, state), "--forum", "icc")["icc"]
    assert icc["state_name"] == name
    assert any(r["why"].startswith(name[:1].upper() + name[1:]) or name in r["why"] for r in icc["routes"])


KEPT = (" The Court keeps jurisdiction over crimes committed while the State was a party; whether it may still exercise "
        "it in a matter that was not under its consideration before the withdrawal took effect is debated (art. 127(2); "
        "ICC Pre-Trial Chamber III, Situation in the Republic of Burundi, decision authorising an investigation, 25 "
        "October 2017, not checked against the text).")


@pytest.mark.parametrize("period,available,why,statement", [
    # the period the ICC's investigation in Burundi concerns: Burundi was a party throughout
    (("2016-01-01", "2016-12-31"), True,
     "Burundi was a party to the Rome Statute throughout the period of the case; its withdrawal took effect on 27 "
     "October 2017." + KEPT,
     "Burundi was a party to the Rome Statute when the period of the case began; its withdrawal took effect on 27 "
     "October 2017."),
    (("2017-06-01", "2017-12-31"), True,
     "Burundi was a party to the Rome Statute until its withdrawal took effect on 27 October 2017: conduct before that "
     "date is within this route, conduct from that date is not." + KEPT,
     "Burundi was a party to the Rome Statute when the period of the case began; its withdrawal took effect on 27 "
     "October 2017."),
    (("2019-01-01", "2019-12-31"), False,
     "The territorial State is no longer a State Party: its withdrawal took effect on 27 October 2017 (art. 127(1)).",
     "Burundi is no longer a party to the Rome Statute. No declaration accepting the Court's jurisdiction under art. "
     "12(3) is recorded, and no referral by the Security Council under art. 13(b)."),
])
def test_a_state_that_withdrew_is_a_route_for_the_time_it_was_a_party(tmp_path, period, available, why, statement):
    icc = forums_json(make_case(tmp_path, "BI", period=period), "--forum", "icc")["icc"]
    territory = icc["routes"][0]
    assert (territory["id"], territory["title"], territory["available"], territory["why"]) == (
        "territory", "Territory of a State Party", available, why)
    assert territory["basis"] == ("Rome Statute, arts. 12(2)(a), 127(2)" if available else "Rome Statute, art. 12(2)(a)")
    assert icc["statement"][0] == statement and icc["available"] is available
    assert icc["party_status"] == ("party" if available else "withdrawn")


@pytest.mark.parametrize("fields,words", [
    ({"instrument": "Völkerstrafgesetzbuch (VStGB)", "section": "§ 7"}, "Völkerstrafgesetzbuch (VStGB), § 7"),
    ({"instrument": "Strafprozeßordnung (StPO)", "section": "§ 153f", "paragraph": "1-2"},
     "Strafprozeßordnung (StPO), § 153f(1-2)"),
    ({"instrument": "Code pénal", "section": "art. 212-1", "paragraph": "1", "point": "1°"},
     "Code pénal, art. 212-1(1), no. 1°"),
    ({"instrument": "Brottsbalken", "section": "chapter 2, section 3", "note": "current wording not read"},
     "Brottsbalken, chapter 2, section 3, current wording not read"),
    ({"instrument": "Rome Statute", "article": "12", "paragraph": "3"}, "Rome Statute, art. 12(3)"),
])
def test_national_law_is_cited_by_section_as_practitioners_write_it(fields, words):
    from casebuilder.analyse.jurisdiction import cite
    from casebuilder.models.common import Citation
    assert cite(Citation(**fields)) == words


def test_conduct_on_a_state_partys_territory_twice_and_on_a_signatorys(tmp_path):
    """Two incidents in the Netherlands and one in Syria (a signatory): one cross-border route, for the Netherlands,
    covering the allegations that concern those incidents; a referral by the Security Council with no period of its
    own covers the case."""
    more = BORDER + BORDER.replace("inc-border", "inc-border-2").replace('"2026-01-10"', '"2026-01-05"') + \
        BORDER.replace("inc-border", "inc-syria").replace("country: NL", "country: SY")
    case = make_case(tmp_path, "IR", incidents=more, facts="""\
  jurisdiction:
    referrals:
      - {by: security-council, reference: S/RES/9999 (2026), date: "2026-02-10"}
""")
    allegations = case / "allegations.yaml"
    allegations.write_text(allegations.read_text(encoding="utf-8").replace("incidents: [inc-shooting]",
                                                                           "incidents: [inc-shooting, inc-border-2]"),
                           encoding="utf-8")
    icc = forums_json(case, "--forum", "icc")["icc"]
    cross = [(r["title"], r["why"], r["covers"]) for r in icc["routes"] if r["id"] == "cross-border"]
    assert cross == [("Conduct partly on the territory of the Netherlands",
                      "2 recorded incident(s) took place in the Netherlands, a State Party: the Court may exercise "
                      "jurisdiction where at least one element or part of a crime occurred on a State Party's territory.",
                      ["al-murder"])]
    unsc = [(r["available"], r["why"]) for r in icc["routes"] if r["id"] == "referral-unsc"]
    assert unsc == [(True, "The Security Council referred the situation (S/RES/9999 (2026), 10 February 2026).")]


def test_a_declaration_the_court_did_not_act_on_is_no_route(tmp_path):
    """Palestine's declaration of January 2009 was not acted on: over 2009 only its later declaration is recorded, and
    it does not reach back."""
    icc = forums_json(make_case(tmp_path, "PS", period=("2009-01-01", "2009-12-31")), "--forum", "icc")["icc"]
    assert [(r["available"], r["why"]) for r in icc["routes"] if r["id"] == "declaration"] == [
        (False, "The State of Palestine lodged a declaration on 1 January 2015 accepting jurisdiction for the period "
                "from 13 June 2014, which does not cover the period of the case.")]


def _example_state_routes(tmp_path, rome_statute: dict, **case) -> list[dict]:
    """The Court's routes, through the API, for a case (make_case's ``case``) on the territory of "Example State"
    (XX), whose only record is its participation in the Rome Statute as a party, with ``rome_statute``'s dates."""
    import dataclasses
    from casebuilder.analyse import analyse
    from casebuilder.analyse.jurisdiction import icc_analysis
    from casebuilder.api import check
    from casebuilder.models.framework import Participation, State
    checked = check(make_case(tmp_path, "XX", **case))
    example = State(code="XX", name="Example State", participation=[
        Participation(treaty="rome-statute", status="party", source="test record", **rome_statute)])
    fs = dataclasses.replace(checked.frameworks, states={**checked.frameworks.states, "XX": example})
    return icc_analysis(checked.case, fs, analyse(checked.case, fs))["routes"]


def test_the_statute_binds_a_state_from_the_first_of_january_after_a_deposit_in_october(tmp_path):
    """Art. 126(2) when the sixtieth day after the deposit falls in December: in force on 1 January."""
    routes = _example_state_routes(tmp_path, {"ratified": "2003-10-15"})
    assert routes[0]["why"] == ("Example State is a party to the Rome Statute; the Statute entered into force "
                                "for it on 1 January 2004 (art. 126(2)).")


def test_a_party_whose_entry_into_force_is_recorded_to_the_year_only_is_no_route_before_it(tmp_path):
    """A record giving the deposit to the day (20 June 2003) and the entry into force only to the year (2003): over
    March-April 2003 the State is a party on the record's year, but the Statute entered into force for it on 1 September
    2003 (art. 126(2)), after the period: the territorial route is not open, and the sentence says why."""
    routes = _example_state_routes(tmp_path, {"ratified": "2003-06-20", "in_force": "2003"},
                                   period=("2003-03-01", "2003-04-30"))
    assert (routes[0]["id"], routes[0]["available"], routes[0]["why"]) == (
        "territory", False, "Example State is a party, but the Statute entered into force for it only on 1 September "
                            "2003, after the period of the case (art. 11(2)).")


def test_a_security_council_referral_covering_the_first_or_the_last_day_of_the_period_covers_the_case(tmp_path):
    """A referral's period and the case's overlap when they share a single day, at either end (the case runs over
    January 2026); a referral ending the day before the case begins does not cover it."""
    facts = """\
  jurisdiction:
    referrals:
      - {by: security-council, reference: S/RES/1 (2026), date: "2026-01-02", covers: {start: "2025-12-01", end: "2026-01-01"}}
      - {by: security-council, reference: S/RES/2 (2026), date: "2026-03-02", covers: {start: "2026-01-31", end: "2026-03-01"}}
      - {by: security-council, reference: S/RES/3 (2026), date: "2026-01-05", covers: {start: "2025-11-01", end: "2025-12-31"}}
"""
    icc = forums_json(make_case(tmp_path, "IR", facts=facts), "--forum", "icc")["icc"]
    assert [(r["available"], r["why"]) for r in icc["routes"] if r["id"] == "referral-unsc"] == [
        (True, "The Security Council referred the situation (S/RES/1 (2026), 2 January 2026)."),
        (True, "The Security Council referred the situation (S/RES/2 (2026), 2 March 2026)."),
        (False, "The Security Council referred the situation (S/RES/3 (2026), 5 January 2026), for a period that does "
                "not include the case's.")]


def test_a_state_partys_referral_alone_opens_no_route(tmp_path):
    """Art. 13(a) triggers, art. 12(2) still conditions: a referral by a State Party of conduct on a non-party's
    territory by its own nationals gives the Court no jurisdiction."""
    facts = """\
  jurisdiction:
    referrals:
      - {by: state-party, state: NL, reference: Letter of 1 March 2026, date: "2026-03-01"}
"""
    icc = forums_json(make_case(tmp_path, "XX", facts=facts))["icc"]
    ref = [(r["id"], r["title"], r["available"], r["basis"], r["why"]) for r in icc["routes"] if r["id"] == "referral-state"]
    assert ref == [("referral-state", "Referral by the Netherlands", False, "Rome Statute, arts. 13(a), 14",
                    "A State Party referred the situation (Letter of 1 March 2026, 1 March 2026); the preconditions of "
                    "art. 12(2) still apply, and none is met on the recorded facts, so the referral alone opens no route "
                    "(art. 12(2)).")]
    assert icc["available"] is False


def test_through_the_api_without_a_labeller_each_suspect_is_named_by_its_id(tmp_path):
    """`forums()` called without a labeller (an API caller who has chosen no audience) names each suspect by its id, on
    the ICC's row and on every national forum's, and no recorded name reaches the rows."""
    from casebuilder.analyse import analyse
    from casebuilder.analyse.jurisdiction import forum_json, forums
    from casebuilder.api import check
    checked = check(make_case(tmp_path, "IR", facts=FACTS, incidents=BORDER, suspects=SUSPECTS, proceedings=PROCEEDINGS))
    fs = checked.frameworks
    rows = {r.code: forum_json(r) for r in forums(checked.case, fs, analyse(checked.case, fs))}
    assert [(s["id"], s["label"]) for s in rows["icc"]["suspects"]] == [
        (sid, sid) for sid in ("sus-head", "sus-commander", "sus-official", "sus-unit")]
    assert [(s["id"], s["label"]) for s in rows["de"]["suspects"]] == [
        ("sus-commander", "sus-commander"), ("sus-official", "sus-official")]
    for code in ("de", "fr", "nl", "se"):
        assert [(s["id"], s["label"]) for s in rows[code]["immune"]] == [("sus-head", "sus-head")], code
        assert rows[code]["notes"][0] == UNIT.replace("Example riot-police unit", "sus-unit"), code
    text = json.dumps(rows, ensure_ascii=False)
    for name in ("Example Head of State", "Example Commander", "Hidden Official", "Example riot-police unit"):
        assert name not in text


def _frameworks_without_nature_guidance(tmp_path: Path) -> Path:
    """A copy of the bundled frameworks whose ICC forum records the gravity factor 'Nature' without guidance."""
    import shutil
    frameworks = tmp_path / "frameworks"
    shutil.copytree(Path(__file__).resolve().parents[2] / "frameworks", frameworks)
    icc = frameworks / "forums" / "icc.yaml"
    text = icc.read_text(encoding="utf-8")
    nature = '    guidance: "The specific elements of each offence: killings, torture, sexual violence, persecution, ' \
             'attacks on protected objects such as hospitals."\n'
    assert text.count(nature) == 1
    icc.write_text(text.replace(nature, ""), encoding="utf-8")
    return frameworks


def test_a_gravity_factor_without_guidance_reads_as_an_empty_text(tmp_path):
    """Forums are data (`--frameworks-dir`): a gravity factor recorded without guidance is listed with its title and
    citation and an empty guidance, a string as for every other factor, never a placeholder."""
    frameworks = _frameworks_without_nature_guidance(tmp_path)
    doc = forums_json(make_case(tmp_path, "IR"), "--forum", "icc", "--frameworks-dir", frameworks)
    gravity = doc["icc"]["admissibility"]["gravity"]
    assert [(g["id"], g["title"], g["guidance"][:24]) for g in gravity] == [
        ("icc.gravity.scale", "Scale", "Number of direct and ind"), ("icc.gravity.nature", "Nature", ""),
        ("icc.gravity.manner", "Manner of commission", "Means employed, systemat"),
        ("icc.gravity.impact", "Impact", "Suffering and increased ")]
    assert gravity[1]["citation"].startswith("Regulations of the Office of the Prosecutor, art. 29(2)")


def test_the_brief_says_a_factor_without_guidance_has_no_evidence_in_a_whole_sentence(tmp_path):
    """The ICC brief's gravity paragraph for a factor recorded without guidance (a forum file given with
    --frameworks-dir) ends its sentence there, with no dangling '; ' where the guidance would follow."""
    import html
    import re
    frameworks = _frameworks_without_nature_guidance(tmp_path)
    out = tmp_path / "brief.html"
    r = run("build", make_case(tmp_path, "IR"), "--forum", "icc", "--format", "html", "--frameworks-dir", frameworks,
            "-o", out)
    assert r.code == 0, r.err + r.out
    page = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", out.read_text(encoding="utf-8"))))
    assert "Nature. No evidence is linked to this factor. " in page
    assert "Scale. No evidence is linked to this factor; number of direct and indirect victims" in page
    assert "factor; ." not in page and "factor; <" not in page


def test_frameworks_without_the_icc_forum_still_give_the_routes_and_no_gravity_factors(tmp_path):
    """Forums are data: with no frameworks/forums/icc.yaml the Court's preconditions are still analysed (they are the
    Statute's), no gravity factor is listed, and the forum table holds the national forums only."""
    import shutil
    frameworks = tmp_path / "frameworks"
    shutil.copytree(Path(__file__).resolve().parents[2] / "frameworks", frameworks)
    (frameworks / "forums" / "icc.yaml").unlink()
    doc = forums_json(make_case(tmp_path, "NL"), "--frameworks-dir", frameworks)
    assert [f["forum"] for f in doc["forums"]] == ["de", "fr", "nl", "se"]
    assert (doc["icc"]["routes"][0]["id"], doc["icc"]["routes"][0]["available"]) == ("territory", True)
    assert (doc["icc"]["admissibility"]["gravity"], doc["icc"]["admissibility"]["gravity_linked"]) == ([], 0)
