"""`casebuilder verify`: every tampered, missing, moved or unrecorded exhibit is reported, at its place."""
from __future__ import annotations

import json
import os
from pathlib import Path

from clirun import run

from .conftest import Vaulted, make_vaulted, sha


def diag_line(v: Vaulted, needle: str, severity: str, code: str) -> str:
    """The start of the diagnostic expected at the line holding ``needle`` in the evidence file."""
    line = v.line_of(needle)
    col = v.evidence.read_text(encoding="utf-8").splitlines()[line - 1].index(needle.split(": ")[-1]) + 1
    return f"{v.evidence}:{line}:{col}: {severity}[{code}]"


def rows(out: str) -> dict[str, list[str]]:
    """Table rows by evidence id (or path for unrecorded files): [status, path, short hash]."""
    table = {}
    for line in out.splitlines()[1:-1]:
        status, ev, *rest = line.split()
        table[ev if ev != "-" else rest[0]] = [status, *rest]
    return table


def test_intact_vault_is_ok(vaulted: Vaulted) -> None:
    r = run("verify", vaulted.case, "--exhibits", vaulted.vault)
    assert r.code == 0, r.err
    table = rows(r.out)
    assert {k: v[0] for k, v in table.items()} == {"ev-x0": "ok", "ev-x1": "ok", "ev-x2": "ok"}
    assert table["ev-x1"][1:] == ["notes/a.txt", sha(b"statement of witness A\n")[:12]]
    assert r.out.splitlines()[0].split() == ["STATUS", "EVIDENCE", "PATH", "SHA256"]
    assert "3 exhibits: 3 ok" in r.out
    assert r.err == ""


def test_tampered_exhibit_is_an_error_at_its_recorded_hash(vaulted: Vaulted) -> None:
    p = vaulted.vault / "scan.pdf"
    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit, same size
    p.write_bytes(bytes(data))
    r = run("verify", vaulted.case, "--exhibits", vaulted.vault)
    assert r.code == 1
    assert rows(r.out)["ev-x0"][:2] == ["mismatch", "scan.pdf"]
    expected = diag_line(vaulted, f"sha256: {sha(b'%PDF-1.7 scan ' * 5000)}", "error", "exhibit-mismatch")
    assert expected in r.err
    assert sha(bytes(data)) in r.err  # the actual hash is shown in full next to the recorded one


def test_size_mismatch_is_reported_at_the_size(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc"})
    v.evidence.write_text(v.evidence.read_text().replace("size: 3", "size: 4"))
    r = run("verify", v.case, "--exhibits", v.vault)
    assert r.code == 1
    assert diag_line(v, "size: 4", "error", "exhibit-mismatch") in r.err


def test_missing_exhibit_warns_or_fails_with_require_exhibits(vaulted: Vaulted) -> None:
    (vaulted.vault / "photo.jpg").unlink()
    r = run("verify", vaulted.case, "--exhibits", vaulted.vault)
    assert r.code == 0
    assert rows(r.out)["ev-x2"][0] == "missing"
    assert diag_line(vaulted, "path: photo.jpg", "warning", "exhibit-missing") in r.err
    r = run("verify", vaulted.case, "--exhibits", vaulted.vault, "--require-exhibits")
    assert r.code == 1
    assert diag_line(vaulted, "path: photo.jpg", "error", "exhibit-missing") in r.err


def test_renamed_exhibit_is_an_error_naming_where_it_went(vaulted: Vaulted) -> None:
    (vaulted.vault / "notes" / "a.txt").rename(vaulted.vault / "notes" / "renamed.txt")
    r = run("verify", vaulted.case, "--exhibits", vaulted.vault)
    assert r.code == 1
    assert rows(r.out)["ev-x1"][:4] == ["moved", "notes/a.txt", "->", "notes/renamed.txt"]
    assert diag_line(vaulted, "path: notes/a.txt", "error", "exhibit-moved") in r.err
    assert "exhibit-unrecorded" not in r.err  # the renamed file is explained, not reported twice


def test_unrecorded_files_warn_and_hidden_files_are_ignored(vaulted: Vaulted) -> None:
    (vaulted.vault / "extra.bin").write_bytes(b"stray")
    (vaulted.vault / ".DS_Store").write_bytes(b"finder")
    r = run("verify", vaulted.case, "--exhibits", vaulted.vault)
    assert r.code == 0
    assert rows(r.out)["extra.bin"] == ["unrecorded", "extra.bin", sha(b"stray")[:12]]
    assert "warning[exhibit-unrecorded]" in r.err and "extra.bin" in r.err
    assert ".DS_Store" not in r.out + r.err


def test_paths_are_confined_to_the_vault(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"inside.txt": b"in"})
    (tmp_path / "secret.txt").write_bytes(b"outside the vault")
    os.symlink(tmp_path / "secret.txt", v.vault / "link.txt")
    text = v.evidence.read_text()
    for i, raw in enumerate(["../secret.txt", str(tmp_path / "secret.txt"), "link.txt"]):
        text += f"  - id: ev-bad{i}\n    kind: document\n    source: src-ngo\n    exhibit:\n      path: {raw}\n" \
                f"      sha256: {sha(b'outside the vault')}\n"
    v.evidence.write_text(text)
    r = run("verify", v.case, "--exhibits", v.vault, "--format", "json")
    assert r.code == 1
    doc = json.loads(r.out)
    status = {it["evidence"]: it["status"] for it in doc["items"]}
    assert status == {"ev-x0": "ok", "ev-bad0": "unsafe", "ev-bad1": "unsafe", "ev-bad2": "unsafe"}
    assert all(it["sha256"] is None for it in doc["items"] if it["status"] == "unsafe")  # never read
    codes = [(d["code"], d["line"]) for d in doc["diagnostics"] if d["severity"] == "error"]
    assert codes == [("unsafe-path", v.line_of(p)) for p in ("../secret.txt", f"path: {tmp_path}", "path: link.txt")]
    unrec = {u["path"]: u["sha256"] for u in doc["unrecorded"]}
    assert unrec == {"link.txt": None}  # the symlink out is listed, never followed


