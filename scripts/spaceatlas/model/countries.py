"""Country names and codes, from pycountry (ISO 3166), never typed by hand."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

import pycountry

from ..read.partial_date import PartialDate


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, or ISO 3166-3 alpha-4 for a former country
    name: str
    official_name: str | None
    former: bool
    ended: PartialDate | None = None  # a former country: when ISO 3166-3 withdrew its code

    @cached_property  # read for every link to the country
    def slug(self) -> str:
        return self.code.lower()

    @cached_property
    def key(self) -> str:
        return f"countries/{self.slug}"

    @cached_property
    def page(self) -> str:
        return f"{self.key}.md"

    @property
    def title(self) -> str:
        return self.name

    heading = title


@cache
def find_country(code: str) -> Country | None:
    if len(code) == 2:
        record = pycountry.countries.get(alpha_2=code)
        if record is None:
            return None
        name = getattr(record, "common_name", None) or record.name
        return Country(code, name, getattr(record, "official_name", None), former=False)
    if len(code) == 4:
        record = pycountry.historic_countries.get(alpha_4=code)
        if record is None:
            return None
        # Historic names read "USSR, Union of Soviet Socialist Republics" or "Czechoslovakia,
        # Czechoslovak Socialist Republic": keep the name readers know.
        short, _, long = record.name.partition(", ")
        ended = PartialDate.parse(record.withdrawal_date) if getattr(record, "withdrawal_date", None) else None
        return Country(code, long if long and short.isupper() else short, None, former=True, ended=ended)
    return None


# Former codes of states that were only renamed (ISO 3166-3): the same state, so its actions under
# either code are one state's. States that merged or split (the GDR, Czechoslovakia) are not here.
RENAMED = {"BUMM": "MM", "BYAA": "BY", "DYBJ": "BJ", "HVBF": "BF", "NHVU": "VU", "TPTL": "TL", "ZRCD": "CD"}


def country_codes() -> list[str]:
    return sorted(c.alpha_2 for c in pycountry.countries)
