"""Read every YAML file, check its types against the schema, and return entries.

Relations between entries (references, date order) are checked later, in
`atlas.py`, and only for files whose types are already right.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .errors import ContentError, field_name
from .parsed_cache import ParsedCache
from .schema import ENTRY_TYPES, SLUG_PATTERN, EntryType, nested_model
from .strict_yaml import ParsedDocument, Position, YamlProblem, parse_yaml


@dataclass(eq=False)
class Entry:
    type: EntryType
    slug: str
    file: str  # project-relative path, as shown in messages
    fields: BaseModel
    document: ParsedDocument

    @cached_property
    def key(self) -> str:
        """The page's path without extension, e.g. 'treaties/outer-space-treaty'."""
        return f"{self.type.folder}/{self.slug}"

    @cached_property
    def page(self) -> str:
        return f"{self.key}.md"

    @property
    def title(self) -> str:
        return self.fields.title

    @cached_property
    def name(self) -> str:
        """The name readers know it by, as link text: the short name if it has one."""
        return getattr(self.fields, "short_name", None) or self.fields.title

    @cached_property
    def heading(self) -> str:
        """The page heading: the name, with the acronym when there is one."""
        acronym = getattr(self.fields, "acronym", None)
        return f"{self.name} ({acronym})" if acronym and acronym not in self.name else self.name

    def position(self, path) -> Position:
        return self.document.position_of(tuple(path))


def entry_files(root: Path) -> list[tuple[EntryType, Path]]:
    found = []
    for entry_type in ENTRY_TYPES.values():
        folder = root / entry_type.directory
        if folder.is_dir():
            with os.scandir(folder) as listing:  # names sorted as text: Path comparisons cost more than the read
                names = sorted(item.name for item in listing if item.is_file())
            found += [(entry_type, folder / name) for name in names]
    return found


@dataclass
class Loaded:
    entries: list[Entry]
    errors: list[ContentError]
    broken: set[str]  # keys ('agencies/esa') of files that exist but could not be loaded


def load_entries(root: Path, cache: Path | None = None) -> Loaded:
    """Every entry file under `root`; with `cache`, parsed YAML is kept in that file between runs."""
    loaded = Loaded([], [], set())
    parsed = ParsedCache(cache)
    for entry_type, path in entry_files(root):
        entry, problems = load_entry(root, entry_type, path, parsed.parse)
        loaded.errors += problems
        if entry is not None:
            loaded.entries.append(entry)
        else:
            loaded.broken.add(f"{entry_type.folder}/{path.stem}")
    loaded.errors += _misplaced_files(root)
    parsed.save()
    return loaded


def load_entry(root: Path, entry_type: EntryType, path: Path,
               parse: Callable[[str], ParsedDocument]) -> tuple[Entry | None, list[ContentError]]:
    file = f"{entry_type.directory}/{path.name}"  # as shown in messages
    if path.suffix != ".yaml":
        hint = "rename it to .yaml" if path.suffix in (".yml", ".YAML") else "only .yaml entry files belong here"
        return None, [ContentError(file, 1, 1, "(file)", f"not a .yaml file; {hint}")]
    if not re.match(SLUG_PATTERN, path.stem):
        return None, [ContentError(file, 1, 1, "(file)", f"file name '{path.stem}' is not a valid slug: "
                                   "use lowercase letters, digits and single hyphens, e.g. outer-space-treaty")]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [ContentError(file, 1, 1, "(file)", f"not UTF-8 text ({exc.reason})")]
    return parse_entry(entry_type, path.stem, file, text, parse)


def parse_entry(entry_type: EntryType, slug: str, file: str, text: str,
                parse: Callable[[str], ParsedDocument] = parse_yaml) -> tuple[Entry | None, list[ContentError]]:
    try:
        document = parse(text)
    except YamlProblem as problem:
        where = field_name(problem.path) if problem.path else "(yaml)"
        return None, [ContentError(file, problem.position.line, problem.position.column, where, problem.message)]
    if not isinstance(document.data, dict):
        return None, [ContentError(file, 1, 1, "(document)",
                                   f"expected a mapping of fields (title: …), got {_kind(document.data)}")]
    try:
        fields = entry_type.model.model_validate(document.data)
    except ValidationError as exc:
        return None, [_as_content_error(file, document, entry_type, error) for error in exc.errors()]
    return Entry(entry_type, slug, file, fields, document), []


