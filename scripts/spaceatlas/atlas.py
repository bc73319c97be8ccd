"""The in-memory model: entries, countries, and every reference seen from both ends.

`build_atlas` resolves references and checks relations between fields; it
never sees YAML, and the templates never see anything but an `Atlas`.
"""

from __future__ import annotations

import difflib
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Annotated, Iterator, get_args, get_origin

from pydantic import BaseModel

from .countries import Country, find_country
from .errors import ContentError, ContentErrors, field_name
from .loader import Entry
from .schema import ENTRY_TYPES, TYPE_BY_FOLDER, Ref

Target = Entry | Country


@dataclass(frozen=True)
class Link:
    """One reference: `source` names `target` at `path` (e.g. partners[2].party)."""

    source: Entry
    target: Target
    ref: Ref
    path: tuple
    context: BaseModel | None  # the object holding the reference (a partner, a party action)


@dataclass
class Atlas:
    entries: dict[str, dict[str, Entry]]  # type name -> slug -> entry
    countries: dict[str, Country] = field(default_factory=dict)
    links_from: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    links_to: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))

    def of_type(self, name: str) -> list[Entry]:
        return sorted(self.entries[name].values(), key=lambda e: e.heading.casefold())

    def all_entries(self) -> list[Entry]:
        return [e for name in ENTRY_TYPES for e in self.of_type(name)]

    def sorted_countries(self) -> list[Country]:
        return sorted(self.countries.values(), key=lambda c: c.name.casefold())

    def lookup(self, kind: str, value: str) -> Target | None:
        if kind == "party":
            kind = "country" if value[:1].isupper() else "agency"
        if kind == "country":
            return self.countries.get(value) or find_country(value)
        if kind == "entry":
            folder, slug = value.split("/", 1)
            if folder == "countries":
                return self.lookup("country", slug.upper())
            entry_type = TYPE_BY_FOLDER.get(folder)
            return self.entries[entry_type.name].get(slug) if entry_type else None
        return self.entries[kind].get(value)

    def lookup_all(self, kind: str, values: list[str]) -> list[Target]:
        return [self.lookup(kind, value) for value in values]

    def incoming(self, target: Target) -> dict[str, list[Link]]:
        """Links pointing at `target`, grouped under each reference's backlink heading."""
        groups: dict[str, list[Link]] = defaultdict(list)
        seen = set()
        for link in self.links_to.get(target.key, []):
            if link.ref.symmetric or (link.ref.backlink, link.source.key) in seen:
                continue
            seen.add((link.ref.backlink, link.source.key))
            groups[link.ref.backlink].append(link)
        return {label: sorted(links, key=lambda l: l.source.heading.casefold()) for label, links in sorted(groups.items())}

    def related(self, entry: Entry, field_: str) -> list[Target]:
        """Targets of a symmetric field such as `related`, whichever end wrote the link."""
        found = {link.target.key: link.target for link in self.links_from.get(entry.key, []) if link.path[0] == field_}
        for link in self.links_to.get(entry.key, []):
            if link.ref.symmetric and link.path[0] == field_:
                found.setdefault(link.source.key, link.source)
        return sorted(found.values(), key=lambda target: target.heading.casefold())


@functools.cache
def _field_markers(model_class: type[BaseModel]) -> tuple[tuple[str, Ref | None], ...]:
    """The fields that can hold references: marked ones, and nested models with marked fields.
    The rest (titles, descriptions, dates) are never looked at: most of the walk at 5,000 entries."""
    return tuple((name, marker) for name, info in model_class.model_fields.items()
                 if (marker := _ref_marker(info.annotation, info.metadata)) is not None
                 or _holds_references(info.annotation))


def _holds_references(annotation) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return bool(_field_markers(annotation))
    return any(_holds_references(arg) for arg in get_args(annotation))


