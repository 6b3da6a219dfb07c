"""The fast PDF text reader on hand-made content streams: every way a producer writes a string
(literal with escapes, octal codes, a line continuation, unescaped balanced parentheses; hex with
spaces or an odd digit), every way it places text (Td, Tm, T*, the quote operators, TJ gaps), and
what it refuses to guess.  A string it failed to read would be dropped from the page while the
stream counts as read (its raw bytes are then not searched), so a name in it would pass the audit."""
from __future__ import annotations

import io

import pypdf
from pypdf.generic import NameObject
import pytest

from casebuilder.audit import audit_bytes
from casebuilder.audit.pdftext import Extractor, Unsupported
from casebuilder.protect import Protected

from .test_pdftext import _hand_made, _one_page


def text(content: bytes) -> str:
    return Extractor().page_text(pypdf.PdfReader(io.BytesIO(_hand_made(content, True))).pages[0])


@pytest.mark.parametrize("shown,read", [
    (rb"(\120arisa \106ictional) Tj", "Parisa Fictional"),  # octal codes
    (rb"(a\(b\)c\\d) Tj", "a(b)c\\d"),
    (b"(Parisa Fic\\\ntional) Tj", "Parisa Fictional"),  # a backslash before a line break continues the line
    (b"(Parisa Fic\\\r\ntional) Tj", "Parisa Fictional"),
    (rb"(Seen: (Parisa (the nurse) Fictional)) Tj", "Seen: (Parisa (the nurse) Fictional)"),  # balanced, unescaped
    (rb"<5061726973612046696374696f6e616> Tj", "Parisa Fictiona`"),  # an odd last digit is followed by 0
    (rb"<50 61 72> Tj", "Par"),
    (rb"[(Pa) -100 (ri) -250 (sa)] TJ", "Pari sa"),  # a gap wider than 0.2 em is a space
    (rb"[<5061> -100 <7269> -250 <7361>] TJ", "Pari sa"),
    (rb"[<5061> <7269>] TJ [<5061> <7269>] TJ", "PariPari"),  # the same array twice: read twice
    (rb"[(Pa) -199 (ri) -200 (sa)] TJ", "Pari sa"),
])
def test_every_way_of_writing_a_string(shown, read):
    assert text(b"BT /F1 12 Tf 20 200 Td " + shown + b" ET") == f"\n{read}\n"


@pytest.mark.parametrize("content,read", [
    (rb"BT /F1 12 Tf 1 0 0 1 20 200 Tm (Parisa) Tj 1 0 0 1 60 200 Tm (Fictional) Tj 1 0 0 1 20 180 Tm (next) Tj ET",
     "\nParisa Fictional\nnext\n"),
    (rb"BT /F1 12 Tf 1 0 0 1 20 200 Tm (Pari) Tj 1 0 0 1 42.2 200 Tm (sa) Tj ET", "\nParisa\n"),  # no gap: one word
    (rb"BT /F1 12 Tf 20 200 Td (one) Tj T* (two) ' (three) Tj ET BT /F1 12 Tf (four) Tj ET",
     "\none\ntwothree\nfour\n"),
    (rb"BT /F1 12 Tf 20 200 Td (a) Tj 0 -14 Td (b) Tj x y Td (c) Tj ET", "\na\nb\nc\n"),  # unreadable operands: a break
    # a move down by Td, then text placed at that very height by Tm: the same line
    (rb"BT /F1 12 Tf 20 200 Td (Parisa) Tj 0 -14 Td (Fictional) Tj 1 0 0 1 90 186 Tm (said) Tj ET",
     "\nParisa\nFictional said\n"),
])
def test_every_way_of_placing_text(content, read):
    assert text(content) == read


FIVE_DEEP = rb"(a (b (c (d (Parisa Fictional) d) e) f) g)"


@pytest.mark.parametrize("content,why", [
    (rb"BT /F2 12 Tf 20 200 Td (x) Tj ET", "unknown font b'F2'"),
    (rb"BT 20 200 Td (x) Tj ET", "text shown before any font was selected"),
    (b"BT /F1 12 Tf 20 200 Td " + FIVE_DEEP + b" Tj ET", "a literal string nested deeper than four parentheses"),
    (b"BT /F1 12 Tf 20 200 Td [" + FIVE_DEEP + b"] TJ ET", "a literal string nested deeper than four parentheses"),
    (b"BT /F1 12 Tf 20 200 Td (fine) Tj (a (b (c (d) c) b) a Tj ET", "a literal string nested deeper than four parentheses"),
])
def test_what_it_cannot_read_faithfully_is_left_to_pypdf(content, why):
    with pytest.raises(Unsupported) as exc:
        text(content)
    assert str(exc.value) == why


def test_strings_nested_four_deep_and_escaped_parentheses_stay_on_the_fast_path():
    assert text(rb"BT /F1 12 Tf 20 200 Td (a (b (c (Parisa) c) b) a) Tj (x\(\(\(\(\(y) Tj ET") == \
        "\na (b (c (Parisa) c) b) ax(((((y\n"


