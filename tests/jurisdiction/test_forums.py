"""Jurisdiction, admissibility and forums (issue #19): the ICC routes, the national forums, the legal
brief's jurisdiction section, and bad input - driven through the command line as users do."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from clirun import REPO, run

from casebuilder.commands.new import scaffold

IRAN = REPO / "cases" / "iran-2026"


def _text(html: str) -> str:
    import html as h
    return re.sub(r"\s+", " ", h.unescape(re.sub(r"<[^>]+>", " ", html)))


def state_party_case(root: Path, state: str = "NL", *, incident_country: str | None = None) -> Path:
    """A small case whose situation lies on the territory of ``state``."""
    case = root / "case"
    scaffold(case)
    c = case / "case.yaml"
    c.write_text(c.read_text(encoding="utf-8").replace("state: XX", f"state: {state}"), encoding="utf-8")
    inc = case / "incidents.yaml"
    inc.write_text(inc.read_text(encoding="utf-8").replace("country: XX", f"country: {incident_country or state}"),
                   encoding="utf-8")
    return case


# ------------------------------------------------------------------ the bundled case
@pytest.fixture(scope="module")
def iran_legal(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("legal") / "legal.html"
    r = run("build", IRAN, "--format", "html", "-o", out)
    assert r.code == 0, r.err
    return _text(out.read_text(encoding="utf-8"))


def test_the_bundled_legal_brief_states_the_icc_position_once(iran_legal: str) -> None:
    assert iran_legal.count("is a signatory but not a party to the Rome Statute") == 1
    assert iran_legal.count("No declaration accepting the Court's jurisdiction under art. 12(3) is recorded") == 1
    assert "no referral by the Security Council under art. 13(b)" in iran_legal
    # what it means, and the alternatives
    assert "closed at the first phase of a preliminary examination" in iran_legal
    assert "Fact-Finding Mission on the Islamic Republic of Iran" in iran_legal
    # the old boilerplate is not repeated under every allegation any more
    assert "ICC jurisdiction requires a declaration" not in iran_legal


def test_the_bundled_legal_brief_says_which_forum_could_take_which_part(iran_legal: str) -> None:
    assert "Forums on the recorded facts" in iran_legal
    assert re.search(r"Germany \(Code of Crimes against International Law\) ?: available, subject to the prosecutor's "
                     r"discretion\. Its law covers all \d+ applicable allegations under the Rome Statute", iran_legal)
    assert re.search(r"no suspect(?:'s presence in Germany is recorded| is recorded, and none is shown to be "
                     r"present in Germany)", iran_legal)
    assert re.search(r"no suspect(?:'s habitual residence in France is recorded| is recorded, so no habitual "
                     r"residence in France can be shown)", iran_legal)


def test_the_bundled_brief_has_admissibility_and_requested_action(iran_legal: str) -> None:
    assert "Complementarity (art. 17(1)(a)-(c), (2)-(3))" in iran_legal
    assert "Interior Ministry to form an investigative team" in iran_legal
    assert "it is conducted or ordered by an organ implicated in the alleged conduct" not in iran_legal  # CLI only
    assert "Evidence is recorded for 4 of 4 factors" in iran_legal
    assert "Interests of justice (art. 53(1)(c))" in iran_legal
    assert "register this communication" in iran_legal


def test_forums_json_of_the_bundled_case() -> None:
    r = run("forums", IRAN, "--format", "json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    by = {f["forum"]: f for f in doc["forums"]}
    assert set(by) >= {"icc", "de", "fr", "se", "nl"}
    assert by["icc"]["status"] == "unavailable" and not doc["icc"]["available"]
    assert [x["id"] for x in doc["icc"]["routes"]] == ["territory", "nationality", "declaration", "referral-unsc"]
    assert by["de"]["status"] == "discretionary"
    assert by["fr"]["status"] == "conditional" and by["nl"]["status"] == "conditional"
    covered = {a["id"] for a in by["de"]["allegations"]}
    assert "al-art7-murder" in covered and "al-art8-ilam-hospital" not in covered  # no armed conflict recorded
    assert "al-ihrl-karaj-right-to-life" not in covered
    inquiry = doc["icc"]["admissibility"]["summaries"]
    assert any("Inquiry ordered, 6 January 2026" in s and "no outcome is known" in s for s in inquiry)


def test_a_german_complaint_carries_the_forum_law(tmp_path: Path) -> None:
    out = tmp_path / "de.html"
    r = run("build", IRAN, "--forum", "de", "--format", "html", "-o", out)
    assert r.code == 0, r.err
    text = _text(out.read_text(encoding="utf-8"))
    assert "Der Generalbundesanwalt beim Bundesgerichtshof" in text
    assert "zureichende tatsächliche Anhaltspunkte" in text                       # § 152(2) StPO
    assert "wenn sich der Beschuldigte nicht im Inland aufhält" in text           # § 153f StPO
    assert "Definitions of the crimes in the forum's law" in text
    assert "no State or organisational policy element" in text                   # the flagged difference
    assert "The authors ask the Federal Public Prosecutor General" in text
    assert text.count("is a signatory but not a party to the Rome Statute") == 1


# ------------------------------------------------------------------ a case on a State Party's territory
def test_a_case_on_a_state_partys_territory_finds_the_route(tmp_path: Path) -> None:
    case = state_party_case(tmp_path, "NL")
    r = run("forums", case, "--format", "json", "--forum", "icc")
    assert r.code == 0, r.err + r.out
    icc = json.loads(r.out)["icc"]
    assert icc["available"]
    territory = icc["routes"][0]
    assert territory["id"] == "territory" and territory["available"]
    assert "is a party to the Rome Statute" in territory["why"]
    out = tmp_path / "legal.html"
    assert run("build", case, "--format", "html", "-o", out).code == 0
    text = _text(out.read_text(encoding="utf-8"))
    assert "On the recorded facts the Court may exercise jurisdiction on the following basis: territory of a " \
           "State Party (Rome Statute, art. 12(2)(a))" in text
    assert "closed at the first phase" not in text


def test_conduct_partly_on_a_state_partys_territory_is_a_route(tmp_path: Path) -> None:
    case = state_party_case(tmp_path, "IR", incident_country="NL")
    r = run("forums", case, "--format", "json", "--forum", "icc")
    icc = json.loads(r.out)["icc"]
    cross = [x for x in icc["routes"] if x["id"] == "cross-border"]
    assert cross and cross[0]["available"] and "ICC-RoC46(3)-01/18-37" in cross[0]["basis"]
    assert icc["available"]


def test_a_declaration_under_12_3_opens_the_route_for_its_period(tmp_path: Path) -> None:
    case = state_party_case(tmp_path, "IR")
    c = case / "case.yaml"
    c.write_text(c.read_text(encoding="utf-8") + """\
  jurisdiction:
    declarations:
      - {state: IR, lodged: "2026-03-01", covers: {start: "2025-12-01", end: "2026-03-01"}}
