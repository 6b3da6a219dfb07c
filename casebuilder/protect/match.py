"""Finding protected strings in text, robustly and fast.

Both sides are compared in the ``loose`` form (normalised words separated by single spaces).  A
protected string matches where its letters appear in order, with at most one space between any two
of them (text extraction splits words: 'Pari sa', and joins them: 'ParisaFictional'), starting and
ending on a word boundary (so 'Ali Rezaei' does not match inside 'Ali Rezaeipour').  Strings in a
right-to-left script are also sought reversed, the visual order some PDF producers store.

Speed: the segments are joined into one space-free haystack; a protected string is looked for in a
segment only after a set of 4-grams says it can be there, and then only in the segments where a
C-level substring search finds it: ten thousand protected strings over a long brief cost a few
scans, not ten thousand regexes times every segment.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterable

from .normalise import compact, loose

GRAM = 4


def _is_rtl(s: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in s)


@dataclass
class _Needle:
    item: Any
    compact: str
    probes: tuple[str, ...]
    _regex: re.Pattern | None = field(default=None, repr=False)

    @property
    def regex(self) -> re.Pattern:
        if self._regex is None:
            body = " ?".join(re.escape(c) for c in self.compact)
            self._regex = re.compile(rf"(?<!\S){body}(?!\S)")
        return self._regex


def _probes(c: str) -> tuple[str, ...]:
    if len(c) < GRAM:
        return ()
    mid = (len(c) - GRAM) // 2
    return (c[:GRAM], c[mid:mid + GRAM], c[-GRAM:])


class Matcher:
    """Prepared once for a list of items (anything with a ``value`` string); scans many texts."""

    def __init__(self, items: Iterable[Any]):
        self.needles: list[_Needle] = []
        for it in items:
            c = compact(it.value)
            if not c:
                continue
            forms = {c, c[::-1]} if _is_rtl(c) else {c}
            self.needles.extend(_Needle(it, f, _probes(f)) for f in sorted(forms))

    def scan(self, segments: Iterable[tuple[str, str]]) -> list[tuple[Any, str]]:
        """(item, where) for each item found in each segment ``(where, text)``; in needle order,
        each pair once."""
        segs = [(where, loose(text)) for where, text in segments if text]
        comps = [s.replace(" ", "") for _, s in segs]
        hay = "\x00".join(comps)
        grams = {hay[i:i + GRAM] for i in range(len(hay) - GRAM + 1)} if self.needles else set()
        starts, pos = [], 0
        for c in comps:
            starts.append(pos)
            pos += len(c) + 1
        hits: dict[tuple[int, str], tuple[Any, str]] = {}
        for n in self.needles:
            if not all(g in grams for g in n.probes):
                continue
            # visit only the segments that hold the needle (a match never spans the NUL separators)
            i = hay.find(n.compact)
            while i >= 0:
                k = bisect_right(starts, i) - 1
                where, s = segs[k]
                if n.regex.search(s):
                    hits.setdefault((id(n.item), where), (n.item, where))
                nxt = starts[k + 1] if k + 1 < len(starts) else len(hay)
                i = hay.find(n.compact, nxt)
        return list(hits.values())
