"""The suspects' outputs read back whole: the terminal table, the CSV and the JSON of `gaps --suspects`, and the
ranking of what one more item would move (the review brief's linkage gaps).

The case is the `casebuilder new` scaffold with a second crime allegation and the suspects below: one adviser
charged twice under the same mode (aiding, art. 25(3)(c)) whose mental element lacks one origin in both, a chief
named with the police force he belongs to whose ordering is contested, a unit without a charge, and a suspect
withheld below the restricted level.  Read under reasonable grounds (two independent origins needed).
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from clirun import run

from casebuilder.analyse.liability import analyse_suspects, one_more_item
from casebuilder.analyse.liability_export import linkage_gaps
from casebuilder.api import check
from casebuilder.commands.new import scaffold

SUSPECTS = """\
sources:
  - {id: src-press, name: Example Newspaper, kind: media, reliability: B, reliability_reason: Names its sources.}
  - {id: src-gov, name: Example Interior Ministry, kind: government, reliability: B, reliability_reason: Official statements.}
evidence:
  - {id: ev-order, kind: document, title: Written order, source: src-ngo, date: "2026-01-02", credibility: 2}
  - {id: ev-order-copy, kind: document, title: Second copy of the order, source: src-press, date: "2026-01-03", credibility: 2}
  - {id: ev-denial, kind: document, title: Denial by the ministry, source: src-gov, date: "2026-01-04", credibility: 1}
  - {id: ev-denial-2, kind: document, title: Inquiry report denying the order, source: src-ngo, date: "2026-01-06", credibility: 1}
suspects:
  - id: sus-aide
    name: Example Aide
    superior: sus-hidden
    nationality: [NL]
    positions:
      - {title: Adviser, office: other, from: "2024-01-01", to: "2025-06-30"}
    confidentiality: public
  - id: sus-chief
    name: Example Chief
    actor: act-police
    confidentiality: public
  - id: sus-unit
    actor: act-unit
    confidentiality: public
  - id: sus-hidden
    name: Hidden Example Official
    nationality: [DE, IR]
    confidentiality: restricted
    whereabouts:
      - {state: DE, as_of: "2026-01-20", presence: visit, confidentiality: restricted}
      - {state: FR, as_of: "2026-01-21", presence: residence, confidentiality: confidential}
charges:
  - id: ch-aide-murder
    suspect: sus-aide
    allegation: al-murder
    mode: rs.25.3.c
    links:
      - {element: rs.25.3.c.1, evidence: [ev-order, ev-order-copy]}
      - {element: rs.25.3.c.2, evidence: [ev-order]}
  - id: ch-aide-second
    suspect: sus-aide
    allegation: al-second
    mode: rs.25.3.c
    links:
      - {element: rs.25.3.c.1, evidence: [ev-order, ev-order-copy]}
      - {element: rs.25.3.c.2, evidence: [ev-order-copy]}
  - id: ch-chief-ordering
    suspect: sus-chief
    allegation: al-murder
    mode: rs.25.3.b.ordering
    links:
      - {element: rs.25.3.b.ordering.1, evidence: [ev-order, ev-order-copy]}
      - {element: rs.25.3.b.ordering.1, evidence: [ev-denial, ev-denial-2], stance: contradicts}
  - id: ch-hidden-murder
    suspect: sus-hidden
    allegation: al-murder
    mode: rs.25.3.c
"""
SECOND = """\
  - id: al-second
    title: Imprisonment of the detained demonstrators
    framework: rome-statute/article-7
    provision: rs.7.1.e
    incidents: [inc-shooting]
"""
NOTE = "Immunity note: functional immunity for official acts is contested for international crimes"
MENTAL = ("The suspect acted for the purpose of facilitating the commission of the crime (a purpose beyond mere "
          "knowledge), and with intent and knowledge as to his or her own conduct (art. 30).")


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory) -> Path:
    case = tmp_path_factory.mktemp("linkage") / "case"
    scaffold(case)
    (case / "suspects.yaml").write_text(SUSPECTS, encoding="utf-8")
    allegations = case / "allegations.yaml"
    allegations.write_text(allegations.read_text(encoding="utf-8") + SECOND, encoding="utf-8")
    return case


def test_the_case_is_clean(case_dir):
    res = run("check", case_dir, "--strict", "--format", "json")
    assert (res.code, res.diagnostics()) == (0, [])


def test_the_table_reads_each_suspect_with_offices_flag_and_charges(case_dir):
    res = run("gaps", case_dir, "--suspects", "--standard", "reasonable-grounds", "--audience", "restricted")
    assert res.code == 0, res.err
    assert res.out == f"""\
