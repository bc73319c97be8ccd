"""Checks of what fields say together, once references are resolved: dates in order, nothing
listed twice, lists that agree with their own dates and stated totals, no circles.

Problems are errors, except staleness, which is a warning: a list that changes and
whose "as of" date is more than three years old still builds, but maintainers
are told where it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel

from ..read.errors import ContentError, field_name
from ..read.partial_date import PartialDate
from .atlas import Atlas, entry_error
from .countries import RENAMED
from .entry import Entry
from .status import InstrumentStatus

STALE_AFTER_YEARS = 3
# Fields whose items must each appear once, by type (a program's partners are checked by their party).
UNIQUE_ITEMS = {
    "treaty": ["aliases", "sources", "concepts", "related", "depositaries"],
    "program": ["aliases", "sources", "concepts", "domains", "instruments", "host_countries"],
    "agency": ["aliases", "sources", "concepts"],
    "concept": ["aliases", "sources", "related", "see_also"],
}
_DATE_ORDER = {
    "treaty": [("dates", "adopted"), ("dates", "opened_for_signature"), ("dates", "entered_into_force")],
    "program": [("start",), ("end",)],
    "agency": [("founded",), ("ended",)],
}


def check_atlas(atlas: Atlas, today: dt.date) -> list[ContentError]:
    """Every relation problem in the atlas."""
    errors: list[ContentError] = []
    limit = PartialDate(today.year, today.month, today.day)
    for entry in atlas.all_entries():
        if not vars(entry.resolved):
            continue  # it names a file that could not be read: that file's problems come first
        errors += _check_unique(entry)
        errors += _check_dates(entry, limit)
        if entry.type.name == "treaty" and entry.fields.parties:
            errors += _check_parties(entry)
        if entry.type.name == "agency":
            errors += _check_members(entry)
        if entry.type.name == "concept":
            errors += _check_comparison(entry)
    errors += _check_cycles(atlas, "program", "part_of")
    errors += _check_cycles(atlas, "agency", "parent")
    errors += _check_cycles(atlas, "agency", "successor")
    return errors


def _check_unique(entry: Entry) -> Iterator[ContentError]:
    fields = entry.fields
    for name in UNIQUE_ITEMS.get(entry.type.name, []):
        yield from _duplicates(entry, (name,), getattr(fields, name))
    if entry.type.name == "program":
        yield from _duplicates(entry, ("partners",), [p.party for p in fields.partners], "party")


def _duplicates(entry: Entry, path: tuple, values: list, part: str | None = None) -> Iterator[ContentError]:
    seen: dict = {}
    for index, value in enumerate(values):
        key = value.casefold() if isinstance(value, str) else value
        if key in seen:
            where = path + (index,) + ((part,) if part else ())
            yield entry_error(entry, where, f"'{value}' is listed twice (first as item {seen[key] + 1})")
        else:
            seen[key] = index


def _check_dates(entry: Entry, limit: PartialDate) -> Iterator[ContentError]:
    """Dates in their order, and none after today. A date after today is a plan; only a planned program
    may carry one (its start). An "as of" or an action dated in the future would also let a list run
    to the year 9999."""
    dates = dict(_dates(entry.fields))
    ordered = [(path, dates[path]) for path in _DATE_ORDER.get(entry.type.name, []) if path in dates]
    for (earlier_path, earlier), (later_path, later) in zip(ordered, ordered[1:]):
        if later.is_before(earlier):
            yield entry_error(
                entry, later_path, f"{later.iso()} is before {field_name(earlier_path)} ({earlier.iso()})"
            )
    planned = getattr(entry.fields, "status", None) == "planned"
    for path, value in dates.items():
        if limit.is_before(value) and not (planned and path == ("start",)):
            yield entry_error(
                entry,
                path,
                f"{value.iso()} is in the future; write what has happened, "
                "or mark a program that has not started as planned",
            )


def _dates(model, path: tuple = ()):
    """Every date in an entry's fields, at any depth, with its path."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = path + ((name,) if index is None else (name, index))
            if isinstance(item, PartialDate):
                yield where, item
            elif isinstance(item, BaseModel):
                yield from _dates(item, where)


