"""How the audit reads a file it is given: its kind by name, else by its first bytes; an archive's
members by their own kinds; images and fonts skipped, other binary content named as not audited."""
from __future__ import annotations

import pytest

from casebuilder.audit import KINDS, audit_bytes, kind_of
from casebuilder.protect import protected_strings

from .casefiles import load, person, write_case, zip_bytes

NAME = "Parisa Fictional"

SUFFIXES = {
    "pdf": [".pdf"], "html": [".html", ".htm", ".xhtml", ".xml", ".svg", ".rels"], "json": [".json"],
    "csv": [".csv", ".tsv"], "txt": [".txt", ".md"], "docx": [".docx"], "odt": [".odt"],
    "zip": [".xlsx", ".ods", ".pptx", ".odp", ".epub", ".zip"],
}


@pytest.fixture(scope="module")
def protected(tmp_path_factory):
    root = tmp_path_factory.mktemp("kinds")
    return protected_strings(load(write_case(root, [person("p-a", name=NAME, protection="pseudonym")])), "public")


@pytest.mark.parametrize("kind,suffix", [(k, s) for k, ss in SUFFIXES.items() for s in ss])
def test_the_kind_by_the_file_name_whatever_its_case(kind, suffix):
    assert kind in KINDS
    assert kind_of(f"brief{suffix}", b"{}") == kind
    assert kind_of(f"BRIEF{suffix.upper()}", b"%PDF-1.7") == kind


@pytest.mark.parametrize("head,kind", [
    (b"%PDF-1.7\n", "pdf"), (b"\xef\xbb\xbf \r\n\t%PDF-1.4", "pdf"),  # after a BOM and white space
    (b"PK\x03\x04rest", "zip"), (b"<!doctype html>", "html"), (b"  <svg/>", "html"),
    (b'{"a": 1}', "json"), (b"[1, 2]", "json"), (b"\n[]", "json"),
    (b"plain words", "txt"), (b"", "txt"), (b"x%PDF", "txt"), (b"PK\x03", "txt"),
])
def test_without_a_known_name_the_first_bytes_decide(head, kind):
    assert kind_of("exported", head) == kind
    assert kind_of("exported.dat", head) == kind


def test_a_mark_after_the_first_kilobyte_is_not_a_head():
    assert kind_of("x", b" " * 1020 + b"%PDF") == "pdf"  # the mark ends at byte 1024
    assert kind_of("x", b" " * 1021 + b"%PDF") == "txt"


def test_archive_members_are_read_by_their_own_kind(protected):
    data = zip_bytes({"notes.md": f"A line.\n\n{NAME} was there.\n".encode(),
                 "data/cells.tsv": f"id,who\n1,{NAME}\n".encode(),
                 "meta.json": f'{{"who": "{NAME}"}}'.encode(),
                 "page.xhtml": f"<p>{NAME}</p>".encode(),
                 "noext": f'["{NAME}"]'.encode()})
    notes: list[str] = []
    got = {lk.where for lk in audit_bytes(data, "zip", protected, notes)}
    assert got == {"member notes.md › line 3", "member data/cells.tsv › CSV row 2, column 'who'",
                   "member meta.json › JSON $.who", "member page.xhtml › HTML text near line 1",
                   "member noext › JSON $[0]"}
    assert notes == []


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".jpeg", ".gif", ".webp", ".tif", ".tiff", ".bmp", ".emf",
                                    ".wmf", ".ttf", ".otf", ".woff", ".woff2", ".bin", ".jfif", ".PNG"])
def test_images_and_fonts_are_skipped_without_a_note(protected, suffix):
    body = b"\x00\x01binary " + NAME.encode()  # a font's name table could hold any text: not read
    notes: list[str] = []
    assert audit_bytes(zip_bytes({f"media/file{suffix}": body}), "zip", protected, notes) == []
    assert notes == []


def test_other_binary_content_is_named_as_not_audited(protected):
    notes: list[str] = []
    data = zip_bytes({"blob.dat": b"\x00" * 10 + NAME.encode(), "late.dat": b"a" * 4096 + b"\x00 " + NAME.encode()})
    leaks = audit_bytes(data, "zip", protected, notes)
    assert notes == ["member blob.dat: binary content of 'blob.dat' was not audited"]
    assert [lk.where for lk in leaks] == ["member late.dat › line 1"]  # NUL only after 4 KB: read as text


def test_an_unknown_kind_is_refused(protected):
    with pytest.raises(ValueError, match="unknown output kind 'rtf'"):
        audit_bytes(b"{\\rtf1}", "rtf", protected)


@pytest.mark.parametrize("bom, enc", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le")])
def test_a_text_file_with_a_byte_order_mark_and_a_broken_byte_is_still_read(bom, enc):
    """A text export whose byte order mark says UTF-8 or UTF-16 but with a byte that is not (a damaged or
    mixed file): what can be decoded is scanned, never a file skipped or a traceback."""
    from casebuilder.protect import Protected

    data = bom + "Seen: Parisa Fictional.".encode(enc) + b"\xff\xd8"
    assert [lk.field for lk in audit_bytes(data, "txt", [Protected("p-a", "name", "Parisa Fictional")])] == ["name"]