def test_custody_log_is_checked_for_order_and_hash(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc"})
    v.evidence.write_text(v.evidence.read_text() + f"""\
    custody:
      - {{date: "2026-01-05", by: Field team, action: collected, sha256: {sha(b"abc")}}}
      - {{date: "2026-01-03", by: Archive, action: received, sha256: {sha(b"abd")}}}
""")
    r = run("verify", v.case, "--exhibits", v.vault)
    assert r.code == 1
    assert f"{v.evidence}:{v.line_of('2026-01-03')}:" in r.err
    assert "error[custody-order]" in r.err and "error[custody-hash]" in r.err
    assert rows(r.out)["ev-x0"][0] == "ok"  # the file itself is intact


def test_without_a_recorded_hash_the_custody_hash_is_the_reference(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc"}, record=False)
    v.evidence.write_text(v.evidence.read_text() + f"""\
    custody:
      - {{date: "2026-01-05", by: Field team, action: collected, sha256: {sha(b"xyz")}}}
""")
    r = run("verify", v.case, "--exhibits", v.vault)
    assert r.code == 1
    assert rows(r.out)["ev-x0"][0] == "mismatch"
    assert f"{v.evidence}:{v.line_of('collected')}:" in r.err and "error[exhibit-mismatch]" in r.err


def test_unhashed_exhibit_warns_with_its_hash(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc"}, record=False)
    r = run("verify", v.case, "--exhibits", v.vault)
    assert r.code == 0
    assert rows(r.out)["ev-x0"][0] == "unhashed"
    assert "warning[exhibit-unhashed]" in r.err and sha(b"abc") in r.err


def test_json_report_and_jobs_agree(vaulted: Vaulted) -> None:
    (vaulted.vault / "scan.pdf").write_bytes(b"replaced")
    one = json.loads(run("verify", vaulted.case, "--exhibits", vaulted.vault, "--format", "json", "--jobs", "1").out)
    many = json.loads(run("verify", vaulted.case, "--exhibits", vaulted.vault, "--format", "json", "--jobs", "4").out)
    assert one["items"] == many["items"]
    assert one["ok"] is False and one["case"] == "case"
    assert one["summary"]["ok"] == 2 and one["summary"]["mismatch"] == 1
    item = next(it for it in one["items"] if it["evidence"] == "ev-x0")
    assert item == {"status": "mismatch", "evidence": "ev-x0", "path": "scan.pdf", "recorded": sha(b"%PDF-1.7 scan " * 5000),
                    "sha256": sha(b"replaced"), "size": 8, "message": item["message"]}
    assert [d["code"] for d in one["diagnostics"]] == ["exhibit-mismatch"]


def test_default_vault_is_the_case_exhibits_folder(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc"})
    r = run("verify", v.case)
    assert r.code == 0 and "does not exist; pass --exhibits DIR" in r.err  # no CASE/exhibits: missing
    v.vault.rename(v.case / "exhibits")
    r = run("verify", v.case, "--require-exhibits")
    assert r.code == 0 and rows(r.out)["ev-x0"][0] == "ok"


def test_usage_errors(vaulted: Vaulted, tmp_path: Path) -> None:
    assert run("verify", vaulted.case, "--exhibits", tmp_path / "nope").code == 2
    assert run("verify", tmp_path / "no-case").code == 2
    assert run("verify", vaulted.case, "--jobs", "0").code == 2


def test_a_broken_case_file_fails_with_its_diagnostic(vaulted: Vaulted) -> None:
    vaulted.evidence.write_text(vaulted.evidence.read_text().replace("kind: document", "kind: [", 1))
    r = run("verify", vaulted.case, "--exhibits", vaulted.vault)
    assert r.code == 1 and "error[yaml-syntax]" in r.err
