"""What `verify` finds in the exhibits folder besides the recorded exhibits: every file, in order, a
symlink loop among them listed (never followed) without ending the listing of its folder; and how many
threads hash by default (one a core, at most eight)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from casebuilder.integrity import hashing
from clirun import run

from .conftest import make_vaulted, sha


def test_a_symlink_loop_does_not_end_the_listing_of_its_folder(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"recorded.txt": b"kept"})
    os.symlink("a-loop.txt", v.vault / "a-loop.txt")
    (v.vault / "b-stray.bin").write_bytes(b"stray")
    (v.vault / "c-stray.bin").write_bytes(b"more")
    r = run("verify", v.case, "--exhibits", v.vault, "--format", "json")
    doc = json.loads(r.out)
    assert [(u["path"], u["sha256"]) for u in doc["unrecorded"]] == [
        ("a-loop.txt", None), ("b-stray.bin", sha(b"stray")), ("c-stray.bin", sha(b"more"))]
    assert [(i["status"], i["path"]) for i in doc["items"]] == [("ok", "recorded.txt")]


@pytest.mark.parametrize("cores,threads", [(1, 1), (4, 4), (8, 8), (32, 8), (None, 1)])
def test_hashing_uses_a_thread_a_core_up_to_eight(monkeypatch, cores, threads) -> None:
    monkeypatch.setattr(hashing.os, "cpu_count", lambda: cores)
    assert hashing.default_jobs() == threads


@pytest.mark.parametrize("jobs,threaded", [(1, False), (4, True)])
def test_files_are_hashed_in_worker_threads_when_more_than_one_job_is_asked(tmp_path: Path, monkeypatch, jobs,
                                                                             threaded) -> None:
    import threading

    files = []
    for n in range(3):
        files.append(tmp_path / f"f{n}.bin")
        files[-1].write_bytes(bytes([n]) * 100)
    real, names = hashing.sha256_file, []

    def sha256_file(path, progress=None):
        names.append(threading.current_thread().name)
        return real(path, progress)

    monkeypatch.setattr(hashing, "sha256_file", sha256_file)
    got = hashing.hash_files(files, jobs=jobs)
    assert {p: d.sha256 for p, d in got.items()} == {p: sha(p.read_bytes()) for p in files}
    assert all(n.startswith("sha256") for n in names) == threaded and len(names) == 3
