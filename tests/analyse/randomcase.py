"""Random small cases (as plain dicts) for the property tests, and how to turn one into a Case."""
from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import strategies as st

from casebuilder.diagnostics import Diagnostics
from casebuilder.load import Case, load_frameworks
from casebuilder.models import Allegation, CaseInfo, Evidence, Person, Source

from .gapfixtures import GAP_FRAMEWORKS

FS = load_frameworks(GAP_FRAMEWORKS, Diagnostics())
#: Two frameworks: "cah" (a shared chapeau) and "cah-act" (per-act nexus and knowledge, a normative
#: element, a derived element, an element with alternatives).
FRAMEWORKS = ("cah", "cah-act")
CONTEXTUAL = {fid: [e.id for e in FS.frameworks[fid].contextual_leaves()] for fid in FRAMEWORKS}
PROVISIONS = {p.id: (fid, [e.id for e in p.leaves()]) for fid in FRAMEWORKS for p in FS.frameworks[fid].provisions}
ALTERNATIVES = {e.id: [a.id for a in e.alternatives] for fid in FRAMEWORKS for p in FS.frameworks[fid].provisions
                for e in p.leaves() if e.alternatives}
STANCES = ["supports", "supports", "contradicts", "admits", "disputes", "rhetoric"]
FIRST_HAND = [None, None, "no", "percipient", "record"]
INFO = {"id": "t-random", "title": "Random", "date": "2026-01-31", "prepared_by": "tests", "frameworks": list(FRAMEWORKS),
        "situation": {"state": "XA", "territory": "Test", "period": {"start": "2026-01-01", "end": "2026-01-31"},
                      "armed_conflict": "none"}}
KINDS = ["report", "testimony", "media-report", "official-statement", "document"]


@st.composite
def case_specs(draw) -> dict:
    sources = [{"id": f"src-{i}", "name": f"Source {i}", "reliability_reason": "test",
                "kind": draw(st.sampled_from(["ngo", "media", "state", "witness"])),
                "reliability": draw(st.sampled_from("AABBBCDEF")), "interested_party": draw(st.booleans())}
               for i in range(draw(st.integers(1, 4)))]
    persons = [{"id": f"p-{i}", "role": "witness"} for i in range(draw(st.integers(0, 3)))]
    evidence: list[dict] = []
    for i in range(draw(st.integers(1, 8))):
        prior = [e["id"] for e in evidence] + [p["id"] for p in persons]
        evidence.append({
            "id": f"ev-{i}", "kind": draw(st.sampled_from(KINDS)),
            "source": draw(st.sampled_from([s["id"] for s in sources])),
            "derived_from": draw(st.lists(st.sampled_from(prior), max_size=2, unique=True)) if prior else [],
            "credibility": draw(st.sampled_from([None, 1, 2, 2, 2, 3, 4, 5, 6])),
            "reliability": draw(st.one_of(st.none(), st.sampled_from("ABCDEF"))),
            "first_hand": draw(st.sampled_from(FIRST_HAND)),
            "date": draw(st.sampled_from([None, "2025-06-01", "2026-01-10"])),
        })
    ev_ids = [e["id"] for e in evidence]

    def links(elements: list[str]) -> list[dict]:
        out = draw(st.lists(st.fixed_dictionaries({
            "element": st.sampled_from(elements),
            "evidence": st.lists(st.sampled_from(ev_ids), min_size=1, max_size=3, unique=True),
            "stance": st.sampled_from(STANCES),
        }, optional={"pattern": st.booleans(), "inference": st.just("inferred")}), max_size=6))
        for link in out:
            if link["element"] in ALTERNATIVES:
                alt = draw(st.sampled_from([None, *ALTERNATIVES[link["element"]]]))
                if alt:
                    link["alternative"] = alt
        return out

    allegations = [{"id": f"al-context-{fid}", "framework": fid, "context": True, "links": links(CONTEXTUAL[fid])}
                   for fid in FRAMEWORKS]
    for pid, (fid, leaves) in PROVISIONS.items():
        allegations.append({"id": f"al-{pid}", "framework": fid, "provision": pid, "links": links(leaves + CONTEXTUAL[fid])})
    return {"sources": sources, "persons": persons, "evidence": evidence, "allegations": allegations}


def build(spec: dict) -> Case:
    return Case(root=Path("."), info=CaseInfo.model_validate(INFO),
                sources=[Source.model_validate(s) for s in spec["sources"]],
                persons=[Person.model_validate(p) for p in spec["persons"]],
                evidence=[Evidence.model_validate({k: v for k, v in e.items() if v is not None}) for e in spec["evidence"]],
                allegations=[Allegation.model_validate(a) for a in spec["allegations"]])


def with_item(spec: dict, item: dict, source: dict | None, allegation: str, element: str) -> dict:
    """A copy of the case with one more item, linked in support of ``element`` of ``allegation``."""
    out = copy.deepcopy(spec)
    if source is not None:
        out["sources"].append(source)
    out["evidence"].append(item)
    al = next(a for a in out["allegations"] if a["id"] == allegation)
    al["links"].append({"element": element, "evidence": [item["id"]], "stance": "supports"})
    return out


def targets() -> list[tuple[str, str]]:
    """Every (allegation, element) a supporting link may be added to."""
    out = [(f"al-context-{fid}", e) for fid in FRAMEWORKS for e in CONTEXTUAL[fid]]
    for pid, (fid, leaves) in PROVISIONS.items():
        out += [(f"al-{pid}", e) for e in leaves + CONTEXTUAL[fid]]
    return out


def with_link(spec: dict, allegation: str, link: dict, item: dict | None = None, source: dict | None = None) -> dict:
    """A copy of the case with one more link (and, optionally, the item and source it names)."""
    out = copy.deepcopy(spec)
    if source is not None:
        out["sources"].append(source)
    if item is not None:
        out["evidence"].append(item)
    next(a for a in out["allegations"] if a["id"] == allegation)["links"].append(link)
    return out
