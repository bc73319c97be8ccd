"""Read every content file, check its types against the schema, and return what was read.

Relations between entries (references, date order) are checked later, by the
model. A file whose types are wrong still gives the references in the fields
that did pass, so that an unknown slug in it is reported in the same run as its
other problems. The parsed YAML mapping stays here: what leaves is the
validated fields (or those references) and where each value was written.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .content_files import Project, UnreadableFile, entry_files, read_text
from .errors import MAX_PER_FILE, ContentError, field_name
from .inspect_schema import nested_model, references
from .patterns import pattern_hint
from .refused_hosts import read_refused_hosts, refused_host
from .scaffold_text import PLACEHOLDERS
from .schema import EntryType, Ref
from .strict_yaml import Positions, YamlProblem, parse_yaml


@dataclass(frozen=True, eq=False)
class LoadedFile:
    """One entry file whose types are right: its validated fields and where each value is written."""

    type: EntryType
    slug: str
    file: str  # project-relative path, as shown in messages
    fields: BaseModel
    positions: Positions
    text: str  # as read: the preview reuses the file's entry while its text is unchanged


@dataclass(frozen=True, eq=False)
class FailedFile:
    """A file whose types are wrong, with the references written in the fields that are right:
    (path, marker, slug) for each. The model checks that they name something."""

    file: str
    positions: Positions
    references: tuple[tuple[tuple, Ref, str], ...]


@dataclass(frozen=True)
class ParsedFile:
    """What one file gave: its entry if its types are right, its problems (at most MAX_PER_FILE, and
    how many more were found), and for a file whose types are wrong, the references that passed."""

    entry: LoadedFile | None
    errors: list[ContentError]
    not_shown: int = 0
    failed: FailedFile | None = None


@dataclass
class Loaded:
    files: list[LoadedFile] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    not_shown: Counter = field(default_factory=Counter)  # per file: problems found beyond the ones shown
    failed_keys: set[str] = field(default_factory=set)  # keys ('agencies/esa') of files that could not be loaded
    failed_files: list[FailedFile] = field(default_factory=list)  # those that parsed, with their references


def load_entries(project: Project, last_build: Mapping[str, LoadedFile] | None = None) -> Loaded:
    """Every entry file of the project, and every problem with one. A file whose text is the same
    as in `last_build` (the preview's last build) keeps its entry: parsing and validating every file
    again at each save would be most of what the preview spends on reading."""
    files, problems = entry_files(project)
    refused, list_problems = read_refused_hosts(project)
    loaded = Loaded(errors=problems + list_problems)
    for entry_type, file in files:
        slug = Path(file).stem
        try:
            text = read_text(project.root, file)
        except UnreadableFile as unreadable:
            parsed = ParsedFile(None, [unreadable.error])
        else:
            last = last_build.get(file) if last_build else None
            if last is not None and last.text == text and last.type is entry_type:
                parsed = ParsedFile(last, [])
            else:
                parsed = parse_entry(entry_type, slug, file, text)
        loaded.errors += parsed.errors
        if parsed.not_shown:
            loaded.not_shown[file] += parsed.not_shown
        if parsed.entry is not None:
            loaded.errors += _refused_address(parsed.entry, refused)
            loaded.files.append(parsed.entry)
        else:
            loaded.failed_keys.add(f"{entry_type.folder}/{slug}")
        if parsed.failed is not None:
            loaded.failed_files.append(parsed.failed)
    return loaded


def parse_entry(entry_type: EntryType, slug: str, file: str, text: str) -> ParsedFile:
    """One file's entry, or its problems and the references in the fields that passed."""
    try:
        document = parse_yaml(text)
    except YamlProblem as problem:
        where = field_name(problem.path) if problem.path else "(yaml)"
        return ParsedFile(
            None, [ContentError(file, problem.position.line, problem.position.column, where, problem.message)]
        )
    if not isinstance(document.data, dict):
        got = _kind(document.data)
        return ParsedFile(
            None, [ContentError(file, 1, 1, "(document)", f"expected a mapping of fields (title: …), got {got}")]
        )
    unfilled = _placeholders(entry_type, file, document.data, document.positions)
    try:
        fields = entry_type.model.model_validate(document.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=True, include_input=True)
        shown = [_as_content_error(file, document.positions, entry_type, error) for error in errors[:MAX_PER_FILE]]
        at_fault = {_location(error) for error in errors}
        passed = references(entry_type.model, document.data, at_fault)
        failed = FailedFile(file, document.positions, tuple((path, marker, slug) for path, marker, slug, _ in passed))
        return ParsedFile(None, unfilled + shown, len(errors) - len(shown), failed)
    # An entry with a placeholder left is still loaded, so that its references are checked in the same run.
    return ParsedFile(LoadedFile(entry_type, slug, file, fields, document.positions, text), unfilled)


def _placeholders(entry_type: EntryType, file: str, data: dict, positions: Positions) -> list[ContentError]:
    """A text the scaffold wrote (read/scaffold_text.py) and nobody replaced."""
    errors = []
    for name, placeholder in PLACEHOLDERS.items():
        value = data.get(name)
        info = entry_type.model.model_fields.get(name)
        if info is None or not isinstance(value, str) or " ".join(value.split()) != placeholder:
            continue
        what = (info.description or "the text").rstrip(".")
        position = positions.of((name,))
        message = f"still the scaffold's placeholder; write {what[0].lower()}{what[1:]}"
        errors.append(ContentError(file, position.line, position.column, name, message))
    return errors


def _refused_address(entry: LoadedFile, refused: dict[str, str]) -> list[ContentError]:
    address = getattr(entry.fields, "address", None)  # only a source record has one
    found = refused_host(address, refused) if address else None
    if found is None:
        return []
    host, reason = found
    position = entry.positions.of(("address",))
    message = (
        f"{host} never counts as an address ({reason}): give the original publisher's address, "
        "and put the copy you read in copy_address"
    )
    return [ContentError(entry.file, position.line, position.column, "address", message)]


# --- turning pydantic's errors into messages a maintainer can act on --------


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


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
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


def _location(error: dict) -> tuple:
    """The path of the value a pydantic error is about, without the validators' names."""
    return tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-")))


def _named(model: type[BaseModel]) -> str:
    """How a message names what a model describes, from its class name: AgencyFields -> 'an agency',
    PartyActionFields -> 'a party action', PartiesFields -> 'the parties'."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__.removesuffix("Fields")).lower()
    if words.endswith("s") and not words.endswith("ss"):
        return f"the {words}"
    return ("an " if words[0] in "aeiou" else "a ") + words


def _as_content_error(file: str, positions: Positions, entry_type: EntryType, error: dict) -> ContentError:
    loc = _location(error)
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        position = positions.of_key(loc)
        owner = _model_at(entry_type.model, loc[:-1])
        allowed = sorted(owner.model_fields)
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f" — did you mean '{guess[0]}'?" if guess else f"; expected one of: {', '.join(allowed)}"
        return ContentError(
            file, position.line, position.column, field_name(loc), f"unknown field for {_named(owner)}{hint}"
        )
    position = positions.of(loc)
    if kind == "missing":
        message = "required field is missing"
    elif kind == "literal_error":
        expected = [choice.strip(" '") for choice in re.split(r"', '|' or '", ctx.get("expected", ""))]
        guess = difflib.get_close_matches(str(value), expected, n=1)
        message = f"expected one of: {', '.join(expected)}; got {_kind(value)}"
        if guess:
            message += f" — did you mean '{guess[0]}'?"
    elif kind == "string_pattern_mismatch":
        message = f"expected {pattern_hint(ctx.get('pattern', ''))}; got {_kind(value)}"
    elif kind == "string_type":
        message = f"expected text; got {_kind(value)}"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "string_too_long":
        message = f"too long: at most {ctx.get('max_length')} characters"
    elif kind == "list_type":
        message = f"expected a list (- item lines or [a, b]); got {_kind(value)}"
    elif kind == "too_short":
        least = ctx.get("min_length", 1)
        message = f"must list at least {least} item{'s' if least != 1 else ''}"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = f"expected a mapping of fields; got {_kind(value)}"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"expected a whole number; got {_kind(value)}"
    elif kind == "greater_than_equal":
        message = f"must be at least {ctx.get('ge')}"
    elif kind == "less_than_equal":
        message = f"must be at most {ctx.get('le'):,}"
    elif kind == "too_long":
        message = f"lists at most {ctx.get('max_length')} items; split the list or shorten it"
    else:  # our own errors (a partial date's) say it already
        message = error["msg"]
    return ContentError(file, position.line, position.column, field_name(loc), message)
