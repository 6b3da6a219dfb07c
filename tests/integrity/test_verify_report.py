"""`casebuilder verify`'s two reports, whole: one vault holding an exhibit of every status, and the JSON object
and the table a reviewer or a program reads, compared field by field and line by line."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clirun import run

from .conftest import Vaulted, custody_hash_only, make_vaulted, sha

FILES = {"ok.txt": b"intact", "bad.txt": b"recorded", "old-name.txt": b"moved away", "gone.txt": b"missing",
         "dir-here": b"x"}


@pytest.fixture
def every_status(tmp_path: Path) -> Vaulted:
    v = make_vaulted(tmp_path, FILES)
    (v.vault / "bad.txt").write_bytes(b"tampered")
    (v.vault / "old-name.txt").rename(v.vault / "new-name.txt")
    (v.vault / "gone.txt").unlink()
    (v.vault / "dir-here").unlink()
    (v.vault / "dir-here").mkdir()  # a folder where a file is recorded: there, but not readable as an exhibit
    (v.vault / "stray.bin").write_bytes(b"stray")
    (v.vault.parent / "outside.txt").write_bytes(b"not an exhibit")
    (v.vault / "link-out.txt").symlink_to(v.vault.parent / "outside.txt")  # listed, never followed
    (v.vault / "unhashed.txt").write_bytes(b"no hash yet")
    v.evidence.write_text(v.evidence.read_text(encoding="utf-8")
                          + "  - id: ev-unhashed\n    kind: document\n    source: src-ngo\n    exhibit:\n      path: unhashed.txt\n"
                          + "  - id: ev-escape\n    kind: document\n    source: src-ngo\n    exhibit:\n      path: ../outside.txt\n",
                          encoding="utf-8")
    return v


def test_the_json_report_holds_every_item_file_count_and_diagnostic(every_status: Vaulted) -> None:
    v = every_status
    r = run("verify", v.case, "--exhibits", v.vault, "--format", "json")
    assert r.code == 1
    doc = json.loads(r.out)
    item = lambda status, ev, path, recorded, found, size, message: {  # noqa: E731
        "status": status, "evidence": ev, "path": path, "recorded": recorded, "sha256": found, "size": size,
        "message": message}
    rec = {k: sha(d) for k, d in FILES.items()}
    assert doc["case"] == "case" and doc["exhibits"] == str(v.vault) and doc["ok"] is False
    assert doc["items"] == [
        item("ok", "ev-x0", "ok.txt", rec["ok.txt"], rec["ok.txt"], 6, None),
        item("mismatch", "ev-x1", "bad.txt", rec["bad.txt"], sha(b"tampered"), 8,
             f"recorded {rec['bad.txt']}, file has {sha(b'tampered')}"),
        item("moved", "ev-x2", "old-name.txt", rec["old-name.txt"], rec["old-name.txt"], 10,
             "not at old-name.txt; a file with its recorded sha256 is at new-name.txt (renamed or moved?)"),
        item("missing", "ev-x3", "gone.txt", rec["gone.txt"], None, None, f"no file gone.txt in {v.vault}"),
        item("unreadable", "ev-x4", "dir-here", rec["dir-here"], None, None,
             "cannot read dir-here: it is not a regular file"),
        item("unhashed", "ev-unhashed", "unhashed.txt", None, sha(b"no hash yet"), 11, "no recorded sha256"),
        item("unsafe", "ev-escape", "../outside.txt", None, None, None,
             "exhibit path '../outside.txt' climbs out of the exhibits folder with '..'"),
    ]
    assert doc["unrecorded"] == [
        {"path": "link-out.txt", "sha256": None, "size": None, "moved_from": []},
        {"path": "new-name.txt", "sha256": rec["old-name.txt"], "size": 10, "moved_from": ["ev-x2"]},
        {"path": "stray.bin", "sha256": sha(b"stray"), "size": 5, "moved_from": []},
    ]
    seconds = doc["summary"].pop("seconds")
    assert isinstance(seconds, (int, float)) and seconds >= 0
    assert doc["summary"] == {"ok": 1, "mismatch": 1, "moved": 1, "missing": 1, "unhashed": 1, "unsafe": 1,
                              "unreadable": 1, "unrecorded": 2, "bytes_hashed": 6 + 8 + 10 + 5 + 11}
    where = lambda needle: (str(v.evidence), v.line_of(needle))  # noqa: E731
    assert [(d["path"], d["line"], d["severity"], d["code"], d["message"]) for d in doc["diagnostics"]] == [
        (None, None, "warning", "exhibit-unrecorded",
         f"{v.vault / 'link-out.txt'} is a symlink leading outside the exhibits folder or looping (not read), and no "
         "evidence item records it"),
        (None, None, "warning", "exhibit-unrecorded",
         f"{v.vault / 'stray.bin'} is in the exhibits folder but no evidence item records it"),
        (*where(rec["bad.txt"]), "error", "exhibit-mismatch",
         f"exhibit 'bad.txt' has sha256 {sha(b'tampered')} but the case records {rec['bad.txt']}: the file changed or "
         "is the wrong file (in evidence ev-x1)"),
        (*where("path: old-name.txt"), "error", "exhibit-moved",
         f"exhibit 'old-name.txt' is not in {v.vault}, but 'new-name.txt' has its recorded sha256: update "
         "exhibit.path if the file was renamed or moved (in evidence ev-x2)"),
        (*where("path: gone.txt"), "warning", "exhibit-missing", f"exhibit 'gone.txt' is not in {v.vault} (in evidence ev-x3)"),
        (*where("path: dir-here"), "error", "exhibit-missing",
         "exhibit 'dir-here' cannot be read: it is not a regular file (in evidence ev-x4)"),
        (*where("path: unhashed.txt"), "warning", "exhibit-unhashed",
         "exhibit 'unhashed.txt' has no recorded sha256; its integrity cannot be checked (casebuilder hash records "
         f"it; the file's sha256 is {sha(b'no hash yet')}) (in evidence ev-unhashed)"),
        (*where("path: ../outside.txt"), "error", "unsafe-path",
         "exhibit path '../outside.txt' climbs out of the exhibits folder with '..' (in evidence ev-escape)"),
    ]


def test_the_table_lines_up_every_status(every_status: Vaulted) -> None:
    v = every_status
    r = run("verify", v.case, "--exhibits", v.vault)
    assert r.code == 1
    *table, summary = r.out.rstrip("\n").split("\n")
    short = lambda data: sha(data)[:12]  # noqa: E731
    assert table == [
        "STATUS      EVIDENCE     PATH                          SHA256",
        f"ok          ev-x0        ok.txt                        {short(b'intact')}",
        f"mismatch    ev-x1        bad.txt                       {short(b'tampered')}",
        f"moved       ev-x2        old-name.txt -> new-name.txt  {short(b'moved away')}",
        "missing     ev-x3        gone.txt                      -",
        "unreadable  ev-x4        dir-here                      -",
        f"unhashed    ev-unhashed  unhashed.txt                  {short(b'no hash yet')}",
        "unsafe      ev-escape    ../outside.txt                -",
        "unrecorded  -            link-out.txt                  -",
        f"unrecorded  -            stray.bin                     {short(b'stray')}",
    ]
    assert re.fullmatch(r"7 exhibits: 1 ok, 1 mismatch, 1 moved, 1 missing, 1 unhashed, 1 unsafe, 1 unreadable; "
                        r"2 unrecorded files; 40 B hashed in \d+\.\d\d s \(.+/s\) from " + re.escape(str(v.vault)),
                        summary), summary


def test_a_mismatch_against_the_custody_log_points_at_the_first_hash_it_records(tmp_path: Path) -> None:
    """With no exhibit.sha256, the custody log's first recorded hash is the reference: the error sits on it."""
    v = make_vaulted(tmp_path, {"a.txt": b"abc"}, record=False)
    custody_hash_only(v, b"xyz")
    r = run("verify", v.case, "--exhibits", v.vault, "--format", "json")
    assert r.code == 1
    [d] = [d for d in json.loads(r.out)["diagnostics"] if d["code"] == "exhibit-mismatch"]
    line = v.line_of("action: received")
    column = v.evidence.read_text(encoding="utf-8").splitlines()[line - 1].index(sha(b"xyz")) + 1
    assert (d["path"], d["line"], d["column"]) == (str(v.evidence), line, column)