""", encoding="utf-8")
    icc = json.loads(run("forums", case, "--format", "json", "--forum", "icc").out)["icc"]
    decl = [x for x in icc["routes"] if x["id"] == "declaration"][0]
    assert decl["available"] and icc["available"]
    c.write_text(c.read_text(encoding="utf-8").replace('end: "2026-03-01"}', 'end: "2025-12-15"}'), encoding="utf-8")
    icc = json.loads(run("forums", case, "--format", "json", "--forum", "icc").out)["icc"]
    assert not icc["available"]


# ------------------------------------------------------------------ bad input
def test_an_unknown_forum_is_a_usage_error() -> None:
    r = run("build", IRAN, "--forum", "xx", "--format", "json", "-o", "/dev/null")
    assert r.code == 2 and "unknown forum 'xx'" in r.err and "de, fr, icc, nl, se" in r.err
    r = run("build", IRAN, "--brief", "un", "--forum", "de", "--format", "json", "-o", "/dev/null")
    assert r.code == 2 and "legal brief only" in r.err
    r = run("forums", IRAN, "--forum", "ger")
    assert r.code == 2 and "unknown forum 'ger'" in r.err


def _diags(case: Path) -> list[dict]:
    r = run("check", case, "--format", "json")
    assert r.code == 1, r.out
    return r.diagnostics()


def test_a_proceeding_without_a_date_or_an_authority_is_reported_where_it_is(tmp_path: Path) -> None:
    case = state_party_case(tmp_path, "IR")
    (case / "proceedings.yaml").write_text("""\
