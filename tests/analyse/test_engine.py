"""The element engine as another analysis reuses it (casebuilder.analyse.Engine): any element tree, any
links, an applicability and offered links passed in.  The gap fixtures reach these paths only through a
case; here the element itself is varied (a derived element following two others, alternatives whose
wording holds braces) and the status, reasons and messages are pinned."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from casebuilder.analyse import ApplicabilityResult, Engine, Phrase, Reason
from casebuilder.api import check

from .gapfixtures import GAP_FRAMEWORKS, case_dir


@pytest.fixture(scope="module")
def engine():
    checked = check(case_dir("alternatives"), GAP_FRAMEWORKS)
    fw = checked.frameworks.frameworks["cah-act"]
    leaves = {e.id: e for p in fw.provisions for e in p.leaves()}
    return Engine(checked.case, checked.frameworks, "reasonable-basis"), leaves, fw


def link(element: str, *evidence: str, **kw) -> SimpleNamespace:
    return SimpleNamespace(element=element, evidence=list(evidence), stance=kw.pop("stance", "supports"),
                           note=kw.pop("note", None), **kw)


def messages(e) -> list[str]:
    return [r.render() for r in e.reasons]


def test_a_derived_element_names_every_element_it_follows_from(engine):
    eng, leaves, _ = engine
    el = leaves["ca.inhumane.3"].model_copy(update={"follows_from": ["ca.inhumane.1", "ca.inhumane.2"]})
    (e,), tree = eng.evaluate(el, [])
    assert e.status == "derived" and e.follows_from == ("ca.inhumane.1", "ca.inhumane.2")
    assert messages(e) == ["follows from ca.inhumane.1, ca.inhumane.2 once shown; not graded on its own"]
    assert tree.status == "unsupported"  # (in a tree without the elements it follows from)


def test_a_derived_element_takes_the_best_status_of_those_it_follows_from(engine):
    eng, leaves, fw = engine
    prov = fw.provision("ca.inhumane")
    three = leaves["ca.inhumane.3"].model_copy(update={"follows_from": ["ca.inhumane.1", "ca.inhumane.2"]})
    group = prov.elements.model_copy(update={"all_of": [*prov.elements.children[:2], three]})
    links = [link("ca.inhumane.1", "ev-blog"), link("ca.inhumane.2", "ev-report", note="Comparable to torture.")]
    elements, tree = eng.evaluate(group, links)
    assert [e.status for e in elements] == ["insufficient", "for_legal_evaluation", "derived"]
    assert tree.op == "all_of" and tree.status == "insufficient"
    assert [(c.element_id, c.status) for c in tree.children] == [
        ("ca.inhumane.1", "insufficient"), ("ca.inhumane.2", "for_legal_evaluation"), ("ca.inhumane.3", "for_legal_evaluation")]


def test_items_offered_on_a_derived_element_are_listed_without_asking_for_more(engine):
    eng, leaves, _ = engine
    offered = [link("ca.inhumane.3", "ev-report"), link("ca.inhumane.1", "ev-report")]
    (e,), _ = eng.evaluate(leaves["ca.inhumane.3"], [], offered_links=offered)
    assert e.status == "derived" and [i.evidence_id for i in e.offered] == ["ev-report"]
    assert [r.code for r in e.reasons] == ["derived-element"]
    # the same items offered on an element that is not met: the user is asked for evidence of the act
    (e,), _ = eng.evaluate(leaves["ca.inhumane.1"], [], offered_links=offered)
    assert e.status == "unsupported" and [r.code for r in e.reasons] == ["no-evidence", "offered-on-context"]
    assert messages(e)[1] == ("assessed for this act: items linked on the context allegation (ev-report) are offered, "
                              "not counted; link evidence of this act, or an inference the analyst writes")


def test_alternatives_worded_with_braces_are_named_verbatim(engine):
    eng, leaves, _ = engine
    el = leaves["ca.persecution.3"]
    el = el.model_copy(update={"alternatives": [a.model_copy(update={"text": t}) for a, t in
                                                zip(el.alternatives, ["political {sic}", "ethnic {0}"])]})
    links = [link("ca.persecution.3", "ev-paper", alternative="political"),
             link("ca.persecution.3", "ev-blog", alternative="ethnic")]
    (e,), _ = eng.evaluate(el, links)
    assert e.status == "met" and e.alternatives == (("political", "met"), ("ethnic", "insufficient"))
    assert "political {sic}: met; ethnic {0}: insufficient" in messages(e)


def test_an_element_of_a_provision_that_does_not_apply_is_not_weighed(engine):
    eng, leaves, _ = engine
    links = [link("ca.inhumane.1", "ev-report"), link("ca.inhumane.1", "ev-blog", stance="contradicts")]
    (e,), _ = eng.evaluate(leaves["ca.inhumane.1"], links, app=ApplicabilityResult("not_applicable"))
    assert e.status == "not_applicable" and e.qualifying_origins == 0 and e.suggestions == ()
    assert messages(e) == ["not weighed: the provision does not apply"]
    assert e.contradicting_weight == 0.2 and [i.evidence_id for i in e.supporting] == ["ev-report"]
    app = ApplicabilityResult("not_applicable", (Reason.of("soft-law", "{0} binds no one", "the rule"),),
                              suggestion=Phrase("rely on a rule that binds"))
    (e,), _ = eng.evaluate(leaves["ca.inhumane.1"], links, app=app)
    assert messages(e) == ["not weighed: the rule binds no one"]
    assert [s.render() for s in e.suggestions] == ["rely on a rule that binds"]


def test_proof_guidance_is_suggested_only_for_an_element_still_to_be_shown(engine):
    eng, leaves, fw = engine
    guidance = ["evidence of the act itself, from within its period", "Medical records of the injuries"]
    links = [link("ca.inhumane.1", "ev-report", pattern=True), link("ca.inhumane.2", "ev-report"),
             link("ca.inhumane.3", "ev-report")]
    for eid, status, suggested in [
            ("ca.inhumane.1", "unsupported", ["evidence of this element, for example:",
                                              "evidence of the act itself, from within its period",
                                              "Medical records of the injuries"]),  # a suggestion is never repeated
            ("ca.inhumane.2", "for_legal_evaluation", []),
            ("ca.inhumane.3", "derived", [])]:
        el = leaves[eid].model_copy(update={"proof_guidance": guidance})
        (e,), _ = eng.evaluate(el, links)
        assert (e.status, [s.render() for s in e.suggestions]) == (status, suggested), eid


def test_the_result_carries_the_element_s_wording_citation_and_scope(engine):
    eng, leaves, fw = engine
    nexus = next(e for e in fw.contextual_leaves() if e.id == "ca.ctx.nexus")
    (e,), _ = eng.evaluate(nexus, [link("ca.ctx.nexus", "ev-report")], contextual=True)
    assert (e.id, e.text, e.citation.short(), e.kind, e.scope, e.contextual) == (
        "ca.ctx.nexus", "The conduct was committed as part of the attack.", nexus.citation.short(), "contextual", "act", True)
    (e,), _ = eng.evaluate(leaves["ca.inhumane.1"], [])
    assert (e.text, e.scope, e.contextual) == ("The perpetrator inflicted great suffering by means of an inhumane act.",
                                               None, False)


def test_a_tree_whose_every_leaf_does_not_apply_does_not_apply(engine):
    eng, leaves, fw = engine
    prov = fw.provision("ca.inhumane")
    elements, tree = eng.evaluate(prov.elements, [link("ca.inhumane.1", "ev-report")],
                                  app=ApplicabilityResult("not_applicable"))
    assert {e.status for e in elements} == {"not_applicable"}
    assert (tree.op, tree.status) == ("all_of", "not_applicable")
    assert [c.status for c in tree.children] == ["not_applicable"] * 3
