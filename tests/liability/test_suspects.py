"""Suspects, charges and immunities, driven through the CLI and the public API as users do.

A small case written here (the `casebuilder new` scaffold plus a suspects file) and the bundled case.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from casebuilder.analyse.liability import analyse_suspects, immunities, one_more_item, readiness
from casebuilder.api import check
from casebuilder.commands.new import scaffold
from casebuilder.protect import protected_strings

from clirun import run
from render.conftest import attachment_json, page_texts

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "cases" / "iran-2026"
SECRET_NAME = "Confidential Deputy Example"

SUSPECTS = f"""\
evidence:
  - id: ev-order
    kind: document
    title: Written order to the riot-police unit
    source: src-ngo
    date: "2026-01-02"
    credibility: 2
suspects:
  - id: sus-president
    name: Example President Person
    nationality: [XX]
    positions:
      - {{title: President of Example, office: head-of-state, state: XX, from: "2020-01-01"}}
      - {{title: Minister for Foreign Affairs, office: foreign-minister, state: XX, from: "2015-01-01", to: "2019-12-31"}}
    confidentiality: public
  - id: sus-deputy
    name: {SECRET_NAME}
    superior: sus-president
    positions:
      - {{title: Deputy police chief, office: civilian-superior, organisation: act-police, from: "2024-01-01"}}
    whereabouts:
      - {{state: DE, as_of: "2026-01-20", presence: visit}}
charges:
  - id: ch-president-murder
    suspect: sus-president
    allegation: al-murder
    mode: rs.25.3.b.ordering
    note: Alleged to have ordered the unit to fire.
    links:
      - {{element: rs.25.3.b.ordering.1, evidence: [ev-order]}}
      - {{element: rs.25.3.b.ordering.2, evidence: [ev-order]}}
      - {{element: rs.25.3.b.ordering.3, evidence: [ev-order]}}
      - {{element: rs.25.3.b.ordering.4, evidence: [ev-order]}}
  - id: ch-president-murder-aiding
    suspect: sus-president
    allegation: al-murder
    mode: rs.25.3.c
    links:
      - {{element: rs.25.3.c.1, evidence: [ev-order]}}
  - id: ch-deputy-murder
    suspect: sus-deputy
    allegation: al-murder
    mode: rs.28.b
    links:
      - {{element: rs.28.b.1, evidence: [ev-order]}}
