"""Atomic replacement: the mode survives, a symlink stays a symlink, a concurrent edit is never lost."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from casebuilder.errors import UserError
from casebuilder.integrity import write_atomic


def test_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_bytes(b"old\n")
    os.chmod(p, 0o600)
    write_atomic(p, b"new\n", expect=b"old\n")
    assert p.read_bytes() == b"new\n" and stat.S_IMODE(p.stat().st_mode) == 0o600
    assert [x.name for x in tmp_path.iterdir()] == ["a.yaml"]


def test_writes_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(b"old")
    os.symlink("real.yaml", tmp_path / "link.yaml")
    write_atomic(tmp_path / "link.yaml", b"new")
    assert (tmp_path / "link.yaml").is_symlink() and (tmp_path / "real.yaml").read_bytes() == b"new"


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_bytes(b"edited by someone else")
    with pytest.raises(UserError, match="changed while"):
        write_atomic(p, b"ours", expect=b"what we read")
    assert p.read_bytes() == b"edited by someone else"
    assert [x.name for x in tmp_path.iterdir()] == ["a.yaml"]  # no temporary file left behind


def test_the_new_bytes_arrive_as_a_new_file_not_an_overwrite(tmp_path: Path) -> None:
    """A reader holding the old file open keeps reading the old bytes: the target is a new inode."""
    p = tmp_path / "a.yaml"
    p.write_bytes(b"old\n")
    before = p.stat().st_ino
    with open(p, "rb") as reader:
        write_atomic(p, b"new\n")
        assert reader.read() == b"old\n"
    assert p.read_bytes() == b"new\n" and p.stat().st_ino != before


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_crash_before_the_rename_leaves_the_old_bytes_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    p = tmp_path / "a.yaml"
    p.write_bytes(b"old\n")

    def crash(*args, **kwargs):
        raise OSError(5, f"simulated failure in {step}")

    monkeypatch.setattr(os, step, crash)
    with pytest.raises(OSError, match="simulated failure"):
        write_atomic(p, b"new bytes that must not appear\n")
    monkeypatch.undo()
    assert p.read_bytes() == b"old\n"
    assert [x.name for x in tmp_path.iterdir()] == ["a.yaml"]
