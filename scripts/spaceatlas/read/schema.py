"""The one declaration of every entry type and its fields, and of what is known about them.

The validator, the JSON Schema for editors, the field reference in
CONTRIBUTING.md, the scaffold of `spaceatlas new`, the reference resolver, the
messages, the labels readers see and the data files all read these
declarations (`inspect_schema` reads them); nothing else lists fields or headings. The
patterns fields must match are in `patterns`.
"""

import builtins
from dataclasses import dataclass
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from .partial_date import PartialDate
from .patterns import COUNTRY, ENTRY, PARTY, SEED_FILE, SLUG, SYMBOL, URL, Pattern


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference. `target` is what it names; `backlink` is
    the heading under which the referred-to page lists the referring entry."""

    target: Literal["agency", "treaty", "program", "concept", "source", "country", "party", "entry"]
    backlink: str
    symmetric: bool = False  # "related" links read the same from both ends


# Backlink headings that pages show in a section of their own, named once here.
CITED_BY = "Cited by"
AGENCIES_OF_COUNTRY = "Agencies and bodies"
TREATY_ACTIONS = "Treaty actions"
PARTNER_IN, LEADS, HOSTS = "Partner in", "Leads", "Hosts"


def _matching(pattern: Pattern, max_length: int):
    return Annotated[str, StringConstraints(pattern=pattern.regex, max_length=max_length)]


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Url = _matching(URL, 500)
Slug = _matching(SLUG, 80)
CountryCode = _matching(COUNTRY, 4)
PartyName = _matching(PARTY, 80)
EntryName = _matching(ENTRY, 100)

# Lists are bounded, so a hostile file cannot make validation do unbounded work.
SHORT_LIST, LONG_LIST = 100, 2000


def ref(kind: str, backlink: str, symmetric: bool = False):
    """A field naming a `kind` of thing: an entry type's by its slug, the others in their own forms."""
    base = {"country": CountryCode, "party": PartyName, "entry": EntryName}.get(kind, Slug)
    return Annotated[base, Ref(kind, backlink, symmetric)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class EntryFields(Strict):
    """Fields every entry type has."""

    title: Line = Field(description="The full, official name.")
    aliases: list[Line] = Field(
        default=[], max_length=SHORT_LIST, description="Other names and abbreviations readers search for."
    )
    summary: Text = Field(
        description="One to three sentences in our own words: what it is and why it matters for cooperation."
    )
    description: Text | None = Field(
        default=None, description="Longer plain-text explanation; separate paragraphs with a blank line."
    )
    concepts: list[ref("concept", "Illustrated by")] = Field(
        default=[], max_length=SHORT_LIST, description="Slugs of concepts (content/concepts/) this entry illustrates."
    )
    sources: list[ref("source", CITED_BY)] = Field(
        min_length=1,
        max_length=SHORT_LIST,
        description="Slugs of the source records (seeds/) that support every fact in this entry.",
    )
    redirect_from: list[Slug] = Field(
        default=[], max_length=SHORT_LIST, description="Former slugs of this entry; each old address redirects here."
    )


# --- treaty ---------------------------------------------------------------

TreatyKind = Literal[
    "treaty",
    "convention",
    "agreement",
    "accords",
    "declaration",
    "resolution",
    "principles",
    "guidelines",
    "framework",
    "terms-of-reference",
    "roadmap",
    "memorandum",
    "national-law",
    "policy",
    "regulation",
    "commitment",
    "agreement-type",
]
# Instruments a state joins by signing or declaring, with nothing to ratify.
JOINED_BY_SIGNATURE = frozenset({"accords", "commitment", "declaration", "memorandum", "framework"})


class ActionWords(NamedTuple):
    label: str  # how readers see the action
    letter: str  # its letter in the UN's status lists
    verb: str  # what the party did, taking the instrument: "Latvia acceded to the Outer Space Treaty"


# What a party to an instrument can do, and the words for each.
PARTY_ACTIONS = {
    "signature": ActionWords("Signature", "S", "signed"),
    # A source that records a state as a party without saying how it joined: the general term.
    "consent": ActionWords("Consent to be bound", "R", "consented to be bound by"),
    "ratification": ActionWords("Ratification", "R", "ratified"),
    "accession": ActionWords("Accession", "A", "acceded to"),
    "acceptance": ActionWords("Acceptance", "R", "accepted"),
    "approval": ActionWords("Approval", "R", "approved"),
    "succession": ActionWords("Succession", "D", "succeeded to"),
    "declaration": ActionWords("Declaration of acceptance", "DA", "declared its acceptance of"),
    "commitment": ActionWords("Commitment", "C", "made"),
    "withdrawal": ActionWords("Withdrawal", "W", "gave notice of withdrawal from"),
}
PartyAction = Literal[tuple(PARTY_ACTIONS)]  # what a file may write: the table's keys, in its order


class TreatyDates(Strict):
    adopted: PartialDate | None = Field(
        default=None, title="Adopted", description="Adopted (e.g. by the UN General Assembly)."
    )
    opened_for_signature: PartialDate | None = Field(
        default=None, title="Opened for signature", description="Opened for signature."
    )
    signed: PartialDate | None = Field(default=None, title="Signed", description="Signed.")
    entered_into_force: PartialDate | None = Field(
        default=None, title="Entered into force", description="Entered into force."
    )


class ProvisionFields(Strict):
    article: Line | None = Field(default=None, description="Article or section label, e.g. 'Article II'.")
    text: Text = Field(description="What the provision says, in our own words.")


class PartyActionFields(Strict):
    party: ref("party", TREATY_ACTIONS) = Field(description="Country code (e.g. US) or agency slug (e.g. esa).")
    action: PartyAction = Field(description="What the party did.")
    date: PartialDate | None = Field(
        default=None, description="When (for a withdrawal: when it was notified); leave out if no source gives it."
    )
    effective: PartialDate | None = Field(
        default=None, description="For a withdrawal: the date it takes effect, when later than its notification."
    )
    depositary: CountryCode | None = Field(
        default=None,
        description="For an instrument with several depositary governments: the one that received this "
        "deposit (GB for London, RU for Moscow, US for Washington). One item per deposit; the earliest counts.",
    )
    note: Line | None = Field(default=None, description="A short remark, e.g. 'as successor to Czechoslovakia'.")
    declarations: Text | None = Field(
        default=None,
        description="The substance of a declaration or reservation made with this action, and of any "
        "objections to it, in our own words, as the depositary records them.",
    )
    source: ref("source", CITED_BY) | None = Field(
        default=None, description="The source for this action, when it is not the list's own source."
    )


Count = Annotated[StrictInt, Field(ge=0, le=1000)]  # of states or organisations


class StatedTotalFields(Strict):
    as_of: PartialDate = Field(description="The date the source's totals are for.")
    source: ref("source", CITED_BY) = Field(description="The source that states the totals.")
    parties: Count | None = Field(default=None, description="Parties, as the source counts them.")
    signatories: Count | None = Field(
        default=None, description="States that signed but are not parties, as the source counts them."
    )
    signed: Count | None = Field(
        default=None, description="States that have signed, parties among them, as the source counts them."
    )
    organisations: Count | None = Field(
        default=None, description="Intergovernmental organisations' declarations of acceptance."
    )


class PartiesFields(Strict):
    as_of: PartialDate = Field(description="The date the list of actions is complete to, as far as its sources go.")
    source: ref("source", CITED_BY) | None = Field(
        default=None, description="The source that gives the whole list; without it, every action names its own."
    )
    stated_totals: list[StatedTotalFields] = Field(
        default=[],
        max_length=SHORT_LIST,
        description="Totals as a source states them; the counts shown are always derived from `actions`.",
    )
    actions: list[PartyActionFields] = Field(
        default=[], max_length=LONG_LIST, description="Individual actions, each with its date."
    )


class TreatyFields(EntryFields):
    short_name: Line | None = Field(default=None, description="The common name, used as the page heading.")
    acronym: Line | None = Field(default=None, description="Abbreviation, e.g. OST.")
    kind: TreatyKind = Field(description="What kind of instrument it is.")
    dates: TreatyDates = Field(default=TreatyDates(), description="Key dates, each optional.")
    adopted_by: Line | None = Field(default=None, description="How it was adopted, e.g. 'resolution 2222 (XXI)'.")
    where_signed: Line | None = Field(default=None, description="Where it was signed or opened for signature.")
    depositaries: list[ref("party", "Depositary of")] = Field(
        default=[],
        max_length=SHORT_LIST,
        description="Countries (codes) or bodies (agency slugs) that keep the original.",
    )
    key_provisions: list[ProvisionFields] = Field(
        default=[], max_length=SHORT_LIST, description="Main provisions, in our own words."
    )
    related: list[ref("treaty", "Related instruments", symmetric=True)] = Field(
        default=[], max_length=SHORT_LIST, description="Slugs of related instruments."
    )
    parties: PartiesFields | None = Field(default=None, description="Who has joined, and when, per the sources.")


# --- program --------------------------------------------------------------

ProgramStatus = Literal["planned", "active", "completed", "cancelled"]
Domain = Literal[
    "human-spaceflight",
    "exploration",
    "astronomy",
    "earth-observation",
    "climate",
    "science",
    "security",
    "space-domain-awareness",
    "communications",
    "navigation",
    "education",
    "coordination",
    "commerce",
]


class PartnerFields(Strict):
    party: ref("party", PARTNER_IN) = Field(description="Country code or agency slug.")
    joined: PartialDate | None = Field(default=None, description="When this partner joined, if later than the start.")
    contribution: Text | None = Field(default=None, description="What this partner contributes, in our own words.")


class ProgramFields(EntryFields):
    acronym: Line | None = Field(default=None, description="Abbreviation, e.g. ISS.")
    status: ProgramStatus = Field(description="Where the program stands, per its newest source.")
    start: PartialDate | None = Field(
        default=None, title="Started", description="Start: launch, first element or announcement."
    )
    end: PartialDate | None = Field(default=None, title="Ended", description="End, if it has ended or was cancelled.")
    lead: ref("party", LEADS) | None = Field(default=None, description="Leading agency slug or country code.")
    partners: list[PartnerFields] = Field(
        default=[], max_length=SHORT_LIST, description="Partners and what each contributes."
    )
    domains: list[Domain] = Field(min_length=1, max_length=20, description="Fields of activity.")
    instruments: list[ref("treaty", "Programs governed")] = Field(
        default=[], max_length=SHORT_LIST, description="Slugs of the instruments that govern it."
    )
    part_of: ref("program", "Components") | None = Field(default=None, description="Slug of the parent program.")
    host_countries: list[ref("country", HOSTS)] = Field(
        default=[], max_length=SHORT_LIST, description="Country codes where it is physically located."
    )


# --- agency ---------------------------------------------------------------

AgencyKind = Literal[
    "national-agency",
    "intergovernmental-organization",
    "un-body",
    "coordination-forum",
    "government-department",
    "military-service",
    "research-organization",
    "council",
    "international-organization",
    "nongovernmental-organization",
]


def _party_list(backlink: str, what: str) -> type[BaseModel]:
    """A dated list of states or bodies from one source: members, associates."""

    class PartyListFields(Strict):
        as_of: PartialDate = Field(description="The date the list is correct for.")
        source: ref("source", CITED_BY) = Field(description="The source that gives the list.")
        list: builtins.list[ref("party", backlink)] = Field(
            min_length=1, max_length=LONG_LIST, description=f"{what}: country codes or agency slugs."
        )

    return PartyListFields


MembersFields = _party_list("Member of", "Members")
AssociatesFields = _party_list("Associate of", "Associate members or observers")


class HeadFields(Strict):
    name: Line = Field(description="The person's name.")
    role: Line = Field(description="The title of the post, e.g. Administrator.")
    as_of: PartialDate = Field(description="The date the source says this person held the post.")
    source: ref("source", CITED_BY) = Field(description="The source that names them.")


class BudgetFields(Strict):
    amount: StrictInt = Field(ge=0, le=10**15, description="The amount, in units of the currency.")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="ISO 4217 currency code, e.g. USD, EUR."
    )
    year: Line = Field(description="The budget year as the source names it, e.g. FY2025 or 2025.")
    as_of: PartialDate = Field(description="The date of the source.")
    source: ref("source", CITED_BY) = Field(description="The source that gives the budget.")


