"""Who is party to an instrument, and since when: derived from its dated actions, never typed.

A state is a party from its ratification, acceptance, approval, accession or
succession (or, for instruments joined by signing, its signature); a
signatory if it has signed and done nothing more; withdrawn once a withdrawal
takes effect. An organisation's declaration of acceptance makes it a party in a
group of its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..read.partial_date import PartialDate
from ..read.schema import ACTION_LABELS, JOINED_BY_SIGNATURE
from .countries import Country
from .entry import Entry, Resolved

JOINING = frozenset(
    {"consent", "ratification", "acceptance", "approval", "accession", "succession", "declaration", "commitment"}
)
STATUS_LABELS = {
    "party": "Party",
    "signatory": "Signatory only",
    "withdrawn": "Withdrawn",
    "former": "Former state",
    "none": "Not party",
}


def action_label(action: str) -> str:
    return ACTION_LABELS[action][0]


def action_letter(action: str) -> str:
    """The compact notation of the UN's status lists: R, A, S, D, W, DA."""
    return ACTION_LABELS[action][1]


@dataclass(frozen=True)
class PartyRecord:
    """One state's or organisation's standing under one instrument, with all its actions."""

    party: Entry | Country
    status: str  # party | signatory | withdrawn | former (a state that no longer exists: counted until it ended)
    actions: tuple  # Resolved party actions, oldest first (undated last)
    joined: PartialDate | None  # when it became a party (None: not a party, or no date known)
    signed: PartialDate | None
    left: PartialDate | None  # when its withdrawal took effect
    ended: PartialDate | None = None  # a former state: when it ceased to exist (ISO 3166-3)

    @property
    def is_organisation(self) -> bool:
        return isinstance(self.party, Entry)

    def status_on(self, day: PartialDate) -> str:
        """Its standing on `day`, from the dated actions (an undated one cannot be placed in time)."""

        def by(when: PartialDate | None) -> bool:
            return when is not None and not day.is_before(when)

        if by(self.ended):
            return "none"
        if by(self.left):
            return "withdrawn"
        if by(self.joined):
            return "party"
        if by(self.signed):
            return "signatory"
        return "none"

    def status_in(self, year: int) -> str:
        """Its standing on 31 December of `year`."""
        return self.status_on(PartialDate(year, 12, 31))


def _when_effective(action: Resolved) -> PartialDate | None:
    return action.effective or action.date


class InstrumentStatus:
    """Every party's record under one instrument, and the counts derived from them."""

    def __init__(self, treaty: Entry):
        self.treaty = treaty
        self.parties = treaty.resolved.parties
        self.records = self._records() if self.parties else []

    @cached_property
    def joined_by_signature(self) -> bool:
        """Whether signing (or committing) makes a state a participant, with nothing to ratify."""
        return self.treaty.fields.kind in JOINED_BY_SIGNATURE

    @cached_property
    def labels(self) -> dict[str, str]:
        """How this instrument's standings read: a state joins the Accords by signing, a commitment by committing."""
        if not self.joined_by_signature:
            return STATUS_LABELS
        return {**STATUS_LABELS, "party": "Committed" if self.treaty.fields.kind == "commitment" else "Signed"}

    @cached_property
    def as_of(self) -> PartialDate | None:
        return self.parties.as_of if self.parties else None

    def _joins(self, action: str) -> bool:
        if action == "signature":
            return self.joined_by_signature
        return action in JOINING

    def _records(self) -> list[PartyRecord]:
        by_party: dict[str, list] = defaultdict(list)
        parties = {}
        for action in self.parties.actions:
            by_party[action.party.key].append(action)
            parties[action.party.key] = action.party
        records = []
        for key, actions in by_party.items():
            actions.sort(key=lambda a: a.date.sort_key() if a.date else (9999, 99, 99))
            joined = signed = left = None
            joins = [a for a in actions if self._joins(a.action)]
            signatures = [a for a in actions if a.action == "signature"]
            withdrawals = [a for a in actions if a.action == "withdrawal"]
            status = "signatory" if signatures else "none"
            if joins:
                status, joined = "party", joins[0].date
            if signatures:
                signed = signatures[0].date
            if withdrawals:
                last = withdrawals[-1]
                rejoined = [a for a in joins if a.date and last.date and last.date.is_before(a.date)]
                effective = _when_effective(last)
                if not rejoined and (effective is None or not self.as_of.is_before(effective)):
                    status, left = "withdrawn", effective
            ended = getattr(parties[key], "ended", None)
            if ended is not None and status in ("party", "signatory"):
                status = "former"
            records.append(PartyRecord(parties[key], status, tuple(actions), joined, signed, left, ended))
        return sorted(records, key=lambda r: r.party.name.casefold())

    def _count(self, status: str, organisations: bool) -> int:
        return sum(1 for r in self.records if r.status == status and r.is_organisation == organisations)

    @cached_property
    def counts(self) -> dict[str, int]:
        """Today's counts: states that are parties, signatories only, withdrawn; organisations."""
        return {
            "parties": self._count("party", False),
            "signatories": self._count("signatory", False),
            "withdrawn": self._count("withdrawn", False),
            "organisations": self._count("party", True),
        }

    def counts_on(self, day: PartialDate) -> dict[str, int]:
        """Counts as they stood on `day`, from dated actions only: what a source's stated totals are checked against."""
        counts = {"parties": 0, "signatories": 0, "signed": 0, "organisations": 0}
        for record in self.records:
            status = record.status_on(day)
            if status == "party":
                counts["organisations" if record.is_organisation else "parties"] += 1
            if not record.is_organisation:
                counts["signatories"] += status == "signatory"
                counts["signed"] += record.signed is not None and not day.is_before(record.signed)
        return counts

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
    def complete(self) -> bool:
        """Whether the list is known to be whole: its sources state totals, and the actions listed
        give exactly those totals for their dates. Otherwise a state with nothing recorded may
        still be a party, and pages must not say it is not."""
        checks = self.stated_shortfall()
        return bool(checks) and all(
            getattr(stated, name) == derived[name]
            for stated, derived in checks
            for name in ("parties", "signatories", "signed", "organisations")
            if getattr(stated, name) is not None
        )

    def stated_shortfall(self) -> list[tuple[Resolved, dict[str, int]]]:
        """Each stated total beside the counts derived for its date."""
        return [(stated, self.counts_on(stated.as_of)) for stated in self.parties.stated_totals] if self.parties else []
