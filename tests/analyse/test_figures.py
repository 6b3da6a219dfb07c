"""The grade a figure carries as it reaches the case (analyse.figures.chain_grades): the best effective
reliability among the items it reaches the case through, never better than the weakest judged grade along
each item's chain; the claimant's own grade where no item carries it; relaying sources named apart."""
from __future__ import annotations

import pytest

from casebuilder.analyse.figures import FigureGrade, chain_grades
from casebuilder.api import check
from casebuilder.commands.new import scaffold

CASE = """\
sources:
  - {id: src-ngo, name: NGO, kind: ngo, reliability: B, reliability_reason: test}
  - {id: src-tv, name: TV, kind: media, reliability: D, reliability_reason: test}
  - {id: src-wire, name: Wire, kind: media, reliability: A, reliability_reason: test}
evidence:
  - {id: ev-ngo, kind: report, source: src-ngo, credibility: 2}
  - {id: ev-tv, kind: media-report, source: src-tv, credibility: 2}
  - {id: ev-wire, kind: media-report, source: src-wire, credibility: 2}
  - {id: ev-wire-relays-tv, kind: media-report, source: src-wire, derived_from: [ev-tv], credibility: 2}
figures:
  - {id: fig-through-tv, what: deaths, value: 7, as_of: "2026-01-06", scope: test, source: src-ngo, evidence: [ev-tv]}
  - {id: fig-own-report, what: deaths, value: 7, as_of: "2026-01-06", scope: test, source: src-ngo, evidence: [ev-ngo]}
  - {id: fig-no-item, what: deaths, value: 7, as_of: "2026-01-06", scope: test, source: src-ngo}
  - {id: fig-best-of-two, what: arrests, value: 11, as_of: "2026-01-06", scope: test, source: src-ngo,
     evidence: [ev-tv, ev-wire, ev-ngo]}
  - {id: fig-relay-of-weak, what: deaths, value: 7, as_of: "2026-01-06", scope: test, source: src-ngo,
     evidence: [ev-wire-relays-tv, ev-unknown]}
  - {id: fig-unknown-claimant, what: deaths, value: 7, as_of: "2026-01-06", scope: test, source: src-missing}
  - {id: fig-unknown-claimant-relayed, what: deaths, value: 7, as_of: "2026-01-06", scope: test, source: src-missing,
     evidence: [ev-ngo]}
"""


@pytest.fixture(scope="module")
def grades(tmp_path_factory) -> dict[str, FigureGrade]:
    case = tmp_path_factory.mktemp("figures") / "case"
    scaffold(case)
    (case / "figures-test.yaml").write_text(CASE, encoding="utf-8")
    return chain_grades(check(case).case)


def test_a_figure_reached_only_through_a_weak_relay_carries_the_relay_s_grade(grades):
    assert grades["fig-through-tv"] == FigureGrade("fig-through-tv", "src-ngo", ("src-tv",), "B", "D")


def test_the_claimant_s_own_item_is_no_relay(grades):
    assert grades["fig-own-report"] == FigureGrade("fig-own-report", "src-ngo", (), "B", "B")


def test_a_figure_with_no_item_carries_the_claimant_s_grade(grades):
    assert grades["fig-no-item"] == FigureGrade("fig-no-item", "src-ngo", (), "B", "B")


def test_the_best_item_grades_the_figure_and_every_relay_is_named_once_sorted(grades):
    assert grades["fig-best-of-two"] == FigureGrade("fig-best-of-two", "src-ngo", ("src-tv", "src-wire"), "B", "A")


def test_a_strong_outlet_relaying_a_weak_item_is_no_stronger_and_an_unknown_item_is_skipped(grades):
    assert grades["fig-relay-of-weak"] == FigureGrade("fig-relay-of-weak", "src-ngo", ("src-wire",), "B", "D")


def test_a_claimant_not_in_the_sources_cannot_be_judged(grades):
    """(`check` reports the unknown source; the grades still answer)"""
    assert grades["fig-unknown-claimant"] == FigureGrade("fig-unknown-claimant", "src-missing", (), "F", "F")
    assert grades["fig-unknown-claimant-relayed"] == FigureGrade("fig-unknown-claimant-relayed", "src-missing",
                                                                 ("src-ngo",), "F", "B")
