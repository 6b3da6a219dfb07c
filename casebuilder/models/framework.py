"""Legal frameworks as data: provisions, element trees, definitions, applicability."""
from __future__ import annotations

from typing import Annotated, Iterator, Literal, Union

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .common import ArmedConflict, Citation, Id, Model, Reliability

ElementKind = Literal["conduct", "consequence", "circumstance", "contextual", "mental", "normative"]
#: Where a contextual element is shown: once for the situation (the attack, its widespread or
#: systematic character, the policy) or for each act and its perpetrator (nexus, knowledge).
Scope = Literal["situation", "act"]


class Footnote(Model):
    number: str = Field(description="The footnote's official number, e.g. '7'.")
    text: str = Field(description="Verbatim text of the footnote.")
    unverified: str | None = Field(None, description="Set when the wording could not be verified: say why.")


class Definition(Model):
    id: Id = Field(description="Stable id, e.g. 'rs.7.2.a'.")
    term: str = Field(description="The term defined.")
    text: str = Field(description="Verbatim text of the definition.")
    citation: Citation
    unverified: str | None = Field(None, description="Set when the wording could not be verified: say why.")


class CaseLaw(Model):
    """A legal test the case law supplies for an element (not treaty text): what the judgment says, and where."""

    test: str = Field(description="The test, in the judgment's words where quoted, else a faithful summary.")
    source: str = Field(description="The judgment: chamber, case number, date, paragraphs.")
    quoted: bool = Field(False, description="True when `test` quotes the judgment verbatim.")
    unverified: str | None = Field(None, description="Set when the paragraph or wording could not be checked: say why.")


class Alternative(Model):
    """One alternative within a single element (e.g. one ground of persecution)."""

    id: Id = Field(description="Short id of the alternative, unique within the element, e.g. 'political'.")
    text: str = Field(description="The alternative in the element's own words.")
    former_id: Id | None = Field(None, description="The element id this alternative had when it was a leaf of its own.")


class Element(Model):
    """A leaf of an element tree: one thing that must be shown, in the law's own words."""

    id: Id = Field(description="Stable element id, e.g. 'rs.7.1.a.1'. Never changes once published.")
    text: str = Field(description="The official wording, verbatim (or, when `analytical`, what must be shown).")
    analytical: bool = Field(False, description="True when `text` is an analytical phrasing of what must be shown; "
                             "the verbatim law is then in the provision's `text`.")
    citation: Citation
    kind: ElementKind = Field(description="conduct, consequence, circumstance, contextual or mental.")
    footnotes: list[Footnote] = Field(default_factory=list, description="Material footnotes, verbatim.")
    proof_guidance: list[str] = Field(default_factory=list, description="Kinds of evidence that usually prove it (guidance, not law).")
    definitions: list[Id] = Field(default_factory=list, description="Ids of definitions the element uses.")
    unverified: str | None = Field(None, description="Set when the wording could not be verified against a second copy: say why.")
    note: str | None = Field(None, description="Editorial note (how the element was derived).")
    scope: Scope | None = Field(None, description="Contextual elements only: `situation` (shown once for the situation) "
                                "or `act` (shown for each act and its perpetrator, from the act's own links).")
    follows_from: list[Id] = Field(default_factory=list, description="A derived element: ids of the elements it follows "
                                   "from (any one suffices); it takes the best of their statuses and is not graded on its own.")
    alternatives: list[Alternative] = Field(default_factory=list, description="Alternatives within the element "
                                            "(e.g. grounds of persecution): met when one alternative is.")
    case_law: list[CaseLaw] = Field(default_factory=list, description="Legal tests the case law supplies, with the judgment.")
    basis: Literal["treaty", "case-law"] = Field("treaty", description="treaty: the element is the instrument's own "
                                                 "text; case-law: a test the judgments supply (the citation names the "
                                                 "judgment and paragraphs), not treaty text.")

    def leaves(self) -> Iterator["Element"]:
        yield self