@pytest.mark.parametrize("files, says", [
    ({}, "0 exhibits; 0 B hashed in "),
    ({"a.txt": b"abc"}, "1 exhibit: 1 ok; 3 B hashed in "),
    ({"a.txt": b"abc", "b.txt": b"d"}, "2 exhibits: 2 ok; 4 B hashed in "),
])
def test_the_summary_line_counts_in_words(tmp_path: Path, files: dict, says: str) -> None:
    v = make_vaulted(tmp_path, files)
    r = run("verify", v.case, "--exhibits", v.vault)
    assert r.code == 0 and r.out.splitlines()[-1].startswith(says), r.out


def test_the_json_report_is_indented_and_keeps_non_ascii_names(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"گزارش.txt": b"abc"})
    r = run("verify", v.case, "--exhibits", v.vault, "--format", "json")
    assert r.code == 0
    assert r.out.startswith('{\n  "case": "case",\n  "exhibits": ') and '"path": "گزارش.txt"' in r.out


@pytest.mark.parametrize("unrecorded, hashed, seconds, tail", [
    (0, 2_000_000, 2.0, "0 exhibits; 2.0 MB hashed in 2.00 s (1.0 MB/s) from "),
    (1, 2_000_000, 0.5, "0 exhibits; 1 unrecorded file; 2.0 MB hashed in 0.50 s (4.0 MB/s) from "),
    (2, 0, 0.0, "0 exhibits; 2 unrecorded files; 0 B hashed in 0.00 s (0 B/s) from "),  # too fast to time
])
def test_the_summary_line_gives_the_rate_of_hashing(tmp_path: Path, unrecorded: int, hashed: int, seconds: float,
                                                     tail: str) -> None:
    from casebuilder.diagnostics import Diagnostics
    from casebuilder.integrity.report import summary_line
    from casebuilder.integrity.verify import UnrecordedFile, VerifyReport
    report = VerifyReport(None, tmp_path, [], [UnrecordedFile(f"f{i}") for i in range(unrecorded)], Diagnostics(),
                          bytes_hashed=hashed, seconds=seconds)
    assert summary_line(report) == tail + str(tmp_path)
