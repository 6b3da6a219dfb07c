"""`casebuilder hash` on a vault where one exhibit is recorded and three are not (missing, not a file, a custody
hash that disagrees): every finding is given whole, with its item, at its line in the file as edited."""
from __future__ import annotations

import re
from pathlib import Path

from clirun import run

from .conftest import custody_hash_only, make_vaulted, sha


def test_every_finding_of_hash_is_whole_and_at_its_line_after_the_edit(tmp_path: Path) -> None:
    v = make_vaulted(tmp_path, {"a.txt": b"abc", "gone.txt": b"x", "dir-here": b"y", "c.txt": b"ccc"}, record=False)
    (v.vault / "gone.txt").unlink()
    (v.vault / "dir-here").unlink()
    (v.vault / "dir-here").mkdir()
    custody_hash_only(v, b"xyz")
    r = run("hash", v.case, "--exhibits", v.vault, "--date", "2026-02-01")
    assert r.code == 1
    # ev-x0 was recorded: five lines were added above the others, and the findings point at the lines as they are now
    assert f"sha256: {sha(b'abc')}" in v.evidence.read_text(encoding="utf-8")
    found = re.findall(r"^(\S+?):(\d+):(\d+): (\w+)\[([\w-]+)\]: (.*)\n  = (in evidence \S+)$", r.err, re.M)
    col = lambda needle, within: v.line_text(within).index(needle) + 1  # noqa: E731
    assert found == [
        (str(v.evidence), str(v.line_of("path: gone.txt")), str(col("gone.txt", "path: gone.txt")), "warning",
         "exhibit-missing", f"exhibit 'gone.txt' is not in {v.vault}; its hash was not recorded", "in evidence ev-x1"),
        (str(v.evidence), str(v.line_of("path: dir-here")), str(col("dir-here", "path: dir-here")), "error",
         "exhibit-missing", "exhibit 'dir-here' cannot be read: it is not a regular file", "in evidence ev-x2"),
        (str(v.evidence), str(v.line_of("action: received")), str(col(sha(b"xyz"), "action: received")), "error",
         "exhibit-mismatch", f"exhibit 'c.txt' has sha256 {sha(b'ccc')} but its custody log records {sha(b'xyz')}; "
         "not recorded", "in evidence ev-x3"),
    ]
