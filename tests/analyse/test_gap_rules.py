"""One rule, one fixture: each tests/fixtures/gaps/<rule>/ case run through `casebuilder gaps`, as a user
would, and compared with the statuses, counts, reasons and suggestions in its expected.yaml."""
from __future__ import annotations

import json

import pytest

from clirun import run

from .gapfixtures import (RULES, case_dir, check_allegation, check_element, expected, frameworks_dir,
                          find_element)

CASES = [(rule, std) for rule in RULES for std in expected(rule)["standards"]]


def gaps(rule: str, standard: str, fmt: str = "json", audience: str | None = None):
    exp = expected(rule)
    res = run("gaps", case_dir(rule), "--frameworks-dir", frameworks_dir(rule), "--standard", standard,
              "--format", fmt, "--audience", audience or exp.get("audience", "strictly-confidential"))
    assert res.code == 0, res.err
    return res


def test_there_are_fixtures_for_the_rules():
    assert len(RULES) >= 15


@pytest.mark.parametrize("rule,standard", CASES, ids=[f"{r}-{s}" for r, s in CASES])
def test_rule(rule: str, standard: str):
    want = expected(rule)["standards"][standard]
    doc = json.loads(gaps(rule, standard).out)
    assert doc["standard"] == standard
    for aid, w in want.get("allegations", {}).items():
        check_allegation(next(a for a in doc["allegations"] if a["id"] == aid), w, f"{rule}/{standard}/{aid}")
    for key, w in want.get("elements", {}).items():
        check_element(find_element(doc, key), w, f"{rule}/{standard}/{key}")
    for key, w in want.get("contexts", {}).items():
        check_element(find_element(doc, key, "contexts"), w, f"{rule}/{standard}/context {key}")
    for fid, status in want.get("frameworks", {}).items():
        assert doc["frameworks"][fid]["status"] == status
    for aid, w in want.get("tree", {}).items():
        tree = next(a for a in doc["allegations"] if a["id"] == aid)["tree"]
        assert {k: tree[k] for k in w} == w
    if "summary" in want:
        assert doc["summary"] == want["summary"]
    if "quality" in want:  # the review brief's figures on how thin the evidence is, every key
        assert doc["quality"] == want["quality"]


@pytest.mark.parametrize("rule", [r for r in RULES if "absent" in expected(r)])
@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_audience_names_nothing_withheld(rule: str, fmt: str):
    """Withheld items, their origins and protected persons are not named in any format."""
    exp = expected(rule)
    for standard in exp["standards"]:
        out = gaps(rule, standard, fmt).out
        for s in exp["absent"]:
            assert s not in out, f"{s!r} appears in the {fmt} output for audience {exp['audience']}"
        for s in exp.get("present", []) if fmt == "json" else ():  # only JSON lists the items themselves
            assert s in out


@pytest.mark.parametrize("rule", [r for r in RULES if "absent" in expected(r)])
def test_audience_never_changes_statuses_or_counts(rule: str):
    standard = next(iter(expected(rule)["standards"]))
    low = json.loads(gaps(rule, standard, audience="public").out)
    high = json.loads(gaps(rule, standard, audience="strictly-confidential").out)
    keep = ("status", "independent_origins", "qualifying_origins", "direct", "relayed", "best_reliability",
            "best_credibility", "contradicting_weight")
    assert [a["id"] for a in low["allegations"]] == [b["id"] for b in high["allegations"]]
    for a, b in zip(low["allegations"], high["allegations"], strict=True):
        assert a["status"] == b["status"]
        assert [x["id"] for x in a["elements"]] == [y["id"] for y in b["elements"]]
        for x, y in zip(a["elements"], b["elements"], strict=True):
            assert {k: x[k] for k in keep} == {k: y[k] for k in keep}
            assert len(x["supporting"]) == len(y["supporting"]) and len(x["origins"]) == len(y["origins"])
            assert [r["code"] for r in x["reasons"]] == [r["code"] for r in y["reasons"]]
    assert low["summary"] == high["summary"] and low["quality"] == high["quality"]