def iter_references(model: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, Ref, str, BaseModel]]:
    """Every reference value in a validated model, with its path and marker."""
    for name, marker in _field_markers(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            item_path = path + ((name, index) if index is not None else (name,))
            if isinstance(item, BaseModel):
                yield from iter_references(item, item_path)
            elif marker is not None:
                yield item_path, marker, item, model


def _ref_marker(annotation, metadata=()) -> Ref | None:
    for item in metadata:
        if isinstance(item, Ref):
            return item
    if get_origin(annotation) is Annotated:
        for item in annotation.__metadata__:
            if isinstance(item, Ref):
                return item
    for arg in get_args(annotation):
        found = _ref_marker(arg)
        if found is not None:
            return found
    return None


def build_atlas(entries: list[Entry], broken: set[str] = frozenset()) -> Atlas:
    """Resolve references and check relations; raise ContentErrors listing every problem.

    `broken` names files that exist but failed their type checks: references to
    them are not reported again as unknown."""
    errors: list[ContentError] = []
    atlas = Atlas(entries={name: {} for name in ENTRY_TYPES})
    for entry in entries:
        atlas.entries[entry.type.name][entry.slug] = entry
    errors += _check_redirects(atlas)
    for entry in entries:
        for path, marker, value, holder in iter_references(entry.fields):
            target = atlas.lookup(marker.target, value)
            if target is None:
                if _target_key(marker.target, value) not in broken:
                    errors.append(_unknown_reference(atlas, entry, path, marker, value))
                continue
            if target is entry:
                errors.append(_error(entry, path, "an entry cannot refer to itself"))
                continue
            if isinstance(target, Country):
                atlas.countries[target.code] = target
            link = Link(entry, target, marker, path, holder)
            atlas.links_from[entry.key].append(link)
            atlas.links_to[target.key].append(link)
        errors += _check_dates(entry)
    errors += _check_cycles(atlas, "program", "part_of")
    errors += _check_cycles(atlas, "agency", "parent")
    if errors:
        raise ContentErrors(errors)
    return atlas


def _target_key(kind: str, value: str) -> str:
    if kind == "party":
        kind = "country" if value[:1].isupper() else "agency"
    if kind == "entry":
        return value
    return f"{ENTRY_TYPES[kind].folder}/{value}" if kind in ENTRY_TYPES else ""


def _error(entry: Entry, path: tuple, message: str) -> ContentError:
    position = entry.position(path)
    return ContentError(entry.file, position.line, position.column, field_name(path), message)


def _unknown_reference(atlas: Atlas, entry: Entry, path: tuple, marker: Ref, value: str) -> ContentError:
    kind = marker.target
    if kind == "party":
        kind = "country" if value[:1].isupper() else "agency"
    if kind == "country":
        return _error(entry, path, f"unknown country code '{value}': expected an ISO 3166-1 alpha-2 code "
                                   "such as US or NO (or ISO 3166-3 alpha-4, such as SUHH, for a former country)")
    if kind == "entry":
        folder = value.split("/", 1)[0]
        candidates = [e.key for t in ENTRY_TYPES for e in atlas.entries[t].values()]
        label = f"unknown entry '{value}'" if folder in TYPE_BY_FOLDER or folder == "countries" else \
            f"unknown entry type '{folder}' in '{value}'"
    else:
        candidates = list(atlas.entries[kind])
        where = ENTRY_TYPES[kind].directory
        label = f"unknown {kind} '{value}' (no {where}/{value}.yaml)"
    guess = difflib.get_close_matches(value, candidates, n=1, cutoff=0.75)
    return _error(entry, path, label + (f" — did you mean '{guess[0]}'?" if guess else ""))


def _check_redirects(atlas: Atlas) -> list[ContentError]:
    errors = []
    for name, by_slug in atlas.entries.items():
        claimed: dict[str, Entry] = {}
        for entry in sorted(by_slug.values(), key=lambda e: e.file):
            for index, old in enumerate(entry.fields.redirect_from):
                path = ("redirect_from", index)
                if old in by_slug:
                    errors.append(_error(entry, path, f"'{old}' is the slug of an existing {name}; "
                                                      "a redirect cannot hide a page"))
                elif old in claimed:
                    errors.append(_error(entry, path, f"'{old}' already redirects to {claimed[old].file}"))
                else:
                    claimed[old] = entry
    return errors


_DATE_ORDER = {
    "treaty": [("dates", "adopted"), ("dates", "opened_for_signature"), ("dates", "entered_into_force")],
    "program": [("start",), ("end",)],
}


def _get(model, path):
    for part in path:
        model = getattr(model, part, None)
    return model


def _check_dates(entry: Entry) -> list[ContentError]:
    errors = []
    ordered = [(path, _get(entry.fields, path)) for path in _DATE_ORDER.get(entry.type.name, [])]
    ordered = [(path, value) for path, value in ordered if value is not None]
    for (earlier_path, earlier), (later_path, later) in zip(ordered, ordered[1:]):
        if later.is_before(earlier):
            errors.append(_error(entry, later_path, f"{later.iso()} is before {field_name(earlier_path)} "
                                                    f"({earlier.iso()})"))
    return errors


def _check_cycles(atlas: Atlas, type_name: str, field_: str) -> list[ContentError]:
    errors = []
    entries = atlas.entries[type_name]
    for entry in entries.values():
        seen = {entry.slug}
        current = getattr(entry.fields, field_)
        while current and current in entries:
            if current in seen:
                errors.append(_error(entry, (field_,), f"'{field_}' goes round in a circle back to '{current}'"))
                break
            seen.add(current)
            current = getattr(entries[current].fields, field_)
    return errors

