"""Atomic replacement: the mode survives, a symlink stays a symlink, a concurrent edit is never lost."""
from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

import pytest

from casebuilder.errors import UserError
from casebuilder.integrity import write_atomic
from casebuilder.write import WriteError, write_output


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
    with pytest.raises(UserError) as exc:
        write_atomic(p, b"ours", expect=b"what we read")
    assert str(exc.value) == (f"{p}: the file changed while casebuilder was working on it; nothing was written, "
                              "run the command again")
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
    old = os.umask(0)
    try:
        write_atomic(tmp_path / "open.yaml", b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "open.yaml").stat().st_mode) == 0o666
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


def test_a_leftover_of_a_running_process_is_kept_and_the_process_left_undisturbed(tmp_path: Path) -> None:
    """Whether the process that made a leftover still runs is asked without signalling it: a writer that is
    still at work (here a process that a hangup would end) goes on, and its temporary file stays."""
    import signal
    import subprocess
    import sys

    # the child answers each line it reads (a signal sent to it is handled before it can answer)
    child = subprocess.Popen([sys.executable, "-c", "import signal, sys; signal.signal(signal.SIGHUP, signal.SIG_DFL)\n"
                              "for line in sys.stdin: print(line.strip(), flush=True)"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def answers(word: bytes) -> bytes:
        child.stdin.write(word + b"\n")
        child.stdin.flush()
        return child.stdout.readline()

    try:
        assert answers(b"ready") == b"ready\n"
        leftover = f".a.yaml.{child.pid}.0badc0de.tmp"
        (tmp_path / leftover).write_bytes(b"half")
        write_atomic(tmp_path / "a.yaml", b"new")
        assert _names(tmp_path) == [leftover, "a.yaml"]
        assert answers(b"still here") == b"still here\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


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


TEMPORARY = re.compile(r"\.a\.yaml\.(\d+)\.[0-9a-f]{8}\.tmp")


def _unnamed_files_work(folder: Path) -> bool:
    try:
        os.close(os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600))
    except (AttributeError, OSError):
        return False
    return True


@pytest.mark.parametrize("unnamed", [True, False])
def test_the_temporary_file_is_named_for_its_target_and_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                unnamed: bool) -> None:
    """The name a killed run's leftover is recognised by: `.<target>.<pid>.<8 hex>.tmp`, beside the target."""
    if unnamed and not _unnamed_files_work(tmp_path):
        pytest.skip("this file system makes no unnamed files")
    if not unnamed:
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    renamed = []
    real_replace = os.replace

    def replace(src, dst, **kw):
        renamed.append((Path(src), Path(dst)))
        return real_replace(src, dst, **kw)

    monkeypatch.setattr(os, "replace", replace)
    write_atomic(tmp_path / "a.yaml", b"new")
    [(src, dst)] = renamed
    assert src.parent == tmp_path and dst == tmp_path / "a.yaml"
    m = TEMPORARY.fullmatch(src.name)
    assert m and int(m[1]) == os.getpid(), src.name


def test_while_the_bytes_are_written_no_temporary_file_has_a_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the system makes unnamed files, a kill -9 during the write (here: at the fsync) leaves nothing behind."""
    if not _unnamed_files_work(tmp_path):
        pytest.skip("this file system makes no unnamed files")
    seen = []
    real_fsync = os.fsync

    def fsync(fd):
        seen.append(_names(tmp_path))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    (tmp_path / "a.yaml").write_bytes(b"old")
    write_atomic(tmp_path / "a.yaml", b"new")
    assert seen == [["a.yaml"]]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_replaced_file_keeps_its_owner(tmp_path: Path) -> None:
    p = tmp_path / "a.yaml"
    p.write_bytes(b"old")
    os.chown(p, 12345, 23456)
    write_atomic(p, b"new")
    assert (p.stat().st_uid, p.stat().st_gid) == (12345, 23456)


def test_a_leftover_of_a_process_we_may_not_signal_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another user's process answers 'not permitted': it runs, and its temporary file is not ours to remove."""
    other = f".a.yaml.{4_194_304 + 9}.0badc0de.tmp"
    (tmp_path / other).write_bytes(b"half")

    def kill(pid, sig):
        raise PermissionError(1, "not permitted")

    monkeypatch.setattr(os, "kill", kill)
    write_atomic(tmp_path / "a.yaml", b"new")
    assert _names(tmp_path) == [other, "a.yaml"]


def test_write_output_itself_refuses_the_case_and_exhibits_folders(tmp_path: Path) -> None:
    """Every command checks where its output goes before it works; write_output checks again, so that no caller
    can forget: a path among the case's files or the exhibits is refused with one line, and nothing is written."""
    case, vault = tmp_path / "case", tmp_path / "vault"
    case.mkdir()
    vault.mkdir()
    (case / "case.yaml").write_bytes(b"case: {}\n")
    for target, why in ((case / "case.yaml", f"is inside the case folder {case}; outputs never go among the case's "
                         "own files (write them elsewhere, or into the case's build/ folder)"),
                        (vault / "brief.pdf", f"is inside the exhibits folder {vault}; outputs never go among the exhibits")):
        with pytest.raises(UserError) as exc:
            write_output(target, b"brief", case_dir=case, exhibits=vault)
        assert str(exc.value) == f"{target}: {why}; nothing was written"
    assert (case / "case.yaml").read_bytes() == b"case: {}\n" and _names(vault) == []
    write_output(case / "build" / "brief.pdf", b"brief", case_dir=case, exhibits=vault)  # the case's build/ folder
    assert (case / "build" / "brief.pdf").read_bytes() == b"brief"


def test_a_file_system_that_refuses_unnamed_files_gets_a_private_named_one(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """O_TMPFILE refused by the file system (EOPNOTSUPP): a named temporary file instead, readable by its owner only
    while the bytes are written, and given the target's mode only then."""
    real_open, real_fsync = os.open, os.fsync
    modes = []

    def open_(path, flags, *args, **kw):
        if flags & getattr(os, "O_TMPFILE", 0) == getattr(os, "O_TMPFILE", -1):
            raise OSError(errno.EOPNOTSUPP, "not supported")
        return real_open(path, flags, *args, **kw)

    def fsync(fd):
        modes.append((stat.S_IMODE(os.fstat(fd).st_mode), _names(tmp_path)))
        return real_fsync(fd)

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "fsync", fsync)
    p = tmp_path / "a.yaml"
    p.write_bytes(b"old")
    os.chmod(p, 0o644)
    write_atomic(p, b"new")
    [(mode, names)] = modes
    assert mode == 0o600 and len(names) == 2 and TEMPORARY.fullmatch(names[0]), names
    assert p.read_bytes() == b"new" and stat.S_IMODE(p.stat().st_mode) == 0o644 and _names(tmp_path) == ["a.yaml"]


def test_an_error_without_a_number_is_reported_in_its_own_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args):
        raise OSError("the disk was unplugged")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(WriteError) as exc:
        write_atomic(tmp_path / "a.yaml", b"new")
    assert str(exc.value) == f"{tmp_path / 'a.yaml'}: cannot write: the disk was unplugged; nothing was written"


def test_a_relative_path_from_a_folder_that_was_removed_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    with pytest.raises(WriteError) as exc:
        write_atomic("a.yaml", b"new")
    assert str(exc.value) == "a.yaml: cannot write: No such file or directory; nothing was written"
    assert exc.value.errno == errno.ENOENT