Suspects, linkage and modes of liability under Reasonable grounds to believe (reasonable-grounds)
Crime base = the allegation's own elements; linkage = the mode's elements for this suspect. Alleged, not established.

Example Aide  [NL]
  Adviser (other), 2024-01-01–2025-06-30
  ! {NOTE}
  Crime against humanity of murder — Aiding, abetting or otherwise assisting (Rome Statute, art. 25(3)(c))
    crime base: insufficient; linkage: insufficient; charge: insufficient
      met            rs.25.3.c.1
      insufficient   rs.25.3.c.2
  Imprisonment of the detained demonstrators — Aiding, abetting or otherwise assisting (Rome Statute, art. 25(3)(c))
    crime base: unsupported; linkage: insufficient; charge: unsupported
      met            rs.25.3.c.1
      insufficient   rs.25.3.c.2

Example Chief (Example police force)
  Crime against humanity of murder — Ordering (Rome Statute, art. 25(3)(b))
    crime base: insufficient; linkage: insufficient; charge: insufficient
      contested      rs.25.3.b.ordering.1 (case-law test)
      unsupported    rs.25.3.b.ordering.2 (case-law test)
      unsupported    rs.25.3.b.ordering.3
      unsupported    rs.25.3.b.ordering.4

Hidden Example Official  [DE, IR]
  Crime against humanity of murder — Aiding, abetting or otherwise assisting (Rome Statute, art. 25(3)(c))
    crime base: insufficient; linkage: unsupported; charge: unsupported
      unsupported    rs.25.3.c.1
      unsupported    rs.25.3.c.2

Example riot-police unit
  no charge recorded
