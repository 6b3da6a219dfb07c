"""audit_bytes: every place a reader could find a protected name, in every output format."""
from __future__ import annotations

import io
import json

import pypdf
import pytest
import weasyprint

from casebuilder.audit import AuditError, audit_bytes
from casebuilder.protect import protected_strings

from .casefiles import evidence, load, person, write_case, zip_bytes

ZWJ, ZWNJ = "\u200d", "\u200c"


@pytest.fixture(scope="module")
def protected(tmp_path_factory):
    root = tmp_path_factory.mktemp("audit")
    case = load(write_case(root, [
        person("p-a", name="Parisa Fictional", name_original="پریسا ساختگی", aliases=["Nurse Zoleikha"],
               protection="pseudonym", sensitive={"phone": "+98 912 000 1111"}),
        person("p-named", "victim", name="Ali Rezaeipour"),
        person("p-short", name="Ali Rezaei", protection="pseudonym"),
    ], [evidence("ev-c", title="Testimony of the night nurse in Rasht", confidentiality="confidential")]))
    return protected_strings(case, "public")


def leaks(data: bytes, kind: str, protected) -> set[tuple[str, str, str]]:
    return {(lk.person_id, lk.field, lk.where) for lk in audit_bytes(data, kind, protected)}


def owners(data: bytes, kind: str, protected) -> set[str]:
    return {lk.person_id for lk in audit_bytes(data, kind, protected)}


def test_clean_output_has_no_leak(protected):
    html = "<p>Witness W-01 (Shirin) saw Ali Rezaeipour fall. Confidential testimony E-01, on file.</p>"
    assert audit_bytes(html.encode(), "html", protected) == []


def test_a_name_is_not_found_inside_a_longer_name(protected):
    # 'Ali Rezaei' is protected, 'Ali Rezaeipour' is public: word boundaries keep them apart
    assert owners(b"Ali Rezaeipour was named by his family.", "txt", protected) == set()
    assert owners(b"Ali Rezaei was named by his family.", "txt", protected) == {"p-short"}


@pytest.mark.parametrize("text", [
    "PARISA FICTIONAL",
    "Parísa Fictional",
    f"Pari{ZWJ}sa Fic{ZWNJ}tional",
    "Pari sa Fictional",                 # a word split by extraction
    "ParisaFictional",                   # words joined by extraction
    "Fictional, Parisa",                 # surname first
    "Pari-\nsa Fictional",               # hyphenated across a line
])
def test_latin_variants_are_found(protected, text):
    assert "p-a" in owners(text.encode(), "txt", protected)


@pytest.mark.parametrize("text", [
    "پريسا ساختگي",                      # Arabic yeh instead of Farsi yeh
    f"پر{ZWJ}یسا ساخت{ZWNJ}گی",          # zero-width joiner and non-joiner
    "پَریسا ساختگی",                      # a diacritic
    "ﭘﺮﻳﺴﺎ ﺳﺎﺧﺘﮕﻲ",                       # presentation forms
    "یگتخاس اسیرپ",                      # visual (reversed) order, as some PDF producers store RTL text
])
def test_persian_variants_are_found(protected, text):
    assert "p-a" in owners(text.encode(), "txt", protected)


def test_sensitive_values_and_aliases_are_found(protected):
    got = leaks("call +98-912-000-1111 or ask for nurse zoleikha".encode(), "txt", protected)
    assert {("p-a", "sensitive.phone", "line 1"), ("p-a", "aliases[0]", "line 1")} <= got


def test_withheld_evidence_titles_are_found(protected):
    got = leaks(b'{"evidence": [{"title": "Testimony of the night nurse in Rasht"}]}', "json", protected)
    assert got == {("ev-c", "title", "JSON $.evidence[0].title")}


def test_html_text_attributes_comments_and_entities(protected):
    html = ('<p>Pari<b>sa</b> Fictional</p><img alt="Nurse Zoleikha" src="x.png">'
            '<!-- +98 912 000 1111 --><p>&#1662;&#1585;&#1740;&#1587;&#1575; &#1587;&#1575;&#1582;&#1578;&#1711;&#1740;</p>')
    got = leaks(html.encode(), "html", protected)
    assert ("p-a", "name", "HTML text near line 1") in got
    assert ("p-a", "aliases[0]", "HTML attribute 'alt' on line 1") in got
    assert ("p-a", "sensitive.phone", "HTML comment on line 1") in got
    assert ("p-a", "name_original", "HTML text near line 1") in got


