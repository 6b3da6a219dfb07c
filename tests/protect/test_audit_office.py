"""Word and OpenDocument files as a reader meets them (audit/office.py): every part that holds text,
paragraph by paragraph with its label, runs joined, tabs, breaks and spaces as the reader sees them, a
note read on its own, document properties; and the whole text once, for a name split across paragraphs."""
from __future__ import annotations

import pytest

from casebuilder.audit import AuditError
from casebuilder.audit.office import extract_office

from .casefiles import zip_bytes

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
T = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str) -> str:
    return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"


def segments(data: bytes, kind: str) -> dict[str, list[tuple[str, str]]]:
    ex = extract_office(data, kind)
    return {tier: [(str(w), t) for w, t in getattr(ex, tier)] for tier in ("primary", "fallback", "joined")}


def test_every_part_of_a_word_document():
    body = (f"<w:document {W}><w:body>{_p(_r('One'))}{_p(_r('Pari'), '<w:r><w:tab/></w:r>', _r('sa'))}"
            f"{_p(_r('a'), '<w:r><w:br/></w:r>', _r('b'), '<w:r><w:cr/></w:r>', _r('c'))}</w:body></w:document>")
    docx = zip_bytes({"word/document.xml": body, "word/footnotes.xml": f"<w:footnotes {W}>{_p(_r('Foot note'))}</w:footnotes>",
                 "word/header1.xml": f"<w:hdr {W}>{_p(_r('Head'))}</w:hdr>",
                 "word/footer2.xml": f"<w:ftr {W}>{_p(_r('Foot'))}</w:ftr>",
                 "word/comments.xml": f"<w:comments {W}>{_p(_r('Comment'))}</w:comments>",
                 "word/endnotes.xml": f"<w:endnotes {W}>{_p(_r('End'))}</w:endnotes>",
                 "docProps/core.xml": "<cp:coreProperties xmlns:cp='c' xmlns:dc='d'><dc:title>The title</dc:title>"
                                      "<dc:creator></dc:creator></cp:coreProperties>"})
    assert segments(docx, "docx") == {
        "primary": [("DOCX body paragraph 1", "One"), ("DOCX body paragraph 2", "Pari\tsa"),
                    ("DOCX body paragraph 3", "a\nb\nc"), ("DOCX footnotes paragraph 1", "Foot note"),
                    ("DOCX endnotes paragraph 1", "End"), ("DOCX comments paragraph 1", "Comment"),
                    ("DOCX footer paragraph 1", "Foot"), ("DOCX header paragraph 1", "Head"),
                    ("DOCX document property title", "The title")],
        "fallback": [],
        "joined": [("DOCX document", "One\nPari\tsa\na\nb\nc\nFoot note\nEnd\nComment\nFoot\nHead")]}


def test_every_part_of_an_opendocument_text():
    content = (f"<office:document-content xmlns:office='o' {T}><office:body><text:p>A<text:s text:c='3'/>B<text:s/>C"
               "<text:tab/>D<text:line-break/>E<text:span>F</text:span>G<text:note><text:note-body><text:p>Note</text:p>"
               "</text:note-body></text:note>H</text:p><text:h>Heading</text:h><text:p>x<text:s text:c=''/>y</text:p>"
               "</office:body></office:document-content>")
    odt = zip_bytes({"content.xml": content, "styles.xml": f"<s {T}><text:p>Styled</text:p></s>",
                "meta.xml": "<m><k>Keyword</k></m>"})
    assert segments(odt, "odt") == {
        "primary": [("ODT content paragraph 1", "A   B C\tD\nEFGH"), ("ODT content paragraph 2", "Note"),
                    ("ODT content paragraph 3", "Heading"), ("ODT content paragraph 4", "x y"),
                    ("ODT styles paragraph 1", "Styled"), ("ODT document property k", "Keyword")],
        "fallback": [],
        "joined": [("ODT document", "A   B C\tD\nEFGH\nNote\nHeading\nx y\nStyled")]}


@pytest.mark.parametrize("data,message", [
    (b"nonsense", "not a readable DOCX file"),
    (zip_bytes({"word/document.xml": "<w:document"}), "word/document.xml is not well-formed XML"),
    (zip_bytes({"docProps/app.xml": "<a>"}), "docProps/app.xml is not well-formed XML"),
])
def test_a_document_that_cannot_be_read_cannot_pass(data, message):
    with pytest.raises(AuditError, match=message):
        extract_office(data, "docx")


def test_a_document_that_unpacks_too_large_cannot_pass(monkeypatch):
    from casebuilder.audit import office

    monkeypatch.setattr(office, "MAX_UNZIPPED", 10)
    with pytest.raises(AuditError, match="unpacks to more than 512 MB"):
        extract_office(zip_bytes({"content.xml": "<a>twelve chars</a>"}), "odt")
    assert extract_office(zip_bytes({"content.xml": "<a>012</a>"}), "odt").primary == []  # 10 bytes: the limit itself


def test_the_audit_of_a_word_file_names_the_member_as_xml_and_the_paragraph_as_read():
    """The audit reads a Word file twice: each member as XML, and the document as a reader reads it; a name
    in a paragraph is reported in both, the second naming the paragraph."""
    from casebuilder.audit import audit_bytes
    from casebuilder.protect import Protected

    docx = zip_bytes({"word/document.xml": f"<w:document {W}><w:body>{_p(_r('Seen by Parisa Fictional.'))}</w:body>"
                                          "</w:document>"})
    assert [lk.where for lk in audit_bytes(docx, "docx", [Protected("p-a", "name", "Parisa Fictional")])] == [
        "member word/document.xml › HTML text near line 1", "document › DOCX body paragraph 1"]
