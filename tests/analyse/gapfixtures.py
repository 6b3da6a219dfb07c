"""The gap-rule fixtures: tests/fixtures/gaps/<rule>/case/ (a case) and expected.yaml (statuses out).

A fixture is read against the test copy of the frameworks (tests/fixtures/gaps/_frameworks) unless its
expected.yaml says ``frameworks: bundled``: then against the bundled frameworks/ themselves, so that the
fixture sits on the bundled standards' real parameters (the contradiction-margin fixtures do)."""
from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from clirun import FIXTURES, REPO

GAPS = FIXTURES / "gaps"
GAP_FRAMEWORKS = GAPS / "_frameworks"
RULES = sorted(p.name for p in GAPS.iterdir() if (p / "expected.yaml").is_file())


def expected(rule: str) -> dict:
    return YAML(typ="safe").load((GAPS / rule / "expected.yaml").read_text(encoding="utf-8"))


def case_dir(rule: str) -> Path:
    return GAPS / rule / "case"


def frameworks_dir(rule: str) -> Path:
    """The frameworks directory the fixture is read against."""
    return REPO / "frameworks" if expected(rule).get("frameworks") == "bundled" else GAP_FRAMEWORKS


def find_element(doc: dict, key: str, section: str = "allegations") -> dict:
    aid, eid = key.split("/")
    al = next(a for a in doc[section] if a["id"] == aid)
    return next(e for e in al["elements"] if e["id"] == eid)


def codes(reasons: list[dict]) -> list[str]:
    return [r["code"] for r in reasons]


def check_reasons(got: list[dict], want: dict, where: str) -> None:
    if "reasons" in want:
        assert set(codes(got)) == set(want["reasons"]), f"{where}: reason codes {codes(got)}"
    messages = [r["message"] for r in got]
    for m in want.get("messages", []):
        assert m in messages, f"{where}: message {m!r} not among {messages}"


SCALARS = ("status", "independent_origins", "qualifying_origins", "direct", "relayed", "unattributed", "origins",
           "best_reliability", "best_credibility", "contradicting_weight", "contextual", "suggestions", "reasoning",
           "alternatives")
#: The lists of items an element result shows, each item under its evidence id.
ITEM_LISTS = ("supporting", "contradicting", "offered", "disputed", "rhetoric", "pattern")


def check_items(e: dict, want: dict, where: str) -> None:
    """``items: {evidence id: {in: list, field: value, ...}}``: the item is shown in that list, with those fields."""
    for eid, fields in want.get("items", {}).items():
        found = [(name, i) for name in ITEM_LISTS for i in e[name] if i["evidence"] == eid]
        assert len(found) == 1, f"{where}: item {eid} shown in {[n for n, _ in found]}"
        name, item = found[0]
        if "in" in fields:
            assert name == fields["in"], f"{where}: item {eid} is in {name}, expected {fields['in']}"
        for k, v in fields.items():
            if k != "in":
                assert item[k] == v, f"{where}: item {eid}: {k} is {item[k]!r}, expected {v!r}"


def check_element(e: dict, want: dict, where: str) -> None:
    for k in SCALARS:
        if k in want:
            assert e[k] == want[k], f"{where}: {k} is {e[k]!r}, expected {want[k]!r}"
    check_items(e, want, where)
    for s in want.get("suggestions_include", []):
        assert s in e["suggestions"], f"{where}: suggestion {s!r} not among {e['suggestions']}"
    check_reasons(e["reasons"], want, where)


def check_allegation(a: dict, want: dict, where: str) -> None:
    for k in ("status", "context_allegations", "elements_total", "elements_without_evidence"):
        if k in want:
            assert a[k] == want[k], f"{where}: {k} is {a[k]!r}, expected {want[k]!r}"
    if "applicability" in want:
        assert a["applicability"]["status"] == want["applicability"], where
    if "treaty_status" in want:
        assert a["applicability"]["treaty_status"] == want["treaty_status"], where
    if "treaty" in want:  # the treaty the rule's binding force was read from (None: custom or no treaty)
        assert a["applicability"]["treaty"] == want["treaty"], where
    if "applicability_suggestion" in want:  # what to do about it (None: nothing)
        assert a["applicability"]["suggestion"] == want["applicability_suggestion"], where
    check_reasons(a["reasons"], want, where)
