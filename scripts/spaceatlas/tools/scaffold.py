"""`spaceatlas new`: a new entry file with every field of its type, commented from the schema
(the text, and the placeholders validation refuses, come from read/scaffold_text.py)."""

from __future__ import annotations

import os
from pathlib import Path

from ..read.content_files import Project
from ..read.patterns import RESERVED_SLUGS, SLUG
from ..read.scaffold_text import scaffold_text
from ..read.schema import ENTRY_TYPES


class ScaffoldError(Exception):
    pass


def create_entry(project: Project, type_name: str, slug: str) -> Path:
    """`type_name` is one of ENTRY_TYPES: the command line offers no other."""
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
