"""Data downloads, the JSON Schema, the Atom feed and redirects, on the built site."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import a_former_source_slug, make_project, mkdocs_build, schema_validator
from spaceatlas.site.data_export import csv_text
from spaceatlas.site.plan import build_site
from spaceatlas.tools.settings import project_settings

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    "folder, type_name",
    [
        ("treaties", "treaty"),
        ("programs", "program"),
        ("agencies", "agency"),
        ("concepts", "concept"),
        ("sources", "source"),
    ],
)
def test_every_record_validates_against_its_published_schema(real_site, folder, type_name):
    validator = schema_validator(json.loads((real_site / "api/v1/schema" / f"{type_name}.json").read_text()))
    records = list((real_site / "api/v1" / folder).glob("*.json"))
    assert records
    for path in records:
        validator.validate(json.loads(path.read_text()))


def test_json_matches_the_pages(real_site):
    everything = json.loads((real_site / "api/v1/entries.json").read_text())
    assert everything["version"] == 1
    for record in everything["entries"]:
        page = (real_site / record["url"] / "index.html").read_text(encoding="utf-8")
        assert record["fields"]["summary"].split()[0] in page
        assert f"{record['slug']}.json" in page or record["type"] == "source"


def test_csv_has_one_row_per_entry(real_site):
    everything = json.loads((real_site / "api/v1/entries.json").read_text())
    for folder, type_name in (("treaties", "treaty"), ("programs", "program"), ("agencies", "agency")):
        with open(real_site / "api/v1" / f"{folder}.csv", newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == sum(1 for r in everything["entries"] if r["type"] == type_name)
        assert {"slug", "url", "updated", "title", "sources"} <= set(rows[0])


def test_broken_schema_input_is_rejected(real_site):
    schema = json.loads((real_site / "api/v1/schema/program.json").read_text())
    record = json.loads((real_site / "api/v1/programs/international-space-station.json").read_text())
    record["fields"]["status"] = "flying"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)


def test_atom_feed_lists_entries_with_working_links(real_site):
    feed = ET.parse(real_site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert (real_site / href / "index.html").is_file(), href
        assert entry.find(f"{ATOM}updated").text.endswith("Z")


def test_entry_page_shows_citation_and_last_update(real_site):
    page = (real_site / "treaties/outer-space-treaty/index.html").read_text(encoding="utf-8")
    assert "Cite this page" in page and "@misc{spaceatlas-treaty-outer-space-treaty" in page
    assert "Last updated <time datetime=" in page


def test_former_slug_redirects_to_the_current_page(tmp_path):
    project = make_project(tmp_path / "project")
    path = project / "content/agencies/nasa.yaml"
    path.write_text(path.read_text() + "redirect_from: [nasa-old, national-aeronautics]\n")
    files = build_site(project_settings(project)).files  # what the plugin hands MkDocs
    for old in ("nasa-old", "national-aeronautics"):
        stub = files[f"agencies/{old}/index.html"]
        assert 'http-equiv="refresh"' in stub and "../nasa/" in stub
        # The meta refresh drops the address's #fragment; the script keeps it (tests/test_browser.py).
        assert '<script>location.replace("../nasa/" + location.hash)</script>' in stub


def test_the_built_site_has_a_stub_at_each_former_address(real_site):
    old, new = a_former_source_slug()
    stub = (real_site / "sources" / old / "index.html").read_text(encoding="utf-8")
    assert f'<script>location.replace("../{new}/" + location.hash)</script>' in stub
    assert f'http-equiv="refresh" content="0; url=../{new}/"' in stub


def test_renaming_a_published_page_without_redirect_fails(tmp_path, run_cli):
    project = make_project(tmp_path / "project")
    (project / "content/published-urls.txt").write_text("/agencies/nasa/\n/agencies/old-name/\n")
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "content/published-urls.txt:2:1: /agencies/old-name/: this address was published" in err
    assert "add 'redirect_from: [old-name]'" in err


def test_two_builds_are_byte_identical(tmp_path, fixture_site):
    # A second build of the same content, in another folder, gives the same bytes as the first.
    project = make_project(tmp_path / "project")
    assert mkdocs_build(project, tmp_path / "again").returncode == 0
    sites = [
        {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        for site in (fixture_site, tmp_path / "again")
    ]
    assert sites[0].keys() == sites[1].keys()
    assert [p for p in sites[0] if sites[0][p] != sites[1][p]] == []


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@given(st.lists(st.lists(st.text(), min_size=2, max_size=4), min_size=1, max_size=5))
def test_csv_cells_read_back_exactly_and_never_as_a_formula(rows):
    # Any text, quotes, commas and line breaks included, comes back from a standard CSV reader as
    # written; a cell a spreadsheet would run as a formula comes back with OWASP's leading apostrophe.
    read = list(csv.reader(io.StringIO(csv_text(rows), newline="")))
    expected = [["'" + cell if cell.startswith(FORMULA_START) else cell for cell in row] for row in rows]
    assert read == expected
    assert not [cell for row in read for cell in row if cell.startswith(FORMULA_START)]
