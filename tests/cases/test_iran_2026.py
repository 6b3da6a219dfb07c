"""The bundled case is clean, complete, and every excerpt is found in the seed it cites."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from casebuilder.api import check
from casebuilder.cli import main

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "cases" / "iran-2026"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def checked():
    return check(CASE)


def test_check_is_clean_with_strict(capsys):
    assert main(["check", str(CASE), "--strict"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("ok: ") and err.endswith(", 0 errors, 0 warnings\n") and len(err.splitlines()) == 1, err


def test_the_case_is_as_large_as_promised(checked):
    c = checked.case
    assert len(c.incidents) >= 12
    assert len(c.evidence) >= 60
    assert len(c.sources) >= 15
    assert len(c.figures) >= 8
    assert len(c.allegations) >= 10
    assert sum(1 for i in c.incidents if i.date.calendar == "solar-hijri") >= 2
    assert (CASE / "README.md").is_file()


def test_state_organs_are_interested_parties(checked):
    state = [s for s in checked.case.sources if s.kind == "state"]
    assert state and all(s.interested_party for s in state)


def test_contradicting_evidence_is_linked(checked):
    stances = [link.stance for a in checked.case.allegations for link in a.links]
    assert stances.count("contradicts") >= 3


def test_protected_witnesses_have_pseudonyms(checked):
    by_id = {p.id: p for p in checked.case.persons}
    shirin = by_id["p-shirin"]
    assert shirin.protection != "none" and shirin.pseudonym == "Shirin"
    assert "fictional" in (shirin.name or "").lower()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
def test_every_excerpt_is_in_the_seed_it_cites(checked):
    texts: dict[str, str] = {}
    hashes: dict[str, str] = {}
    for f in SEEDS.glob("*.txt"):
        raw = f.read_bytes()
        texts[f.name] = raw.decode("utf-8")
        hashes[f.name] = hashlib.sha256(raw).hexdigest()
    missing = []
    with_exhibit = 0
    for e in checked.case.evidence:
        if e.exhibit is None:
            continue
        with_exhibit += 1
        assert e.exhibit.path in texts, f"{e.id}: exhibit {e.exhibit.path} is not a seed"
        assert e.exhibit.sha256 == hashes[e.exhibit.path], e.id
        if e.excerpt and e.excerpt not in texts[e.exhibit.path]:
            missing.append(e.id)
    assert with_exhibit >= 60
    assert missing == []
