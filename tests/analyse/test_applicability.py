"""Applicability of a rule whose customary status is recorded with a scope (frameworks' applicability.customary):
the reason says where the customary rule binds, in words, for every scope a framework may record.  The bundled
frameworks record only 'international and non-international'; the other scopes are read here through
analyse.applicability on the test frameworks' customary rule, its scope varied."""
from __future__ import annotations

import pytest

from casebuilder.analyse.applicability import applicability
from casebuilder.api import check
from casebuilder.models.framework import Customary

from .gapfixtures import GAP_FRAMEWORKS, case_dir


@pytest.fixture(scope="module")
def checked():
    return check(case_dir("treaty-participation"), GAP_FRAMEWORKS)


@pytest.mark.parametrize("scope,words", [
    (["none"], "peacetime"),
    (["non-international"], "non-international armed conflicts"),
    (["international", "none"], "international armed conflicts and outside armed conflict"),
    (["none", "non-international", "international"],
     "international and non-international armed conflicts and outside armed conflict"),
])
def test_a_customary_rule_says_where_it_binds(checked, scope, words):
    fw = checked.frameworks.frameworks["rights"]
    prov = fw.provision("rights.custom")
    customary = Customary(binds=True, scope=scope, authority="Test authority")
    prov = prov.model_copy(update={"applicability": prov.applicability.model_copy(update={"customary": customary})})
    r = applicability(fw, prov, checked.case.info.situation, checked.frameworks)
    assert (r.status, r.treaty, r.treaty_status, r.suggestion) == ("applicable", None, None, None)
    assert [(x.code, x.render()) for x in r.reasons] == [
        ("custom-law", f"rights.custom binds as customary international law in {words} (Test authority)")]


BASE = ("no evidence needed while the case records a non-international armed conflict; reassess only if the facts "
        "show an international armed conflict")


@pytest.mark.parametrize("binds,rules,scope,counterpart", [
    (False, ["1", "2"], ["international", "non-international"],
     "; the corresponding customary rules (ICRC Customary IHL Study, Rules 1, 2) apply in international and "
     "non-international armed conflicts"),
    (False, ["1"], ["non-international"],
     "; the corresponding customary rule (ICRC Customary IHL Study, Rule 1) applies in non-international armed conflicts"),
    (False, [], ["international", "non-international"], ""),  # no rule named: nothing to point to
    (False, ["1"], ["international"], ""),  # the counterpart does not apply in this conflict either
    (True, ["1"], ["international", "non-international"], ""),  # the rule binds as custom itself: no counterpart
], ids=["two-rules", "one-rule", "no-rule", "not-in-this-conflict", "binds-itself"])
def test_a_rule_for_another_conflict_names_its_customary_counterpart_where_it_has_one(binds, rules, scope, counterpart):
    c = check(case_dir("conflict-type"), GAP_FRAMEWORKS)
    fw = c.frameworks.frameworks["war-crimes"]
    prov = fw.provision("wc.intl-hospital")
    customary = Customary(binds=binds, scope=scope, rules=rules, authority="Test authority")
    prov = prov.model_copy(update={"applicability": prov.applicability.model_copy(update={"customary": customary})})
    r = applicability(fw, prov, c.case.info.situation, c.frameworks)
    assert r.status == "not_applicable" and r.reasons[0].code == "conflict-type-mismatch"
    assert r.suggestion.render() == BASE + counterpart


def test_a_rule_with_no_treaty_and_no_recorded_custom_applies_with_nothing_to_say(checked):
    fw = checked.frameworks.frameworks["rights"]
    prov = fw.provision("rights.custom")
    prov = prov.model_copy(update={"applicability": prov.applicability.model_copy(update={"custom": False})})
    r = applicability(fw, prov, checked.case.info.situation, checked.frameworks)
    assert (r.status, r.reasons, r.treaty, r.treaty_status, r.suggestion) == ("applicable", (), None, None, None)


@pytest.mark.parametrize("scope,counterpart", [
    (["international", "non-international", "none"],
     "; the corresponding customary rule (ICRC Customary IHL Study, Rule 1) applies in international and "
     "non-international armed conflicts and outside armed conflict"),
    (["international"], ""),  # the case records no armed conflict: that counterpart does not apply either
])
def test_an_undetermined_treaty_rule_names_a_counterpart_that_applies_in_the_case_s_situation(scope, counterpart):
    c = check(case_dir("treaty-unknown"), GAP_FRAMEWORKS)
    fw = c.frameworks.frameworks["rights"]
    prov = fw.provision("rights.life")
    customary = Customary(binds=False, scope=scope, rules=["1"], authority="Test authority")
    prov = prov.model_copy(update={"applicability": prov.applicability.model_copy(update={"customary": customary})})
    r = applicability(fw, prov, c.case.info.situation, c.frameworks)
    assert r.status == "undetermined" and [x.code for x in r.reasons] == ["treaty-status-unknown"]
    assert r.suggestion.render() == ("verify the treaty status of XC for the ICCPR against the depositary record and "
                                     "record it in frameworks/states/" + counterpart)
