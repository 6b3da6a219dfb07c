"""The bundled standards of proof, pinned by value.

Each standard's statutory anchor is the Rome Statute provision quoted in frameworks/standards-of-proof.yaml;
its decision parameters are NOT law but the project's calibrated triage aid, documented in that file's note
(monotone from the lowest standard to the highest; contradictions weighed from reliability C and
credibility 3 at every standard; ``require_direct`` off everywhere, since no rule of law requires first-hand
evidence - art. 69(4) leaves circumstantial and hearsay evidence to be weighed).  The monotonicity tests
(tests/analyse/test_properties.py) check only order; this test checks the numbers a user's statuses rest on.
Changing a value is a deliberate act: edit the YAML, its note, docs/gaps.md and this table together, with the
reason, in one commit.
"""
from __future__ import annotations

import json

import pytest

from casebuilder.api import frameworks
from clirun import FIXTURES, REPO, run

# id -> (rank, citation (instrument, article, paragraph, point), requires_person, parameters as written in the YAML)
PINNED = {
    # Art. 53(1)(a): "a reasonable basis to believe that a crime ... has been or is being committed" (also art. 15(3)-(4)).
    # One qualifying origin suffices to proceed; support and contradiction share the lowest bar (C, 3); a
    # contradiction of equal weight already leaves the element contested (margin 0).
    "reasonable-basis": (1, ("Rome Statute of the International Criminal Court", "53", "1", "a"), False,
                         {"min_independent_origins": 1, "min_reliability": "C", "max_credibility": 3,
                          "require_direct": False, "contradiction_margin": 0,
                          "contradiction_min_reliability": None, "contradiction_max_credibility": None}),
    # Art. 58(1)(a): "reasonable grounds to believe that the person has committed a crime" (warrant of arrest;
    # also the usual standard of UN commissions of inquiry): corroboration by a second independent origin,
    # and the support must exceed weighed contradictions by more than one origin.
    "reasonable-grounds": (2, ("Rome Statute of the International Criminal Court", "58", "1", "a"), False,
                           {"min_independent_origins": 2, "min_reliability": "C", "max_credibility": 3,
                            "require_direct": False, "contradiction_margin": 1,
                            "contradiction_min_reliability": None, "contradiction_max_credibility": None}),
    # Art. 61(7): "substantial grounds to believe that the person committed each of the crimes charged"
    # (confirmation of charges; about a named person): two origins of B / 2 or better, while contradictions
    # are still weighed from C / 3 (doubt weighs more, not less, as the standard rises).
    "substantial-grounds": (3, ("Rome Statute of the International Criminal Court", "61", "7", None), True,
                            {"min_independent_origins": 2, "min_reliability": "B", "max_credibility": 2,
                             "require_direct": False, "contradiction_margin": 1,
                             "contradiction_min_reliability": "C", "contradiction_max_credibility": 3}),
    # Art. 66(3): "convinced of the guilt of the accused beyond reasonable doubt" (conviction; about a named
    # person): three independent origins of B / 2 or better, exceeding weighed contradictions by more than two.
    "beyond-reasonable-doubt": (4, ("Rome Statute of the International Criminal Court", "66", "3", None), True,
                                {"min_independent_origins": 3, "min_reliability": "B", "max_credibility": 2,
                                 "require_direct": False, "contradiction_margin": 2,
                                 "contradiction_min_reliability": "C", "contradiction_max_credibility": 3}),
}

#: The contradiction bar in force (the YAML may leave it to default to the support bar).
CONTRADICTION_BAR = {sid: ("C", 3) for sid in PINNED}


def _bundled():
    fs, diags = frameworks(REPO / "frameworks")
    assert not diags.has_errors()
    return fs


def test_the_bundled_standards_are_exactly_these():
    assert sorted(s.id for s in _bundled().standards_by_rank()) == sorted(PINNED)


@pytest.mark.parametrize("sid", list(PINNED))
def test_a_standard_is_pinned_by_value(sid):
    rank, (instrument, article, paragraph, point), requires_person, params = PINNED[sid]
    std = _bundled().standards[sid]
    assert std.rank == rank
    assert (std.citation.instrument, std.citation.article, std.citation.paragraph, std.citation.point) == (
        instrument, article, paragraph, point)
    assert std.requires_person is requires_person
    assert std.parameters.model_dump(mode="json") == params
    assert (std.parameters.con_min_reliability, std.parameters.con_max_credibility) == CONTRADICTION_BAR[sid]


@pytest.mark.parametrize("sid", list(PINNED))
def test_gaps_reports_the_pinned_parameters(sid):
    """What `casebuilder gaps` prints as the standard's parameters (and the briefs restate) is the pinned set."""
    case = FIXTURES / "gaps" / f"margin-{sid}" / "case"
    res = run("gaps", case, "--standard", sid, "--format", "json", "--audience", "strictly-confidential")
    assert res.code == 0, res.err
    doc = json.loads(res.out)
    assert doc["standard"] == sid
    assert doc["parameters"] == PINNED[sid][3]
