"""#26 item 3: `check` finds a protected name typed into the case's own text, with the build's
matcher and audience rules, one diagnostic per place at the typed name; `build` reports its leaks
the same way, one error per place, instead of one per place of the output."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from clirun import FRAMEWORKS, GOOD, run

NAME = "Fictional Witness Name"  # p-witness: protection pseudonym, clearance confidential
TITLE = "    title: Alleged shooting at a demonstration\n"  # incident inc-shooting, public


def make_case(tmp_path: Path, edits: dict[str, list[tuple[str, str]]]) -> Path:
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    for name, pairs in edits.items():
        p = case / name
        text = p.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new, 1)
        p.write_text(text, encoding="utf-8")
    return case


def check(case: Path, *extra: str):
    r = run("check", case, "--format", "json", "--frameworks-dir", FRAMEWORKS, *extra)
    return r, [d for d in json.loads(r.out) if d["code"] == "name-in-text"]


def where(case: Path, name: str, marker: str, nth: int = 0) -> tuple[int, int]:
    """(line, column), 1-based, of the nth ``marker`` in a case file."""
    lines = (case / name).read_text(encoding="utf-8").split("\n")
    hits = [(n + 1, line.index(marker) + 1) for n, line in enumerate(lines) if marker in line]
    return hits[nth]


def title_with(text: str) -> dict:
    return {"incidents.yaml": [(TITLE, f"    title: \"Alleged shooting at a demonstration, {text}\"\n")]}


# (how the name is disguised, the text typed, where the diagnostic must point: the text's start)
DISGUISES = [
    ("as written", f"as {NAME} recalls", NAME),
    ("upper case with accents", "as FÍCTIONAL WÎTNESS NAME recalls", "FÍCTIONAL"),
    ("Cyrillic look-alike letters", "as F\u0456ct\u0456onal W\u0456tness Name recalls", "F\u0456ct"),
    ("a zero-width joiner inside", "as Fictional Wit\u200dness Name recalls", "Fictional Wit"),
    ("surname first, as an index writes it", "as Name, Fictional Witness recalls", "Name, Fictional"),
    ("HTML inside the name", "as Fictional <b>Witness</b> Name recalls", "Fictional <b>"),
    ("a Markdown link on one word", "as [Fictional](https://example.org/x) Witness Name recalls", "Fictional]"),
    ("percent-encoded in a link", "see https://example.org/Fictional%20Witness%20Name", "Fictional%20"),
    ("a right-to-left override", "as \u202eemaN ssentiW lanoitciF\u202c recalls", "\u202e"),
]


@pytest.mark.parametrize("how,text,start", DISGUISES, ids=[d[0] for d in DISGUISES])
def test_a_typed_name_is_found_in_any_disguise_at_its_place(tmp_path, how, text, start):
    case = make_case(tmp_path, title_with(text))
    r, found = check(case)
    assert r.code == 1
    line, col = where(case, "incidents.yaml", start)
    assert [(Path(d["path"]).name, d["line"], d["column"]) for d in found] == [("incidents.yaml", line, col)], how
    msg = found[0]["message"]
    assert "person p-witness" in msg and "title of incident inc-shooting" in msg
    assert "public and restricted" in msg and "[[p-witness]]" in msg and "confidentiality: confidential" in msg


def test_the_text_output_names_the_person_by_id_and_never_shows_the_name(tmp_path):
    case = make_case(tmp_path, title_with(f"as {NAME} recalls"))
    r = run("check", case, "--frameworks-dir", FRAMEWORKS)
    assert r.code == 1
    assert "error[name-in-text]" in r.err and "p-witness" in r.err
    assert "Fictional" not in r.err and "Witness Name" not in r.err  # the line is not quoted under it
    line, col = where(case, "incidents.yaml", NAME)
    assert f"incidents.yaml:{line}:{col}: error[name-in-text]" in r.err


def test_one_diagnostic_per_place_name_and_alias_at_one_spot_are_one(tmp_path):
    case = make_case(tmp_path, {
        "parties.yaml": [("    clearance: confidential\n", "    clearance: confidential\n    aliases: [Fictional Witness]\n")],
        "evidence.yaml": [("    title: NGO report on the protests\n",
                           "    title: NGO report on the protests\n"
                           "    summary: |\n"
                           f"      Quotes {NAME} at length.\n"
                           "      Later Fictional Witness alone, and again\n"
                           f"      {NAME}.\n")],
    })
    r, found = check(case)
    got = [(d["line"], d["column"]) for d in found]
    assert got == [where(case, "evidence.yaml", NAME, 0), where(case, "evidence.yaml", "Fictional Witness alone"),
                   where(case, "evidence.yaml", NAME, 1)]
    assert "(name; aliases[0])" in found[0]["message"] or "(aliases[0]; name)" in found[0]["message"]
    assert "(aliases[0])" in found[1]["message"]
    assert "summary of evidence item ev-report" in found[0]["message"]


def test_a_name_folded_over_two_lines_points_at_its_first_word(tmp_path):
    case = make_case(tmp_path, {"incidents.yaml": [(TITLE, TITLE.replace(
        "title: Alleged shooting at a demonstration",
        "title: >-\n      Alleged shooting at a demonstration, as Fictional\n      Witness Name recalls"))]})
    _, found = check(case)
    assert [(d["line"], d["column"]) for d in found] == [where(case, "incidents.yaml", "Fictional")]


def test_no_false_alarm_where_the_name_belongs(tmp_path):
    """The person's own entry, a text at the name's level (the confidential testimony), a
    reference: none is reported; the clean case passes."""
    case = make_case(tmp_path, {"evidence.yaml": [(
        'summary: "[[p-witness]] describes the shooting."',
        f'summary: "{NAME} ([[p-witness]]) describes the shooting."')]})
    r, found = check(case, "--strict")
    assert (r.code, found) == (0, [])


def test_levels_follow_the_build(tmp_path):
    """A witness cleared only for strictly-confidential, named in a confidential testimony: only the
    confidential audience's briefs print the testimony below the name's level."""
    case = make_case(tmp_path, {
        "parties.yaml": [("    clearance: confidential\n", "    clearance: strictly-confidential\n")],
        "evidence.yaml": [('summary: "[[p-witness]] describes the shooting."',
                           f'summary: "{NAME} describes the shooting."')]})
    _, found = check(case)
    assert len(found) == 1
    msg = found[0]["message"]
    assert "briefs for the confidential audience print" in msg and "only to strictly-confidential and above" in msg


def test_a_phone_number_in_another_form_is_found(tmp_path):
    case = make_case(tmp_path, {
        "parties.yaml": [("    clearance: confidential\n", "    clearance: confidential\n    sensitive: {phone: \"+98 912 345 6789\"}\n")],
        "evidence.yaml": [("    title: NGO report on the protests\n",
                           "    title: NGO report on the protests\n    locator: \"call 0912 345 6789\"\n")]})
    _, found = check(case)
    assert [(d["line"], d["column"]) for d in found] == [where(case, "evidence.yaml", "0912")]
    assert "protected detail of person p-witness (sensitive.phone)" in found[0]["message"]
    assert "[[p-witness]]" not in found[0]["message"]  # a phone number is removed, not referred to


def test_a_persian_name_with_arabic_letters_and_a_suffix(tmp_path):
    case = make_case(tmp_path, {
        "parties.yaml": [("    clearance: confidential\n", "    clearance: confidential\n    name_original: \"پریسا کاظمی\"\n")],
        "incidents.yaml": [(TITLE, "    title: \"Alleged shooting: پريسا كاظميها\"\n")]})
    _, found = check(case)
    assert [(d["line"], d["column"]) for d in found] == [where(case, "incidents.yaml", "پريسا")]
    assert "(name_original)" in found[0]["message"]


# ------------------------------------------------------------------ build: one error per place
def test_build_reports_one_leak_per_typed_place_not_per_place_of_the_output(tmp_path):
    case = make_case(tmp_path, title_with(f"as {NAME} recalls"))
    out = tmp_path / "brief.pdf"
    r = run("build", case, "--audience", "public", "-o", out, "--frameworks-dir", FRAMEWORKS)
    assert r.code == 1 and not out.exists()
    leaks = [line for line in r.err.splitlines() if "error[leak]" in line]
    line, col = where(case, "incidents.yaml", NAME)
    assert len(leaks) == 1, r.err
    assert f"incidents.yaml:{line}:{col}: error[leak]: protected name of person p-witness (name)" in leaks[0]
    assert "in " + str(out) + " it appears in page" in leaks[0] and "nothing was written" in leaks[0]
    assert "Fictional" not in r.err


def test_build_for_an_audience_cleared_to_see_the_name_is_not_refused(tmp_path):
    case = make_case(tmp_path, title_with(f"as {NAME} recalls"))
    out = tmp_path / "brief.html"
    r = run("build", case, "--audience", "confidential", "--format", "html", "-o", out, "--frameworks-dir", FRAMEWORKS)
    assert r.code == 0, r.err
    assert NAME in out.read_text(encoding="utf-8")


def test_build_points_only_at_places_its_brief_printed(tmp_path):
    """The name typed into a summary the legal brief does not print, and into a locator it does:
    only the locator is reported as the leak."""
    case = make_case(tmp_path, {"evidence.yaml": [(
        "    title: NGO report on the protests\n",
        "    title: NGO report on the protests\n"
        f"    summary: \"Recorded on a rooftop with {NAME}.\"\n"
        f"    locator: \"p. 4, as {NAME} said\"\n")]})
    _, found = check(case)
    assert len(found) == 2  # check reports both: a brief that prints the summary would leak it
    out = tmp_path / "brief.html"
    r = run("build", case, "--audience", "public", "--format", "html", "-o", out, "--frameworks-dir", FRAMEWORKS)
    html_out = run("build", case, "--audience", "confidential", "--format", "html", "-o", tmp_path / "c.html",
                   "--frameworks-dir", FRAMEWORKS)
    assert html_out.code == 0
    printed = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "as " + NAME + " said" in printed and "rooftop" not in printed  # the premise
    leaks = [line for line in r.err.splitlines() if "error[leak]" in line]
    assert len(leaks) == 1 and "locator of evidence item ev-report" in leaks[0], r.err
    assert "evidence.yaml:%d:%d: error[leak]" % where(case, "evidence.yaml", NAME, 1) in leaks[0]


def test_a_warm_check_reports_the_same_places_and_an_edit_is_seen(tmp_path, monkeypatch):
    monkeypatch.delenv("CASEBUILDER_NO_CACHE", raising=False)
    monkeypatch.setenv("CASEBUILDER_CACHE_DIR", str(tmp_path / "cache"))
    case = make_case(tmp_path, title_with(f"as {NAME} recalls"))
    first = check(case)[1]
    assert len(first) == 1 and list((tmp_path / "cache").glob("typed-*.pickle"))
    assert check(case)[1] == first  # from the cache
    p = case / "incidents.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace(NAME, "[[p-witness]]"), encoding="utf-8")
    r, found = check(case)
    assert (r.code, found) == (0, [])


def test_a_suspects_name_in_public_text_is_found_and_a_public_suspect_is_not(tmp_path):
    suspect = "suspects:\n  - {id: s-commander, name: Example Commander Name, actor: act-unit}\n"
    case = make_case(tmp_path, {"allegations.yaml": [
        ('        note: "[[p-witness]] saw the victim fall."',
         '        note: "[[p-witness]] saw the victim fall; Example Commander Name gave the order."')]})
    (case / "suspects.yaml").write_text(suspect, encoding="utf-8")
    _, found = check(case)
    assert [(d["line"], d["column"]) for d in found] == [where(case, "allegations.yaml", "Example Commander")]
    msg = found[0]["message"]
    assert "protected name of suspect s-commander (name)" in msg and "links[0].note of allegation al-murder" in msg
    assert "only to confidential and above" in msg
    (case / "suspects.yaml").write_text(suspect.replace("act-unit}", "act-unit, confidentiality: public}"),
                                        encoding="utf-8")
    assert check(case)[1] == []
