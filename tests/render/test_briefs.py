"""Build briefs the way users do and read them back as a reader would see them."""
from __future__ import annotations

import json
import os
import re

import pytest

from casebuilder.cli import main

from .conftest import HOSTILE, attachment_json, make_case, outline_titles, page_texts, pdf_reader, run_build

LEGAL_SECTIONS = ["Contents", "Executive summary", "Introduction and method", "Jurisdiction and applicable law", "Facts",
                  "Legal characterisation", "Evidentiary gaps", "Annex A: Evidence register", "Annex B: Sources",
                  "Annex C: Persons"]


def test_legal_brief_sections_in_order(built):
    text = "\n".join(page_texts(built["legal"]))
    positions = []
    for title in LEGAL_SECTIONS:
        # the section heading itself: after the table of contents
        idx = [m.start() for m in re.finditer(re.escape(title), text)]
        assert idx, f"section {title!r} missing"
        positions.append(idx[-1])
    assert positions == sorted(positions)


def test_every_page_is_marked_and_numbered(built):
    for brief in ("legal", "un", "review"):
        pages = page_texts(built[brief])
        assert len(pages) > 3
        for i, text in enumerate(pages, start=1):
            assert "PUBLIC" in text, f"{brief} page {i} lacks the marking"
            if i > 1:
                assert f"Page {i} of {len(pages)}" in text


def test_allegations_and_elements_are_all_present(built):
    text = "\n".join(page_texts(built["legal"]))
    data = attachment_json(built["legal"])
    assert data["allegations"]
    # a citation may run across a page break: read the pages in their visual order, without the running head
    laid_out = "\n".join(p.extract_text(extraction_mode="layout") for p in pdf_reader(built["legal"]).pages)
    flat = re.sub(r" ?Page \d+ of \d+ Example case PUBLIC", "", re.sub(r"\s+", " ", laid_out))
    for al in data["allegations"] + data["contexts"]:
        for el in al["elements"]:
            assert el["id"] not in text  # words, not ids: the element is named by its text and citation
            assert re.sub(r"\s+", " ", el["citation"]) in flat
    assert "The perpetrator killed one or more persons." in text
    assert "Crime against humanity of murder" in text


