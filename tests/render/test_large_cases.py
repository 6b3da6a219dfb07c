"""Briefs of cases with many incidents: a summarised chronology and an incident register annex."""
from __future__ import annotations

import json
import re

import pytest

from casebuilder.cli import main

from .conftest import make_case, outline_titles, page_texts, run_build

PROVINCES = ("Ilam", "Tehran", "Fars")
N = 45  # more than the timeline draws one bar each (40), fewer than the default detail limit (50)


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    case = make_case(tmp_path_factory.mktemp("many"))
    lines = []
    for k in range(N):
        ev = "\n    evidence: [ev-testimony]" if k % 7 == 0 else ""
        lines.append(f"""\
  - id: inc-bulk-{k:03d}
    title: Alleged arrest number {k} at a market
    date: "2026-01-{1 + k % 28:02d}"
    location: {{place: Market {k}, province: {PROVINCES[k % 3]}, country: XX}}
    description: Security forces allegedly arrested {k % 5 + 1} people.
    victims: {{arrested: {k % 5 + 1}}}{ev}
""")
    lines.append("""\
  - id: inc-secret-raid
    title: Alleged raid known to a confidential source
    date: "2026-01-09"
    location: {place: Hidden Street, province: Ilam, country: XX}
    description: A confidential account of a raid.
    confidentiality: confidential
""")
    inc = case / "incidents.yaml"
    inc.write_text(inc.read_text(encoding="utf-8") + "".join(lines), encoding="utf-8")
    return case


def _view(case, tmp_path, *extra):
    out = tmp_path / "view.json"
    assert run_build(case, out, "--format", "json", *extra) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_under_the_limit_every_incident_is_described_and_the_timeline_counts(many, tmp_path):
    v = _view(many, tmp_path)
    assert not v["chronology"]["compact"] and v["chronology"]["register"] == []
    assert len(v["incidents"]) == N + 1 and v["withheld_incidents"] == 1  # the confidential one
    assert 'class="chart histogram"' in v["charts"]["timeline"]  # 46 incidents: per day, not one bar each


def test_over_the_limit_the_legal_brief_summarises_and_registers_every_incident(many, tmp_path):
    out = tmp_path / "legal.pdf"
    assert run_build(many, out, "--detail-limit", "3") == 0
    data = out.read_bytes()
    titles = outline_titles(data)
    assert "Annex D: Incident register" in titles
    pages = page_texts(data)
    text = re.sub(r"\s+", " ", " ".join(pages))
    assert f"The case records {N + 1} alleged incidents visible at this audience level" in text
    assert "The 3 incidents with the most recorded evidence items are described below" in text
    # three described in full: the ones with evidence come first (the original shooting, bulk 0 and 7)
    described = [t for t in titles if re.match(r"\d+ \w+ 20\d\d", t) or ": Alleged" in t]
    assert len(described) == 3, described
    start = next(i for i, p in enumerate(pages) if "Annex D: Incident register" in p and "Every alleged incident" in p)
    register = re.sub(r"\s+", "", "".join(pages[start:]))
    for k in range(N):
        assert f"inc-bulk-{k:03d}" in register
    assert "inc-shooting" in register
    assert "secret" not in text and "Hidden Street" not in text  # above the audience: only counted
    assert "Province" in text and "Reported arrested" in text


def test_the_un_brief_has_the_incident_register_too(many, tmp_path):
    out = tmp_path / "un.pdf"
    assert run_build(many, out, "--brief", "un", "--detail-limit", "5") == 0
    data = out.read_bytes()
    assert "Annex: Incident register" in outline_titles(data)
    text = re.sub(r"\s+", "", " ".join(page_texts(data)))
    assert all(f"inc-bulk-{k:03d}" in text for k in range(N))


def test_a_negative_limit_is_a_usage_error(many, tmp_path, capsys):
    assert main(["build", str(many), "-o", str(tmp_path / "x.pdf"), "--detail-limit", "-1"]) == 2
    assert "--detail-limit" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_past_the_footnote_limit_citations_become_numbered_lists(many, tmp_path, monkeypatch):
    """Huge briefs cite evidence in lists under each element: footnotes slow WeasyPrint sevenfold."""
    from casebuilder.build import build
    from casebuilder.render import view

    out = tmp_path / "small.pdf"
    build(many, output=out)
    assert b"citations-footnotes" in build(many, fmt="html", output=tmp_path / "f.html").data
    monkeypatch.setattr(view, "FOOTNOTE_LIMIT", 0)
    assert b"citations-inline" in build(many, fmt="html", output=tmp_path / "i.html").data
    inline = tmp_path / "inline.pdf"
    build(many, output=inline)
    cite = "Example Human Rights NGO"
    pages = [re.sub(r"[ \t]+", " ", p) for p in page_texts(inline.read_bytes())]  # justified lines widen spaces
    assert any(cite in p for p in pages if "Supported by" in p)
    # the list follows the sentence
    assert re.search(r"Supported by [^\n]*\n(.*\n)?\d+\. Example Human Rights NGO", "\n".join(pages))
    assert len(pages) >= len(page_texts(out.read_bytes()))


def test_a_long_incident_register_is_counted_in_the_annex_and_attached_in_full(many, tmp_path):
    import csv
    import io

    from .conftest import pdf_reader

    out = tmp_path / "legal.pdf"
    assert run_build(many, out, "--detail-limit", "3", "--register-limit", "10") == 0
    data = out.read_bytes()
    atts = pdf_reader(data).attachments
    rows = list(csv.DictReader(io.StringIO(atts["incident-register.csv"][0].decode("utf-8"))))
    assert len(rows) == N + 1 and {f"inc-bulk-{k:03d}" for k in range(N)} <= {r["id"] for r in rows}
    assert all("secret" not in r["id"] and r["place"] != "Hidden Street" for r in rows)  # above the audience
    pages = page_texts(data)
    start = next(i for i, p in enumerate(pages) if "Annex D: Incident register" in p and "The register holds" in p)
    annex = re.sub(r"\s+", " ", " ".join(pages[start:]))
    assert f"The register holds {N + 1} alleged incidents, more than the 10 rows printed here" in annex
    assert "incident-register.csv" in annex and "inc-bulk-044" not in annex.replace(" ", "")
    assert "The chronology counts them by province and by month." in annex
