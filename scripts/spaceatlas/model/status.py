"""Who is party to an instrument, and since when: derived from its dated actions, never typed.

A state is a party from its ratification, acceptance, approval, accession or
succession (or, for instruments joined by signing, its signature); a
signatory if it has signed and done nothing more; withdrawn once a withdrawal
takes effect; a former state (ISO 3166-3) counts only until it ended. An
organisation's declaration of acceptance makes it a party in a group of its own.
The words for each standing come from the instrument's kind (wording.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..read.partial_date import PartialDate
from ..read.schema import JOINED_BY_SIGNATURE, PARTY_ACTIONS
from .countries import Country
from .entry import Entry, Resolved
from .wording import KINDS, Status, Wording

JOINING = frozenset(
    {"consent", "ratification", "acceptance", "approval", "accession", "succession", "declaration", "commitment"}
)
# Where the three depositary governments of the Outer Space Treaty, the Rescue Agreement and the
# Liability Convention receive instruments.
CAPITALS = {"GB": "London", "RU": "Moscow", "US": "Washington"}
_MATRIX_ORDER = {Status.PARTY: 0, Status.WITHDRAWN: 1, Status.SIGNATORY: 2, Status.FORMER: 3}


@dataclass(frozen=True)
class ActionGroup:
    """One kind of action on one date, with every depositary that received it: 'Ratification,
    10 October 1967 (London, Moscow, Washington)'."""

    action: str
    date: PartialDate | None
    effective: PartialDate | None
    places: tuple[str, ...]
    notes: tuple[str, ...]
    declarations: tuple[str, ...]

    @property
    def label(self) -> str:
        return PARTY_ACTIONS[self.action].label

    @property
    def where(self) -> str:
        return f"({', '.join(self.places)})" if self.places else ""

    def in_words(self, date=PartialDate.human, text=str) -> str:
        """'Ratification 10 October 1967 (London)'; a page passes its own ways to write a date and text."""
        words = text(self.label) + (f" {date(self.date)}" if self.date else "")
        words += f" (effective {date(self.effective)})" if self.effective else ""
        return words + (f" {text(self.where)}" if self.places else "")


