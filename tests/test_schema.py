"""`casebuilder schema`: a valid JSON Schema that editors can use, and that agrees with `check`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import GOOD, load_yaml, run
from jsonschema import Draft202012Validator


@pytest.fixture(scope="module")
def schema() -> dict:
    res = run("schema")
    assert res.code == 0, res.err
    return json.loads(res.out)


@pytest.fixture(scope="module")
def validator(schema: dict) -> Draft202012Validator:
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("new") / "example"
    assert run("new", path).code == 0
    return path


def test_schema_is_a_valid_json_schema(schema: dict) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == {"case", "sources", "persons", "actors", "incidents", "evidence",
                                         "figures", "allegations", "suspects", "charges"}


def _good_files(scaffold: Path) -> list[Path]:
    return sorted(GOOD.glob("*/**/*.yaml")) + sorted(scaffold.glob("*.yaml"))


def test_schema_accepts_every_file_of_the_good_cases(validator: Draft202012Validator, scaffold: Path) -> None:
    files = _good_files(scaffold)
    assert len(files) >= 10
    for f in files:
        data = load_yaml(f.read_text(encoding="utf-8"))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, f"{f}: {errors}"


@pytest.mark.parametrize("mistake", [
    {"sources": [{"id": "s", "name": "n", "kind": "ngo", "reliability": "B", "reliability_reason": "r",
                  "reliabilty": "B"}]},                                          # unknown key
    {"persons": [{"id": "p", "role": "villain"}]},                               # value outside the set
    {"evidence": [{"id": "e", "kind": "photo"}]},                                # missing source
    {"case": {"id": "c"}},                                                       # missing fields
    {"incidents": "inc-1"},                                                      # not a list
    {"notes": []},                                                               # unknown collection
    {"figures": [{"id": "f", "what": "deaths", "value": 1, "as_of": "4 Jan 2026", "scope": "s",
                  "source": "s"}]},                                              # not a date
])
def test_schema_refuses_what_check_refuses(validator: Draft202012Validator, mistake: dict) -> None:
    assert list(validator.iter_errors(mistake))


def test_new_writes_the_same_schema_beside_the_case(schema: dict, scaffold: Path) -> None:
    assert json.loads((scaffold / "case.schema.json").read_text(encoding="utf-8")) == schema
    first_lines = {f.read_text(encoding="utf-8").splitlines()[0] for f in scaffold.glob("*.yaml")}
    assert first_lines == {"# yaml-language-server: $schema=./case.schema.json"}