"""


def test_the_table_under_every_standard_gives_the_readiness_and_counts_the_withheld(case_dir):
    res = run("gaps", case_dir, "--suspects", "--standard", "all")
    assert res.code == 0, res.err
    lines = res.out.splitlines()
    assert lines[0] == ("Suspects, linkage and modes of liability under Reasonable basis to believe (to proceed with an "
                        "investigation) (reasonable-basis)")
    assert lines[7:11] == [
        "    crime base: insufficient; linkage: met; charge: insufficient",
        "    readiness: reasonable-grounds: insufficient, substantial-grounds: insufficient, "
        "beyond-reasonable-doubt: insufficient",
        "      met            rs.25.3.c.1",
        "      met            rs.25.3.c.2"]
    assert lines[-2:] == ["", "1 further suspect(s) are withheld at this audience level."]
    assert "Hidden Example Official" not in res.out


def test_a_case_without_suspects_says_so(tmp_path):
    case = tmp_path / "case"
    scaffold(case)
    res = run("gaps", case, "--suspects")
    assert res.code == 0, res.err
    assert res.out.splitlines()[-2:] == ["", "The case records no suspects."]


def test_the_csv_has_one_row_per_linkage_element_with_the_flag(case_dir):
    res = run("gaps", case_dir, "--suspects", "--standard", "reasonable-grounds", "--format", "csv")
    assert res.code == 0, res.err
    rows = list(csv.reader(io.StringIO(res.out)))
    assert rows[0] == ["standard", "suspect", "charge", "allegation", "mode", "citation", "crime_status",
                       "linkage_status", "status", "element", "basis", "element_status", "immunity"]
    aide = ["reasonable-grounds", "Example Aide"]
    chief = ["reasonable-grounds", "Example Chief (Example police force)", "ch-chief-ordering", "al-murder",
             "rs.25.3.b.ordering", "Rome Statute, art. 25(3)(b)", "insufficient", "insufficient", "insufficient"]
    assert rows[1:] == [
        aide + ["ch-aide-murder", "al-murder", "rs.25.3.c", "Rome Statute, art. 25(3)(c)", "insufficient",
                "insufficient", "insufficient", "rs.25.3.c.1", "treaty", "met", NOTE],
        aide + ["ch-aide-murder", "al-murder", "rs.25.3.c", "Rome Statute, art. 25(3)(c)", "insufficient",
                "insufficient", "insufficient", "rs.25.3.c.2", "treaty", "insufficient", NOTE],
        aide + ["ch-aide-second", "al-second", "rs.25.3.c", "Rome Statute, art. 25(3)(c)", "unsupported",
                "insufficient", "unsupported", "rs.25.3.c.1", "treaty", "met", NOTE],
        aide + ["ch-aide-second", "al-second", "rs.25.3.c", "Rome Statute, art. 25(3)(c)", "unsupported",
                "insufficient", "unsupported", "rs.25.3.c.2", "treaty", "insufficient", NOTE],
        chief + ["rs.25.3.b.ordering.1", "case-law", "contested", ""],
        chief + ["rs.25.3.b.ordering.2", "case-law", "unsupported", ""],
        chief + ["rs.25.3.b.ordering.3", "treaty", "unsupported", ""],
        chief + ["rs.25.3.b.ordering.4", "treaty", "unsupported", ""],
    ]


def _json(case_dir, audience: str, *extra) -> dict:
    res = run("gaps", case_dir, "--suspects", "--standard", "reasonable-grounds", "--format", "json",
              "--audience", audience, *extra)
    assert res.code == 0, res.err
    return json.loads(res.out)


def test_the_json_shows_superiors_and_whereabouts_only_at_their_level(case_dir):
    public = _json(case_dir, "public")
    assert [s["id"] for s in public["suspects"]] == ["sus-aide", "sus-chief", "sus-unit"]
    assert public["withheld_suspects"] == 1 and public["readiness_standards"] == []
    assert public["suspects"][0]["superior"] is None  # the superior is withheld at this level
    restricted = {s["id"]: s for s in _json(case_dir, "restricted")["suspects"]}
    assert restricted["sus-aide"]["superior"] == "sus-hidden"
    assert restricted["sus-hidden"]["whereabouts"] == [{"state": "DE", "as_of": "2026-01-20", "presence": "visit"}]
    confidential = {s["id"]: s for s in _json(case_dir, "confidential")["suspects"]}
    assert confidential["sus-hidden"]["whereabouts"] == [
        {"state": "DE", "as_of": "2026-01-20", "presence": "visit"},
        {"state": "FR", "as_of": "2026-01-21", "presence": "residence"}]


def test_the_json_of_a_suspect(case_dir):
    doc = _json(case_dir, "restricted")
    assert (doc["format"], doc["case"], doc["standard"], doc["standard_title"]) == (
        "casebuilder-suspects/1", "case", "reasonable-grounds", "Reasonable grounds to believe")
    aide, chief, hidden, unit = doc["suspects"]
    assert {k: v for k, v in aide.items() if k not in ("charges", "immunities")} == {
        "id": "sus-aide", "name": "Example Aide", "actor": None, "nationality": ["NL"],
        "positions": [{"title": "Adviser", "office": "other", "organisation": None, "state": None,
                       "from": "2024-01-01", "to": "2025-06-30"}],
        "superior": "sus-hidden", "whereabouts": [], "immunity_flag": NOTE, "natural_person_note": None}
    assert [i["kind"] for i in aide["immunities"]] == ["functional", "icc"]
    murder = aide["charges"][0]
    assert {k: v for k, v in murder.items() if k != "elements"} == {
        "id": "ch-aide-murder", "allegation": "al-murder", "allegation_title": "Crime against humanity of murder",
        "mode": "rs.25.3.c", "mode_title": "Aiding, abetting or otherwise assisting",
        "citation": "Rome Statute, art. 25(3)(c)", "crime_status": "insufficient", "linkage_status": "insufficient",
        "status": "insufficient", "missing": ["rs.25.3.c.2"]}
    mental = murder["elements"][1]
    assert (mental["id"], mental["status"], mental["basis"], mental["qualifying_origins"]) == (
        "rs.25.3.c.2", "insufficient", "treaty", 1)
    assert [e["basis"] for e in chief["charges"][0]["elements"]] == ["case-law", "case-law", "treaty", "treaty"]
    assert chief["charges"][0]["missing"] == ["rs.25.3.b.ordering.1", "rs.25.3.b.ordering.2", "rs.25.3.b.ordering.3",
                                             "rs.25.3.b.ordering.4"]
    assert (chief["name"], chief["actor"], chief["immunity_flag"]) == (
        "Example Chief (Example police force)", "act-police", None)
    assert (hidden["nationality"], hidden["charges"][0]["status"]) == (["DE", "IR"], "unsupported")
    assert unit["charges"] == [] and unit["natural_person_note"].startswith("Named as a unit:")


def test_the_json_under_every_standard_gives_each_charges_readiness(case_dir):
    res = run("gaps", case_dir, "--suspects", "--standard", "all", "--format", "json")
    doc = json.loads(res.out)
    assert doc["readiness_standards"] == ["reasonable-grounds", "substantial-grounds", "beyond-reasonable-doubt"]
    aide = doc["suspects"][0]
    assert [c["readiness"] for c in aide["charges"]] == [
        {"reasonable-grounds": "insufficient", "substantial-grounds": "insufficient",
         "beyond-reasonable-doubt": "insufficient"},
        {"reasonable-grounds": "unsupported", "substantial-grounds": "unsupported",
         "beyond-reasonable-doubt": "unsupported"}]


def test_one_more_item_ranks_the_element_that_would_complete_two_charges_first(case_dir):
    checked = check(case_dir)
    fs = checked.frameworks
    params = fs.standards["reasonable-grounds"].parameters
    sa = analyse_suspects(checked.case, fs, "reasonable-grounds")
    rows = one_more_item(sa.charges(), params)
    ordering = {e.id: (e.text, e.citation.short()) for e in
                next(c for c in sa.charges() if c.id == "ch-chief-ordering").elements}

    def chief(element, needed):
        text, citation = ordering[element]
        return {"suspect": "sus-chief", "element": element, "text": text, "citation": citation,
                "charges": ["ch-chief-ordering"], "moved": 0, "needed": needed, "completes": []}

    assert rows == [
        # one origin short in both of the adviser's charges, and the only element either lacks
        {"suspect": "sus-aide", "element": "rs.25.3.c.2", "text": MENTAL, "citation": "Rome Statute, art. 25(3)(c)",
         "charges": ["ch-aide-murder", "ch-aide-second"], "moved": 2, "needed": 1,
         "completes": ["ch-aide-murder", "ch-aide-second"]},
        # contested: enough origins, but the denials weigh; one more item does not decide it
        chief("rs.25.3.b.ordering.1", 0),
        # nothing linked: two origins needed
        chief("rs.25.3.b.ordering.2", 2),
        chief("rs.25.3.b.ordering.3", 2),
        chief("rs.25.3.b.ordering.4", 2),
        {"suspect": "sus-hidden", "element": "rs.25.3.c.1", "text": next(
            e.text for c in sa.charges() if c.id == "ch-hidden-murder" for e in c.elements if e.id == "rs.25.3.c.1"),
         "citation": "Rome Statute, art. 25(3)(c)", "charges": ["ch-hidden-murder"], "moved": 0, "needed": 2,
         "completes": []},
        {"suspect": "sus-hidden", "element": "rs.25.3.c.2", "text": MENTAL, "citation": "Rome Statute, art. 25(3)(c)",
         "charges": ["ch-hidden-murder"], "moved": 0, "needed": 2, "completes": []},
    ]
    assert ordering["rs.25.3.b.ordering.1"][1].startswith("ICC Trial Chamber VI, Prosecutor v. Ntaganda")
    # the review brief's view: only the suspects the audience may see, each with the name it may see
    shown = linkage_gaps(sa, checked.case, "public", params)
    assert [(r["suspect"], r["suspect_name"], r["element"]) for r in shown] == [
        ("sus-aide", "Example Aide", "rs.25.3.c.2"),
        ("sus-chief", "Example Chief (Example police force)", "rs.25.3.b.ordering.1"),
        ("sus-chief", "Example Chief (Example police force)", "rs.25.3.b.ordering.2"),
        ("sus-chief", "Example Chief (Example police force)", "rs.25.3.b.ordering.3"),
        ("sus-chief", "Example Chief (Example police force)", "rs.25.3.b.ordering.4")]


def test_readiness_reuses_the_crime_analyses_given_and_labels_with_the_labeller(case_dir):
    from casebuilder.analyse import analyse
    from casebuilder.analyse.liability import readiness
    checked = check(case_dir)
    case, fs = checked.case, checked.frameworks
    given = {sid: analyse(case, fs, sid) for sid in ("reasonable-grounds", "beyond-reasonable-doubt")}

    def label(pid: str) -> str:
        return f"person {pid}"

    ready = readiness(case, fs, given, label)
    assert list(ready) == ["reasonable-grounds", "substantial-grounds", "beyond-reasonable-doubt"]
    for sid, sa in ready.items():
        crime = next(c for c in sa.charges() if c.id == "ch-aide-murder").crime
        if sid in given:  # the caller's own analysis is the crime base, not a second one
            assert crime is given[sid].allegation("al-murder")
        else:
            assert crime is not None and crime.status == "insufficient"
        assert sa.linkage.label is label
    assert ready["reasonable-grounds"].suspect("sus-nobody") is None


def test_two_personal_offices_at_once_are_both_flagged(case_dir):
    checked = check(case_dir)
    aide = next(s for s in checked.case.suspects if s.id == "sus-aide")
    start = aide.positions[0].start
    both = [aide.positions[0].model_copy(update={"office": office, "title": title, "end": None})
            for office, title in (("head-of-state", "President"), ("foreign-minister", "Acting Foreign Minister"))]
    from casebuilder.analyse.liability import immunities, immunity_flag
    imms = immunities(checked.case, aide.model_copy(update={"positions": both}))
    assert start.text == "2024-01-01" and [i.kind for i in imms] == ["personal", "personal", "icc"]
    assert immunity_flag(imms) == ("Immunity flag: serving head of State, minister for foreign affairs — personal "
                                   "immunity before foreign national courts while in office; see art. 27 for the ICC")


def test_a_suspect_named_only_through_an_individual_or_an_unknown_actor_gets_no_entity_note(case_dir):
    from casebuilder.analyse.liability import display_name, natural_person_note
    checked = check(case_dir)
    case = checked.case
    unit = next(s for s in case.suspects if s.id == "sus-unit")
    person = next(a for a in case.actors if a.id == "act-unit").model_copy(update={"kind": "individual"})
    case_with_person = dataclasses.replace(case, actors=[a for a in case.actors if a.id != "act-unit"] + [person])
    assert natural_person_note(case_with_person, unit) is None  # an individual is a natural person already
    assert natural_person_note(case, unit).startswith("Named as a unit:")
    stray = unit.model_copy(update={"actor": "act-nowhere"})
    assert natural_person_note(case, stray) is None and display_name(case, stray) == "act-nowhere"


def test_a_mode_whose_law_does_not_apply_leaves_nothing_missing(case_dir, tmp_path):
    """A frameworks folder whose art. 25 modes apply only in an international armed conflict: in this case (no armed
    conflict) the aiding charge's linkage does not apply, and none of its elements is reported as missing."""
    import shutil
    frameworks = tmp_path / "frameworks"
    shutil.copytree(Path(__file__).resolve().parents[2] / "frameworks", frameworks)
    art25 = frameworks / "liability" / "article-25.yaml"
    text = art25.read_text(encoding="utf-8")
    assert text.count("armed_conflict: [none, non-international, international]") == 1
    art25.write_text(text.replace("armed_conflict: [none, non-international, international]",
                                  "armed_conflict: [international]"), encoding="utf-8")
    checked = check(case_dir, frameworks)
    sa = analyse_suspects(checked.case, checked.frameworks, "reasonable-grounds")
    aiding = next(c for c in sa.charges() if c.id == "ch-aide-murder")
    assert aiding.linkage_status == "not_applicable"
    assert [e.status for e in aiding.elements] == ["not_applicable", "not_applicable"]
    assert aiding.missing() == []
    ordering = next(c for c in sa.charges() if c.id == "ch-chief-ordering")  # art. 25(3)(b) too
    assert ordering.missing() == []


