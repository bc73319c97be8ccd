"""The one declaration of every entry type and its fields.

The validator, the JSON Schema for editors, the field reference in
CONTRIBUTING.md, the scaffold of `spaceatlas new` and the reference resolver
all read these models; nothing else lists fields.
"""


import builtins
import typing
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .partial_date import PartialDate

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
COUNTRY_PATTERN = r"^(?:[A-Z]{2}|[A-Z]{4})$"
PARTY_PATTERN = r"^(?:[A-Z]{2}|[A-Z]{4}|[a-z0-9]+(?:-[a-z0-9]+)*)$"
ENTRY_PATTERN = r"^(?:treaties|programs|agencies|concepts|sources|countries)/[a-zA-Z0-9-]+$"
URL_PATTERN = r"^https?://[^\s<>\"'`(){}\[\]|\\^]+$"


@dataclass(frozen=True)
class Ref:
    """Marks a field as a reference. `target` is what it names; `backlink` is
    the heading under which the referred-to page lists the referring entry."""

    target: Literal["agency", "treaty", "program", "concept", "source", "country", "party", "entry"]
    backlink: str
    symmetric: bool = False  # "related" links read the same from both ends


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN, max_length=500)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]
CountryCode = Annotated[str, StringConstraints(pattern=COUNTRY_PATTERN)]
PartyName = Annotated[str, StringConstraints(pattern=PARTY_PATTERN, max_length=80)]
EntryName = Annotated[str, StringConstraints(pattern=ENTRY_PATTERN, max_length=100)]


def ref(kind: str, backlink: str, symmetric: bool = False):
    base = {"agency": Slug, "treaty": Slug, "program": Slug, "concept": Slug, "source": Slug,
            "country": CountryCode, "party": PartyName, "entry": EntryName}[kind]
    return Annotated[base, Ref(kind, backlink, symmetric)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class EntryFields(Strict):
    """Fields every entry type has."""

    title: Line = Field(description="The full, official name.")
    aliases: list[Line] = Field(default=[], description="Other names and abbreviations readers search for.")
    summary: Text = Field(description="One to three sentences in our own words: what it is and why it matters for cooperation.")
    description: Text | None = Field(
        default=None, description="Longer plain-text explanation; separate paragraphs with a blank line."
    )
    concepts: list[ref("concept", "Illustrated by")] = Field(
        default=[], description="Slugs of concepts (content/concepts/) this entry illustrates."
    )
    sources: list[ref("source", "Cited by")] = Field(
        min_length=1, description="Slugs of the source records (seeds/) that support every fact in this entry."
    )
    redirect_from: list[Slug] = Field(
        default=[], description="Former slugs of this entry; each old address redirects here."
    )


# --- treaty ---------------------------------------------------------------

TreatyKind = Literal[
    "treaty", "convention", "agreement", "accords", "declaration", "resolution", "framework",
    "terms-of-reference", "roadmap", "memorandum", "national-law", "policy", "regulation",
    "commitment", "agreement-type",
]
PartyAction = Literal["signature", "ratification", "accession", "acceptance", "succession", "withdrawal"]


class TreatyDates(Strict):
    adopted: PartialDate | None = Field(default=None, description="Adopted (e.g. by the UN General Assembly).")
    opened_for_signature: PartialDate | None = Field(default=None, description="Opened for signature.")
    signed: PartialDate | None = Field(default=None, description="Signed.")
    entered_into_force: PartialDate | None = Field(default=None, description="Entered into force.")


class ProvisionFields(Strict):
    article: Line | None = Field(default=None, description="Article or section label, e.g. 'Article II'.")
    text: Text = Field(description="What the provision says, in our own words.")


class PartyActionFields(Strict):
    party: ref("party", "Treaty actions") = Field(description="Country code (e.g. US) or agency slug (e.g. esa).")
    action: PartyAction = Field(description="What the party did.")
    date: PartialDate | None = Field(default=None, description="When.")
    source: ref("source", "Cited by") | None = Field(
        default=None, description="The source for this action, when it is not the list's own source."
    )


class PartiesFields(Strict):
    as_of: PartialDate = Field(description="The date the list or counts are correct for.")
    source: ref("source", "Cited by") = Field(description="The source that gives the list or counts.")
    total_parties: int | None = Field(default=None, ge=0, description="Number of parties, as the source states it.")
    total_signatories: int | None = Field(
        default=None, ge=0, description="Number of signatories, as the source states it."
    )
    actions: list[PartyActionFields] = Field(default=[], description="Individual actions the source supports.")


class TreatyFields(EntryFields):
    short_name: Line | None = Field(default=None, description="The common name, used as the page heading.")
    acronym: Line | None = Field(default=None, description="Abbreviation, e.g. OST.")
    kind: TreatyKind = Field(description="What kind of instrument it is.")
    dates: TreatyDates = Field(default=TreatyDates(), description="Key dates, each optional.")
    where_signed: Line | None = Field(default=None, description="Where it was signed or opened for signature.")
    depositaries: list[ref("party", "Depositary of")] = Field(
        default=[], description="Countries (codes) or bodies (agency slugs) that keep the original."
    )
    key_provisions: list[ProvisionFields] = Field(default=[], description="Main provisions, in our own words.")
    related: list[ref("treaty", "Related instruments", symmetric=True)] = Field(
        default=[], description="Slugs of related instruments."
    )
    parties: PartiesFields | None = Field(default=None, description="Who has joined, as of a date, per a source.")


# --- program --------------------------------------------------------------

ProgramStatus = Literal["planned", "active", "completed", "cancelled"]
Domain = Literal[
    "human-spaceflight", "exploration", "astronomy", "earth-observation", "climate", "science", "security",
    "space-domain-awareness", "communications", "navigation", "education", "coordination", "commerce",
]


class PartnerFields(Strict):
    party: ref("party", "Partner in") = Field(description="Country code or agency slug.")
    contribution: Text | None = Field(default=None, description="What this partner contributes, in our own words.")


class ProgramFields(EntryFields):
    acronym: Line | None = Field(default=None, description="Abbreviation, e.g. ISS.")
    status: ProgramStatus = Field(description="Where the program stands, per its newest source.")
    start: PartialDate | None = Field(default=None, description="Start: launch, first element or announcement.")
    end: PartialDate | None = Field(default=None, description="End, if it has ended or was cancelled.")
    lead: ref("party", "Leads") | None = Field(default=None, description="Leading agency slug or country code.")
    partners: list[PartnerFields] = Field(default=[], description="Partners and what each contributes.")
    domains: list[Domain] = Field(min_length=1, description="Fields of activity.")
    instruments: list[ref("treaty", "Programs governed")] = Field(
        default=[], description="Slugs of the instruments that govern it."
    )
    part_of: ref("program", "Components") | None = Field(default=None, description="Slug of the parent program.")
    host_countries: list[ref("country", "Hosts")] = Field(
        default=[], description="Country codes where it is physically located."
    )


# --- agency ---------------------------------------------------------------

AgencyKind = Literal[
    "national-agency", "intergovernmental-organization", "un-body", "coordination-forum",
    "government-department", "military-service", "research-organization", "council",
    "international-organization", "nongovernmental-organization",
]


class MembersFields(Strict):
    as_of: PartialDate = Field(description="The date the list is correct for.")
    source: ref("source", "Cited by") = Field(description="The source that gives the list.")
    list: builtins.list[ref("party", "Member of")] = Field(min_length=1, description="Country codes or agency slugs.")


class AgencyFields(EntryFields):
    acronym: Line | None = Field(default=None, description="Abbreviation, e.g. NASA.")
    kind: AgencyKind = Field(description="What kind of body it is.")
    country: ref("country", "Agencies and bodies") | None = Field(
        default=None, description="Country code, for a national body."
    )
    members: MembersFields | None = Field(default=None, description="Members of an international body.")
    founded: PartialDate | None = Field(default=None, description="When it was founded.")
    headquarters: Line | None = Field(default=None, description="Where it is based.")
    website: Url | None = Field(default=None, description="Official website address.")
    parent: ref("agency", "Sub-bodies") | None = Field(default=None, description="Slug of the parent body.")


# --- concept --------------------------------------------------------------


class ConceptFields(EntryFields):
    kind: Literal["term", "theme"] = Field(description="term: a glossary entry; theme: an overview page.")
    related: list[ref("concept", "Related concepts", symmetric=True)] = Field(default=[], description="Slugs of related concepts.")
    see_also: list[ref("entry", "Discussed in")] = Field(
        default=[], description="Entries that illustrate it, as type/slug, e.g. treaties/outer-space-treaty."
    )


# --- source ---------------------------------------------------------------


class SourceFields(Strict):
    title: Line = Field(description="The document's title.")
    publisher: Line = Field(description="Who published it.")
    author: Line | None = Field(default=None, description="Author, if named.")
    date: PartialDate | None = Field(default=None, description="Publication date.")
    address: Url | None = Field(default=None, description="Where the document can be read.")
    seed_file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.txt$")] | None = Field(
        default=None, description="File name of our copy in ../shared/seeds/, for seed documents."
    )
    summary: Text = Field(description="What the document is and what we drew from it, in our own words.")
    redirect_from: list[Slug] = Field(default=[], description="Former slugs of this record.")


