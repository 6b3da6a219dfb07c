"""An exhibit the disk fails to read (an I/O error half-way) is named with the system's reason, by `hash`
(which records nothing for it) and by `verify` (which reports it unreadable); and `verify --format json`
of a folder without a case block still gives its report (no case id) rather than failing."""
from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from casebuilder.integrity import hashing
from clirun import run

from .conftest import make_vaulted, sha


@pytest.fixture
def failing_disk(monkeypatch):
    real = hashing.sha256_file

    def sha256_file(path, progress=None):
        if Path(path).name == "bad-sector.bin":
            raise OSError(errno.EIO, "Input/output error", str(path))
        return real(path, progress)

    monkeypatch.setattr(hashing, "sha256_file", sha256_file)


def test_hash_names_the_read_error_and_records_nothing_for_that_exhibit(tmp_path: Path, failing_disk) -> None:
    v = make_vaulted(tmp_path, {"bad-sector.bin": b"x" * 100, "good.txt": b"fine"}, record=False)
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01")
    assert r.code == 1
    assert f"{v.evidence}:{v.line_of('path: bad-sector.bin')}:13: error[exhibit-missing]: exhibit 'bad-sector.bin' " \
           "cannot be read: Input/output error\n  = in evidence ev-x0" in r.err
    text = v.evidence.read_text(encoding="utf-8")
    assert sha(b"x" * 100) not in text and f"sha256: {sha(b'fine')}" in text


def test_verify_reports_the_exhibit_unreadable_with_the_reason(tmp_path: Path, failing_disk) -> None:
    v = make_vaulted(tmp_path, {"bad-sector.bin": b"x" * 100, "good.txt": b"fine"})
    r = run("verify", v.case, "--exhibits", v.vault, "--format", "json")
    assert r.code == 1
    doc = json.loads(r.out)
    assert [(i["status"], i["evidence"], i["message"]) for i in doc["items"]] == [
        ("unreadable", "ev-x0", "cannot read bad-sector.bin: Input/output error"), ("ok", "ev-x1", None)]
    assert [(d["code"], d["message"]) for d in doc["diagnostics"]] == [
        ("exhibit-missing", "exhibit 'bad-sector.bin' cannot be read: Input/output error (in evidence ev-x0)")]


def test_verify_json_of_a_folder_without_a_case_block(tmp_path: Path) -> None:
    case, vault = tmp_path / "case", tmp_path / "vault"
    case.mkdir()
    vault.mkdir()
    (vault / "a.txt").write_bytes(b"a")
    (case / "ev.yaml").write_text("evidence:\n  - id: ev-a\n    kind: document\n    source: src-ngo\n"
                                  f"    exhibit: {{path: a.txt, sha256: {sha(b'a')}}}\n", encoding="utf-8")
    r = run("verify", case, "--exhibits", vault, "--format", "json")
    doc = json.loads(r.out)
    assert doc["case"] is None and [(i["status"], i["evidence"]) for i in doc["items"]] == [("ok", "ev-a")]
    assert [d["code"] for d in doc["diagnostics"]] == ["missing-case"] and r.code == 1
    # seconds to the millisecond, as a number with a fraction (never whole seconds)
    seconds = doc["summary"]["seconds"]
    assert isinstance(seconds, float) and round(seconds, 3) == seconds