def test_the_crime_base_is_analysed_under_the_standard_asked_unless_given(case_dir):
    """Under reasonable grounds the crime base is weighed against two origins, whatever the case's own standard
    (reasonable basis), and an analysis under another standard is not taken for it."""
    from casebuilder.analyse import analyse
    checked = check(case_dir)
    case, fs = checked.case, checked.frameworks
    strict = analyse(case, fs, "beyond-reasonable-doubt")
    for sa in (analyse_suspects(case, fs, "reasonable-grounds"),
               analyse_suspects(case, fs, "reasonable-grounds", crime=strict)):
        crime = next(c for c in sa.charges() if c.id == "ch-aide-murder").crime
        assert crime is not strict.allegation("al-murder")
        words = " ".join(r.message for e in crime.elements for r in e.reasons)
        assert "reasonable-grounds needs 2" in words and "reasonable-basis" not in words and "beyond" not in words


def test_charges_the_record_cannot_resolve_are_left_out(case_dir, tmp_path):
    """`check` reports a charge under an unknown mode, of an unknown suspect or on an unknown allegation; the
    analysis leaves each out rather than failing or weighing it."""
    import shutil
    case = tmp_path / "case"
    shutil.copytree(case_dir, case)
    suspects = case / "suspects.yaml"
    suspects.write_text(suspects.read_text(encoding="utf-8") + """\
  - id: ch-unknown-mode
    suspect: sus-aide
    allegation: al-murder
    mode: rs.25.3.z
  - id: ch-unknown-suspect
    suspect: sus-nobody
    allegation: al-murder
    mode: rs.25.3.c
  - id: ch-unknown-allegation
    suspect: sus-aide
    allegation: al-nothing
    mode: rs.25.3.c
  - id: ch-unknown-provision
    suspect: sus-chief
    allegation: al-unknown-provision
    mode: rs.25.3.c
  - id: ch-untitled
    suspect: sus-chief
    allegation: al-untitled
    mode: rs.25.3.c
""", encoding="utf-8")
    allegations = case / "allegations.yaml"
    allegations.write_text(allegations.read_text(encoding="utf-8") + """\
  - id: al-unknown-provision
    title: An act the framework does not define
    framework: rome-statute/article-7
    provision: rs.7.1.zz
  - id: al-untitled
    framework: rome-statute/article-7
    provision: rs.7.1.zz
""", encoding="utf-8")
    checked = check(case)
    assert {d.code for d in checked.diagnostics.items if d.severity == "error"} >= {"unknown-reference"}
    sa = analyse_suspects(checked.case, checked.frameworks, "reasonable-grounds")
    assert [c.id for c in sa.charges()] == ["ch-aide-murder", "ch-aide-second", "ch-chief-ordering", "ch-unknown-provision",
                                            "ch-untitled", "ch-hidden-murder"]
    assert sorted(a.id for a in sa.linkage.allegations) == ["ch-aide-murder", "ch-aide-second", "ch-chief-ordering",
                                                            "ch-hidden-murder", "ch-unknown-provision", "ch-untitled"]
    # an allegation under a provision the framework does not define has no analysis: no crime base to apply
    unknown = {c.id: c for c in sa.charges() if c.crime is None}
    assert [(c.allegation_title, c.crime_status, c.status) for c in unknown.values()] == [
        ("An act the framework does not define", "not_applicable", "not_applicable"),
        ("al-untitled", "not_applicable", "not_applicable")]


