"""The analyst's reasoning on a link (`note`: how the evidence bears on the element) is printed where
the element is analysed, in the legal and the review brief, under the audience rules (issue #26 item 1);
the review brief lists its open review notes in its contents, naming their targets in words (#21)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from casebuilder.cli import main

from .conftest import make_case, outline_titles, pdf_reader

NOTE = "Shootings recur across the territory, as [[p-witness]] also describes; compare ev-testimony and rs.7.1.a.1."
WITHHELD_NOTE = "The witness saw the victim fall."  # the bundled example's note on a confidential item


def _flat(data: bytes) -> str:
    laid_out = "\n".join(p.extract_text(extraction_mode="layout") for p in pdf_reader(data).pages)
    return re.sub(r" ?Page \d+ of \d+ Example case \w+", "", re.sub(r"\s+", " ", laid_out))


def _with_note(root: Path, note: str) -> Path:
    case = make_case(root)
    path = case / "allegations.yaml"
    text = path.read_text(encoding="utf-8")
    old = "      - {element: rs.7.ctx.attack, evidence: [ev-report], stance: supports}"
    assert old in text
    path.write_text(text.replace(old, old[:-1] + f", note: \"{note}\"}}"), encoding="utf-8")
    (case / "reviews").mkdir()
    (case / "reviews" / "a-reviewer.yaml").write_text("""\
reviews:
  - id: n-1
    on: element
    allegation: al-murder
    element: rs.7.1.a.1
    status: open
    author: A. Reviewer
    date: 2026-12-02T00:30:15Z
    text: Who took the statement? Ask for the original.
  - id: n-2
    on: item
    evidence: ev-report
    status: open
    author: A. Reviewer
    date: 2026-12-02T00:31:00Z
    text: Obtain the full report.
""", encoding="utf-8")
    return case


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("notes")
    case = _with_note(root, NOTE)
    out = {}
    for brief, audience in (("legal", "public"), ("review", "public"), ("legal", "confidential")):
        path = root / f"{brief}-{audience}.pdf"
        assert main(["build", str(case), "--brief", brief, "--audience", audience, "-o", str(path)]) == 0
        out[f"{brief}-{audience}"] = path.read_bytes()
    return out


@pytest.mark.parametrize("brief", ["legal-public", "review-public"])
def test_a_link_note_is_printed_with_its_element_in_words_and_under_a_pseudonym(briefs, brief):
    text = _flat(briefs[brief])
    assert "Shootings recur across the territory, as Witness A also describes" in text
    assert "Fictional Witness Name" not in text  # the protected name, above this audience
    assert "ev-testimony" not in text and "rs.7.1.a.1" not in text  # ids become words
    assert "compare item" in text and "(withheld)" in text
    # the note on the withheld item (confidential) could describe the document: not in this edition
    assert WITHHELD_NOTE not in text


def test_the_audience_that_may_see_the_item_sees_its_note_and_the_name(briefs):
    text = _flat(briefs["legal-confidential"])
    assert WITHHELD_NOTE in text
    assert "as Fictional Witness Name also describes" in text


def test_a_protected_name_typed_into_a_note_fails_the_build_and_writes_nothing(tmp_path, capsys):
    case = _with_note(tmp_path, "Fictional Witness Name saw the shootings.")
    out = tmp_path / "legal.pdf"
    assert main(["build", str(case), "-o", str(out)]) != 0
    assert not out.exists()
    assert "leak" in capsys.readouterr().err.lower()


def test_the_review_contents_list_the_open_notes_and_name_their_targets_in_words(briefs):
    data = briefs["review-public"]
    assert "Open review notes" in outline_titles(data)
    first = pdf_reader(data).pages[1].extract_text()  # the contents page
    assert "Open review notes" in first
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in pdf_reader(data).pages))
    section = text[text.rindex("Open review notes"):]
    assert "Crime against humanity of murder, element 1 Who took the statement? Ask for the original." in section
    assert re.search(r"Example Human Rights NGO, 20 January 2026 \(Annex A, no\. \d+\) Obtain the full report\.", section)
    assert "al-murder" not in text and "ev-report" not in text and "rs.7.1.a.1" not in text