class Group(Model):
    """An inner node: all of / any of its children."""

    id: Id | None = Field(None, description="Optional id for the group.")
    label: str | None = Field(None, description="Optional label, e.g. 'widespread or systematic'.")
    all_of: list["Node"] | None = Field(None, description="Every child must be met.")
    any_of: list["Node"] | None = Field(None, description="At least one child must be met.")

    @model_validator(mode="after")
    def _one_kind(self) -> "Group":
        if (self.all_of is None) == (self.any_of is None):
            raise PydanticCustomError("group_shape", "a group has exactly one of all_of or any_of")
        if not (self.all_of or self.any_of):
            raise PydanticCustomError("group_shape", "a group needs at least one child")
        return self

    @property
    def op(self) -> str:
        return "all_of" if self.all_of is not None else "any_of"

    @property
    def children(self) -> list["Node"]:
        return self.all_of if self.all_of is not None else self.any_of  # type: ignore[return-value]

    def leaves(self) -> Iterator[Element]:
        for c in self.children:
            yield from c.leaves()


def _node_discriminator(v) -> str:
    if isinstance(v, dict):
        return "group" if ("all_of" in v or "any_of" in v) else "element"
    return "group" if isinstance(v, Group) else "element"


from typing import Annotated  # noqa: E402
from pydantic import Discriminator, Tag  # noqa: E402

Node = Annotated[
    Union[Annotated[Element, Tag("element")], Annotated[Group, Tag("group")]],
    Discriminator(_node_discriminator),
]
Group.model_rebuild()


class Customary(Model):
    """Customary status of a rule, with its stated scope and the authority for it."""

    binds: bool = Field(description="True when this rule itself binds as custom; False when only a corresponding "
                        "customary rule (named in `rules`) does, not this treaty text.")
    scope: list[ArmedConflict] = Field(description="Where the customary rule applies, as its authority states it "
                                       "(ICRC study: 'IAC/NIAC').")
    rules: list[str] = Field(default_factory=list, description="ICRC Customary IHL Study rule numbers, e.g. ['28'].")
    authority: str = Field(description="The source of the customary status, e.g. 'ICRC Customary IHL Study (2005), Rule 28' "
                           "or 'ICJ, Military and Paramilitary Activities (Nicaragua v. USA), Merits, 1986, para. 218'.")
    note: str | None = None


class Applicability(Model):
    """When a framework or provision binds."""

    armed_conflict: list[ArmedConflict] = Field(
        default_factory=lambda: ["none", "non-international", "international"],
        description="Situations in which it applies: none, non-international, international.",
    )
    treaty: Id | None = Field(None, description="Treaty id in frameworks/states.yaml whose participation makes it binding.")
    custom: bool = Field(False, description="True if it also binds as customary international law.")
    soft_law: bool = Field(False, description="True for a non-binding standard (e.g. UN Basic Principles).")
    customary: Customary | None = Field(None, description="Customary status, scope and authority (see docs/frameworks.md).")
    note: str | None = Field(None, description="Why, in words (quoted thresholds, exclusions).")
    citation: Citation | None = None


class Duty(Model):
    """An obligation a provision states that is not an element of a violation (e.g. to mark hospitals)."""

    id: Id
    text: str = Field(description="The official wording, verbatim.")
    citation: Citation
    note: str | None = None
    unverified: str | None = Field(None, description="Set when the wording could not be verified: say why.")


class Provision(Model):
    id: Id = Field(description="Stable provision id, e.g. 'rs.7.1.a'.")
    title: str
    citation: Citation
    text: str | None = Field(None, description="The provision's own text, verbatim.")
    applicability: Applicability | None = Field(None, description="Overrides the framework's applicability.")
    elements: Node = Field(description="Element tree: a leaf, or all_of / any_of groups.")
    interpretive: list[Citation] = Field(default_factory=list, description="Interpretive sources (general comments, "
                                         "UN principles and guidance): cited beside the provision, never elements.")
    duties: list[Duty] = Field(default_factory=list, description="Related obligations that are not elements of a violation.")
    note: str | None = None

    def leaves(self) -> list[Element]:
        return list(self.elements.leaves())


