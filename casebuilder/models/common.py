"""Shared building blocks of the case and framework models."""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

LEVELS: tuple[str, ...] = ("public", "restricted", "confidential", "strictly-confidential")
Level = Literal["public", "restricted", "confidential", "strictly-confidential"]
#: How many values were normalised — a grade given in lower case (``c`` read as ``C``), a value-list
#: entry in its old spelling (``official_statement`` read as ``official-statement``); the loader
#: compares it before and after validating an item and, only when it moved, finds them to warn at
#: their place.
NORMALISED_GRADES = [0]

#: Value lists are spelled with hyphens (``medical-worker``, ``official-statement``); the spellings
#: they replaced are still read, with a warning (``old-spelling``).
OLD_SPELLINGS: dict[str, str] = {
    "official_statement": "official-statement",
    "media_report": "media-report",
    "social_media": "social-media",
}


def new_spelling(v: Any) -> Any:
    """Read an old spelling of a value-list entry as the new one; the loader warns with the fix."""
    if isinstance(v, str) and v in OLD_SPELLINGS:
        NORMALISED_GRADES[0] += 1
        return OLD_SPELLINGS[v]
    return v


def _grade_upper(v: Any) -> Any:
    """Accept ``c`` as ``C``: the Admiralty letters are capitals; the loader warns with the fix."""
    if isinstance(v, str) and len(v) == 1 and v in "abcdef":
        NORMALISED_GRADES[0] += 1
        return v.upper()
    return v


Reliability = Annotated[Literal["A", "B", "C", "D", "E", "F"], BeforeValidator(_grade_upper)]
Credibility = Annotated[int, Field(ge=1, le=6)]
ArmedConflict = Literal["none", "non-international", "international"]

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", max_length=200),
    Field(description="A stable identifier: letters, digits, '.', '_', '-' and '/'."),
]
Text = Annotated[str, Field(description="Plain text.")]
Markdown = Annotated[
    str, Field(description="Markdown (raw HTML is not rendered). Refer to persons as [[person-id]].")
]


def level_rank(level: str) -> int:
    """0 for the lowest level; ValueError for a string that is not a level."""
    try:
        return _RANKS[level]
    except KeyError:
        raise ValueError(f"{level!r} is not a confidentiality level") from None


_RANKS = {level: k for k, level in enumerate(LEVELS)}
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}  # see Model.model_post_init
_MAX_FIELDS_SETS = 10_000  # distinct combinations of keys; a real case has a few hundred
#: The key, in a validation context, of the counter of the JSON keys the validated models were given
#: (casebuilder.load reads a file's JSON at once this way and compares the count with the JSON's keys:
#: a duplicate key leaves one fewer).  Each model adds the names it was given and the entries of its
#: mappings (Model.model_post_init); a date range adds its keys (dates.parse_date).
JSON_KEYS = "casebuilder.json_keys"
_MAPPINGS: dict[type, tuple[str, ...]] = {}  # model class -> its fields that hold a mapping
_set_attribute = object.__setattr__


def _mapping_fields(cls: type) -> tuple[str, ...]:
    names = _MAPPINGS[cls] = tuple(n for n, f in cls.model_fields.items()
                                   if f.annotation is dict or get_origin(f.annotation) is dict)
    return names


