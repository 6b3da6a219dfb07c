"""Everything readable in a PDF: page text (:mod:`.pdftext`; pypdf where that cannot), annotations,
form fields, metadata (document info and XMP), outline, embedded files (audited by their own kind)
and, as a fallback, every string and every decompressed stream of every object.

Limits (docs/protection.md): text drawn as images (scans, screenshots) cannot be read — pages
showing images but no text are reported as notes; text in fonts without a Unicode map may extract as
gibberish.  A PDF that cannot be read fails the audit: it is never taken for a clean one.
"""
from __future__ import annotations

import hashlib
import io
import logging
import re

from pypdf import PdfReader, apply_configuration
from pypdf.errors import PdfReadError, PyPdfError
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, StreamObject

from .extract import AuditError, Extracted
from .pdftext import Extractor, Unsupported

_FONT_KEYS = ("/Length1", "/Length2", "/Length3")
_LITERAL = re.compile(rb"\((?:\\.|[^\\()])*\)")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-PDF chatter is not the user's concern
# How far one stream may inflate.  pypdf stops at 75 MB to guard against decompression bombs, but the
# brief of a large case embeds more than that (a 20,000-incident case: a 121 MB analysis.json), and a
# PDF the audit cannot read fails the build.  So the bound grows with the file — 200 times its size
# (deflate rarely exceeds 30:1 on text; a bomb reaches 1,000:1) — up to 2 GiB.
STREAM_RATIO, STREAM_MIN, STREAM_MAX = 200, 75_000_000, 2 << 30


def stream_limit(size: int) -> int:
    """The most bytes one stream of a PDF of ``size`` bytes may decompress to."""
    return min(STREAM_MAX, max(STREAM_MIN, STREAM_RATIO * size))