class AgencyFields(EntryFields):
    acronym: Line | None = Field(default=None, description="Abbreviation, e.g. NASA.")
    kind: AgencyKind = Field(description="What kind of body it is.")
    country: ref("country", AGENCIES_OF_COUNTRY) | None = Field(
        default=None, description="Country code, for a national body."
    )
    members: MembersFields | None = Field(default=None, description="Members of an international body.")
    associates: AssociatesFields | None = Field(
        default=None, description="Associate members or observers of an international body."
    )
    founded: PartialDate | None = Field(default=None, title="Founded", description="When it was founded.")
    ended: PartialDate | None = Field(
        default=None, title="Ended", description="When it was dissolved or merged into another body."
    )
    successor: ref("agency", "Predecessors") | None = Field(
        default=None, description="Slug of the body that took over its work."
    )
    headquarters: Line | None = Field(default=None, description="Where it is based.")
    head: HeadFields | None = Field(default=None, description="Who leads it, as of a date.")
    budget: BudgetFields | None = Field(default=None, description="Its budget for one year, as of a date.")
    website: Url | None = Field(default=None, description="Official website address.")
    parent: ref("agency", "Sub-bodies") | None = Field(default=None, description="Slug of the parent body.")


# --- concept --------------------------------------------------------------


class AnswerFields(Strict):
    instrument: ref("treaty", "Compared in") = Field(description="Slug of the instrument this answer is about.")
    text: Text = Field(description="Its answer to the question, in our own words, with the article or section.")
    source: ref("source", CITED_BY) = Field(description="The source that supports the answer.")


