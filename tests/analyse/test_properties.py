"""Properties of the decision rule that must hold for every case, checked on random small cases."""
from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebuilder.analyse import RANK, analyse, analyse_all, csv_text
from casebuilder.analyse.grades import rel_rank
from casebuilder.api import check, frameworks

from .gapfixtures import RULES, case_dir, frameworks_dir
from .randomcase import FS, build, case_specs, targets, with_item, with_link

PROPERTY = settings(max_examples=60, deadline=None)


def statuses(an) -> dict:
    out = {}
    for a in (*an.allegations, *an.contexts):
        out[a.id] = a.status
        for e in a.elements:
            out[(a.id, e.id)] = e.status
    return out


def not_lower(after: str, before: str) -> bool:
    if {"not_applicable", "undetermined", "derived"} & {after, before}:
        return after == before
    return RANK[after] >= RANK[before]


@PROPERTY
@given(case_specs(), st.sampled_from(targets()), st.sampled_from("ABCDEF"), st.one_of(st.none(), st.integers(1, 6)),
       st.sampled_from(["report", "testimony", "video"]), st.booleans())
def test_adding_an_independent_supporting_item_never_lowers_a_status(spec, target, rel, cred, kind, interested):
    source = {"id": "src-new", "name": "New", "kind": "ngo", "reliability": rel, "reliability_reason": "test",
              "interested_party": interested}
    item = {"id": "ev-new", "kind": kind, "source": "src-new", "derived_from": [], "credibility": cred}
    before, after = build(spec), build(with_item(spec, item, source, *target))
    for sid in FS.standards:
        b, a = statuses(analyse(before, FS, sid)), statuses(analyse(after, FS, sid))
        for key in b:
            assert not_lower(a[key], b[key]), (sid, key, b[key], a[key])


@PROPERTY
@given(case_specs(), st.sampled_from(targets()), st.sampled_from("ABCDEF"), st.sampled_from([1, 2, 3, 4, 5, 6]))
def test_a_contradiction_that_fails_the_bar_changes_no_status(spec, target, rel, cred):
    """A contradicting item below the standard's bar for contradictions is listed, never weighed."""
    source = {"id": "src-denier", "name": "Denier", "kind": "state", "reliability": rel, "reliability_reason": "test",
              "interested_party": True}
    item = {"id": "ev-denial", "kind": "official-statement", "source": "src-denier", "derived_from": [],
            "credibility": cred, "first_hand": "no"}
    after_spec = with_link(spec, target[0], {"element": target[1], "evidence": ["ev-denial"], "stance": "contradicts"},
                           item, source)
    before, after = build(spec), build(after_spec)
    for sid, std in FS.standards.items():
        p = std.parameters
        if rel_rank(rel) <= rel_rank(p.con_min_reliability) and cred <= p.con_max_credibility:
            continue  # it meets the bar: it may (rightly) lower a status
        b, a = statuses(analyse(before, FS, sid)), statuses(analyse(after, FS, sid))
        assert a == b, sid


@PROPERTY
@given(case_specs(), st.sampled_from(targets()), st.sampled_from(["disputes", "rhetoric"]))
def test_disputes_and_rhetoric_are_never_weighed(spec, target, stance):
    ids = [e["id"] for e in spec["evidence"]]
    after = build(with_link(spec, target[0], {"element": target[1], "evidence": ids[:1], "stance": stance}))
    for sid in FS.standards:
        assert statuses(analyse(build(spec), FS, sid)) == statuses(analyse(after, FS, sid))


