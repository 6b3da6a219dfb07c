"""`casebuilder frameworks` as a user runs it: the listing, and one framework's tree as JSON."""
from __future__ import annotations

import json

import pytest

from casebuilder.models import Framework
from clirun import run

from .fwdata import FRAMEWORKS_DIR, all_frameworks, read_yaml


def test_listing_names_every_framework_standard_and_states():
    res = run("frameworks", "--format", "json")
    assert res.code == 0, res.err
    items = json.loads(res.out)
    ids = [it["id"] for it in items]
    assert len(items) >= 6
    assert {"rome-statute/article-7", "rome-statute/article-8-medical", "ihl/medical-neutrality",
            "ihrl/medical-care", "standards-of-proof", "states"} <= set(ids)
    assert len(ids) == len(set(ids))


def test_text_listing_has_one_line_per_entry():
    res = run("frameworks")
    assert res.code == 0, res.err
    assert len(res.out.strip().splitlines()) == len(json.loads(run("frameworks", "--format", "json").out))


@pytest.mark.parametrize("fid", [fw.id for fw in all_frameworks()])
def test_json_reproduces_the_yaml_exactly(fid):
    """The JSON a user gets is the YAML read directly and dumped through the models: nothing lost or added."""
    res = run("frameworks", fid, "--format", "json")
    assert res.code == 0, res.err
    direct = Framework.model_validate(read_yaml(FRAMEWORKS_DIR / f"{fid}.yaml")).model_dump(mode="json", exclude_none=True)
    assert json.loads(res.out) == direct


def _leaves(node):
    if "all_of" in node or "any_of" in node:
        for c in node.get("all_of") or node.get("any_of"):
            yield from _leaves(c)
    else:
        yield node


def test_article_7_tree_has_the_contract_fields():
    """ARCHITECTURE: provisions carry id, title, citation and a tree whose leaves have id, text, citation, kind."""
    data = json.loads(run("frameworks", "rome-statute/article-7", "--format", "json").out)
    assert {"applicability", "contextual", "provisions"} <= set(data)
    leaves = list(_leaves(data["contextual"]))
    for p in data["provisions"]:
        assert {"id", "title", "citation", "elements"} <= set(p)
        leaves += list(_leaves(p["elements"]))
    for leaf in leaves:
        assert {"id", "text", "citation", "kind"} <= set(leaf), leaf.get("id")
    murder = next(lf for lf in leaves if lf["id"] == "rs.7.1.a.1")
    assert murder["text"] == "The perpetrator killed one or more persons."
    assert murder["citation"] == {"instrument": "ICC Elements of Crimes", "article": "7(1)(a)", "element": "1"}


def test_unknown_framework_is_a_usage_error():
    res = run("frameworks", "rome-statute/article-99")
    assert res.code == 2
    assert "rome-statute/article-7" in res.err
