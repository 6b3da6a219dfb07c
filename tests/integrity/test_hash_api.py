"""`casebuilder.integrity.hash_case` as a program calls it: the result carries the case and the exhibits
folder it read; a missing exhibit is a warning unless required; a custody log already out of order is a
finding about that exhibit, not a case that could not be read (the exhibits are still recorded)."""
from __future__ import annotations

from pathlib import Path

from casebuilder.integrity import hash_case

from .conftest import make_vaulted, sha


def test_the_result_carries_the_case_and_the_folder_it_read(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc", "gone.txt": b"x"}, record=False)
    (v.vault / "gone.txt").unlink()
    res = hash_case(v.case, v.vault, date="2026-02-01")
    assert res.ok() and res.vault == v.vault
    assert [e.id for e in res.case.evidence if e.id.startswith("ev-x")] == ["ev-x0", "ev-x1"]
    assert [(d.severity, d.code) for d in res.diagnostics] == [("warning", "exhibit-missing")]
    assert [(r.evidence, r.sha256, r.size) for r in res.recorded] == [("ev-x0", sha(b"abc"), 3)]
    strict = hash_case(v.case, v.vault, date="2026-02-01", require_exhibits=True)
    assert not strict.ok() and [(d.severity, d.code) for d in strict.diagnostics] == [("error", "exhibit-missing")]


def test_a_custody_log_out_of_order_does_not_stop_the_others_being_recorded(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc", "b.txt": b"bee"}, record=False)
    v.evidence.write_text(v.evidence.read_text(encoding="utf-8") + (
        "    custody:\n      - {date: \"2026-01-09\", by: Field team, action: collected}\n"
        "      - {date: \"2026-01-05\", by: Archive, action: received}\n"), encoding="utf-8")
    res = hash_case(v.case, v.vault, date="2026-02-01")
    assert "custody-order" in [d.code for d in res.diagnostics]
    assert [r.evidence for r in res.recorded] == ["ev-x0", "ev-x1"]  # (the new entry comes after both)
    assert f"sha256: {sha(b'abc')}" in v.evidence.read_text(encoding="utf-8")
