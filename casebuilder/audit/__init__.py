"""audit: no output leaves casebuilder with a protected string in it (see docs/protection.md).

Every output is scanned — PDF page text, annotations, metadata, outline and attachments; HTML;
JSON; CSV; office documents — for every string :func:`casebuilder.protect.protected_strings`
lists for its audience.  A hit fails the build and nothing is written; ``casebuilder audit`` runs
the same scan on any file before it is filed.
"""
from .extract import AuditError
from .report import audit_file, format_leak, leak_diagnostics
from .scan import KINDS, Leak, audit_bytes, audit_output, kind_of

__all__ = ["AuditError", "KINDS", "Leak", "audit_bytes", "audit_file", "audit_output", "format_leak", "kind_of",
           "leak_diagnostics"]
