"""The in-memory model: entries, countries, and every reference seen from both ends.

`build_atlas` resolves every reference once: each entry's `resolved` holds its
fields with the entries and countries they name, and every link is recorded at
both ends. It never sees YAML, and the templates never see anything but the
model.
"""

from __future__ import annotations

import difflib
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from pydantic import BaseModel

from ..read.content_files import Project
from ..read.errors import ContentError, ContentErrors, field_name
from ..read.inspect_schema import reference_fields, references
from ..read.loader import FailedFile, Loaded
from ..read.patterns import COUNTRY
from ..read.schema import CITED_BY, COUNTRIES_FOLDER, ENTRY_TYPES, TYPE_BY_FOLDER, Ref
from .countries import Country, find_country
from .entry import Entry, Resolved

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
    _links_from: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    _links_to: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))

    def links_from(self, key: str) -> list[Link]:
        """The references the entry at `key` writes."""
        return self._links_from.get(key, [])

    def links_to(self, key: str) -> list[Link]:
        """The references naming the entry or country at `key`, whichever entries write them."""
        return self._links_to.get(key, [])

    def of_type(self, name: str) -> list[Entry]:
        return sorted(self.entries[name].values(), key=lambda e: e.heading.casefold())

    def all_entries(self) -> list[Entry]:
        return [e for name in ENTRY_TYPES for e in self.of_type(name)]

    def sorted_countries(self) -> list[Country]:
        return sorted(self.countries.values(), key=lambda c: c.name.casefold())

    def incoming(self, target: Target) -> dict[str, list[Link]]:
        """Links pointing at `target`, grouped under each reference's backlink heading."""
        groups: dict[str, list[Link]] = defaultdict(list)
        seen = set()
        for link in self.links_to(target.key):
            if link.ref.symmetric or (link.ref.backlink, link.source.key) in seen:
                continue
            seen.add((link.ref.backlink, link.source.key))
            groups[link.ref.backlink].append(link)
        return {
            heading: sorted(links, key=lambda l: l.source.heading.casefold())
            for heading, links in sorted(groups.items())
        }

    def sources_of(self, entry: Entry) -> list[Entry]:
        """Every source an entry names: its own list first, then those named inside its fields
        (a list's source, an action's, a head's or a budget's), each once."""
        inside = [link.target for link in self.links_from(entry.key) if link.ref.target == "source"]
        return list(dict.fromkeys(entry.resolved.sources + inside))

    def citing(self, source: Entry) -> list[Entry]:
        return [link.source for link in self.incoming(source).get(CITED_BY, [])]

    def related(self, entry: Entry, field_: str) -> list[Target]:
        """Targets of a symmetric field such as `related`, whichever end wrote the link."""
        found = {link.target.key: link.target for link in self.links_from(entry.key) if link.path[0] == field_}
        for link in self.links_to(entry.key):
            if link.ref.symmetric and link.path[0] == field_:
                found.setdefault(link.source.key, link.source)
        return sorted(found.values(), key=lambda target: target.heading.casefold())

    @functools.cached_property
    def renamed(self) -> dict[tuple[str, str], Entry]:
        """(type, former slug) -> the entry that lists it in `redirect_from`; read once all entries are in."""
        return {
            (e.type.name, old): e
            for t in ENTRY_TYPES
            for e in self.entries[t].values()
            for old in e.fields.redirect_from
        }

    def _find(self, kind: str, value: str) -> Target | None:
        if kind == "country":
            return self.countries.get(value) or find_country(value)
        if kind == "entry":
            folder, slug = value.split("/", 1)
            if folder == COUNTRIES_FOLDER:
                return self._find("country", slug.upper())
            entry_type = TYPE_BY_FOLDER.get(folder)
            return self.entries[entry_type.name].get(slug) if entry_type else None
        return self.entries[kind].get(value)


def _resolve(value, targets: dict[tuple, Target], path: tuple = ()):
    """`value` with the target found at each reference's path in place of its slug: a model's fields
    as a Resolved, a list item by item."""
    if isinstance(value, list):
        return [_resolve(item, targets, path + (index,)) for index, item in enumerate(value)]
    if not isinstance(value, BaseModel):
        return targets[path]
    values = {name: getattr(value, name) for name in type(value).model_fields}
    for name, *_ in reference_fields(type(value)):
        if values[name] is not None:
            values[name] = _resolve(values[name], targets, path + (name,))
    return Resolved(**values)


