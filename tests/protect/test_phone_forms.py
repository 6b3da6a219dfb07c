"""phone_forms: the other ways a protected phone number is written, each of which the audit seeks.

The forms come from libphonenumber's data; the cases here are Iranian and US numbers whose forms
the numbering plans fix (country code, trunk prefix 0 in Iran, none kept in the US national digits).
"""
from __future__ import annotations

import pytest

from casebuilder.protect import phone_forms


@pytest.mark.parametrize("written,region,forms", [
    ("+98 912 345 6789", None, ["0098 9123456789", "09123456789", "9123456789"]),
    ("0098 912 345 6789", None, ["+98 9123456789", "09123456789", "9123456789"]),  # 00 is the international prefix
    ("0912 345 6789", "IR", ["+98 9123456789", "0098 9123456789", "9123456789"]),  # the case's state places it
    ("+1 (202) 555-0143", None, ["001 2025550143", "2025550143"]),
    ("202-555-0143", "US", ["+1 2025550143", "001 2025550143"]),
    ("+98 912 345 6789", "US", ["0098 9123456789", "09123456789", "9123456789"]),  # its own code wins
])
def test_every_other_form_of_a_number(written, region, forms):
    assert phone_forms(written, region) == forms


@pytest.mark.parametrize("written,region", [
    ("0912 345 6789", None),  # no country code and no state: nothing to place it with
    ("0912 345 6789", "IRN"),  # a state is two letters; anything else is not used
    ("0912 345 6789", ""),
    ("912 345", "IR"),  # six digits: a year, an age, a sum; not a phone number
    ("+98 1", None),
    ("Room 12345678", None),  # words: not a number at all
    ("+98 912 345 6789 ext", None),
    ("+98 1234 5678 9012 3456", None),  # too long for any plan
])
def test_what_is_not_a_placeable_phone_number_has_no_forms(written, region):
    assert phone_forms(written, region) == []


def test_seven_digits_are_enough():
    assert phone_forms("123 4567", "IR") == ["+98 1234567", "0098 1234567"]
