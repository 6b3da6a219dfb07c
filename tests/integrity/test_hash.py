"""`casebuilder hash`: records what is missing, adds only lines, and touches nothing else."""
from __future__ import annotations

import datetime as dt
import difflib
import os
import stat
from pathlib import Path

import pytest
from clirun import run

from casebuilder.api import check
from casebuilder.load import load_case
from casebuilder.diagnostics import Diagnostics

from .conftest import Vaulted, make_vaulted, sha

SCAN = b"%PDF-1.7 " + bytes(range(256)) * 4000
NOTE = b"witness statement\n"

# Hand-written: comments everywhere, a flow and a block exhibit, a plain scalar continued on a second
# line (which a round trip would re-flow), a quoted date, a custody log already started, a blank line.
HANDWRITTEN = f"""\
# Exhibits collected by the field team (do not reorder: numbering follows the register)
evidence:
  - id: ev-scan          # the hospital record
    kind: medical
    source: src-ngo
    summary: Admission record of a patient with pellet wounds, as the
      nurse handed it over.
    date: '2026-01-04'
    exhibit:
      path: scans/record.pdf   # 11 GB originals stay in the vault
      media_type: application/pdf
    custody:
      - {{date: "2026-01-05", by: Field team, action: collected, sha256: {sha(SCAN)}}}
    reliability: B

  # the statement was typed up later
  - id: ev-note
    kind: testimony
    source: src-ngo
    exhibit: {{path: notes/statement.txt}}   # typed copy
    credibility: 2
  - id: ev-done
    kind: document
    source: src-ngo
    exhibit: {{path: done.txt, sha256: {sha(b"done")}}}
"""


@pytest.fixture
def handwritten(tmp_path: Path) -> Vaulted:
    v = make_vaulted(tmp_path, {"scans/record.pdf": SCAN, "notes/statement.txt": NOTE, "done.txt": b"done"})
    v.evidence.write_text(HANDWRITTEN, encoding="utf-8")
    return v


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    minus = [ln[1:] for ln in diff if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln[1:] for ln in diff if ln.startswith("+") and not ln.startswith("+++")]
    return minus, plus


def test_hash_adds_only_lines_and_keeps_comments(handwritten: Vaulted) -> None:
    v = handwritten
    before = v.evidence.read_text(encoding="utf-8")
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01", "--by", "Archivist")
    assert r.code == 0, r.err
    after = v.evidence.read_text(encoding="utf-8")
    minus, plus = changed_lines(before, after)
    # the one-line flow exhibit is extended in place (its comment kept); everything else is added
    assert minus == ["    exhibit: {path: notes/statement.txt}   # typed copy"]
    assert plus == [
        f"      sha256: {sha(SCAN)}",
        f"      size: {len(SCAN)}",
        f'      - {{date: "2026-02-01", by: Archivist, action: verified, sha256: {sha(SCAN)}}}',
        f"    exhibit: {{path: notes/statement.txt, sha256: {sha(NOTE)}, size: {len(NOTE)}, media_type: text/plain}}"
        " # typed copy",
        "    custody:",
        f'      - {{date: "2026-02-01", by: Archivist, action: verified, sha256: {sha(NOTE)}}}',
    ]
    for comment in [ln for ln in before.splitlines() if "#" in ln and "typed copy" not in ln]:
        assert comment in after
    assert "summary: Admission record of a patient with pellet wounds, as the\n      nurse handed it over." in after
    assert "sha256" not in r.err
    assert "recorded 2 hashes in 1 file; 1 exhibit already had one" in r.out
    # each exhibit recorded is named with its hash's first digits, its size and the case file edited
    assert f"recorded  ev-note  notes/statement.txt  {sha(NOTE)[:12]}  {len(NOTE)} bytes  ({v.evidence})" in r.out
    # the result is a valid case whose exhibits verify
    assert run("verify", v.case, "--exhibits", v.vault, "--require-exhibits").code == 0


def test_recorded_values_as_the_case_reads_them(handwritten: Vaulted) -> None:
    run("hash", handwritten.case, "--exhibits", handwritten.vault, "--date", "2026-02-01")
    case = load_case(handwritten.case, Diagnostics())
    note = next(e for e in case.evidence if e.id == "ev-note")
    assert (note.exhibit.sha256, note.exhibit.size, note.exhibit.media_type) == (sha(NOTE), len(NOTE), "text/plain")
    entry = note.custody[-1]
    assert (entry.date.text, entry.by, entry.action, entry.sha256) == ("2026-02-01", "Example NGO", "verified", sha(NOTE))
    scan = next(e for e in case.evidence if e.id == "ev-scan")
    assert scan.exhibit.media_type == "application/pdf"  # kept, not guessed over
    assert [c.action for c in scan.custody] == ["collected", "verified"]