def test_suspects_without_charges_have_no_linkage_analysis(tmp_path):
    case = tmp_path / "case"
    scaffold(case)
    (case / "suspects.yaml").write_text("suspects:\n  - {id: sus-a, name: Example Person, confidentiality: public}\n",
                                        encoding="utf-8")
    checked = check(case)
    sa = analyse_suspects(checked.case, checked.frameworks)
    assert sa.linkage is None and [(s.id, s.charges) for s in sa.suspects] == [("sus-a", ())]
    assert (sa.standard, sa.standard_title) == ("reasonable-basis", checked.frameworks.standards["reasonable-basis"].title)


def test_a_charge_whose_crime_does_not_apply_and_a_mode_met_through_one_alternative(case_dir, tmp_path):
    """A war crime charged in a case without an armed conflict is not applicable whatever its linkage; art. 25(3)(d)
    met through its first alternative (the aim of furthering the group's activity) does not miss the second."""
    import shutil
    case = tmp_path / "case"
    shutil.copytree(case_dir, case)
    info = case / "case.yaml"
    info.write_text(info.read_text(encoding="utf-8").replace(
        "frameworks: [rome-statute/article-7]", "frameworks: [rome-statute/article-7, rome-statute/article-8-medical]"),
        encoding="utf-8")
    allegations = case / "allegations.yaml"
    allegations.write_text(allegations.read_text(encoding="utf-8") + """\
  - id: al-hospital
    title: Attack on the hospital
    framework: rome-statute/article-8-medical
    provision: rs.8.2.e.iv
    incidents: [inc-shooting]
""", encoding="utf-8")
    suspects = case / "suspects.yaml"
    suspects.write_text(suspects.read_text(encoding="utf-8") + """\
  - id: ch-chief-hospital
    suspect: sus-chief
    allegation: al-hospital
    mode: rs.25.3.c
    links:
      - {element: rs.25.3.c.1, evidence: [ev-order, ev-order-copy]}
      - {element: rs.25.3.c.2, evidence: [ev-order, ev-order-copy]}
  - id: ch-chief-group
    suspect: sus-chief
    allegation: al-murder
    mode: rs.25.3.d
    links:
      - {element: rs.25.3.d.i, evidence: [ev-order, ev-order-copy]}
""", encoding="utf-8")
    checked = check(case)
    assert not checked.diagnostics.has_errors()
    sa = analyse_suspects(checked.case, checked.frameworks, "reasonable-grounds")
    hospital = next(c for c in sa.charges() if c.id == "ch-chief-hospital")
    assert (hospital.crime_status, hospital.linkage_status, hospital.status) == ("not_applicable", "met", "not_applicable")
    assert (hospital.allegation_title, hospital.framework, hospital.mode_citation) == (
        "Attack on the hospital", "liability/article-25", "Rome Statute, art. 25(3)(c)")
    group = next(c for c in sa.charges() if c.id == "ch-chief-group")
    statuses = {e.id: e.status for e in group.elements}
    assert statuses["rs.25.3.d.i"] == "met" and statuses["rs.25.3.d.ii"] == "unsupported"
    assert [e.id for e in group.missing()] == ["rs.25.3.d.1", "rs.25.3.d.2", "rs.25.3.d.3"]
    chief = sa.suspect("sus-chief")
    assert (chief.actor, chief.confidentiality) == ("act-police", "public")
    assert sa.suspect("sus-hidden").confidentiality == "restricted"


