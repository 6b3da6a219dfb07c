"""The strings an audience must never receive: what the audit looks for in every output.

For an audience, the protected strings are:

* of every person whose identity is above the audience: ``name`` (also surname first:
  'Fictional-Example, Parisa'), ``name_original`` (likewise),
  every alias, and for a withheld person their ``pseudonym`` too;
* of every person whose sensitive level is above the audience: each ``sensitive`` value;
* of every evidence item, incident or person record above the audience: its texts (title, summary,
  excerpt, description, url, exhibit path, place), whole and sentence by sentence.

Rule against false alarms (documented in docs/protection.md): a value counts only if, in the loose
form, it has at least 4 letters or digits (6 if it is only digits: years and ages are not secrets).
Texts of withheld items additionally need at least 4 words and 16 letters per fragment, and a
fragment that the audience may legitimately read elsewhere (in a visible item, the case, the
frameworks...) is not a secret and is dropped.  Names are never dropped: a protected name that is
also a visible text fails the build, and the user must resolve the conflict.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..models import Evidence, Incident, Person
from . import levels
from .match import Matcher
from .normalise import compact, loose
from .protector import Protector
from ..suspects import suspect_strings

MIN_CHARS = 4
MIN_DIGITS = 6
TEXT_MIN_WORDS = 4
TEXT_MIN_CHARS = 16
_SENTENCE = re.compile(r"(?<=[.!?؟;:。])\s+|\n+")


@dataclass(frozen=True)
class Protected:
    """One string that must not appear.  ``person_id`` is the owner's id: a person, or (``kind``
    evidence / incident) a withheld item; ``path`` locates the value in the owner's YAML."""

    person_id: str
    field: str
    value: str
    kind: str = "person"
    path: tuple = ()

    @property
    def owner(self) -> str:
        return self.person_id

    @property
    def identity(self) -> bool:
        """A name, alias or sensitive value (not a sentence of a withheld text)."""
        return self.kind == "person" and self.field != "description"


def long_enough(value: str) -> bool:
    c = compact(value)
    return len(c) >= (MIN_DIGITS if c.isdigit() else MIN_CHARS)


def _surname_first(value: str) -> str | None:
    """'Parisa Fictional-Example' → 'Fictional-Example Parisa' (lists and indexes write names
    'Surname, Given'; the comma vanishes in the loose form).  Other orders are left alone: they
    are often another person's name ('Mohammad Ali' / 'Ali Mohammad')."""
    words = value.split()
    return " ".join([words[-1], *words[:-1]]) if len(words) >= 2 else None


def _fragments(text: str) -> list[str]:
    parts = [text] + [p for p in _SENTENCE.split(text) if p]
    out = []
    for p in dict.fromkeys(p.strip() for p in parts):
        w = loose(p)
        if len(w.split()) >= TEXT_MIN_WORDS and len(w.replace(" ", "")) >= TEXT_MIN_CHARS:
            out.append(p)
    return out


def _person_strings(prot: Protector, p: Person) -> list[Protected]:
    out: list[Protected] = []

    def add(field: str, value: str | None, path: tuple) -> None:
        if value and long_enough(value):
            out.append(Protected(p.id, field, value, "person", path))

    if not prot.identity_visible(p):
        for fld in ("name", "name_original"):
            v = getattr(p, fld)
            add(fld, v, (fld,))
            add(f"{fld}, surname first", _surname_first(v or ""), (fld,))
        for i, a in enumerate(p.aliases):
            add(f"aliases[{i}]", a, ("aliases", i))
        if levels.protection(p) == "withheld":
            add("pseudonym", p.pseudonym, ("pseudonym",))
    if not prot.sensitive_visible(p):
        for k, v in p.sensitive.items():
            add(f"sensitive.{k}", v, ("sensitive", k))
    return out