def test_second_run_and_untouched_files_are_left_alone(handwritten: Vaulted) -> None:
    v = handwritten
    others = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in v.case.glob("*.yaml") if p != v.evidence}
    assert run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01").code == 0
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in others} == others
    st = v.evidence.stat()
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-02")
    assert r.code == 0 and "recorded 0 hashes in 0 files; 3 exhibits already had one" in r.out
    assert (v.evidence.stat().st_ino, v.evidence.stat().st_mtime_ns) == (st.st_ino, st.st_mtime_ns)


def test_dry_run_prints_the_diff_and_writes_nothing(handwritten: Vaulted) -> None:
    before = handwritten.evidence.read_bytes()
    r = run("hash", handwritten.case, "--exhibits", handwritten.vault, "--date", "2026-02-01", "--dry-run")
    assert r.code == 0
    assert handwritten.evidence.read_bytes() == before
    assert f"+++ {handwritten.evidence}" in r.out and f"+      sha256: {sha(SCAN)}" in r.out
    assert "would record 2 hashes in 1 file" in r.out


def test_permissions_and_no_temporary_files(handwritten: Vaulted) -> None:
    os.chmod(handwritten.evidence, 0o640)
    assert run("hash", handwritten.case, "--exhibits", handwritten.vault, "--date", "2026-02-01").code == 0
    assert stat.S_IMODE(handwritten.evidence.stat().st_mode) == 0o640
    assert sorted(p.name for p in handwritten.case.iterdir() if p.name.startswith(".")) == []


