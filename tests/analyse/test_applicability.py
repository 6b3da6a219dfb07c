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
