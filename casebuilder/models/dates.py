"""Dates as human-rights documentation writes them.

Accepted forms (kept verbatim for display, converted to a Gregorian interval for sorting and
analysis):

* ``2026-01-04`` exact, ``2026-01`` month, ``2026`` year;
* ``~2026-01-08`` approximate (or ``approximate: true`` in a range);
* ``1404-10-14 SH`` Solar Hijri (the official Iranian calendar), converted exactly;
* ``{start: 2026-01-03, end: 2026-01-04}`` a range (either end may use any form above).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from .common import JSON_KEYS

_DATE_RE = re.compile(r"^(?P<approx>~)?\s*(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?(?P<sh>\s*SH)?$")

# Solar Hijri (jalaali) <-> Gregorian, after Borkowski's algorithm as used by the jalaali
# libraries: exact for the astronomical Iranian calendar over 1178-1633 SH.
_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262,
           2324, 2394, 2456, 3178)


def _div(a: int, b: int) -> int:
    return int(a / b)


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def _jal_cal(jy: int) -> tuple[int, int, int]:
    """Return (leap, gregorian_year, march_day_of_nowruz); leap == 0 means a leap year."""
    if jy < _BREAKS[0] or jy >= _BREAKS[-1]:
        raise ValueError(f"Solar Hijri year {jy} is outside the supported range")
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    if leap == -1:
        leap = 4
    return leap, gy, march


def sh_month_length(jy: int, jm: int) -> int:
    if jm <= 6:
        return 31
    if jm <= 11:
        return 30
    return 30 if _jal_cal(jy)[0] == 0 else 29


def sh_to_gregorian(jy: int, jm: int, jd: int) -> dt.date:
    """Convert a Solar Hijri date to the Gregorian calendar; ValueError if it does not exist."""
    if not 1 <= jm <= 12:
        raise ValueError(f"month {jm} does not exist in the Solar Hijri calendar (1-12)")
    length = sh_month_length(jy, jm)
    if not 1 <= jd <= length:
        raise ValueError(f"day {jd} does not exist in Solar Hijri month {jy}-{jm:02d} ({length} days)")
    _, gy, march = _jal_cal(jy)
    nowruz = dt.date(gy, 3, march)
    offset = (jm - 1) * 31 - _div(jm, 7) * (jm - 7) + jd - 1
    return nowruz + dt.timedelta(days=offset)


class DateSpec(BaseModel):
    """A parsed date: the text as written and the Gregorian interval it denotes."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: dt.date
    end: dt.date
    approximate: bool = False
    calendar: Literal["gregorian", "solar-hijri"] = "gregorian"
    precision: Literal["day", "month", "year"] = "day"

    def gregorian(self) -> str:
        """The Gregorian rendering ('4 January 2026', 'January 2026', '3-4 January 2026')."""
        def one(d: dt.date, precision: str) -> str:
            if precision == "year":
                return str(d.year)
            if precision == "month":
                return d.strftime("%B %Y")
            return f"{d.day} {d.strftime('%B %Y')}"

        if self.start == self.end or (self.precision != "day" and _covers_unit(self)):
            s = one(self.start, self.precision)
        elif self.start.year == self.end.year and self.start.month == self.end.month and self.precision == "day":
            s = f"{self.start.day}\u2013{self.end.day} {self.start.strftime('%B %Y')}"
        else:
            s = f"{one(self.start, 'day')} \u2013 {one(self.end, 'day')}"
        return ("c. " if self.approximate else "") + s

    def display(self) -> str:
        """As the source gave it, with the Gregorian beside a Solar Hijri original."""
        return _display(self)

    def __str__(self) -> str:
        return self.text


@functools.lru_cache(maxsize=65536)
def _display(d: DateSpec) -> str:  # a large brief shows the same few hundred dates 500,000 times
    if d.calendar == "solar-hijri":
        return f"{d.text} ({d.gregorian()})"
    return d.gregorian()


def _covers_unit(d: DateSpec) -> bool:
    if d.precision == "year":
        return d.start == dt.date(d.start.year, 1, 1) and d.end == dt.date(d.start.year, 12, 31)
    if d.precision == "month":
        return d.start.day == 1 and (d.end + dt.timedelta(days=1)).day == 1 and d.start.month == d.end.month
    return False


def _bad(msg: str) -> PydanticCustomError:
    return PydanticCustomError("invalid_date", msg)


