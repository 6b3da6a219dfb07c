"""Annex registers: printed up to --register-limit rows, summarised above it, and always attached to
the PDF in full as CSV (as the audience may see them, and audited with the rest)."""
from __future__ import annotations

import csv
import io
import re

import pytest

from casebuilder.cli import main

from .conftest import make_case, outline_titles, page_texts, pdf_reader, run_build

EXTRA = 8  # evidence items added to the small case, which has two of its own
FORMULA = "=HYPERLINK(\"http://127.0.0.1:9/x\",\"click\")"


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    case = make_case(tmp_path_factory.mktemp("registers"))
    sources = case / "actors-and-sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("actors:\n", f"""\
  - id: src-formula
    name: '{FORMULA}'
    kind: media
    reliability: C
    reliability_reason: A source whose name is hostile to spreadsheets.
actors:
""", 1), encoding="utf-8")
    ev = case / "evidence.yaml"
    items = "".join(f"""\
  - id: ev-bulk-{k:02d}
    kind: {"video" if k % 2 else "photo"}
    title: Bulk item {k}
    source: {"src-formula" if k == 0 else "src-ngo"}
    date: "2026-01-{10 + k:02d}"
""" for k in range(EXTRA))
    ev.write_text(ev.read_text(encoding="utf-8").replace("figures:\n", items + "figures:\n", 1), encoding="utf-8")
    return case


def _csv(pdf: bytes, name: str) -> list[dict]:
    body = pdf_reader(pdf).attachments[name][0].decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def _annex(pdf: bytes, start: str, end: str | None = None) -> str:
    text = "\n".join(page_texts(pdf))
    text = text[text.rindex(start):]
    return text[:text.index(end)] if end else text


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def legal(case, tmp_path_factory):
    out = tmp_path_factory.mktemp("legal") / "legal.pdf"
    assert run_build(case, out) == 0
    return out.read_bytes()


@pytest.fixture(scope="module")
def legal_limited(case, tmp_path_factory):
    out = tmp_path_factory.mktemp("limited") / "legal.pdf"
    assert run_build(case, out, "--register-limit", "3") == 0
    return out.read_bytes()


def test_every_pdf_brief_attaches_its_registers(legal, case, tmp_path):
    assert sorted(pdf_reader(legal).attachments) == ["analysis.json", "evidence-register.csv", "persons-register.csv"]
    rows = _csv(legal, "evidence-register.csv")
    assert len(rows) == 2 + EXTRA
    assert list(rows[0]) == ["no", "id", "kind", "source", "reliability", "credibility", "date", "title", "sha256",
                             "withheld"]
    annex = _flat(_annex(legal, "Annex A: Evidence register", "Annex B: Sources"))
    for r in rows:  # under the limit the printed register and the attachment list the same items, by number
        assert re.search(rf"(^|\s){r['no']}\s", annex)
        assert (r["title"] if r["withheld"] != "yes" else r["title"].split(" of the case")[0]) in annex
    review = tmp_path / "review.pdf"
    assert run_build(case, review, "--brief", "review") == 0
    assert list(pdf_reader(review.read_bytes()).attachments) == ["analysis.json"]  # the review has no register


def test_the_attachment_shows_what_the_audience_may_see(legal):
    persons = {r["person"]: r for r in _csv(legal, "persons-register.csv")}
    assert "Witness A" in persons and persons["Witness A"]["shown_as"] == "pseudonym"
    assert persons["Mahsa Example"]["name_original"] == "مهسا نمونه"
    for name in pdf_reader(legal).attachments:
        assert "Fictional Witness Name" not in pdf_reader(legal).attachments[name][0].decode("utf-8")
    evidence = {r["id"]: r for r in _csv(legal, "evidence-register.csv")}
    withheld = [r for r in evidence.values() if r["withheld"] == "yes"]
    assert len(withheld) == 1 and "ev-testimony" not in evidence  # the confidential item: an opaque reference
    assert withheld[0]["kind"] == "withheld" and "Statement of Witness A" not in withheld[0]["title"]
    assert withheld[0]["title"].startswith("Item E-")  # what the brief says of it
    assert not withheld[0]["sha256"]  # no exhibit hash: it could identify the document
    assert evidence["ev-bulk-03"]["kind"] == "video" and evidence["ev-bulk-03"]["source"] == "Example Human Rights NGO"


def test_a_cell_a_spreadsheet_would_run_is_neutralised(legal):
    row = next(r for r in _csv(legal, "evidence-register.csv") if r["id"] == "ev-bulk-00")
    assert row["source"] == "'" + FORMULA  # read back as text, never as a formula
    assert row["title"] == "Bulk item 0"


def test_above_the_limit_the_annex_counts_and_names_the_attachment(legal_limited, legal):
    annex = _flat(_annex(legal_limited, "Annex A: Evidence register", "Annex B: Sources"))
    assert f"The register holds {2 + EXTRA} evidence items, more than the 3 rows printed here" in annex
    assert "evidence-register.csv" in annex
    assert "ev-bulk-05" not in annex.replace(" ", "")  # no row is printed
    # counted by kind: 4 photos and 4 videos, none with an exhibit hash
    assert re.search(r"photo 4 0", annex) and re.search(r"video 4 0", annex)
    assert len(_csv(legal_limited, "evidence-register.csv")) == 2 + EXTRA  # the attachment still has every row
    assert _csv(legal_limited, "evidence-register.csv") == _csv(legal, "evidence-register.csv")
    persons = _flat(_annex(legal_limited, "Annex C: Persons"))
    assert "The register holds 3 persons" not in persons  # exactly at the limit: printed in full
    assert "Witness A" in persons and "Mahsa Example" in persons
    assert "Annex A: Evidence register" in outline_titles(legal_limited)


def test_the_limit_is_inclusive_and_zero_summarises_everything(case, tmp_path):
    at = tmp_path / "at.pdf"
    assert run_build(case, at, "--register-limit", str(2 + EXTRA)) == 0
    assert "Bulk item 7" in _flat(_annex(at.read_bytes(), "Annex A: Evidence register", "Annex B: Sources"))
    zero = tmp_path / "zero.pdf"
    assert run_build(case, zero, "--register-limit", "0") == 0
    persons = _flat(_annex(zero.read_bytes(), "Annex C: Persons"))
    assert "The register holds 3 persons, more than the 0 rows printed here" in persons
    assert "persons-register.csv" in persons
    assert re.search(r"witness 1 0 1", persons)  # role, persons, named, under a pseudonym
    assert "Fictional Witness Name" not in persons


def test_the_un_brief_summarises_its_victims_above_the_limit(case, tmp_path):
    out = tmp_path / "un.pdf"
    assert run_build(case, out, "--brief", "un", "--register-limit", "1") == 0
    data = out.read_bytes()
    assert sorted(pdf_reader(data).attachments) == ["analysis.json", "evidence-register.csv", "victims-register.csv"]
    victims = _csv(data, "victims-register.csv")
    assert {r["victim"] for r in victims} == {"Example Victim", "Mahsa Example"}
    text = _flat("\n".join(page_texts(data)))
    assert "The register holds 2 alleged victims, more than the 1 rows printed here" in text
    assert "victims-register.csv" in text


def test_the_json_view_says_what_each_annex_prints(case, tmp_path):
    import json

    out = tmp_path / "view.json"
    assert run_build(case, out, "--format", "json", "--register-limit", "3") == 0
    regs = json.loads(out.read_text(encoding="utf-8"))["registers"]
    assert regs["evidence"] == {"total": 2 + EXTRA, "limit": 3, "printed": False, "attachment": "evidence-register.csv",
                                "summary": [{"key": "photo", "count": 4, "hashed": 0},
                                            {"key": "report", "count": 1, "hashed": 0},
                                            {"key": "video", "count": 4, "hashed": 0},
                                            {"key": "withheld", "count": 1, "hashed": 0}]}
    assert regs["persons"]["printed"] is True and "incidents" not in regs  # no summarised chronology here


def test_a_negative_register_limit_is_a_usage_error(case, tmp_path, capsys):
    assert main(["build", str(case), "-o", str(tmp_path / "x.pdf"), "--register-limit", "-1"]) == 2
    assert "--register-limit" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