def _misplaced_files(root: Path) -> list[ContentError]:
    content = root / "content"
    if not content.is_dir():
        return []
    known = {Path(t.directory).name for t in ENTRY_TYPES.values()}
    errors = []
    for path in sorted(content.iterdir()):
        if path.name.startswith(".") or (path.is_dir() and path.name in known) or path.name == "published-urls.txt":
            continue
        errors.append(ContentError(path.relative_to(root).as_posix(), 1, 1, "(file)",
                                   f"not an entry folder; entries go in content/{{{','.join(sorted(known))}}}/"))
    return errors


# --- turning pydantic's errors into messages a maintainer can act on --------

_PATTERN_HINTS = {
    "slug": "a slug: lowercase letters, digits and single hyphens, e.g. outer-space-treaty",
    "[A-Z]{4}": "a country code such as US (ISO 3166-1 alpha-2) or an agency slug such as esa",
    "(?:[A-Z]{2}|[A-Z]{4})$": "a country code in capitals, such as US or NO (ISO 3166-1 alpha-2)",
    "https?": "a web address starting with https://",
    "treaties|programs": "a typed link such as treaties/outer-space-treaty",
    ".txt": "a seed file name such as 000_5585a1ccaa02c860.txt",
}


def _pattern_hint(pattern: str) -> str:
    if pattern.startswith("^(?:[A-Z]{2}|[A-Z]{4}|"):
        return _PATTERN_HINTS["[A-Z]{4}"]
    if pattern.startswith("^(?:[A-Z]{2}|[A-Z]{4})$"):
        return _PATTERN_HINTS["(?:[A-Z]{2}|[A-Z]{4})$"]
    if pattern.startswith("^[a-z0-9]"):
        return _PATTERN_HINTS["slug"]
    for needle, hint in _PATTERN_HINTS.items():
        if needle in pattern:
            return hint
    return f"text matching {pattern}"


def _kind(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value; quote it if you meant text)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) < 60 else "a long text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The nested model class that a location points inside, for suggestions."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return model
        nested = nested_model(field.annotation)
        if nested is None:
            return model
        model = nested
    return model


def _as_content_error(file: str, document: ParsedDocument, entry_type: EntryType, error: dict) -> ContentError:
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        position = document.key_positions.get(loc) or document.position_of(loc)
        owner = _model_at(entry_type.model, loc[:-1])
        allowed = sorted(owner.model_fields) if owner else []
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f" — did you mean '{guess[0]}'?" if guess else f"; expected one of: {', '.join(allowed)}"
        return ContentError(file, position.line, position.column, field_name(loc),
                            f"unknown field for a {entry_type.name}{hint}")
    position = document.position_of(loc)
    if kind == "missing":
        message = "required field is missing"
    elif kind == "literal_error":
        expected = [choice.strip(" '") for choice in re.split(r"', '|' or '", ctx.get("expected", ""))]
        guess = difflib.get_close_matches(str(value), expected, n=1)
        message = f"expected one of: {', '.join(expected)}; got {_kind(value)}"
        if guess:
            message += f" — did you mean '{guess[0]}'?"
    elif kind == "string_pattern_mismatch":
        message = f"expected {_pattern_hint(ctx.get('pattern', ''))}; got {_kind(value)}"
    elif kind == "string_type":
        message = f"expected text; got {_kind(value)}"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "string_too_long":
        message = f"too long: at most {ctx.get('max_length')} characters"
    elif kind == "list_type":
        message = f"expected a list (- item lines or [a, b]); got {_kind(value)}"
    elif kind == "too_short":
        message = f"must list at least {ctx.get('min_length', 1)} item(s)"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = f"expected a mapping of fields; got {_kind(value)}"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"expected a whole number; got {_kind(value)}"
    elif kind == "greater_than_equal":
        message = f"must be at least {ctx.get('ge')}"
    elif kind == "partial_date":
        message = error["msg"]
    else:
        message = error["msg"]
    return ContentError(file, position.line, position.column, field_name(loc), message)
