"""The dataset as files: JSON per entry and for all, CSV per type, and the JSON Schema
of each type. Made from the same models the pages are rendered from."""

from __future__ import annotations

import csv
import io

import orjson

from ..model.atlas import Atlas
from ..model.entry import Entry
from ..read.history import FileDates
from ..read.patterns import SLUG
from ..read.schema import ENTRY_TYPES
from .addresses import built_path

API_VERSION = 1
API = f"api/v{API_VERSION}"
# A cell a spreadsheet would read as a formula (OWASP's list of first characters).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def entry_record(entry: Entry, dates: dict[str, FileDates], directory_urls: bool) -> dict:
    return {
        "type": entry.type.name,
        "slug": entry.slug,
        "url": built_path(entry.page, directory_urls),
        "updated": dates[entry.file].changed.isoformat(),
        "fields": entry.fields.model_dump(mode="json"),
    }


def record_schema(type_name: str) -> dict:
    """JSON Schema of one published record: its `fields` follow the entry type's own schema."""
    entry_schema = ENTRY_TYPES[type_name].model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Space Cooperation Atlas {type_name} record, API v{API_VERSION}",
        "type": "object",
        "required": ["type", "slug", "url", "updated", "fields"],
        "additionalProperties": False,
        "properties": {
            "type": {"const": type_name},
            "slug": {"type": "string", "pattern": SLUG.regex},
            "url": {"type": "string"},
            "updated": {"type": "string", "format": "date"},
            "fields": {"$ref": "#/$defs/Fields"},
        },
        "$defs": {**entry_schema.pop("$defs", {}), "Fields": entry_schema},
    }


def json_text(value) -> str:
    """JSON as the site publishes it: UTF-8, two-space indent. orjson writes the same text as
    the standard library's json.dumps(indent=2) about fifty times faster; the standard
    library's C encoder is not used when indenting, and this is thousands of files."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n"


def _flatten(value, prefix: str, row: dict) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(inner, f"{prefix}.{key}" if prefix else key, row)
    elif isinstance(value, list) and all(not isinstance(item, (dict, list)) for item in value):
        row[prefix] = "; ".join(str(item) for item in value)
    elif isinstance(value, list):
        row[prefix] = orjson.dumps(value).decode()  # lists of objects stay structured
    else:
        row[prefix] = "" if value is None else value


def _csv(records: list[dict]) -> str:
    rows = []
    for record in records:
        row = {"slug": record["slug"], "url": record["url"], "updated": record["updated"]}
        _flatten(record["fields"], "", row)
        rows.append(row)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return csv_text([columns] + [[row.get(column, "") for column in columns] for row in rows])


def csv_text(rows: list[list]) -> str:
    """RFC 4180 CSV (CRLF line ends, so a cell holding either line break is quoted). A cell that a
    spreadsheet would take for a formula starts with an apostrophe, as OWASP recommends: educators
    open these files."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([[_inert(value) for value in row] for row in rows])
    return out.getvalue()


def _inert(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


MATRIX = f"{API}/status-matrix"


def matrix_files(views) -> dict[str, str]:
    """The status matrix exactly as the page shows it: one row per state (then each agency or
    organisation), one column per instrument, in the UN's notation, with each list's date."""
    columns, states, organisations = views.matrix
    header = ["party", "code"] + [treaty.short_label for treaty in columns]
    rows = [
        [party.name, getattr(party, "code", party.slug)] + [cell.letter if cell.status else "" for cell in cells]
        for party, cells in states + organisations
    ]
    instruments = [
        {
            "column": treaty.short_label,
            "instrument": treaty.name,
            "as_of": views.status(treaty).as_of.iso(),
            "complete": views.status(treaty).complete,
        }
        for treaty in columns
    ]
    legend = "R ratification, acceptance or approval; A accession; D succession; S signature; C commitment; "
    legend += "W withdrawal; DA declaration of acceptance; empty: nothing recorded"
    rows_by_column = [dict(zip(header, row)) for row in rows]
    document = {"version": API_VERSION, "notation": legend, "instruments": instruments, "rows": rows_by_column}
    return {f"{MATRIX}.csv": csv_text([header] + rows), f"{MATRIX}.json": json_text(document)}


def data_files(atlas: Atlas, dates: dict[str, FileDates], directory_urls: bool) -> dict[str, str]:
    """Per entry type: one JSON file per entry, a CSV and the record schema; and entries.json."""
    files = {}
    everything = []
    for name, entry_type in ENTRY_TYPES.items():
        entries = sorted(atlas.entries[name].values(), key=lambda e: e.slug)
        records = [entry_record(e, dates, directory_urls) for e in entries]
        everything += records
        for record in records:
            files[f"{API}/{entry_type.folder}/{record['slug']}.json"] = json_text(record)
        files[f"{API}/{entry_type.folder}.csv"] = _csv(records)
        files[f"{API}/schema/{name}.json"] = json_text(record_schema(name))
    files[f"{API}/entries.json"] = json_text({"version": API_VERSION, "entries": everything})
    return files
