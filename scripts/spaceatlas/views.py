"""Views derived from the atlas for the reader pages: program roles, country
hubs, the treaty status matrix, the timeline and the cooperation network.

Computed once per build, so no page pays for a scan of the whole atlas.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from .atlas import Atlas, Target
from .countries import Country
from .loader import Entry
from .partial_date import PartialDate

PROGRAM_ROLES = {"lead": "lead", "partners": "partner", "host_countries": "host"}


@dataclass(frozen=True)
class Event:
    date: PartialDate
    category: str  # instruments | signatures | programs | agencies
    what: str  # e.g. "Entered into force"
    entry: Entry
    party: Target | None = None


@dataclass(frozen=True)
class Node:
    target: Target
    x: float
    y: float
    kind: str  # program | agency | country
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor: labels point away from the centre, so they do not cross the lines


def _node(target: Target, centre: float, radius: float, angle: float, kind: str, outward: bool) -> Node:
    x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
    gap = 10 if outward else -10
    lx, ly = x + gap * math.cos(angle), y + gap * math.sin(angle) + 4
    side = math.cos(angle) if outward else -math.cos(angle)
    anchor = "middle" if abs(side) < 0.3 else ("start" if side > 0 else "end")
    return Node(target, x, y, kind, lx, ly, anchor)


class SiteViews:
    def __init__(self, atlas: Atlas):
        self.atlas = atlas

    # --- who takes part in which program ---------------------------------

    @cached_property
    def _direct_roles(self) -> dict[str, dict[str, set[str]]]:
        """target key -> program key -> roles held directly."""
        roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for program in self.atlas.entries["program"].values():
            for link in self.atlas.links_from.get(program.key, []):
                role = PROGRAM_ROLES.get(link.path[0])
                if role:
                    roles[link.target.key][program.key].add(role)
        return roles

    @cached_property
    def _agencies_by_country(self) -> dict[str, list[Entry]]:
        found = defaultdict(list)
        for agency in self.atlas.entries["agency"].values():
            if agency.fields.country:
                found[f"countries/{agency.fields.country.lower()}"].append(agency)
        return found

    def programs_involving(self, target: Target) -> list[tuple[Entry, str]]:
        """Programs where `target` leads, partners or hosts — for a country, also through its agencies."""
        found: dict[str, set[str]] = defaultdict(set)
        for program_key, roles in self._direct_roles.get(target.key, {}).items():
            found[program_key] |= roles
        if isinstance(target, Country):
            for agency in self._agencies_by_country.get(target.key, []):
                for program_key, roles in self._direct_roles.get(agency.key, {}).items():
                    found[program_key] |= {f"{role} (through {agency.heading})" for role in roles}
        programs = self.atlas.entries["program"]
        rows = [(programs[key.split("/", 1)[1]], ", ".join(sorted(roles))) for key, roles in found.items()]
        return sorted(rows, key=lambda row: row[0].heading.casefold())

    @cached_property
    def _programs_by_country(self) -> dict[Country, set[str]]:
        return {c: {p.key for p, _ in self.programs_involving(c)} for c in self.atlas.countries.values()}

    @cached_property
    def _countries_by_program(self) -> dict[str, set[Country]]:
        found: dict[str, set[Country]] = defaultdict(set)
        for country, program_keys in self._programs_by_country.items():
            for program_key in program_keys:
                found[program_key].add(country)
        return found

    def cooperating_countries(self, country: Country) -> list[tuple[Country, int]]:
        """Countries sharing programs with `country`, most shared first."""
        shared: dict[Country, int] = defaultdict(int)
        for program_key in self._programs_by_country.get(country, ()):
            for other in self._countries_by_program[program_key]:
                shared[other] += 1
        shared.pop(country, None)
        return sorted(shared.items(), key=lambda item: (-item[1], item[0].name.casefold()))

    # --- treaty status matrix --------------------------------------------

    @cached_property
    def matrix(self) -> tuple[list[Entry], list[tuple[Target, list[list]]]]:
        """Instruments with recorded actions (columns), and for each party (rows) its actions
        under each instrument, one cell per column."""
        columns = [t for t in self.atlas.of_type("treaty") if t.fields.parties and t.fields.parties.actions]
        rows: dict[str, tuple[Target, list[list]]] = {}
        for index, treaty in enumerate(columns):
            for action in treaty.fields.parties.actions:
                party = self.atlas.lookup("party", action.party)
                if party.key not in rows:
                    rows[party.key] = (party, [[] for _ in columns])
                rows[party.key][1][index].append(action)
        return columns, sorted(rows.values(), key=lambda row: row[0].heading.casefold())

    def matrix_row(self, target: Target) -> list[tuple[Entry, list]]:
        """One party's row of the matrix: each instrument it acted on, with its actions."""
        return self._matrix_rows.get(target.key, [])

    @cached_property
    def _matrix_rows(self) -> dict[str, list[tuple[Entry, list]]]:
        columns, rows = self.matrix
        return {party.key: [(treaty, cell) for treaty, cell in zip(columns, cells) if cell] for party, cells in rows}

    # --- timeline ----------------------------------------------------------

    @cached_property
    def timeline(self) -> list[Event]:
        events: list[Event] = []
        labels = {"adopted": "Adopted", "opened_for_signature": "Opened for signature",
                  "signed": "Signed", "entered_into_force": "Entered into force"}
        for treaty in self.atlas.entries["treaty"].values():
            for name, what in labels.items():
                when = getattr(treaty.fields.dates, name)
                if when:
                    events.append(Event(when, "instruments", what, treaty))
            if treaty.fields.parties:
                for action in treaty.fields.parties.actions:
                    if action.date:
                        party = self.atlas.lookup("party", action.party)
                        events.append(Event(action.date, "signatures", action.action.capitalize(), treaty, party))
        for program in self.atlas.entries["program"].values():
            if program.fields.start:
                events.append(Event(program.fields.start, "programs", "Started", program))
            if program.fields.end:
                events.append(Event(program.fields.end, "programs", "Ended", program))
        for agency in self.atlas.entries["agency"].values():
            if agency.fields.founded:
                events.append(Event(agency.fields.founded, "agencies", "Founded", agency))
        return sorted(events, key=lambda e: (e.date.sort_key(), e.entry.heading.casefold(), e.what,
                                             e.party.heading if e.party else ""))

    # --- cooperation network -------------------------------------------------

    @cached_property
    def network(self) -> tuple[list[Node], list[tuple[Node, Node]], int]:
        """Programs on an inner ring, the agencies and countries taking part on an outer ring.

        Each participant sits near the mean angle of its programs (one pass of
        the barycentre heuristic), which keeps most lines short. Returns nodes,
        edges and the drawing's size in pixels."""
        programs = [p for p in self.atlas.of_type("program") if self.participants(p)]
        size = 1000
        centre, inner, outer = size / 2, size * 0.25, size * 0.38
        nodes: dict[str, Node] = {}
        angle_of: dict[str, float] = {}
        for index, program in enumerate(programs):
            angle = 2 * math.pi * index / max(len(programs), 1)
            angle_of[program.key] = angle
            nodes[program.key] = _node(program, centre, inner, angle, "program", outward=False)
        participants: dict[str, tuple[Target, list[float]]] = {}
        for program in programs:
            for target in self.participants(program):
                participants.setdefault(target.key, (target, []))[1].append(angle_of[program.key])
        ranked = sorted(participants.values(), key=lambda item: (_mean_angle(item[1]), item[0].heading))
        for index, (target, _) in enumerate(ranked):
            angle = 2 * math.pi * index / max(len(ranked), 1)
            kind = "country" if isinstance(target, Country) else "agency"
            nodes[target.key] = _node(target, centre, outer, angle, kind, outward=True)
        edges = [(nodes[p.key], nodes[t.key]) for p in programs for t in self.participants(p)]
        return list(nodes.values()), edges, size

    def participants(self, program: Entry) -> list[Target]:
        """The lead and partners of a program, by name."""
        seen: dict[str, Target] = {}
        for link in self.atlas.links_from.get(program.key, []):
            if link.path[0] in ("lead", "partners"):
                seen.setdefault(link.target.key, link.target)
        return sorted(seen.values(), key=lambda t: t.heading.casefold())


def _mean_angle(angles: list[float]) -> float:
    x = sum(math.cos(a) for a in angles)
    y = sum(math.sin(a) for a in angles)
    return math.atan2(y, x) % (2 * math.pi)
