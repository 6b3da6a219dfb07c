"""Atomic replacement: the mode survives, a symlink stays a symlink, a concurrent edit is never lost."""
from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from casebuilder.errors import UserError
from casebuilder.integrity import write_atomic
from casebuilder.write import WriteError


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


def _names(folder: Path) -> list[str]:
    return sorted(x.name for x in folder.iterdir())


def test_a_new_file_takes_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.yaml", b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640
    (tmp_path / "kept.yaml").write_bytes(b"old")
    os.chmod(tmp_path / "kept.yaml", 0o604)
    write_atomic(tmp_path / "kept.yaml", b"new")
    assert stat.S_IMODE((tmp_path / "kept.yaml").stat().st_mode) == 0o604


@pytest.fixture
def no_tmpfile(monkeypatch: pytest.MonkeyPatch) -> None:
    """A system without O_TMPFILE: the temporary file is named from the start."""
    monkeypatch.delattr(os, "O_TMPFILE", raising=False)


def test_without_unnamed_files_a_named_temporary_replaces_the_file_and_goes(tmp_path: Path, no_tmpfile) -> None:
    p = tmp_path / "a.yaml"
    p.write_bytes(b"old\n")
    os.chmod(p, 0o640)
    before = p.stat().st_ino
    write_atomic(p, b"new\n", expect=b"old\n")
    assert p.read_bytes() == b"new\n" and p.stat().st_ino != before
    assert stat.S_IMODE(p.stat().st_mode) == 0o640
    assert _names(tmp_path) == ["a.yaml"]


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_without_unnamed_files_a_crash_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                no_tmpfile, step: str) -> None:
    p = tmp_path / "a.yaml"
    p.write_bytes(b"old\n")

    def crash(*args, **kwargs):
        raise OSError(5, "simulated failure")

    monkeypatch.setattr(os, step, crash)
    with pytest.raises(OSError):
        write_atomic(p, b"new\n")
    monkeypatch.undo()
    assert p.read_bytes() == b"old\n" and _names(tmp_path) == ["a.yaml"]


def test_a_temporary_file_left_by_a_killed_run_is_removed_by_the_next_write(tmp_path: Path) -> None:
    """Only the target's own leftovers of a process that no longer runs go; anything else stays."""
    dead = 4_194_304 + 7  # above Linux's largest pid: no such process
    stale = f".a.yaml.{dead}.0badc0de.tmp"
    kept = [f".a.yaml.{os.getpid()}.12345678.tmp",   # a live process (ours) may still be writing
            f".a.yaml.notapid.12345678.tmp",          # not a name we make
            f".b.yaml.{dead}.0badc0de.tmp",           # another file's
            f".a.yaml.{dead}.0badc0de.part",          # not a temporary file
            "a.yaml.bak"]
    for n in [stale, *kept]:
        (tmp_path / n).write_bytes(b"half")
    write_atomic(tmp_path / "a.yaml", b"new")
    assert _names(tmp_path) == sorted(["a.yaml", *kept])


def test_a_file_whose_owner_cannot_be_kept_is_still_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "a.yaml"
    p.write_bytes(b"old")

    def refuse(*args):
        raise PermissionError(1, "not permitted")

    monkeypatch.setattr(os, "fchown", refuse)
    write_atomic(p, b"new")
    assert p.read_bytes() == b"new" and _names(tmp_path) == ["a.yaml"]


@pytest.mark.parametrize("code, reason", [
    (errno.ENOSPC, "no space left on the device"),
    (errno.EDQUOT, "disk quota exceeded"),
    (errno.EACCES, "permission denied"),
    (errno.EPERM, "operation not permitted"),
    (errno.EROFS, "the file system is read-only"),
    (errno.ELOOP, "is a symlink loop"),
    (errno.EISDIR, "is a folder; give a file name"),
    (errno.ENOTDIR, "a part of the path is not a folder"),
    (errno.ENAMETOOLONG, "the name is too long"),
    (errno.EPIPE, "the reader closed the pipe"),
    (errno.EIO, "Input/output error"),   # any other: the system's own words
])
def test_a_failure_of_the_file_system_is_one_line_naming_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  code: int, reason: str) -> None:
    p = tmp_path / "a.yaml"
    p.write_bytes(b"old")

    def fail(*args):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(WriteError) as exc:
        write_atomic(p, b"new")
    monkeypatch.undo()
    assert str(exc.value) == f"{p}: cannot write: {reason}; nothing was written"
    assert exc.value.errno == code and isinstance(exc.value, UserError)
    assert p.read_bytes() == b"old" and _names(tmp_path) == ["a.yaml"]