def test_default_date_is_today_and_by_is_prepared_by(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc"}, record=False)
    before = dt.date.today().isoformat()  # read on both sides of the run: a run may straddle midnight
    assert run("hash", v.case, "--exhibits", v.vault).code == 0
    after = dt.date.today().isoformat()
    text = v.evidence.read_text()
    assert any(f'- {{date: "{d}", by: Example NGO, action: verified, sha256: {sha(b"abc")}}}' in text
               for d in {before, after}), text


@pytest.mark.parametrize("bad", ["2026-02-30", "01/02/2026", "2026-02", "~2026-02-01"])
def test_bad_date_is_a_usage_error(handwritten: Vaulted, bad: str) -> None:
    before = handwritten.evidence.read_bytes()
    r = run("hash", handwritten.case, "--exhibits", handwritten.vault, "--date", bad)
    assert r.code == 2 and "YYYY-MM-DD" in r.err
    assert handwritten.evidence.read_bytes() == before


def test_entry_before_the_last_custody_date_is_refused(handwritten: Vaulted) -> None:
    v = handwritten
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-01-04")
    assert r.code == 1
    column = v.line_text("2026-01-05").index('"2026-01-05"') + 1  # at the last entry's date
    assert f"{v.evidence}:{v.line_of('2026-01-05')}:{column}: error[custody-order]: " in r.err
    text = v.evidence.read_text()
    assert f"      sha256: {sha(SCAN)}" not in text  # that exhibit was not recorded ...
    assert f"sha256: {sha(NOTE)}" in text  # ... the other one was


def test_custody_hash_that_disagrees_with_the_file_is_not_papered_over(handwritten: Vaulted) -> None:
    (handwritten.vault / "scans" / "record.pdf").write_bytes(b"swapped")
    r = run("hash", handwritten.case, "--exhibits", handwritten.vault, "--date", "2026-02-01")
    assert r.code == 1 and "error[exhibit-mismatch]" in r.err and sha(b"swapped") in r.err
    assert f"sha256: {sha(b'swapped')}" not in handwritten.evidence.read_text()


def test_missing_exhibit_is_skipped_with_a_warning(handwritten: Vaulted) -> None:
    (handwritten.vault / "notes" / "statement.txt").unlink()
    r = run("hash", handwritten.case, "--exhibits", handwritten.vault, "--date", "2026-02-01")
    assert r.code == 0 and "warning[exhibit-missing]" in r.err and "recorded 1 hash in 1 file" in r.out
    r = run("hash", handwritten.case, "--exhibits", handwritten.vault, "--date", "2026-02-01", "--require-exhibits")
    assert r.code == 1


def test_broken_case_is_never_edited(handwritten: Vaulted) -> None:
    persons = handwritten.case / "persons.yaml"
    persons.write_text(persons.read_text() + "  - id: p-bad\n    role: nobody\n")
    before = handwritten.evidence.read_bytes()
    r = run("hash", handwritten.case, "--exhibits", handwritten.vault, "--date", "2026-02-01")
    assert r.code == 1 and "error[invalid-value]" in r.err
    assert handwritten.evidence.read_bytes() == before


@pytest.mark.parametrize("style", ["flush-sequences", "four-spaces"])
def test_other_indentation_styles_only_gain_lines(tmp_path: Path, style: str) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc", "b.txt": b"def"}, record=False)
    if style == "flush-sequences":
        text = "evidence:\n- id: ev-a\n  kind: document\n  source: src-ngo\n  exhibit:\n    path: a.txt\n" \
               "- id: ev-b  # second\n  kind: document\n  source: src-ngo\n  exhibit:\n    path: b.txt\n"
    else:
        text = "evidence:\n    -   id: ev-a\n        kind: document\n        source: src-ngo\n        exhibit:\n" \
               "            path: a.txt\n    -   id: ev-b\n        kind: document\n        source: src-ngo\n" \
               "        exhibit:\n            path: b.txt\n"
    v.evidence.write_text(text)
    assert run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01").code == 0
    minus, plus = changed_lines(text, v.evidence.read_text())
    assert minus == [] and len(plus) == 2 * 5  # sha256, size, media_type, custody:, the entry
    assert run("verify", v.case, "--exhibits", v.vault).code == 0


def test_crlf_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc"}, record=False)
    v.evidence.write_bytes(b"\xef\xbb\xbf" + v.evidence.read_bytes().replace(b"\n", b"\r\n"))
    assert run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01").code == 0
    data = v.evidence.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert f"sha256: {sha(b'abc')}\r\n".encode() in data


def test_refuses_rather_than_reformat_when_the_edit_cannot_be_placed(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc"}, record=False)
    text = "evidence:\n  - id: ev-x0\n    kind: document\n    source: src-ngo\n" \
           "    exhibit: {path: a.txt,\n      media_type: text/plain}\n"
    v.evidence.write_text(text)
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01")
    assert r.code == 1
    assert f"{v.evidence}:5:14: error[edit-refused]: {v.evidence} was not edited (the place to add the lines is in " \
           "text that would be re-formatted); add by hand to the exhibit:" in r.err
    assert f"sha256: {sha(b'abc')}, size: 3" in r.err  # what to add by hand
    assert v.evidence.read_text() == text


def test_hashed_case_still_passes_check(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc"}, record=False)
    assert run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01").code == 0
    res = check(v.case, None, v.vault)
    assert not [d for d in res.diagnostics.errors if d.code.startswith(("custody", "exhibit", "unsafe"))]


def test_an_empty_custody_log_gets_its_first_entry(handwritten: Vaulted) -> None:
    """`custody: []` (a log begun by hand, nothing in it yet): the verified entry is its first, written as the
    entries hash writes (one flow mapping a line)."""
    v = handwritten
    v.evidence.write_text(HANDWRITTEN.replace("    exhibit: {path: notes/statement.txt}   # typed copy\n",
                                              "    exhibit: {path: notes/statement.txt}   # typed copy\n    custody: []\n"),
                          encoding="utf-8")
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01", "--by", "Archivist")
    assert r.code == 0, r.err
    note = next(e for e in load_case(v.case, Diagnostics()).evidence if e.id == "ev-note")
    assert [(c.date.text, c.by, c.action, c.sha256) for c in note.custody] == [("2026-02-01", "Archivist", "verified",
                                                                              sha(NOTE))]
    assert f'      - {{date: "2026-02-01", by: Archivist, action: verified, sha256: {sha(NOTE)}}}' in v.evidence.read_text()


@pytest.mark.parametrize("text", [
    # an item whose first key opens a block mapping: its keys sit two columns right of the dash's key
    "evidence:\n  - exhibit:\n      path: notes/statement.txt\n    id: ev-note\n    kind: testimony\n    source: src-ngo\n",
    # lines of a literal text that end in a colon, each followed by a line indented with a tab (no YAML indentation)
    "evidence:\n  - id: ev-note\n    kind: testimony\n    source: src-ngo\n    summary: |\n      Witnesses:\n"
    "      \tParisa and two others\n      Also seen:\n      \tthe driver\n    exhibit:\n      path: notes/statement.txt\n",
], ids=["dash-key", "tabs-in-a-literal-text"])
def test_the_files_own_indentation_is_kept_in_the_lines_added(tmp_path: Path, text: str) -> None:
    """hash writes the added lines with the indentation the file uses, read from the file's block mappings
    (only spaces indent YAML: a tab in a text is no indentation); the file is edited, not refused."""
    v = make_vaulted(tmp_path, {"notes/statement.txt": NOTE})
    v.evidence.write_text(text, encoding="utf-8")
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01", "--by", "Archivist")
    assert r.code == 0, r.err
    minus, plus = changed_lines(text, v.evidence.read_text(encoding="utf-8"))
    assert minus == [] and plus == [
        f"      sha256: {sha(NOTE)}", f"      size: {len(NOTE)}", "      media_type: text/plain", "    custody:",
        f'      - {{date: "2026-02-01", by: Archivist, action: verified, sha256: {sha(NOTE)}}}']
