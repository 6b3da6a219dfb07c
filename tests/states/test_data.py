"""The bundled treaty-participation data (frameworks/states/): structure and invariants, no network.

The list of UN Member States below was written from the UN's list of Member States (193, with
their ISO 3166-1 alpha-2 codes) and checked against the 193 codes of the compilation
world-politics-datalab/humanrights-treaties-ratification-status (which lists "TP" for Timor-Leste,
whose ISO code is TL): the two agree.
"""
from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from casebuilder.api import frameworks
from casebuilder.isocodes import ASSIGNED, valid
from casebuilder.load import DEFAULT_FRAMEWORKS
from casebuilder.loadstates import order_problems

UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD CL CN CO KM
CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR GD GT GN GW GY HT HN HU
IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MC MN
ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST SA SN
RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN
YE ZM ZW
""".split()
OBSERVERS = ["VA", "PS"]  # Holy See, State of Palestine
TREATIES = {"gc", "ap1", "ap2", "rome-statute", "iccpr", "iccpr-op1", "icescr", "cat", "crc", "icpped"}
STATES_DIR = DEFAULT_FRAMEWORKS / "states"


@pytest.fixture(scope="module")
def fs():
    fs, diags = frameworks(None)
    assert not diags.has_errors(), [str(d.message) for d in diags]
    return fs


def test_the_member_list_is_what_it_claims():
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193
    assert set(UN_MEMBERS + OBSERVERS) <= ASSIGNED


def test_every_un_member_and_observer_state_is_present(fs):
    assert set(UN_MEMBERS) | set(OBSERVERS) <= set(fs.states)
    assert {c for c, s in fs.states.items() if s.un == "member"} == set(UN_MEMBERS)
    assert {c for c, s in fs.states.items() if s.un == "observer"} == set(OBSERVERS)
    assert all(valid(c) for c in fs.states)


def test_every_treaty_the_frameworks_rely_on_is_known(fs):
    assert set(fs.treaties) == TREATIES
    named = {a.treaty for fw in fs.frameworks.values()
             for a in [fw.applicability, *(p.applicability for p in fw.provisions if p.applicability)] if a.treaty}
    assert named <= set(fs.treaties)
    for t in fs.treaties.values():
        assert t.delay and t.in_force and t.depositary, t.id


def test_rows_are_well_formed_in_the_files_themselves():
    """Read the YAML directly: one row per state and treaty, known states and treaties only."""
    y = YAML(typ="safe")
    index = y.load((STATES_DIR / "index.yaml").read_text(encoding="utf-8"))
    codes = [s["code"] for s in index["states"]]
    assert len(codes) == len(set(codes)) == 195
    treaty_ids = {t["id"] for t in index["treaties"]}
    files = sorted(p for p in STATES_DIR.glob("*.yaml") if p.stem != "index")
    assert {p.stem for p in files} == treaty_ids
    for p in files:
        doc = y.load(p.read_text(encoding="utf-8"))
        assert doc["id"] == f"states/{p.stem}" and doc["treaty"] == p.stem
        seen = [r["state"] for r in doc["rows"]]
        assert len(seen) == len(set(seen)), f"{p.name}: a state has two rows"
        assert set(seen) <= set(codes), f"{p.name}: unknown state"
        assert doc["source"], p.name


def test_dates_are_ordered(fs):
    for s in fs.states.values():
        for p in s.participation:
            assert not order_problems(p), (s.code, p.treaty, order_problems(p))
            if p.status == "withdrawn":
                assert p.withdrawal_effective and (p.ratified or p.in_force)
    for d in fs.declarations_12_3:
        assert d.covers_to is None or d.covers_from[:len(d.covers_to)] <= d.covers_to


def test_every_fact_names_its_depositary_record_and_says_whether_it_was_checked(fs):
    for s in fs.states.values():
        for p in s.participation:
            assert p.source and ("UN Treaty Collection" in p.source or "FDFA" in p.source), (s.code, p.treaty)
            # nothing here was read in a copy of the depositary record in the session that built it
            assert p.unverified, (s.code, p.treaty)


def test_the_compilation_is_described_as_a_cross_check_not_a_depositary_record():
    text = (STATES_DIR / "iccpr.yaml").read_text(encoding="utf-8")
    assert "not a depositary record" in text and "world-politics-datalab" in text


def test_geneva_conventions_are_universal(fs):
    assert all(fs.states[c].status("gc").status == "party" for c in UN_MEMBERS + OBSERVERS)


def test_the_five_states_keep_their_checked_facts(fs):
    ir = fs.states["IR"]
    assert ir.status("gc").ratified == "1957-02-20" and ir.status("gc").signed == "1949-12-08"
    assert ir.status("ap2").status == "signatory" and ir.status("rome-statute").status == "signatory"
    assert ir.status("iccpr").ratified == "1975-06-24" and ir.status("cat").status == "not-party"
    assert "Islamic Laws" in ir.status("crc").note
    assert fs.states["DE"].status("iccpr").ratified == "1973-12-17"
    assert fs.states["SE"].status("icpped").status == "signatory"


def test_rome_statute_withdrawals_and_declarations(fs):
    bi, ph, hu = (fs.states[c].status("rome-statute") for c in ("BI", "PH", "HU"))
    assert (bi.status, bi.withdrawal_effective) == ("withdrawn", "2017-10-27")
    assert (ph.status, ph.withdrawal_notified, ph.withdrawal_effective) == ("withdrawn", "2018-03-17", "2019-03-17")
    assert (hu.status, hu.withdrawal_notified, hu.withdrawal_effective) == ("withdrawn", "2025-06-02", "2026-06-02")
    decl = {(d.state, d.covers_from, d.covers_to) for d in fs.declarations_12_3}
    assert ("CI", "2002-09-19", None) in decl
    assert ("PS", "2014-06-13", None) in decl
    assert ("UA", "2013-11-21", "2014-02-22") in decl and ("UA", "2014-02-20", None) in decl


def test_a_broken_row_is_reported_at_its_line(tmp_path):
    import shutil

    from clirun import run
    fws = tmp_path / "frameworks"
    shutil.copytree(DEFAULT_FRAMEWORKS, fws)
    cat = fws / "states" / "cat.yaml"
    lines = cat.read_text(encoding="utf-8").splitlines()
    n = len(lines)
    lines += ['  - {state: "AF", status: "party", ratified: "1987"}',
              '  - {state: "QQ", status: "party"}',
              '  - {state: "TZ", status: "withdrawn", ratified: "2002"}']
    cat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = run("frameworks", "--frameworks-dir", fws, "states")
    assert res.code == 1
    out = res.out + res.err
    assert f"cat.yaml:{n + 1}:" in out and "AF has two rows for cat" in out
    assert f"cat.yaml:{n + 2}:" in out and "QQ is not listed" in out
    assert f"cat.yaml:{n + 3}:" in out and "withdrawal_effective" in out
