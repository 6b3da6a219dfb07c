"""A protected identity typed into the case's own text: found before any brief is built.

The build's audit finds a protected name in an output and refuses it; this module finds the same
names, with the same matcher (:class:`.match.Matcher`: case, accents, look-alike letters, invisible
characters, markup, percent-encoding, right-to-left overrides), in the case's free text, and says
*where it was typed*: the file, line and column of the name inside the text.

The audience rules are the build's (see :mod:`.levels`).  A text sits at a level:

* a person's entry: its record level (``confidentiality``, default the case's), except the identity
  fields (``name``, ``name_original``, ``aliases``: the identity level), ``sensitive`` (the sensitive
  level) and a withheld person's ``pseudonym`` (the identity level; any other pseudonym is shown to
  everyone);
* an evidence item or incident: its level;
* a suspect: its ``confidentiality`` (a whereabouts entry: the higher of that and its own); a charge:
  its suspect's; a submission's contact details: ``contact_level``;
* anything else (the case block, sources, actors, allegations, figures, submissions, proceedings):
  every audience reads it.

A protected string (a name, alias, surname-first form, sensitive value, a withheld person's
pseudonym, a suspect's name: :func:`.strings.protected_strings` for the lowest audience) is *typed
below its level* when a text at a lower level holds it: every brief for an audience from the text's
level up to just below the string's would print it, and the build would refuse.  A text at or above
the string's level (the person's own entry, a confidential testimony naming a confidential witness)
is where the name belongs.

Every free-text field counts — every string the format does not constrain to an id, a code or a
value list — except a chain-of-custody entry (``custody``), which no output prints.
"""
from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Annotated, Iterator, Literal, Union

from pydantic import BaseModel

from ..diagnostics import Location
from ..models import LEVELS, Evidence, Incident, Person
from ..models.common import level_rank
from . import levels
from .match import Matcher, _FA_SUFFIX, _arabic_script, _is_rtl
from .normalise import _WORD, _fold, compact, loose
from .variants import variants
from .protector import IDENTITY_FIELDS, SENSITIVE_FIELDS, Protector

NEVER_PRINTED = frozenset({"custody"})  # fields of any model that no output prints
CHUNK = 20_000  # texts scanned at a time


@dataclass(frozen=True)
class Typed:
    """One place where a protected identity is typed into text shown below its level.

    ``person_id``: whose identity (a person or a suspect, ``whose`` says which); ``fields``: which of
    their protected values were found there ('name', 'aliases[0]', 'sensitive.phone'...);
    ``owner``/``path``: the text's object and field; ``level``: the text's level; ``needed``: the
    lowest audience that may see the identity; ``location``: where the name begins in the file;
    ``windows``: the name with the words around it, as the text reads (loose form: see
    :func:`context_windows`)."""

    person_id: str
    whose: str
    fields: tuple[str, ...]
    owner: object
    path: tuple
    level: str
    needed: str
    location: Location | None
    windows: tuple[str, ...] = ()

    @property
    def audiences(self) -> list[str]:
        """The audiences whose briefs would print the text and must not see the identity."""
        return [a for a in LEVELS if level_rank(self.level) <= level_rank(a) < level_rank(self.needed)]


# ------------------------------------------------------------------ the case's free text
def _patterned(meta) -> bool:
    return getattr(meta, "pattern", None) is not None or any(_patterned(m) for m in getattr(meta, "metadata", ()) or ())


@lru_cache(maxsize=None)
def _texty(t) -> bool:
    """Can a value of type ``t`` hold free text (a string that is not an id, code or value list)?"""
    if t is str:
        return True
    origin = typing.get_origin(t)
    if origin is Annotated:
        base, *meta = typing.get_args(t)
        return not any(_patterned(m) for m in meta) and _texty(base)
    if origin is Literal:
        return False
    if origin in (Union, types.UnionType, list, tuple):
        return any(_texty(a) for a in typing.get_args(t))
    if origin is dict:
        return _texty(typing.get_args(t)[1])
    return isinstance(t, type) and issubclass(t, BaseModel) and not t.__module__.endswith(".dates")


