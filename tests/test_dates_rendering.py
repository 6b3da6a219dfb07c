"""The Gregorian rendering of a date never claims a whole month or year its interval does not cover: a
``DateSpec`` handed to the models as it is (the API accepts one) whose precision says "month" or "year" but
whose interval is part of one is rendered by its days."""
from __future__ import annotations

import datetime as dt

import pytest

from casebuilder.models.dates import DateSpec, parse_date


@pytest.mark.parametrize("start,end,precision,shown", [
    ((2026, 1, 1), (2026, 6, 30), "year", "1 January 2026 \u2013 30 June 2026"),
    ((2026, 3, 1), (2026, 12, 31), "year", "1 March 2026 \u2013 31 December 2026"),
    ((2026, 1, 1), (2026, 12, 31), "year", "2026"),
    ((2026, 1, 1), (2026, 1, 15), "month", "1 January 2026 \u2013 15 January 2026"),
    ((2026, 1, 10), (2026, 1, 31), "month", "10 January 2026 \u2013 31 January 2026"),
    ((2026, 1, 1), (2026, 2, 28), "month", "1 January 2026 \u2013 28 February 2026"),
    ((2026, 2, 1), (2026, 2, 28), "month", "February 2026"),
])
def test_a_unit_is_named_only_when_the_interval_covers_it(start, end, precision, shown) -> None:
    d = DateSpec(text="as given", start=dt.date(*start), end=dt.date(*end), precision=precision)
    assert d.gregorian() == shown
    assert parse_date(d) is d  # taken as it is


def test_solar_hijri_months_and_years_are_rendered_by_their_gregorian_days() -> None:
    assert parse_date("1404-10 SH").display() == "1404-10 SH (22 December 2025 \u2013 20 January 2026)"
    assert parse_date("1404 SH").display() == "1404 SH (21 March 2025 \u2013 20 March 2026)"
