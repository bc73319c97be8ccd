"""The site's pages that are not an entry's or a country's: each folder's index and the pages of
the whole atlas, declared once here (the address registry and the renderer both read it)."""

from __future__ import annotations

from dataclasses import dataclass

from ..read.schema import COUNTRIES_FOLDER, ENTRY_TYPES


@dataclass(frozen=True)
class Section:
    template: str
    title: str | None  # None: the home page, which Material titles with the site's name alone
    description: str | None
    owner: str  # how messages name the page that owns the address


SECTIONS: dict[str, Section] = {
    "index.md": Section(
        "home.md.j2",
        None,
        "A reference to international cooperation in space: treaties, programs, agencies and the countries "
        "behind them.",
        "the home page",
    ),
    **{
        f"{t.folder}/index.md": Section(f"{t.name}_index.md.j2", t.label, None, f"the {t.label} index page")
        for t in ENTRY_TYPES.values()
    },
    f"{COUNTRIES_FOLDER}/index.md": Section("country_index.md.j2", "Countries", None, "the Countries index page"),
    "status-matrix.md": Section(
        "status_matrix.md.j2",
        "Treaty status matrix",
        "Which states and organizations signed, ratified, acceded to or withdrew from which space instruments, "
        "and when.",
        "the treaty status matrix",
    ),
    "changes.md": Section(
        "changes.md.j2",
        "What changed",
        "Every signature, ratification, accession, succession and withdrawal since 2000, newest first.",
        "the changes page",
    ),
    "timeline.md": Section(
        "timeline.md.j2",
        "Timeline",
        "Space cooperation since 1957, by decade: instruments, programs, agencies and states' treaty actions.",
        "the timeline",
    ),
    "map.md": Section(
        "map.md.j2",
        "Cooperation map",
        "Who works with whom: which countries share programs, and which programs.",
        "the cooperation map",
    ),
    "tags.md": Section("tags.md.j2", "Tags", None, "the tags page"),
    "data.md": Section(
        "data.md.j2",
        "Data downloads",
        "The whole dataset as JSON and CSV, with the JSON Schema of each entry type.",
        "the data downloads page",
    ),
}
