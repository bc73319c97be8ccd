"""Render again only the pages a saved edit can change: what keeps `mkdocs serve` under a second.

Every page's rendering records what it read (read/field_reads.py): fields of
entries' files, when files changed, which entries name an entry. The next build
of the same process compares the content with this one's, key by key, and a page
that read nothing that changed keeps its text. Anything every page may show
(the templates, the site's options, the set of pages, the date) renders every
page again. The test in tests/test_incremental.py edits each field of each kind
of entry and compares the result with a full build.

Only the preview keeps a `Rendered` between builds; `mkdocs build` renders everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model.atlas import Atlas
from ..read import field_reads
from ..read.history import FileDates
from ..read.loader import LoadedFile


@dataclass(frozen=True)
class Rendered:
    """What one build rendered, for the next build of the preview to compare against."""

    layout: tuple  # what every page may show: if any of it differs, every page is rendered again
    loaded: dict[str, LoadedFile]  # file -> its entry as loaded, reused while the file's text is unchanged
    updated: dict[str, FileDates]  # file -> when it was added and last changed
    targets: dict[str, frozenset[str]]  # entry key -> keys of what its references name
    texts: dict[str, str]  # page -> its Markdown
    reads: dict[str, frozenset]  # page -> what rendering it read


class Preview:
    """Kept by `mkdocs serve` from one build to the next: what the last build read and rendered."""

    rendered: Rendered | None = None

    @property
    def loaded(self) -> dict[str, LoadedFile] | None:
        return self.rendered.loaded if self.rendered else None


def render_pages(
    pages: list[tuple[str, object]], renderer, preview: Preview | None, templates: Path, dates: Mapping[str, FileDates]
) -> dict[str, str]:
    """Each page's Markdown. For the preview, a page that read nothing changed since its last build keeps its text."""
    if preview is None:
        return {page: renderer.render(page, entry) for page, entry in pages}
    atlas = renderer.atlas
    layout = (
        tuple((p.relative_to(templates).as_posix(), p.read_bytes()) for p in sorted(templates.rglob("*.j2"))),
        renderer.site,
        tuple(page for page, _ in pages),
        dt.date.today(),
    )
    previous = preview.rendered
    changed = _changed_since(previous, layout, atlas, dates) if previous else None
    texts, reads = {}, {}
    for page, entry in pages:
        if changed is not None and not previous.reads[page] & changed:
            texts[page], reads[page] = previous.texts[page], previous.reads[page]
            continue
        with field_reads.recording() as keys:
            texts[page] = renderer.render(page, entry)
        reads[page] = frozenset(keys)
    entries = atlas.all_entries()
    preview.rendered = Rendered(
        layout,
        {e.file: e.loaded for e in entries},
        {e.file: dates[e.file] for e in entries},
        {e.key: _targets(atlas, e.key) for e in entries},
        texts,
        reads,
    )
    return texts


def _changed_since(previous: Rendered, layout: tuple, atlas: Atlas, dates: Mapping[str, FileDates]) -> set | None:
    """The read keys whose values differ from the previous build's; None when every page must be rendered."""
    if previous.layout != layout:
        return None
    changed: set = set()
    for entry in atlas.all_entries():
        before = previous.loaded.get(entry.file)
        if before is None:  # not loaded last time (its file did not load): the set of pages says so too
            return None
        old = before.fields
        if previous.updated[entry.file] != dates[entry.file]:
            changed.add((entry.file, "updated"))
        if old == entry.fields:
            continue
        fields = type(old).model_fields
        changed |= {(entry.file, name) for name in fields if getattr(old, name) != getattr(entry.fields, name)}
        changed.add(("links from", entry.key))
        targets = previous.targets[entry.key] | _targets(atlas, entry.key)
        changed |= {("links to", key) for key in targets}
    return changed


def _targets(atlas: Atlas, key: str) -> frozenset[str]:
    return frozenset(link.target.key for link in atlas.links_from(key))


class RecordedDates(Mapping):
    """file -> when it last changed; a look-up is recorded as a read of the file's `updated`."""

    def __init__(self, dates: Mapping):
        self._dates = dates

    def __getitem__(self, file: str):
        field_reads.read((file, "updated"))
        return self._dates[file]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dates)

    def __len__(self) -> int:
        return len(self._dates)
