"""Dates that may be known only to the year or month, as sources often give them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import PydanticCustomError, core_schema

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
JSON_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date whose month and day may be unknown (0): unknown sorts first, so 1990 comes before 1990-01."""

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, value) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        written = isinstance(value, (int, str)) and not isinstance(value, bool)  # a year may be written unquoted
        match = _PATTERN.fullmatch(str(value)) if written else None
        if not match:
            raise PydanticCustomError(
                "partial_date", "expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {got}", {"got": repr(value)}
            )
        year, month, day = (int(part or 0) for part in match.groups())
        try:
            if "00" in match.groups():  # "1990-00" is no month: it must not be read as an unknown one
                raise ValueError
            dt.date(year, month or 1, day or 1)
        except ValueError:
            raise PydanticCustomError(
                "partial_date", "{got} is not a real calendar date", {"got": str(value)}
            ) from None
        return cls(year, month, day)

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def is_before(self, other: PartialDate) -> bool:
        """Strictly earlier, comparing only the parts both dates have."""
        mine = [p for p in (self.year, self.month, self.day) if p]
        theirs = [p for p in (other.year, other.month, other.day) if p]
        depth = min(len(mine), len(theirs))
        return mine[:depth] < theirs[:depth]

    def human(self) -> str:
        if self.day:
            return f"{self.day} {_MONTHS[self.month - 1]} {self.year}"
        if self.month:
            return f"{_MONTHS[self.month - 1]} {self.year}"
        return str(self.year)

    def in_sentence(self) -> str:
        """As a sentence places it: 'on 15 May 2025', but 'in October 2023' and 'in 2023'."""
        return ("on " if self.day else "in ") + self.human()

    def apa(self) -> str:
        """As citation styles write it: '2026, November 22'."""
        text = str(self.year)
        if self.month:
            text += f", {_MONTHS[self.month - 1]}" + (f" {self.day}" if self.day else "")
        return text

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler: GetCoreSchemaHandler):
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(lambda d: d.iso())
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema, handler: GetJsonSchemaHandler):
        return {
            "anyOf": [
                {"type": "string", "pattern": JSON_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A date as YYYY-MM-DD, or YYYY-MM / YYYY when the day or month is not known.",
        }
