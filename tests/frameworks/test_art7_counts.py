"""Art. 7 element counts against the ICC Elements of Crimes, table-driven from art7_counts.yaml.

Each leaf of an act cites its EoC element number (``citation.element``: "1", "1(a)", "3", ...). The
numbered elements of a crime are the distinct leading numbers of its leaves plus the shared contextual
pair; they must be exactly 1..n with n = the count in the table, and each leaf id must carry its number.
"""
from __future__ import annotations

import re

import pytest

from .fwdata import HERE, bundled, leaves, read_yaml

TABLE = read_yaml(HERE / "art7_counts.yaml")
FW = bundled().frameworks[TABLE["framework"]]


def numbers(pid: str) -> list[int]:
    out = []
    for n in leaves(FW):
        if n.provision_id == pid:
            m = re.match(r"^(\d+)", n.node.citation.element or "")
            assert m, f"{n.node.id} cites no EoC element number"
            out.append(int(m.group(1)))
    return out


def test_table_covers_every_act():
    assert sorted(TABLE["acts"]) == sorted(p.id for p in FW.provisions)


def test_shared_contextual_elements_exist():
    ctx = {n.node.id for n in leaves(FW) if n.provision_id is None}
    assert set(TABLE["contextual"]) <= ctx


@pytest.mark.parametrize("pid,row", sorted(TABLE["acts"].items()))
def test_numbered_elements_match_the_eoc(pid, row):
    nums = sorted(set(numbers(pid)))
    act_specific = row["eoc_elements"] - len(TABLE["contextual"])
    assert nums == list(range(1, act_specific + 1)), f"{row['crime']}: EoC elements {nums}, expected 1..{act_specific}"


@pytest.mark.parametrize("pid", sorted(TABLE["acts"]))
def test_leaf_ids_carry_their_element_number(pid):
    for n in leaves(FW):
        if n.provision_id == pid:
            el = n.node
            number = re.match(r"^(\d+)", el.citation.element).group(1)
            stem = f"{pid}.{number}"
            assert el.id == stem or el.id.startswith(stem + "."), (el.id, el.citation.element)


def test_description_table_agrees():
    """The Markdown table in the framework's own description says the same as the test table."""
    rows = re.findall(r"^\| (rs\.7\.1\.[\w-]+) \| [^|]+ \| (\d+) \| (\d+) \| (\d+) \|$", FW.description or "", re.M)
    assert {pid: int(total) for pid, total, _, _ in rows} == {k: v["eoc_elements"] for k, v in TABLE["acts"].items()}
    assert all(int(a) + int(c) == int(t) for _, t, a, c in rows)
