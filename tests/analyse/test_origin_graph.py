"""The origin graph on a hearsay chain that loops (which `check` reports as an error): the analysis still
answers, cuts each loop where it closes, and gives the same origins whatever order the items are asked in."""
from __future__ import annotations

from pathlib import Path

import pytest

from casebuilder.analyse.origins import OriginGraph
from casebuilder.analyse import analyse
from casebuilder.analyse.weigh import effective_reliability
from casebuilder.api import check
from casebuilder.commands.new import scaffold

LOOP = """\
sources:
  - {id: src-paper, name: Paper, kind: media, reliability: B, reliability_reason: test}
  - {id: src-tv, name: TV, kind: media, reliability: B, reliability_reason: test}
  - {id: src-wire, name: Wire, kind: media, reliability: A, reliability_reason: test}
  - {id: src-blog, name: Blog, kind: other, reliability: D, reliability_reason: test}
persons:
  - {id: p-w, role: witness, protection: pseudonym, pseudonym: Witness W, clearance: confidential}
evidence:
  - {id: ev-a, kind: report, source: src-paper, derived_from: [ev-b, p-w], credibility: 2}
  - {id: ev-b, kind: report, source: src-tv, derived_from: [ev-a], credibility: 2}
  - {id: ev-c, kind: media-report, source: src-tv, derived_from: [ev-b], credibility: 2}
  - {id: ev-orphan, kind: report, source: src-missing, credibility: 2}
  - {id: ev-footage, kind: video, source: src-tv, credibility: 2}
  - {id: ev-relays-orphan, kind: media-report, source: src-tv, derived_from: [ev-orphan], credibility: 2}
  - {id: ev-base, kind: report, source: src-paper, credibility: 2}
  - {id: ev-mid, kind: media-report, source: src-paper, derived_from: [ev-base], credibility: 2}
  - {id: ev-left, kind: media-report, source: src-tv, derived_from: [ev-mid], credibility: 2}
  - {id: ev-right, kind: media-report, source: src-tv, derived_from: [ev-mid], credibility: 2}
  - {id: ev-top, kind: media-report, source: src-tv, derived_from: [ev-left, ev-right], credibility: 2}
  - {id: ev-la, kind: media-report, source: src-wire, derived_from: [ev-lb], credibility: 2}
  - {id: ev-lb, kind: media-report, source: src-wire, derived_from: [ev-lc], credibility: 2}
  - {id: ev-lc, kind: media-report, source: src-blog, derived_from: [ev-la], credibility: 2}
"""
ALLEGATION = """\
  - id: al-unknown-item
    framework: rome-statute/article-7
    provision: rs.7.1.a
    links:
      - {element: rs.7.1.a.1, evidence: [ev-unknown, ev-footage, ev-absent]}
  - id: al-loop-1
    framework: rome-statute/article-7
    provision: rs.7.1.a
    links:
      - {element: rs.7.1.a.1, evidence: [ev-lb]}
  - id: al-loop-2
    framework: rome-statute/article-7
    provision: rs.7.1.a
    links:
      - {element: rs.7.1.a.1, evidence: [ev-la]}
"""


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    case = tmp_path_factory.mktemp("loop") / "case"
    scaffold(case)
    (case / "loop.yaml").write_text(LOOP, encoding="utf-8")
    allegations = case / "allegations.yaml"
    allegations.write_text(allegations.read_text(encoding="utf-8") + ALLEGATION, encoding="utf-8")
    return check(case)


def graph(checked) -> OriginGraph:
    c = checked.case
    return OriginGraph(c.evidence, {s.id: s for s in c.sources}, {p.id: p for p in c.persons}.keys())


def test_check_reports_the_loop_and_the_unknown_source(checked):
    codes = {d.code for d in checked.diagnostics}
    assert "cycle" in codes and len(codes) >= 2


def test_an_item_from_an_unknown_source_is_its_own_origin_and_cannot_be_judged(checked):
    g = graph(checked)
    sources = {s.id: s for s in checked.case.sources}
    assert g.origins("ev-orphan") == {"ev-orphan"} and g.origins("ev-relays-orphan") == {"ev-orphan"}
    assert effective_reliability(g.item("ev-orphan"), g, sources) == "F"
    # F says nothing: the relay's own judged grade (B) stands
    assert effective_reliability(g.item("ev-relays-orphan"), g, sources) == "B"


