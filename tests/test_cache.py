"""The check cache: a hit gives exactly what a fresh check gives; any change to an input is a miss."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from casebuilder import cache
from casebuilder.api import check
from casebuilder.models import COLLECTIONS

REPO = Path(__file__).resolve().parent.parent
MINIMAL = REPO / "tests" / "fixtures" / "good" / "minimal"
FRAMEWORKS = REPO / "tests" / "fixtures" / "frameworks"


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """Caching on, into a folder of this test's own."""
    monkeypatch.delenv("CASEBUILDER_NO_CACHE", raising=False)
    monkeypatch.setenv("CASEBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def case(tmp_path) -> Path:
    """The minimal good case plus mistakes, so that diagnostics (with positions) are cached too."""
    folder = tmp_path / "case"
    shutil.copytree(MINIMAL, folder)
    (folder / "extra.yaml").write_text(
        "sources:\n"
        "  - id: src-extra\n"
        "    name: Extra\n"
        "    kind: ngo\n"
        "    reliability: B\n"
        "    reliability_reason: x\n"
        "    cuntry: GB\n"                          # unknown key
        "evidence:\n"
        "  - id: ev-extra\n"
        "    kind: report\n"
        "    source: src-nowhere\n"                 # unknown reference
        "    date: \"2026-01-05\"\n", encoding="utf-8")
    return folder


def _snapshot(checked) -> str:
    """Everything a later stage can see: diagnostics (with places) and every model, as text."""
    c = checked.case
    out = {"diagnostics": [d.as_dict() | {"context": d.context} for d in checked.diagnostics],
           "info": c.info.model_dump(mode="json") if c.info else None,
           "broken": sorted(c.broken_ids), "files": [sf.display for sf in c.files]}
    for name in COLLECTIONS:
        objs = getattr(c, name)
        out[name] = [o.model_dump(mode="json") for o in objs]
        out[name + ":where"] = [str(c.locate(o, "id")) for o in objs]
    return json.dumps(out, sort_keys=True, default=str)


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("checked-*.pickle")) if folder.is_dir() else []


def test_a_hit_is_identical_to_a_fresh_check(case, cached, monkeypatch):
    first = check(case, FRAMEWORKS)
    assert first.diagnostics.errors, "the case should carry diagnostics for this test to mean anything"
    assert len(_entries(cached)) == 1
    with monkeypatch.context() as m:  # prove that the second check does not load anything
        m.setattr("casebuilder.api.load_case", lambda *a: pytest.fail("loaded although cached"))
        hit = check(case, FRAMEWORKS)
    monkeypatch.setenv("CASEBUILDER_NO_CACHE", "1")
    fresh = check(case, FRAMEWORKS)
    assert _snapshot(hit) == _snapshot(fresh) == _snapshot(first)


def test_positions_survive_the_cache(case, cached, monkeypatch):
    check(case, FRAMEWORKS)
    monkeypatch.setattr("casebuilder.api.load_case", lambda *a: pytest.fail("loaded although cached"))
    hit = check(case, FRAMEWORKS)
    ev = next(e for e in hit.case.evidence if e.id == "ev-extra")
    where = hit.case.locate(ev, "source")
    assert where is not None and where.path.endswith("extra.yaml") and (where.line, where.column) == (11, 13)


def test_any_changed_file_invalidates(case, cached):
    check(case, FRAMEWORKS)
    extra = case / "extra.yaml"
    extra.write_text(extra.read_text(encoding="utf-8").replace("src-nowhere", "src-extra"), encoding="utf-8")
    after = check(case, FRAMEWORKS)
    assert not any("src-nowhere" in d.message for d in after.diagnostics)
    assert len(_entries(cached)) == 2


def test_a_new_file_invalidates(case, cached):
    before = check(case, FRAMEWORKS)
    (case / "more.yaml").write_text("persons:\n  - {id: p-new, role: other, name: New Person}\n", encoding="utf-8")
    after = check(case, FRAMEWORKS)
    assert len(after.case.persons) == len(before.case.persons) + 1


def test_a_changed_framework_invalidates(case, cached, tmp_path):
    fws = tmp_path / "frameworks"
    shutil.copytree(FRAMEWORKS, fws)
    check(case, fws)
    states = fws / "states.yaml"
    states.write_text(states.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    check(case, fws)
    assert len(_entries(cached)) == 2


def test_the_exhibits_folder_is_part_of_the_key(case, cached, tmp_path):
    k1 = cache.key(case, FRAMEWORKS, None)
    vault = tmp_path / "vault"
    vault.mkdir()
    k2 = cache.key(case, FRAMEWORKS, vault)
    (vault / "link").symlink_to(tmp_path)
    k3 = cache.key(case, FRAMEWORKS, vault)
    assert len({k1, k2, k3}) == 3


def test_no_cache_writes_nothing(case, cached, monkeypatch):
    monkeypatch.setenv("CASEBUILDER_NO_CACHE", "1")
    check(case, FRAMEWORKS)
    assert cache.cache_dir() is None and not cached.exists()


def test_a_damaged_entry_is_a_miss_not_an_error(case, cached):
    first = check(case, FRAMEWORKS)
    (entry,) = _entries(cached)
    entry.write_bytes(b"not a pickle")
    again = check(case, FRAMEWORKS)
    assert _snapshot(again) == _snapshot(first)


def test_an_entry_others_can_write_is_not_loaded(case, cached):
    check(case, FRAMEWORKS)
    (entry,) = _entries(cached)
    os.chmod(entry, 0o666)
    assert cache.load(cache.key(case, FRAMEWORKS, None)) is None


def test_old_entries_are_pruned(tmp_path, cached, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    for i in range(4):
        folder = tmp_path / f"c{i}"
        shutil.copytree(MINIMAL, folder)
        check(folder, FRAMEWORKS)
    assert len(_entries(cached)) == 2


def test_default_folder_is_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.delenv("CASEBUILDER_NO_CACHE", raising=False)
    monkeypatch.delenv("CASEBUILDER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "casebuilder"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path(os.path.expanduser("~")) / ".cache" / "casebuilder"