def test_json_values_keys_and_escapes(protected):
    data = json.dumps({"persons": [{"label": "Witness W-01"}], "Parisa Fictional": 1,
                       "note": "پریسا ساختگی"}, ensure_ascii=True).encode()
    got = leaks(data, "json", protected)
    assert ("p-a", "name", 'JSON key $["Parisa Fictional"]') in got
    assert ("p-a", "name_original", "JSON $.note") in got


def test_csv_cells_are_named_by_row_and_column(protected):
    data = "id,summary\nev-1,Witness W-01 spoke\nev-2,Nurse Zoleikha spoke\n".encode()
    assert leaks(data, "csv", protected) == {("p-a", "aliases[0]", "CSV row 3, column 'summary'")}


def test_a_text_in_many_places_is_named_once_with_the_count(protected):
    data = json.dumps({"a": ["Nurse Zoleikha", "x", "Nurse Zoleikha"], "b": {"c": "Nurse Zoleikha"}}).encode()
    assert leaks(data, "json", protected) == {("p-a", "aliases[0]", "JSON $.a[0] (and 2 more places)")}
    data = "id,summary\nev-1,Nurse Zoleikha\nev-2,Nurse Zoleikha\n".encode()
    assert leaks(data, "csv", protected) == {("p-a", "aliases[0]", "CSV row 2, column 'summary' (and 1 more place)")}


def test_office_document_with_name_split_across_runs(protected):
    xml = ('<?xml version="1.0"?><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Pari</w:t></w:r>'
           '<w:r><w:t xml:space="preserve">sa Fictional was there</w:t></w:r></w:p></w:body></w:document>')
    data = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": xml,
                      "word/media/image1.png": b"\x89PNG\r\n\x1a\n\x00\x00"})
    got = leaks(data, "zip", protected)
    assert ("p-a", "name", "member word/document.xml › HTML text near line 1") in got


# ---------------------------------------------------------------------------------------------- PDF
def _pdf(body: str, title: str = "Brief", keywords: str = "", attachment: str | None = None) -> bytes:
    html = (f"<html><head><title>{title}</title><meta name=keywords content='{keywords}'>"
            f"<style>body{{font-family:'DejaVu Sans'}}</style></head><body>{body}</body></html>")
    atts = [weasyprint.Attachment(string=attachment, name="analysis.json", base_url=".")] if attachment else []
    return weasyprint.HTML(string=html, base_url=".").write_pdf(attachments=atts)


def test_pdf_page_text_including_persian(protected):
    data = _pdf("<p>A clean first page.</p><p style='break-before:page'>Then Parisa Fictional.</p>"
                "<p dir=rtl lang=fa>شاهد پريسا ساخت\u200cگي گفت</p>")
    got = leaks(data, "pdf", protected)
    assert ("p-a", "name", "page 2 text") in got
    assert ("p-a", "name_original", "page 2 text") in got
    assert not any(where.startswith("page 1") for _, _, where in got)


def test_pdf_metadata_outline_link_and_attachment(protected):
    data = _pdf("<h1 style='bookmark-label: \"Nurse Zoleikha\"'>Facts</h1>"
                "<p><a href='https://example.org/people/parisa-fictional'>a link</a></p>",
                title="About Parisa Fictional", keywords="+98 912 000 1111",
                attachment=json.dumps({"evidence": [{"title": "Testimony of the night nurse in Rasht"}]}))
    got = leaks(data, "pdf", protected)
    assert ("p-a", "name", "metadata /Title") in got
    assert ("p-a", "sensitive.phone", "metadata /Keywords") in got
    assert ("p-a", "aliases[0]", "outline") in got
    assert ("p-a", "name", "page 1 annotation") in got
    assert ("ev-c", "title", "attachment analysis.json › JSON $.evidence[0].title") in got
    assert audit_bytes(_pdf("<h1>Facts</h1><p>Witness W-01.</p>", attachment="{}"), "pdf", protected) == []


