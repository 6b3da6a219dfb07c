"""Text normalisation for leak matching: two spellings a reader takes for the same name compare equal.

A name leaks whether it is written ``Parisa``, ``PARISA``, ``Parísa`` or with a zero-width joiner
inside; a Persian name leaks whether a keyboard produced Arabic ``ي``/``ك`` or Persian ``ی``/``ک``.
The audit therefore compares *normalised* forms of the protected strings and of the output text.
The forms are deliberately lossy (they only ever serve comparison, never display).
"""
from __future__ import annotations

import re
import unicodedata

from .confusables import caseless_map

_DROP = ("Mn", "Me", "Cf")  # combining marks (accents, harakat, hamza/madda above) and invisible format chars

# Arabic-script letters that Persian and Arabic keyboards, fonts and PDF extractors use interchangeably.
_LETTERS = {
    "\u064a": "\u06cc",  # ي Arabic yeh → ی Farsi yeh
    "\u0649": "\u06cc",  # ى alef maksura → ی
    "\u0643": "\u06a9",  # ك Arabic kaf → ک keheh
    "\u0629": "\u0647",  # ة teh marbuta → ه
    "\u06c0": "\u0647",  # ۀ heh with yeh above → ه
    "\u06d5": "\u0647",  # ە ae → ه
    "\u06c1": "\u0647",  # ہ heh goal → ه
    "\u0671": "\u0627",  # ٱ alef wasla → ا
    "\u0640": None,      # ـ tatweel (kashida), pure elongation
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06f0 + i): str(i) for i in range(10)},  # Persian digits
    # ZWNJ separates a Persian word from its suffix ('کاظمی‌ها', the Kazemis) and the parts of a
    # compound: a word boundary, not nothing (a name is still found with a ZWNJ inside it: the
    # matcher allows one space between any two letters)
    "\u200c": " ",
    # Hangul fillers: letters (category Lo) that draw nothing, so they hide inside a name unseen
    "\u115f": None, "\u1160": None, "\u3164": None, "\uffa0": None,
}


class _Table(dict):
    """``str.translate`` table: the letter map, plus deletion of every mark and format character,
    decided per code point on first sight (a full table would cost a pass over all of Unicode)."""

    def __missing__(self, cp: int):
        value = None if unicodedata.category(chr(cp)) in _DROP else cp
        self[cp] = value
        return value


_TABLE = _Table(str.maketrans(_LETTERS))

_WORD = re.compile(r"[^\W_]+")
_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")


class _Skeleton(dict):
    """``str.translate`` table of the look-alike skeleton, blind to case
    (:func:`.confusables.caseless_map`), filled on first use."""

    def __missing__(self, cp: int):
        if not self.get("loaded"):
            self.update({ord(k): v for k, v in caseless_map().items()}, loaded=True)
            if cp in self:
                return self[cp]
        self[cp] = cp
        return cp


_SKELETON = _Skeleton()


def _unicode_fold(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).translate(_SKELETON).casefold()
    s = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", s.translate(_TABLE))


def _fold(text: str) -> str:
    """Every character folded (case, compatibility forms, marks, letter variants), whitespace
    left as it is.

    Output text is mostly ASCII with a dash or a quotation mark here and there, and the Unicode
    passes cost ten times what ``lower`` does: so where non-ASCII runs are sparse, only they take
    them.  That gives the same result as folding the whole text, because nothing folds across the
    edge of a run: the normalisations compose a base letter only with a combining mark, and marks
    are dropped; ASCII folds to its lower case."""
    if text.isascii():
        return text.lower()
    parts = _NON_ASCII.split(text)  # ASCII, non-ASCII, ASCII, ...
    if len(parts) > len(text) // 32:  # dense (Persian, say): one pass over all is cheaper
        return _unicode_fold(text)
    parts[0::2] = [p.lower() for p in parts[0::2]]
    parts[1::2] = [_unicode_fold(p) for p in parts[1::2]]
    return "".join(parts)


def normalise(text: str) -> str:
    """Casefold, NFKC, strip diacritics (Latin accents, Arabic harakat, hamza and madda marks),
    unify Arabic/Persian letter variants and digits, drop invisible format characters (ZWJ, ZWSP,
    soft hyphen, bidi marks, BOM) and Hangul fillers, read a ZWNJ as a word boundary, map
    look-alike letters to their confusables skeleton (Cyrillic 'а' → 'a', dotless 'ı' → 'i'; see
    :mod:`.confusables`) and collapse whitespace.

    Order matters: NFKC first folds presentation forms (what PDF extractors often return) into base
    letters; NFD then splits ``آ``/``أ``/``ؤ``/``ئ`` into base letter + mark so that dropping marks
    also unifies the hamza forms.
    """
    return " ".join(_fold(text).split())  # str.split's whitespace is the regex's \s


def loose(text: str) -> str:
    """``normalise`` with every run of punctuation or symbols turned into one space: only words remain.

    ``Fictional-Example``, ``Fictional‑Example`` (non-breaking hyphen), ``Fictional-\\nExample`` (a
    line break in PDF text) and ``**Fictional** Example`` (Markdown) all become ``fictional example``.
    """
    return " ".join(_WORD.findall(_fold(text)))


def compact(text: str) -> str:
    """``loose`` without spaces: the form in which words split or joined by extraction still match."""
    return loose(text).replace(" ", "")
