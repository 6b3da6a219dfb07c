"""The YAML edit on its own: indentation guessed from the file; the edit merged onto the original text."""
from __future__ import annotations

import pytest

from casebuilder.integrity.yamledit import Addition, EditRefused, apply_additions, guess_indent, line_map

H = "ab" * 32


@pytest.mark.parametrize("text, expected", [
    ("evidence:\n  - id: a\n    exhibit:\n      path: x\n", (2, 4, 2)),
    ("evidence:\n- id: a\n  exhibit:\n    path: x\n", (2, 2, 0)),
    ("evidence:\n    -   id: a\n        exhibit:\n            path: x\n", (4, 8, 4)),
    ("case:\n  id: x\n", (2, 4, 2)),
])
def test_guess_indent(text: str, expected: tuple[int, int, int]) -> None:
    assert guess_indent(text) == expected


def addition(index: int = 0, ev: str = "ev-a") -> Addition:
    return Addition(index, ev, {"sha256": H, "size": 3},
                    {"date": "2026-02-01", "by": "Me", "action": "verified", "sha256": H})


def test_reflowed_text_elsewhere_is_kept_verbatim() -> None:
    text = ("evidence:\n  - id: ev-a\n    summary: one line that goes\n      on to a second\n"
            "    exhibit:\n      path: a.txt")  # and no final newline
    out = apply_additions(text, [addition()])
    assert out == ("evidence:\n  - id: ev-a\n    summary: one line that goes\n      on to a second\n"
                   f"    exhibit:\n      path: a.txt\n      sha256: {H}\n      size: 3\n    custody:\n"
                   f'      - {{date: "2026-02-01", by: Me, action: verified, sha256: {H}}}')


def test_single_quoted_custody_dates_stay_single_quoted() -> None:
    text = "evidence:\n  - id: ev-a\n    exhibit: {path: a}\n    custody:\n      - date: '2026-01-01'\n" \
           "        by: X\n        action: collected\n"
    out = apply_additions(text, [addition()])
    assert out.endswith("      - date: '2026-02-01'\n        by: Me\n        action: verified\n"
                        f"        sha256: {H}\n")  # block entries continue in block style


def test_wrong_item_is_refused() -> None:
    with pytest.raises(EditRefused) as exc:
        apply_additions("evidence:\n  - id: ev-b\n    exhibit: {path: a}\n", [addition(0, "ev-a")])
    assert (exc.value.evidence_id, exc.value.reason, str(exc.value)) == (
        "ev-a", "item 0 of `evidence` is not 'ev-a'", "item 0 of `evidence` is not 'ev-a'")


def test_an_edit_falling_on_reformatted_text_is_refused_naming_the_first_item() -> None:
    """Text the round trip would re-format (a flow mapping over two lines): the whole file is refused, and the
    refusal names the item whose lines could not be placed, even when several items were to be edited."""
    text = ("evidence:\n  - id: ev-a\n    exhibit: {path: a.txt,\n      media_type: text/plain}\n"
            "  - id: ev-b\n    exhibit: {path: b.txt,\n      media_type: text/plain}\n")
    for additions in ([addition(0, "ev-a")], [addition(0, "ev-a"), addition(1, "ev-b")]):
        with pytest.raises(EditRefused) as exc:
            apply_additions(text, additions)
        assert (exc.value.evidence_id, exc.value.reason) == (
            "ev-a", "the place to add the lines is in text that would be re-formatted")


def test_line_map_follows_lines_past_insertions() -> None:
    assert line_map("a\nb\nc\n", "a\nx\ny\nb\nc\n") == {1: 1, 2: 4, 3: 5}


def test_new_lines_go_above_comments_that_introduce_what_follows() -> None:
    text = ("evidence:\n  - id: ev-a\n    exhibit: {path: a}\n    custody:\n      - {date: '2026-01-01', by: X, action: collected}\n"
            "    # checked by Y\n    reliability: B\n\n# end of the register\n")
    out = apply_additions(text, [addition()])
    assert out == text.replace("collected}\n", f"collected}}\n      - {{date: '2026-02-01', by: Me, action: verified, sha256: {H}}}\n") \
        .replace("{path: a}", f"{{path: a, sha256: {H}, size: 3}}")


def test_line_map_follows_a_long_file_of_repeated_lines() -> None:
    """Hundreds of identical lines (blank lines, `kind: document`) are matched line by line, not set aside as junk."""
    old = "    kind: document\n" * 300
    assert line_map(old, "added\n" + old) == {i: i + 1 for i in range(1, 301)}


def test_an_entry_added_after_reformatted_text_ending_the_file_goes_at_its_end() -> None:
    """The last custody entry is a flow mapping over two lines, which the round trip re-formats: the new entry
    follows it at the end of the file, and that entry's lines stay as written."""
    text = ("evidence:\n  - id: ev-a\n    exhibit: {path: a}\n    custody:\n"
            "      - {date: '2026-01-01', by: X,\n         action: collected}\n")
    assert apply_additions(text, [addition()]) == text.replace("{path: a}", f"{{path: a, sha256: {H}, size: 3}}") \
        + f"      - {{date: '2026-02-01', by: Me, action: verified, sha256: {H}}}\n"


def test_an_entry_to_add_between_two_reformatted_texts_is_refused() -> None:
    """The new custody entry would go between two re-formatted texts (the last entry over two lines, a summary
    over two lines): there is no original line to put it after, and the file is refused, not spliced elsewhere."""
    text = ("evidence:\n  - id: ev-a\n    exhibit: {path: a}\n    custody:\n"
            "      - {date: '2026-01-01', by: X,\n         action: collected}\n"
            "    summary: one line that goes\n      on to a second\n  - id: ev-b\n    exhibit: {path: b}\n")
    with pytest.raises(EditRefused) as exc:
        apply_additions(text, [addition()])
    assert (exc.value.evidence_id, exc.value.reason) == (
        "ev-a", "the place to add the lines is in text that would be re-formatted")
