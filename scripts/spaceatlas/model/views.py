"""Views derived from the atlas for the reader pages: program roles, country
profiles, instrument status, the treaty status matrix, the timeline and the
cooperation grid. Each is computed once per build, the first time a page asks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..read.inspect_schema import field_label
from ..read.partial_date import PartialDate
from ..read.schema import AGENCIES_OF_COUNTRY, HOSTS, LEADS, PARTNER_IN, PARTY_ACTIONS, TREATY_ACTIONS, TreatyDates
from .atlas import Atlas, Link, Target
from .countries import Country
from .entry import Entry
from .status import ActionGroup, InstrumentStatus, PartyRecord
from .wording import Status

PROGRAM_ROLES = {"lead": "lead", "partners": "partner", "host_countries": "host"}
# Backlink groups a country page shows in sections of its own.
COUNTRY_SECTIONS = frozenset({AGENCIES_OF_COUNTRY, TREATY_ACTIONS, PARTNER_IN, LEADS, HOSTS})
# The matrix and the country pages' one-line standing compare at most this many instruments, the
# most widely joined: beyond a screen's width of columns a reader can no longer compare, and the
# page would grow with instruments times states. Every instrument keeps its own map and list.
MATRIX_COLUMNS = 20
_NUMBERS = {0: "none", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
# The changes page lists changes from this year on; the timeline holds the earlier ones.
RECENT_SINCE = 2000
# The timeline starts with the space age: the launch of Sputnik 1 on 4 October 1957.
SPACE_AGE = 1957


@dataclass(frozen=True)
class Event:
    date: PartialDate
    category: str  # instruments | actions | programs | agencies
    what: str  # e.g. "Entered into force"
    entry: Entry
    party: Target | None = None


@dataclass(frozen=True)
class CountryRow:
    """One state in the country index: what it has joined, and when it first acted."""

    country: Country
    un_treaties: int
    artemis: PartialDate | None
    programs: int
    agencies: int
    first_action: PartialDate | None


@dataclass(frozen=True)
class Standing:
    """One instrument in a country's one-line standing, e.g. 'OST party 1967'."""

    instrument: Entry
    mark: str  # what the line shows: "party 1967", "signed 1967", "not yet listed here"
    words: str  # the same in a sentence, for the hover text and screen readers


@dataclass(frozen=True)
class MatrixCell:
    """One state's standing under one instrument in the status matrix: its letter in the UN's
    notation, how it sorts, its words, and the years the year control needs."""

    status: str  # the CSS class: a Status, or "" for nothing recorded
    letter: str
    sort_key: str
    words: str
    years: tuple[
        tuple[str, int | str], ...
    ]  # (data attribute, value): s signed, j joined, jl letter, w withdrew, e ended


@dataclass(frozen=True)
class HeadlineFigure:
    """A headline figure for the front page: a number derived from the data, what it counts, as of when."""

    number: str  # "116", or "at least 116" for a list not yet complete
    what: str
    as_of: PartialDate
    link: Entry | None  # the instrument's page; None for a figure across several


@dataclass(frozen=True)
class Change:
    """One dated action on an instrument's list: what changed, and where it is recorded."""

    date: PartialDate
    instrument: Entry
    party: Target
    group: ActionGroup
    sources: list[Entry]

    def in_words(self) -> str:
        """e.g. 'Latvia acceded to the Outer Space Treaty'."""
        text = f"{self.party.name} {PARTY_ACTIONS[self.group.action].verb} the {self.instrument.name}"
        return text + (f", effective {self.group.effective.human()}" if self.group.effective else "")


@dataclass(frozen=True)
class Overlap:
    """The states that have joined exactly these instruments of a comparison, and none of the others."""

    instruments: list[Entry]
    countries: list[Country]


@dataclass(frozen=True)
class TreatyRow:
    """One instrument on a country's page: its standing in the instrument's own words, and its actions."""

    instrument: Entry
    record: PartyRecord
    standing: str


# A pair of countries can share hundreds of programs: pages name the first few and count the rest
# (each program's page lists its partners), so that no page grows with programs times partners.
PROGRAMS_NAMED = 8