@lru_cache(maxsize=None)
def _text_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name, f in cls.model_fields.items()
                 if name != "id" and name not in NEVER_PRINTED and not any(_patterned(m) for m in f.metadata)
                 and _texty(f.annotation))


def _walk(value, path: tuple) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every non-empty free text in ``value`` (a model), in field order."""
    for name in _text_fields(type(value)):
        v = getattr(value, name)
        if v is None:
            continue
        if isinstance(v, str):
            if v:
                yield (*path, name), v
        elif isinstance(v, BaseModel):
            yield from _walk(v, (*path, name))
        elif isinstance(v, dict):
            for k, x in v.items():
                yield from _walk_value(x, (*path, name, k))
        elif isinstance(v, (list, tuple)):
            for i, x in enumerate(v):
                yield from _walk_value(x, (*path, name, i))


def _walk_value(v, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(v, str):
        if v:
            yield path, v
    elif isinstance(v, BaseModel):
        yield from _walk(v, path)
    elif isinstance(v, dict):
        for k, x in v.items():
            yield from _walk_value(x, (*path, k))
    elif isinstance(v, (list, tuple)):
        for i, x in enumerate(v):
            yield from _walk_value(x, (*path, i))


def _objects(case) -> Iterator[object]:
    if case.info is not None:
        yield case.info
    from ..models import COLLECTIONS
    for name in COLLECTIONS:
        yield from getattr(case, name)


def text_level(case, owner, path: tuple, suspects: dict | None = None) -> str:
    """The lowest audience shown the text at ``path`` in ``owner`` (see the module docstring)."""
    if isinstance(owner, Person):
        head = path[0]
        if head in IDENTITY_FIELDS or (head == "pseudonym" and levels.protection(owner) == "withheld"):
            return levels.identity_level(case, owner)
        if head == "pseudonym":
            return LEVELS[0]
        if head in SENSITIVE_FIELDS:
            return levels.sensitive_level(case, owner)
        return levels.object_level(case, owner)
    if isinstance(owner, (Evidence, Incident)):
        return levels.object_level(case, owner)
    kind = type(owner).__name__
    if kind == "Suspect":
        if path[0] == "whereabouts" and len(path) > 1:
            return levels.highest(owner.confidentiality, owner.whereabouts[path[1]].confidentiality)
        return owner.confidentiality
    if kind == "Charge":
        s = (suspects or {}).get(owner.suspect)
        return s.confidentiality if s is not None else LEVELS[0]
    if kind == "Submission" and path[:2] == ("submitter", "contact"):
        return owner.submitter.contact_level
    return LEVELS[0]


def case_texts(case) -> Iterator[tuple[object, tuple, str, str]]:
    """(owner, path, text, level) of every free text of the case."""
    suspects = {s.id: s for s in case.suspects}
    for obj in _objects(case):
        base = None  # the level of the object's ordinary texts, found once per object
        special = _SPECIAL.get(type(obj).__name__, ())
        for path, text in _walk(obj, ()):
            if path[0] in special:
                yield obj, path, text, text_level(case, obj, path, suspects)
                continue
            if base is None:
                base = text_level(case, obj, (None,), suspects)
            yield obj, path, text, base


# The fields whose level is not their object's (see text_level)
_SPECIAL = {"Person": (*IDENTITY_FIELDS, "pseudonym", *SENSITIVE_FIELDS), "Suspect": ("whereabouts",),
            "Submission": ("submitter",)}


# ------------------------------------------------------------------ what is protected, from whom
def identity_strings(case) -> list[tuple[object, str]]:
    """Every identity string protected from some audience (:class:`.strings.Protected`), with the
    lowest audience that may see it."""
    from ..suspects import suspect_strings
    from .strings import _person_strings

    prot = Protector(case, LEVELS[0])
    out: list[tuple[object, str]] = []
    for p in case.persons:
        for item in _person_strings(prot, p):
            sensitive = item.field.startswith("sensitive.")
            out.append((item, levels.sensitive_level(case, p) if sensitive else levels.identity_level(case, p)))
    by_id = {s.id: s for s in case.suspects}
    out += [(item, by_id[item.person_id].confidentiality) for item in suspect_strings(case, LEVELS[0])]
    return out


def typed_identities(case, audience: str | None = None) -> list[Typed]:
    """Every place where a protected identity is typed into text shown below its level; with
    ``audience``, only where a brief for that audience would print it.  One entry per place and
    person (a name and its alias found at the same spot are one place)."""
    strings = identity_strings(case)
    if not strings:
        return []
    top = max(level_rank(lvl) for _, lvl in strings)
    ceiling = min(top, level_rank(audience) + 1) if audience is not None else top
    places = (pl for pl in case_texts(case) if level_rank(pl[3]) < ceiling)
    needed = {id(item): lvl for item, lvl in strings}
    matcher = Matcher([item for item, _ in strings])
    suspects = {s.id for s in case.suspects}
    out: list[Typed] = []
    while chunk := list(islice(places, CHUNK)):  # a large case's texts a slice at a time: bounded memory
        found: dict[int, list] = {}
        for item, n in matcher.scan((n, pl[2]) for n, pl in enumerate(chunk)):
            lvl, floor = needed[id(item)], chunk[n][3]
            if level_rank(floor) < level_rank(lvl) and (audience is None or level_rank(audience) < level_rank(lvl)):
                found.setdefault(n, []).append(item)
        for n, items in sorted(found.items()):
            owner, path, text, level = chunk[n]
            by_person: dict[str, list] = {}
            for item in items:
                by_person.setdefault(item.person_id, []).append(item)
            for pid, its in by_person.items():
                whose = "suspect" if pid in suspects else "person"
                windows = context_windows(its, text)
                for loc, fields in _places(case, owner, path, text, its):
                    need = min((needed[id(i)] for i in its if i.field in fields), key=level_rank)
                    out.append(Typed(pid, whose, fields, owner, path, level, need, loc, windows))
    return out


# ------------------------------------------------------------------ where in the file
def _pattern(value: str) -> re.Pattern:
    """The matcher's rule for one string, on a loose text: its letters in order, at most one space
    between any two, on word boundaries (a Persian suffix may follow an Arabic-script name)."""
    key = compact(value)
    forms = [key, key[::-1]] if _is_rtl(key) else [key]
    suffix = f"(?:{_FA_SUFFIX})?" if _arabic_script(key) else ""
    body = "|".join(" ?".join(map(re.escape, f)) for f in forms)
    return re.compile(rf"(?<!\S)(?:{body}){suffix}(?!\S)")


def _loose_map(text: str) -> tuple[str, list[int]]:
    """The loose form of ``text`` (see :func:`.normalise.loose`), folded character by character,
    with the index in ``text`` of each of its characters."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in _fold(ch):
            chars.append(c)
            origin.append(i)
    folded = "".join(chars)
    out: list[str] = []
    where: list[int] = []
    for m in _WORD.finditer(folded):
        if out:
            out.append(" ")
            where.append(origin[m.start()])
        out.append(m.group())
        where += origin[m.start():m.end()]
    return "".join(out), where