def _annotated(entries: dict) -> bytes:
    """A blank one-page PDF with one text annotation holding ``entries`` (key -> a PDF object, or text)."""
    g = pypdf.generic
    annotation = {"/Type": g.NameObject("/Annot"), "/Subtype": g.NameObject("/Text"),
                  "/Rect": g.ArrayObject([g.FloatObject(v) for v in (72, 72, 90, 90)]),
                  **{k: v if isinstance(v, g.PdfObject) else g.TextStringObject(v) for k, v in entries.items()}}
    w = pypdf.PdfWriter()
    w.add_blank_page(612, 792)
    w.add_annotation(0, g.DictionaryObject({g.NameObject(k): v for k, v in annotation.items()}))
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_pdf_name_split_between_an_annotations_author_and_its_contents(protected):
    """A reader's annotation popup shows the author (/T) above the note (/Contents): a name whose first word is
    the author and the rest the note is read as one, though a key stands between them in the file."""
    data = _annotated({"/T": "Parisa", "/Contents": "Fictional"})
    assert ("p-a", "name", "page 1 annotation") in leaks(data, "pdf", protected)


@pytest.mark.parametrize("entries", [
    {"/Contents": "Parisa Fictional"},  # the note a reader shows
    {"/Parisa Fictional": "x"},  # a key no reader shows, which a search of the file finds
    {"/Parisa": "Fictional"},  # half the name a key, half its value
], ids=["contents", "key", "key-and-value"])
def test_a_name_anywhere_in_an_annotation_is_reported_once_as_the_pages_annotation(protected, entries):
    """An annotation's strings and names, its keys included, are read as the page's annotation: the report
    points there once (not to the PDF object that holds it, nor to a place without a name)."""
    assert leaks(_annotated(entries), "pdf", protected) == {("p-a", "name", "page 1 annotation")}


def test_a_name_in_a_pdf_string_of_utf8_bytes_is_read_as_utf8():
    """Some producers write UTF-8 into PDF strings (not PDFDocEncoding, no UTF-16 mark): pypdf keeps such a
    string as bytes, and its own reading of them tries UTF-16 first, which turns these into other letters.
    The audit reads them as UTF-8, and finds the Persian name (words joined by no-break spaces)."""
    from casebuilder.protect import Protected

    name = "\u0645\u062d\u0645\u062f \u0631\u0636\u0627\u06cc\u06cc"  # Mohammad Rezaei, in Persian
    raw = f"Seen by {name}".replace(" ", "\u00a0").encode("utf-8")
    data = _annotated({"/Contents": pypdf.generic.ByteStringObject(raw)})
    assert str(pypdf.generic.ByteStringObject(raw)) != raw.decode("utf-8")  # what pypdf would read
    assert [(lk.field, lk.where) for lk in audit_bytes(data, "pdf", [Protected("p-m", "name_original", name)])] == [
        ("name_original", "page 1 annotation")]


def test_pdf_name_split_across_pages_is_found_by_the_fallback(protected):
    data = _pdf("<p style='margin-top:250mm'>Text ending with Parisa</p><p style='break-before:page'>Fictional again</p>")
    got = leaks(data, "pdf", protected)
    assert ("p-a", "name", "document text (all pages)") in got


@pytest.mark.parametrize("anchor, field", [("پریسا-ساختگی", "name_original"), ("parisa-fictional-é", "name")])
def test_a_name_in_a_heading_anchor_is_found_in_the_object_stream_that_holds_it(protected, anchor, field):
    """A heading's id becomes a named destination, written as a UTF-16 string inside a compressed object
    stream: nothing on the page and nothing in the stream's raw bytes shows it, only the objects the stream
    holds, which the audit reads one by one."""
    data = _pdf(f"<h2 id='{anchor}'>Facts</h2><p>Witness W-01.</p>")
    assert {(pid, f) for pid, f, where in leaks(data, "pdf", protected) if where.startswith("PDF object ")} == {
        ("p-a", field)}


def test_a_name_the_metadata_shows_is_reported_there_and_not_again_as_the_object_that_holds_it(protected):
    """The last-resort reading of every object is searched only for what the readings of the document did
    not find: the title is reported as the metadata, not also as the PDF object that holds it."""
    assert leaks(_pdf("<p>Witness W-01.</p>", title="About Parisa Fictional"), "pdf", protected) == {
        ("p-a", "name", "metadata /Title")}