def test_the_icc_note_names_each_nationalitys_recorded_participation_as_the_record_gives_it(case_dir):
    """Rows read in the depositary record carry no mark; a State not party is said so; a withdrawal with its date."""
    from casebuilder.analyse.liability import immunities
    from casebuilder.load import FrameworkSet
    from casebuilder.models.framework import Participation, State

    def state(code, name, **row):
        return State(code=code, name=name, participation=[Participation(treaty="rome-statute", source="depositary",
                                                                        **row)])

    fs = FrameworkSet(states={s.code: s for s in (
        state("XA", "State A", status="party", ratified="2002-01-02"),
        state("XN", "State N", status="not-party"),
        state("XW", "State W", status="withdrawn", ratified="2002-01-02", withdrawal_effective="2019-03-17"))})
    checked = check(case_dir)
    aide = next(s for s in checked.case.suspects if s.id == "sus-aide").model_copy(
        update={"nationality": ["XA", "XN", "XW"]})
    icc = next(i for i in immunities(checked.case, aide, fs) if i.kind == "icc")
    assert icc.detail == ("Recorded participation of the State of nationality in the Rome Statute: State A: a party; "
                          "State N: not a party; State W: withdrawn (effective 17 March 2019).")


def test_linkage_evidence_is_shown_through_the_audiences_view(case_dir, tmp_path):
    """At the public level a confidential testimony linked to a suspect's element is a withheld item by its opaque
    reference, and a witness whose identity is withheld is named by the pseudonym, in the items and the reasons."""
    import shutil
    case = tmp_path / "case"
    shutil.copytree(case_dir, case)
    suspects = case / "suspects.yaml"
    text = suspects.read_text(encoding="utf-8")
    text = text.replace("      - {element: rs.25.3.c.2, evidence: [ev-order]}",
                        "      - {element: rs.25.3.c.2, evidence: [ev-order, ev-testimony, ev-statement]}", 1)
    text = text.replace("suspects:\n", """\
  - {id: ev-statement, kind: testimony, title: Statement relayed by the NGO, source: src-ngo, derived_from: [p-witness], date: "2026-01-07", credibility: 2, confidentiality: public}
suspects:
""", 1)
    suspects.write_text(text, encoding="utf-8")
    mental = _json(case, "public")["suspects"][0]["charges"][0]["elements"][1]
    assert [(s["evidence"], s["withheld"], s["origins"]) for s in mental["supporting"]] == [
        ("ev-order", False, ["src-ngo"]), ("ev-statement", False, ["Witness A"]), ("E-07", True, [])]
    assert mental["origins"] == ["Witness A", "src-ngo"]
    assert [r["message"] for r in mental["reasons"]] == [
        "2 qualifying independent origins: Witness A, src-ngo; reasonable-grounds needs 2"]
    assert "p-witness" not in json.dumps(_json(case, "public")) and "ev-testimony" not in json.dumps(_json(case, "public"))


