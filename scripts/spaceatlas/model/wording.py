"""The words for an instrument and its members, from its declared kind, chosen once here.

A treaty binds its parties and has signatories besides; the Artemis Accords bind no one and have
signatories; a commitment has states that have made it; the ILRS has partners. Counts, legends,
chart captions, matrix totals and country pages all take their nouns from here: no template
chooses one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """A state's or organisation's standing under one instrument (also the CSS class that colours it)."""

    PARTY = "party"  # joined: by ratification, accession, succession, or by signing what needs no more
    SIGNATORY = "signatory"  # signed, and not (yet) bound
    WITHDRAWN = "withdrawn"
    FORMER = "former"  # a state that no longer exists: it counted until it ended
    NONE = "none"


@dataclass(frozen=True)
class Wording:
    binding: bool
    joined: str  # a member's standing: "Party", "Signed"
    members: str  # "States parties", "States that have signed"
    one: str  # the count's noun: "party"
    many: str  # "parties"
    not_joined: str  # "Not party"
    over_time: str  # the chart's caption
    of: str  # how a headline figure reads: "states parties to the {name}"
    verb: str  # how a state joined, taking the instrument: "signed", "became a partner of"

    def count(self, number: int) -> str:
        """e.g. '1 party', '117 parties'."""
        return f"{number:,} {self.one if number == 1 else self.many}"

    def totals(self, parties: int | None, signatories: int | None, organisations: int | None) -> str:
        """A source's stated totals, e.g. '116 parties, 23 signatories'; a total it does not state is left out."""
        stated = [self.count(parties) if parties is not None else ""]
        stated.append(f"{signatories:,} signatories" if signatories is not None else "")
        stated.append(f"{organisations:,} organisations' declarations" if organisations is not None else "")
        return ", ".join(part for part in stated if part)

    def label(self, status: Status) -> str:
        return {
            Status.PARTY: self.joined,
            Status.SIGNATORY: "Signatory only",
            Status.WITHDRAWN: "Withdrawn",
            Status.FORMER: "Former state",
            Status.NONE: self.not_joined,
        }[status]


TREATY = Wording(
    True,
    "Party",
    "States parties",
    "party",
    "parties",
    "Not party",
    "States parties at the end of each year",
    "states parties to the {name}",
    "became a party to",
)
SIGNED = Wording(
    False,
    "Signed",
    "States that have signed",
    "signatory",
    "signatories",
    "Not signed",
    "States that had signed, at the end of each year",
    "signatories of the {name}",
    "signed",
)
COMMITTED = Wording(
    False,
    "Committed",
    "States that have made the commitment",
    "state",
    "states",
    "Not committed",
    "States that had made the commitment, at the end of each year",
    "states that have made the {name}",
    "made",
)
SIGNATORIES = Wording(
    False,
    "Signed",
    "Signatories",
    "signatory",
    "signatories",
    "Not signed",
    "Signatories at the end of each year",
    "signatories of the {name}",
    "signed",
)
PARTNERS = Wording(
    False,
    "Partner",
    "Partner states",
    "partner",
    "partners",
    "Not a partner",
    "Partner states at the end of each year",
    "partner states of the {name}",
    "became a partner of",
)

# kind -> (what kind of instrument it is, in a sentence; the words for its members)
KINDS: dict[str, tuple[str, Wording]] = {
    "treaty": ("legally binding on the states that are parties to it", TREATY),
    "convention": ("a treaty, legally binding on the states that are parties to it", TREATY),
    "agreement": ("a treaty, legally binding on the states that are parties to it", TREATY),
    "accords": ("a political commitment, not legally binding; states join it by signing", SIGNED),
    "commitment": ("a pledge each state makes for itself, not legally binding", COMMITTED),
    "framework": ("a set of cooperation documents, not a treaty and not legally binding as one", PARTNERS),
    "memorandum": ("an arrangement between agencies or governments, not a treaty", SIGNATORIES),
    "declaration": ("a statement of principles, not legally binding", SIGNED),
    "resolution": ("a recommendation of the UN General Assembly, not legally binding", SIGNED),
    "principles": ("adopted by the UN General Assembly, not legally binding", SIGNED),
    "guidelines": ("voluntary, not legally binding", SIGNED),
    "roadmap": ("a plan shared by agencies, not legally binding", SIGNED),
    "terms-of-reference": ("the rules of a forum, agreed by its members, not a treaty", SIGNED),
    "national-law": ("binding within the country that made it", TREATY),
    "regulation": ("binding within the country that made it", TREATY),
    "policy": ("guides the government that issued it; not a law", SIGNED),
    "agreement-type": ("a kind of agreement an agency makes; each one binds only its own parties", TREATY),
}
