"""Where the audit says it found a name, in text, JSON, CSV and HTML: the place a reader would look.

Also the tiers: a name only the whole document shows (split across paragraphs) is reported there; a
withheld item's sentence is never pieced together from two unrelated texts."""
from __future__ import annotations

import codecs

import pytest

from casebuilder.audit import AuditError, audit_bytes
from casebuilder.protect import Protected, protected_strings

from .casefiles import evidence, load, person, write_case

TEXT = "Intro.\n\nSeen by Parisa\nFictional today.\n"


@pytest.fixture(scope="module")
def protected(tmp_path_factory):
    case = load(write_case(tmp_path_factory.mktemp("extract"), [
        person("p-a", name="Parisa Fictional", protection="pseudonym")],
        [evidence("ev-c", title="Testimony of the night nurse in Rasht", confidentiality="confidential")]))
    return protected_strings(case, "public")


def found(data: bytes, kind: str, protected, notes=None) -> list[tuple[str, str]]:
    return [(lk.person_id, lk.where) for lk in audit_bytes(data, kind, protected, notes)]


@pytest.mark.parametrize("encoding,bom", [
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE), ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-8", b""),
])
def test_text_in_any_unicode_encoding_is_read_by_its_byte_order_mark(protected, encoding, bom):
    assert found(bom + TEXT.encode(encoding), "txt", protected) == [("p-a", "lines 3-4")]


def test_text_that_is_not_utf8_is_read_as_windows_1252(protected):
    assert found("Seen by Parisa Fictional \u2013 caf\u00e9".encode("cp1252"), "txt", protected) == [("p-a", "line 1")]


def test_a_name_split_across_paragraphs_is_found_in_the_whole_text_a_sentence_is_not(protected):
    assert found(b"Parisa\n\nFictional", "txt", protected) == [("p-a", "text")]
    assert found(b"Testimony of the night\n\nnurse in Rasht", "txt", protected) == []
    assert found(b"Testimony of the night\nnurse in Rasht", "txt", protected) == [("ev-c", "lines 1-2")]


def test_json_keys_values_and_text_that_is_not_json(protected):
    assert found(b'{"Parisa Fictional": 1, "n": [1, 2.5, "x"], "ok": true}', "json", protected) == [
        ("p-a", 'JSON key $["Parisa Fictional"]')]
    assert found(b'{"a b": "Parisa Fictional", "c": {"d": ["Parisa Fictional"]}}', "json", protected) == [
        ("p-a", 'JSON $["a b"] (and 1 more place)')]
    assert found(b'{"c": {"d": [0, "Parisa Fictional"]}}', "json", protected) == [("p-a", "JSON $.c.d[1]")]
    notes: list[str] = []
    assert found(b'{"a": Parisa Fictional', "json", protected, notes) == [("p-a", "line 1")]
    assert notes == ["not valid JSON; scanned as text"]


def test_csv_cells_by_row_and_header_or_column_number(protected):
    assert found(b"Parisa Fictional,b\n1,2\n", "csv", protected) == [("p-a", "CSV row 1, column '1'")]
    assert found(b"a,\n1,Parisa Fictional,3\n", "csv", protected) == [("p-a", "CSV row 2, column '2'")]
    assert found(b"a,b,c\n1,2,Parisa Fictional\n", "csv", protected) == [("p-a", "CSV row 2, column 'c'")]
    assert found(b"a\nParisa\nFictional\n", "csv", protected) == [("p-a", "CSV source")]


@pytest.mark.parametrize("html,where", [
    (b"<p>Pari<b>sa</b> Fictional</p>", "HTML text near line 1"),  # inline tags joined
    (b"<p>x</p>\n<p>\nParisa Fictional</p>", "HTML text near line 2"),
    (b"<p>Parisa &#70;ictional</p>", "HTML text near line 1"),
    (b'<img alt="Parisa Fictional"/>', "HTML attribute 'alt' on line 1"),
    (b"<p>x</p><!-- Parisa Fictional -->", "HTML comment on line 1"),
    (b"<?xml Parisa Fictional?>", "HTML comment on line 1"),
    (b"<!DOCTYPE Parisa Fictional>", "HTML comment on line 1"),
    (b"<p>Parisa</p><p>Fictional</p>", "HTML source"),  # block tags part it: the source still holds it
])
def test_html_text_attributes_comments_and_source(protected, html, where):
    assert found(html, "html", protected) == [("p-a", where)]


def test_a_file_that_is_not_a_zip_cannot_pass(protected):
    with pytest.raises(AuditError, match="not a readable zip/office file"):
        audit_bytes(b"PK\x03\x04garbage", "zip", protected)


def test_a_number_in_json_is_a_text_named_by_its_place():
    phone = [Protected("p-a", "sensitive.phone", "9123456789")]
    data = b'{"a": [true, null, 9123456789], "b": {"c": 9123456789.0}, "d": 9123456789}'
    assert [lk.where for lk in audit_bytes(data, "json", phone)] == ["JSON $.a[2] (and 1 more place)", "JSON $.b.c"]


def test_the_form_xobjects_a_page_draws_count_as_read():
    """Producers put text in Form XObjects (WeasyPrint does): the streams read through their Unicode
    maps are not searched again as raw bytes (glyph codes), and a form drawn twice is read once."""
    import io

    import pypdf
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    from casebuilder.audit.pdftext import Extractor

    from .test_pdftext import _hand_made

    reader = pypdf.PdfReader(io.BytesIO(_hand_made(b"BT /F1 12 Tf 20 200 Td (Alpha) Tj ET", True)))
    writer = pypdf.PdfWriter(clone_from=reader)
    page = writer.pages[0]
    form = DecodedStreamObject()
    form.set_data(b"BT /F1 12 Tf 20 100 Td (Beta) Tj ET")
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/Resources"): page["/Resources"]})
    ref = writer._add_object(form)
    page[NameObject("/Resources")][NameObject("/XObject")] = DictionaryObject({NameObject("/Fm1"): ref})
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 20 200 Td (Alpha) Tj ET /Fm1 Do /Fm1 Do")
    page[NameObject("/Contents")] = writer._add_object(content)
    buf = io.BytesIO()
    writer.write(buf)
    page = pypdf.PdfReader(io.BytesIO(buf.getvalue())).pages[0]
    fast = Extractor()
    assert fast.page_text(page).split() == ["Alpha", "Beta", "Beta"]
    form_id = page["/Resources"]["/XObject"].raw_get("/Fm1").idnum
    assert set(fast.forms) == {form_id} and fast.forms[form_id].split() == ["Beta"]
    assert {form_id, page.raw_get("/Contents").idnum} <= fast.streams
