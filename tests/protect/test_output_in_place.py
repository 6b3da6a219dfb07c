"""An output written in place (a FIFO, a device) gets every byte even when the other end takes fewer than
offered in one write; a path that is neither a regular file nor a device or pipe (a socket) is refused."""
from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

from casebuilder import write as write_mod
from casebuilder.commands.new import scaffold
from casebuilder.write import write_output

from clirun import FRAMEWORKS, run


def test_a_pipe_that_takes_a_few_bytes_at_a_time_gets_them_all(tmp_path: Path, monkeypatch) -> None:
    """A write to a pipe or a terminal may take fewer bytes than offered (a signal in between, a slow
    reader): the rest follows in the next writes, in order, and nothing is renamed over the FIFO."""
    real_write = os.write
    calls: list[int] = []

    def short_write(fd, data):
        calls.append(len(data))
        return real_write(fd, bytes(data[:1000]))

    monkeypatch.setattr(write_mod.os, "write", short_write)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    data = bytes(range(256)) * 20  # 5120 bytes: six writes of at most 1000
    write_output(fifo, data)
    reader.join(20)
    assert got == [data]
    assert calls == [5120, 4120, 3120, 2120, 1120, 120]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_is_refused_as_output(tmp_path: Path) -> None:
    case = tmp_path / "case"
    scaffold(case)
    path = tmp_path / "brief.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        res = run("build", case, "--format", "html", "-o", path, "--frameworks-dir", FRAMEWORKS)
    assert res.code == 1
    assert f"{path}: is neither a regular file nor a device or pipe; nothing was written" in res.err
    assert "Traceback" not in res.err
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_an_output_in_folders_that_do_not_exist_yet_creates_them(tmp_path: Path) -> None:
    case = tmp_path / "case"
    scaffold(case)
    out = tmp_path / "filings" / "2026" / "brief.html"
    res = run("build", case, "--format", "html", "-o", out, "--frameworks-dir", FRAMEWORKS)
    assert res.code == 0, res.err
    assert out.read_bytes().lstrip().lower().startswith(b"<!doctype html")
    assert sorted(p.name for p in (tmp_path / "filings").iterdir()) == ["2026"]


def test_a_device_that_refuses_the_bytes_is_named_in_the_error(tmp_path: Path) -> None:
    """/dev/full takes no byte: one line naming the output and the reason, exit 1."""
    case = tmp_path / "case"
    scaffold(case)
    res = run("build", case, "--format", "html", "-o", "/dev/full", "--frameworks-dir", FRAMEWORKS)
    assert res.code == 1
    assert "/dev/full: cannot write: no space left on the device; nothing was written" in res.err.splitlines()[-1]
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_folder_and_a_symlink_loop_are_refused_in_one_line_each(tmp_path: Path) -> None:
    """Refused before anything is opened: the output, the reason, and that nothing was written."""
    case = tmp_path / "case"
    scaffold(case)
    folder = tmp_path / "out"
    folder.mkdir()
    loop = tmp_path / "loop.html"
    os.symlink("loop.html", loop)
    for target, reason in ((folder, "is a folder; give a file name"), (loop, "is a symlink loop")):
        res = run("build", case, "--format", "html", "-o", target, "--frameworks-dir", FRAMEWORKS)
        assert res.code == 1
        assert res.err.splitlines()[-1].endswith(f"{target}: {reason}; nothing was written"), res.err
    assert list(folder.iterdir()) == [] and os.readlink(loop) == "loop.html"


def test_a_link_beside_the_case_into_its_files_or_exhibits_is_refused(tmp_path: Path) -> None:
    """A symlink that stays within its own folder (the folder holding the case and the exhibits) but leads
    into the case or the exhibits folder: refused as the target would be, and nothing written through it."""
    case = tmp_path / "case"
    scaffold(case)
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "scan.pdf").write_bytes(b"%PDF exhibit")
    before = (case / "case.yaml").read_bytes()
    os.symlink("case/case.yaml", tmp_path / "brief.html")
    os.symlink("vault/scan.pdf", tmp_path / "exhibit.html")
    res = run("build", case, "--format", "html", "-o", tmp_path / "brief.html", "--frameworks-dir", FRAMEWORKS)
    assert res.code == 1
    assert f"{tmp_path / 'brief.html'}: is inside the case folder {case}; outputs never go among the case's own " \
           "files (write them elsewhere, or into the case's build/ folder); nothing was written" in res.err
    res = run("build", case, "--format", "html", "-o", tmp_path / "exhibit.html", "--frameworks-dir", FRAMEWORKS,
              "--exhibits", vault)
    assert res.code == 1
    assert f"{tmp_path / 'exhibit.html'}: is inside the exhibits folder {vault}; outputs never go among the " \
           "exhibits; nothing was written" in res.err
    assert (case / "case.yaml").read_bytes() == before and (vault / "scan.pdf").read_bytes() == b"%PDF exhibit"
