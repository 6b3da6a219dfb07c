"""The bundled case verifies against the seed documents it was built from."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "cases" / "iran-2026"
SEEDS = REPO / ".." / "shared" / "seeds"


def test_bundled_case_verifies_against_the_seeds() -> None:
    if not (CASE / "case.yaml").is_file():
        pytest.skip(f"the bundled case {CASE} is not written yet")
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not beside the repository ({SEEDS.resolve()})")
    r = run("verify", CASE, "--exhibits", SEEDS, "--require-exhibits", "--format", "json")
    assert r.code == 0, r.out[-3000:]
    doc = json.loads(r.out)
    assert doc["items"] and {it["status"] for it in doc["items"]} == {"ok"}
    assert {u["path"] for u in doc["unrecorded"]} <= {"README.md"}


def test_hash_has_nothing_to_add_to_the_bundled_case() -> None:
    if not (CASE / "case.yaml").is_file() or not SEEDS.is_dir():
        pytest.skip("the bundled case or the seeds are not there yet")
    before = {p: p.read_bytes() for p in CASE.rglob("*.yaml")}
    r = run("hash", CASE, "--exhibits", SEEDS, "--dry-run")
    assert r.code == 0 and "would record 0 hashes in 0 files" in r.out
    assert {p: p.read_bytes() for p in CASE.rglob("*.yaml")} == before