def spans(items, text: str) -> list[tuple[int, int, str]]:
    """(start, end, field) in ``text`` of each of ``items`` typed there as written (not through
    markup, an encoding or an override: see :func:`_disguised`)."""
    if not text:
        return []
    loose_text, where = _loose_map(text)
    out = []
    for item in items:
        for m in _pattern(item.value).finditer(loose_text):
            out.append((where[m.start()], where[m.end() - 1] + 1, item.field))
    return out


def context_windows(items, text: str) -> tuple[str, ...]:
    """Each occurrence of ``items`` in ``text`` with up to two words either side, then one, in the
    loose form: what an output that prints the text holds around the name (the build uses them to
    tell which typed places its output printed), in the text and in each reading of it
    (:func:`.variants.variants`: percent-decoded, without markup...)."""
    out: list[str] = []
    for reading in (text, *variants(text)):
        loose_text = loose(reading)
        for item in items:
            for m in _pattern(item.value).finditer(loose_text):
                before, after = loose_text[:m.start()].split(), loose_text[m.end():].split()
                name = [m.group().strip()]
                out += [" ".join(before[-2:] + name + after[:2]), " ".join(before[-1:] + name + after[:1])]
    return tuple(dict.fromkeys(out))


def _disguised(item, text: str) -> list[int]:
    """Where ``item`` begins in ``text`` when only a reading of it shows the name (``Pari<b>sa``,
    ``Parisa%20Fictional``, an override): the line that shows it, from the last point at which
    what is left of the line still shows it."""
    one = Matcher([item])
    out, start = [], 0
    for line in text.split("\n"):
        if one.scan([(0, line)]):
            s = len(line)
            while s > 0 and not one.scan([(0, line[s:])]):
                s -= 1
            out.append(start + s)
        start += len(line) + 1
    return out


