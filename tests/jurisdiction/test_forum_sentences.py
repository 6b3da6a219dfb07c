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
