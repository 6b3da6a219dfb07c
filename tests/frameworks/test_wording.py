"""Spot checks of exact wording (and of Iran's treaty participation), table-driven from spot_checks.yaml."""
from __future__ import annotations

import pytest

from casebuilder.models import Element

from .fwdata import HERE, bundled, read_yaml, walk

TABLE = read_yaml(HERE / "spot_checks.yaml")


def norm(text: str) -> str:
    return " ".join(text.split())


def find(framework: str, id_: str):
    """The datum with this id: a standard, a definition, a provision (its text) or a leaf."""
    fs = bundled()
    if framework == "standards-of-proof":
        return fs.standards[id_]
    fw = fs.frameworks[framework]
    for d in fw.definitions:
        if d.id == id_:
            return d
    for p in fw.provisions:
        if p.id == id_:
            return p
    for n in walk(fw):
        if n.node.id == id_ and isinstance(n.node, Element):
            return n.node
    raise AssertionError(f"{id_} not found in {framework}")


@pytest.mark.parametrize("row", TABLE["texts"], ids=lambda r: r["id"])
def test_wording(row):
    obj = find(row["framework"], row["id"])
    got = norm(obj.text or "")
    if "text" in row:
        assert got == norm(row["text"])
    if "starts_with" in row:
        assert got.startswith(norm(row["starts_with"]))
    if "contains" in row:
        assert norm(row["contains"]) in got
    assert {"text", "starts_with", "contains"} & set(row), "a spot check needs an expectation"
    if isinstance(obj, Element):
        assert obj.unverified is None, f"{obj.id} is spot-checked against two copies but still marked unverified"


@pytest.mark.parametrize("code,treaty", [(c, t) for c, rows in TABLE["participation"].items() for t in rows])
def test_treaty_participation(code, treaty):
    expected = TABLE["participation"][code][treaty]
    p = bundled().states[code].status(treaty)
    assert p is not None, f"{code} has no entry for {treaty}"
    for field, value in expected.items():
        assert getattr(p, field) == value, (field, getattr(p, field), value)
