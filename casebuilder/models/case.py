"""The case format: one model per top-level collection of a case folder."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .common import ArmedConflict, Credibility, Id, Level, Markdown, Model, Reliability, new_spelling
from .dates import Date

SourceKind = Literal["ngo", "un", "media", "state", "medical", "witness", "academic", "government", "other"]
PersonRole = Literal["victim", "witness", "detainee", "medical-worker", "official", "group", "other"]
EvidenceKind = Annotated[Literal[
    "testimony", "document", "video", "photo", "audio", "medical", "forensic", "official-statement",
    "report", "media-report", "dataset", "social-media", "other",
], BeforeValidator(new_spelling)]  # official_statement, media_report, social_media: read, with a warning
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


# ------------------------------------------------------------------ ICC preconditions and admissibility (case.jurisdiction, case.admissibility)
class Declaration(Model):
    """A declaration accepting the ICC's jurisdiction under art. 12(3)."""

    state: str = Field(pattern=r"^[A-Z]{2}$")
    lodged: Date
    covers: Date = Field(description="The period the declaration accepts jurisdiction for.")
    evidence: list[Id] = Field(default_factory=list)
    note: str | None = None


class Referral(Model):
    """A referral of the situation to the ICC (art. 13(a) by a State Party, 13(b) by the Security Council)."""

    by: Literal["security-council", "state-party"]
    state: str | None = Field(None, pattern=r"^[A-Z]{2}$", description="The referring State Party.")
    reference: str = Field(description="Resolution or letter, e.g. 'S/RES/1593 (2005)'.")
    date: Date
    covers: Date | None = Field(None, description="The period the referral covers (default: from the date in the referral).")
    evidence: list[Id] = Field(default_factory=list)


class JurisdictionFacts(Model):
    declarations: list[Declaration] = Field(default_factory=list)
    referrals: list[Referral] = Field(default_factory=list)
    mechanisms: list[str] = Field(default_factory=list, description="UN or other investigative mechanisms with a "
                                  "mandate over the situation, by name (named as alternatives when no ICC route exists).")
    note: Markdown | None = None


class GravityLink(Model):
    factor: Id = Field(description="A gravity factor of the ICC forum (icc.gravity.scale, .nature, .manner, .impact).")
    evidence: list[Id] = Field(min_length=1)
    note: Markdown | None = None


class Admissibility(Model):
    gravity: list[GravityLink] = Field(default_factory=list)
    gravity_note: Markdown | None = Field(None, description="The analyst's assessment of gravity.")
    interests_of_justice: Markdown | None = Field(None, description="Art. 53(1)(c): the analyst's assessment.")
    victims_interests: Markdown | None = Field(None, description="Victims' views and interests, consent, protection.")
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
    jurisdiction: JurisdictionFacts | None = Field(None, description="Facts founding ICC jurisdiction: art. 12(3) declarations, referrals.")
    admissibility: Admissibility | None = Field(None, description="Gravity (with evidence), interests of justice, victims' interests.")
    requested_action: dict[str, Markdown] = Field(default_factory=dict, description="What the filing asks of each forum, "
                                                  "by forum code (icc, de, fr, se, nl); `default` for any other.")
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


ConsentStatus = Literal["given", "refused", "not-asked", "unknown"]
ConsentBy = Literal["victim", "family", "counsel", "guardian", "other"]


class ConsentRecord(Model):
    """One consent of one person: whether it was given, when and by whom."""

    status: ConsentStatus = Field("unknown", description="given, refused, not-asked or unknown.")
    date: Date | None = Field(None, description="When it was given or refused.")
    by: ConsentBy | None = Field(None, description="Who gave or refused it: victim, family, counsel, guardian, other.")
    note: str | None = Field(None, description="How it was recorded (never a contact detail).")

    @model_validator(mode="after")
    def _dated_and_attributed(self) -> "ConsentRecord":
        if self.status in ("given", "refused") and (self.date is None or self.by is None):
            missing = " and ".join(n for n, v in (("date", self.date), ("by", self.by)) if v is None)
            raise PydanticCustomError("consent_incomplete",
                                      "a consent {status} needs its {missing} (when, and by whom: victim, family, counsel, guardian or other)",
                                      {"status": self.status, "missing": missing})
        return self

    @property
    def given(self) -> bool:
        return self.status == "given"


_UNKNOWN: list = []  # [ConsentRecord(), Consent()]: the defaults, one instance each (see _unknown)


def _unknown(kind: int):
    """The default consent record (0) or consent (1): a person who records none, as most do, shares
    one instance instead of building three models (on 60,000 persons: 0.2 s and 50 MB).  Nothing
    assigns to a loaded consent; ``un.consent`` copies a person with ``model_copy(update=...)``."""
    if not _UNKNOWN:
        _UNKNOWN.append(ConsentRecord())
        _UNKNOWN.append(Consent())
    return _UNKNOWN[kind]


class Consent(Model):
    """The two consents the UN special procedures ask for (see docs/case-format.md)."""

    submission: ConsentRecord = Field(default_factory=lambda: _unknown(0),
                                      description="Consent to the submission of the person's case to the mechanism.")
    naming: ConsentRecord = Field(default_factory=lambda: _unknown(0),
                                  description="Consent to being named in the mechanism's public communications report.")


class Violation(Model):
    date: Date | None = Field(None, description="Date of the arrest, death or other violation.")
    place: str | None = Field(None, description="Where it happened.")


