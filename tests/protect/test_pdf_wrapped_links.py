"""A Markdown link printed as written in a PDF, its line wrapped between the ']' and the '(' or inside the
link's target: the name around it is read as a reader reads it ("[Karkar](https://x.org/Ka) Karkarkar" is
"Karkar Karkarkar"), wherever the line breaks."""
from __future__ import annotations

import html

import pytest
import weasyprint

from casebuilder.audit import audit_bytes
from casebuilder.protect import Protected
from casebuilder.protect.variants import strip_markup

NAME = [Protected("p-a", "name", "Karkar Karkarkar")]


def pdf(text: str, width: int) -> bytes:
    page = (f"<html><body style=\"font-family:'DejaVu Sans'\"><p style='width:{width}px'>"
            f"{html.escape(text)}</p></body></html>")
    return weasyprint.HTML(string=page).write_pdf()


@pytest.mark.parametrize("width", [40, 80, 120, 160, 200, 320, 360])   # breaks before '(', after '//', before 'Ka)'
def test_a_name_around_a_wrapped_markdown_link_is_found_in_a_pdf(width):
    leaks = audit_bytes(pdf("key: aaaa bbbb cccc [Karkar](https://x.org/Ka) Karkarkar", width), "pdf", NAME)
    assert {lk.person_id for lk in leaks} == {"p-a"}


@pytest.mark.parametrize("text", ["[Karkar]\n(https://x.org/Ka) Karkarkar", "[Karkar](https://\nx.org/Ka) Karkarkar",
                                  "[Karkar](https://x.org/\nKa)\nKarkarkar", "[Karkar](https://x.org/(a)\nb) Karkarkar"])
def test_a_line_break_in_a_link_target_is_read_past(text):
    assert strip_markup(text).split() == ["[Karkar]", "Karkarkar"]


def test_a_parenthesis_after_a_blank_line_is_not_a_link_target():
    assert strip_markup("[Karkar]\n\n(a note) Karkarkar") == "[Karkar]\n\n(a note) Karkarkar"
