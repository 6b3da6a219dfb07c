"""Small cases with a vault of exhibits beside them, written as users write them."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from casebuilder.commands.new import scaffold


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Vaulted:
    case: Path
    vault: Path
    evidence: Path  # the case file holding the exhibits' evidence items

    def line_of(self, needle: str) -> int:
        """1-based line of the first line of the evidence file containing ``needle``."""
        for i, line in enumerate(self.evidence.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return i
        raise AssertionError(f"{needle!r} not in {self.evidence}")

    def line_text(self, needle: str) -> str:
        """The first line of the evidence file containing ``needle``."""
        return self.evidence.read_text(encoding="utf-8").splitlines()[self.line_of(needle) - 1]


def make_vaulted(root: Path, files: dict[str, bytes], *, record: bool = True) -> Vaulted:
    """A scaffolded case, a vault holding ``files`` and one evidence item per file (block style)."""
    case, vault = root / "case", root / "vault"
    scaffold(case)
    vault.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        (vault / rel).parent.mkdir(parents=True, exist_ok=True)
        (vault / rel).write_bytes(data)
    lines = ["# exhibits kept in the vault beside the case", "evidence:"]
    for i, (rel, data) in enumerate(files.items()):
        lines += [f"  - id: ev-x{i}", "    kind: document", "    source: src-ngo", "    exhibit:", f"      path: {rel}"]
        if record:
            lines += [f"      sha256: {sha(data)}", f"      size: {len(data)}"]
    ev = case / "exhibits.yaml"
    ev.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Vaulted(case, vault, ev)


def custody_hash_only(v: Vaulted, recorded: bytes) -> None:
    """Give the last evidence item a custody log whose first entry records no hash and whose second records the
    hash of ``recorded``: with no exhibit.sha256, that hash is the reference."""
    v.evidence.write_text(v.evidence.read_text(encoding="utf-8") + f"""\
    custody:
      - {{date: "2026-01-04", by: Field team, action: collected}}
      - {{date: "2026-01-05", by: Archive, action: received, sha256: {sha(recorded)}}}
""", encoding="utf-8")


@pytest.fixture
def vaulted(tmp_path: Path) -> Vaulted:
    return make_vaulted(tmp_path, {"scan.pdf": b"%PDF-1.7 scan " * 5000, "notes/a.txt": b"statement of witness A\n",
                                   "photo.jpg": bytes(range(256)) * 300})