class Framework(Model):
    id: Id = Field(description="Agrees with the file's path under frameworks/, e.g. 'rome-statute/article-7'.")
    title: str
    instrument: str
    version: str = Field(description="Version or date of the text.")
    kind: Literal["crimes", "rules", "rights", "liability"] = Field(description="crimes, rules, rights, or liability "
                                                                     "(modes of liability, frameworks/liability/).")
    description: str | None = None
    applicability: Applicability = Field(default_factory=Applicability)
    definitions: list[Definition] = Field(default_factory=list)
    contextual: Node | None = Field(None, description="Elements shared by every provision (e.g. the Art. 7 chapeau).")
    provisions: list[Provision]

    def contextual_leaves(self) -> list[Element]:
        return list(self.contextual.leaves()) if self.contextual is not None else []

    def provision(self, pid: str) -> Provision | None:
        for p in self.provisions:
            if p.id == pid:
                return p
        return None

    def applicability_of(self, provision: Provision | None) -> Applicability:
        return provision.applicability if provision is not None and provision.applicability else self.applicability


class StandardParameters(Model):
    """Decision parameters of the gap analysis: a calibrated aid, not the law."""

    min_independent_origins: int = Field(ge=1)
    min_reliability: Reliability
    max_credibility: int = Field(ge=1, le=6)
    require_direct: bool = Field(False, description="A policy choice of the user, not a rule of law: at least one "
                                 "qualifying item must be first-hand.")
    contradiction_margin: int = Field(0, ge=0)
    contradiction_min_reliability: Reliability | None = Field(
        None, description="The worst reliability a contradicting item may have to be weighed (default: min_reliability).")
    contradiction_max_credibility: int | None = Field(
        None, ge=1, le=6, description="The worst credibility a contradicting item may have to be weighed (default: max_credibility).")

    @property
    def con_min_reliability(self) -> str:
        return self.contradiction_min_reliability or self.min_reliability

    @property
    def con_max_credibility(self) -> int:
        return self.contradiction_max_credibility or self.max_credibility


class Standard(Model):
    id: Literal["reasonable-basis", "reasonable-grounds", "substantial-grounds", "beyond-reasonable-doubt"]
    title: str
    rank: int = Field(ge=1)
    citation: Citation
    text: str = Field(description="Verbatim statutory wording.")
    note: str | None = None
    requires_person: bool = Field(False, description="The standard is about a named person (\"the person committed\"): "
                                  "it applies only to an allegation against an identified person.")
    parameters: StandardParameters


class StandardsFile(Model):
    id: Literal["standards-of-proof"]
    title: str
    kind: Literal["standards"]
    note: str
    standards: list[Standard]


TreatyDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
"""A treaty date as the record gives it: 2014-04-02, or 2014-04 / 2014 where only the month or the year is known."""

TreatyStatus = Literal["party", "signatory", "not-party", "withdrawn"]
DELAYS = Literal["none", "30-days", "3-months", "6-months", "rome-126"]


class Treaty(Model):
    id: Id
    title: str
    short: str | None = Field(None, description="Short name used in prose, e.g. 'ICCPR'.")
    citation: Citation | None = None
    in_force: TreatyDate | None = Field(None, description="Date the treaty entered into force (generally).")
    delay: DELAYS | None = Field(None, description="When it enters into force for a state after its instrument is "
                                 "deposited (e.g. '3-months': ICCPR art. 49(2); 'rome-126': Rome Statute art. 126(2)).")
    depositary: str | None = Field(None, description="The depositary and its record, e.g. 'UN Secretary-General (UNTC IV.4)'.")
    note: str | None = None


class Statement(Model):
    """A material reservation, declaration or optional-clause declaration (e.g. CAT art. 22)."""

    kind: Literal["reservation", "declaration", "art-22", "art-124", "art-90"]
    text: str = Field(description="Its wording (quoted) or a faithful summary (say which in `note`).")
    articles: str | None = Field(None, description="Articles it concerns, e.g. '8'.")
    date: TreatyDate | None = None
    withdrawn: TreatyDate | None = Field(None, description="Date it was withdrawn, if it was.")
    note: str | None = None
    unverified: str | None = None