# --- building the model ----------------------------------------------------------


def build_atlas(loaded: Loaded, project: Project) -> Atlas:
    """Resolve the references of the entries loaded; raise ContentErrors listing every reference
    that names nothing.

    A reference to a file that failed its type checks is not reported again as unknown. The
    references in the fields that passed in such a file are checked, so that its unknown slugs
    are reported in the same run as its other problems."""
    errors: list[ContentError] = []
    atlas = Atlas(entries={name: {} for name in ENTRY_TYPES})
    entries = [Entry(file.type, file.slug, file.file, file.fields, file) for file in loaded.files]
    for entry in entries:
        atlas.entries[entry.type.name][entry.slug] = entry
    for entry in entries:
        targets: dict[tuple, Target] = {}
        complete = True
        for path, marker, value, holder in references(entry.type.model, entry.fields):
            kind = _kind(marker, value)
            target = atlas._find(kind, value)
            if target is None:
                complete = False  # reported here, or as the failed file it names
                if _target_key(kind, value) not in loaded.failed_keys:
                    errors.append(entry_error(entry, path, _unknown_reference(atlas, project, kind, value)))
                continue
            if target is entry:
                complete = False
                errors.append(entry_error(entry, path, "an entry cannot refer to itself"))
                continue
            if isinstance(target, Country):
                atlas.countries[target.code] = target
            targets[path] = target
            link = Link(entry, target, marker, path, holder)
            atlas._links_from[entry.key].append(link)
            atlas._links_to[target.key].append(link)
        if complete:
            entry.resolved = _resolve(entry.fields, targets)
    for file in loaded.failed_files:
        for path, marker, value in file.references:
            kind = _kind(marker, value)
            if atlas._find(kind, value) is None and _target_key(kind, value) not in loaded.failed_keys:
                errors.append(entry_error(file, path, _unknown_reference(atlas, project, kind, value)))
    if errors:
        raise ContentErrors(errors)
    return atlas


def entry_error(entry: Entry | FailedFile, path: tuple, message: str) -> ContentError:
    position = entry.positions.of(path)
    return ContentError(entry.file, position.line, position.column, field_name(path), message)


def _kind(marker: Ref, value: str) -> str:
    """What a reference names: a party is written as a country code (capitals) or an agency slug (lowercase)."""
    if marker.target == "party":
        return "country" if COUNTRY.matches(value) else "agency"
    return marker.target


def _target_key(kind: str, value: str) -> str:
    if kind == "entry":
        return value
    return f"{ENTRY_TYPES[kind].folder}/{value}" if kind in ENTRY_TYPES else ""


def _unknown_reference(atlas: Atlas, project: Project, kind: str, value: str) -> str:
    """What to say about a reference that names nothing."""
    if kind == "country":
        return (
            f"unknown country code '{value}': expected an ISO 3166-1 alpha-2 code "
            "such as US or NO (or ISO 3166-3 alpha-4, such as SUHH, for a former country)"
        )
    if kind == "entry":
        folder, _, slug = value.partition("/")
        candidates = [e.key for t in ENTRY_TYPES for e in atlas.entries[t].values()]
        known = folder in TYPE_BY_FOLDER or folder == COUNTRIES_FOLDER
        label = f"unknown entry '{value}'" if known else f"unknown entry type '{folder}' in '{value}'"
        renamed = atlas.renamed.get((TYPE_BY_FOLDER[folder].name, slug)) if folder in TYPE_BY_FOLDER else None
        new_name = renamed.key if renamed else ""
    else:
        candidates = list(atlas.entries[kind])
        where = project.directory(ENTRY_TYPES[kind])
        label = f"unknown {kind} '{value}' (no {where}/{value}.yaml)"
        renamed = atlas.renamed.get((kind, value))
        new_name = renamed.slug if renamed else ""
    if renamed is not None:  # the file was renamed and this reference was not: name the new slug
        return f"{label} — '{value}' was renamed to '{new_name}' (its redirect_from); write '{new_name}'"
    guess = difflib.get_close_matches(value, candidates, n=1, cutoff=0.75)
    return label + (f" — did you mean '{guess[0]}'?" if guess else "")