@functools.lru_cache(maxsize=4096)
def parse_point(text: str) -> DateSpec:
    """Parse one date (not a range) into the interval it covers.

    Remembered by text: a large case writes the same few hundred dates tens of thousands of times,
    and a DateSpec is frozen, so every field written ``2026-01-08`` can share one."""
    m = _DATE_RE.match(text.strip())
    if not m:
        raise _bad(
            f"expected a date like 2026-01-04, 2026-01, ~2026-01-08 or 1404-10-14 SH, got {text!r}"
        )
    y = int(m["y"])
    mo = int(m["m"]) if m["m"] else None
    d = int(m["d"]) if m["d"] else None
    approx = bool(m["approx"])
    precision = "day" if d else "month" if mo else "year"
    if m["sh"]:
        try:
            if d:
                start = end = sh_to_gregorian(y, mo, d)
            elif mo:
                start = sh_to_gregorian(y, mo, 1)
                end = sh_to_gregorian(y, mo, sh_month_length(y, mo))
            else:
                start = sh_to_gregorian(y, 1, 1)
                end = sh_to_gregorian(y, 12, sh_month_length(y, 12))
        except ValueError as e:
            raise _bad(f"impossible Solar Hijri date {text!r}: {e}") from None
        cal = "solar-hijri"
    else:
        try:
            if d:
                start = end = dt.date(y, mo, d)
            elif mo:
                start = dt.date(y, mo, 1)
                end = (dt.date(y + (mo == 12), mo % 12 + 1, 1)) - dt.timedelta(days=1)
            else:
                start, end = dt.date(y, 1, 1), dt.date(y, 12, 31)
        except ValueError as e:
            raise _bad(f"impossible date {text!r}: {e}") from None
        cal = "gregorian"
    return DateSpec(text=text.strip(), start=start, end=end, approximate=approx, calendar=cal, precision=precision)


def parse_date(value: Any, keys: list | None = None) -> DateSpec:
    """Validator for every date field: a string (or a bare year) or a {start, end, approximate} range.
    ``keys``: a counter of the keys of the mappings read (see common.JSON_KEYS)."""
    if value.__class__ is str:  # the usual case, first
        return parse_point(value)
    if isinstance(value, DateSpec):
        return value
    if isinstance(value, bool):
        raise _bad(f"expected a date, got {value!r}")
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        return parse_point(value)
    if isinstance(value, dict):
        unknown = set(value) - {"start", "end", "approximate"}
        if unknown:
            raise _bad(f"a date range takes only start, end and approximate; got {', '.join(sorted(map(str, unknown)))}")
        if "start" not in value:
            raise _bad("a date range needs a start")
        if keys is not None:
            keys[0] += len(value)
        start = parse_date(value["start"])
        has_end = value.get("end") is not None  # not `end is start`: equal dates are one shared object
        end = parse_date(value["end"]) if has_end else start
        approx = value.get("approximate", False)
        if not isinstance(approx, bool):
            raise _bad("approximate must be true or false")
        if end.end < start.start:
            raise _bad(f"the range ends ({end.text}) before it starts ({start.text})")
        text = f"{start.text} \u2013 {end.text}" if has_end else start.text
        cal = "solar-hijri" if "solar-hijri" in (start.calendar, end.calendar) else "gregorian"
        return DateSpec(text=text, start=start.start, end=end.end, approximate=approx or start.approximate or end.approximate,
                        calendar=cal, precision="day" if has_end else start.precision)
    raise _bad(f"expected a date string or a {{start, end}} range, got {type(value).__name__}")


_POINT_SCHEMA = {
    "type": "string",
    "pattern": r"^~?\s*\d{4}(-\d{1,2}(-\d{1,2})?)?(\s*SH)?$",
    "description": "2026-01-04, 2026-01, 2026, ~2026-01-08 (approximate) or 1404-10-14 SH (Solar Hijri)",
}
DATE_JSON_SCHEMA = {
    "anyOf": [
        _POINT_SCHEMA,
        {"type": "integer", "description": "a bare year"},
        {
            "type": "object",
            "properties": {
                "start": {"anyOf": [_POINT_SCHEMA, {"type": "integer"}]},
                "end": {"anyOf": [_POINT_SCHEMA, {"type": "integer"}]},
                "approximate": {"type": "boolean"},
            },
            "required": ["start"],
            "additionalProperties": False,
        },
    ]
}

def _validate_date(value: Any, info: ValidationInfo) -> DateSpec:
    if value.__class__ is str:
        return parse_point(value)
    context = info.context
    return parse_date(value, context.get(JSON_KEYS) if context else None)


Date = Annotated[DateSpec, BeforeValidator(_validate_date), WithJsonSchema(DATE_JSON_SCHEMA)]