class QuestionFields(Strict):
    question: Line = Field(description="What readers ask, e.g. 'Is it legally binding?'.")
    answers: list[AnswerFields] = Field(
        min_length=1, max_length=SHORT_LIST, description="One answer per compared instrument."
    )


class ConceptFields(EntryFields):
    kind: Literal["term", "theme"] = Field(description="term: a glossary entry; theme: an overview page.")
    compares: list[ref("treaty", "Compared in")] = Field(
        default=[],
        max_length=SHORT_LIST,
        description="For a comparison: the instruments set side by side (their members' overlaps are derived).",
    )
    questions: list[QuestionFields] = Field(
        default=[], max_length=SHORT_LIST, description="For a comparison: the questions, each answered per instrument."
    )
    related: list[ref("concept", "Related concepts", symmetric=True)] = Field(
        default=[], max_length=SHORT_LIST, description="Slugs of related concepts."
    )
    see_also: list[ref("entry", "Discussed in")] = Field(
        default=[],
        max_length=SHORT_LIST,
        description="Entries that illustrate it, as type/slug, e.g. treaties/outer-space-treaty.",
    )


# --- source ---------------------------------------------------------------


class SourceFields(Strict):
    title: Line = Field(description="The document's title.")
    publisher: Line = Field(description="Who published it.")
    author: Line | None = Field(default=None, description="Author, if named.")
    date: PartialDate | None = Field(default=None, description="Publication date.")
    symbol: _matching(SYMBOL, 80) | None = Field(default=None, description="UN document symbol, for UN documents.")
    address: Url | None = Field(default=None, description="The document's original address.")
    copy_address: Url | None = Field(
        default=None,
        description="Where we read it, when not at its original address: a faithful public copy of the document.",
    )
    seed_file: _matching(SEED_FILE, 100) | None = Field(
        default=None, description="File name of the project's copy in ../shared/seeds/, for the founding documents."
    )
    summary: Text = Field(description="What the document is and what we drew from it, in our own words.")
    redirect_from: list[Slug] = Field(default=[], max_length=SHORT_LIST, description="Former slugs of this record.")


@dataclass(frozen=True)
class EntryType:
    name: str  # singular, used in messages and `spaceatlas new`
    folder: str  # plural: the URL segment, and the folder of its files under the content folder
    model: type[BaseModel]
    label: str  # heading of the index page


ENTRY_TYPES: dict[str, EntryType] = {
    t.name: t
    for t in (
        EntryType("treaty", "treaties", TreatyFields, "Treaties and instruments"),
        EntryType("program", "programs", ProgramFields, "Programs and missions"),
        EntryType("agency", "agencies", AgencyFields, "Agencies and bodies"),
        EntryType("concept", "concepts", ConceptFields, "Concepts and themes"),
        EntryType("source", "sources", SourceFields, "Sources"),
    )
}
TYPE_BY_FOLDER = {t.folder: t for t in ENTRY_TYPES.values()}
COUNTRIES_FOLDER = "countries"
