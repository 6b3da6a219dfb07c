"""Dates as human-rights documentation writes them: exact, partial, ranges, approximate, Solar Hijri.

The Solar Hijri pairs below were checked independently of casebuilder, against the jdatetime
library and against the calendar's rule (1 Farvardin is the day of the March equinox if it falls
before noon in Tehran, else the day after): the 2025 equinox fell at 12:31 Tehran time, so
1 Farvardin 1404 = 21 March 2025; 1403 is a leap year, so 1403-12-30 (20 March 2025) exists.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from clirun import FRAMEWORKS, GOOD, run
from pydantic_core import PydanticCustomError

from casebuilder.models import parse_date
from casebuilder.models.dates import sh_month_length, sh_to_gregorian

D = dt.date


@pytest.mark.parametrize("sh, gregorian", [
    ("1404-10-14 SH", D(2026, 1, 4)),
    ("1404-01-01 SH", D(2025, 3, 21)),
    ("1403-12-30 SH", D(2025, 3, 20)),   # 1403 is a leap year: Esfand has 30 days
    ("1400-01-01 SH", D(2021, 3, 21)),
    ("1403-01-01 SH", D(2024, 3, 20)),   # 2024 equinox at 06:36 Tehran time: the same day
    ("1402-12-29 SH", D(2024, 3, 19)),   # 1402 is not a leap year: its last day
])
def test_solar_hijri_known_pairs(sh: str, gregorian: dt.date) -> None:
    d = parse_date(sh)
    assert (d.start, d.end, d.calendar, d.precision, d.text) == (gregorian, gregorian, "solar-hijri", "day", sh)


def test_solar_hijri_days_follow_each_other_without_gap_or_overlap() -> None:
    """Each Solar Hijri day of 1350-1450 (three 33-year cycles) follows the one before it."""
    prev = sh_to_gregorian(1349, 12, sh_month_length(1349, 12))
    for year in range(1350, 1451):
        nowruz = sh_to_gregorian(year, 1, 1)
        assert D(nowruz.year, 3, 19) <= nowruz <= D(nowruz.year, 3, 22), year
        for month in range(1, 13):
            length = sh_month_length(year, month)
            assert (length == 31) if month <= 6 else (length == 30) if month <= 11 else (length in (29, 30))
            for day in range(1, length + 1):
                g = sh_to_gregorian(year, month, day)
                assert g == prev + dt.timedelta(days=1), (year, month, day)
                prev = g


def test_solar_hijri_leap_years_follow_the_33_year_cycle_near_today() -> None:
    leap = [y for y in range(1390, 1411) if sh_month_length(y, 12) == 30]
    assert leap == [1391, 1395, 1399, 1403, 1408]


@pytest.mark.parametrize("text, start, end, precision", [
    ("2026-01-04", D(2026, 1, 4), D(2026, 1, 4), "day"),
    ("2026-01", D(2026, 1, 1), D(2026, 1, 31), "month"),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month"),
    ("2026-12", D(2026, 12, 1), D(2026, 12, 31), "month"),
    ("2026", D(2026, 1, 1), D(2026, 12, 31), "year"),
    ("1404-10 SH", D(2025, 12, 22), D(2026, 1, 20), "month"),   # Dey 1404
    ("1403 SH", D(2024, 3, 20), D(2025, 3, 20), "year"),        # a leap year: 366 days
    ("1404 SH", D(2025, 3, 21), D(2026, 3, 20), "year"),        # a common year: 365 days
    # Nowruz fixes both ends: 1 Farvardin 1404 = 21 March 2025, 1 Farvardin 1405 = 21 March 2026 (the 2026
    # equinox falls at 18:16 Tehran time, after noon, so Nowruz is the next day); 1403 began on 20 March 2024.
    ("1404-01 SH", D(2025, 3, 21), D(2025, 4, 20), "month"),    # Farvardin: 31 days
    ("1404-06 SH", D(2025, 8, 23), D(2025, 9, 22), "month"),    # Shahrivar, the last month of 31 days
    ("1404-07 SH", D(2025, 9, 23), D(2025, 10, 22), "month"),   # Mehr, the first month of 30 days
    ("1403-12 SH", D(2025, 2, 19), D(2025, 3, 20), "month"),    # Esfand of a leap year: 30 days
    ("1404-12 SH", D(2026, 2, 20), D(2026, 3, 20), "month"),    # Esfand of a common year: 29 days
    ("1403-12-01 SH", D(2025, 2, 19), D(2025, 2, 19), "day"),
    ("1403-12-30 SH", D(2025, 3, 20), D(2025, 3, 20), "day"),
    ("1404-12-01 SH", D(2026, 2, 20), D(2026, 2, 20), "day"),
    ("1404-12-29 SH", D(2026, 3, 20), D(2026, 3, 20), "day"),
    ("1404-06-31 SH", D(2025, 9, 22), D(2025, 9, 22), "day"),
])
def test_exact_and_partial_dates_cover_their_interval(text, start, end, precision) -> None:
    d = parse_date(text)
    assert (d.start, d.end, d.precision, d.approximate, d.text) == (start, end, precision, False, text)


def test_a_bare_year_may_be_a_yaml_number() -> None:
    assert parse_date(2026) == parse_date("2026")


def test_approximate_dates_keep_their_text() -> None:
    d = parse_date("~2026-01-08")
    assert (d.start, d.end, d.approximate, d.text) == (D(2026, 1, 8), D(2026, 1, 8), True, "~2026-01-08")
    assert d.gregorian() == "c. 8 January 2026"
    assert parse_date("~1404-10-14 SH").approximate


@pytest.mark.parametrize("value, start, end, approximate", [
    ({"start": "2026-01-03", "end": "2026-01-04"}, D(2026, 1, 3), D(2026, 1, 4), False),
    ({"start": "2026-01", "end": "2026-02"}, D(2026, 1, 1), D(2026, 2, 28), False),
    ({"start": "1404-10-13 SH", "end": "2026-01-10"}, D(2026, 1, 3), D(2026, 1, 10), False),
    ({"start": "2026-01-08", "end": "2026-01-09", "approximate": True}, D(2026, 1, 8), D(2026, 1, 9), True),
    ({"start": "~2026-01-08", "end": "2026-01-09"}, D(2026, 1, 8), D(2026, 1, 9), True),
    ({"start": "2026-01-08"}, D(2026, 1, 8), D(2026, 1, 8), False),
    ({"start": "2026-01-08", "end": None}, D(2026, 1, 8), D(2026, 1, 8), False),
])
def test_ranges(value, start, end, approximate) -> None:
    d = parse_date(value)
    assert (d.start, d.end, d.approximate) == (start, end, approximate)


def test_how_dates_are_shown() -> None:
    assert parse_date("1404-10-14 SH").display() == "1404-10-14 SH (4 January 2026)"
    assert parse_date({"start": "2026-01-03", "end": "2026-01-04"}).gregorian() == "3\u20134 January 2026"
    assert parse_date("2026-01").gregorian() == "January 2026"
    assert parse_date("2026-01-04").display() == "4 January 2026"


@pytest.mark.parametrize("value, says", [
    ("2026-02-30", "impossible date"),
    ("2025-02-29", "impossible date"),        # 2025 is not a leap year
    ("2026-13-01", "impossible date"),
    ("2026-00-10", "impossible date"),
    ("1404-13-01 SH", "month 13 does not exist"),
    ("1404-00-10 SH", "month 0 does not exist"),
    ("1404-12-30 SH", "day 30 does not exist"),   # 1404 is not a leap year
    ("1404-07-31 SH", "day 31 does not exist"),   # Mehr has 30 days
    ("04/01/2026", "expected a date like"),
    ("January 2026", "expected a date like"),
    ("2026-01-04T10:00", "expected a date like"),
    ("", "expected a date like"),
    (True, "expected a date"),
    (["2026-01-04"], "expected a date string or a {start, end} range"),
    ({"end": "2026-01-04"}, "needs a start"),
    ({"start": "2026-01-04", "until": "2026-01-05"}, "takes only start, end and approximate"),
    ({"start": "2026-01-05", "end": "2026-01-04"}, "ends (2026-01-04) before it starts (2026-01-05)"),
    ({"start": "2026-01-04", "approximate": "yes"}, "approximate must be true or false"),
])
def test_impossible_and_malformed_dates_are_refused(value, says) -> None:
    with pytest.raises(PydanticCustomError) as exc:
        parse_date(value)
    assert exc.value.type == "invalid_date"
    assert says in str(exc.value)


def test_unquoted_yaml_dates_stay_dates(tmp_path: Path) -> None:
    """YAML would read 2026-01-31 as a timestamp; casebuilder keeps the text for its own parser."""
    case = tmp_path / "case"
    shutil.copytree(GOOD / "minimal", case)
    p = case / "case.yaml"
    text = p.read_text()
    assert 'date: "2026-01-31"' in text and 'end: "2026-01-31"' in text
    p.write_text(text.replace('date: "2026-01-31"', "date: 2026-01-31").replace('end: "2026-01-31"', "end: 2026-01"))
    res = run("check", case, "--strict", "--format", "json", "--frameworks-dir", FRAMEWORKS)
    assert (res.code, res.diagnostics()) == (0, [])


@pytest.mark.parametrize("value, shown", [
    ("2026", "2026"),
    ({"start": "2026"}, "2026"),
    ("~2026", "c. 2026"),
    ("2026-01", "January 2026"),
    ({"start": "2026-02"}, "February 2026"),
    # a Solar Hijri month or year is not a Gregorian one: its Gregorian interval is shown day to day
    ("1404-10 SH", "22 December 2025 \u2013 20 January 2026"),
    ("1404 SH", "21 March 2025 \u2013 20 March 2026"),
    ({"start": "2026-01", "end": "2026-01"}, "1\u201331 January 2026"),
    ({"start": "2026-01-30", "end": "2026-02-02"}, "30 January 2026 \u2013 2 February 2026"),
    ({"start": "2025-01-05", "end": "2026-01-07"}, "5 January 2025 \u2013 7 January 2026"),   # same month, not year
    ({"start": "2026-01", "end": "2026-02"}, "1 January 2026 \u2013 28 February 2026"),
])
def test_the_gregorian_rendering_of_every_precision_and_range(value, shown) -> None:
    assert parse_date(value).gregorian() == shown


def test_a_solar_hijri_month_is_displayed_with_its_gregorian_days() -> None:
    assert parse_date("1404-10 SH").display() == "1404-10 SH (22 December 2025 \u2013 20 January 2026)"
    assert parse_date("1404 SH").display() == "1404 SH (21 March 2025 \u2013 20 March 2026)"


@pytest.mark.parametrize("value, text, calendar, precision", [
    ({"start": "2026-01-03", "end": "2026-01-04"}, "2026-01-03 \u2013 2026-01-04", "gregorian", "day"),
    ({"start": "2026-01-08", "end": None}, "2026-01-08", "gregorian", "day"),
    ({"start": "2026-01"}, "2026-01", "gregorian", "month"),
    ({"start": "2026"}, "2026", "gregorian", "year"),
    ({"start": "1404-10 SH"}, "1404-10 SH", "solar-hijri", "month"),
    # a range with an end is an interval of days, whatever the precision of its ends
    ({"start": "2026-01", "end": "2026-02"}, "2026-01 \u2013 2026-02", "gregorian", "day"),
    # either end in the Solar Hijri calendar makes the range Solar Hijri (shown with its Gregorian)
    ({"start": "1404-10-13 SH", "end": "2026-01-10"}, "1404-10-13 SH \u2013 2026-01-10", "solar-hijri", "day"),
    ({"start": "2026-01-03", "end": "1404-10-20 SH"}, "2026-01-03 \u2013 1404-10-20 SH", "solar-hijri", "day"),
])
def test_a_range_keeps_its_text_calendar_and_precision(value, text, calendar, precision) -> None:
    d = parse_date(value)
    assert (d.text, d.calendar, d.precision) == (text, calendar, precision)


@pytest.mark.parametrize("value, message", [
    ({"end": "2026-01-04"}, "a date range needs a start"),
    ({"start": "2026-01-04", "approximate": "yes"}, "approximate must be true or false"),
    ({"start": "2026-01-04", "until": "2026-01-05", "from": "2026-01-01"},
     "a date range takes only start, end and approximate; got from, until"),
    (3.5, "expected a date string or a {start, end} range, got float"),
    ("3178-01-01 SH", "impossible Solar Hijri date '3178-01-01 SH': Solar Hijri year 3178 is outside the supported range"),
])
def test_a_refusal_says_exactly_what_is_wrong(value, message) -> None:
    with pytest.raises(PydanticCustomError) as exc:
        parse_date(value)
    assert str(exc.value) == message


def test_the_solar_hijri_range_is_the_algorithms_own() -> None:
    """Borkowski's arithmetic (the jalaali libraries') covers -61 to 3177 SH: every four-digit year up to
    3177 converts (exactly only over 1178-1633 SH, as the module says), 3178 is refused, not guessed."""
    assert parse_date("0001-01-01 SH").start.year == 622
    assert parse_date("0009-01-01 SH").start.year == 630
    last = parse_date("3177 SH")
    assert (last.start.year, last.end.year) == (3798, 3799)
    with pytest.raises(PydanticCustomError, match="outside the supported range"):
        parse_date("3178 SH")


def test_solar_hijri_years_follow_each_other_over_the_whole_range() -> None:
    """Over every four-digit year the algorithm accepts, a year's last day (29 or 30 Esfand, as the leap rule
    says) is the eve of the next Nowruz: the leap rule and the Nowruz day never disagree."""
    for y in range(1, 3177):
        last = sh_to_gregorian(y, 12, sh_month_length(y, 12))
        assert sh_to_gregorian(y + 1, 1, 1) == last + dt.timedelta(days=1), y


def test_over_the_exact_range_the_leap_years_are_those_of_the_33_year_cycle() -> None:
    """Over 1178-1633 SH, the range the module calls exact, Borkowski's astronomical arithmetic gives the same
    leap years as the plain 33-year cycle (years whose remainder by 33 is 1, 5, 9, 13, 17, 22, 26 or 30) and
    the same Nowruz days; both cross-checked against jdatetime 6.1.1, whose rule that cycle is."""
    for y in range(1178, 1634):
        assert (sh_month_length(y, 12) == 30) == (y % 33 in (1, 5, 9, 13, 17, 22, 26, 30)), y
    nowruz = {1178: D(1799, 3, 21), 1181: D(1802, 3, 21), 1210: D(1831, 3, 21), 1211: D(1832, 3, 21),
              1300: D(1921, 3, 21), 1354: D(1975, 3, 21), 1500: D(2121, 3, 21), 1633: D(2254, 3, 21)}
    assert {y: sh_to_gregorian(y, 1, 1) for y in nowruz} == nowruz
