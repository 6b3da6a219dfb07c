"""Where outputs may go, attacked as a careless or hostile user would (issue #24, defects 3, 4, 6, 7
and the situations the first hostile test could not run): devices and FIFOs, folders, the case's
own files, symlinks, symlink loops, a full disk, a closed pipe, a read-only folder as a non-root
user, ``kill -9`` in the middle of a build.  Every one is a clear error with exit 1 (never exit 3,
never a traceback), and nothing is replaced that should not be.
"""
from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from casebuilder import write as write_mod
from casebuilder.commands.new import scaffold
from casebuilder.errors import UserError
from casebuilder.write import output_problem, write_output

from clirun import FRAMEWORKS, REPO, run, run_subprocess

SECRET_LINE = "root-secret-first-line-Zq81"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    c = tmp_path / "case"
    scaffold(c)
    return c


def build(case: Path, out, *extra) -> object:
    return run("build", case, "--format", "html", "-o", out, "--frameworks-dir", FRAMEWORKS, *extra)


def no_bug(res) -> None:
    assert res.code != 3 and "Traceback" not in res.err and "internal error" not in res.err, res.err


# ---------------------------------------------------------------------------------- defect 3
def test_output_to_a_fifo_is_written_in_place_and_stays_a_fifo(case, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    res = build(case, fifo)
    reader.join(20)
    assert res.code == 0, res.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"
    assert got and got[0].lstrip().lower().startswith(b"<!doctype html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case", "pipe"]  # no temporary file beside it


def test_a_character_device_is_written_in_place_never_renamed_over(monkeypatch):
    """/dev/full is a character device that refuses every byte: the write goes to the device itself
    (and fails with a clear error), and nothing is ever renamed or linked over it.  (Never tried on
    /dev/null: a bug here would remove it from the machine.)"""
    def forbidden(*a, **k):
        raise AssertionError("a device must never be replaced")
    monkeypatch.setattr(write_mod.os, "replace", forbidden)
    monkeypatch.setattr(write_mod.os, "link", forbidden)
    monkeypatch.setattr(write_mod, "_temporary", forbidden)
    assert output_problem("/dev/full") is None and output_problem("/dev/null") is None  # stat only
    with pytest.raises(UserError, match="no space left"):
        write_output("/dev/full", b"brief")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_an_existing_folder_is_refused_as_output(case, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    res = build(case, folder)
    no_bug(res)
    assert res.code == 1 and "is a folder" in res.err
    assert list(folder.iterdir()) == []
    os.symlink("loop.html", tmp_path / "loop.html")
    res = build(case, tmp_path / "loop.html")
    no_bug(res)
    assert res.code == 1 and "symlink loop" in res.err and os.path.islink(tmp_path / "loop.html")


# ---------------------------------------------------------------------------------- defect 7
def test_an_output_inside_the_case_folder_is_refused(case):
    before = (case / "case.yaml").read_bytes()
    for target in (case / "case.yaml", case / "notes" / "brief.html", case / "exhibits" / "brief.html"):
        res = build(case, target)
        no_bug(res)
        assert res.code == 1 and "inside the case folder" in res.err, res.err
    assert (case / "case.yaml").read_bytes() == before
    assert not (case / "notes").exists()
    res = build(case, case / "build" / "brief.html")  # the case's own build/ folder is for outputs
    assert res.code == 0, res.err
    vault = case.parent / "vault"  # an exhibits folder beside the case
    vault.mkdir()
    res = build(case, vault / "brief.html", "--exhibits", vault)
    no_bug(res)
    assert res.code == 1 and "inside the exhibits folder" in res.err and not (vault / "brief.html").exists()


def test_a_symlink_leading_outside_the_output_folder_is_refused(case, tmp_path):
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("export PATH=/usr/bin\n")
    out = tmp_path / "build"
    out.mkdir()
    link = out / "case-legal-public.html"
    os.symlink(victim, link)
    res = build(case, link)
    no_bug(res)
    assert res.code == 1 and "symlink leading outside" in res.err
    assert victim.read_text() == "export PATH=/usr/bin\n" and link.is_symlink()
    # a link to a file in the same folder is written through (the link stays a link)
    (out / "real.html").write_text("old")
    os.symlink("real.html", out / "alias.html")
    assert build(case, out / "alias.html").code == 0
    assert (out / "alias.html").is_symlink() and "<html" in (out / "real.html").read_text().lower()


# ---------------------------------------------------------------------------------- defect 4
def test_a_refused_file_is_never_read_nor_quoted(case, tmp_path):
    outside = tmp_path / "shadow"
    outside.write_text(f"{SECRET_LINE}:x:0:0\nsecond line\n")
    os.symlink(outside, case / "persons-extra.yaml")
    (case / "more").mkdir()
    os.symlink(outside, case / "more" / "linked.yml")
    for fmt in ("text", "json"):
        res = run("check", case, "--frameworks-dir", FRAMEWORKS, "--format", fmt)
        assert res.code == 1
        assert "unsafe-path" in res.out + res.err
        assert SECRET_LINE not in res.out + res.err, "the refused file's first line was printed"


def test_a_fifo_named_like_a_case_file_is_refused_without_hanging(case):
    os.mkfifo(case / "incoming.yaml")
    res = run_subprocess("check", case, "--frameworks-dir", FRAMEWORKS, timeout=60)
    assert res.code == 1 and "not a regular file" in res.err


# ---------------------------------------------------------------------------------- defect 6
def test_symlink_loops_in_the_case_and_exhibits_folders_are_user_errors(case):
    os.symlink("loop.yaml", case / "loop.yaml")
    os.symlink("sub", case / "sub")
    res = run("check", case, "--frameworks-dir", FRAMEWORKS)
    no_bug(res)
    assert res.code == 1 and "symlink loop" in res.err
    (case / "loop.yaml").unlink()
    (case / "sub").unlink()
    exhibits = case / "exhibits"
    exhibits.mkdir(exist_ok=True)
    os.symlink("self", exhibits / "self")
    os.symlink("a", exhibits / "b")
    os.symlink("b", exhibits / "a")
    for cmd in (("verify", case), ("check", case, "--frameworks-dir", FRAMEWORKS),
                ("build", case, "--format", "html", "-o", case.parent / "o.html", "--frameworks-dir", FRAMEWORKS)):
        res = run(*cmd)
        no_bug(res)
        assert res.code in (0, 1)
    res = run("verify", case)
    assert "looping" in res.err


def test_output_to_a_full_disk_is_exit_1_with_a_message(case):
    for cmd in (("gaps", case), ("gaps", case, "--format", "json"), ("check", case, "--format", "json")):
        with open("/dev/full", "w") as full:
            p = subprocess.run([sys.executable, "-m", "casebuilder", *map(str, cmd), "--frameworks-dir", str(FRAMEWORKS)],
                               stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, cwd=REPO)
        assert p.returncode == 1, p.stderr
        assert "no space left" in p.stderr and "Traceback" not in p.stderr and "internal error" not in p.stderr
    res = build(case, "/dev/full")
    assert res.code == 1 and "no space left" in res.err


def test_output_to_a_closed_pipe_is_exit_1_with_a_message(case):
    r, w = os.pipe()
    os.close(r)  # the reader went away before a byte was written (`gaps | head -0`)
    p = subprocess.run([sys.executable, "-m", "casebuilder", "gaps", str(case), "--frameworks-dir", str(FRAMEWORKS)],
                       stdout=w, stderr=subprocess.PIPE, text=True, timeout=60, cwd=REPO)
    os.close(w)
    assert p.returncode == 1, p.stderr
    assert "broken pipe" in p.stderr and "Traceback" not in p.stderr and "Exception ignored" not in p.stderr


# ---------------------------------------------------------------------------------- untested situations
def _world_readable_case() -> Path:
    """A case in a folder the unprivileged user can read (pytest's tmp_path is private to root)."""
    root = Path(tempfile.mkdtemp(prefix="cb-nobody-", dir="/tmp"))
    os.chmod(root, 0o755)
    scaffold(root / "case")
    for dirpath, dirnames, filenames in os.walk(root):
        for n in dirnames:
            os.chmod(Path(dirpath) / n, 0o755)
        for n in filenames:
            os.chmod(Path(dirpath) / n, 0o644)
    return root


def test_a_read_only_output_folder_as_a_non_root_user():
    """As `nobody` (setpriv): a folder the user may not write to is a clear error, exit 1, and the
    previous output in it is untouched."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv(1) to run the command as the unprivileged user nobody")
    root = _world_readable_case()
    try:
        ro = root / "ro"
        ro.mkdir()
        (ro / "brief.html").write_text("previous")
        os.chmod(ro / "brief.html", 0o644)
        os.chmod(ro, 0o555)
        env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME")}
        env.update(HOME=str(root), CASEBUILDER_NO_CACHE="1", PYTHONPATH=str(REPO))
        probe = subprocess.run([setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-c",
                                "import casebuilder, os; print(os.geteuid())"], capture_output=True, text=True, env=env)
        if probe.returncode != 0:
            pytest.skip(f"the interpreter cannot run as nobody here: {probe.stderr.strip()[:200]}")
        assert probe.stdout.strip() != "0"
        for out in ("brief.html", "new.html"):
            p = subprocess.run([setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-m",
                                "casebuilder", "build", str(root / "case"), "--format", "html", "-o", str(ro / out),
                                "--frameworks-dir", str(FRAMEWORKS)], capture_output=True, text=True, env=env,
                               timeout=120, cwd=root)
            assert p.returncode == 1, p.stderr
            assert "permission denied" in p.stderr and "Traceback" not in p.stderr and "internal error" not in p.stderr
        assert (ro / "brief.html").read_text() == "previous"
        assert sorted(x.name for x in ro.iterdir()) == ["brief.html"]
    finally:
        os.chmod(root / "ro", 0o755) if (root / "ro").exists() else None
        shutil.rmtree(root, ignore_errors=True)


_KILLABLE = r"""
import os, sys, time
from casebuilder import write
where = sys.argv[2]
real_fsync, real_replace = os.fsync, os.replace
def slow_fsync(fd):
    if where == "writing":
        print("ready", flush=True); time.sleep(60)
    real_fsync(fd)
def slow_replace(a, b):
    if where == "renaming":
        print("ready", flush=True); time.sleep(60)
    real_replace(a, b)
write.os.fsync, write.os.replace = slow_fsync, slow_replace
write.write_output(sys.argv[1], b"new brief " * 100000)
"""


def test_kill_9_during_a_build_leaves_the_previous_output_and_no_temporary_file(case, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "brief.pdf"
    assert run("build", case, "-o", out, "--frameworks-dir", FRAMEWORKS).code == 0
    previous = out.read_bytes()
    env = dict(os.environ, PYTHONPATH=str(REPO), CASEBUILDER_NO_CACHE="1")
    # the whole build, killed at several moments (loading, analysing, rendering, auditing)
    for delay in (0.3, 0.8, 1.5, 2.5):
        p = subprocess.Popen([sys.executable, "-m", "casebuilder", "build", str(case), "-o", str(out),
                              "--frameworks-dir", str(FRAMEWORKS)], env=env, cwd=REPO,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        assert out.read_bytes() == previous or p.returncode == 0
        assert sorted(x.name for x in out_dir.iterdir()) == ["brief.pdf"]
    previous = out.read_bytes()
    # and killed inside the write itself: while the bytes go to disk, the new file has no name yet
    p = subprocess.Popen([sys.executable, "-c", _KILLABLE, str(out), "writing"], env=env, stdout=subprocess.PIPE)
    assert p.stdout.readline().strip() == b"ready"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    assert out.read_bytes() == previous
    assert sorted(x.name for x in out_dir.iterdir()) == ["brief.pdf"]
    # at the one instant it has a name (just before the rename), a kill leaves it: the next write removes it
    p = subprocess.Popen([sys.executable, "-c", _KILLABLE, str(out), "renaming"], env=env, stdout=subprocess.PIPE)
    assert p.stdout.readline().strip() == b"ready"
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    assert out.read_bytes() == previous
    assert run("build", case, "--format", "html", "-o", out_dir / "brief.pdf.html", "--frameworks-dir", FRAMEWORKS).code == 0
    assert run("build", case, "-o", out, "--frameworks-dir", FRAMEWORKS).code == 0
    assert sorted(x.name for x in out_dir.iterdir()) == ["brief.pdf", "brief.pdf.html"]


def test_a_file_of_many_small_items_is_read_in_bounded_memory(tmp_path):
    """The issue's 59 MB file of 1.5 million small items, at a twentieth of the size (the full size
    is `python -m bench.large_file`, measured in the note): `check` succeeds or fails with a clear
    error, in memory that stays far below the address-space limit it runs under."""
    sys.path.insert(0, str(REPO))
    from bench.large_file import run_check, write_case

    big = write_case(tmp_path / "case", 40_000)
    assert big.stat().st_size > 1_400_000
    r = run_check(big.parent, limit_mb=2048, timeout=300)
    assert r["code"] in (0, 1), r["stderr"][-2000:]
    assert "Traceback" not in r["stderr"] and "internal error" not in r["stderr"] and "MemoryError" not in r["stderr"]
    assert r["stderr"].rstrip().endswith("40000 warnings") or "error[" in r["stderr"]
    assert r["peak_rss_mb"] < 1024, f"peak {r['peak_rss_mb']:.0f} MB for a {big.stat().st_size:,}-byte file"


def test_verify_catches_an_exhibit_tampered_in_place_with_its_size_and_time_kept(tmp_path, monkeypatch):
    """`verify` on a tampered exhibit, as a forger would do it: one byte changed, the size and the
    modification time put back, the check cache warm from a run before the change."""
    from integrity.conftest import make_vaulted, sha

    monkeypatch.setenv("CASEBUILDER_NO_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    original = b"%PDF-1.7 medical report " * 2000
    v = make_vaulted(tmp_path, {"reports/er-log.pdf": original})
    assert run("verify", v.case, "--exhibits", v.vault).code == 0
    p = v.vault / "reports" / "er-log.pdf"
    st = p.stat()
    forged = bytearray(original)
    forged[len(forged) // 2] ^= 0x20
    p.write_bytes(bytes(forged))
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert p.stat().st_size == st.st_size and p.stat().st_mtime_ns == st.st_mtime_ns
    res = run("verify", v.case, "--exhibits", v.vault)
    assert res.code == 1 and "error[exhibit-mismatch]" in res.err and sha(bytes(forged)) in res.err, res.err
    assert "mismatch" in res.out
    res = run("verify", v.case, "--exhibits", v.vault, "--format", "json")
    assert res.code == 1 and '"mismatch"' in res.out
