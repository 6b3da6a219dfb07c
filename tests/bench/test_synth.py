"""bench/synth.py: small synthetic cases are valid, realistic in shape, split, and reproducible."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bench.synth import generate, main
from casebuilder.api import check, frameworks


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth") / "case"
    stats = generate(out, 40, seed=3)
    return out, stats, check(out)


def test_a_generated_case_checks_clean(small):
    _, _, checked = small
    assert [str(d.message) for d in checked.diagnostics] == []


def test_counts_and_shape(small):
    out, stats, checked = small
    case = checked.case
    assert stats["incidents"] == len(case.incidents) == 40
    assert stats["evidence"] == len(case.evidence) and len(case.evidence) >= 4 * 40
    assert stats["files"] == len(list(out.rglob("*.yaml"))) > 5  # split as a team would
    assert stats["link_evidence"] == sum(len(lk.evidence) for a in case.allegations for lk in a.links)
    protected = [p for p in case.persons if p.protection != "none"]
    assert protected and len(protected) < len(case.persons)
    assert any(p.name_original for p in case.persons)
    assert any(f.min is not None for f in case.figures) or any(f.value is not None for f in case.figures)


def test_hearsay_chains_and_contradictions(small):
    case = small[2].case
    ids = {e.id for e in case.evidence}
    relayed = [e for e in case.evidence if any(d in ids for d in e.derived_from)]
    assert relayed, "some evidence relays other evidence"
    by_id = {e.id: e for e in case.evidence}
    deepest = max(relayed, key=lambda e: _depth(e, by_id))
    assert _depth(deepest, by_id) >= 2
    assert any(lk.stance == "contradicts" for a in case.allegations for lk in a.links)


def _depth(e, by_id) -> int:
    return 1 + max((_depth(by_id[d], by_id) for d in e.derived_from if d in by_id), default=0)


def test_links_point_at_real_framework_elements(small):
    case = small[2].case
    fs, _ = frameworks(None)
    elements = {lk.element for a in case.allegations for lk in a.links}
    assert elements and elements <= set(fs.elements)
    assert {a.framework for a in case.allegations} <= set(case.info.frameworks) <= set(fs.frameworks)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    generate(tmp_path / "a", 15, seed=7)
    generate(tmp_path / "b", 15, seed=7)
    generate(tmp_path / "c", 15, seed=8)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")


def test_exhibits_can_be_written_and_match_their_hashes(tmp_path):
    out = tmp_path / "case"
    generate(out, 5, seed=1, exhibits=True)
    case = check(out).case
    recorded = [e.exhibit for e in case.evidence if e.exhibit is not None]
    assert recorded
    for ex in recorded:
        assert hashlib.sha256((out / "exhibits" / ex.path).read_bytes()).hexdigest() == ex.sha256


def test_command_line(tmp_path, capsys):
    assert main([str(tmp_path / "cli"), "--incidents", "3", "--seed", "2"]) == 0
    assert "incidents 3" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([str(tmp_path / "none")])