class Participation(Model):
    treaty: Id
    status: TreatyStatus
    signed: TreatyDate | None = None
    ratified: TreatyDate | None = Field(None, description="Date of ratification, accession, acceptance, approval or succession.")
    how: Literal["ratification", "accession", "acceptance", "approval", "succession"] | None = None
    in_force: TreatyDate | None = Field(None, description="Date it entered into force for the state, where the record gives it.")
    withdrawal_notified: TreatyDate | None = Field(None, description="Date the notification of withdrawal or denunciation was received.")
    withdrawal_effective: TreatyDate | None = Field(None, description="Date the withdrawal or denunciation took effect.")
    statements: list[Statement] = Field(default_factory=list, description="Material reservations and declarations.")
    source: str = Field(description="The official (depositary) record this fact belongs to.")
    note: str | None = None
    unverified: str | None = Field(None, description="Set when the fact was not read in a copy of the depositary record: say why.")

    @model_validator(mode="after")
    def _consistent(self) -> "Participation":
        if self.status == "withdrawn" and not self.withdrawal_effective:
            raise PydanticCustomError("participation", "a withdrawn state needs withdrawal_effective")
        if self.status in ("signatory",) and self.ratified:
            raise PydanticCustomError("participation", "a signatory has no ratification date; use status party")
        return self


class Declaration123(Model):
    """A declaration accepting the ICC's jurisdiction under Rome Statute art. 12(3)."""

    state: str = Field(pattern=r"^[A-Z]{2}$")
    lodged: TreatyDate = Field(description="Date the declaration was lodged with the Registrar.")
    covers_from: TreatyDate = Field(description="First day of the period it accepts jurisdiction for.")
    covers_to: TreatyDate | None = Field(None, description="Last day of that period; omit when open-ended.")
    accepted: bool = Field(True, description="False when the Court or the Prosecutor did not act on it (say why in note).")
    source: str
    note: str | None = None
    unverified: str | None = None


class State(Model):
    code: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2.")
    name: str
    un: Literal["member", "observer", "other"] = Field("member", description="UN member state, observer state, or neither.")
    the: bool = Field(False, description="True when prose puts 'the' before the name ('the Netherlands').")
    participation: list[Participation] = Field(default_factory=list)
    note: str | None = None

    @property
    def prose(self) -> str:
        return ("the " if self.the else "") + self.name

    def status(self, treaty: str) -> Participation | None:
        for p in self.participation:
            if p.treaty == treaty:
                return p
        return None


class StatesFile(Model):
    id: Literal["states"]
    title: str
    kind: Literal["states"]
    note: str | None = None
    treaties: list[Treaty]
    states: list[State]
    declarations_12_3: list[Declaration123] = Field(default_factory=list)


# ---------------------------------------------------------------- frameworks/states/ (one file per treaty)
class StateEntry(Model):
    code: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2.")
    name: str
    un: Literal["member", "observer", "other"] = "member"
    the: bool = Field(False, description="True when prose puts 'the' before the name ('the Netherlands').")
    note: str | None = None


class StatesIndexFile(Model):
    """frameworks/states/index.yaml: the states and the treaties the frameworks rely on."""

    id: Literal["states/index"]
    title: str
    kind: Literal["states-index"]
    note: str | None = None
    treaties: list[Treaty]
    states: list[StateEntry]


class Row(Model):
    """One state's participation in the treaty of a treaty file: `source` and `unverified` default to the file's."""

    state: str = Field(pattern=r"^[A-Z]{2}$")
    status: TreatyStatus
    signed: TreatyDate | None = None
    ratified: TreatyDate | None = None
    how: Literal["ratification", "accession", "acceptance", "approval", "succession"] | None = None
    in_force: TreatyDate | None = None
    withdrawal_notified: TreatyDate | None = None
    withdrawal_effective: TreatyDate | None = None
    statements: list[Statement] = Field(default_factory=list)
    source: str | None = None
    note: str | None = None
    unverified: str | None = None
    verified: bool = Field(False, description="True when every fact of the row was read in a copy of the depositary "
                           "record (the file's default `unverified` then does not apply).")


class TreatyFile(Model):
    """frameworks/states/<treaty>.yaml: every recorded state's participation in one treaty."""

    id: str = Field(description="'states/<treaty id>'.")
    kind: Literal["participation"]
    treaty: Id
    source: str = Field(description="Default depositary record for every row.")
    unverified: str | None = Field(None, description="Default `unverified` for every row that does not set its own.")
    note: str | None = None
    rows: list[Row]
    declarations_12_3: list[Declaration123] = Field(default_factory=list)
