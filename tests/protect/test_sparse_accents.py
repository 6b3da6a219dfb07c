"""A long text in Latin letters with one accented letter in a protected name (output text is mostly ASCII:
the folding takes only its non-ASCII runs): the name is found, as in a short text."""
from __future__ import annotations

import pytest

from casebuilder.audit import audit_bytes
from casebuilder.protect import Protected

LONG = ("The report was written in January 2026 by the field team from interviews held in three cities; "
        "it names {} as a witness to the events of that night, and lists the hospitals visited afterwards.")


@pytest.mark.parametrize("written", ["Par\u00edsa Fictional", "Parisa Ficti\u00f3nal", "PAR\u00cdSA FICTIONAL"])
def test_one_accented_letter_in_a_long_latin_text(written):
    text = LONG.format(written)
    assert len(text) > 32 * 3 and sum(not c.isascii() for c in text) == 1
    leaks = audit_bytes(text.encode(), "txt", [Protected("p-a", "name", "Parisa Fictional")])
    assert [(lk.person_id, lk.where) for lk in leaks] == [("p-a", "line 1")]
