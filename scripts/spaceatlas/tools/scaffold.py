"""`spaceatlas new`: a new entry file with every field of its type, commented from the schema."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel

from ..read.content_files import Project
from ..read.schema import ENTRY_TYPES, RESERVED_SLUGS, SLUG, is_list, literal_choices, nested_model

# What a maintainer types for each field; the comment after it comes from the schema.
_EXAMPLES = {
    "title": "Full official name",
    "summary": ">-\n  One to three sentences in your own words.",
    "sources": "[]  # e.g. [johnson-2011-iac-cooperation]",
}


class ScaffoldError(Exception):
    pass


def _model_lines(model: type[BaseModel], indent: str) -> list[str]:
    lines = []
    for name, info in model.model_fields.items():
        lines += _field_lines(name, info, indent)
    return lines


def _field_lines(name: str, info, indent: str) -> list[str]:
    required = info.is_required()
    choices = literal_choices(info.annotation)
    note = ("REQUIRED. " if required else "optional. ") + (info.description or "").rstrip(".")
    if choices:
        note += f". One of: {', '.join(choices)}"
    nested, many = nested_model(info.annotation), is_list(info.annotation)
    body: list[str] = []
    if nested is not None and many:
        body += [f"{indent}{name}:", f"{indent}  -"]  # one item; copy it for more
        body += _model_lines(nested, indent + "    ")
    elif nested is not None:
        body.append(f"{indent}{name}:")
        body += _model_lines(nested, indent + "  ")
    elif name in _EXAMPLES:
        body.append(f"{indent}{name}: {_EXAMPLES[name]}")
    elif choices:
        body.append(f"{indent}{name}: " + (f"[{choices[0]}]" if many else choices[0]))
    else:
        body.append(f"{indent}{name}:" + (" []" if many else ""))
    if not required:  # optional fields are offered commented out, as one block to uncomment
        body = [f"{indent}# {line[len(indent) :]}" for line in body]
    return [f"{indent}# {note}"] + body


def scaffold_text(type_name: str) -> str:
    entry_type = ENTRY_TYPES[type_name]
    header = [
        f"# A new {type_name}. Fill in the REQUIRED fields, uncomment the optional ones you can source,",
        "# and delete the rest. Every fact must come from a source listed under `sources`.",
        "# Check it with: spaceatlas validate",
        "",
    ]
    return "\n".join(header + _model_lines(entry_type.model, "")) + "\n"


def create_entry(project: Project, type_name: str, slug: str) -> Path:
    if type_name not in ENTRY_TYPES:
        raise ScaffoldError(f"unknown type '{type_name}': expected one of {', '.join(ENTRY_TYPES)}")
    if not SLUG.matches(slug):
        raise ScaffoldError(
            f"'{slug}' is not a valid slug: use lowercase letters, digits and single hyphens, "
            "e.g. lunar-gateway (it becomes the page's address)"
        )
    entry_type = ENTRY_TYPES[type_name]
    if slug in RESERVED_SLUGS:
        raise ScaffoldError(f"'{slug}' is the address of the {entry_type.label} index page; choose another slug")
    path = project.root / project.directory(entry_type) / f"{slug}.yaml"
    if os.path.lexists(path):
        raise ScaffoldError(f"{path.relative_to(project.root)} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold_text(type_name), encoding="utf-8")
    return path
