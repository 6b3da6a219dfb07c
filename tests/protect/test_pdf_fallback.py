"""The PDF audit's last resort: every object and every decoded stream, as raw text and as the string
operands it shows.  Text in a stream no page draws (an annotation's appearance, a stray form) is found
there; image and font data, which are no text, are not read as text."""
from __future__ import annotations

import io

import pypdf
import pytest
from pypdf.generic import DecodedStreamObject, IndirectObject, NameObject, NumberObject

from casebuilder.audit import audit_bytes
from casebuilder.protect import Protected

from .test_pdftext import _hand_made

NAME = [Protected("p-a", "name", "Parisa Fictional")]


def cover() -> pypdf.PdfWriter:
    """A writer holding a one-page PDF whose page shows only "Cover" (nothing of the name)."""
    page = _hand_made(b"BT /F1 12 Tf 20 200 Td (Cover) Tj ET", True)
    return pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(page)))


def add_stream(writer: pypdf.PdfWriter, data: bytes, key: str = "/Stray", **keys) -> IndirectObject:
    """A stream object no page draws, with ``keys`` in its dictionary, reachable from the catalogue's ``key`` (so
    that it is written)."""
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream.update({NameObject(k): (NumberObject(v) if isinstance(v, int) else NameObject(v)) for k, v in keys.items()})
    ref = writer._add_object(stream)
    writer.root_object[NameObject(key)] = ref
    return ref


def written(writer: pypdf.PdfWriter) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def with_stream(data: bytes, **keys) -> tuple[bytes, int]:
    """A one-page PDF (nothing of the name on its page) plus one stream object no page draws."""
    writer = cover()
    ref = add_stream(writer, data, **keys)
    return written(writer), ref.idnum


def where(data: bytes) -> list[str]:
    return [lk.where for lk in audit_bytes(data, "pdf", NAME)]


@pytest.mark.parametrize("shown", [
    rb"BT [(Pari) 30 (sa) -20 ( Fictional)] TJ ET",  # kerned pieces: joined as the page would show them
    rb"BT (Parisa) Tj (\(Fictional\)) Tj ET",  # escaped parentheses
    rb"BT (Parisa\\) Tj (Fictional) Tj ET",
    rb"BT (Nurse\(Parisa) Tj ( Fictional\)) Tj ET",  # an escaped parenthesis is punctuation: a word boundary
])
def test_text_shown_in_a_stream_no_page_draws_is_found_in_its_strings(shown):
    data, num = with_stream(shown)
    assert where(data) == [f"PDF object {num} (stream strings)"]


def test_a_name_written_in_a_stream_is_found_raw():
    data, num = with_stream(b"% a comment: Parisa Fictional")
    assert where(data) == [f"PDF object {num} (stream)"]


@pytest.mark.parametrize("keys", [
    {"/Type": "/XObject", "/Subtype": "/Image", "/Width": 16, "/Height": 1, "/BitsPerComponent": 8},  # pixels
    {"/Length1": 16},  # an embedded font program
])
def test_image_and_font_data_are_not_read_as_text(keys):
    data, _ = with_stream(b"Parisa Fictional", **keys)
    assert where(data) == []


def test_an_object_that_cannot_be_read_does_not_end_the_search(monkeypatch):
    writer = cover()
    broken_ref = add_stream(writer, b"nothing here", "/Broken")
    stray_ref = add_stream(writer, b"% a comment: Parisa Fictional")
    data = written(writer)
    real = pypdf.PdfReader.get_object

    def get_object(self, ref):
        if ref == broken_ref.idnum:  # only the object-by-object search asks for it by number
            raise ValueError("a corrupt object")
        return real(self, ref)

    monkeypatch.setattr(pypdf.PdfReader, "get_object", get_object)
    assert broken_ref.idnum < stray_ref.idnum
    assert where(data) == [f"PDF object {stray_ref.idnum} (stream)"]


def test_xmp_metadata_and_a_form_fields_value_are_read_and_named():
    """A PDF re-saved by an editor: the author in its XMP metadata, a phone number typed into a form field.
    Each is found and named by where it is (the XMP packet as a text of its own, the field by its name)."""
    from pypdf.generic import ArrayObject, DictionaryObject, TextStringObject

    writer = cover()
    xmp = DecodedStreamObject()
    xmp.set_data(b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
                 b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                 b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Parisa Fictional</dc:creator>'
                 b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    field = DictionaryObject({NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("witness"),
                              NameObject("/V"): TextStringObject("+98 912 000 1111")})
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([writer._add_object(field)])})
    got = [(lk.field, lk.where) for lk in audit_bytes(written(writer), "pdf", [
        *NAME, Protected("p-a", "sensitive.phone", "+98 912 000 1111")])]
    assert got == [("name", "metadata XMP › HTML text near line 1"), ("sensitive.phone", "form field 'witness'")]


def test_a_stream_that_cannot_be_decoded_is_noted_and_the_search_goes_on():
    """A stream in a compression the reader does not know cannot be read: it is reported as not audited, and the
    objects after it are still searched."""
    writer = cover()
    broken_ref = add_stream(writer, b"compressed in an unknown way", "/Broken", **{"/Filter": "/NoSuchDecode"})
    stray_ref = add_stream(writer, b"% a comment: Parisa Fictional")
    notes: list[str] = []
    assert broken_ref.idnum < stray_ref.idnum
    assert [lk.where for lk in audit_bytes(written(writer), "pdf", NAME, notes)] == [
        f"PDF object {stray_ref.idnum} (stream)"]
    assert notes == [f"PDF object {broken_ref.idnum}: a stream could not be decoded and was not audited"]


def test_the_objects_after_an_attachment_already_audited_are_still_searched():
    """An embedded file is audited by its own kind and its stream is not read again as raw PDF data; the
    objects numbered after it are still searched (a stray stream holding the name, drawn by no page)."""
    writer = cover()
    writer.add_attachment("notes.txt", b"Notes of the interview, with no name in them.")
    stray_ref = add_stream(writer, b"% a comment: Parisa Fictional")
    data = written(writer)
    reader = pypdf.PdfReader(io.BytesIO(data))
    embedded = [n for n in range(1, stray_ref.idnum) if getattr(reader.get_object(n), "get", lambda k: None)("/Type")
                == "/EmbeddedFile"]
    assert embedded and reader.attachments == {"notes.txt": [b"Notes of the interview, with no name in them."]}
    assert where(data) == [f"PDF object {stray_ref.idnum} (stream)"]


def test_an_attachment_audited_by_its_kind_is_not_read_again_as_raw_data():
    """An attached analysis.json is read as JSON, value by value: a withheld sentence that two unrelated values
    happen to make when run together is no leak there, nor in the PDF that carries the file (its raw bytes,
    where the values do run together, are not searched again)."""
    import json

    secret = [Protected("ev-x", "summary", "The nurse saw the security forces carry the wounded out", "evidence",
                        ("summary",))]
    attached = json.dumps({"notes": ["The nurse saw the security forces", "carry the wounded out through the gate."]})
    writer = cover()
    writer.add_attachment("analysis.json", attached.encode())
    assert audit_bytes(attached.encode(), "json", secret) == []
    assert audit_bytes(written(writer), "pdf", secret) == []