def _texts(obj) -> list[tuple[str, str | None, tuple]]:
    """(field, value, path) of the free texts of a person record, evidence item or incident."""
    if isinstance(obj, Evidence):
        ex = obj.exhibit.path if obj.exhibit else None
        return [("title", obj.title, ("title",)), ("summary", obj.summary, ("summary",)),
                ("excerpt", obj.excerpt, ("excerpt",)), ("url", obj.url, ("url",)),
                ("locator", obj.locator, ("locator",)), ("exhibit.path", ex, ("exhibit", "path"))]
    if isinstance(obj, Incident):
        return [("title", obj.title, ("title",)), ("description", obj.description, ("description",)),
                ("location.place", obj.location.place, ("location", "place"))]
    return [("description", obj.description, ("description",))]


def _visible_texts(case, prot: Protector) -> list[str]:
    """What the audience may read, resolved as it reads it and as written."""
    out: list[str] = []
    if case.info is not None:
        i = case.info
        out += [i.title, i.description or "", i.situation.territory, i.situation.armed_conflict_basis or "",
                i.prepared_by, i.domestic_remedies or ""]
    for obj in [*case.persons, *case.evidence, *case.incidents]:
        if prot.can_see(obj):
            out += [v for _, v, _ in _texts(obj) if v]
    out += [s.name for s in case.sources] + [a.name for a in case.actors]
    out += [a.description or "" for a in case.actors]
    for al in case.allegations:
        out += [al.title or "", al.note or ""] + [ln.note or "" for ln in al.links]
    for f in case.figures:
        out += [f.label or "", f.scope, f.note or ""]
    return [form for t in out if t for form in dict.fromkeys((prot.text(t), t))]


def protected_strings(case, audience: str, visible_texts: Iterable[str] = (),
                      protector: Protector | None = None) -> list[Protected]:
    """Every string the audience may not receive (see the module docstring for the rule).

    ``visible_texts``: further texts the audience may read anyway (framework wording, template
    boilerplate); withheld-item fragments found in them are dropped as non-secret.  ``protector``:
    the case's protector for this audience, where the caller has one (its answers are memoised).
    """
    return protected_matcher(case, audience, visible_texts, protector)[0]


def protected_matcher(case, audience: str, visible_texts: Iterable[str] = (),
                      protector: Protector | None = None) -> tuple[list[Protected], Matcher]:
    """:func:`protected_strings`, and a :class:`Matcher` prepared for them, ready for the audit:
    the one automaton that sorted the withheld fragments serves the audit too."""
    if protector is not None and (protector.case is not case or protector.audience != audience):
        raise ValueError("the protector is for another case or audience")
    prot = protector or Protector(case, audience)
    out: list[Protected] = []
    for p in case.persons:
        out += _person_strings(prot, p)
    out += suspect_strings(case, audience)  # person-like suspects above the audience (casebuilder/suspects.py)
    candidates: list[Protected] = []
    for kind, objs in (("person", case.persons), ("evidence", case.evidence), ("incident", case.incidents)):
        for obj in objs:
            if prot.can_see(obj):
                continue
            for fld, value, path in _texts(obj):
                # as the audience would read it, and as written (a template that forgot to resolve
                # [[person-id]] references would print that)
                resolved = prot.text(value or "")
                frags = _fragments(resolved) if resolved == (value or "") else [*_fragments(resolved), *_fragments(value or "")]
                for frag in dict.fromkeys(frags):
                    candidates.append(Protected(obj.id, fld, frag, kind, path))
    matcher = Matcher([*out, *candidates])
    if candidates:
        corpus = [("visible", t) for t in [*_visible_texts(case, prot), *visible_texts]]
        is_candidate = {id(c) for c in candidates}
        seen = {id(item) for item, _ in matcher.subset(lambda it: id(it) in is_candidate).scan(corpus)}
        out += [c for c in candidates if id(c) not in seen]
        if seen:
            matcher = matcher.subset(lambda it: id(it) not in seen)
    return out, matcher
