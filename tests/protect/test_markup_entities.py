"""A text file that holds markup is read as its markup shows it too: character references among the tags
(`&#32;`, `&nbsp;`, `&#x20;`) are the characters they stand for, so a name spelt with them is found."""
from __future__ import annotations

import pytest

from casebuilder.audit import audit_bytes
from casebuilder.protect import Protected


@pytest.mark.parametrize("text", ["Seen: <b>Parisa</b>&#32;Fictional today.",
                                  "Seen: Parisa&nbsp;Fictional <i>today</i>.",
                                  "Seen: <span>Parisa&#x20;Fictional</span>"])
def test_a_name_spelt_with_character_references_among_tags_is_found(text):
    leaks = audit_bytes(text.encode(), "txt", [Protected("p-a", "name", "Parisa Fictional")])
    assert [(lk.person_id, lk.where) for lk in leaks] == [("p-a", "line 1")]
