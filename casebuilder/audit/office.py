"""Word (DOCX) and OpenDocument (ODT) text as a reader meets it: paragraph by paragraph, footnotes
and endnotes, headers, comments and document properties, each labelled with where it sits.

The zip extractor (:func:`.extract.extract_zip`) already scans every member's XML; this adds the
document's own reading: runs joined into their paragraph ('Pari' + 'sa' in two runs is 'Parisa'),
and the whole text joined once, for a name broken across paragraphs.  A brief is never written in
these formats before this has read it (:mod:`casebuilder.build`).
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from .extract import MAX_UNZIPPED, AuditError, Extracted

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_DOCX_PARTS = (("word/document.xml", "body"), ("word/footnotes.xml", "footnotes"), ("word/endnotes.xml", "endnotes"),
               ("word/comments.xml", "comments"))
_DOCX_PREFIXES = (("word/header", "header"), ("word/footer", "footer"))
_PROPS = ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "meta.xml")


def _parse(body: bytes, name: str):
    try:
        return ET.fromstring(body)
    except ET.ParseError as e:
        raise AuditError(f"{name} is not well-formed XML ({e})") from None


def _docx_paragraphs(root):
    for p in root.iter(f"{W}p"):
        parts = []
        for node in p.iter():
            if node.tag == f"{W}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{W}tab",):
                parts.append("\t")
            elif node.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
        yield "".join(parts)


def _odt_text(node) -> str:
    """A paragraph's text with its spans, links and spaces; a note inside it is read on its own."""
    out = [node.text or ""]
    for child in node:
        if child.tag == f"{TEXT}note":
            pass
        elif child.tag == f"{TEXT}s":
            out.append(" " * int(child.get(f"{TEXT}c", "1") or 1))
        elif child.tag == f"{TEXT}tab":
            out.append("\t")
        elif child.tag == f"{TEXT}line-break":
            out.append("\n")
        else:
            out.append(_odt_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _odt_paragraphs(root):
    for node in root.iter():
        if node.tag in (f"{TEXT}p", f"{TEXT}h"):
            yield _odt_text(node)


def extract_office(data: bytes, kind: str) -> Extracted:
    """``kind``: 'docx' or 'odt'."""
    ex = Extracted()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = {m.filename: m for m in zf.infolist()}
    except (zipfile.BadZipFile, OSError) as e:
        raise AuditError(f"not a readable {kind.upper()} file ({e})") from None
    if sum(m.file_size for m in members.values()) > MAX_UNZIPPED:
        raise AuditError("the document unpacks to more than 512 MB; it cannot be audited safely")

    def read(name: str) -> bytes:
        try:
            return zf.read(members[name])
        except (zipfile.BadZipFile, RuntimeError, OSError) as e:
            raise AuditError(f"member {name} cannot be read ({e})") from None

    parts: list[tuple[str, str]] = []
    if kind == "docx":
        parts = [(n, label) for n, label in _DOCX_PARTS if n in members]
        parts += [(n, label) for n in sorted(members) for pre, label in _DOCX_PREFIXES if n.startswith(pre)]
        paragraphs = _docx_paragraphs
    else:
        parts = [(n, n.removesuffix(".xml")) for n in ("content.xml", "styles.xml") if n in members]
        paragraphs = _odt_paragraphs
    whole = []
    for name, label in parts:
        root = _parse(read(name), name)
        for i, text in enumerate(paragraphs(root), 1):
            ex.add(f"{kind.upper()} {label} paragraph {i}", text)
            whole.append(text)
    for name in _PROPS:
        if name in members:
            root = _parse(read(name), name)
            for node in root.iter():
                ex.add(f"{kind.upper()} document property {node.tag.rsplit('}', 1)[-1]}", node.text)
    ex.add(f"{kind.upper()} document", "\n".join(whole), "joined")
    return ex
