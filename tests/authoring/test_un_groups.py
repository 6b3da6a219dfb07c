"""#26 item 6: the UN brief's victims table carries groups of victims (``role: group``) with their
count, and the consent sentence counts people, a group by its members."""
from __future__ import annotations

import html
import re
from pathlib import Path

from casebuilder.commands.new import scaffold
from clirun import run

GIVEN = '{status: given, date: "2026-01-20", by: counsel}'


def _case(tmp_path: Path, groups: str) -> Path:
    case = tmp_path / "case"
    scaffold(case)
    (case / "un.yaml").write_text(f"""\
persons:
{groups}
sources:
  - {{id: src-paper, name: Example Daily, kind: media, reliability: C, reliability_reason: National newspaper.}}
evidence:
  - {{id: ev-paper, kind: media-report, source: src-paper, date: "2026-01-04", first_hand: "no",
     summary: The paper reports that patients were taken from the clinic., credibility: 3}}
allegations:
  - id: al-liberty
    framework: ihrl/core-rights
    provision: ihrl.core.iccpr.9
    title: Patients taken from a clinic
    incidents: [inc-shooting]
    victims: [p-victim, g-patients, g-unknown, g-withheld]
    links:
      - {{element: ihrl.core.iccpr.9.1, evidence: [ev-paper]}}
submissions:
  - id: sub-1
    submitter: {{organisation: Example NGO, knowledge: Interviews with the families.}}
    requests: ["Ask the Government to disclose the patients' whereabouts."]
""", encoding="utf-8")
    cy = case / "case.yaml"
    cy.write_text(cy.read_text(encoding="utf-8").replace("frameworks: [rome-statute/article-7]",
                                                         "frameworks: [rome-statute/article-7, ihrl/core-rights]"),
                  encoding="utf-8")
    p = case / "persons.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace(
        "    name: Example Victim\n", f"    name: Example Victim\n    consent:\n      submission: {GIVEN}\n"),
        encoding="utf-8")
    return case


def _victims_section(case: Path, out: Path, *extra: str) -> str:
    """The victims section of the UN brief built as HTML, as text."""
    r = run("build", case, "--brief", "un", "--format", "html", "-o", out, *extra)
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    text = text[text.index('id="un-victims"'):text.index('id="un-facts"')]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_a_group_is_one_row_with_its_count_and_counts_its_members(tmp_path):
    case = _case(tmp_path, f"""\
  - {{id: g-patients, role: group, count: 12, pseudonym: Patients taken from the clinic, consent: {{submission: {GIVEN}}}}}
  - {{id: g-unknown, role: group, pseudonym: Relatives who came to the clinic, consent: {{submission: {GIVEN}}}}}
  - {{id: g-withheld, role: group, count: 3, protection: withheld, consent: {{submission: {GIVEN}}}}}
""")
    ids = run("frameworks", "ihrl/core-rights", "ihrl.core.iccpr.9", "--format", "json")
    assert "ihrl.core.iccpr.9.1" in ids.out, ids.out[:300]
    shown = _victims_section(case, tmp_path / "un.html")
    # 1 person + 12 + 1 (count not recorded) + 3 withheld
    assert "The cases of 17 of the 17 persons concerned are submitted" in shown
    assert "Patients taken from the clinic Group of 12 persons" in shown
    assert "Relatives who came to the clinic Group; number of persons not recorded" in shown
    assert "Group of 3 persons" not in shown  # a withheld group shows its status only
    assert "pseudonym: no consent to be named publicly" in shown  # Example Victim has a name to withhold...
    assert shown.count("pseudonym: no consent to be named publicly") == 1  # ...an unnamed group has none
    assert "The other 1 are named only in the version" in shown  # the victim, not the unnamed groups
    # the unnamed groups' members are counted too, so that the sentences add up to the 17 submitted
    assert "The remaining 16 are described only as members of a group of victims, without names." in shown
    assert "Groupe de 12 personnes" in _victims_section(case, tmp_path / "fr.html", "--lang", "fr")


def test_a_group_without_consent_is_left_out_and_counted_by_its_members(tmp_path):
    case = _case(tmp_path, """\
  - {id: g-patients, role: group, count: 12, pseudonym: Patients taken from the clinic}
  - {id: g-unknown, role: group, pseudonym: Relatives, consent: {submission: {status: refused, date: "2026-01-20", by: counsel}}}
  - {id: g-withheld, role: group, count: 3, protection: withheld}
""")
    shown = _victims_section(case, tmp_path / "un.html")
    assert "The cases of 1 of the 17 persons concerned" in shown
    assert "16 are left out of this communication" in shown
    assert "consent to submission refused: 1" in shown and "no consent to submission recorded: 15" in shown
    assert "Patients taken from the clinic" not in shown
