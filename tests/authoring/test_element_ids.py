"""Finding element ids without reading the frameworks folder (#26 item 2): one provision or element with
its parents, a short index, "did you mean" for an inner node, and the ids in the schema `new` writes."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run
from jsonschema import Draft202012Validator

import yaml

ART7 = "rome-statute/article-7"


def test_one_provision_is_shown_with_its_elements_only():
    res = run("frameworks", ART7, "rs.7.1.i")
    assert res.code == 0, res.err
    out = res.out
    assert "rs.7.1.i \u2014 Crime against humanity of enforced disappearance of persons" in out
    for leaf in ("rs.7.1.i.1.a", "rs.7.1.i.2.a", "rs.7.1.i.2.b", "rs.7.1.i.6"):
        assert leaf in out
    assert "rs.7.1.a.1" not in out and "rs.7.ctx.attack" not in out
    assert len(out.splitlines()) < 120  # not the 400-line framework


def test_an_inner_node_is_shown_with_its_parents_and_every_alternative():
    res = run("frameworks", ART7, "rs.7.1.i.limb-b")  # limb (b) of elements 1-3, paired as the EoC pair them
    assert res.code == 0, res.err
    lines = res.out.splitlines()
    assert lines[1].startswith("rs.7.1.i \u2014")                              # the provision above it
    assert any(ln.strip().startswith("rs.7.1.i.limbs  ANY OF") for ln in lines)   # the group above it
    assert any(ln.strip().startswith("rs.7.1.i.limb-b  ALL OF") for ln in lines)  # the node, named by id
    assert all(f"rs.7.1.i.{n}.b" in res.out for n in (1, 2, 3))
    assert "rs.7.1.i.1.a" not in res.out


def test_a_leaf_is_shown_with_its_group_and_provision_as_json():
    res = run("frameworks", ART7, "rs.7.1.i.2.b", "--format", "json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert data["provision"]["id"] == "rs.7.1.i"
    assert [p["id"] for p in data["parents"]][-2:] == ["rs.7.1.i.limbs", "rs.7.1.i.limb-b"]
    assert data["node"]["id"] == "rs.7.1.i.2.b" and data["elements"] == ["rs.7.1.i.2.b"]
    ctx = json.loads(run("frameworks", ART7, "rs.7.ctx.policy", "--format", "json").out)
    assert ctx["provision"] is None and ctx["elements"] == ["rs.7.ctx.policy"]


def test_an_unknown_item_is_a_usage_error_with_a_hint():
    res = run("frameworks", ART7, "rs.7.1.a.2")
    assert res.code == 2
    assert "rs.7.1.a.1" in res.err and "--index" in res.err


def test_index_lists_provision_title_and_leaf_ids():
    res = run("frameworks", ART7, "--index")
    assert res.code == 0, res.err
    lines = res.out.splitlines()
    row = next(ln for ln in lines if ln.startswith("rs.7.1.i "))
    assert row == ("rs.7.1.i  \u2192  Crime against humanity of enforced disappearance of persons  \u2192  "
                   "rs.7.1.i.1.a, rs.7.1.i.2.a, rs.7.1.i.3.a, rs.7.1.i.1.b, rs.7.1.i.2.b, rs.7.1.i.3.b, "
                   "rs.7.1.i.4, rs.7.1.i.5, rs.7.1.i.6")
    assert lines[1].startswith("(contextual)") and "rs.7.ctx.attack" in lines[1]
    data = json.loads(run("frameworks", ART7, "--index", "--format", "json").out)
    full = json.loads(run("frameworks", ART7, "--format", "json").out)
    assert [r["provision"] for r in data["provisions"][1:]] == [p["id"] for p in full["provisions"]]


def test_states_still_takes_a_state_code():
    res = run("frameworks", "states", "ir")
    assert res.code == 0, res.err
    assert res.out.startswith("IR ")


@pytest.fixture
def case(tmp_path: Path) -> Path:
    path = tmp_path / "case"
    assert run("new", path).code == 0
    return path


def test_an_inner_node_in_a_link_offers_every_leaf_under_it(case: Path):
    f = case / "allegations.yaml"
    text = f.read_text(encoding="utf-8").replace("provision: rs.7.1.a", "provision: rs.7.1.i")
    text = text.replace("element: rs.7.1.a.1", "element: rs.7.1.i.limb-a")
    f.write_text(text, encoding="utf-8")
    res = run("check", case, "--format", "json")
    assert res.code == 1
    [d] = [d for d in res.diagnostics() if d["code"] == "unknown-element"]
    assert "'rs.7.1.i.1.a' or 'rs.7.1.i.2.a' or 'rs.7.1.i.3.a'" in d["message"] or all(
        f"'rs.7.1.i.{n}.a'" in d["message"] for n in (1, 2, 3)), d["message"]
    assert "rs.7.1.i.1.b" not in d["message"]
    assert d["path"].endswith("allegations.yaml") and d["line"] == text.splitlines().index(
        next(ln for ln in text.splitlines() if "element: rs.7.1.i.limb-a" in ln)) + 1


def test_a_provision_id_in_a_link_names_its_elements(case: Path):
    f = case / "allegations.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("element: rs.7.1.a.1", "element: rs.7.1.a"), encoding="utf-8")
    [d] = [d for d in run("check", case, "--format", "json").diagnostics() if d["code"] == "unknown-element"]
    assert "is a provision" in d["message"] and "'rs.7.1.a.1'" in d["message"]


def test_the_schema_new_writes_completes_element_ids(case: Path):
    schema = json.loads((case / "case.schema.json").read_text(encoding="utf-8"))
    element = schema["$defs"]["Link"]["properties"]["element"]
    assert element["examples"][0] == "rs.7.ctx.attack" and "rs.7.1.i.2.b" in element["examples"]
    assert set(element["examples"]) <= set(element["enum"])
    v = Draft202012Validator(schema)
    good = yaml.safe_load((case / "allegations.yaml").read_text(encoding="utf-8"))
    assert not list(v.iter_errors(good))
    good["allegations"][1]["links"][0]["element"] = "rs.7.1.i.limb-b"  # an inner node, not an element
    assert list(v.iter_errors(good))


def test_new_writes_the_state_it_is_given(tmp_path: Path):
    res = run("new", tmp_path / "c", "--state", "sd")
    assert res.code == 0, res.err
    text = (tmp_path / "c" / "case.yaml").read_text(encoding="utf-8")
    assert "state: SD " in text and "XX" not in text
    assert "country: SD}" in (tmp_path / "c" / "incidents.yaml").read_text(encoding="utf-8")
    assert run("check", tmp_path / "c", "--strict").code == 0


@pytest.mark.parametrize("bad", ["Iran", "X1", "UK"])
def test_new_refuses_a_state_that_is_not_iso_alpha_2(tmp_path: Path, bad: str):
    res = run("new", tmp_path / "c", "--state", bad)
    assert res.code == 2
    assert "ISO 3166-1" in res.err and not (tmp_path / "c").exists()


@pytest.mark.parametrize("args", [("--index",), ("states", "--index"), ("standards-of-proof", "x")])
def test_index_or_item_without_a_framework_is_a_usage_error(args):
    assert run("frameworks", *args).code == 2
