"""Look-alike letters (casebuilder/protect/confusables.py): a name spelled with letters of another
script reads as the name; what the module docstring says it deliberately leaves alone stays alone."""
from __future__ import annotations

import unicodedata

import pytest

from casebuilder.protect import loose, normalise
from casebuilder.protect.confusables import caseless_map, skeleton_map

RIGHT_TO_LEFT = ("R", "AL", "AN")


@pytest.mark.parametrize("disguised,plain", [
    ("\u0420\u0430ris\u0430", "parisa"),  # Cyrillic Р and а
    ("Par\u0131sa", "parisa"),  # dotless ı
    ("\u03a1\u0391R\u0399S\u0391", "parisa"),  # Greek capitals
    ("\u049aarim", "karim"),  # Cyrillic Қ, ka with descender: its skeleton is K's once its mark is dropped
    ("\u049b\u0430rim", "karim"),  # and its lower case
    ("C\u0153ur", "coeur"),  # a ligature reads as its two letters
    ("J\u00f6rg", "jorg"),  # an accent is dropped, not read as a letter of another script
])
def test_look_alike_letters_read_as_the_letters_they_imitate(disguised, plain):
    assert normalise(disguised) == plain
    assert loose(f"seen by {disguised} at the gate") == f"seen by {plain} at the gate"


@pytest.mark.parametrize("text,form", [
    ("\u05e1\u05d5\u05d8", "\u05e1\u05d5\u05d8"),  # Hebrew samekh, vav, tet (confusables.txt: o, l, v)
    ("\u05df", "\u05df"),  # Hebrew final nun (l)
    ("\u0661\u0662\u066b\u0665", "12\u066b5"),  # Arabic-Indic 12٫5: digits unified, the separator is no comma
])
def test_right_to_left_script_is_not_read_as_latin(text, form):
    assert normalise(text) == form


def test_persian_hamza_forms_unify_rather_than_turn_latin():
    assert normalise("\u0623\u062d\u0645\u062f") == "\u0627\u062d\u0645\u062f"  # أحمد → احمد
    assert normalise("\u0624") == "\u0648"  # ؤ → و


def test_what_the_skeleton_deliberately_leaves_alone():
    """The module docstring's exclusions, over the whole map: no ASCII source, no letter of a
    right-to-left script on either side, no digit of any script, no letter turned into punctuation."""
    for m in (skeleton_map(), caseless_map()):
        assert len(m) > 1000  # the data is there
        for src, target in m.items():
            assert not src.isascii(), src
            assert unicodedata.bidirectional(src) not in RIGHT_TO_LEFT, hex(ord(src))
            assert not any(unicodedata.bidirectional(c) in RIGHT_TO_LEFT for c in target), (hex(ord(src)), target)
            assert unicodedata.category(src) != "Nd", hex(ord(src))
            assert target
            if unicodedata.category(src).startswith("L"):
                assert any(c.isalnum() for c in target), (hex(ord(src)), target)


def test_the_skeleton_of_a_text_replaces_each_look_alike_and_keeps_the_rest():
    from casebuilder.protect.confusables import skeleton

    assert skeleton("\u0420\u0430ris\u0430 F.") == "parisa F."  # the map's targets are case-folded
    assert skeleton("Parisa \u0645\u0647\u0633\u0627 123") == "Parisa \u0645\u0647\u0633\u0627 123"
    assert skeleton("") == ""