def test_the_suspects_json_without_the_frameworks_and_with_an_unresolved_superior(case_dir):
    """Without the frameworks every element's basis is the treaty's; a superior the record cannot resolve is shown
    as recorded (`check` reports it)."""
    from casebuilder.analyse.liability_export import suspects_json
    checked = check(case_dir)
    case = checked.case
    aide = next(s for s in case.suspects if s.id == "sus-aide")
    case = dataclasses.replace(case, suspects=[aide.model_copy(update={"superior": "sus-nobody"}) if s.id == "sus-aide"
                                               else s for s in case.suspects])
    sa = analyse_suspects(case, checked.frameworks, "reasonable-grounds")
    doc = suspects_json(sa, case, "public")
    assert doc["suspects"][0]["superior"] == "sus-nobody"
    assert {e["basis"] for s in doc["suspects"] for c in s["charges"] for e in c["elements"]} == {"treaty"}


def test_the_table_wraps_the_immunity_flag_at_100_columns_and_shows_an_office_still_held(case_dir):
    from casebuilder.analyse.liability_export import suspects_csv, suspects_table
    checked = check(case_dir)
    case = checked.case
    aide = next(s for s in case.suspects if s.id == "sus-aide")
    president = aide.positions[0].model_copy(update={"title": "President", "office": "head-of-state", "end": None})
    case = dataclasses.replace(case, suspects=[aide.model_copy(update={"positions": [president]}) if s.id == "sus-aide"
                                               else s for s in case.suspects])
    sa = analyse_suspects(case, checked.frameworks, "reasonable-grounds")
    lines = suspects_table(sa, case, "public").splitlines()
    assert lines[3:7] == [
        "Example Aide  [NL]",
        "  President (head-of-state), 2024-01-01–in office",
        "  ! Immunity flag: serving head of State — personal immunity before foreign national courts while in",
        "    office; see art. 27 for the ICC"]
    assert "\r" not in suspects_csv(sa, case, "public", checked.frameworks)  # one line feed per row


def test_the_suspects_json_names_persons_with_the_labeller_given(case_dir, tmp_path):
    import shutil
    from casebuilder.analyse.liability_export import suspects_json
    case_path = tmp_path / "case"
    shutil.copytree(case_dir, case_path)
    suspects = case_path / "suspects.yaml"
    suspects.write_text(suspects.read_text(encoding="utf-8").replace(
        "      - {element: rs.25.3.c.2, evidence: [ev-order]}",
        "      - {element: rs.25.3.c.2, evidence: [ev-order, ev-statement]}", 1).replace("suspects:\n", """\
  - {id: ev-statement, kind: testimony, title: Statement relayed by the NGO, source: src-ngo, derived_from: [p-witness], date: "2026-01-07", credibility: 2, confidentiality: public}
suspects:
""", 1), encoding="utf-8")
    checked = check(case_path)
    sa = analyse_suspects(checked.case, checked.frameworks, "reasonable-grounds")
    doc = suspects_json(sa, checked.case, "public", label=lambda pid: f"person {pid[2:]}")
    mental = doc["suspects"][0]["charges"][0]["elements"][1]
    assert mental["origins"] == ["person witness", "src-ngo"]