def _bytes_text(b: bytes) -> str:
    if b[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return b.decode("utf-16", errors="replace")
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("latin-1")


def _literals(stream: bytes) -> str:
    """The (…) string operands of a content stream, joined: text shown with simple fonts, including
    kerned TJ arrays such as [(Pa) 30 (risa)]."""
    out = []
    for m in _LITERAL.finditer(stream):
        s = re.sub(rb"\\([nrtbf()\\])", lambda e: _ESCAPES.get(e.group(1), e.group(1)), m.group(0)[1:-1])
        out.append(s.decode("latin-1"))
    return "".join(out)


def _strings(obj, out: list[str], depth: int = 0, values: list[str] | None = None) -> None:
    """Direct strings and names inside a dictionary or array (not following references), keys
    included; ``values``: the same without the dictionaries' keys, gathered in the same walk."""
    if depth > 50:
        return
    if isinstance(obj, (ByteStringObject, str)):
        text = _bytes_text(bytes(obj)) if isinstance(obj, ByteStringObject) else str(obj)
        out.append(text)
        if values is not None:
            values.append(text)
    elif isinstance(obj, DictionaryObject):
        for k, v in obj.items():
            out.append(str(k))
            if not isinstance(v, IndirectObject):
                _strings(v, out, depth + 1, values)
    elif isinstance(obj, ArrayObject):
        for v in obj:
            if not isinstance(v, IndirectObject):
                _strings(v, out, depth + 1, values)


def _object_numbers(reader: PdfReader) -> list[int]:
    nums = set(getattr(reader, "xref_objStm", {}).keys())
    for table in reader.xref.values():
        nums.update(table.keys())
    return sorted(n for n in nums if n > 0)


def _every_object(reader: PdfReader, ex: Extracted, decoded: set[int], attachments: set[bytes]) -> None:
    """Fallback over every object.  Skipped: ``decoded`` content streams, whose text was already
    read faithfully through ToUnicode maps (their raw bytes are glyph codes), and embedded files
    already audited by their kind (SHA-256 in ``attachments``)."""
    for num in _object_numbers(reader):
        try:
            obj = reader.get_object(num)
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
            continue
        strings: list[str] = []
        _strings(obj, strings)
        ex.add(f"PDF object {num}", " ".join(strings), "fallback")
        if (isinstance(obj, StreamObject) and num not in decoded and obj.get("/Subtype") != "/Image"
                and not any(k in obj for k in _FONT_KEYS)):
            try:
                data = obj.get_data()
            except (PyPdfError, ValueError, NotImplementedError, TypeError, KeyError):
                ex.notes.append(f"PDF object {num}: a stream could not be decoded and was not audited")
                continue
            if obj.get("/Type") == "/EmbeddedFile" and hashlib.sha256(data).digest() in attachments:
                continue
            ex.add(f"PDF object {num} (stream)", data.decode("latin-1"), "fallback")
            ex.add(f"PDF object {num} (stream strings)", _literals(data), "fallback")


def _outline(items, ex: Extracted) -> None:
    for it in items:
        if isinstance(it, list):
            _outline(it, ex)
        else:
            ex.add("outline", getattr(it, "title", None) or it.get("/Title"))


_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


def _draws_image(content: bytes, resources, depth: int = 0) -> bool:
    """Does this content stream (or a form it draws) paint an image XObject?  (Resources are often
    shared by all pages, so what a page *uses* must be read from its content.)"""
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is None or depth > 10:
        return False
    xobjects = xobjects.get_object()
    for name in dict.fromkeys(_DO.findall(content)):
        ref = xobjects.get("/" + name.decode("latin-1"))
        x = ref.get_object() if ref is not None else None
        if x is None:
            continue
        if x.get("/Subtype") == "/Image":
            return True
        if x.get("/Subtype") == "/Form" and _draws_image(x.get_data(), x.get("/Resources") or resources, depth + 1):
            return True
    return False


def _pages(pages, ex: Extracted) -> set[int]:
    """Page text and annotations; returns the content streams read faithfully (empty if any page
    needed pypdf, whose raw streams then stay in the fallback)."""
    fast = Extractor()
    all_fast, texts = True, []
    for i, page in enumerate(pages, start=1):
        try:
            text = fast.page_text(page)
        except (Unsupported, ValueError, KeyError, TypeError, AttributeError, IndexError):
            all_fast = False  # a font or a construct the fast reader does not know: pypdf's turn
            text = page.extract_text() or ""
        contents = page.get_contents()
        if not text.strip() and contents is not None and _draws_image(contents.get_data(), page.get("/Resources")):
            ex.notes.append(f"page {i} shows images but no text (a scan?) and could not be audited")
        ex.add(f"page {i} text", text)
        texts.append(text)
        for a in page.get("/Annots") or []:
            # the values alone as well: a name split between two entries (its first word the
            # author's /T, the rest the /Contents shown beside it) has a key between its parts
            strings: list[str] = []
            values: list[str] = []
            a = a.get_object()
            _strings(a, strings, values=values)
            if a.get("/A") is not None:
                _strings(a["/A"].get_object(), strings, values=values)
            ex.add(f"page {i} annotation", " ".join(strings))
            if values != strings:
                ex.add(f"page {i} annotation", " ".join(values))
    ex.add("document text (all pages)", "\n".join(texts), "joined")
    return fast.streams if all_fast else set()


def extract_pdf(data: bytes, sub) -> Extracted:
    """``sub(bytes, name)`` extracts an embedded file by its own kind."""
    limit = stream_limit(len(data))
    with apply_configuration(zlib_maximum_output_length=limit, stream_decoding_work_maximum_length=limit):
        return _extract_pdf(data, sub)


def _extract_pdf(data: bytes, sub) -> Extracted:
    ex = Extracted()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise AuditError("the PDF is encrypted; export it without a password to audit it")
        decoded = _pages(list(reader.pages), ex)
        for key, value in (reader.metadata or {}).items():
            ex.add(f"metadata {key}", value)
        xmp = reader.trailer["/Root"].get("/Metadata")
        if xmp is not None:
            ex.merge(sub(xmp.get_object().get_data(), "metadata.xml"), "metadata XMP")
        _outline(reader.outline, ex)
        for name, value in (reader.get_fields() or {}).items():
            ex.add(f"form field {name!r}", f"{name} {value.get('/V', '')}")
        audited: set[bytes] = set()
        for name, contents in reader.attachments.items():
            ex.add(f"attachment name {name!r}", name)
            for body in contents:
                ex.merge(sub(body, name), f"attachment {name}")
                audited.add(hashlib.sha256(body).digest())
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise AuditError(f"not a readable PDF ({type(e).__name__}: {e})") from None
    _every_object(reader, ex, decoded, audited)
    return ex
