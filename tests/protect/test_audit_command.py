"""casebuilder audit FILE --case CASE --audience A: the check to run before filing anything."""
from __future__ import annotations

import weasyprint

from clirun import run

from .casefiles import case_info, evidence, person, write_case
from .test_audit_formats import PIXEL


def _case(tmp_path, audience="public"):
    return write_case(tmp_path, [
        person("p-a", name="Parisa Fictional", name_original="پریسا ساختگی", protection="pseudonym",
               pseudonym="Shirin"),
    ], [evidence("ev-c", title="Testimony of the night nurse in Rasht", confidentiality="confidential")],
        info=case_info(audience=audience))


def _pdf(path, body: str, title: str = "Brief"):
    html = f"<html><head><title>{title}</title></head><body style=\"font-family:'DejaVu Sans'\">{body}</body></html>"
    weasyprint.HTML(string=html, base_url=str(path.parent)).write_pdf(path)
    return path


def _audit(tmp_path, case, *args):
    return run("audit", *args, "--case", case, "--frameworks-dir", case.parent / "frameworks")


def test_a_hand_edited_pdf_with_a_leak_fails_and_says_where(tmp_path):
    case = _case(tmp_path)
    pdf = _pdf(tmp_path / "brief.pdf", "<p>Shirin said.</p><p style='break-before:page'>پريسا ساختگي</p>",
               title="Statement of Parisa Fictional")
    r = _audit(tmp_path, case, pdf, "--audience", "public")
    assert r.code == 1
    lines = r.err.splitlines()
    assert f"{pdf}: error[leak]: protected identity of person p-a (name) found in metadata /Title" in lines
    assert f"{pdf}: error[leak]: protected identity of person p-a (name_original) found in page 2 text" in lines
    assert "Parisa" not in r.err + r.out and "پریسا" not in r.err + r.out   # the value itself is never printed


def test_clean_file_passes_with_one_line(tmp_path):
    case = _case(tmp_path)
    pdf = _pdf(tmp_path / "brief.pdf", "<p>Shirin said. Confidential testimony E-01, on file.</p>")
    r = _audit(tmp_path, case, pdf, "--audience", "public")
    assert r.code == 0, r.err
    assert len(r.out.splitlines()) == 1 and r.out.startswith(f"{pdf}: OK")


def test_audience_at_clearance_may_see_the_name(tmp_path):
    case = _case(tmp_path)
    txt = tmp_path / "brief.txt"
    txt.write_text("Parisa Fictional gave the Testimony of the night nurse in Rasht.", encoding="utf-8")
    assert _audit(tmp_path, case, txt, "--audience", "restricted").code == 1
    assert _audit(tmp_path, case, txt, "--audience", "confidential").code == 0


def test_audience_defaults_to_the_case_audience(tmp_path):
    txt = tmp_path / "brief.txt"
    txt.write_text("Parisa Fictional", encoding="utf-8")
    public = _audit(tmp_path, _case(tmp_path / "a", "public"), txt)
    assert public.code == 1 and "error[leak]: protected identity of person p-a (name)" in public.err
    assert _audit(tmp_path, _case(tmp_path / "b", "confidential"), txt).code == 0


def test_every_file_is_audited(tmp_path):
    case = _case(tmp_path)
    clean, dirty = tmp_path / "clean.html", tmp_path / "dirty.json"
    clean.write_text("<p>Shirin</p>", encoding="utf-8")
    dirty.write_text('{"t": "Testimony of the night nurse in Rasht"}', encoding="utf-8")
    r = _audit(tmp_path, case, clean, dirty, "--audience", "public")
    assert r.code == 1
    assert f"{clean}: OK" in r.out
    assert f"{dirty}: error[leak]: withheld evidence ev-c (title) found in JSON $.t" in r.err


def test_unreadable_or_unauditable_files_fail(tmp_path):
    case = _case(tmp_path)
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.7 truncated")
    r = _audit(tmp_path, case, tmp_path / "missing.pdf", fake)
    assert r.code == 1
    assert f"{tmp_path / 'missing.pdf'}: error[leak]: cannot audit" in r.err
    assert f"{fake}: error[leak]: cannot audit: not a readable PDF" in r.err


def test_strict_fails_on_pages_that_cannot_be_read(tmp_path):
    case = _case(tmp_path)
    pdf = _pdf(tmp_path / "scan.pdf", f"<img src='{PIXEL}' style='width:50mm'>")
    r = _audit(tmp_path, case, pdf)
    assert r.code == 0 and "warning[leak]: not audited: page 1 shows images but no text" in r.err
    assert _audit(tmp_path, case, pdf, "--strict").code == 1


def test_a_case_with_errors_is_not_used(tmp_path):
    case = write_case(tmp_path, [person("p-a", name="X Y", protection="sometimes")])
    txt = tmp_path / "brief.txt"
    txt.write_text("nothing", encoding="utf-8")
    r = _audit(tmp_path, case, txt)
    assert r.code == 1 and "error[invalid-value]" in r.err


def test_reference_errors_elsewhere_in_the_case_do_not_block_the_audit(tmp_path):
    """Only what decides protection must load cleanly; a dangling reference does not change who is
    protected."""
    case = write_case(tmp_path, [person("p-a", name="Parisa Fictional", protection="pseudonym")],
                      [evidence("ev-1", source="src-missing", summary="[[p-nobody]] spoke")])
    txt = tmp_path / "brief.txt"
    txt.write_text("Parisa Fictional", encoding="utf-8")
    r = _audit(tmp_path, case, txt)
    assert r.code == 1 and "protected identity of person p-a (name)" in r.err