@dataclass(frozen=True)
class PartyRecord:
    """One state's or organisation's standing under one instrument, with all its actions."""

    party: Entry | Country
    status: Status
    actions: tuple  # Resolved party actions, oldest first (undated last)
    joined: PartialDate | None  # when it became a party (None: not a party, or no date known)
    signed: PartialDate | None
    left: PartialDate | None  # when its withdrawal took effect
    ended: PartialDate | None = None  # a former state: when it ceased to exist (ISO 3166-3)

    @property
    def is_organisation(self) -> bool:
        return isinstance(self.party, Entry)

    @cached_property
    def how(self) -> Resolved:
        """The action by which it joined (or its first action, if it has not)."""
        return next((a for a in self.actions if a.action not in ("signature", "withdrawal")), self.actions[0])

    @cached_property
    def letter(self) -> str:
        """Its mark in the UN's notation: W, S, or the letter of how it joined (R, A, D, DA, C)."""
        if self.status is Status.WITHDRAWN:
            return "W"
        if self.status is Status.SIGNATORY:
            return "S"
        return PARTY_ACTIONS[self.how.action].letter

    @cached_property
    def sort_key(self) -> str:
        """For sorting a column: parties first, then by date."""
        since = self.joined or self.signed or self.left
        return f"{_MATRIX_ORDER.get(self.status, 9)}{since.iso() if since else '9999'}"

    @cached_property
    def years(self) -> dict[str, int]:
        """For the year controls of maps and the matrix: s signed, j joined, w withdrew, e the state ended."""
        when = {"s": self.signed, "j": self.joined, "w": self.left, "e": self.ended}
        return {key: value.year for key, value in when.items() if value is not None}

    @cached_property
    def groups(self) -> list[ActionGroup]:
        """Its actions, one group per kind and date, each with the depositaries that received it."""
        found: dict[tuple, list] = {}
        for action in self.actions:
            found.setdefault((action.action, action.date, action.effective), []).append(action)
        return [
            ActionGroup(
                kind,
                date,
                effective,
                tuple(CAPITALS.get(a.depositary, a.depositary) for a in actions if a.depositary),
                tuple(dict.fromkeys(a.note for a in actions if a.note)),
                tuple(dict.fromkeys(a.declarations for a in actions if a.declarations)),
            )
            for (kind, date, effective), actions in found.items()
        ]

    def standing(self, words: Wording) -> str:
        """Its standing as the instrument's words put it; an organisation's declaration says so."""
        if self.is_organisation and self.status is Status.PARTY and self.how.action == "declaration":
            return "Declared acceptance"
        return words.label(self.status)

    def in_words(self, words: Wording, name: str | None = None) -> str:
        """e.g. 'Kenya: party since 10 January 1984 (accession)', 'Japan: signed on 13 October 2020'.
        A country's page names the instrument instead of the party: give that name."""
        name, how = name or self.party.name, self.how
        if self.status is Status.WITHDRAWN:
            return f"{name}: withdrew" + (f", effective {self.left.human()}" if self.left else "")
        if self.status is Status.SIGNATORY:
            return f"{name}: signed{' ' + self.signed.in_sentence() if self.signed else ''}, not a party"
        if self.status is Status.FORMER:
            return f"{name}: {words.joined.lower()} until the state ended ({self.ended.year})"
        if self.status is Status.PARTY and not words.binding:
            return f"{name}: {words.joined.lower()}" + (f" {how.date.in_sentence()}" if how.date else "")
        if self.status is Status.PARTY:
            since = f" since {how.date.human()}" if how.date else ""
            return f"{name}: party{since} ({PARTY_ACTIONS[how.action].label.lower()})"
        return f"{name}: {words.label(self.status).lower()}"

    def status_on(self, day: PartialDate) -> Status:
        """Its standing on `day`, from the dated actions (an undated one cannot be placed in time)."""

        def by(when: PartialDate | None) -> bool:
            return when is not None and not day.is_before(when)

        if by(self.ended):
            return Status.NONE
        if by(self.left):
            return Status.WITHDRAWN
        if by(self.joined):
            return Status.PARTY
        if by(self.signed):
            return Status.SIGNATORY
        return Status.NONE


