"""Treaty participation in the analysis, for states outside the five the project began with, and
the Rome Statute's routes for a party, a signatory, a withdrawn state and an art. 12(3) declarant.
Everything runs against the bundled frameworks; no network."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from clirun import run

from casebuilder.analyse.treaties import icc_routes, participation, routes_for
from casebuilder.api import frameworks

NIAC_ALLEGATIONS = """allegations:
  - {id: al-ca3, framework: ihl/medical-neutrality, provision: ihl.ca3}
  - {id: al-cihl-28, framework: ihl/medical-neutrality, provision: ihl.cihl.28}
  - {id: al-cihl-110, framework: ihl/medical-neutrality, provision: ihl.cihl.110}
  - {id: al-ap2-11, framework: ihl/medical-neutrality, provision: ihl.ap2.11}
  - {id: al-gc4-18, framework: ihl/medical-neutrality, provision: ihl.gc4.18}
  - {id: al-war-crime, framework: rome-statute/article-8-medical, provision: rs.8.2.e.iv}
"""


@pytest.fixture(scope="module")
def fs():
    fs, diags = frameworks(None)
    assert not diags.has_errors()
    return fs


def make_case(tmp: Path, state: str, conflict: str = "non-international", extra: str = "",
              period=("2024-01-01", "2024-12-31")) -> Path:
    case = tmp / f"case-{state}"
    case.mkdir()
    (case / "case.yaml").write_text(f"""case:
  id: t-{state.lower()}
  title: Test situation
  date: "2025-01-31"
  situation:
    state: {state}
    territory: Test
    period: {{start: "{period[0]}", end: "{period[1]}"}}
    armed_conflict: {conflict}
{extra}  frameworks: [ihl/medical-neutrality, rome-statute/article-8-medical]
  prepared_by: tests
