"""The gap analysis of the bundled case cases/iran-2026: the picture a reviewer would sign.

Checked as invariants, not as hard-coded counts, so that the case can grow: relayed reports never
add origins, the rules that need an armed conflict do not apply, denials are never dropped, and
every element short of `met` says why and what would help.
"""
from __future__ import annotations

import json

import pytest

from casebuilder.analyse import analyse_all
from casebuilder.api import check
from clirun import REPO, run

CASE = REPO / "cases" / "iran-2026"


@pytest.fixture(scope="module")
def checked():
    assert CASE.is_dir(), f"the bundled case is missing: {CASE}"
    res = check(CASE)
    assert not res.diagnostics.has_errors(), "the bundled case must pass `check`:\n" + "\n".join(
        str(d) for d in res.diagnostics)
    return res


@pytest.fixture(scope="module")
def doc(checked):
    res = run("gaps", CASE, "--format", "json")
    assert res.code == 0, res.err
    return json.loads(res.out)


def test_rules_needing_an_armed_conflict_do_not_apply(checked, doc):
    assert checked.case.info.situation.armed_conflict == "none"
    needs_conflict = {fid for fid, fw in checked.frameworks.frameworks.items()
                      if "none" not in fw.applicability.armed_conflict}
    assert needs_conflict >= {"rome-statute/article-8-medical", "ihl/medical-neutrality"}
    for a in doc["allegations"]:
        fw = checked.frameworks.frameworks[a["framework"]]
        prov = fw.provision(a["provision"])
        if "none" not in fw.applicability_of(prov).armed_conflict:
            assert a["status"] == "not_applicable"
            assert a["applicability"]["reasons"][0]["code"] == "no-armed-conflict"
            assert all(e["status"] == "not_applicable" for e in a["elements"])


def test_relayed_reports_never_add_origins(checked):
    an = analyse_all(checked.case, checked.frameworks)["reasonable-basis"]
    for a in (*an.allegations, *an.contexts):
        for e in a.elements:
            union = {o for i in e.supporting for o in i.origins}
            assert e.independent_origins == len(union) <= len(e.supporting)
            assert e.qualifying_origins <= e.independent_origins


def test_denials_are_shown_and_weighed(doc):
    denials = 0
    for a in (*doc["allegations"], *doc["contexts"]):
        for e in a["elements"]:
            named = [r for r in e["reasons"] if r["code"] == "interested-party-denial"]
            interested = [i for i in e["contradicting"] if i["interested_party"]]
            if e["status"] != "not_applicable":
                assert len(named) == len(interested)
                denials += len(named)
                if e["contradicting"] and e["supporting"]:
                    assert {r["code"] for r in e["reasons"]} & {
                        "contradicted", "contradiction-outweighed", "contradiction-below-bar",
                        "insufficient-and-contradicted", "for-legal-evaluation", "derived-element"}
    assert denials > 0


def test_every_gap_has_a_reason_and_a_suggestion(doc):
    for a in doc["allegations"]:
        for e in a["elements"]:
            if e["status"] not in ("met", "for_legal_evaluation", "derived"):
                assert e["reasons"] and e["suggestions"], (a["id"], e["id"])


def test_the_public_view_names_no_protected_person(checked, doc):
    text = json.dumps(doc, ensure_ascii=False)
    for p in checked.case.persons:
        if p.protection != "none":
            for s in filter(None, (p.name, p.name_original, *p.aliases)):
                assert s not in text
            if p.clearance and p.clearance != "public":
                assert f'"{p.id}"' not in text


def test_figures_carry_the_chain_grade_not_the_claimant_grade(checked):
    """A figure that reaches the case only through a weak relay is graded by that relay (review §3.2 item 7)."""
    from casebuilder.analyse.figures import chain_grades
    from casebuilder.analyse.grades import rel_rank
    grades_ = chain_grades(checked.case)
    assert grades_ and set(grades_) == {f.id for f in checked.case.figures}
    weaker = [g for g in grades_.values() if rel_rank(g.grade) > rel_rank(g.claimant_grade)]
    assert weaker, "some tolls claimed by a B source reach the case only through D relays"
    for g in weaker:
        assert g.relayed_by, g
