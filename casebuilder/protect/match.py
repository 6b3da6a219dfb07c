"""Finding protected strings in text, robustly and fast.

Both sides are compared in the ``loose`` form (normalised words separated by single spaces).  A
protected string matches where its letters appear in order, with at most one space between any two
of them (text extraction splits words: 'Pari sa', and joins them: 'ParisaFictional'), starting and
ending on a word boundary (so 'Ali Rezaei' does not match inside 'Ali Rezaeipour').  Strings in a
right-to-left script are also sought reversed, the visual order some PDF producers store.

Speed: a case can protect 100,000 strings (names, and every sentence of every withheld text) and an
output can hold 100 MB of text, so the cost must not be strings × text (searching for each string in
turn spent 90 s auditing the brief of a 2,000-incident case).  The segments are joined into one space-free
haystack (separated by NUL, which the loose form never contains) and an Aho-Corasick automaton
(``pyahocorasick``, built once per :class:`Matcher` from the space-free forms of the strings;
strings with the same form share one key) reports every occurrence in a single pass.  An occurrence
is only a candidate: the regex ``(?<!\\S)a ?b ?c(?!\\S)`` decides, tried on the loose segment
anchored where the occurrence begins (found by counting the spaces the space-free form dropped), so
its cost is the string's length, not the segment's (the 'joined' tier of an audit is one segment
holding the whole document).  A (string, segment) pair that matched is not tried again.  Total
cost: one pass over the text, plus the occurrences.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

import ahocorasick

from .normalise import compact, loose
from .variants import variants


def _is_rtl(s: str) -> bool:
    return not s.isascii() and any(unicodedata.bidirectional(c) in ("R", "AL") for c in s)


class _Needle(NamedTuple):  # a tuple: a case can protect 200,000 strings
    item: Any
    key: int  # index of the needle's space-free form in Matcher.keys


# Persian suffixes written onto a name without a ZWNJ ('کاظمیها', the Kazemis; 'کاظمیام'), in
# the normalised form (ی and ه unified).  With a ZWNJ the suffix is a word of its own already.
_FA_SUFFIX = "|".join(sorted(["ها", "های", "هایی", "هایم", "هایت", "هایش", "هامان", "هاتان", "هاشان", "ی", "ای", "یی",
                              "ام", "ات", "اش", "مان", "تان", "شان", "یم", "یت", "یش", "تر", "ترین"], key=len, reverse=True))


_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")


def _arabic_script(s: str) -> bool:
    return _ARABIC.search(s) is not None


@lru_cache(maxsize=None)
def _suffixed(n: int) -> re.Pattern:
    """:func:`_spaced` that also allows a Persian suffix glued to the string's end."""
    return re.compile(rf"(?<!\S)\S(?: ?\S){{{n - 1}}}(?:{_FA_SUFFIX})?(?!\S)")


@lru_cache(maxsize=None)
def _spaced(n: int) -> re.Pattern:
    """n non-spaces with at most one space between any two, on word boundaries.  Tried where the
    automaton found a string of length n, it is the string's own regex ``(?<!\\S)a ?b ?c(?!\\S)``:
    the letters are known to be the string's, so one pattern per length serves every string (and
    compiling one regex per found string would cost more than the whole scan)."""
    return re.compile(rf"(?<!\S)\S(?: ?\S){{{n - 1}}}(?!\S)")


class _Cursor:
    """Loose index of the n-th non-space character of one loose segment.  Queries come in
    increasing order (the automaton reports occurrences by end position), so the whole segment is
    walked once, a C-level ``str.count`` at a time."""

    def __init__(self, s: str):
        self.s, self.c, self.i = s, 0, 0  # s[i] is the c-th non-space character

    def forward(self, c: int) -> int:
        i, d = self.i, c - self.c
        while d:  # the next d characters hold d - k non-spaces: k more to go
            j = i + d
            d = self.s.count(" ", i + 1, j + 1)
            i = j
        self.c, self.i = c, i
        return i

    def back(self, i: int, n: int) -> int:
        """Loose index of the character n non-spaces before the non-space at ``i``."""
        while n:
            j = i - n
            n = self.s.count(" ", j, i)
            i = j
        return i


def forms(value: str) -> tuple[str, ...]:
    """The space-free forms a string is sought in (its compact form, and reversed if right to
    left), sorted; none for a string without letters or digits."""
    c = compact(value)
    if not c:
        return ()
    return tuple(sorted({c, c[::-1]})) if _is_rtl(c) else (c,)


def automaton(keys: list[str], start: int = 0) -> tuple:
    """The Aho-Corasick automaton of ``keys[start:]`` whose value for ``keys[k]`` is ``k``, and the
    indexes of those keys in Arabic script (a Persian suffix may follow them)."""
    suffixes = {k for k in range(start, len(keys)) if _arabic_script(keys[k])}
    auto = ahocorasick.Automaton()
    for k in range(start, len(keys)):
        auto.add_word(keys[k], k)
    if len(keys) > start:
        auto.make_automaton()
    return auto, suffixes