def _merge(found: list[tuple[int, int, str]]) -> list[tuple[int, tuple[str, ...]]]:
    """Overlapping spans (a name, its alias, its surname-first form) are one place."""
    out: list[list] = []
    for s, e, f in sorted(found):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
            out[-1][2].append(f)
        else:
            out.append([s, e, [f]])
    return [(s, tuple(dict.fromkeys(fs))) for s, _, fs in out]


def _node(sf, path: tuple):
    """The node at ``path`` in a source file (composed again if needed), or None."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if not sf._root_loaded:  # the file's node tree is dropped after loading (see yamlsrc.SourceFile)
        if sf.raw is None:
            return None
        sf._compose(None)
    node = sf._root
    for step in path:
        nxt = None
        if isinstance(node, MappingNode):
            nxt = next((v for k, v in node.value if getattr(k, "value", None) == str(step)), None)
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            nxt = node.value[step]
        if nxt is None:
            return None
        node = nxt
    return node


def _location(sf, text: str, index: int) -> Location:
    line = text.count("\n", 0, index) + 1
    return Location(sf.display, line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _places(case, owner, path: tuple, value: str, items) -> list[tuple[Location | None, tuple[str, ...]]]:
    """Where in its file each occurrence of ``items`` in the text ``value`` begins: found in the
    scalar as written in the file (so that a name folded over two lines is found, and the column is
    the file's), else in a reading of it, else the start of the value."""
    fields = tuple(dict.fromkeys(i.field for i in items))
    origin = case.origin.get(id(owner))
    if origin is None:
        return [(None, fields)]
    sf, base = origin
    node = _node(sf, base + path)
    source = sf.text or ""
    if node is None or not hasattr(node, "start_mark") or node.end_mark.index > len(source):
        return [(sf.locate(base + path), fields)]
    start = node.start_mark.index
    raw = source[start:node.end_mark.index]
    found = spans(items, raw)
    rest = list(raw)  # what is left once the names typed as written are blanked out
    for s, e, _ in found:
        rest[s:e] = " " * (e - s)
    rest = "".join(rest)
    for item in items:
        if Matcher([item]).scan([(0, rest)]):
            found += [(s, s + 1, item.field) for s in _disguised(item, rest)]
    missing = {i.field for i in items} - {f for _, _, f in found}
    if missing:  # in the value, not in the file as written (an escape sequence: "\u0050arisa"): the value
        found += [(0, 1, f) for f in fields if f in missing]
    return [(_location(sf, source, start + s), fs) for s, fs in _merge(found)]
