"""Forums as data: where a case can be heard, on what jurisdictional conditions, under which definitions.

One file per forum under ``frameworks/forums/`` (``icc.yaml``, ``de.yaml``...).  A national forum
records its universal-jurisdiction basis, the conditions the analysis checks against the case
(presence or residence of a suspect, prosecutorial discretion...), its limitation rule, the
threshold for opening an investigation, and its own definitions of the crimes, each mapped to the
Rome Statute provisions it corresponds to with the differences flagged.  Texts are verbatim in the
official language; ``translation`` says whose English it is.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Citation, Id, Model

ConditionKind = Literal[
    "presence",               # a suspect is (or is expected to be) in the forum state
    "residence",              # a suspect habitually resides in the forum state
    "discretion",             # the prosecutor may decline (e.g. StPO s. 153f) - does not bar jurisdiction
    "prosecutorial-monopoly", # only the prosecutor may set proceedings in motion (no civil-party route)
    "authorisation",          # prosecution needs an authorisation (government, prosecutor-general)
    "subsidiarity",           # the forum yields to the ICC or to a state that prosecutes
    "double-criminality",     # the conduct must also be punishable where committed
    "other",
]


class LegalText(Model):
    """A provision quoted verbatim, with its citation and the version read."""

    citation: Citation
    language: str = Field(description="Language of `text` (ISO 639-1: de, fr, sv, nl, en).")
    text: str | None = Field(None, description="The provision, verbatim in the official language; omit if it could not be read.")
    translation: str | None = Field(None, description="English translation.")
    translation_by: str | None = Field(None, description="Whose translation: official, authoritative (name it) or a working translation.")
    version: str | None = Field(None, description="Which version of the text was read (amending act, date of the copy).")
    unverified: str | None = Field(None, description="What could not be read or checked, and what to confirm before relying on it.")


class Condition(Model):
    id: Id
    kind: ConditionKind
    title: str
    bars_jurisdiction: bool = Field(description="True: without it the forum has no jurisdiction; false: it shapes "
                                    "discretion or procedure only.")
    law: LegalText
    summary: str = Field(description="What the condition requires, in one or two sentences of English.")


class ForumCrime(Model):
    """A crime as the forum's law defines it, mapped to the Rome Statute."""

    id: Id
    title: str
    law: LegalText
    maps_to: list[Id] = Field(default_factory=list, description="Rome Statute provision ids it corresponds to.")
    differences: list[str] = Field(default_factory=list, description="Where the definition differs from the "
                                   "Rome Statute element tree (each a sentence).")


class Factor(Model):
    """A factor an analyst assesses with evidence (e.g. the gravity factors of Rule 145(1)(c) RPE)."""

    id: Id
    title: str
    law: LegalText
    guidance: str | None = Field(None, description="What evidence speaks to it (guidance, not law).")


class Forum(Model):
    id: Id = Field(description="Agrees with the file's path under frameworks/, e.g. 'forums/de'.")
    code: str = Field(pattern=r"^[a-z]{2,5}$", description="Short id used on the command line: icc, de, fr, se, nl.")
    kind: Literal["forum"]
    title: str
    court: Literal["international", "national"]
    state: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="The forum state (national forums).")
    authority: str = Field(description="Who receives a complaint or communication.")
    basis: str = Field(description="The jurisdictional basis relied on, in a sentence.")
    description: str | None = None
    jurisdiction: list[LegalText] = Field(default_factory=list, description="The provisions founding jurisdiction.")
    conditions: list[Condition] = Field(default_factory=list)
    threshold: LegalText | None = Field(None, description="The threshold for opening an investigation.")
    threshold_summary: str | None = None
    limitation: LegalText | None = None
    limitation_summary: str | None = None
    crimes: list[ForumCrime] = Field(default_factory=list)
    admissibility: list[LegalText] = Field(default_factory=list, description="Admissibility provisions (ICC art. 17, 53).")
    factors: list[Factor] = Field(default_factory=list, description="Gravity factors the case links evidence to.")
    note: str | None = None