def readings(text: str) -> list[str]:
    """The loose forms a text is searched in: as written, and each of its other readings
    (:func:`.variants.variants`)."""
    return [loose(text), *(loose(form) for form in variants(text))]


class Matcher:
    """Prepared once for a list of items (anything with a ``value`` string); scans many texts."""

    def __init__(self, items: Iterable[Any]):
        self.needles: list[_Needle] = []
        self.keys: list[str] = []  # distinct space-free forms; an automaton value is an index here
        index: dict[str, int] = {}
        for it in items:
            for f in forms(it.value):
                if f not in index:
                    index[f] = len(self.keys)
                    self.keys.append(f)
                self.needles.append(_Needle(it, index[f]))
        auto, self._suffixes = automaton(self.keys)
        self._automata = (auto,)

    @classmethod
    def assemble(cls, needles: list[_Needle], keys: list[str], automata: tuple, suffixes: set[int]) -> "Matcher":
        """A matcher from needles already made against ``keys``, and automata (:func:`automaton`)
        that hold every key between them, each once: what
        :class:`casebuilder.protect.incremental.IncrementalMatcher` builds (the keys possibly a
        superset of the needles' forms: a key no needle points at finds nothing)."""
        m = object.__new__(cls)
        m.needles, m.keys, m._automata, m._suffixes = needles, keys, automata, suffixes
        return m

    def subset(self, keep) -> "Matcher":
        """A matcher reporting only the items for which ``keep(item)`` is true, sharing this one's
        automaton (building one costs seconds for a large case's 200,000 strings)."""
        sub = object.__new__(Matcher)
        sub.keys, sub._automata, sub._suffixes = self.keys, self._automata, self._suffixes
        sub.needles = [n for n in self.needles if keep(n.item)]
        return sub

    def _found(self, segs: list[str]) -> set[tuple[int, int]]:
        """(key, segment index) of every key whose regex matches the segment."""
        comps = [s.replace(" ", "") for s in segs]
        hay, sizes = "\x00".join(comps), [len(c) for c in comps]
        del comps  # the haystack can be 100 MB: hold one space-free copy, not two
        found: set[tuple[int, int]] = set()
        for auto in self._automata:  # one, or (incremental.py) a large one and a small one of the forms added since
            self._found_by(auto, hay, segs, sizes, found)
        return found

    def _found_by(self, auto, hay: str, segs: list[str], sizes: list[int], found: set[tuple[int, int]]) -> None:
        """Add to ``found`` what ``auto`` finds in the haystack (see :meth:`_found`)."""
        k, base, end_k = -1, 0, -1  # current segment, its start in the haystack, its last index
        cursor = None
        for end, key in auto.iter(hay):
            while end > end_k:  # keys hold no NUL, so an occurrence never spans two segments
                k += 1
                base = end_k + 2 if k else 0
                end_k = base + sizes[k] - 1
                cursor = None
            if (key, k) in found:
                continue
            if cursor is None:
                cursor = _Cursor(segs[k])
            n = len(self.keys[key])
            start = cursor.back(cursor.forward(end - base), n - 1)
            if _spaced(n).match(segs[k], start) or (key in self._suffixes and _suffixed(n).match(segs[k], start)):
                found.add((key, k))

    def scan(self, segments: Iterable[tuple[Any, str]]) -> list[tuple[Any, Any]]:
        """(item, where) for each item found in each segment ``(where, text)``; in needle order,
        each pair once.

        Equal texts are searched once: the outputs of a large case repeat the same few values
        (statuses, ids, reason codes) millions of times, and a JSON attachment is millions of
        segments.  ``where`` is only read for a hit, so it may be any object naming the place."""
        if not self.keys:
            return []
        distinct: dict[str, int] = {}  # text → index of its loose form in `texts`
        texts: list[str] = []
        places: list[list[tuple[int, Any]]] = []  # (segment number, where) of each distinct text
        for n, (where, text) in enumerate(segments):
            if not text:
                continue
            k = distinct.get(text)
            if k is None:
                k = distinct[text] = len(texts)
                here = [(n, where)]
                for form in readings(text):  # as written, and the same place as a reader would read it
                    texts.append(form)
                    places.append(here)
            else:
                places[k].append((n, where))
        del distinct
        if not texts:
            return []
        by_key: dict[int, list[tuple[int, Any]]] = {}
        for key, k in self._found(texts):
            by_key.setdefault(key, []).extend(places[k])
        # many segments can share a label ('visible'): each (item, where) is reported once
        wheres = {key: list(dict.fromkeys(w for _, w in sorted(ps, key=lambda p: p[0]))) for key, ps in by_key.items()}
        hits: dict[tuple[int, Any], tuple[Any, Any]] = {}
        for n in self.needles:
            for where in wheres.get(n.key, ()):
                hits.setdefault((id(n.item), where), (n.item, where))
        return list(hits.values())