@dataclass(frozen=True)
class SharedPrograms:
    """Another country that shares programs with a country: how many, and the first few by name."""

    country: Country
    count: int
    named: list[Entry]  # at most PROGRAMS_NAMED, by name

    @property
    def more(self) -> int:
        return self.count - len(self.named)

    def in_words(self) -> str:
        """e.g. 'Artemis, ISS and 3 more'."""
        names = ", ".join(p.name for p in self.named)
        return names + (f" and {self.more} more" if self.more else "")


@dataclass(frozen=True)
class CountryProfile:
    country: Country
    agencies: list[Entry]
    treaty_rows: list[TreatyRow]
    programs: list[tuple[Entry, str]]
    partners: list[SharedPrograms]
    other_links: dict[str, list[Link]]
    standing: list[Standing]
    story: list[str | Entry]  # its standing in plain words, and the entries the words name


class SiteViews:
    def __init__(self, atlas: Atlas):
        self.atlas = atlas

    # --- instruments and their parties ----------------------------------

    @cached_property
    def instruments(self) -> list[Entry]:
        """Instruments with a list of parties: the matrix's columns and the pages with a world map."""
        found = [t for t in self.atlas.of_type("treaty") if t.fields.parties and t.fields.parties.actions]
        return sorted(found, key=lambda t: (self.status(t).opened or PartialDate(9999), t.name))

    @staticmethod
    def treaty_dates(treaty: Entry) -> list[tuple[str, PartialDate, str]]:
        """An instrument's key dates in order, as (label, date, how: the resolution that adopted it)."""
        dates, fields = treaty.fields.dates, treaty.fields
        return [
            (field_label(TreatyDates, name), when, (fields.adopted_by or "") if name == "adopted" else "")
            for name in TreatyDates.model_fields
            if (when := getattr(dates, name)) is not None
        ]

    @cached_property
    def _status(self) -> dict[str, InstrumentStatus]:
        return {t.key: InstrumentStatus(t) for t in self.atlas.of_type("treaty")}

    def status(self, treaty: Entry) -> InstrumentStatus:
        return self._status[treaty.key]

    @cached_property
    def _records_by_party(self) -> dict[str, dict[str, PartyRecord]]:
        """party key -> instrument key -> its record."""
        found: dict[str, dict[str, PartyRecord]] = defaultdict(dict)
        for treaty in self.instruments:
            for record in self.status(treaty).records:
                found[record.party.key][treaty.key] = record
        return found

    @cached_property
    def matrix_as_of(self) -> int | None:
        """The newest year any compared list reaches: where the matrix's year control ends."""
        return max((self.status(t).as_of.year for t in self.compared), default=None)

    @cached_property
    def first_action_year(self) -> int | None:
        """The year of the earliest dated action on any instrument: where the year control starts."""
        years = [a.date.year for t in self.instruments for a in t.fields.parties.actions if a.date]
        return min(years, default=None)

    @cached_property
    def un_treaties(self) -> list[Entry]:
        """The UN treaties on outer space: binding instruments adopted by a General Assembly resolution."""
        return [
            t
            for t in self.instruments
            if t.fields.kind in ("treaty", "agreement", "convention") and "resolution" in (t.fields.adopted_by or "")
        ]

    @cached_property
    def un_lists_complete(self) -> bool:
        """Whether every UN treaty's list is whole: only then may a page say a state has joined none."""
        return all(self.status(t).complete for t in self.un_treaties)

    @cached_property
    def un_as_of(self) -> PartialDate | None:
        """The oldest 'as of' date among the UN treaties' lists: what a count across them holds to."""
        return min((self.status(t).as_of for t in self.un_treaties), default=None)

    @cached_property
    def accords(self) -> Entry | None:
        return next((t for t in self.instruments if t.fields.kind == "accords"), None)

    def joined_spans(self, country: Country, instruments: list[Entry]) -> str:
        """When a state belonged to each of `instruments`, for the year control: '1967 1969 2012-2024'
        (joined in 1967, in 1969, and from 2012 until a withdrawal took effect in 2024)."""
        spans = []
        for treaty in instruments:
            record = self.record(country, treaty)
            if record is not None and record.joined and record.status in (Status.PARTY, Status.WITHDRAWN):
                spans.append(f"{record.joined.year}" + (f"-{record.left.year}" if record.left else ""))
        return " ".join(spans)

    def joined_names(self, country: Country, instruments: list[Entry]) -> list[Entry]:
        """Which of `instruments` a state belongs to today."""
        return [t for t in instruments if (r := self.record(country, t)) and r.status is Status.PARTY]

    def un_treaties_joined(self, country: Country) -> int:
        return len(self.joined_names(country, self.un_treaties))

    @cached_property
    def country_rows(self) -> list[CountryRow]:
        rows = []
        for country in self.atlas.sorted_countries():
            records = self._records_by_party.get(country.key, {}).values()
            dated = [a.date for r in records for a in r.actions if a.date]
            artemis = self.record(country, self.accords) if self.accords else None
            rows.append(
                CountryRow(
                    country,
                    self.un_treaties_joined(country),
                    artemis.signed if artemis and artemis.status is Status.PARTY else None,
                    len(self.programs_involving(country)),
                    len(self._agencies_by_country.get(country.key, [])),
                    min(dated, default=None),
                )
            )
        return rows

    def _country(self, key: str) -> Country:
        """The country of a key such as 'countries/ke'."""
        return self.atlas.countries[key.split("/")[1].upper()]

    def record(self, party: Target, treaty: Entry) -> PartyRecord | None:
        return self._records_by_party.get(party.key, {}).get(treaty.key)

    @cached_property
    def compared(self) -> list[Entry]:
        """The instruments the matrix and the country pages compare: the most widely joined, in date order."""
        widest = sorted(self.instruments, key=lambda t: -len(self.status(t).records))[:MATRIX_COLUMNS]
        return [t for t in self.instruments if t in widest]

    @cached_property
    def matrix(
        self,
    ) -> tuple[list[Entry], list[tuple[Target, list[MatrixCell]]], list[tuple[Target, list[MatrixCell]]]]:
        """Columns (instruments), rows of states, rows of agencies and organisations: one cell per column."""
        columns = self.compared
        states, organisations = [], []
        parties = {r.party.key: r.party for t in columns for r in self.status(t).records}
        for party in sorted(parties.values(), key=lambda p: p.name.casefold()):
            row = (party, [self._cell(party, self.record(party, t), t) for t in columns])
            (organisations if isinstance(party, Entry) else states).append(row)
        return columns, states, organisations

    @staticmethod
    def _cell(party: Target, record: PartyRecord | None, treaty: Entry) -> MatrixCell:
        if record is None:
            return MatrixCell("", "—", "9", f"{party.name}, {treaty.short_label}: nothing recorded", ())
        data = tuple(record.years.items())
        if record.joined:
            data += (("jl", PARTY_ACTIONS[record.how.action].letter),)
        # e.g. '…, OST: Signature 27 January 1967 (London, Moscow, Washington); Ratification 10 October 1967 (London)'
        words = f"{party.name}, {treaty.short_label}: " + "; ".join(group.in_words() for group in record.groups)
        return MatrixCell(record.status, record.letter, record.sort_key, words, data)

    @cached_property
    def comparisons(self) -> list[Entry]:
        """Concept pages that set instruments side by side."""
        return [c for c in self.atlas.of_type("concept") if c.fields.compares]

    @cached_property
    def headline_figures(self) -> list[HeadlineFigure]:
        """The most widely joined instrument of each kind of membership (parties, signatories,
        partners…), and the states that are party to every UN treaty on outer space."""
        figures, kinds = [], set()
        for treaty in sorted(self.instruments, key=lambda t: -self.status(t).counts["parties"]):
            status = self.status(treaty)
            if status.words in kinds or status.counts["parties"] < 2:  # a list of agencies, not states
                continue
            kinds.add(status.words)
            count = status.counts["parties"]
            number = f"{count:,}" if status.complete else f"at least {count:,}"
            figures.append(HeadlineFigure(number, status.words.of.format(name=treaty.name), status.as_of, treaty))
        if self.un_treaties:
            every = sum(1 for c in self.atlas.countries.values() if self.un_treaties_joined(c) == len(self.un_treaties))
            number = f"{every:,}" if self.un_lists_complete else f"at least {every:,}"
            what = f"states parties to all {len(self.un_treaties)} UN treaties on outer space"
            figures.insert(1, HeadlineFigure(number, what, self.un_as_of, None))
        return figures

    @cached_property
    def changes(self) -> list[Change]:
        """Every dated action on every list, newest first (ties by instrument and party name)."""
        found = []
        for treaty in self.instruments:
            status = self.status(treaty)
            for record in status.records:
                sources = status.sources_of(record)
                for group in record.groups:
                    if group.date is not None:
                        found.append(Change(group.date, treaty, record.party, group, sources))
        found.sort(key=lambda c: (c.instrument.name.casefold(), c.party.name.casefold()))
        return sorted(found, key=lambda c: c.date, reverse=True)

    @cached_property
    def recent_changes(self) -> list[Change]:
        """The changes of this century, for the changes page: the earlier ones, most of them, are in the
        timeline decade by decade, and a page of all of them would be slow to open on a phone."""
        return [change for change in self.changes if change.date.year >= RECENT_SINCE]

    @cached_property
    def recent_changes_sections(self) -> list[tuple[str, list[Change]]]:
        """The changes page's sections: the two newest years, then the earlier ones (laid out on a
        phone only when scrolled to: one long table costs a phone a few hundred ms at load)."""
        if not self.recent_changes:
            return []
        newest = self.recent_changes[0].date.year
        latest = [c for c in self.recent_changes if c.date.year >= newest - 1]
        earlier = self.recent_changes[len(latest) :]
        sections = [(f"{newest - 1} and {newest}", latest)]
        if earlier:
            sections.append((f"{earlier[-1].date.year} to {earlier[0].date.year}", earlier))
        return sections

    def overlaps(self, instruments: list[Entry]) -> list[Overlap]:
        """The states that have joined each combination of `instruments` (as each one's kind has
        it: a party to a treaty, a signatory of the Accords, a partner of the ILRS), largest first."""
        joined: dict[Country, set[str]] = defaultdict(set)
        for treaty in instruments:
            for record in self.status(treaty).states:
                if record.status is Status.PARTY:
                    joined[record.party].add(treaty.key)
        groups: dict[frozenset, list[Country]] = defaultdict(list)
        for country, treaties in joined.items():
            groups[frozenset(treaties)].append(country)
        found = [
            Overlap(
                [t for t in instruments if t.key in keys],
                sorted(countries, key=lambda c: c.name.casefold()),
            )
            for keys, countries in groups.items()
        ]
        return sorted(found, key=lambda o: (-len(o.instruments), [instruments.index(t) for t in o.instruments]))

    # --- who takes part in which program ---------------------------------

    @cached_property
    def _direct_roles(self) -> dict[str, dict[Entry, set[str]]]:
        """target key -> program -> roles held directly."""
        roles: dict[str, dict[Entry, set[str]]] = defaultdict(lambda: defaultdict(set))
        for program in self.atlas.entries["program"].values():
            for link in self.atlas.links_from(program.key):
                role = PROGRAM_ROLES.get(link.path[0])
                if role:
                    roles[link.target.key][program].add(role)
        return roles

    @cached_property
    def _agencies_by_country(self) -> dict[str, list[Entry]]:
        found = defaultdict(list)
        for agency in self.atlas.of_type("agency"):
            if agency.resolved.country:
                found[agency.resolved.country.key].append(agency)
        return found

    def programs_involving(self, target: Target) -> list[tuple[Entry, str]]:
        """Programs where `target` leads, partners or hosts — for a country, also through its agencies."""
        found: dict[Entry, set[str]] = defaultdict(set)
        for program, roles in self._direct_roles.get(target.key, {}).items():
            found[program] |= roles
        if isinstance(target, Country):
            for agency in self._agencies_by_country.get(target.key, []):
                for program, roles in self._direct_roles.get(agency.key, {}).items():
                    found[program] |= {f"{role} (through {agency.heading})" for role in roles}
        rows = [(program, ", ".join(sorted(roles))) for program, roles in found.items()]
        return sorted(rows, key=lambda row: row[0].heading.casefold())

    def participants(self, program: Entry) -> list[Target]:
        """The lead and partners of a program, by name."""
        seen: dict[str, Target] = {}
        for link in self.atlas.links_from(program.key):
            if link.path[0] in ("lead", "partners"):
                seen.setdefault(link.target.key, link.target)
        return sorted(seen.values(), key=lambda t: t.heading.casefold())

    @cached_property
    def _programs_by_country(self) -> dict[str, set[str]]:
        return {c.key: {p.key for p, _ in self.programs_involving(c)} for c in self.atlas.countries.values()}

    @cached_property
    def _countries_by_program(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for country_key, program_keys in sorted(self._programs_by_country.items()):
            for program_key in program_keys:
                found[program_key].append(country_key)
        return found

    @cached_property
    def _programs_in_order(self) -> list[Entry]:
        return self.atlas.of_type("program")

    def cooperating_countries(self, country: Country) -> list[SharedPrograms]:
        """Countries sharing programs with `country`, most shared first, each with the first few
        programs by name. Worked out for one country at a time and never holding every program of
        a pair: all pairs of all programs at once would grow with the square of the states in each
        program (1,000 programs of 200 states took 2 GB)."""
        mine = self._programs_by_country.get(country.key, set())
        count: Counter[str] = Counter()
        named: dict[str, list[Entry]] = defaultdict(list)
        named_enough: set[str] = set()  # those with PROGRAMS_NAMED programs named already
        for program in self._programs_in_order:
            if program.key not in mine:
                continue
            others = self._countries_by_program[program.key]
            count.update(others)  # counted in C: a program may have hundreds of partners
            if named_enough.issuperset(others):
                continue
            for other in others:
                if other not in named_enough:
                    named[other].append(program)
                    if len(named[other]) == PROGRAMS_NAMED:
                        named_enough.add(other)
        del count[country.key]  # itself (a Counter ignores a key it does not hold)
        rows = [SharedPrograms(self._country(key), n, named[key]) for key, n in count.items()]
        return sorted(rows, key=lambda row: (-row.count, row.country.name.casefold()))

    def cooperation_grid(self, size: int) -> tuple[list[Country], dict[tuple[str, str], SharedPrograms]]:
        """The `size` countries that share programs with the most others, most connected first, and
        the programs each pair of them shares."""
        degree = {}
        for country in self.atlas.countries.values():
            partners = {
                o for p in self._programs_by_country.get(country.key, ()) for o in self._countries_by_program[p]
            }
            if len(partners) > 1:
                degree[country] = len(partners) - 1
        countries = sorted(degree, key=lambda c: (-degree[c], c.name.casefold()))[:size]
        shown = {c.key for c in countries}
        pairs = {
            (country.key, row.country.key): row
            for country in countries
            for row in self.cooperating_countries(country)
            if row.country.key in shown
        }
        return countries, pairs

    def country_profile(self, country: Country) -> CountryProfile:
        groups = self.atlas.incoming(country)
        programs, partners = self.programs_involving(country), self.cooperating_countries(country)
        rows = [
            TreatyRow(treaty, record, record.standing(self.status(treaty).words))
            for treaty in self.instruments
            if (record := self.record(country, treaty))
        ]
        return CountryProfile(
            country=country,
            agencies=self._agencies_by_country.get(country.key, []),
            treaty_rows=rows,
            programs=programs,
            partners=partners,
            other_links={heading: links for heading, links in groups.items() if heading not in COUNTRY_SECTIONS},
            standing=[self._standing(country, treaty) for treaty in self.compared],
            story=self._story(country, programs, partners),
        )

    def _standing(self, country: Country, treaty: Entry) -> Standing:
        record, status = self.record(country, treaty), self.status(treaty)
        words = status.words
        if record is None:
            if status.complete:
                return Standing(treaty, words.not_joined.lower(), f"{treaty.name}: {words.not_joined}")
            return Standing(treaty, "not yet listed here", f"{treaty.name}: not yet listed here")
        mark, when = {
            Status.PARTY: (words.joined.lower(), record.joined),
            Status.SIGNATORY: ("signed", record.signed),
            Status.WITHDRAWN: ("withdrew", record.left),
            Status.FORMER: ("until", record.ended),
        }[record.status]
        return Standing(treaty, mark + (f" {when.year}" if when else ""), record.in_words(words, treaty.name))

    def _story(
        self, country: Country, programs: list[tuple[Entry, str]], partners: list[SharedPrograms]
    ) -> list[str | Entry]:
        """A state's standing in plain words, as text and the entries it names (linked by the page):
        'Kenya acceded to the Outer Space Treaty in 1984 and is a party to four of the five UN
        space treaties listed here; it is not among the signatories of the Artemis Accords …'."""
        name, parts = country.name, []
        ost = next((t for t in self.un_treaties if t.slug == "outer-space-treaty"), None)
        record = self.record(country, ost) if ost else None
        if record is not None and record.status is Status.PARTY and record.joined:
            parts += [f"{name} {PARTY_ACTIONS[record.how.action].verb} the ", ost, f" in {record.joined.year}"]
        elif record is not None and record.status is Status.SIGNATORY:
            parts += [f"{name} signed the ", ost, " but has not ratified it"]
        else:
            parts.append(name)
        joined = self.un_treaties_joined(country)
        count = f"{_NUMBERS.get(joined, joined)} of the {_NUMBERS.get(len(self.un_treaties), len(self.un_treaties))}"
        parts.append(
            f"{' and' if len(parts) > 1 else ''} is a party to {count} UN treaties on outer space"
            + ("" if self.un_lists_complete else " listed here (not every list is complete)")
            + "."
        )
        for treaty in self.un_treaties:
            record = self.record(country, treaty)
            if record is not None and record.status is Status.WITHDRAWN:
                parts += [
                    " It withdrew from the ",
                    treaty,
                    f", effective {record.left.human()}." if record.left else ".",
                ]
        for treaty in self.instruments:
            status = self.status(treaty)
            if status.words.binding or treaty.fields.kind == "memorandum":
                continue
            record = self.record(country, treaty)
            if record is not None and record.status is Status.PARTY:
                when = f" {record.joined.in_sentence()}" if record.joined else ""
                parts += [f" It {status.words.verb} the ", treaty, f"{when}."]
            elif treaty.slug == "artemis-accords":
                parts += [" It is not among the signatories of the ", treaty, " listed here."]
        agencies = self._agencies_by_country.get(country.key, [])
        if agencies:
            parts.append(
                " Its agencies and bodies on this site: " if len(agencies) > 1 else " Its agency on this site: "
            )
            for index, agency in enumerate(agencies):
                parts += ([", "] if index else []) + [agency]
            parts.append(".")
        if programs:
            parts.append(f" It takes part in {len(programs)} program{'s' if len(programs) != 1 else ''} on this site")
            if partners:
                parts += [", most often with " if len(programs) > 1 else ", with ", partners[0].country]
            parts.append(".")
        return parts

    # --- timeline ----------------------------------------------------------

    @cached_property
    def timeline(self) -> list[Event]:
        events: list[Event] = []
        for treaty in self.atlas.entries["treaty"].values():
            events += [Event(when, "instruments", label, treaty) for label, when, _ in self.treaty_dates(treaty)]
            if treaty.resolved.parties:
                for action in treaty.resolved.parties.actions:
                    if action.date:
                        events.append(
                            Event(action.date, "actions", PARTY_ACTIONS[action.action].label, treaty, action.party)
                        )
        for type_name, category, names in (
            ("program", "programs", ("start", "end")),
            ("agency", "agencies", ("founded", "ended")),
        ):
            for entry in self.atlas.entries[type_name].values():
                for name in names:
                    if when := getattr(entry.fields, name):
                        events.append(Event(when, category, field_label(type(entry.fields), name), entry))
        return sorted(
            events,
            key=lambda e: (e.date, e.entry.heading.casefold(), e.what, e.party.heading if e.party else ""),
        )

    @cached_property
    def timeline_by_decade(self) -> list[tuple[int, list[Event]]]:
        """Events from the space age on (1957), by decade."""
        decades: dict[int, list[Event]] = defaultdict(list)
        for event in self.timeline:
            if event.date.year >= SPACE_AGE:
                decades[event.date.year // 10 * 10].append(event)
        return sorted(decades.items())

    @cached_property
    def timeline_before_space_age(self) -> list[Event]:
        """Earlier events: mostly foundings of the bodies that later took up space, told on their own pages."""
        return [event for event in self.timeline if event.date.year < SPACE_AGE]