class InstrumentStatus:
    """Every party's record under one instrument, and the counts derived from them."""

    def __init__(self, treaty: Entry):
        self.treaty = treaty
        self.nature, self.words = KINDS[treaty.fields.kind]  # what it is, in a sentence; the words for its members
        self.parties = treaty.resolved.parties
        self.as_of: PartialDate | None = self.parties.as_of if self.parties else None
        self.records = self._records() if self.parties else []

    @cached_property
    def opened(self) -> PartialDate | None:
        """When it was opened for signature (or else signed, or adopted): no action comes before it."""
        dates = self.treaty.fields.dates
        return dates.opened_for_signature or dates.signed or dates.adopted

    def _joins(self, action: str) -> bool:
        """Whether `action` makes a state a party; signing does so only where nothing is left to ratify."""
        if action == "signature":
            return self.treaty.fields.kind in JOINED_BY_SIGNATURE
        return action in JOINING

    def _records(self) -> list[PartyRecord]:
        by_party: dict[str, list] = defaultdict(list)
        for action in self.parties.actions:
            by_party[action.party.key].append(action)
        records = []
        for actions in by_party.values():
            actions.sort(key=lambda a: a.date or PartialDate(9999, 99, 99))
            party, left = actions[0].party, None
            joins = [a for a in actions if self._joins(a.action)]
            signatures = [a for a in actions if a.action == "signature"]
            withdrawals = [a for a in actions if a.action == "withdrawal"]
            status = Status.PARTY if joins else Status.SIGNATORY if signatures else Status.NONE
            if withdrawals:
                last = withdrawals[-1]
                rejoined = [a for a in joins if a.date and last.date and last.date.is_before(a.date)]
                effective = last.effective or last.date
                if not rejoined and (effective is None or not self.as_of.is_before(effective)):
                    status, left = Status.WITHDRAWN, effective
            ended = getattr(party, "ended", None)
            if ended is not None and status in (Status.PARTY, Status.SIGNATORY):
                status = Status.FORMER
            joined = joins[0].date if joins else None
            signed = signatures[0].date if signatures else None
            records.append(PartyRecord(party, status, tuple(actions), joined, signed, left, ended))
        return sorted(records, key=lambda r: r.party.name.casefold())

    @cached_property
    def counts(self) -> dict[str, int]:
        """Today's counts: states that are parties, signatories only, withdrawn; organisations."""
        found = Counter((r.status, r.is_organisation) for r in self.records)
        return {
            "parties": found[Status.PARTY, False],
            "signatories": found[Status.SIGNATORY, False],
            "withdrawn": found[Status.WITHDRAWN, False],
            "organisations": found[Status.PARTY, True],
        }

    def counts_on(self, day: PartialDate) -> dict[str, int]:
        """Counts as they stood on `day`, from dated actions only: what a source's stated totals are checked against."""
        counts = {"parties": 0, "signatories": 0, "signed": 0, "organisations": 0}
        for record in self.records:
            status = record.status_on(day)
            if status is Status.PARTY:
                counts["organisations" if record.is_organisation else "parties"] += 1
            if not record.is_organisation:
                counts["signatories"] += status is Status.SIGNATORY
                counts["signed"] += record.signed is not None and not day.is_before(record.signed)
        return counts

    def sources_of(self, record: PartyRecord) -> list[Entry]:
        """The sources of a party's actions (the list's own where an action names none), each once."""
        found = [action.source or self.parties.source for action in record.actions]
        return list(dict.fromkeys(source for source in found if source is not None))

    @cached_property
    def declarations(self) -> list[tuple[PartyRecord, ActionGroup, str]]:
        """Every declaration or reservation recorded with an action, with its party and action."""
        return [(r, group, text) for r in self.records for group in r.groups for text in group.declarations]

    @cached_property
    def organisations_word(self) -> str:
        """How the organisations on the list joined, in words: 'declared their acceptance', 'signed'."""
        how = {record.how.action for record in self.organisations if record.status is Status.PARTY}
        return "declared their acceptance" if how == {"declaration"} else self.words.joined.lower()

    @cached_property
    def states(self) -> list[PartyRecord]:
        return [r for r in self.records if not r.is_organisation]

    @cached_property
    def organisations(self) -> list[PartyRecord]:
        return [r for r in self.records if r.is_organisation]

    @cached_property
    def undated(self) -> int:
        """Actions without a date: they count today but cannot be placed in a year."""
        return sum(1 for r in self.records for a in r.actions if a.date is None)

    @cached_property
    def parties_by_year(self) -> list[tuple[int, int]]:
        """(year, states that were parties on 31 December of it) for the first year a state joined, each
        year the number changed, and the list's own year: a step chart needs no more, and a list whose
        dates span millennia costs no more than one that spans a decade."""
        change: dict[int, int] = defaultdict(int)
        for record in self.states:
            if record.joined:
                change[record.joined.year] += 1
                if record.left or record.ended:
                    change[(record.left or record.ended).year] -= 1
        if not change:
            return []
        points, count = [], 0
        for year in sorted(change):
            count += change[year]
            if not points or count != points[-1][1]:
                points.append((year, count))
        if points[-1][0] < self.as_of.year:
            points.append((self.as_of.year, count))
        return points

    @cached_property
    def first_year(self) -> int | None:
        """Where the year control starts: the first year a state joined, or the list's own year."""
        return self.parties_by_year[0][0] if self.parties_by_year else (self.as_of.year if self.as_of else None)

    @cached_property
    def complete(self) -> bool:
        """Whether the list is known to be whole: its sources state totals, and the actions listed
        give exactly those totals for their dates. Otherwise a state with nothing recorded may
        still be a party, and pages must not say it is not."""
        checks = self.stated_shortfall()
        return bool(checks) and all(
            getattr(stated, name) in (None, count) for stated, derived in checks for name, count in derived.items()
        )

    def stated_shortfall(self) -> list[tuple[Resolved, dict[str, int]]]:
        """Each stated total beside the counts derived for its date."""
        return [(stated, self.counts_on(stated.as_of)) for stated in self.parties.stated_totals] if self.parties else []
