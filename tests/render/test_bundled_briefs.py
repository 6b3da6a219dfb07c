"""The bundled case, built as a newcomer would build it, and read back."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from casebuilder.cli import main
from clirun import run

from .conftest import attachment_json, outline_titles, page_texts, pdf_reader

CASE = Path(__file__).resolve().parents[2] / "cases" / "iran-2026"


@pytest.fixture(scope="module")
def legal_pdf(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("iran") / "legal.pdf"
    assert main(["build", str(CASE), "-o", str(out)]) == 0
    return out.read_bytes()


@pytest.fixture(scope="module")
def views(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("iran-json")
    result = {}
    for brief in ("legal", "un", "review"):
        path = out / f"{brief}.json"
        assert main(["build", str(CASE), "--brief", brief, "--format", "json", "-o", str(path)]) == 0
        result[brief] = json.loads(path.read_text(encoding="utf-8"))
    return result


def test_legal_brief_of_the_bundled_case(legal_pdf):
    pages = page_texts(legal_pdf)
    assert all("PUBLIC" in p for p in pages)
    text = "\n".join(pages)
    data = attachment_json(legal_pdf)
    titles = outline_titles(legal_pdf)
    # the brief embeds the same analysis `gaps` prints: allegation by allegation, status by status
    gaps = json.loads(run("gaps", CASE, "--format", "json").out)
    assert {al["id"]: al["status"] for al in data["allegations"]} == {
        al["id"]: al["status"] for al in gaps["allegations"]}
    # every allegation has a bookmark and a heading; IHL is explained as not applicable
    assert len([t for t in titles if t]) > len(data["allegations"])
    assert "does not apply" in text
    # Persian names of publicly named victims survive shaping and extraction
    assert "رضا عظیم‌زاده" in text or "رضا عظیمزاده" in text.replace("\u200c", "")
    # protected witnesses only by pseudonym; withheld children not named
    assert "Shirin" in text
    assert "Placeholder Nurse-Name" not in text
    assert "Kourosh Nouri" not in text
    assert pdf_reader(legal_pdf).metadata.title.startswith("Legal brief: ")


def test_every_allegation_and_element_reaches_each_brief(views):
    legal = views["legal"]
    ids = {a["id"] for a in legal["allegations"]}
    assert len(ids) >= 10
    for brief in ("un", "review"):
        assert {a["id"] for a in views[brief]["allegations"]} == ids
    for a in legal["allegations"]:
        assert a["elements"], a["id"]
        for e in a["elements"]:
            assert e["text"] and e["citation"]
            if e["status"] != "met":
                assert e["reasons"], (a["id"], e["id"])


def test_estimates_and_chronology_are_attributed(views):
    v = views["legal"]
    assert len(v["figures"]) >= 8
    assert all(f["source"] and f["as_of"] for f in v["figures"])
    assert any(i["date_original"].endswith("SH") and "(" + i["date_original"] in i["date"] for i in v["incidents"])
    assert v["charts"]["timeline"].startswith("<svg") and v["charts"]["estimates"].startswith("<svg")


def test_public_views_hold_no_protected_name(views):
    raw = json.dumps(views, ensure_ascii=False)
    for name in ("Placeholder Nurse-Name", "Placeholder Medic-Name", "Kourosh Nouri", "کوروش نوری"):
        assert name not in raw
