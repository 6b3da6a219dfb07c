"""The fast PDF text extractor reads what pypdf reads, and hands over what it cannot read."""
from __future__ import annotations

import io

import pypdf
import pytest
import weasyprint
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

from casebuilder.audit import audit_bytes
from casebuilder.audit.pdftext import Extractor, Unsupported, parse_cmap
from casebuilder.protect import Protected, loose

SVG = ("<svg width='300' height='40' xmlns='http://www.w3.org/2000/svg'>"
       "<text x='5' y='20' font-size='10' font-family='DejaVu Sans'>Alleged raid on Example Hospital</text></svg>")


def test_parse_cmap_reads_chars_ranges_arrays_and_ligatures():
    cmap = b"""1 begincodespacerange <0000> <ffff> endcodespacerange
    2 beginbfchar <0003> <0020> <0010> <00660069> endbfchar
    2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<05D0> <05D1>] endbfrange"""
    width, table = parse_cmap(cmap)
    assert width == 2
    assert table == {0x03: " ", 0x10: "fi", 0x24: "A", 0x25: "B", 0x26: "C", 0x30: "\u05d0", 0x31: "\u05d1"}


def test_parse_cmap_reads_ranges_whose_codes_have_hex_letters():
    """Codes are hexadecimal whatever their digits: <00a0> to <00a2> is 160-162 (a range written with letters
    is as common as one written with digits alone)."""
    cmap = b"1 begincodespacerange <0000> <ffff> endcodespacerange 1 beginbfrange <00a0> <00a2> <00e0> endbfrange"
    assert parse_cmap(cmap) == (2, {0xA0: "\u00e0", 0xA1: "\u00e1", 0xA2: "\u00e2"})


def test_parse_cmap_without_a_codespace_range_reads_two_byte_codes_and_one_byte_where_declared():
    """A CMap that declares no code space (some producers omit it) is read with two-byte codes, as CID fonts
    use; a one-byte code space gives one-byte codes."""
    assert parse_cmap(b"1 beginbfchar <0024> <0041> endbfchar") == (2, {0x24: "A"})
    assert parse_cmap(b"1 begincodespacerange <00> <ff> endcodespacerange 1 beginbfchar <24> <0041> endbfchar") == (
        1, {0x24: "A"})


def test_same_words_as_pypdf_on_weasyprint_output():
    html = ("<body style=\"font-family:'DejaVu Sans'\"><h1>Facts</h1><p>Plain text with <b>bold</b> and "
            "<i>ital</i>ic pieces, a table:</p><table><tr><td>Alpha</td><td>Beta</td></tr></table>"
            f"<p dir=rtl lang=fa>شاهد پریسا گفت</p>{SVG}<p style='text-align:justify'>{'word ' * 80}</p></body>")
    reader = pypdf.PdfReader(io.BytesIO(weasyprint.HTML(string=html).write_pdf()))
    fast = Extractor()
    for page in reader.pages:
        assert loose(fast.page_text(page)).split() == loose(page.extract_text()).split()
    assert "alleged raid on example hospital" in loose(fast.page_text(reader.pages[0]))


def _hand_made(content: bytes, to_unicode: bool) -> bytes:
    """A one-page PDF with a simple Helvetica font, with or without a ToUnicode map."""
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(300, 300)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/FirstChar"): NumberObject(32), NameObject("/LastChar"): NumberObject(126)})
    if to_unicode:
        cmap = DecodedStreamObject()
        cmap.set_data(b"1 begincodespacerange <00> <ff> endcodespacerange\n1 beginbfrange <20> <7e> <0020> endbfrange")
        font[NameObject("/ToUnicode")] = writer._add_object(cmap)
    return _one_page(writer, page, font, content)


def _one_page(writer: pypdf.PdfWriter, page, font: DictionaryObject, content: bytes) -> bytes:
    """The PDF of ``writer``, whose ``page`` draws ``content`` with ``font`` as /F1."""
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_kerning_and_word_gaps_in_tj_arrays():
    data = _hand_made(b"BT /F1 12 Tf 20 200 Td [(Pari) -40 (sa) -400 (Fictional)] TJ 0 -14 Td (next line) Tj ET", True)
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    assert loose(Extractor().page_text(page)) == "parisa fictional next line"


def test_fonts_without_unicode_maps_are_left_to_pypdf():
    data = _hand_made(b"BT /F1 12 Tf 20 200 Td (Parisa Fictional) Tj ET", False)
    with pytest.raises(Unsupported):
        Extractor().page_text(pypdf.PdfReader(io.BytesIO(data)).pages[0])
    leaks = audit_bytes(data, "pdf", [Protected("p-a", "name", "Parisa Fictional")])
    assert [(lk.person_id, lk.where) for lk in leaks] == [("p-a", "page 1 text")]
