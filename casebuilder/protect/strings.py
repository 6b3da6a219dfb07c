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

from pydantic import BaseModel

import re
from dataclasses import dataclass
from typing import Iterable

from ..models import Evidence, Incident, Person
from . import levels
from .match import Matcher
from .normalise import compact, loose
from ..suspects import suspect_strings
from .protector import IDENTITY_FIELDS, REFERRING_FIELDS, SENSITIVE_FIELDS, Protector

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


_PHONE_CHARS = re.compile(r"^[\d\s+()./\-\u00a0\u2010-\u2015]+$")


def phone_forms(value: str, region: str | None = None) -> list[str]:
    """Other ways of writing a phone number: '+98 912 345 6789' is also '0098 912 345 6789',
    '0912 345 6789' (the national form, with the trunk prefix) and '912 345 6789'.  Read with
    Google's libphonenumber data (``phonenumbers``); ``region`` (the case's state) places a
    number written without its country code.  Anything that is not a phone number: no forms."""
    if not _PHONE_CHARS.match(value) or sum(c.isdigit() for c in value) < 7:
        return []
    import phonenumbers

    text = value.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        num = phonenumbers.parse(text, region if region and len(region) == 2 else None)
    except phonenumbers.NumberParseException:
        return []
    if not phonenumbers.is_possible_number(num):
        return []
    cc = str(num.country_code)
    nsn = phonenumbers.national_significant_number(num)
    national = "".join(ch for ch in phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
                       if ch.isdigit())
    forms = [f"+{cc} {nsn}", f"00{cc} {nsn}", national, nsn]
    mine = compact(value)
    return [f for f in dict.fromkeys(forms) if compact(f) != mine and long_enough(f)]


def _person_strings(prot: Protector, p: Person) -> list[Protected]:
    out: list[Protected] = []
    info = prot.case.info
    region = info.situation.state if info is not None else None

    def add(field: str, value: str | None, path: tuple) -> None:
        if value and long_enough(value):
            out.append(Protected(p.id, field, value, "person", path))
            for form in phone_forms(value, region):
                out.append(Protected(p.id, field, form, "person", path))

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
    return _record_texts(obj)


def _record_texts(person: Person) -> list[tuple[str, str | None, tuple]]:
    """Every free text of a person's entry (description, and whatever text fields the model has or
    gains, nested ones included): each follows the entry's level, so each is protected above it."""
    out: list[tuple[str, str | None, tuple]] = []
    stack = [((name,), getattr(person, name)) for name in reversed(list(type(person).model_fields))
             if name not in REFERRING_FIELDS and name not in IDENTITY_FIELDS and name not in SENSITIVE_FIELDS]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            out.append((".".join(map(str, path)), value, path))
        elif isinstance(value, BaseModel):
            stack += [((*path, k), getattr(value, k)) for k in reversed(list(type(value).model_fields))]
        elif isinstance(value, dict):
            stack += [((*path, k), v) for k, v in reversed(list(value.items()))]
        elif isinstance(value, (list, tuple)):
            stack += [((*path, i), v) for i, v in reversed(list(enumerate(value)))]
    return out


def _visible_places(case, prot: Protector) -> list[tuple[object, str, str]]:
    """(owner, field, text) of what the audience may read of the case, resolved as it reads it and
    as written."""
    return [*_read(prot, _info_places(case)),
            *_read(prot, ((obj, f, v) for _, objs in levelled(case) for obj in objs if prot.can_see(obj)
                          for f, v, _ in _texts(obj))),
            *_read(prot, _other_places(case))]


def _read(prot: Protector, places) -> list[tuple[object, str, str]]:
    """(owner, field, text) of each non-empty text of ``places``, resolved as the audience reads it
    and as written."""
    return [(o, f, form) for o, f, t in places if t for form in dict.fromkeys((prot.text(t), t))]


def _info_places(case):
    """(owner, field, text or None) of the case block's texts (all visible), in a fixed order."""
    if case.info is not None:
        i = case.info
        yield from ((i, "title", i.title), (i, "description", i.description), (i, "situation.territory", i.situation.territory),
                    (i, "situation.armed_conflict_basis", i.situation.armed_conflict_basis), (i, "prepared_by", i.prepared_by),
                    (i, "domestic_remedies", i.domestic_remedies))


def _other_places(case):
    """(owner, field, text or None) of the texts of objects without a level (all visible), in a
    fixed order."""
    yield from ((s, "name", s.name) for s in case.sources)
    yield from ((a, "name", a.name) for a in case.actors)
    yield from ((a, "description", a.description) for a in case.actors)
    for al in case.allegations:
        yield al, "title", al.title
        yield al, "note", al.note
        yield from ((al, f"links[{n}].note", ln.note) for n, ln in enumerate(al.links))
    for f in case.figures:
        yield from ((f, "label", f.label), (f, "scope", f.scope), (f, "note", f.note))


# Fields that name or label a thing rather than tell something (see protected_matcher)
LABEL_FIELDS = frozenset({"title", "name", "label", "location.place", "scope", "situation.territory", "prepared_by"})