class Model(BaseModel):
    """Base of every model read from YAML.

    ``extra="forbid"``: a misspelt key in a legal file must be an error, never silently ignored —
    a typo in ``confidentiality`` or ``protection`` would otherwise publish what was meant to be
    withheld.  Values keep their place in the source through the loader's position index
    (see :mod:`casebuilder.yamlsrc`), not through fields on the model.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=False, use_attribute_docstrings=False)

    def model_post_init(self, context: Any, /) -> None:
        """Share what instances have in common, to keep a large case small.

        * The set of field names given is shared between all instances given the same names.
          pydantic keeps that set (``model_fields_set``) on every instance, some 700 bytes for ten
          names: a third of the memory of a loaded case (36 of 105 MB on 2,000 incidents, some 360 MB
          on 20,000).  Nothing here reads it; should that change, note that assigning to a field of
          one instance would add its name to the set shared with the others (``model_copy`` copies it).
        * Validated from JSON (a ``JSON_KEYS`` context: casebuilder.load), the hook counts the keys
          the instance was given.  (The texts that recur, ids in every reference to them, are shared
          by pydantic's cache of short strings there, and interned by casebuilder.yamlsrc on the
          position-aware path.)
        """
        # (called for every model of a case, 500,000 times on 20,000 incidents: kept short)
        names = self.__pydantic_fields_set__
        shared = _FIELDS_SETS.get(key := frozenset(names))
        if shared is None:
            if len(_FIELDS_SETS) < _MAX_FIELDS_SETS:
                _FIELDS_SETS[key] = names
        elif shared is not names:
            _set_attribute(self, "__pydantic_fields_set__", shared)
        if context is not None:
            keys = context.get(JSON_KEYS)
            if keys is not None:
                mappings = _MAPPINGS.get(self.__class__)
                if mappings is None:
                    mappings = _mapping_fields(self.__class__)
                if mappings:
                    values = self.__dict__
                    keys[0] += len(names) + sum([len(values[name]) for name in mappings])
                else:
                    keys[0] += len(names)


_RANGE = re.compile(r"^([0-9]+|[a-z]+)\s*[-\u2013]\s*([0-9]+|[a-z]+)$")
_NESTED = re.compile(r"^([0-9a-z]+)((?:\([0-9a-z]+\))+)$")


def _bracketed(part: str) -> str:
    """A paragraph or point as lawyers write it: '2' → '(2)', 'e(iv)' → '(e)(iv)', '1-4' → '(1)–(4)';
    anything else ('Introduction, para. 1') after a comma."""
    if part.isalnum():
        return f"({part})"
    m = _NESTED.match(part)
    if m:
        return f"({m.group(1)}){m.group(2)}"
    m = _RANGE.match(part)
    if m:
        return f"({m.group(1)})\u2013({m.group(2)})"
    return f", {part}"


class Citation(Model):
    """A structured legal reference. ``instrument`` plus at least one locator."""

    instrument: str = Field(description="The official instrument, e.g. 'Rome Statute of the International Criminal Court'.")
    article: str | None = Field(None, description="Article, e.g. '7' or '7(1)(a)' for the Elements of Crimes.")
    paragraph: str | None = Field(None, description="Paragraph, e.g. '2'.")
    point: str | None = Field(None, description="Sub-paragraph or point, e.g. 'a'.")
    element: str | None = Field(None, description="Element number in the Elements of Crimes.")
    rule: str | None = Field(None, description="Rule number (ICRC customary IHL study).")
    principle: str | None = Field(None, description="Principle number (UN Basic Principles).")
    footnote: str | None = Field(None, description="Footnote number.")
    section: str | None = Field(None, description="Section or chapter.")
    page: str | None = Field(None, description="Page in the official publication.")
    note: str | None = Field(None, description="Anything else a reader needs to find the text.")

    @model_validator(mode="after")
    def _has_locator(self) -> "Citation":
        if not self.locators() and not self.note:
            raise PydanticCustomError(
                "citation_incomplete",
                "a citation needs a locator besides the instrument (article, paragraph, rule, element, ...)",
            )
        return self

    def locators(self) -> list[str]:
        out = []
        for name in ("article", "paragraph", "point", "element", "rule", "principle", "footnote", "section", "page"):
            v = getattr(self, name)
            if v:
                out.append(v)
        return out

    def short(self) -> str:
        """A human citation: 'Rome Statute, art. 7(1)(a)', 'ICC Elements of Crimes, art. 7(1)(a), element 1'."""
        parts = [self.instrument]
        if self.article:
            art = f"art. {self.article}"
            if self.paragraph:
                art += _bracketed(self.paragraph)
            if self.point:
                art += _bracketed(self.point)
            parts.append(art)
        elif self.paragraph:
            parts.append(f"para. {self.paragraph}")
        for label, name in (("rule", "rule"), ("principle", "principle"), ("element", "element"),
                            ("section", "section"), ("footnote", "fn."), ("page", "p.")):
            v = getattr(self, label)
            if v:
                parts.append(f"{name} {v}")
        if self.note:
            parts.append(self.note)
        return ", ".join(parts)
