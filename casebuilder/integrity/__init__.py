"""Evidence integrity: exhibit hashes, the vault they live in, and chains of custody.

Public API (everything ``casebuilder verify`` and ``casebuilder hash`` do):

* :func:`verify_case` → :class:`VerifyReport` (per-item verdicts, unrecorded files, diagnostics);
* :func:`hash_case` → :class:`HashResult` (records missing hashes in the YAML, in place);
* :func:`sha256_file` / :func:`hash_files` — streaming, parallel SHA-256;
* :func:`write_atomic` — replace a file without ever leaving half of it.
"""
from ..write import write_atomic
from .hashing import Digest, hash_files, sha256_file
from .record import HashResult, hash_case
from .report import render_json, render_table
from .verify import ItemResult, UnrecordedFile, VerifyReport, verify_case, verify_exhibits

__all__ = [
    "Digest", "HashResult", "ItemResult", "UnrecordedFile", "VerifyReport", "hash_case", "hash_files",
    "render_json", "render_table", "sha256_file", "verify_case", "verify_exhibits", "write_atomic",
]
