"""Golden files: one rendered page per type from the fixture content.

A change in rendering shows up as a readable diff of Markdown. After an
intended change, refresh them with: UPDATE_GOLDEN=1 pytest tests/test_rendered_pages.py
"""

import os
from pathlib import Path

import pytest

from spaceatlas.read.content_files import Project
from spaceatlas.site.plan import build_site


def build_pages(root):
    return build_site(Project(root)).files


GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "treaties/outer-space-treaty.md",
    "programs/international-space-station.md",
    "agencies/nasa.md",
    "agencies/esa.md",
    "concepts/non-appropriation.md",
    "sources/example-source.md",
    "countries/no.md",
    "treaties/index.md",
    "programs/index.md",
    "index.md",
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    from conftest import make_project

    root = make_project(tmp_path_factory.mktemp("golden") / "project")
    return build_pages(root)


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden_file(pages, page):
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8")


def test_every_entry_and_referenced_country_has_a_page(pages):
    expected = {
        "treaties/outer-space-treaty.md",
        "treaties/rescue-agreement.md",
        "programs/international-space-station.md",
        "agencies/nasa.md",
        "agencies/esa.md",
        "concepts/non-appropriation.md",
        "sources/example-source.md",
        "countries/us.md",
        "countries/no.md",
        "countries/gb.md",
        "countries/suhh.md",
        "countries/fr.md",
        "countries/de.md",
    }
    assert expected <= set(pages)
    assert not {p for p in pages if p.startswith("countries/") and p != "countries/index.md"} - expected


def test_generation_is_deterministic(pages, tmp_path):
    from conftest import make_project

    again = build_pages(make_project(tmp_path / "again"))
    assert again == pages