""", encoding="utf-8")
    (case / "allegations.yaml").write_text(NIAC_ALLEGATIONS, encoding="utf-8")
    return case


def gaps(case: Path) -> dict:
    res = run("gaps", case, "--format", "json")
    assert res.code == 0, res.err
    return {a["id"]: a for a in json.loads(res.out)["allegations"]}


@pytest.mark.parametrize("state", ["SD", "MM", "SY"])
def test_a_niac_applies_common_article_3_and_the_customary_rules_in_any_state(tmp_path, state):
    out = gaps(make_case(tmp_path, state))
    assert out["al-ca3"]["applicability"]["status"] == "applicable"
    assert out["al-ca3"]["status"] != "not_applicable"
    for aid in ("al-cihl-28", "al-cihl-110"):
        assert out[aid]["applicability"]["status"] == "applicable"
        assert any("customary" in r["message"] and "Rule" in r["message"] for r in out[aid]["applicability"]["reasons"])
    # GC IV art. 18 is for international armed conflict: inapplicable, for that stated reason
    assert out["al-gc4-18"]["status"] == "not_applicable"
    assert [r["code"] for r in out["al-gc4-18"]["applicability"]["reasons"]][0] == "conflict-type-mismatch"
    # AP II: undetermined or inapplicable, and only for a stated reason
    ap2 = out["al-ap2-11"]
    assert ap2["status"] in ("undetermined", "not_applicable")
    codes = {r["code"] for r in ap2["applicability"]["reasons"]}
    assert codes & {"treaty-not-binding", "protocol-ii-threshold-not-shown", "treaty-status-unknown"}
    # the war crime applies as the law defining the crime, and says which ICC route exists
    wc = out["al-war-crime"]["applicability"]
    assert wc["status"] == "applicable"
    assert any(r["code"] == "icc-jurisdiction" for r in wc["reasons"])


def test_ap2_reason_follows_the_state_record(tmp_path):
    sy = gaps(make_case(tmp_path, "SY"))["al-ap2-11"]  # Syria is not a party to AP II
    assert sy["status"] == "not_applicable"
    assert "not a party" in " ".join(r["message"] for r in sy["applicability"]["reasons"])
    sd = gaps(make_case(tmp_path, "SD"))["al-ap2-11"]  # Sudan is: the art. 1(1) threshold decides
    assert sd["status"] == "undetermined"
    assert "protocol-ii-threshold-not-shown" in {r["code"] for r in sd["applicability"]["reasons"]}
    sub = tmp_path / "threshold"
    sub.mkdir()
    met = gaps(make_case(sub, "SD", extra="    ap2_threshold: true\n"))["al-ap2-11"]
    assert met["applicability"]["status"] == "applicable"


def test_an_unrecorded_state_is_undetermined_never_not_bound(tmp_path):
    case = make_case(tmp_path, "PR")  # Puerto Rico: a valid code, no entry
    res = run("check", case)
    assert "state-not-recorded" in res.out + res.err
    out = gaps(case)
    # common Article 3 binds as customary law (ICJ, Nicaragua), so it applies even without a record
    ca3 = out["al-ca3"]["applicability"]
    assert ca3["status"] == "applicable"
    assert [r["code"] for r in ca3["reasons"]] == ["treaty-status-unknown", "custom-law"]
    # a rule that binds only by treaty is undetermined, with the suggestion to verify
    ap2 = out["al-ap2-11"]
    assert ap2["status"] == "undetermined" and ap2["applicability"]["status"] == "undetermined"
    assert "treaty-status-unknown" in {r["code"] for r in ap2["applicability"]["reasons"]}
    assert ap2["applicability"]["suggestion"].startswith("verify the treaty status of PR")


def test_a_state_code_that_is_not_iso_is_refused_at_its_line(tmp_path):
    case = make_case(tmp_path, "UK")
    res = run("check", case, "--format", "json")
    assert res.code == 1
    d = next(x for x in res.diagnostics() if x["code"] == "unknown-state")
    assert d["path"].endswith("case.yaml") and d["line"] == 6


# ----------------------------------------------------------------- participation over a period
def test_participation_on_a_date(fs):
    assert participation("DE", "icpped", on="2015-01-01", fs=fs).bound is True
    early = participation("DE", "icpped", on="2005-01-01", fs=fs)
    assert early.bound is False and "after the period" in early.words
    assert participation("SE", "icpped", on="2020-01-01", fs=fs).status == "signatory"
    assert participation("PR", "iccpr", fs=fs).status == "undetermined"


def test_partial_overlap_is_said(fs):
    s = participation("UA", "rome-statute", on=(dt.date(2024, 7, 1), dt.date(2025, 6, 30)), fs=fs)
    assert s.coverage == "partial" and "only from 1 January 2025" in s.words


# ----------------------------------------------------------------- Rome Statute routes
def kinds(r):
    return {(x.kind, x.covers) for x in r.routes}


def test_routes_for_a_state_party(fs):
    r = routes_for("DE", ("2024-01-01", "2024-12-31"), fs)
    assert ("state-party", "whole") in kinds(r) and not r.only_security_council


def test_routes_for_a_signatory(fs):
    r = routes_for("IR", ("2026-01-01", "2026-01-31"), fs)
    assert kinds(r) == {("security-council", "whole")} and r.only_security_council
    assert "Security Council" in r.summary() and "12(3)" in r.summary()


def test_routes_for_a_withdrawn_state(fs):
    before = routes_for("BI", ("2015-04-26", "2017-10-26"), fs)
    assert ("withdrawn-state", "whole") in kinds(before)
    across = routes_for("PH", ("2016-07-01", "2019-06-30"), fs)
    assert ("withdrawn-state", "partial") in kinds(across)
    assert "until 16 March 2019" in next(x.words for x in across.routes if x.kind == "withdrawn-state")
    after = routes_for("BI", ("2020-01-01", "2020-12-31"), fs)
    assert after.only_security_council
    hu = routes_for("HU", ("2026-07-01", "2026-12-31"), fs)
    assert hu.only_security_council


def test_routes_for_a_12_3_declarant(fs):
    ua = routes_for("UA", ("2014-03-01", "2014-12-31"), fs)
    assert ("art-12-3", "whole") in kinds(ua)  # the second declaration, open-ended from 20 February 2014
    ci = routes_for("CI", ("2010-11-28", "2011-05-31"), fs)
    assert ("art-12-3", "whole") in kinds(ci)
    ps = routes_for("PS", ("2014-07-01", "2014-08-31"), fs)
    assert ("art-12-3", "whole") in kinds(ps)
    assert ("art-12-3", "none") in kinds(ps)  # the 2009 declaration was not acted on


def test_icc_routes_reads_the_case(tmp_path, fs):
    from casebuilder.api import check
    checked = check(make_case(tmp_path, "UA", period=("2014-03-01", "2014-06-30")))
    r = icc_routes(checked.case, fs)
    assert r.state == "UA" and ("art-12-3", "whole") in kinds(r)


# ----------------------------------------------------------------- CLI
def test_cli_lists_the_states_with_verified_and_unverified_counts():
    res = run("frameworks", "states")
    assert res.code == 0
    assert "195 states" in res.out and "unverified" in res.out and "SD   Sudan" in res.out
    data = json.loads(run("frameworks", "states", "--format", "json").out)
    assert len(data["states"]) == 195 and {"verified", "unverified", "not_recorded"} <= set(data["states"][0])


def test_cli_shows_one_state():
    res = run("frameworks", "states", "ph")
    assert res.code == 0
    assert "withdrawn" in res.out and "2019-03-17" in res.out and "UNVERIFIED" in res.out
    assert "frameworks/states/rome-statute.yaml:" in res.out
    assert run("frameworks", "states", "QQ1").code == 2
    assert run("frameworks", "states", "PR").code == 2