@PROPERTY
@given(case_specs(), st.sampled_from(targets()), st.randoms(use_true_random=False), st.sampled_from("ABCDEF"))
def test_an_item_relaying_an_existing_origin_never_raises_independent_origins(spec, target, rnd, rel):
    case = build(spec)
    an = analyse(case, FS, "reasonable-basis")
    al = next(a for a in (*an.allegations, *an.contexts) if a.id == target[0])
    el = next((e for e in al.elements if e.id == target[1]), None)  # per-act elements: not on the context
    if el is None or not el.supporting:
        return
    relayed = rnd.choice([*(i.evidence_id for i in el.supporting),
                          *(o for o in el.origins if o in {p["id"] for p in spec["persons"]})])
    item = {"id": "ev-relay", "kind": "media-report", "source": rnd.choice(spec["sources"])["id"],
            "derived_from": [relayed], "credibility": 2, "reliability": rel}
    after = analyse(build(with_item(spec, item, None, *target)), FS, "reasonable-basis")
    counts = {(a.id, e.id): e.independent_origins for a in (*an.allegations, *an.contexts) for e in a.elements
              if not e.pattern}  # pattern evidence is judged per item: a later relay of it may count
    for a in (*after.allegations, *after.contexts):
        for e in a.elements:
            if (a.id, e.id) in counts and not e.pattern:
                assert e.independent_origins <= counts[(a.id, e.id)], (a.id, e.id)


@PROPERTY
@given(case_specs())
def test_raising_the_standard_never_raises_a_status(spec):
    by_standard = [statuses(an) for an in analyse_all(build(spec), FS).values()]
    for lower, higher in zip(by_standard, by_standard[1:]):
        for key in lower:
            assert not_lower(lower[key], higher[key]), (key, lower[key], higher[key])


def _shuffled(spec: dict, rnd: random.Random) -> dict:
    out = json.loads(json.dumps(spec))
    for key in ("sources", "persons", "evidence", "allegations"):
        rnd.shuffle(out[key])
    for e in out["evidence"]:
        rnd.shuffle(e["derived_from"])
    for a in out["allegations"]:
        rnd.shuffle(a["links"])
        for link in a["links"]:
            rnd.shuffle(link["evidence"])
    return out


@PROPERTY
@given(case_specs(), st.randoms(use_true_random=False))
def test_the_analysis_is_identical_across_runs_and_orderings(spec, rnd):
    first = analyse(build(spec), FS)
    again = analyse(build(spec), FS)
    shuffled = analyse(build(_shuffled(spec, rnd)), FS)
    assert first == again
    assert first.to_json() == again.to_json() == shuffled.to_json()
    assert csv_text([first], "public") == csv_text([shuffled], "public")


@pytest.mark.parametrize("rule", RULES)
def test_raising_the_standard_never_raises_a_status_in_any_fixture(rule):
    checked = check(case_dir(rule), frameworks_dir(rule))
    by_standard = [statuses(an) for an in analyse_all(checked.case, checked.frameworks).values()]
    for lower, higher in zip(by_standard, by_standard[1:]):
        for key in lower:
            assert not_lower(lower[key], higher[key]), (key, lower[key], higher[key])


def test_the_bundled_standards_are_monotone():
    """The guarantees above rest on each standard being at least as strict as the one below it."""
    fs, diags = frameworks()
    assert not diags.has_errors()
    ranked = [s.parameters for s in fs.standards_by_rank()]
    assert [s.id for s in fs.standards_by_rank()] == ["reasonable-basis", "reasonable-grounds", "substantial-grounds",
                                                      "beyond-reasonable-doubt"]
    for lo, hi in zip(ranked, ranked[1:]):
        assert hi.min_independent_origins >= lo.min_independent_origins
        assert rel_rank(hi.min_reliability) <= rel_rank(lo.min_reliability)
        assert hi.max_credibility <= lo.max_credibility
        assert hi.require_direct >= lo.require_direct
        assert hi.contradiction_margin >= lo.contradiction_margin
        # a stricter standard never makes a contradiction disappear: its bar is at most as strict
        assert rel_rank(hi.con_min_reliability) >= rel_rank(lo.con_min_reliability)
        assert hi.con_max_credibility >= lo.con_max_credibility
