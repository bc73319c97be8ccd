"""The preview renders again only the pages an edit can change, and its site is the one a full build makes.

Each test edits the real content the way a maintainer would (a field of an entry of
each kind: a name, a summary, a date, a list of parties or partners, a reference),
builds from what the previous build rendered, and compares every file with a full
build of the same content. A page that read something without the read being
recorded would keep its old text here and differ.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import FIXED_MTIME, REPO, make_project
from spaceatlas.read.content_files import Project
from spaceatlas.read.errors import ContentErrors
from spaceatlas.read.strict_yaml import parse_yaml
from spaceatlas.site.incremental import Preview, Rendered
from spaceatlas.site.plan import build_site

# One entry of each kind, each with many of its type's fields filled in.
EDITED = [
    "content/treaties/outer-space-treaty.yaml",
    "content/treaties/artemis-accords.yaml",
    "content/programs/international-space-station.yaml",
    "content/agencies/esa.yaml",
    "content/concepts/non-appropriation.yaml",
    "seeds/un-1979-moon-agreement-text.yaml",
]


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("incremental") / "project", content_from=REPO)
    project = Project(root)
    return root, project, build_site(project)


def _preview(project: Project) -> Preview:
    """A preview that has built the content once."""
    preview = Preview()
    build_site(project, preview=preview)
    return preview


def _rendered_again(before: Rendered, preview: Preview) -> list[str]:
    return [page for page, reads in preview.rendered.reads.items() if reads is not before.reads[page]]


def _edits(data: dict):
    """(field, edited document) for each top-level field: a changed text, an earlier date, a shorter list."""
    for name, value in data.items():
        edited = _edited(value)
        if edited is not None:
            yield name, {**data, name: edited}


def _edited(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
            return str(int(value[:4]) - 1) + value[4:]
        return value + " (edited)"
    if isinstance(value, list) and len(value) > 1:
        return value[:-1]
    if isinstance(value, dict):
        for name, inner in value.items():
            edited = _edited(inner)
            if edited is not None:
                return {**value, name: edited}
    return None


def _write(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000), encoding="utf-8")


@pytest.mark.parametrize("file", EDITED)
def test_every_field_edit_matches_a_full_build(real, file):
    root, project, first = real
    path = root / file
    original = path.read_text(encoding="utf-8")
    data = parse_yaml(original).data
    preview, compared = _preview(project), 0
    try:
        for name, edited in _edits(data):
            _write(path, edited)
            try:
                full = build_site(project)
            except ContentErrors:  # an edit the schema refuses (a list below its minimum): nothing to compare
                continue
            site = build_site(project, preview=preview)
            differ = [p for p in full.files if site.files.get(p) != full.files[p]]
            assert not differ, f"editing {name} of {file}: these differ from a full build: {differ[:10]}"
            compared += 1
    finally:
        path.write_text(original, encoding="utf-8")
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    assert compared >= 4, f"only {compared} edits of {file} could be compared"
    assert build_site(project, preview=preview).files == first.files  # and back again


def _built_after(project: Project, preview: Preview, path: Path, edited: str):
    """The site built through the preview with `path` holding `edited`; the file is put back afterwards."""
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(edited, encoding="utf-8")
        return build_site(project, preview=preview)
    finally:
        path.write_text(original, encoding="utf-8")
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))


def test_a_summary_edit_renders_few_pages(real):
    root, project, _ = real
    preview = _preview(project)
    before = preview.rendered
    path = root / "content/agencies/esa.yaml"
    site = _built_after(
        project, preview, path, path.read_text(encoding="utf-8").replace("summary: ", "summary: Edited. ", 1)
    )
    rendered = _rendered_again(before, preview)
    assert "agencies/esa.md" in rendered
    assert "Edited." in site.files["agencies/esa.md"]
    assert len(rendered) < len(before.texts) / 5, len(rendered)


def test_a_template_edit_renders_every_page(real):
    root, project, _ = real
    preview = _preview(project)
    before = preview.rendered
    path = root / "templates/pages/agency.md.j2"
    _built_after(project, preview, path, path.read_text(encoding="utf-8") + "\n")
    assert len(_rendered_again(before, preview)) == len(before.texts)
