"""Words, not ids: how a brief names elements, allegations, sources and items in its prose.

The analysis speaks in ids and reason codes ('ev-ia-reuters-5000 carries the account of an interested
party (src-ir-regional-official)…', 'reasonable-basis needs 1', 'rs.7.1.h.3.a').  A lawyer reads
names: 'Reuters, 12 January 2026', 'the Regional official of Ilam Province', 'the standard applied',
'persecution, element 3(a)'.  :class:`Namer` turns one into the other for every sentence a brief
prints; ids stay in the annexes' machine-readable attachment (``analysis.json``).

Ids it does not know are left alone, so that a test reading the brief (tests/test_brief_words.py)
finds them instead of a silently wrong word.
"""
from __future__ import annotations

import re

# What a brief must never show in its body: ids, case file names, reason codes, seed numbers.
# Shared with the tests and the brief mirror.
MACHINE_PATTERNS = (
    r"\b(rs|ihl|ihrl)\.[a-z0-9]+(\.[a-z0-9]+)+\b",
    r"\b(?-i:(src|ev|al|inc|fig|act|sus|ch|proc)-[a-z0-9][a-z0-9-]+)\b",  # ids are lower case: not 'Al-Bashir'

    r"\b[\w-]+\.ya?ml\b",
    r"\bREADME\.md\b",
    r"\bseed 0\d\d\b",
    r"standard-met",
    r"interested-party-",
    r"armed_conflict:",
    r"\b\d{3}_[0-9a-f]{16}\.txt\b",
)
MACHINE = re.compile("|".join(f"(?:{p})" for p in MACHINE_PATTERNS), re.I)

_DOTTED = re.compile(r"\b(?:rs|ihl|ihrl)\.[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+\b")
_DASHED = re.compile(r"\b(?:src|ev|al|inc|fig|act|sus|ch|proc)-[a-z0-9][a-z0-9-]*[a-z0-9]\b")
_CASE_PATH = re.compile(r"\s*\(case\.[a-z_.]+: [\w-]+\)")
_FILES = re.compile(r"\b(?:frameworks/)?[\w./-]*?([\w-]+)\.ya?ml\b")

ARMED_CONFLICT = {
    "none": "The situation is assessed as internal disturbances and tensions, not an armed conflict.",
    "non-international": "The situation is assessed as a non-international armed conflict.",
    "international": "The situation is assessed as an international armed conflict.",
}
_FILE_WORDS = {"states": "the treaty-participation records", "figures": "the estimates table",
               "allegations": "the allegations", "sources": "the source register"}


def element_label(leaf_id: str, position: int | None, citation) -> str:
    """'element 3' from the Elements of Crimes numbering, else the element's position."""
    num = getattr(citation, "element", None) if citation is not None else None
    if num:
        return f"element {num}"
    point = getattr(citation, "point", None) if citation is not None else None
    if point and position is None:
        return f"paragraph ({point})"
    return f"element {position}" if position else "element"


class Namer:
    """ids → words for one brief.  ``names`` maps any id to the words that replace it."""

    def __init__(self, names: dict[str, str], standards: dict[str, str]):
        self.names = names
        self.standards = standards
        alts = sorted(standards, key=len, reverse=True)
        self._slashed = sorted((k for k in names if "/" in k), key=len, reverse=True)
        self._std = re.compile(r"\b(?:under |of )?(" + "|".join(map(re.escape, alts)) + r")\b") if alts else None

    def name(self, ident: str) -> str:
        return self.names.get(ident, ident)

    def words(self, text: str | None) -> str:
        """A sentence of the analysis with every id it names replaced by words."""
        if not text:
            return ""
        s = _CASE_PATH.sub("", text)
        for ident in self._slashed:
            if ident in s:
                s = s.replace(ident, self.names[ident])
        s = _DOTTED.sub(lambda m: self.names.get(m.group(0), m.group(0)), s)
        s = _DASHED.sub(lambda m: self.names.get(m.group(0), m.group(0)), s)
        s = _FILES.sub(lambda m: _FILE_WORDS.get(m.group(1), "the case records"), s)
        if self._std is not None:
            s = self._std.sub(self._standard, s)
        s = s.replace("(Person X-", "(person X-")
        return s[:1].upper() + s[1:] if s else s

    def _standard(self, m: re.Match) -> str:
        lead = m.group(0)[: m.start(1) - m.start(0)]
        if lead.strip() == "under":
            return "under the standard applied"
        return f"{lead}the standard applied"


_DOUBLE = re.compile(r'["\u201c\u201d]')


def inner_quotes(text: str) -> str:
    """A passage printed inside quotation marks: its own double quotes become single ones
    (“IranLeaks: ‘Our information…’”), opening and closing in turn."""
    marks = iter(["\u2018", "\u2019"] * (len(text) // 2 + 1))
    return _DOUBLE.sub(lambda m: next(marks), text)


def without_subject(message: str, *subjects: str) -> str:
    """'X applies only in …' printed beside X reads 'Applies only in …': the rule, framework or body
    of law the sentence opens with is dropped when the row or heading already names it."""
    for subject in subjects:
        if subject and message.startswith(subject + " "):
            rest = message[len(subject) + 1:]
            return rest[:1].upper() + rest[1:]
    return message


def sentence(text: str) -> str:
    """Capitalised and closed with a full stop."""
    t = text.strip()
    if not t:
        return t
    t = t[0].upper() + t[1:]
    return t if t[-1] in ".!?\u201d" else t + "."
