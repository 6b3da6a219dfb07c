"""verify: hash every exhibit in the vault and compare with what the case records.

Per evidence item the verdict is one of

* ``ok`` — the file's SHA-256 (and size, when recorded) is the recorded one;
* ``mismatch`` — it is not: the file changed or is the wrong file (error);
* ``moved`` — no file at the recorded path, but a file with the recorded hash is elsewhere in the
  vault: renamed or moved (error: the case points at nothing);
* ``missing`` — no file at all (a warning, since a vault is often partial; an error with
  ``require_exhibits``);
* ``unhashed`` — the file is there but no hash was ever recorded (warning: run ``hash``);
* ``unsafe`` / ``unreadable`` — the path leaves the vault, or the file cannot be read (error).

Files in the vault that no item records are reported too (warning), and hashed, which is how a
renamed exhibit is told apart from a missing one.  The expected hash is the recorded
``exhibit.sha256`` or, failing that, the first hash in the item's custody log.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..load import Case, display_path
from ..resolve import expected_sha256
from .findings import report_missing, report_unreadable
from .hashing import Digest, hash_with_progress
from .loading import open_case
from .vault import Located, locate_exhibits, vault_files

STATUSES = ("ok", "mismatch", "moved", "missing", "unhashed", "unsafe", "unreadable")


@dataclass(slots=True)
class ItemResult:
    status: str
    evidence: str
    path: str  # as recorded, relative to the vault
    expected: str | None = None  # the hash the case records
    sha256: str | None = None  # the hash of the file found
    size: int | None = None
    message: str | None = None

    def as_dict(self) -> dict:
        return {"status": self.status, "evidence": self.evidence, "path": self.path, "recorded": self.expected,
                "sha256": self.sha256, "size": self.size, "message": self.message}


@dataclass(slots=True)
class UnrecordedFile:
    path: str  # relative to the vault
    sha256: str | None = None
    size: int | None = None
    moved_from: list[str] = field(default_factory=list)  # evidence ids whose exhibit this file is

    def as_dict(self) -> dict:
        return {"path": self.path, "sha256": self.sha256, "size": self.size, "moved_from": self.moved_from}


@dataclass
class VerifyReport:
    case: Case
    vault: Path
    items: list[ItemResult]
    unrecorded: list[UnrecordedFile]
    diagnostics: Diagnostics
    bytes_hashed: int = 0
    seconds: float = 0.0

    def ok(self) -> bool:
        return not self.diagnostics.has_errors()

    def counts(self) -> dict[str, int]:
        """How many items have each status (all statuses, zeros included), and how many unrecorded files."""
        out = dict.fromkeys(STATUSES, 0)
        for it in self.items:
            out[it.status] += 1
        out["unrecorded"] = sum(1 for u in self.unrecorded if not u.moved_from)
        return out


def verify_case(case_dir: Path | str, exhibits: Path | str | None = None, *, jobs: int | None = None,
                require_exhibits: bool = False, progress_stream=None) -> VerifyReport:
    """Load ``case_dir`` and verify its exhibits in ``exhibits`` (default CASE/exhibits).

    ``progress_stream``: where to draw a progress bar (drawn only if it is a terminal)."""
    case, vault, diags = open_case(case_dir, exhibits)
    return verify_exhibits(case, vault, diags, jobs=jobs, require_exhibits=require_exhibits,
                           progress_stream=progress_stream)


def verify_exhibits(case: Case, vault: Path, diags: Diagnostics, *, jobs: int | None = None,
                    require_exhibits: bool = False, progress_stream=None) -> VerifyReport:
    start = time.perf_counter()
    located = locate_exhibits(case, vault)
    recorded_reals = {loc.real for loc in located if loc.real is not None}
    extra = [f for f in vault_files(vault) if f.real is None or f.real not in recorded_reals]
    to_hash = [loc.real for loc in located if loc.state == "file"] + [f.real for f in extra if f.real]
    digests = hash_with_progress(to_hash, jobs, progress_stream)
    unrecorded = [UnrecordedFile(f.rel, *_digest_fields(digests.get(f.real))) for f in extra]
    by_hash = {u.sha256: u for u in unrecorded if u.sha256}
    items = [_judge(case, loc, digests, by_hash, diags, require_exhibits, vault) for loc in located]
    for f, u in zip(extra, unrecorded):
        if u.moved_from:
            continue
        why = ("is a symlink leading outside the exhibits folder or looping (not read), and no evidence item records it"
               if f.real is None else "is in the exhibits folder but no evidence item records it")
        diags.warning("exhibit-unrecorded", f"{display_path(vault / f.rel)} {why}")
    hashed = sum(d.size for d in digests.values() if isinstance(d, Digest))
    return VerifyReport(case, vault, items, unrecorded, diags, hashed, time.perf_counter() - start)


def _digest_fields(d: Digest | OSError | None) -> tuple[str | None, int | None]:
    return (d.sha256, d.size) if isinstance(d, Digest) else (None, None)


def _judge(case: Case, loc: Located, digests, by_hash: dict[str, UnrecordedFile], diags: Diagnostics,
           require: bool, vault: Path) -> ItemResult:
    e = loc.evidence
    expected = expected_sha256(e)
    res = ItemResult("ok", e.id, loc.raw, expected)
    ctx = f"in evidence {e.id}"
    at_path = case.locate(e, "exhibit", "path")
    if loc.state == "unsafe":
        res.status, res.message = "unsafe", loc.problem  # reported by resolve, where the path is written
        return res
    if loc.state == "missing":
        other = by_hash.get(expected) if expected else None
        if other is not None:
            other.moved_from.append(e.id)
            res.status, res.sha256, res.size = "moved", other.sha256, other.size
            res.message = f"not at {loc.raw}; a file with its recorded sha256 is at {other.path} (renamed or moved?)"
            diags.error("exhibit-moved", f"exhibit {loc.raw!r} is not in {display_path(vault)}, but {other.path!r} "
                        f"has its recorded sha256: update exhibit.path if the file was renamed or moved",
                        at_path, context=ctx)
            return res
        res.status, res.message = "missing", f"no file {loc.raw} in {display_path(vault)}"
        report_missing(case, loc, vault, diags, require)
        return res
    digest = digests.get(loc.real) if loc.state == "file" else None
    if not isinstance(digest, Digest):
        res.status, res.message = "unreadable", f"cannot read {loc.raw}: {report_unreadable(case, loc, digest, diags)}"
        return res
    res.sha256, res.size = digest.sha256, digest.size
    if expected is None:
        res.status, res.message = "unhashed", "no recorded sha256"
        diags.warning("exhibit-unhashed", f"exhibit {loc.raw!r} has no recorded sha256; its integrity cannot be "
                      f"checked (casebuilder hash records it; the file's sha256 is {digest.sha256})",
                      case.locate(e, "exhibit"), context=ctx)
    elif digest.sha256 != expected:
        res.status = "mismatch"
        res.message = f"recorded {expected}, file has {digest.sha256}"
        where = case.locate(e, "exhibit", "sha256") if e.exhibit.sha256 else _first_custody_hash(case, e)
        diags.error("exhibit-mismatch", f"exhibit {loc.raw!r} has sha256 {digest.sha256} but the case records "
                    f"{expected}: the file changed or is the wrong file", where, context=ctx)
    elif e.exhibit.size is not None and e.exhibit.size != digest.size:
        res.status = "mismatch"
        res.message = f"recorded size {e.exhibit.size}, file has {digest.size} bytes"
        diags.error("exhibit-mismatch", f"exhibit {loc.raw!r} is {digest.size:,} bytes but the case records "
                    f"size {e.exhibit.size:,}", case.locate(e, "exhibit", "size"), context=ctx)
    return res


def _first_custody_hash(case: Case, e):
    i = next(i for i, c in enumerate(e.custody) if c.sha256)
    return case.locate(e, "custody", i, "sha256")