def test_an_attachment_larger_than_pypdfs_default_bound_is_read(protected, monkeypatch):
    """pypdf stops inflating a stream at 75 MB; the bound grows with the file, so a large case's
    analysis.json is audited, while a stream inflating far beyond its file is still refused."""
    from casebuilder.audit import pdf as auditpdf

    filler = "".join(f"row {k}, no name here; " for k in range(4000))
    data = _pdf("<p>Witness W-01.</p>", attachment=json.dumps({"rows": filler, "evidence": "Parisa Fictional"}))
    assert auditpdf.stream_limit(len(data)) >= 75_000_000
    monkeypatch.setattr(auditpdf, "STREAM_MIN", 1000)  # as if the attachment were larger than pypdf's bound
    assert {lk.person_id for lk in audit_bytes(data, "pdf", protected)} == {"p-a"}  # 200 x the file: read
    monkeypatch.setattr(auditpdf, "STREAM_RATIO", 1)  # a stream inflating past its own file: a bomb
    with pytest.raises(AuditError, match="not a readable PDF"):
        audit_bytes(data, "pdf", protected)


def test_an_encrypted_pdf_cannot_pass(protected):
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(_pdf("<p>x</p>"))))
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(AuditError, match=r"^the PDF is encrypted; export it without a password to audit it$"):
        audit_bytes(buf.getvalue(), "pdf", protected)


def test_garbage_is_not_a_clean_pdf(protected):
    with pytest.raises(AuditError, match=r"^not a readable PDF \("):
        audit_bytes(b"%PDF-1.7 not really", "pdf", protected)


PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def test_pages_of_images_without_text_are_reported_as_not_audited(protected):
    notes: list[str] = []
    data = _pdf(f"<img src='{PIXEL}' style='width:50mm'><p style='break-before:page'>Text.</p>"
                "<div style='break-before:page;width:10mm;height:10mm;background:black'></div>")
    assert audit_bytes(data, "pdf", protected, notes) == []
    assert notes == ["page 1 shows images but no text (a scan?) and could not be audited"]


def _pixel(writer: pypdf.PdfWriter):
    """A reference to a one-pixel grey image XObject added to ``writer``."""
    from pypdf.generic import DecodedStreamObject, NameObject, NumberObject

    image = DecodedStreamObject()
    image.set_data(b"\x80")
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(1), NameObject("/Height"): NumberObject(1),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8)})
    return writer._add_object(image)


def _page_drawing_a_form(own_resources: bool) -> bytes:
    """A page whose only drawing is a form XObject that paints an image: with the image in the form's own
    resources, or (as older producers write) in the page's, which the form then uses."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(300, 300)
    image_ref = _pixel(writer)
    form = DecodedStreamObject()
    form.set_data(b"q 100 0 0 100 0 0 cm /Im1 Do Q")
    form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject([NumberObject(v) for v in (0, 0, 100, 100)])})
    xobjects = DictionaryObject({NameObject("/Fm1"): writer._add_object(form)})
    if own_resources:
        form[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): image_ref})})
    else:
        xobjects[NameObject("/Im1")] = image_ref
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
    content = DecodedStreamObject()
    content.set_data(b"q 1 0 0 1 50 50 cm /Fm1 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize("own_resources", [True, False], ids=["form-resources", "page-resources"])
def test_an_image_drawn_inside_a_form_is_an_image_page_not_audited(protected, own_resources):
    """A scanned page placed as a form XObject (as imposition and PDF-merging tools do): the page shows an image
    and no text, so it is reported as not audited, as when it draws the image itself."""
    notes: list[str] = []
    assert audit_bytes(_page_drawing_a_form(own_resources), "pdf", protected, notes) == []
    assert notes == ["page 1 shows images but no text (a scan?) and could not be audited"]


def test_an_image_page_the_fast_reader_leaves_to_pypdf_is_reported_as_not_audited(protected):
    """A scanned page that selects a font without a Unicode map (an empty text layer) is read by pypdf, not by
    the fast reader; pypdf finds no text there either, so the page is reported as not audited."""
    from pypdf.generic import DictionaryObject, NameObject

    from .test_pdftext import _hand_made

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(_hand_made(
        b"q 100 0 0 100 0 0 cm /Im1 Do Q BT /F1 12 Tf ET", False))))
    writer.pages[0]["/Resources"][NameObject("/XObject")] = DictionaryObject({NameObject("/Im1"): _pixel(writer)})
    buf = io.BytesIO()
    writer.write(buf)
    notes: list[str] = []
    assert audit_bytes(buf.getvalue(), "pdf", protected, notes) == []
    assert notes == ["page 1 shows images but no text (a scan?) and could not be audited"]