@dataclass(frozen=True)
class Copy:
    """Text of a withheld item (``secret``) found in a text the audience is shown (``owner``'s
    ``field``): the copy would publish it."""

    secret: Protected
    owner: object
    field: str


def protected_strings(case, audience: str, visible_texts: Iterable[str] = (),
                      protector: Protector | None = None) -> list[Protected]:
    """Every string the audience may not receive (see the module docstring for the rule).

    ``visible_texts``: further texts the audience may read anyway (framework wording, template
    boilerplate); withheld-item fragments found in them are dropped as non-secret.  ``protector``:
    the case's protector for this audience, where the caller has one (its answers are memoised).
    """
    return protected_matcher(case, audience, visible_texts, protector)[0]


def protected_matcher(case, audience: str, visible_texts: Iterable[str] = (),
                      protector: Protector | None = None,
                      copies: list[Copy] | None = None) -> tuple[list[Protected], Matcher]:
    """:func:`protected_strings`, and a :class:`Matcher` prepared for them, ready for the audit:
    the one automaton that sorted the withheld fragments serves the audit too.

    A withheld fragment that the case itself shows this audience (pasted into an incident's
    description, say) stays protected — a copy is not a reason to publish — and, if ``copies`` is
    given, each such copy is added to it (:func:`withheld_copies`).  Only ``visible_texts`` (the
    law's own words, template boilerplate: text that cannot be a copy) make a fragment no secret."""
    if protector is not None and (protector.case is not case or protector.audience != audience):
        raise ValueError("the protector is for another case or audience")
    prot = protector or Protector(case, audience)
    out: list[Protected] = []
    for p in case.persons:
        out += _person_strings(prot, p)
    out += suspect_strings(case, audience)  # person-like suspects above the audience (casebuilder/suspects.py)
    candidates: list[Protected] = []
    for kind, objs in levelled(case):
        for obj in objs:
            if not prot.can_see(obj):
                candidates += _candidates(prot, obj, kind)
    matcher = Matcher([*out, *candidates])
    if candidates:
        is_candidate = {id(c) for c in candidates}
        only = matcher.subset(lambda it: id(it) in is_candidate)
        law = [("visible", t) for t in visible_texts]
        seen = {id(item) for item, _ in only.scan(law)} if law else set()
        out += [c for c in candidates if id(c) not in seen]
        if seen:
            matcher = matcher.subset(lambda it: id(it) not in seen)
        # The case's own visible text (see _copies_found for what is found there)
        places = _visible_places(case, prot)
        found = only.subset(lambda it: id(it) not in seen).scan((n, t) for n, (_, _, t) in enumerate(places))
        labels = _copies_found(found, places, copies)
        if labels:
            out = [p for p in out if id(p) not in labels]
            matcher = matcher.subset(lambda it: id(it) not in labels)
    return out, matcher


def levelled(case) -> tuple:
    """(kind, objects) of the collections whose objects have a level of their own."""
    return ("person", case.persons), ("evidence", case.evidence), ("incident", case.incidents)


def _candidates(prot: Protector, obj, kind: str, texts=None) -> list[Protected]:
    """The fragments of a withheld object's texts (``texts``: :func:`_texts` of it, if known) that
    the audience may not receive (before those it may read elsewhere are dropped)."""
    out: list[Protected] = []
    for fld, value, path in (_texts(obj) if texts is None else texts):
        # as the audience would read it, and as written (a template that forgot to resolve
        # [[person-id]] references would print that)
        resolved = prot.text(value or "")
        frags = _fragments(resolved) if resolved == (value or "") else [*_fragments(resolved), *_fragments(value or "")]
        for frag in dict.fromkeys(frags):
            out.append(Protected(obj.id, fld, frag, kind, path))
    return out


def _copies_found(found: list[tuple[Protected, int]], places: list, copies: list[Copy] | None) -> set[int]:
    """What the search of the case's visible text (``places``) for withheld fragments found
    (``found``: (fragment, place number), in the matcher's order) means: the ids of fragments that
    are no secret, and (``copies``) the copies to report.

    A label of a withheld item (its title, its place) that is also a visible label ('Imam Khomeini
    Hospital, Tehran' as two incidents' place) is a coincidence of names, and the reader has it
    anyway: not a secret, as before.  Anything else found there is a copy: it stays protected, and
    is reported."""
    labels = {id(item) for item, n in found if item.field in LABEL_FIELDS and places[n][1] in LABEL_FIELDS}
    pasted = [(item, n) for item, n in found if id(item) not in labels]
    still = {id(item) for item, _ in pasted}
    labels -= still  # a title pasted into a description as well is a copy
    if copies is not None:
        done = set()
        for item, n in pasted:
            owner, fld, _ = places[n]
            key = (item.owner, item.field, id(owner), fld)
            if key not in done:
                done.add(key)
                copies.append(Copy(item, owner, fld))
    return labels


def withheld_copies(case, audience: str, visible_texts: Iterable[str] = (),
                    protector: Protector | None = None) -> list[Copy]:
    """Every place where the case shows this audience a text of an item withheld from it."""
    copies: list[Copy] = []
    protected_matcher(case, audience, visible_texts, protector, copies)
    return copies
