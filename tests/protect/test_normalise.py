"""normalise / loose / compact: spellings a reader takes for the same name compare equal."""
from __future__ import annotations

import pytest

from casebuilder.protect import compact, loose, normalise

ZWJ, ZWNJ, ZWSP, SHY, RLM, LRE, PDF_, BOM = "\u200d", "\u200c", "\u200b", "\u00ad", "\u200f", "\u202a", "\u202c", "\ufeff"


@pytest.mark.parametrize("variant", [
    "PARISA EXAMPLE",                      # case
    "Parísa Exämple",                      # Latin diacritics
    "Ｐａｒｉｓａ Example",                  # full-width (NFKC)
    f"Par{ZWJ}isa Ex{ZWSP}ample",          # zero-width joiner and space
    f"Pari{SHY}sa Exam{SHY}ple",           # soft hyphens (word-processor hyphenation)
    f"{RLM}Parisa{LRE} Example{PDF_}{BOM}",  # bidi marks and embeddings, BOM
    "Parisa \n\t  Example",                # whitespace
])
def test_latin_variants_normalise_equal(variant):
    assert normalise(variant) == normalise("Parisa Example") == "parisa example"


@pytest.mark.parametrize("written, canonical", [
    ("علي", "علی"),                 # Arabic yeh / Farsi yeh
    ("كريمي", "کریمی"),             # Arabic kaf / keheh
    ("فاطمة", "فاطمه"),             # teh marbuta / heh
    ("آزاده", "ازاده"),             # alef with madda
    ("أحمد", "احمد"),               # alef with hamza above
    ("مؤمن", "مومن"),               # waw with hamza
    ("عَلِيّ", "علی"),                # harakat (fatha, kasra, shadda)
    (f"پر{ZWJ}یسا", "پریسا"),        # ZWJ
    ("مهـــسا", "مهسا"),             # tatweel (kashida)
    ("ﻋﻠﻲ", "علی"),                  # presentation forms, as PDF extraction may return them
])
def test_arabic_and_persian_variants_normalise_equal(written, canonical):
    assert normalise(written) == normalise(canonical)


def test_a_zwnj_is_a_word_boundary_that_compact_forms_ignore():
    """'نمونه‌ای': a ZWNJ separates a word from its suffix; the matcher's space-free form still
    equals the word written without it, so a name with a ZWNJ inside is still found."""
    assert normalise("نمونه\u200cای") == "نمونه ای"
    assert compact("نمونه\u200cای") == compact("نمونهای")


def test_persian_and_arabic_digits_become_ascii():
    assert normalise("۰۹۱۲ ٣٤٥") == "0912 345"


def test_loose_keeps_only_words():
    for text in ("Fictional-Example", "Fictional\u2011Example", "Fictional-\nExample", "**Fictional** _Example_",
                 "Fictional, Example."):
        assert loose(text) == "fictional example"


def test_compact_removes_spaces_so_split_words_still_compare():
    assert compact("Pari sa Fic tional-Example") == compact("Parisa Fictional Example") == "parisafictionalexample"


def test_different_names_stay_different():
    assert normalise("Ali Rezaei") != normalise("Ali Rezaeipour")
    assert normalise("مهسا") != normalise("مهشید")



def _reference_normalise(text: str) -> str:
    """The definition, one pass over the whole text (what the fast paths must equal)."""
    import re
    import unicodedata

    from casebuilder.protect.normalise import _SKELETON, _TABLE

    s = unicodedata.normalize("NFKC", text).translate(_SKELETON).casefold()
    s = unicodedata.normalize("NFD", s)
    s = unicodedata.normalize("NFC", s.translate(_TABLE))
    return re.sub(r"\s+", " ", s).strip()


def test_the_fast_paths_equal_the_definition():
    """Mostly-ASCII text is folded run by run, dense non-ASCII text in one pass: both must give
    exactly what folding the whole text gives, whatever the mix."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from([
        "a", "Z", "0", "_", " ", "-", ",", "\n", "\t", "\x1c", "e\u0301", "\u0301", "\u0341", "é", "É", "ß",
        "İ", "Σ", "ς", "ﬁ", "Ａ", "\u00a0", "\u2003", "\u2013", "«", "پ", "ي", "ك", "آ", "\u064b", "۱",
        ZWJ, ZWNJ, SHY, RLM, BOM, "\u1100\u1161", "각", "ǂ",
    ])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=80), st.integers(0, 40))
    def check(parts, padding):
        text = "".join(parts) + "x " * padding  # padding makes non-ASCII sparse: the run-by-run path
        assert normalise(text) == _reference_normalise(text)
        assert loose(text) == re.sub(r"[\W_]+", " ", _reference_normalise(text)).strip()

    check()
