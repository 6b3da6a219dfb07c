"""A right-to-left name written in visual order (its letters reversed, as some PDF producers and hand-made
exports store it) is still the name: the audit finds it either way."""
from __future__ import annotations

import pytest

from casebuilder.audit import audit_bytes
from casebuilder.protect import Protected

NAME = "\u067e\u0631\u06cc\u0633\u0627 \u06a9\u0627\u0638\u0645\u06cc"  # Parisa Kazemi, in Persian
HEBREW = "\u05e9\u05e8\u05d4 \u05db\u05d4\u05df"  # Sarah Cohen: Hebrew letters are right-to-left (R), not Arabic (AL)


@pytest.mark.parametrize("name", [NAME, HEBREW], ids=["persian", "hebrew"])
@pytest.mark.parametrize("reverse", [False, True], ids=["logical", "visual"])
def test_a_right_to_left_name_in_either_order_is_found(name, reverse):
    written = name[::-1] if reverse else name
    leaks = audit_bytes(f"Report: {written} was seen.".encode(), "txt", [Protected("p-a", "name", name)])
    assert [(lk.person_id, lk.field) for lk in leaks] == [("p-a", "name")]


def test_a_latin_name_reversed_is_no_match():
    """Only right-to-left script is read backwards: 'lanoitciF asiraP' is not Parisa Fictional."""
    assert audit_bytes(b"Report: lanoitciF asiraP was seen.", "txt",
                       [Protected("p-a", "name", "Parisa Fictional")]) == []


@pytest.mark.parametrize("markup", ['<bdo dir="rtl">lanoitciF asiraP</bdo>', "<bdo dir=rtl>lanoit<i>ciF</i> asiraP</bdo>",
                                    '<BDO lang="en" DIR="RTL">lanoitciF asiraP</BDO>'])
def test_a_latin_name_drawn_reversed_by_bdo_in_html_is_found(markup):
    """A hand-edited HTML file: ``<bdo dir="rtl">`` draws its letters right to left, so the reader sees
    the name (any markup inside it read past too)."""
    leaks = audit_bytes(f"<html><body><p>Seen by {markup}.</p></body></html>".encode(), "html",
                        [Protected("p-a", "name", "Parisa Fictional")])
    assert [(lk.person_id, lk.field) for lk in leaks] == [("p-a", "name")]
