"""`casebuilder hash` refuses to record a hash that contradicts what the case already says about the exhibit
(its size): the finding is an error at the recorded value, and the file is left as it was."""
from __future__ import annotations

from pathlib import Path

from clirun import run

from .conftest import make_vaulted, sha


def test_a_recorded_size_that_disagrees_with_the_file_is_not_papered_over(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"scan.bin": b"s" * 1234, "note.txt": b"abc"}, record=False)
    text = ("evidence:\n"
            "  - id: ev-scan\n    kind: document\n    source: src-ngo\n"
            "    exhibit:\n      path: scan.bin\n      size: 12345\n"
            "  - id: ev-note\n    kind: document\n    source: src-ngo\n"
            "    exhibit:\n      path: note.txt\n      size: 3\n")
    v.evidence.write_text(text, encoding="utf-8")
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01")
    assert r.code == 1
    # the note was recorded below the scan (two lines: sha256 and media_type; its size stands), so the scan's
    # size line did not move
    assert r.err.splitlines()[:2] == [
        f"{v.evidence}:7:13: error[exhibit-mismatch]: exhibit 'scan.bin' is 1,234 bytes but the case records size "
        "12,345; not recorded",
        "  = in evidence ev-scan"]
    after = v.evidence.read_text(encoding="utf-8")
    assert sha(b"s" * 1234) not in after
    assert after.startswith(text.split("  - id: ev-note")[0])  # the scan's item is as it was
    assert f"      path: note.txt\n      sha256: {sha(b'abc')}\n      media_type: text/plain\n      size: 3\n" in after
    assert "recorded 1 hash in 1 file" in r.out


def test_a_refused_exhibit_alone_leaves_the_file_untouched(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abcd"}, record=False)
    text = "evidence:\n  - id: ev-a\n    kind: document\n    source: src-ngo\n    exhibit: {path: a.txt, size: 5}\n"
    v.evidence.write_text(text, encoding="utf-8")
    before = v.evidence.stat()
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01")
    assert r.code == 1
    assert f"{v.evidence}:5:34: error[exhibit-mismatch]: exhibit 'a.txt' is 4 bytes but the case records size 5; " \
           "not recorded" in r.err
    assert v.evidence.read_text(encoding="utf-8") == text and v.evidence.stat().st_ino == before.st_ino


def test_an_edit_that_would_change_a_text_is_refused_and_nothing_written(tmp_path: Path) -> None:
    """The new custody entry goes below the log's last entry; when that entry ends in a block text whose last
    line starts with '#', the line-by-line merge places it above that line (it reads as a comment), which
    would cut the line out of the text.  The merged file is parsed again, the difference found, and the edit
    refused with what to add by hand: the file is left as it was."""
    v = make_vaulted(tmp_path, {"a.txt": b"a"}, record=False)
    text = ("evidence:\n  - id: ev-a\n    kind: document\n    source: src-ngo\n    exhibit:\n      path: a.txt\n"
            "    custody:\n      - date: \"2026-01-05\"\n        by: Field team\n        action: collected\n"
            "        note: |\n          Sealed in bag 4.\n          # of copies: 2\n")
    v.evidence.write_text(text, encoding="utf-8")
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01")
    assert r.code == 1
    assert r.err.splitlines()[0] == (
        f"{v.evidence}:6:7: error[edit-refused]: {v.evidence} was not edited (rewriting the file would change more "
        f"than the lines added); add by hand to the exhibit: sha256: {sha(b'a')}, size: 1, media_type: text/plain; "
        f"and to its custody log: {{date: 2026-02-01, by: Example NGO, action: verified, sha256: {sha(b'a')}}}")
    assert v.evidence.read_text(encoding="utf-8") == text


def test_a_file_the_round_trip_parser_cannot_read_is_not_edited(tmp_path: Path) -> None:
    """A tab after a key's colon: the case's reader takes it, ruamel.yaml's round trip does not.  The file
    is left as it was, and the refusal names the round trip's first line of complaint."""
    v = make_vaulted(tmp_path, {"a.txt": b"a"}, record=False)
    text = "evidence:\n  - id: ev-a\n    kind: document\n    source: src-ngo\n    exhibit:\n      path:\ta.txt\n"
    v.evidence.write_text(text, encoding="utf-8")
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01")
    assert r.code == 1
    assert r.err.splitlines()[0].startswith(
        f"{v.evidence}:6:7: error[edit-refused]: {v.evidence} was not edited (ruamel.yaml cannot round-trip it: "
        "while scanning for the next token); add by hand to the exhibit: sha256: ")
    assert v.evidence.read_text(encoding="utf-8") == text
