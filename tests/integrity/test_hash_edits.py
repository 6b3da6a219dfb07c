"""`casebuilder hash` edits one case file and leaves everything else alone: a file saved by someone else
while the exhibits were being hashed is not overwritten, findings in other files keep their lines, and
what was recorded is listed with the exhibit's size as the case now records it."""
from __future__ import annotations

from pathlib import Path

from casebuilder.integrity import record
from clirun import run

from .conftest import make_vaulted, sha


def test_a_case_file_saved_while_it_is_edited_is_not_overwritten(tmp_path: Path, monkeypatch) -> None:
    """The edit is made to the file as it is after the hashing; saved again by someone else between that
    read and the write, it is left as they saved it, and hash says so."""
    v = make_vaulted(tmp_path, {"a.txt": b"abc"}, record=False)
    real = record.apply_additions
    edited = v.evidence.read_text(encoding="utf-8") + "# a note the editor saved meanwhile\n"

    def apply_additions(text, additions):
        new = real(text, additions)
        v.evidence.write_text(edited, encoding="utf-8")  # someone saves the file meanwhile
        return new

    monkeypatch.setattr(record, "apply_additions", apply_additions)
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01")
    assert r.code == 1
    assert f"{v.evidence}: the file changed while casebuilder was working on it; nothing was written, run the " \
           "command again" in r.err
    assert v.evidence.read_text(encoding="utf-8") == edited


def test_findings_in_other_files_keep_their_lines_and_the_recorded_size_is_listed(tmp_path: Path) -> None:
    """exhibits.yaml gains five lines below its first exhibit; a missing exhibit in more.yaml, at a line the
    edited file also has, stays at its own line."""
    v = make_vaulted(tmp_path, {"a.txt": b"abc", "b.txt": b"bee"})
    text = v.evidence.read_text(encoding="utf-8")
    v.evidence.write_text(text.replace(f"      sha256: {sha(b'abc')}\n", "", 1), encoding="utf-8")
    more = v.case / "more.yaml"
    more.write_text("# evidence kept apart\n# (received later)\n#\nevidence:\n  - id: ev-late\n    kind: document\n"
                    "    source: src-ngo\n    exhibit:\n      path: late.txt\n", encoding="utf-8")
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01")
    assert r.code == 0, r.err
    assert f"recorded  ev-x0  a.txt  {sha(b'abc')[:12]}  3 bytes  (" in r.out
    assert f"{more}:9:13: warning[exhibit-missing]: exhibit 'late.txt' is not in {v.vault}; its hash was not " \
           "recorded" in r.err
    assert len(v.evidence.read_text(encoding="utf-8").splitlines()) > 9


def test_the_new_custody_entry_goes_above_a_comment_that_closes_the_log(tmp_path: Path) -> None:
    """An indented comment after the log's last entry belongs to that entry (as the round trip reads it):
    the new entry goes between them, directly below the last entry, and nothing else moves."""
    v = make_vaulted(tmp_path, {"a.txt": b"a", "b.txt": b"b"})
    head = ("evidence:\n  - id: ev-a\n    kind: document\n    source: src-ngo\n    exhibit:\n      path: a.txt\n"
            "    custody:\n      - {date: \"2026-01-05\", by: Field team, action: collected}\n")
    tail = ("      # the seal was checked on arrival\n"
            f"  - id: ev-b\n    kind: document\n    source: src-ngo\n    exhibit: {{path: b.txt, sha256: {sha(b'b')}}}\n")
    v.evidence.write_text(head + tail, encoding="utf-8")
    assert run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01").code == 0
    added = (f"      - {{date: \"2026-02-01\", by: Example NGO, action: verified, sha256: {sha(b'a')}}}\n")
    exhibit = f"      sha256: {sha(b'a')}\n      size: 1\n      media_type: text/plain\n"
    assert v.evidence.read_text(encoding="utf-8") == (
        head.replace("      path: a.txt\n", "      path: a.txt\n" + exhibit) + added + tail)


def test_the_added_lines_go_above_a_comment_that_closes_the_item(tmp_path: Path) -> None:
    """A comment below the exhibit's path, the item's last line: the round trip hangs it on the item's last
    value, so the lines added (the exhibit's record and its custody log) go above it, and the comment stays
    the item's last line."""
    v = make_vaulted(tmp_path, {"a.txt": b"a", "b.txt": b"b"})
    head = "evidence:\n  - id: ev-a\n    kind: document\n    source: src-ngo\n    exhibit:\n      path: a.txt\n"
    tail = ("      # the original stays in the safe\n"
            f"  - id: ev-b\n    kind: document\n    source: src-ngo\n    exhibit: {{path: b.txt, sha256: {sha(b'b')}}}\n")
    v.evidence.write_text(head + tail, encoding="utf-8")
    assert run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01").code == 0
    added = (f"      sha256: {sha(b'a')}\n      size: 1\n      media_type: text/plain\n    custody:\n"
             f"      - {{date: \"2026-02-01\", by: Example NGO, action: verified, sha256: {sha(b'a')}}}\n")
    assert v.evidence.read_text(encoding="utf-8") == head + added + tail
