"""audit: scan produced bytes for protected strings, before anything is written."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Iterable

from .. import gcpause
from ..protect import Matcher, Protected, protected_strings
from .extract import (extract_csv, extract_html, extract_json, extract_text, extract_zip, Extracted)
from .office import extract_office
from .pdf import extract_pdf

KINDS = ("pdf", "html", "json", "csv", "txt", "zip", "docx", "odt")
_BY_SUFFIX = {
    ".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html", ".xml": "html", ".svg": "html",
    ".rels": "html", ".json": "json", ".csv": "csv", ".tsv": "csv", ".txt": "txt", ".md": "txt",
    ".docx": "docx", ".odt": "odt", ".xlsx": "zip", ".ods": "zip", ".pptx": "zip", ".odp": "zip",
    ".epub": "zip", ".zip": "zip",
}
_SKIP = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".emf", ".wmf", ".ttf", ".otf",
         ".woff", ".woff2", ".bin", ".jfif"}


@dataclass(frozen=True)
class Leak:
    """A protected string found in an output: whose (``person_id``: a person, or a withheld item
    when ``kind`` says so), which field, and where in the output.  Never carries the value."""

    person_id: str
    field: str
    where: str
    kind: str = "person"
    path: tuple = ()

    def message(self) -> str:
        if self.kind == "person":
            what = f"protected identity of person {self.person_id}"
        else:
            what = f"withheld {self.kind} {self.person_id}"
        return f"{what} ({self.field}) found in {self.where}"


def kind_of(name: str, data: bytes = b"") -> str:
    """Kind by file extension, else by content ('%PDF', a zip, '<', '{')."""
    k = _BY_SUFFIX.get(PurePath(name).suffix.lower())
    if k:
        return k
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"<"):
        return "html"
    if head[:1] in (b"{", b"["):
        return "json"
    return "txt"


def _embedded(data: bytes, name: str) -> Extracted:
    """An attachment or archive member, extracted by its own kind; images and fonts are skipped
    (no OCR), as is other binary content."""
    if PurePath(name).suffix.lower() in _SKIP:
        return Extracted()
    kind = kind_of(name, data)
    if kind == "txt" and b"\x00" in data[:4096]:
        return Extracted(notes=[f"binary content of {name!r} was not audited"])
    return extract(kind, data)


def extract(kind: str, data: bytes) -> Extracted:
    if kind == "pdf":
        return extract_pdf(data, _embedded)
    if kind == "zip":
        return extract_zip(data, _embedded)
    if kind in ("docx", "odt"):  # every member as XML, and the document as a reader reads it
        ex = extract_zip(data, _embedded)
        ex.merge(extract_office(data, kind), "document")
        return ex
    if kind == "html":
        return extract_html(data)
    return {"json": extract_json, "csv": extract_csv, "txt": extract_text}[kind](data)


def audit_bytes(data: bytes, kind: str, protected: Iterable[Protected] | Matcher,
                notes: list[str] | None = None) -> list[Leak]:
    """Every place a protected string appears in ``data`` (an output of ``kind``).

    ``protected``: from :func:`protected_strings`, or a prepared :class:`Matcher` when auditing
    several outputs.  ``notes`` (if given) receives what could not be audited (image-only pages).
    Raises :class:`AuditError` when the bytes cannot be read at all: an unreadable file never passes.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown output kind {kind!r}")
    with gcpause.paused():  # millions of short-lived, acyclic segments (see casebuilder.gcpause)
        return _audit(data, kind, protected, notes)


def _audit(data: bytes, kind: str, protected, notes) -> list[Leak]:
    ex = extract(kind, data)
    m = protected if isinstance(protected, Matcher) else Matcher(protected)
    hits = m.scan(ex.primary)
    found = {id(item) for item, _ in hits}
    hits += [(item, where) for item, where in m.scan(ex.fallback) if id(item) not in found]
    found = {id(item) for item, _ in hits}
    hits += [(item, where) for item, where in m.scan(ex.joined) if id(item) not in found and item.identity]
    if notes is not None:
        notes.extend(ex.notes)
    return [Leak(i.person_id, i.field, str(where), i.kind, i.path) for i, where in hits]


def audit_output(data: bytes, kind: str, case, audience: str, visible_texts: Iterable[str] = (),
                 notes: list[str] | None = None) -> list[Leak]:
    """What a build calls on each rendered output before writing it."""
    return audit_bytes(data, kind, protected_strings(case, audience, visible_texts), notes)