def test_outline_and_metadata(built):
    titles = outline_titles(built["legal"])
    for title in LEGAL_SECTIONS[1:]:  # the table of contents does not bookmark itself
        assert title in titles
    assert any("murder" in t.lower() for t in titles)
    reader = pdf_reader(built["legal"])
    meta = reader.metadata
    assert meta.title == "Legal brief: Example case"
    assert "Example case" in meta.subject
    assert "rome-statute/article-7" in meta["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_pdfa3b_with_analysis_attachment(built):
    reader = pdf_reader(built["legal"])
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfaid:part(="|>)3', xmp) and re.search(r'pdfaid:conformance(="|>)B', xmp)
    data = attachment_json(built["legal"])
    assert data["standard"] == "reasonable-basis"
    assert {a["id"] for a in data["allegations"]} == {"al-murder"}
    assert {a["id"] for a in data["contexts"]} == {"al-context"}
    assert data["exhibits"] == [] or all("sha256" in x for x in data["exhibits"])


def test_a_withheld_item_has_one_name_in_the_brief_its_attachment_and_gaps(built, small_case, capsys):
    text = re.sub(r"\s+", " ", "\n".join(page_texts(built["legal"])))
    cited = set(re.findall(r"Item (E-\d+) of the case, withheld from this edition", text))
    assert len(cited) == 1
    ref = cited.pop()
    attached = json.dumps(attachment_json(built["legal"]))
    assert ref in attached and "withheld item" not in attached and "ev-testimony" not in attached
    assert main(["gaps", str(small_case), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert f'"evidence": "{ref}"' in out and "ev-testimony" not in out


def test_footnotes_attribute_evidence(built):
    text = "\n".join(page_texts(built["legal"]))
    # the public report is quoted with its source; the confidential testimony only by opaque reference
    assert "Example Human Rights NGO" in text
    assert "withheld from this edition" in text
    assert "on file with the submitting organisation" not in text  # not known to be true of every item
    assert "Statement of Witness A" not in text


def test_persian_name_intact_and_solar_hijri_beside_gregorian(built):
    text = "\n".join(page_texts(built["legal"]))
    assert "مهسا نمونه" in text
    assert "3 January 2026 (1404-10-13 SH)" in text  # Gregorian first, the original beside it


def test_protected_witness_is_pseudonymised(built):
    for key in ("legal", "un", "review", "html", "json"):
        assert b"Fictional Witness Name" not in built[key]
    assert "Witness A" in "\n".join(page_texts(built["legal"]))


def test_builds_are_byte_identical(small_case, built, tmp_path):
    out = tmp_path / "again.pdf"
    assert run_build(small_case, out) == 0
    assert out.read_bytes() == built["legal"]


def test_un_and_review_briefs_have_their_structure(built):
    un = "\n".join(page_texts(built["un"]))
    for title in ("1. Addressees and type of communication", "2. Submitting organisation", "4. Alleged victims",
                  "6. Alleged perpetrators", "7. Human rights norms engaged", "8. Domestic remedies",
                  "10. Questions to the Government"):
        assert title in un
    review = "\n".join(page_texts(built["review"]))
    for title in ("Allegation × element matrix", "Readiness across standards of proof",
                  "Gaps, reasons and suggestions", "Evidence quality"):
        assert title in review
    assert "beyond reasonable doubt" in " ".join(review.lower().split())


def test_json_format_is_the_view_model(built):
    view = json.loads(built["json"])
    assert {"meta", "incidents", "allegations", "evidence", "persons", "figures"} <= set(view)
    assert view["meta"]["audience"] == "public"


def test_hostile_text_is_escaped_and_never_fetched(small_case, built, monkeypatch, tmp_path):
    from casebuilder.render import pdf as pdfmod

    fetched: list[str] = []
    original = pdfmod.SafeFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdfmod.SafeFetcher, "fetch", spy)
    out = tmp_path / "h.pdf"
    assert run_build(small_case, out) == 0
    assert fetched == []
    html = built["html"].decode("utf-8")
    assert "&lt;img src=" in html and "<img" not in html
    assert "<link" not in html.split("</head>")[1]
    assert "url(file:///etc/shadow)" not in re.sub(r"&[a-z]+;", "", html.split("<style>")[0])
    for raw in (built["legal"], built["html"]):
        assert b"root:x:0:0" not in raw
    text = "\n".join(page_texts(built["legal"]))
    assert "http://127.0.0.1:9/track" in text  # shown, not followed


def test_huge_values_do_not_break_the_build(tmp_path):
    case = make_case(tmp_path)
    ev = case / "evidence.yaml"
    big = "word " * 30000
    ev.write_text(ev.read_text(encoding="utf-8").replace(
        "summary: Reports repeated shootings of demonstrators across the territory.",
        f"summary: \"{big}\""), encoding="utf-8")
    out = tmp_path / "big.pdf"
    assert run_build(case, out, "--format", "html") == 0
    assert out.stat().st_size > 0


def test_failed_build_writes_nothing_and_keeps_the_old_output(tmp_path, capsys):
    case = make_case(tmp_path)
    out = tmp_path / "brief.html"
    assert run_build(case, out, "--format", "html") == 0
    good = out.read_bytes()
    (case / "broken.yaml").write_text("sources:\n  - id: x\n    nme: y\n", encoding="utf-8")
    assert run_build(case, out, "--format", "html") == 1
    assert out.read_bytes() == good
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".brief")]
    assert "error[unknown-key]" in capsys.readouterr().err


def test_template_error_names_template_and_line(small_case, tmp_path, capsys):
    from casebuilder.render.html import DEFAULT_TEMPLATES

    tpl = tmp_path / "tpl"
    tpl.mkdir()
    for f in DEFAULT_TEMPLATES.iterdir():
        if f.is_file():
            (tpl / f.name).write_bytes(f.read_bytes())
    src = (tpl / "legal.html.j2").read_text(encoding="utf-8").splitlines()
    at = src.index("{% block body %}") + 1
    src.insert(at, "{{ meta.no_such_field }}")
    (tpl / "legal.html.j2").write_text("\n".join(src), encoding="utf-8")
    out = tmp_path / "x.pdf"
    assert main(["build", str(small_case), "-o", str(out), "--templates", str(tpl)]) == 1
    err = capsys.readouterr().err
    assert f"legal.html.j2:{at + 1}:" in err and "error[template-error]" in err
    assert not out.exists()


def test_audiences_change_names_not_statuses(small_case, tmp_path):
    public = tmp_path / "p.pdf"
    conf = tmp_path / "c.pdf"
    assert run_build(small_case, public) == 0
    assert run_build(small_case, conf, "--audience", "confidential") == 0
    pa, ca = attachment_json(public.read_bytes()), attachment_json(conf.read_bytes())
    assert [(a["id"], a["status"]) for a in pa["allegations"]] == [(a["id"], a["status"]) for a in ca["allegations"]]
    assert "Fictional Witness Name" in "\n".join(page_texts(conf.read_bytes()))


@pytest.mark.skipif(os.environ.get("CASEBUILDER_SKIP_SLOW") == "1", reason="slow test disabled")
def test_default_output_goes_to_build_folder(small_case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(small_case), "--format", "html"]) == 0
    assert (tmp_path / "build" / "case-legal-public.html").is_file()
    assert HOSTILE[:4] not in (tmp_path / "build" / "case-legal-public.html").read_text(encoding="utf-8")
