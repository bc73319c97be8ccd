"""The model's node: one entry, with its fields as written and the same fields resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from types import SimpleNamespace

from pydantic import BaseModel

from ..read.loader import LoadedFile
from ..read.schema import EntryType
from ..read.strict_yaml import Positions


class Resolved(SimpleNamespace):
    """An entry's fields with every reference replaced by what it names (an Entry or a Country):
    what templates read, so that no page looks anything up by slug."""


@dataclass(eq=False)
class Entry:
    type: EntryType
    slug: str
    file: str  # project-relative path, as shown in messages
    fields: BaseModel  # as written: references are slugs and codes (the data files publish these)
    loaded: LoadedFile = field(repr=False)
    resolved: Resolved = field(default_factory=Resolved, repr=False)  # set by build_atlas

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
    def short_label(self) -> str:
        """The shortest name readers know: the acronym if there is one (matrix columns, map labels)."""
        return getattr(self.fields, "acronym", None) or self.name

    @cached_property
    def heading(self) -> str:
        """The page heading: the name, with the acronym when there is one."""
        acronym = getattr(self.fields, "acronym", None)
        return f"{self.name} ({acronym})" if acronym and acronym not in self.name else self.name

    @property
    def positions(self) -> Positions:
        return self.loaded.positions