proceedings:
  - id: proc-a
    kind: inquiry
    state: IR
    authority: Interior Ministry
  - id: proc-b
    kind: investigation
    date: "2026-01-05"
    state: IR
  - id: proc-c
    kind: investigation
    authority: Prosecutor
    date: "2026-01-05"
    state: IR
    evidence: [ev-nowhere]
""", encoding="utf-8")
    ds = _diags(case)
    missing = {(d["line"], d["message"]) for d in ds if d["code"] == "missing-field"}
    assert (2, "missing required field 'date' (in proceeding proc-a)") in missing
    assert (6, "missing required field 'authority' (in proceeding proc-b)") in missing
    assert any(d["code"] == "unknown-reference" and d["line"] == 15 and "ev-nowhere" in d["message"] for d in ds)
    assert all(d["path"].endswith("proceedings.yaml") for d in ds if d["code"] == "missing-field")


def test_a_gravity_link_to_an_unknown_factor_and_an_unknown_forum_code(tmp_path: Path) -> None:
    case = state_party_case(tmp_path, "IR")
    c = case / "case.yaml"
    c.write_text(c.read_text(encoding="utf-8") + """\
  admissibility:
    gravity:
      - factor: icc.gravity.scal
        evidence: [ev-report]
  requested_action:
    ger: Open an investigation.
""", encoding="utf-8")
    lines = c.read_text(encoding="utf-8").splitlines()
    ds = _diags(case)
    g = [d for d in ds if d["code"] == "unknown-element"]
    assert len(g) == 1 and "did you mean 'icc.gravity.scale'" in g[0]["message"]
    assert lines[g[0]["line"] - 1].strip() == "- factor: icc.gravity.scal" and g[0]["column"] == 17
    f = [d for d in ds if d["code"] == "unknown-forum"]
    assert len(f) == 1 and lines[f[0]["line"] - 1].strip().startswith("ger:") and f[0]["column"] == 5


# ------------------------------------------------------------------ suspects: presence, residence, nationality, immunity
SUSPECTS = """\
suspects:
  - id: sus-head
    name: Example Head of State
    nationality: [XY]
    positions:
      - {title: President, office: head-of-state, from: "2020-01-01"}
    confidentiality: public
  - id: sus-commander
    name: Example Commander
    nationality: [XY]
    positions:
      - {title: Police commander, office: military-commander, from: "2019-01-01"}
    whereabouts:
      - {state: FR, as_of: "2026-01-20", presence: residence, evidence: [ev-report]}
    confidentiality: public
  - id: sus-official
    name: Hidden Official
    nationality: [XY, DE]
    positions:
      - {title: Deputy minister, office: other, from: "2018-01-01"}
"""


def test_suspects_decide_residence_nationality_and_immunity(tmp_path: Path) -> None:
    case = state_party_case(tmp_path, "IR")
    (case / "suspects.yaml").write_text(SUSPECTS, encoding="utf-8")
    r = run("forums", case, "--format", "json")
    assert r.code == 0, r.err + r.out
    doc = json.loads(r.out)
    by = {f["forum"]: f for f in doc["forums"]}
    # France: habitual residence of one suspect recorded -> available, for him only
    assert by["fr"]["status"] == "available"
    assert [s["label"] for s in by["fr"]["suspects"]] == ["Example Commander"]
    # the serving head of State is immune before every national forum, named at this audience
    for code in ("de", "fr", "se", "nl"):
        assert [s["label"] for s in by[code]["immune"]] == ["Example Head of State"], code
    # the Netherlands: nobody present -> not available on the recorded facts
    assert by["nl"]["status"] == "conditional" and "no suspect's presence in the Netherlands" in by["nl"]["missing"][0]
    # ICC: the German national opens the nationality route; a confidential suspect is not named
    nat = [x for x in doc["icc"]["routes"] if x["id"] == "nationality"][0]
    assert nat["available"] and nat["covers"] == ["sus-official"]
    assert doc["icc"]["available"]
    assert "Suspect 3" in json.dumps(by["de"]["suspects"]) and "Hidden Official" not in r.out
