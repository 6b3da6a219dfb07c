"""Look-alike letters: the confusables skeleton of Unicode Technical Standard #39, as the audit uses it.

A hostile author can write a protected name with letters of another script that look the same
('Раrisа' with Cyrillic Р and а, 'Parısa' with a dotless ı, Greek 'Ρ'): the text reads as the name,
and a byte-for-byte search misses it.  TS #39 defines the *skeleton* of a string: each character
replaced by the prototype of its class in ``confusables.txt``, so that two strings that look alike
have the same skeleton.  The audit compares skeletons.

The data is Unicode's ``confusables.txt`` as the ``confusable-homoglyphs`` package ships it (MIT;
its ``confusables.json`` holds every source → prototype pair of the file, stored in both
directions).  Each class of that file is a star: the prototype, and every character that maps to
it; the prototype is the member linked to all others.  This module turns the pairs back into the
source → prototype map.

Deliberately *not* mapped, to keep ordinary text from matching names it merely resembles:

* ASCII characters.  The skeleton maps ``m`` to ``rn``, ``0`` to ``O``, ``1`` and ``I`` to ``l``:
  applied to ASCII, 'Karim' would match 'Kanm' and every digit string would become letters.  A
  spoof made only of ASCII ('Par1sa') is a misspelling the audit does not catch (documented).
* Letters of right-to-left scripts (Arabic, Hebrew...).  ``confusables.txt`` maps Arabic ``ا`` to
  Latin ``l`` and ``ه`` to ``o``: Persian words would turn into Latin-looking strings.  Persian and
  Arabic spelling variants are unified by the audit's own letter table instead (see
  :mod:`.normalise`).
* Digits of any script (``۱`` → ``l``): digits stay digits, so phone numbers stay numbers.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_BIDI_MARKS = str.maketrans("", "", "\u200e\u200f")  # the data wraps right-to-left characters in LRM/RLM


def _rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL", "AN")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", s).casefold())
    return "".join(c for c in s if unicodedata.category(c) not in ("Mn", "Me", "Cf"))


@lru_cache(maxsize=1)
def skeleton_map() -> dict[str, str]:
    """Character → the (case-folded) prototype of its confusables class, for the characters the
    audit maps (see the module docstring).  Built once, on first use."""
    from confusable_homoglyphs import utils  # data only: the package's API is not used

    pairs: dict[str, set[str]] = {}
    for a, targets in utils.load("confusables.json").items():
        a = a.translate(_BIDI_MARKS)
        for t in targets:
            b = t["c"].translate(_BIDI_MARKS)
            if a and b and a != b:
                pairs.setdefault(a, set()).add(b)
                pairs.setdefault(b, set()).add(a)
    out: dict[str, str] = {}
    seen: set[str] = set()
    for start in pairs:
        if start in seen:
            continue
        members, stack = [], [start]  # the connected class
        seen.add(start)
        while stack:
            x = stack.pop()
            members.append(x)
            for y in pairs[x]:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        # the prototype: linked to every other member (the star's centre); in a class of two, the
        # ASCII member, else the longer (a prototype may be a sequence: 'rn'), else the smaller
        proto = max(members, key=lambda m: (len(pairs[m]), m.isascii(), len(m), -ord(m[0])))
        target = _fold(proto)
        if not target or any(_rtl(c) for c in target):
            continue
        for m in members:
            if len(m) != 1 or m == proto or m.isascii() or _rtl(m) or unicodedata.category(m) == "Nd":
                continue
            if unicodedata.category(m).startswith("L") and not any(c.isalnum() for c in target):
                continue  # a letter never becomes punctuation (that would split a word)
            if _fold(m) != target:
                out[m] = target
    return out


@lru_cache(maxsize=1)
def caseless_map() -> dict[str, str]:
    """:func:`skeleton_map` made blind to case, for an audit that also ignores case.  TS #39's
    skeleton is case-sensitive: Greek 'Κ' is a look-alike of 'K' but 'κ' of 'ĸ'; Cyrillic 'і' of
    'i' but 'І' of 'l'; 'Σ' of 'Ʃ' and 'σ' of nothing.  So a character and its upper and lower case
    all map to one target: the first of the skeletons of the lower case, the character itself and
    the upper case that is an ASCII letter or digit (what a reader takes the letter for), else the
    first there is."""
    m = skeleton_map()
    chars = set(m)
    for c in list(m):
        chars.update(x for x in (c.upper(), c.lower()) if len(x) == 1)
    out: dict[str, str] = {}
    for c in chars:
        if c.isascii():
            continue
        up, low = c.upper(), c.lower()
        found = [m[k] for k in (low, c, up) if len(k) == 1 and k in m and not k.isascii()]
        if found:
            out[c] = next((t for t in found if t.isascii() and t.isalnum()), found[0])
    return out


def skeleton(text: str) -> str:
    """The audit's skeleton of ``text``: each mapped character replaced by its prototype."""
    m = skeleton_map()
    return "".join(m.get(c, c) for c in text)
