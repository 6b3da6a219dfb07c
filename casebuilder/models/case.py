"""The case format: one model per top-level collection of a case folder."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .common import ArmedConflict, Credibility, Id, Level, Markdown, Model, Reliability
from .dates import Date

SourceKind = Literal["ngo", "un", "media", "state", "medical", "witness", "academic", "government", "other"]
PersonRole = Literal["victim", "witness", "detainee", "medical-worker", "official", "group", "other"]
EvidenceKind = Literal[
    "testimony", "document", "video", "photo", "audio", "medical", "forensic", "official_statement",
    "report", "media_report", "dataset", "social_media", "other",
]
FirstHand = Literal["percipient", "document", "record", "recording", "physical", "no"]
#: A link's stance: supports / contradicts the element; an interested party *admits* it (counted as
#: support and labelled an admission) or *disputes* a characterisation, not the fact (shown, not
#: weighed); *rhetoric* is shown and weighed as neither.
Stance = Literal["supports", "contradicts", "admits", "disputes", "rhetoric"]
StandardId = Literal["reasonable-basis", "reasonable-grounds", "substantial-grounds", "beyond-reasonable-doubt"]


class Situation(Model):
    state: str = Field(pattern=r"^[A-Z]{2}$", description="Territorial state, ISO 3166-1 alpha-2 (e.g. IR).")
    territory: str = Field(description="Where the events took place, in words.")
    period: Date = Field(description="The period the case covers.")
    armed_conflict: ArmedConflict = Field(description="none, non-international or international.")
    armed_conflict_basis: Markdown | None = Field(None, description="Why the situation is (not) an armed conflict.")
    armed_conflict_evidence: list[Id] = Field(default_factory=list, description="Evidence ids for that assessment.")
    ap2_threshold: bool | None = Field(None, description="In a non-international armed conflict: whether it meets the "
                                       "threshold of AP II art. 1(1) (omit while unassessed: AP II is then undetermined).")


class CaseSummary(Model):
    """The analyst's executive summary: what a lawyer writes, in a few sentences each, at the top of a
    filing.  Briefs print it beside the figures the analysis computes (docs/case-format.md)."""

    what_happened: Markdown | None = Field(None, description="What happened, alleged and attributed, in a paragraph.")
    characterisation: Markdown | None = Field(None, description="The strongest legal characterisation and why.")
    missing: Markdown | None = Field(None, description="What the evidence does not yet show; what to collect first.")
    forum: Markdown | None = Field(None, description="The forum(s) addressed and the jurisdictional route.")
    request: Markdown | None = Field(None, description="What the filing asks the addressee to do.")


class CaseInfo(Model):
    id: Id
    title: str
    date: Date = Field(description="The date the analysis speaks as of; briefs carry it instead of the clock.")
    situation: Situation
    frameworks: list[Id] = Field(description="Framework ids the case is analysed under.")
    standard: StandardId = Field("reasonable-basis", description="Default standard of proof.")
    confidentiality: Level = Field("public", description="Default level of persons, evidence and incidents.")
    audience: Level = Field("public", description="Default audience of outputs.")
    languages: list[str] = Field(default_factory=lambda: ["en"])
    prepared_by: str
    description: Markdown | None = None
    domestic_remedies: Markdown | None = Field(None, description="Steps taken domestically and their result (UN filings).")
    summary: CaseSummary | None = Field(None, description="The analyst's executive summary (what happened, "
                                        "characterisation, what is missing, forum, request).")


class Source(Model):
    id: Id
    name: str
    name_original: str | None = Field(None, description="Name in the original script.")
    kind: SourceKind
    reliability: Reliability = Field(description="Admiralty scale: A completely reliable ... E unreliable, F cannot be judged.")
    reliability_reason: str = Field(description="One line: why this grade.")
    interested_party: bool = Field(False, description="True for organs of the accused state or others with a stake.")
    country: str | None = None
    url: str | None = Field(None, description="Shown as text, never fetched.")


class Person(Model):
    id: Id
    role: PersonRole
    name: str | None = Field(None, description="Real name; shown only to audiences at or above `clearance`.")
    name_original: str | None = Field(None, description="Name in the original script, protected like `name`.")
    pseudonym: str | None = Field(None, description="Shown below clearance; generated ('Witness W-03') if absent.")
    aliases: list[str] = Field(default_factory=list, description="Other names, protected like `name`.")
    protection: Literal["none", "pseudonym", "withheld"] = "none"
    clearance: Level | None = Field(None, description="Minimum audience that may see the real identity.")
    sensitive: dict[str, str] = Field(default_factory=dict, description="Phone numbers, addresses...: never shown below clearance.")
    age: int | None = Field(None, ge=0, le=130)
    gender: str | None = None
    count: int | None = Field(None, ge=1, description="For role: group, how many people.")
    consent: Literal["yes", "no", "unknown"] = Field("unknown", description="Consent to be named in filings.")
    description: Markdown | None = None
    confidentiality: Level | None = None


class Actor(Model):
    id: Id
    name: str
    kind: Literal["state", "institution", "unit", "individual", "group"]
    part_of: Id | None = Field(None, description="The actor above in the chain of command.")
    description: Markdown | None = None


class Location(Model):
    place: str
    province: str | None = None
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    coordinates: str | None = None


class Victims(Model):
    killed: int | None = Field(None, ge=0)
    injured: int | None = Field(None, ge=0)
    arrested: int | None = Field(None, ge=0)
    disappeared: int | None = Field(None, ge=0)
    tortured: int | None = Field(None, ge=0)
    other: int | None = Field(None, ge=0)
    note: str | None = None


class Incident(Model):
    id: Id
    title: str
    date: Date
    location: Location
    description: Markdown
    categories: list[str] = Field(default_factory=list, description="WHO-style attack-on-health-care categories and others.")
    victims: Victims | None = None
    actors: list[Id] = Field(default_factory=list)
    persons: list[Id] = Field(default_factory=list)
    evidence: list[Id] = Field(default_factory=list)
    confidentiality: Level | None = None


class Exhibit(Model):
    path: str = Field(description="Relative to the exhibits folder; no absolute paths, no '..'.")
    sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")
    size: int | None = Field(None, ge=0)
    media_type: str | None = None


class CustodyEntry(Model):
    date: Date
    by: str
    action: Literal["collected", "received", "copied", "transferred", "verified"]
    sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")
    note: str | None = None


class Evidence(Model):
    id: Id
    kind: EvidenceKind
    title: str | None = None
    source: Id
    derived_from: list[Id] = Field(default_factory=list, description="Evidence or persons this item relays (hearsay chain).")
    date: Date | None = None
    language: str | None = None
    summary: Markdown | None = None
    excerpt: str | None = Field(None, description="Verbatim quote from the exhibit.")
    locator: str | None = Field(None, description="Where in the exhibit (page, paragraph, timestamp).")
    url: str | None = Field(None, description="Shown as text, never fetched.")
    exhibit: Exhibit | None = None
    custody: list[CustodyEntry] = Field(default_factory=list)
    reliability: Reliability | None = Field(None, description="Overrides the source's reliability.")
    credibility: Credibility | None = Field(None, description="1 confirmed ... 6 cannot be judged.")
    confidentiality: Level | None = None
    persons: list[Id] = Field(default_factory=list)
    first_hand: FirstHand | None = Field(
        None, description="How the item is first-hand (percipient, document, record, recording, physical), or `no` "
        "when it states a claim without naming a first-hand origin. Unset: decided by kind (docs/gaps.md).")


class Figure(Model):
    id: Id
    what: Literal["deaths", "injured", "arrests", "executions", "disappearances", "death-sentences", "other"]
    label: str | None = Field(None, description="What exactly is counted, if `what` is not enough.")
    value: int | None = Field(None, ge=0)
    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)
    approximate: bool = False
    as_of: Date
    scope: str
    source: Id
    evidence: list[Id] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _value_or_range(self) -> "Figure":
        if self.value is None and self.min is None and self.max is None:
            raise PydanticCustomError("figure_value", "a figure needs a value, or min and/or max")
        if self.value is not None and (self.min is not None or self.max is not None):
            raise PydanticCustomError("figure_value", "give either value or min/max, not both")
        if self.min is not None and self.max is not None and self.max < self.min:
            raise PydanticCustomError("figure_value", "max is below min")
        return self

    @property
    def low(self) -> int:
        return self.value if self.value is not None else (self.min if self.min is not None else self.max)  # type: ignore[return-value]

    @property
    def high(self) -> int:
        return self.value if self.value is not None else (self.max if self.max is not None else self.min)  # type: ignore[return-value]


class Link(Model):
    element: Id = Field(description="Element id from the framework.")
    evidence: list[Id] = Field(min_length=1)
    stance: Stance = "supports"
    note: str | None = None
    alternative: Id | None = Field(None, description="For an element with alternatives (e.g. grounds of persecution): which one.")
    inference: Markdown | None = Field(None, description="The analyst's documented inference that these items show a "
                                       "per-act element (nexus, knowledge) of this act; shown as an inference.")
    pattern: bool | None = Field(None, description="true: pattern evidence only, not counted as an origin for the act; "
                                 "false: counted although dated outside the allegation's period (say why in `note`).")


class Allegation(Model):
    id: Id
    framework: Id
    provision: Id | None = Field(None, description="Provision id; omit for a context allegation.")
    context: bool = Field(False, description="True: links to the framework's contextual elements, shared by every allegation under it.")
    title: str | None = None
    incidents: list[Id] = Field(default_factory=list)
    actors: list[Id] = Field(default_factory=list)
    victims: list[Id] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    note: Markdown | None = None

    @model_validator(mode="after")
    def _provision_or_context(self) -> "Allegation":
        if self.context and self.provision:
            raise PydanticCustomError("allegation_shape", "a context allegation has no provision")
        if not self.context and not self.provision:
            raise PydanticCustomError("allegation_shape", "an allegation needs a provision (or context: true)")
        return self


# --------------------------------------------------------------------------- suspects and charges
Office = Literal["head-of-state", "head-of-government", "foreign-minister", "military-commander",
                 "civilian-superior", "other"]


class Position(Model):
    """A dated office or function of a suspect."""

    title: str = Field(description="The office or function in words, e.g. 'Supreme Leader'.")
    office: Office = Field(description="head-of-state, head-of-government, foreign-minister (personal immunity while "
                           "serving), military-commander, civilian-superior (art. 28(a)/(b)) or other.")
    organisation: Id | None = Field(None, description="Actor id of the institution or unit, if recorded.")
    state: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="The state whose office it is (ISO 3166-1 alpha-2).")
    start: Date = Field(alias="from", description="When the suspect took up the position.")
    end: Date | None = Field(None, alias="to", description="When it ended; omit while the suspect is still in office.")
    evidence: list[Id] = Field(default_factory=list, description="Evidence that the suspect held it.")
    note: str | None = None



class Whereabouts(Model):
    """Where a suspect was reported to be; confidential by default."""

    state: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2.")
    as_of: Date
    presence: Literal["residence", "visit", "unknown"] = "unknown"
    evidence: list[Id] = Field(default_factory=list)
    note: str | None = None
    confidentiality: Level = Field("confidential", description="Default confidential: shown only to that level and above.")


class Suspect(Model):
    """A person or actor alleged to be responsible for one or more allegations (not a finding)."""

    id: Id
    name: str | None = Field(None, description="The person's name; give `actor` instead (or too) for a unit or institution.")
    name_original: str | None = Field(None, description="Name in the original script, protected like `name`.")
    aliases: list[str] = Field(default_factory=list, description="Other names, protected like `name`.")
    actor: Id | None = Field(None, description="Actor id when the suspect is (or is also recorded as) an actor.")
    nationality: list[str] = Field(default_factory=list, description="ISO 3166-1 alpha-2 codes.")
    positions: list[Position] = Field(default_factory=list, description="Dated offices and functions.")
    superior: Id | None = Field(None, description="The suspect above in the chain of command.")
    whereabouts: list[Whereabouts] = Field(default_factory=list)
    description: Markdown | None = None
    confidentiality: Level = Field("confidential", description="Default confidential: a suspect is named only to this "
                                   "level and above (set `public` when the allegation is already public).")

    @model_validator(mode="after")
    def _named(self) -> "Suspect":
        if not self.name and not self.actor:
            raise PydanticCustomError("suspect_shape", "a suspect needs a name or an actor")
        for code in self.nationality:
            if len(code) != 2 or not code.isalpha() or not code.isupper():
                raise PydanticCustomError("suspect_shape", "nationality: {code!r} is not an ISO 3166-1 alpha-2 code",
                                          {"code": code})
        return self


class Charge(Model):
    """Ties a suspect to an allegation under a mode of liability, with the linkage evidence."""

    id: Id
    suspect: Id
    allegation: Id
    mode: Id = Field(description="Provision id in a liability framework (frameworks/liability/), e.g. 'rs.28.a'.")
    links: list[Link] = Field(default_factory=list, description="Evidence for the mode's elements, as allegation links.")
    note: Markdown | None = None


COLLECTIONS: dict[str, type[Model]] = {
    "sources": Source,
    "persons": Person,
    "actors": Actor,
    "incidents": Incident,
    "evidence": Evidence,
    "figures": Figure,
    "allegations": Allegation,
    "suspects": Suspect,
    "charges": Charge,
}


class CaseFile(Model):
    """The shape of one YAML file in a case folder (for the JSON Schema editors use)."""

    case: CaseInfo | None = None
    sources: list[Source] | None = None
    persons: list[Person] | None = None
    actors: list[Actor] | None = None
    incidents: list[Incident] | None = None
    evidence: list[Evidence] | None = None
    figures: list[Figure] | None = None
    allegations: list[Allegation] | None = None
    suspects: list[Suspect] | None = None
    charges: list[Charge] | None = None
