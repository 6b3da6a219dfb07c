"""Date ranges in a file validated from its JSON in one call (casebuilder.load's rapidyaml tier): a range's
keys are counted with every other mapping's, so a file whose dates are ranges takes the fast tier and its
ranges read as the position-aware loader reads them; a duplicate key inside a range still sends it down
the usual path, which reports it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casebuilder import load, yamlryml
from casebuilder.diagnostics import Diagnostics

pytestmark = pytest.mark.skipif(not yamlryml.available(), reason="rapidyaml is not installed on this platform")

PERSONS = """persons:
  - id: p-1
    role: victim
    violation: {date: {start: 2026-01-03, end: 2026-01-05, approximate: true}, place: Ilam}
  - id: p-2
    role: victim
    violation: {date: {start: "1404-10-14 SH"}, place: Tehran}
"""


def _load(folder: Path, monkeypatch) -> tuple[list[bool], object, Diagnostics]:
    taken: list[bool] = []
    real = load._take_json

    def spy(case, sf, *a):
        taken.append(real(case, sf, *a))
        return taken[-1]

    monkeypatch.setattr(load, "_take_json", spy)
    monkeypatch.delenv("CASEBUILDER_NO_RAPIDYAML", raising=False)
    diags = Diagnostics()
    case = load.load_case(folder, diags)
    return taken, case, diags


def test_a_file_of_date_ranges_is_validated_from_its_json(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "persons.yaml").write_text(PERSONS, encoding="utf-8")
    taken, case, diags = _load(tmp_path, monkeypatch)
    assert taken == [True] and [d.code for d in diags] == ["missing-case"]  # (a folder of one file)
    first, second = (p.violation.date for p in case.persons)
    assert (first.start, first.end, first.approximate, first.text) == \
        (dt.date(2026, 1, 3), dt.date(2026, 1, 5), True, "2026-01-03 \u2013 2026-01-05")
    assert (second.start, second.end, second.calendar, second.text) == \
        (dt.date(2026, 1, 4), dt.date(2026, 1, 4), "solar-hijri", "1404-10-14 SH")


def test_a_duplicate_key_in_a_range_is_left_to_the_usual_path(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "persons.yaml").write_text(PERSONS.replace("end: 2026-01-05", "start: 2026-01-05"), encoding="utf-8")
    taken, _, diags = _load(tmp_path, monkeypatch)
    assert taken == [False] and [d.code for d in diags] == ["duplicate-key"]


def test_a_range_validated_without_a_loader_context_reads_the_same() -> None:
    """Outside the loader (a model built through the API, no JSON_KEYS context) a range is read the same."""
    from casebuilder.models import Person

    p = Person.model_validate({"id": "p-1", "role": "victim",
                               "violation": {"date": {"start": "2026-01-03", "end": "2026-01-05"}, "place": "Ilam"}})
    assert (p.violation.date.start, p.violation.date.end) == (dt.date(2026, 1, 3), dt.date(2026, 1, 5))