@dataclass(frozen=True)
class EntryType:
    name: str  # singular, used in messages and `spaceatlas new`
    folder: str  # plural: the URL segment
    directory: str  # where its YAML files live, relative to the project root
    model: type[BaseModel]
    label: str  # heading of the index page


ENTRY_TYPES: dict[str, EntryType] = {
    t.name: t
    for t in (
        EntryType("treaty", "treaties", "content/treaties", TreatyFields, "Treaties and instruments"),
        EntryType("program", "programs", "content/programs", ProgramFields, "Programs and missions"),
        EntryType("agency", "agencies", "content/agencies", AgencyFields, "Agencies and bodies"),
        EntryType("concept", "concepts", "content/concepts", ConceptFields, "Concepts and themes"),
        EntryType("source", "sources", "seeds", SourceFields, "Sources"),
    )
}
TYPE_BY_FOLDER = {t.folder: t for t in ENTRY_TYPES.values()}


# --- reading the declarations (for the scaffold, the field reference, messages) ---


def nested_model(annotation) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[PartnerFields]` or `TreatyDates | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = nested_model(arg)
        if found is not None:
            return found
    return None


def literal_choices(annotation) -> list[str]:
    """The allowed values of a Literal inside an annotation, or []."""
    if typing.get_origin(annotation) is Literal:
        return list(typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        found = literal_choices(arg)
        if found:
            return found
    return []


def is_list(annotation) -> bool:
    if typing.get_origin(annotation) is list:
        return True
    return any(is_list(arg) for arg in typing.get_args(annotation) if arg is not type(None))