class VictimStatus(Model):
    """Current whereabouts and status of a victim, as far as known."""

    status: Literal["detained", "disappeared", "deceased", "released", "at-liberty", "unknown"] = "unknown"
    place: str | None = Field(None, description="Where held (facility, city), or where last seen.")
    as_of: Date | None = None
    incommunicado: bool = Field(False, description="Held without contact with family or counsel.")
    charges: list[str] = Field(default_factory=list, description="Charges brought, as worded by the authorities.")
    capital_charge: bool = Field(False, description="A charge carries the death penalty.")
    sentence: str | None = None
    death_sentence: bool = False
    execution_imminent: bool = False
    urgent_care_denied: bool = Field(False, description="Denied urgent medical care now.")
    note: str | None = None

    def ongoing_harm(self) -> list[str]:
        """The facts that call for an urgent appeal (see docs/briefs.md)."""
        out = []
        if self.execution_imminent or self.death_sentence or self.capital_charge:
            out.append("execution")
        if self.incommunicado or self.status == "disappeared":
            out.append("incommunicado")
        if self.urgent_care_denied:
            out.append("care")
        return out


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
    consent: Consent = Field(default_factory=lambda: _unknown(1),
                             description="Consent to the submission of the case and to being named publicly (UN filings).")
    name_withheld_reason: str | None = Field(None, description="Why the name is not given, in words the filing may print.")
    ethnicity: str | None = Field(None, description="Ethnicity or group, where relevant to the allegations.")
    residence: str | None = None
    occupation: str | None = None
    violation: Violation | None = Field(None, description="Date and place of the arrest, death or other violation.")
    whereabouts: VictimStatus | None = Field(None, description="Current whereabouts and status (detained where, charges, sentence).")
    description: Markdown | None = None
    confidentiality: Level | None = None

    @field_validator("consent", mode="before")
    @classmethod
    def _consent_shape(cls, value):
        if isinstance(value, str):
            if value == "unknown":
                return {}
            raise PydanticCustomError(
                "consent_shape",
                "consent is two dated records (consent: submission: status, date, by; naming: status, date, by); "
                "a single '{value}' does not say to what, when or by whom it was given",
                {"value": str(value)})
        return value


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
    reliability_reason: str | None = Field(None, description="One line: why this item's reliability differs from its "
                                           "source's (check warns when it differs without one).")
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


class Submitter(Model):
    organisation: str = Field(description="The submitting organisation, as it signs.")
    contact: dict[str, str] = Field(default_factory=dict,
                                    description="Contact person, e-mail, phone: given to the mechanism, never printed below `contact_level`.")
    contact_level: Level = Field("confidential", description="Lowest audience that may see the contact details.")
    knowledge: Markdown = Field(description="How the organisation knows the facts (its relationship to the victims and sources).")


class Submission(Model):
    """A communication to the UN special procedures (and other mechanisms): what the analyst asks for."""

    id: Id
    title: str | None = None
    kind: Literal["urgent-appeal", "allegation-letter"] | None = Field(
        None, description="Omit to let the facts decide (urgent appeal where ongoing or imminent harm is recorded).")
    mandates: list[Id] = Field(default_factory=list, description="Mandate ids (frameworks/mandates.yaml); omit to propose from the norms.")
    allegations: list[Id] = Field(default_factory=list, description="Allegations submitted; omit for every human-rights allegation.")
    victims: list[Id] = Field(default_factory=list, description="Persons whose cases are submitted; omit for the allegations' victims.")
    submitter: Submitter
    summary: Markdown | None = Field(None, description="A short statement of the facts and the concern, in the analyst's words.")
    urgency: Markdown | None = Field(None, description="Why the matter is urgent (for an urgent appeal).")
    requests: list[Markdown] = Field(default_factory=list, description="What the submitter asks the mandate-holders to do.")
    questions: list[Markdown] = Field(default_factory=list, description="Questions the mandate-holders are asked to put to the Government.")
    domestic_remedies: Markdown | None = Field(None, description="Why domestic remedies are unavailable or ineffective (besides the recorded proceedings).")


# ------------------------------------------------------------------ jurisdiction and admissibility
GenuinenessIndicator = Literal[
    "conducted-by-implicated-organ", "no-outcome", "unjustified-delay", "not-independent",
    "shielding", "no-suspect-named", "limited-scope",
]


class Proceeding(Model):
    """A domestic investigation, prosecution, inquiry or trial concerning the case's conduct (complementarity, domestic remedies)."""

    id: Id
    kind: Literal["investigation", "prosecution", "inquiry", "trial", "other"]
    authority: str = Field(min_length=1, description="Who ordered or conducts it, in words.")
    source: Id | None = Field(None, description="The source (organ) that ordered or conducts it.")
    date: Date = Field(description="When it was ordered or opened.")
    state: str = Field(pattern=r"^[A-Z]{2}$", description="The state whose authorities conduct it (ISO 3166-1 alpha-2).")
    status: Literal["ordered", "ongoing", "closed", "unknown"] = "unknown"
    description: Markdown | None = None
    allegations: list[Id] = Field(default_factory=list, description="Allegations whose conduct it concerns.")
    suspects: list[Id] = Field(default_factory=list, description="Suspects it concerns (same person, same conduct).")
    indicators: list[GenuinenessIndicator] = Field(default_factory=list, description="Indicators bearing on genuineness "
                                                   "(Rome Statute art. 17(2)-(3)).")
    indicators_note: Markdown | None = Field(None, description="Why those indicators are recorded.")
    outcome: Markdown | None = Field(None, description="Known result, if any.")
    evidence: list[Id] = Field(default_factory=list)
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
    "submissions": Submission,
    "proceedings": Proceeding,
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
    submissions: list[Submission] | None = None
    proceedings: list[Proceeding] | None = None
    suspects: list[Suspect] | None = None
    charges: list[Charge] | None = None