@pytest.mark.parametrize("shown", [b"(Parisa Fic\\\ntional) Tj", rb"(Seen: (Parisa Fictional)) Tj",
                                   FIVE_DEEP + b" Tj", b"[" + FIVE_DEEP + b"] TJ"])
def test_the_audit_finds_a_name_in_any_literal_string(shown):
    """Nested five deep, a string is beyond the fast reader's tokens: the page is read by pypdf instead
    (before, the string was dropped, or read from its second parenthesis on, and the name passed)."""
    data = _hand_made(b"BT /F1 12 Tf 20 200 Td " + shown + b" ET", True)
    leaks = audit_bytes(data, "pdf", [Protected("p-a", "name", "Parisa Fictional")])
    assert [(lk.person_id, lk.where) for lk in leaks] == [("p-a", "page 1 text")]


def test_glyph_widths_decide_where_a_word_ends():
    """Helvetica's widths (P 667, a 556, r 333, i 222): 'Pari' at 12 pt ends 21.34 pt on, so 'sa' placed
    there continues the word, and placed 3 pt further on is a new one.  Read with a default width
    instead, both would be wrong."""
    from pypdf.generic import ArrayObject, NumberObject

    helvetica = {ord("P"): 667, ord("a"): 556, ord("r"): 333, ord("i"): 222, ord("s"): 500}
    reader = pypdf.PdfReader(io.BytesIO(_hand_made(b"BT /F1 12 Tf 1 0 0 1 20 200 Tm (Pari) Tj 1 0 0 1 41.34 200 Tm (sa) "
                                                   b"Tj 1 0 0 1 20 180 Tm (Pari) Tj 1 0 0 1 44.34 180 Tm (sa) Tj ET",
                                                   True)))
    writer = pypdf.PdfWriter(clone_from=reader)
    font = writer.pages[0]["/Resources"]["/Font"]["/F1"].get_object()
    font[NameObject("/Widths")] = ArrayObject([NumberObject(helvetica.get(c, 278)) for c in range(32, 127)])
    buf = io.BytesIO()
    writer.write(buf)
    page = pypdf.PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    assert Extractor().page_text(page) == "\nParisa\nPari sa\n"


@pytest.mark.parametrize("shown", [b"(ab) Tj", b"[<6162>] TJ", b"[<61> 0 <62>] TJ", b"[<61> 0.0 <62>] TJ"])
@pytest.mark.parametrize("x,read", [(32, "abcd"), (32.01, "ab cd"), (27.99, "ab cd")])
def test_a_gap_of_exactly_a_fifth_of_an_em_is_no_space(shown, x, read):
    """10 pt text, default widths (500): 'ab' ends at 30; 'cd' 2 pt (0.2 em) further on continues the word.
    The same whether 'ab' is a string or a TJ array of glyph codes with no adjustment, or adjustments of zero
    (WeasyPrint's way): such an array advances by its glyphs' widths exactly.  A thousandth of an em more or
    less turns 'Ali Rezaeipour' into 'Ali Rezaei pour' at this boundary (a protected name the page does not show)."""
    content = b"BT /F1 10 Tf 1 0 0 1 20 200 Tm %s 1 0 0 1 %s 200 Tm (cd) Tj ET" % (shown, str(x).encode())
    assert text(content) == f"\n{read}\n"


def test_a_page_that_draws_without_any_font_has_no_text():
    reader = pypdf.PdfReader(io.BytesIO(_hand_made(b"0 0 m 100 100 l S", True)))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.pages[0][NameObject("/Resources")] = pypdf.generic.DictionaryObject()
    buf = io.BytesIO()
    writer.write(buf)
    assert Extractor().page_text(pypdf.PdfReader(io.BytesIO(buf.getvalue())).pages[0]) == ""


