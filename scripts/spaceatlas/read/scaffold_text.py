"""What `spaceatlas new` writes: every field of a type, commented from the schema, with the
placeholder texts a maintainer replaces.

It lives with the reading layer because the loader refuses those placeholders
(`PLACEHOLDERS`, declared once here), so that a file fresh from the scaffold
cannot be published as it is.
"""

from __future__ import annotations

from pydantic import BaseModel

from .inspect_schema import is_list, literal_choices, nested_model
from .schema import ENTRY_TYPES

# The texts the scaffold writes in fields a maintainer must fill in; the loader refuses each one.
PLACEHOLDERS = {
    "title": "Full official name",
    "summary": "One to three sentences in your own words.",
}
# How the scaffold writes each of them, and what else it writes in place of an empty value.
_WRITTEN = {
    "title": PLACEHOLDERS["title"],
    "summary": ">-\n  " + PLACEHOLDERS["summary"],
    "sources": "[]  # e.g. [johnson-2011-iac-cooperation]",
}


def _model_lines(model: type[BaseModel], indent: str) -> list[str]:
    return [line for name, info in model.model_fields.items() for line in _field_lines(name, info, indent)]


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
    elif name in _WRITTEN and not indent:
        body.append(f"{indent}{name}: {_WRITTEN[name]}")
    elif choices:
        body.append(f"{indent}{name}: " + (f"[{choices[0]}]" if many else choices[0]))
    else:
        body.append(f"{indent}{name}:" + (" []" if many else ""))
    if not required:  # optional fields are offered commented out, as one block to uncomment
        body = [f"{indent}# {line[len(indent) :]}" for line in body]
    return [f"{indent}# {note}"] + body


def scaffold_text(type_name: str) -> str:
    entry_type = ENTRY_TYPES[type_name]
    if "sources" in entry_type.model.model_fields:
        cite = "# and delete the rest. Every fact must come from a source listed under `sources`."
    else:  # a source record describes one document; entries cite it by its slug, the file's name
        cite = "# and delete the rest. Describe the document itself: entries cite it by this file's name."
    header = [
        f"# A new {type_name}. Fill in the REQUIRED fields, uncomment the optional ones you can source,",
        cite,
        "# Check it with: spaceatlas validate",
        "",
    ]
    return "\n".join(header + _model_lines(entry_type.model, "")) + "\n"
