"""Weighing reads an item's chain once (origins, attribution, reliability, interested parties) and
keeps what a relay's chain says for the rest of the analysis.  Whatever the graph — loops, an item
relaying itself, persons, unknown ids, graded and ungraded items — and in whatever order the items
are weighed, each weight must say what the chain functions say of the item on its own."""
from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from casebuilder.analyse.origins import OriginGraph
from casebuilder.analyse.weigh import LinkInfo, effective_reliability, interested_sources, weigh, weigh_all
from casebuilder.models import Evidence, Source
from casebuilder.models.framework import StandardParameters

KINDS = ["testimony", "report", "media-report", "video", "official-statement", "document"]


@st.composite
def graphs(draw):
    sources = {f"src-{i}": Source.model_validate({
        "id": f"src-{i}", "name": f"Source {i}", "reliability_reason": "test",
        "kind": draw(st.sampled_from(["ngo", "media", "state", "witness"])),
        "reliability": draw(st.sampled_from("ABCDEF")), "interested_party": draw(st.booleans())})
        for i in range(draw(st.integers(1, 4)))}
    n = draw(st.integers(1, 9))
    ids = [f"ev-{i}" for i in range(n)]
    targets = ids + ["p-0", "p-1", "ev-unknown"]  # any item (loops too), persons, an unknown id
    evidence = [Evidence.model_validate({
        "id": eid, "kind": draw(st.sampled_from(KINDS)),
        "source": draw(st.sampled_from([*sources, "src-unknown"])),
        "derived_from": draw(st.lists(st.sampled_from(targets), max_size=3)),
        "reliability": draw(st.one_of(st.none(), st.sampled_from("ABCDEF"))),
        "credibility": draw(st.sampled_from([None, 1, 2, 3, 6])),
        "first_hand": draw(st.sampled_from([None, "percipient", "no"]))}) for eid in ids]
    order = draw(st.permutations(ids + ["ev-unknown"]))
    return evidence, sources, order


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_each_weight_says_what_the_chain_functions_say(spec):
    evidence, sources, order = spec
    graph = OriginGraph(evidence, sources, {"p-0", "p-1"})
    params = StandardParameters(min_independent_origins=2, min_reliability="C", max_credibility=3)
    cache: dict = {}  # one analysis: what each relay's chain says is kept from one item to the next
    for eid in order:
        shared = weigh_all({eid: LinkInfo()}, graph, sources, params, cache)
        alone = weigh(eid, LinkInfo(), OriginGraph(evidence, sources, {"p-0", "p-1"}), sources, params)
        e = graph.item(eid)
        if e is None:
            assert shared == () and alone is None
            continue
        assert shared == (alone,)
        fresh = OriginGraph(evidence, sources, {"p-0", "p-1"})
        assert alone.reliability == effective_reliability(e, fresh, sources)
        assert alone.interested_sources == interested_sources(e, fresh, sources)
        assert alone.origins == tuple(sorted(fresh.origins(eid)))
        assert alone.attribution == fresh.attribution(eid)
        assert alone.direct == (fresh.attribution(eid) == "first-hand")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["el-1", "el-2"]), st.lists(st.sampled_from(["ev-0", "ev-1", "ev-2"]), min_size=1),
                          st.sampled_from(["supports", "contradicts", "admits", "disputes", "rhetoric"]),
                          st.sampled_from([None, "n1", "n2"]), st.sampled_from([None, "", "alt-a", "alt-b"]),
                          st.sampled_from([None, "i1"]), st.sampled_from([None, True, False])), max_size=6))
def test_collect_builds_the_linkinfos_the_dataclass_builds(specs):
    """collect builds each LinkInfo without its __init__ (see weigh.collect): the same objects."""
    from types import SimpleNamespace

    from casebuilder.analyse.weigh import collect, merge

    links = [SimpleNamespace(element=el, evidence=ev, stance=stance, note=note, alternative=alt, inference=inf, pattern=pat)
             for el, ev, stance, note, alt, inf, pat in specs]
    for side, infos in collect(links, "el-1").items():
        want: dict = {}
        for lk in links:
            if lk.element != "el-1" or (side == "supports") != (lk.stance in ("supports", "admits")) \
                    or (side != "supports" and lk.stance != side):
                continue
            info = LinkInfo(lk.note, lk.stance, frozenset([lk.alternative]) if lk.alternative else None, lk.inference, lk.pattern)
            for eid in lk.evidence:
                want[eid] = merge(want[eid], info) if eid in want else info
        assert infos == want
        for info in infos.values():
            built = LinkInfo(**{f.name: getattr(info, f.name) for f in dataclasses.fields(LinkInfo)})
            assert list(vars(info)) == [f.name for f in dataclasses.fields(LinkInfo)]
            assert info == built and hash(info) == hash(built) and repr(info) == repr(built)