def _type0_page(content: bytes, descendant: dict) -> pypdf.PageObject:
    """A page drawn with a Type0 (CID) font of two-byte codes mapped to the same Unicode values."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(300, 300)
    cmap = DecodedStreamObject()
    cmap.set_data(b"1 begincodespacerange <0000> <ffff> endcodespacerange\n1 beginbfrange <0020> <007e> <0020> endbfrange")
    cid = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/CIDFontType2"),
                            NameObject("/BaseFont"): NameObject("/Sans"), **descendant})
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type0"),
                             NameObject("/BaseFont"): NameObject("/Sans"), NameObject("/Encoding"): NameObject("/Identity-H"),
                             NameObject("/DescendantFonts"): ArrayObject([writer._add_object(cid)]),
                             NameObject("/ToUnicode"): writer._add_object(cmap)})
    return pypdf.PdfReader(io.BytesIO(_one_page(writer, page, font, content))).pages[0]


def test_a_cid_font_gives_glyphs_it_does_not_list_its_default_width():
    """/W lists only P (600); a, r and i take /DW (500): 'Pari' at 10 pt ends 21 pt on, so 'sa' placed at
    x 41 continues the word and at x 44 is a new one.  Taken as 1000 wide instead (the default of a font
    without /DW), 'Pari' would end at 56 and both would read as two words."""
    from pypdf.generic import ArrayObject, NumberObject

    content = (b"BT /F1 10 Tf 1 0 0 1 20 200 Tm <0050006100720069> Tj 1 0 0 1 41 200 Tm <00730061> Tj "
               b"1 0 0 1 20 180 Tm <0050006100720069> Tj 1 0 0 1 44 180 Tm <00730061> Tj ET")
    page = _type0_page(content, {NameObject("/DW"): NumberObject(500),
                                 NameObject("/W"): ArrayObject([NumberObject(0x50), ArrayObject([NumberObject(600)])])})
    assert Extractor().page_text(page) == "\nParisa\nPari sa\n"
    # without /DW a glyph /W does not list is 1000 wide: 'Pari' ends at 56, and 'sa' at x 56 continues it
    page = _type0_page(b"BT /F1 10 Tf 1 0 0 1 20 200 Tm <0050006100720069> Tj 1 0 0 1 56 200 Tm <00730061> Tj ET",
                       {NameObject("/W"): ArrayObject([NumberObject(0x50), ArrayObject([NumberObject(600)])])})
    assert Extractor().page_text(page) == "\nParisa\n"
    # exactly 1000 (the PDF default width of a CID font): at 100 pt 'Pari' ends at 380, so 'sa' at 400.1 is
    # 20.1 pt (just over 0.2 em) on: a new word; a default of 1001 would end 'Pari' at 380.3
    page = _type0_page(b"BT /F1 100 Tf 1 0 0 1 20 200 Tm <0050006100720069> Tj 1 0 0 1 400.1 200 Tm <00730061> Tj ET",
                       {NameObject("/W"): ArrayObject([NumberObject(0x50), ArrayObject([NumberObject(600)])])})
    assert Extractor().page_text(page) == "\nPari sa\n"


def test_a_cid_font_gives_ranges_of_codes_one_width():
    """/W as `first last width`: a to r 400 wide (the last code of the range included), so 'Pari' (P 600
    by its own entry) ends 18 pt on."""
    from pypdf.generic import ArrayObject, NumberObject

    widths = ArrayObject([NumberObject(0x50), ArrayObject([NumberObject(600)]),
                          NumberObject(0x61), NumberObject(0x72), NumberObject(400)])
    content = (b"BT /F1 10 Tf 1 0 0 1 20 200 Tm <0050006100720069> Tj 1 0 0 1 38 200 Tm <00730061> Tj "
               b"1 0 0 1 20 180 Tm <0050006100720069> Tj 1 0 0 1 41 180 Tm <00730061> Tj ET")
    assert Extractor().page_text(_type0_page(content, {NameObject("/W"): widths})) == "\nParisa\nPari sa\n"


def test_a_type3_font_is_left_to_pypdf_even_with_a_unicode_map():
    """A Type 3 font draws glyphs with procedures in its own glyph space: its widths are not thousandths of
    an em, so the fast reader does not guess at it, ToUnicode map or not."""
    reader = pypdf.PdfReader(io.BytesIO(_hand_made(b"BT /F1 12 Tf 20 200 Td (Parisa) Tj ET", True)))
    writer = pypdf.PdfWriter(clone_from=reader)
    font = writer.pages[0]["/Resources"]["/Font"]["/F1"].get_object()
    font[NameObject("/Subtype")] = NameObject("/Type3")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(Unsupported) as exc:
        Extractor().page_text(pypdf.PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    assert str(exc.value) == f"font {font['/BaseFont']} has no Unicode map"


@pytest.mark.parametrize("first", [80, None])
def test_a_simple_fonts_widths_start_at_its_first_char(first):
    """/Widths lists the widths from /FirstChar on (from code 0 when it is absent): 'Pari' in a font whose
    P, a, r and i are one em wide ends 4 em on, so 'sa' placed there continues the word."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NumberObject

    start = first or 0
    wide = {ord(c) for c in "Pari"}
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(300, 300)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica"),
                             NameObject("/Widths"): ArrayObject(FloatObject(1000 if c in wide else 0)
                                                                for c in range(start, 127))})
    if first is not None:
        font[NameObject("/FirstChar")] = NumberObject(first)
    cmap = DecodedStreamObject()
    cmap.set_data(b"1 begincodespacerange <00> <ff> endcodespacerange\n1 beginbfrange <20> <7e> <0020> endbfrange")
    font[NameObject("/ToUnicode")] = writer._add_object(cmap)
    data = _one_page(writer, page, font, b"BT /F1 12 Tf 1 0 0 1 20 200 Tm (Pari) Tj 1 0 0 1 68 200 Tm (sa) Tj ET")
    assert Extractor().page_text(pypdf.PdfReader(io.BytesIO(data)).pages[0]) == "\nParisa\n"
