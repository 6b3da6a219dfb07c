"""Spreadsheets in and out: export, edit, import back — by stable id, nothing lost, nothing leaked."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from casebuilder.exchange import sheets as sheets_mod
from casebuilder.exchange.importer import import_sheets
from clirun import FRAMEWORKS, GOOD, REPO, run

BUNDLED = REPO / "cases" / "iran-2026"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    return case


def fw(*args):
    return (*args, "--frameworks-dir", FRAMEWORKS)


def export(case: Path, out: Path, *extra: str):
    r = run("export", *fw(case, "-o", out, *extra))
    assert r.code == 0, r.err
    return r


def snapshot(case: Path) -> dict[str, str]:
    return {str(p.relative_to(case)): p.read_text(encoding="utf-8") for p in sorted(case.rglob("*.yaml"))}


def header_index(ws) -> dict[str, int]:
    return {c.value: i + 1 for i, c in enumerate(next(ws.iter_rows(max_row=1)))}


def row_of(ws, rid: str) -> int:
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=1).value == rid:
            return r
    raise AssertionError(rid)


def set_cell(wb, sheet: str, rid: str, column: str, value) -> None:
    ws = wb[sheet]
    ws.cell(row=row_of(ws, rid), column=header_index(ws)[column], value=value)


# ----------------------------------------------------------------------------- the round trip
def test_bundled_case_three_cells_edited_change_exactly_three_lines(tmp_path: Path) -> None:
    case = tmp_path / "iran-2026"
    shutil.copytree(BUNDLED, case)
    subprocess.run(["git", "init", "-q", str(case)], check=True)
    subprocess.run(["git", "-C", str(case), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(case), "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "x"],
                   check=True)
    book = tmp_path / "data.xlsx"
    assert run("export", case, "--audience", "strictly-confidential", "-o", book).code == 0
    wb = load_workbook(book)
    ev = wb["evidence"]
    first_ev = ev.cell(row=2, column=1).value
    first_src = wb["sources"].cell(row=2, column=1).value
    first_inc = wb["incidents"].cell(row=2, column=1).value
    set_cell(wb, "evidence", first_ev, "locator", "p. 4, para. 2")
    set_cell(wb, "sources", first_src, "reliability_reason", "Edited: why this grade.")
    set_cell(wb, "incidents", first_inc, "title", "Edited incident title")
    wb.save(book)
    r = run("import", case, book)
    assert r.code == 0, r.err
    assert "3 updated" in r.out
    diff = subprocess.run(["git", "-C", str(case), "diff", "-U0", "--", "*.yaml"], capture_output=True,
                          text=True, check=True).stdout
    changed = [ln for ln in diff.splitlines() if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert sorted(changed) == sorted([
        "+    locator: p. 4, para. 2",
        *[ln for ln in changed if "reliability_reason" in ln],
        *[ln for ln in changed if "title:" in ln]]), diff
    assert sum(1 for ln in changed if ln.startswith("+")) == 3
    assert sum(1 for ln in changed if ln.startswith("-")) == 2  # two replaced lines, one added line
    assert '+    reliability_reason: "Edited: why this grade."' in changed or \
        "+    reliability_reason: 'Edited: why this grade.'" in changed or \
        "+    reliability_reason: \"Edited: why this grade.\"" in diff
    # comments survive, the case still checks, the trail is written
    assert run("check", case).code == 0
    log = (case / "imports.log").read_text()
    assert "data.xlsx" in log and "updated 3" in log


def test_an_unedited_export_imports_as_no_change(minimal: Path, tmp_path: Path) -> None:
    before = snapshot(minimal)
    book = tmp_path / "all.xlsx"
    export(minimal, book, "--audience", "strictly-confidential")
    r = run("import", *fw(minimal, book))
    assert r.code == 0, r.err
    assert "0 created, 0 updated" in r.out and "0 deleted" in r.out
    assert snapshot(minimal) == before


def test_csv_round_trip_and_new_records(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheets"
    export(minimal, out, "--format", "csv", "--audience", "strictly-confidential")
    assert {p.name for p in out.iterdir()} >= {"evidence.csv", "sources.csv", "links.csv", "_about.csv"}
    with open(out / "sources.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows.append(["src-new", "A new documentation group", "", "ngo", "b", "Named members, method published.",
                 "false", "", ""])
    with open(out / "sources.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    r = run("import", *fw(minimal, out / "sources.csv", "--dry-run"))
    assert r.code == 0, r.err
    assert "+  - id: src-new" in r.out and "reliability: B" in r.out  # `b` read as `B`
    assert "src-new" not in (minimal / "parties.yaml").read_text()  # a dry run writes nothing
    r = run("import", *fw(minimal, out / "sources.csv"))
    assert r.code == 0 and "1 created" in r.out, r.err
    assert "id: src-new" in (minimal / "parties.yaml").read_text()
    assert run("check", *fw(minimal)).code in (0,)  # an unused source is only a warning


def test_new_records_go_where_into_says(minimal: Path, tmp_path: Path) -> None:
    book = tmp_path / "new.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "actors"
    ws.append(["id", "name", "kind", "part_of"])
    ws.append(["act-new-unit", "Example special unit", "unit", "act-police"])
    wb.save(book)
    r = run("import", *fw(minimal, book, "--into", "more/actors.yaml"))
    assert r.code == 0, r.err
    text = (minimal / "more" / "actors.yaml").read_text()
    assert "actors:" in text and "act-new-unit" in text and "part_of: act-police" in text
    assert run("check", *fw(minimal)).code == 0


def test_delete_only_with_the_flag(minimal: Path, tmp_path: Path) -> None:
    book = tmp_path / "actors.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "actors"
    ws.append(["id", "name", "kind"])
    ws.append(["act-police", "Example police force", "institution"])
    wb.save(book)
    r = run("import", *fw(minimal, book))
    assert r.code == 0 and "0 deleted" in r.out
    assert "act-unit" in (minimal / "parties.yaml").read_text()
    # with --delete the unit would go, but the case refers to it: the import is refused whole
    r = run("import", *fw(minimal, book, "--delete"))
    assert r.code == 1 and "nothing was written" in r.err
    assert "after the import" in r.err and "act-unit" in r.err
    assert "act-unit" in (minimal / "parties.yaml").read_text()


# ----------------------------------------------------------------------------- the audience
def test_a_public_export_holds_nothing_above_public(minimal: Path, tmp_path: Path) -> None:
    book = tmp_path / "public.xlsx"
    export(minimal, book, "--audience", "public")
    wb = load_workbook(book)
    text = json.dumps([[c for c in row] for ws in wb.worksheets for row in ws.iter_rows(values_only=True)],
                      default=str)
    assert "Fictional Witness Name" not in text
    assert "ev-testimony" not in [r[0] for r in wb["evidence"].iter_rows(values_only=True)]  # confidential item
    assert "[withheld]" in text
    assert ("audience", "public") in [tuple(r[:2]) for r in wb["_about"].iter_rows(values_only=True)]


def test_a_withheld_cell_cannot_be_changed_from_a_lower_export(minimal: Path, tmp_path: Path) -> None:
    book = tmp_path / "public.xlsx"
    export(minimal, book, "--audience", "public")
    wb = load_workbook(book)
    set_cell(wb, "persons", "p-witness", "name", "Someone Else")
    wb.save(book)
    before = snapshot(minimal)
    r = run("import", *fw(minimal, book))
    assert r.code == 1
    assert "public.xlsx[persons]:" in r.err and "[withheld]" in r.err
    assert snapshot(minimal) == before


def test_a_name_typed_into_a_public_field_fails_the_export(minimal: Path, tmp_path: Path) -> None:
    p = minimal / "incidents.yaml"
    p.write_text(p.read_text().replace("Alleged shooting at a demonstration",
                                       "Alleged shooting seen by Fictional Witness Name"))
    book = tmp_path / "leak.xlsx"
    r = run("export", *fw(minimal, "-o", book, "--audience", "public"))
    assert r.code == 1 and "leak" in r.err and "Fictional Witness Name" not in r.err
    assert not book.exists()


# ----------------------------------------------------------------------------- formulas
def test_csv_cells_are_guarded_against_formulas(minimal: Path, tmp_path: Path) -> None:
    p = minimal / "evidence.yaml"
    p.write_text(p.read_text().replace("excerpt: No one was killed.", "excerpt: '=HYPERLINK(\"http://x\")'"))
    out = tmp_path / "csv"
    export(minimal, out, "--format", "csv", "--audience", "strictly-confidential")
    text = (out / "evidence.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    before = snapshot(minimal)
    r = run("import", *fw(minimal, out))
    assert r.code == 0, r.err
    assert snapshot(minimal) == before  # the apostrophe is taken off again: nothing changed


def test_xlsx_text_starting_with_equals_is_text_and_a_formula_cell_is_refused(minimal: Path, tmp_path: Path) -> None:
    p = minimal / "evidence.yaml"
    p.write_text(p.read_text().replace("excerpt: No one was killed.", "excerpt: '=1+1'"))
    book = tmp_path / "f.xlsx"
    export(minimal, book, "--audience", "strictly-confidential")
    wb = load_workbook(book)
    ws = wb["evidence"]
    cell = ws.cell(row=row_of(ws, "ev-denial"), column=header_index(ws)["excerpt"])
    assert cell.value == "=1+1" and cell.data_type == "s"
    cell.value = "=1+2"  # typed by a user: a formula
    wb.save(book)
    r = run("import", *fw(minimal, book))
    assert r.code == 1 and "formula" in r.err
    col = header_index(ws)["excerpt"]
    assert f"f.xlsx[evidence]:{row_of(ws, 'ev-denial')}:{col}: error[invalid-value]" in r.err


# ----------------------------------------------------------------------------- bad input
def _book(tmp_path: Path, sheet: str, rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("sheet, rows, where, says", [
    ("evidence", [["id", "kind", "sorce"], ["ev-x", "report", "src-ngo"]], ":1:3:", "unknown column 'sorce'"),
    ("actors", [["id", "name", "kind"], ["act-a", "A", "unit"], ["act-a", "B", "unit"]], ":3:1:",
     "appears on two rows"),
    ("evidence", [["id", "kind", "source", "date"], ["ev-x", "report", "src-ngo", "2026-02-30"]], ":2:4:",
     "impossible date"),
    ("sources", [["id", "name", "kind", "reliability", "reliability_reason"],
                 ["src-x", "X", "ngo", "Q", "test"]], ":2:4:", "'Q' is not one of"),
    ("incidents", [["id", "title"], ["inc-shooting", "New title"], ["ev-testimony", "x"]], ":3:1:",
     "already a record of evidence"),
    ("evidence", [["id", "kind", "source"], ["ev-x", "report", "src-nowhere"]], "", "src-nowhere"),
    ("rumours", [["id"], ["x"]], ":1:1:", "unknown sheet"),
])
def test_bad_sheets_are_refused_with_their_place(minimal: Path, tmp_path: Path, sheet, rows, where, says) -> None:
    before = snapshot(minimal)
    r = run("import", *fw(minimal, _book(tmp_path, sheet, rows)))
    assert r.code == 1, r.out
    assert says in r.err
    if where:
        assert f"bad.xlsx[{sheet}]{where}" in r.err, r.err
    assert "nothing was written" in r.err
    assert snapshot(minimal) == before and not (minimal / "imports.log").exists()


def test_a_huge_sheet_is_streamed_and_refused_past_the_limit(minimal: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheets_mod, "MAX_ROWS", 500)
    monkeypatch.setattr("casebuilder.exchange.importer.MAX_ROWS", 500)
    path = tmp_path / "actors.csv"
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "kind"])
        for i in range(5000):
            w.writerow([f"act-{i}", f"Unit {i}", "unit"])
    before = snapshot(minimal)
    res = import_sheets(minimal, [path], frameworks_dir=FRAMEWORKS)
    assert not res.ok()
    assert any("more than 500 rows" in d.message and d.location.line == 502 for d in res.diagnostics.errors)
    assert snapshot(minimal) == before


def test_template_has_lists_and_instructions(minimal: Path, tmp_path: Path) -> None:
    book = tmp_path / "blank.xlsx"
    r = run("export", *fw(minimal, "--template", "-o", book))
    assert r.code == 0, r.err
    wb = load_workbook(book)
    assert {"instructions", "evidence", "links", "lists"} <= set(wb.sheetnames)
    assert wb["lists"].sheet_state == "hidden"
    ev = wb["evidence"]
    assert [c.value for c in ev[1]][:3] == ["id", "kind", "title"]
    formulas = formulas_of(ev)
    lists = wb["lists"]
    kind_col = header_index(ev)["kind"]
    from openpyxl.utils import get_column_letter
    ref = formulas[get_column_letter(kind_col)]
    letter = ref.split("!$")[1].split("$")[0]
    values = [c.value for c in lists[letter] if c.value]
    assert "testimony" in values and "report" in values
    links = wb["links"]
    el = formulas_of(links)[get_column_letter(header_index(links)["element"])]
    letter = el.split("!$")[1].split("$")[0]
    assert "rs.7.1.a.1" in [c.value for c in lists[letter] if c.value]


def formulas_of(ws) -> dict[str, str]:
    return {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1 for dv in ws.data_validations.dataValidation}


# ----------------------------------------------------------------------------- Uwazi
UWAZI_MAP = """
uwazi:
  templates:
    Incident:
      collection: incidents
      id: {column: Title, prefix: inc-}
      fields:
        title: Title
        date: {column: Date of incident, date: true}
        description: Description
        location.place: Place
        location.country: {value: XX}
        categories: {column: Categories, multi: true}
        evidence: {column: Evidence, multi: true, id_prefix: ev-}
    Evidence:
      collection: evidence
      id: {column: Title, prefix: ev-}
      fields:
        kind: Kind
        source: Source
        summary: Summary