def test_reliability_along_a_looping_chain_ends(checked):
    g = graph(checked)
    sources = {s.id: s for s in checked.case.sources}
    assert [effective_reliability(g.item(i), g, sources) for i in ("ev-a", "ev-b", "ev-c")] == ["B", "B", "B"]


ORDERS = [("ev-a", "ev-b", "ev-c"), ("ev-c", "ev-b", "ev-a"), ("ev-b", "ev-c", "ev-a")]


@pytest.mark.parametrize("order", ORDERS, ids=["-".join(o) for o in ORDERS])
def test_a_loop_is_cut_where_it_closes_whatever_the_order_asked(checked, order):
    g = graph(checked)
    got = {eid: g.origins(eid) for eid in order}
    # From ev-a the loop closes at ev-a: ev-b (relaying only ev-a) is then an original item, its source an origin.
    assert got["ev-a"] == {"p-w", "src-tv"}
    # From ev-b or ev-c it closes at ev-b: ev-a's own origins are the witness only.
    assert got["ev-b"] == {"p-w"} and got["ev-c"] == {"p-w"}
    assert g.origins("p-w") == {"p-w"} and g.origins("ev-unknown") == {"ev-unknown"}


def test_the_chain_holds_every_item_relayed_once_sorted(checked):
    g = graph(checked)
    assert [e.id for e in g.chain("ev-c")] == ["ev-a", "ev-b", "ev-c"]
    assert [e.id for e in g.chain("ev-a")] == ["ev-a", "ev-b"]
    assert g.chain("ev-unknown") == ()
    assert g.attribution("ev-a") == "relayed" and g.attribution("ev-unknown") == "unattributed"
    assert not g.is_direct("ev-a") and g.item("ev-unknown") is None
    assert g.is_direct("ev-footage") and g.attribution("ev-footage") == "first-hand"


def test_the_analysis_of_a_case_with_these_errors_still_answers(checked):
    """`gaps` refuses such a case; the API still analyses it, and a link to an unknown item invents nothing and
    loses nothing: the known item is weighed whether the unknown ids sort before it (ev-absent) or after it
    (ev-unknown)."""
    unknown = {d.message.split("'")[1] for d in checked.diagnostics
               if d.code == "unknown-reference" and d.message.startswith("evidence ")}
    assert unknown == {"ev-absent", "ev-unknown"}  # `check` names both
    result = analyse(checked.case, checked.frameworks, "reasonable-basis")
    al = next(a for a in result.allegations if a.id == "al-unknown-item")
    el = next(e for e in al.elements if e.id == "rs.7.1.a.1")
    assert [i.evidence_id for i in el.supporting] == ["ev-footage"] and el.status == "met"


@pytest.mark.parametrize("first", ["ev-top", "ev-left", "ev-right"])
def test_two_relays_of_one_item_lead_back_to_its_origin_only(checked, first):
    """A diamond, no loop: the item reached twice is no loop, and neither relay becomes an origin."""
    g = graph(checked)
    assert g.origins(first) == {"src-paper"}  # asked first, on a fresh graph
    assert {i: g.origins(i) for i in ("ev-top", "ev-left", "ev-right")} == {
        "ev-top": {"src-paper"}, "ev-left": {"src-paper"}, "ev-right": {"src-paper"}}
    assert [e.id for e in g.chain("ev-top")] == ["ev-base", "ev-left", "ev-mid", "ev-right", "ev-top"]


def test_a_grade_found_on_a_path_cut_by_a_loop_is_not_reused_from_another_start(checked):
    """ev-la (A) relays ev-lb (A), which relays ev-lc (D), which relays ev-la.  Weighed first for ev-lb, the walk
    reaches ev-la with ev-lb and ev-lc above it and cuts the loop there: ev-la alone is A.  That answer depends on
    the path and is not kept: ev-la weighed next, from its own start, reaches ev-lc and is D, as on its own."""
    g = graph(checked)
    sources = {s.id: s for s in checked.case.sources}
    assert [effective_reliability(g.item(i), g, sources) for i in ("ev-la", "ev-lb", "ev-lc")] == ["D", "D", "D"]
    result = analyse(checked.case, checked.frameworks, "reasonable-basis")
    grade = {i.evidence_id: i.reliability for a in result.allegations if a.id in ("al-loop-1", "al-loop-2")
             for e in a.elements if e.id == "rs.7.1.a.1" for i in e.supporting}
    assert grade == {"ev-lb": "D", "ev-la": "D"}