def _check_parties(treaty: Entry) -> Iterator[ContentError]:
    parties = treaty.fields.parties
    status = InstrumentStatus(treaty)
    yield from _same_state_twice(
        treaty, [(("parties", "actions", i, "party"), a.party) for i, a in enumerate(parties.actions)]
    )
    seen: dict[tuple, int] = {}
    for index, action in enumerate(parties.actions):
        path = ("parties", "actions", index)
        key = (action.party, action.action, action.date, action.depositary)
        if key in seen:
            yield entry_error(treaty, path, f"the same action is listed twice (first as item {seen[key] + 1})")
        seen.setdefault(key, index)
        if action.depositary is not None and action.depositary not in treaty.fields.depositaries:
            listed = ", ".join(treaty.fields.depositaries) or "none"
            yield entry_error(
                treaty,
                path + ("depositary",),
                f"'{action.depositary}' is not one of this instrument's depositaries ({listed})",
            )
        if action.source is None and parties.source is None:
            yield entry_error(treaty, path, "no source: give this action a `source`, or the list one")
        if action.date is None:
            continue
        if status.opened is not None and action.date.is_before(status.opened) and action.action != "withdrawal":
            yield entry_error(
                treaty,
                path + ("date",),
                f"{action.date.iso()} is before the instrument was opened or adopted ({status.opened.iso()})",
            )
        if parties.as_of.is_before(action.date):
            yield entry_error(
                treaty,
                path + ("date",),
                f"{action.date.iso()} is after the list's as_of date ({parties.as_of.iso()}); bring as_of forward",
            )
        if action.effective is not None and action.effective.is_before(action.date):
            yield entry_error(treaty, path + ("effective",), "takes effect before it was notified")
        if action.effective is not None and action.action != "withdrawal":
            yield entry_error(treaty, path + ("effective",), "only a withdrawal has an effective date")
    for index, (stated, derived) in enumerate(status.stated_shortfall()):
        for name, count in derived.items():
            said = getattr(stated, name)
            if said is not None and count > said:
                yield entry_error(
                    treaty,
                    ("parties", "stated_totals", index, name),
                    f"the source states {said}, but the actions listed make {count} on {stated.as_of.iso()}",
                )


def _check_members(agency: Entry) -> Iterator[ContentError]:
    for name in ("members", "associates"):
        block = getattr(agency.fields, name)
        if block is not None:
            yield from _duplicates(agency, (name, "list"), block.list)
            yield from _same_state_twice(agency, [((name, "list", i), code) for i, code in enumerate(block.list)])
    if agency.fields.members and agency.fields.associates:
        members = set(agency.fields.members.list)
        for index, party in enumerate(agency.fields.associates.list):
            if party in members:
                yield entry_error(agency, ("associates", "list", index), f"'{party}' is also listed as a member")


def _same_state_twice(entry: Entry, written: list[tuple[tuple, str]]) -> Iterator[ContentError]:
    """A renamed state under both its codes (Burma as BUMM and as MM) would be counted twice.
    `written`: each code with its path."""
    codes: dict[str, str] = {}
    for path, code in written:
        state = RENAMED.get(code, code)  # a renamed state's present code
        if state in codes and codes[state] != code:
            yield entry_error(
                entry,
                path,
                f"{code} and {codes[state]} are the same state under its former and its present code; "
                f"write {state} for both",
            )
        codes.setdefault(state, code)


def _check_comparison(concept: Entry) -> Iterator[ContentError]:
    """Each question answers each compared instrument once, and nothing else."""
    compared = concept.fields.compares
    for q, question in enumerate(concept.fields.questions):
        answered = [answer.instrument for answer in question.answers]
        yield from _duplicates(concept, ("questions", q, "answers"), answered, "instrument")
        for a, slug in enumerate(answered):
            if slug not in compared:
                where = ("questions", q, "answers", a, "instrument")
                yield entry_error(concept, where, f"'{slug}' is not in `compares`; add it there first")
        missing = [slug for slug in compared if slug not in answered]
        if missing:
            yield entry_error(concept, ("questions", q), f"no answer for {', '.join(missing)}")


def _check_cycles(atlas: Atlas, type_name: str, field_: str) -> Iterator[ContentError]:
    """A circle of parents is reported once, at the entry with the first slug in it."""
    entries = atlas.entries[type_name]
    reported: set[frozenset] = set()
    for entry in sorted(entries.values(), key=lambda e: e.slug):
        chain = [entry.slug]
        current = getattr(entry.fields, field_)
        while current and current in entries:
            if current in chain:
                circle = frozenset(chain[chain.index(current) :])
                if circle not in reported and entry.slug in circle:
                    reported.add(circle)
                    yield entry_error(
                        entry,
                        (field_,),
                        f"'{field_}' goes round in a circle: " + " → ".join(chain[chain.index(current) :] + [current]),
                    )
                break
            chain.append(current)
            current = getattr(entries[current].fields, field_)


def stale_lists(atlas: Atlas, today: dt.date) -> list[ContentError]:
    """Warnings: lists that change (parties, members, heads, budgets) whose as_of date is old."""
    warnings = []
    limit = PartialDate(today.year - STALE_AFTER_YEARS, today.month, today.day)
    blocks = {"treaty": ["parties"], "agency": ["members", "associates", "head", "budget"]}
    for entry in atlas.all_entries():
        for name in blocks.get(entry.type.name, []):
            block = getattr(entry.fields, name)
            if block is not None and block.as_of.is_before(limit):
                warnings.append(
                    entry_error(
                        entry,
                        (name, "as_of"),
                        f"as of {block.as_of.iso()}: more than "
                        f"{STALE_AFTER_YEARS} years old; check the newest source and update the list",
                    )
                )
    return warnings