"""


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory) -> Path:
    case = tmp_path_factory.mktemp("suspects") / "case"
    scaffold(case)
    (case / "suspects.yaml").write_text(SUSPECTS, encoding="utf-8")
    return case


def test_the_case_with_suspects_is_clean(case_dir):
    res = run("check", case_dir, "--strict", "--format", "json")
    assert (res.code, res.diagnostics()) == (0, [])


def test_crime_base_and_linkage_are_kept_apart(case_dir):
    checked = check(case_dir)
    sa = analyse_suspects(checked.case, checked.frameworks)
    president = sa.suspect("sus-president")
    charge = next(c for c in president.charges if c.id == "ch-president-murder")
    assert charge.linkage_status == "met"  # every ordering element rests on a qualifying item
    assert charge.crime_status != "met"    # the scaffold's murder allegation does not meet the standard
    assert charge.status == charge.crime_status  # a charge is as weak as its weaker half
    crime = {a.id: a.status for a in __import__("casebuilder.analyse", fromlist=["analyse"]).analyse(
        checked.case, checked.frameworks).allegations}
    assert charge.crime_status == crime["al-murder"]  # the allegation's own analysis, shared
    deputy = sa.suspect("sus-deputy").charges[0]
    # evidence on one linkage element: "insufficient, 4 of 5 elements without evidence", never "unsupported" (#16)
    assert deputy.linkage_status == "insufficient" and [e.id for e in deputy.missing()] == ["rs.28.b.2", "rs.28.b.3",
                                                                                              "rs.28.b.4", "rs.28.b.5"]


def test_readiness_applies_only_the_standards_about_a_person(case_dir):
    checked = check(case_dir)
    ready = readiness(checked.case, checked.frameworks)
    assert list(ready) == ["reasonable-grounds", "substantial-grounds", "beyond-reasonable-doubt"]
    statuses = [next(c for c in r.suspect("sus-president").charges if c.id == "ch-president-murder").linkage_status
                for r in ready.values()]
    assert statuses[0] == "insufficient" and statuses[-1] == "insufficient"  # one origin is not enough there


def test_immunities_follow_the_offices_held_on_the_case_date(case_dir):
    checked = check(case_dir)
    case = checked.case
    president = next(s for s in case.suspects if s.id == "sus-president")
    kinds = [(i.kind, i.office) for i in immunities(case, president)]
    assert ("personal", "head-of-state") in kinds           # serving on 31 January 2026
    assert ("functional", "foreign-minister") in kinds      # former minister: a note, not a conclusion
    assert ("icc", None) in kinds
    personal = next(i for i in immunities(case, president) if i.kind == "personal")
    assert any("Arrest Warrant" in s for s in personal.sources)
    icc = next(i for i in immunities(case, president) if i.kind == "icc")
    assert any("Al-Bashir" in s for s in icc.sources) and "art. 27" in icc.text
    with_states = next(i for i in immunities(case, president, checked.frameworks) if i.kind == "icc")
    assert icc.detail == "" and "participation not recorded" in with_states.detail  # XX is not in states.yaml
    functional = next(i for i in immunities(case, president) if i.kind == "functional")
    assert functional.text.startswith("Note (not a conclusion)")
    # On 1 January 2019 the head of State was not yet serving, the foreign minister was.
    when = president.positions[0].start
    early = case.info.model_copy(update={"date": when.model_copy(update={"start": when.start.replace(year=2019),
                                                                          "end": when.end.replace(year=2019)})})
    kinds = [(i.kind, i.office) for i in immunities(dataclasses.replace(case, info=early), president)]
    assert ("personal", "foreign-minister") in kinds and ("personal", "head-of-state") not in kinds


def test_gaps_suspects_json_names_only_what_the_audience_may_see(case_dir):
    res = run("gaps", case_dir, "--suspects", "--format", "json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert data["format"] == "casebuilder-suspects/1"
    assert [s["id"] for s in data["suspects"]] == ["sus-president"]
    assert data["withheld_suspects"] == 1
    assert SECRET_NAME not in res.out
    president = data["suspects"][0]
    assert president["immunity_flag"].startswith("Immunity flag: serving head of State")
    charge = next(c for c in president["charges"] if c["id"] == "ch-president-murder")
    assert charge["mode"] == "rs.25.3.b.ordering" and charge["linkage_status"] == "met"
    assert {e["basis"] for e in charge["elements"]} == {"treaty", "case-law"}
    # A confidential audience sees the deputy, with the whereabouts.
    res = run("gaps", case_dir, "--suspects", "--format", "json", "--audience", "confidential")
    data = json.loads(res.out)
    deputy = next(s for s in data["suspects"] if s["id"] == "sus-deputy")
    assert deputy["name"] == SECRET_NAME and deputy["whereabouts"][0]["state"] == "DE"
    assert deputy["superior"] == "sus-president"


def test_gaps_suspects_table_csv_and_readiness(case_dir):
    res = run("gaps", case_dir, "--suspects")
    assert res.code == 0 and "Immunity flag: serving head of State" in res.out
    assert "1 further suspect(s) are withheld" in res.out and SECRET_NAME not in res.out
    res = run("gaps", case_dir, "--suspects", "--format", "csv")
    header, *rows = res.out.splitlines()
    assert header.startswith("standard,suspect,charge,allegation,mode")
    assert len(rows) == 6 and all("Example President Person" in r for r in rows)
    res = run("gaps", case_dir, "--suspects", "--standard", "all")
    # linkage elements partly evidenced: insufficient, never "unsupported" (#16)
    assert "readiness: reasonable-grounds: insufficient, substantial-grounds: insufficient, beyond-reasonable-doubt: insufficient" in res.out


def test_a_confidential_suspects_name_is_a_protected_string(case_dir):
    checked = check(case_dir)
    public = {p.value for p in protected_strings(checked.case, "public")}
    assert SECRET_NAME in public and "Example President Person" not in public
    assert SECRET_NAME not in {p.value for p in protected_strings(checked.case, "confidential")}


def test_briefs_show_the_section_and_the_flag(case_dir, tmp_path):
    texts = {}
    for brief in ("legal", "review", "un"):
        out = tmp_path / f"{brief}.pdf"
        res = run("build", case_dir, "--brief", brief, "-o", out)
        assert res.code == 0, res.err
        texts[brief] = "\n".join(page_texts(out.read_bytes()))
        attached = attachment_json(out.read_bytes())["suspects"]  # the analysis every PDF carries
        assert [s["id"] for s in attached["suspects"]] == ["sus-president"] and attached["withheld_suspects"] == 1
        assert attached["suspects"][0]["immunity_flag"].startswith("Immunity flag: serving head of State")
    legal = " ".join(texts["legal"].split())
    assert "Persons who may bear responsibility" in legal
    assert "Immunity flag: serving head of State" in legal
    assert "Crime base:" in legal and "Linkage:" in legal and "case-law test" in legal
    assert "One further person or entity is examined as possibly responsible but withheld" in legal
    review = " ".join(texts["review"].split())
    assert "What one more item would move" in review and "Readiness of the charges" in review
    un = " ".join(texts["un"].split())
    assert "alleged to bear responsibility" in un and "Immunity flag" in un
    for text in texts.values():
        assert SECRET_NAME not in " ".join(text.split())


def test_bundled_case_names_its_suspects_with_the_flag(tmp_path):
    res = run("gaps", BUNDLED, "--suspects", "--format", "json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    by_id = {s["id"]: s for s in data["suspects"]}
    leader = by_id["sus-supreme-leader"]
    assert leader["immunity_flag"].startswith("Immunity flag: serving head of State")
    assert {c["mode"] for c in leader["charges"]} == {"rs.28.a", "rs.25.3.b.soliciting-inducing"}
    icc = next(i for i in leader["immunities"] if i["kind"] == "icc")
    assert "Islamic Republic of Iran: a signatory, not a party" in icc["detail"]
    assert "art. 25(1)" in by_id["sus-irgc-special-forces-ilam"]["natural_person_note"]
    assert leader["natural_person_note"] is None
    # Linkage is thin: no charge of the bundled case is met, whatever its crime base.
    assert all(c["status"] != "met" for s in data["suspects"] for c in s["charges"])
    # The brief's view (the PDF of the small case above is read back; the bundled one is slow to lay out).
    out = tmp_path / "legal.html"
    assert run("build", BUNDLED, "--format", "html", "-o", out).code == 0
    html = out.read_text(encoding="utf-8")
    assert "Persons who may bear responsibility" in html and "Ali Khamenei" in html
    assert "Immunity flag: serving head of State" in html
    out = tmp_path / "un.html"
    assert run("build", BUNDLED, "--brief", "un", "--format", "html", "-o", out).code == 0
    un = out.read_text(encoding="utf-8")
    section = un[un.index('id="un-suspects"'):].split("<h1")[0]
    assert "Ali Khamenei" in section and "allegedly responsible" in section and "not a finding" in section
    assert "perpetrator" not in section.lower()


def test_linkage_gaps_are_ranked_by_what_one_more_item_would_move(case_dir):
    checked = check(case_dir)
    sa = analyse_suspects(checked.case, checked.frameworks)
    rows = one_more_item(sa.charges(), checked.frameworks.standards["reasonable-basis"].parameters)
    first = rows[0]
    # the aiding charge lacks only its mental element: one more item would complete its linkage
    assert (first["element"], first["completes"], first["moved"]) == ("rs.25.3.c.2", ["ch-president-murder-aiding"], 1)
    deputy = [r for r in rows if r["suspect"] == "sus-deputy"]
    assert [r["element"] for r in deputy] == ["rs.28.b.2", "rs.28.b.3", "rs.28.b.4", "rs.28.b.5"]
    assert all(r["moved"] == 1 and r["needed"] == 1 and not r["completes"] for r in deputy)
    strict = one_more_item(analyse_suspects(checked.case, checked.frameworks, "beyond-reasonable-doubt").charges(),
                           checked.frameworks.standards["beyond-reasonable-doubt"].parameters)
    assert all(r["moved"] == 0 for r in strict if r["needed"] > 1)  # three origins needed: one item moves nothing