"""


def test_an_uwazi_export_maps_into_a_case_that_checks(minimal: Path, tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(UWAZI_MAP)
    export_csv = tmp_path / "uwazi.csv"
    with open(export_csv, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Title", "Date added", "Template", "Date of incident", "Place", "Description", "Categories",
                    "Evidence", "Kind", "Source", "Summary"])
        # Uwazi: dates as Unix timestamps, multi-select and relationships separated by '|'
        w.writerow(["Raid on the clinic", "1767225600", "Incident", "1767571200", "Example Clinic",
                    "Alleged raid on the clinic.", "attack-on-facility|arrest-of-patients", "Clinic video", "", "", ""])
        w.writerow(["Clinic video", "1767225600", "Evidence", "", "", "", "", "", "video", "src-ngo",
                    "Video of the raid."])
        w.writerow(["A page", "1767225600", "Page", "", "", "", "", "", "", "", ""])
    r = run("import", *fw(minimal, export_csv, "--from", "uwazi", "--mapping", mapping))
    assert r.code == 0, r.err
    assert "2 created" in r.out
    text = "\n".join(snapshot(minimal).values())
    assert "id: inc-raid-on-the-clinic" in text and "id: ev-clinic-video" in text
    assert '"2026-01-05"' in text or "2026-01-05" in text
    assert "categories: [attack-on-facility, arrest-of-patients]" in text
    assert run("check", *fw(minimal)).code == 0


def test_uwazi_without_mapping_is_a_usage_error(minimal: Path, tmp_path: Path) -> None:
    r = run("import", *fw(minimal, tmp_path / "x.csv", "--from", "uwazi"))
    assert r.code == 2 and "--mapping" in r.err
