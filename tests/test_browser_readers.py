"""What a reader and a teacher see in Chromium: the front page, what changed, the matrix on a phone,
printing, citations, and the words each kind of instrument takes."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from conftest import REPO
from spaceatlas.model.views import SiteViews
from spaceatlas.site.plan import plan_site
from spaceatlas.site.world_map import HEIGHT, WIDTH
from spaceatlas.tools.settings import project_settings


@pytest.fixture(scope="module")
def views():
    return SiteViews(plan_site(project_settings(REPO)).atlas)


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_front_page_answers_at_a_glance(page, site_url, views):
    page.goto(site_url)
    shaded = ".atlas-worldmap[data-counting] svg [class*=treaties-]"
    assert page.locator(shaded).count() > 100
    figures = page.locator(".atlas-figures li").all_inner_texts()
    assert 4 <= len(figures) <= 6 and all(" as of " in figure for figure in figures)
    latest = page.locator("h2#latest-changes + ul li").all_inner_texts()
    assert len(latest) == 5
    newest = views.changes[0]
    assert newest.party.name in latest[0] and newest.instrument.name in latest[0]
    # The year control: at the end of 1967 few states had joined any UN treaty.
    today = page.locator(f"{shaded}:not(.treaties-0)").count()
    page.locator(".atlas-year input").fill("1967")
    page.locator(".atlas-year input").dispatch_event("input")
    assert page.locator(f"{shaded}:not(.treaties-0)").count() < today / 2


def test_changes_are_newest_first_and_keep_a_since_date(browser, site_url, views):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(site_url + "changes/")
    dates = tab.locator(".atlas-changes tbody tr time").evaluate_all("els => els.map(e => e.dateTime)")
    assert len(dates) == len(views.recent_changes) and dates == sorted(dates, reverse=True)
    tab.goto(site_url + "changes/#since=2025-01-01")
    tab.reload()
    shown = tab.locator(".atlas-changes tbody tr:not([hidden]) time").evaluate_all("els => els.map(e => e.dateTime)")
    assert shown and all(date >= "2025-01-01" for date in shown) and len(shown) < len(dates)
    # A section left with no change since that day is hidden, heading and all.
    sections = tab.locator(".atlas-changes section")
    assert sections.count() == len(views.recent_changes_sections) == 2
    assert sections.nth(0).is_visible() and not sections.nth(1).is_visible()
    context.close()
    without_script = browser.new_context(java_script_enabled=False).new_page()
    without_script.goto(site_url + "changes/#since=2025-01-01")
    assert without_script.locator(".atlas-changes tbody tr").count() == len(views.recent_changes)
    without_script.context.close()


def test_the_changes_feed_is_atom_newest_first(real_site):
    import xml.etree.ElementTree as ET

    feed = ET.parse(real_site / "changes.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    updated = [e.findtext("a:updated", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert len(updated) > 20 and updated == sorted(updated, reverse=True)


def test_matrix_reads_on_a_phone_without_sideways_scrolling(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(site_url + "status-matrix/")
    row = tab.locator(".atlas-matrix tbody tr", has_text="Japan").first
    box = row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    # Each cell is labelled with its instrument (the header row is hidden on a phone).
    before = row.locator("td.party").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert "OST" in before
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_printed_pages_give_addresses_only_for_other_sites(page, site_url):
    page.goto(site_url + "treaties/outer-space-treaty/")
    page.emulate_media(media="print")
    after = "(sel) => getComputedStyle(document.querySelector(sel), '::after').content"
    assert page.evaluate(after, "article a[href^='../../countries/']") == "none"
    assert "http" in page.evaluate(after, "article a[href^='http']")
    assert not page.locator(".atlas-suggest").is_visible()


@pytest.mark.parametrize("script", [True, False])
def test_citations_carry_an_access_date_and_the_address(browser, site_url, script):
    context = browser.new_context(java_script_enabled=script)
    tab = context.new_page()
    tab.goto(site_url + "agencies/esa/")
    cite = tab.locator(".atlas-cite").inner_text()
    today = dt.date.today()
    if script:
        assert f"Retrieved {today.day} {today.strftime('%B')} {today.year}" in cite
        assert f"urldate      = {{{today.isoformat()}}}" in cite
        assert f"from {site_url}agencies/esa/" in cite
    else:
        assert re.search(r"Retrieved \d{1,2} \w+ \d{4}, from agencies/esa/", cite)
        assert re.search(r"urldate\s+= \{\d{4}-\d{2}-\d{2}\}", cite)
    context.close()


NON_BINDING = ["artemis-accords", "da-asat-test-commitment", "ilrs-cooperation", "iss-memoranda-of-understanding"]


@pytest.mark.parametrize("slug", NON_BINDING)
def test_a_non_binding_instrument_never_calls_its_members_parties(real_site, slug):
    text = (real_site / "treaties" / slug / "index.html").read_text(encoding="utf-8")
    labels = []
    labels += re.findall(r"<tr>\s*<td>(.*?)</td>", text, re.S)  # the glance table's first column and party rows
    labels += re.findall(r'<li><span class="atlas-swatch[^"]*"></span>(.*?)</li>', text, re.S)  # the legend
    labels += re.findall(r"<figcaption>(.*?)</figcaption>", text, re.S)
    labels += re.findall(r"<h[23][^>]*>(.*?)</h[23]>", text, re.S)
    labels += re.findall(r"<title[^>]*>(.*?)</title>", text, re.S)  # map and chart titles
    labeled = [html.unescape(re.sub(r"<[^>]+>", "", label)) for label in labels]
    assert not [label for label in labeled if re.search(r"\bpart(y|ies)\b", label, re.I)]
    assert re.search(r"not legally binding|not a treaty", text)


def test_matrix_totals_use_each_instruments_words(real_site):
    text = (real_site / "status-matrix" / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'class="atlas-total" data-total="\d+" title="([^"]+)"', text)
    assert "states parties" in titles and "states that have signed" in titles


EDITOR_TALK = re.compile(
    r"content/\w+/[\w-]+\.yaml|seeds/[\w-]+\.yaml|stored copy|contributors' guide|not placed|copy we read"
    r"|(?:was|were)\s+not\s+(?:seen|shown)|carries\s+no\s+date|title\s+(?:here\s+)?is\s+(?:descriptive|ours)"
)


# A Markdown link left as text: written into an HTML block that Markdown does not read.
RAW_MARKDOWN = re.compile(r"\]\((?:/|\.\./|https?:)[^)\s]*\)")


def test_reader_pages_carry_no_maintainer_talk_and_no_raw_markdown(real_site):
    found = []
    for path in real_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        visible = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S))
        for pattern in (EDITOR_TALK, RAW_MARKDOWN):
            for match in pattern.finditer(html.unescape(visible)):
                found.append(f"{path.relative_to(real_site)}: {match.group()}")
    assert found == []


def test_the_comparison_groups_states_as_the_lists_do(real_site, views):
    comparison = views.comparisons[0]
    instruments = comparison.resolved.compares
    for overlap in views.overlaps(instruments):
        for country in overlap.countries:
            for treaty in instruments:
                record = views.record(country, treaty)
                joined = record is not None and record.status == "party"
                assert joined == (treaty in overlap.instruments), (country.code, treaty.slug)
    text = (real_site / comparison.key / "index.html").read_text(encoding="utf-8")
    assert "Who belongs to which" in text and "Saudi Arabia" in text


def test_the_search_index_stays_small(real_site):
    import gzip

    index = (real_site / "search" / "search_index.json").read_bytes()
    assert len(gzip.compress(index, 9)) <= 250 * 1024


def test_every_map_and_chart_is_a_figure_a_teacher_can_take(real_site, views, page, site_url):
    import xml.etree.ElementTree as ET

    for treaty in views.instruments:
        svg = real_site / "figures" / f"{treaty.slug}-map.svg"
        text = svg.read_text(encoding="utf-8")
        ET.fromstring(text)  # a standalone, well-formed SVG
        assert treaty.name in text and "As of " in text and "Licence: CC BY 4.0" in text
        png = real_site / "figures" / f"{treaty.slug}-map.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"  # every instrument of the real site has one
    page.goto(site_url + "treaties/outer-space-treaty/")
    use = page.locator("details.atlas-use-figure").first
    use.locator("summary").click()
    for name in ("SVG", "PNG"):
        href = use.get_by_role("link", name=name).get_attribute("href")
        assert page.request.get(page.url + href).ok
    assert "Cite this figure" in use.inner_text() and "<img src=" in use.inner_text()


def test_the_matrix_is_published_as_data_as_shown(real_site, views):
    import csv
    import io

    columns, states, organisations = views.matrix
    rows = list(csv.DictReader(io.StringIO((real_site / "api/v1/status-matrix.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(states) + len(organisations)
    japan = next(row for row in rows if row["code"] == "JP")
    assert japan["OST"] == "R"
    assert "CC BY 4.0" in (real_site / "data" / "index.html").read_text(encoding="utf-8")


def test_the_comparison_maps_how_many_frameworks_each_state_belongs_to(page, site_url, views):
    comparison = views.comparisons[0]
    page.goto(site_url + comparison.key + "/")
    japan = page.locator("#map-overlaps [aria-label^='Japan:']")
    joined = views.joined_names(views.atlas.countries["JP"], comparison.resolved.compares)
    assert japan.get_attribute("class") == f"treaties-{len(joined)}"
    page.locator(".atlas-year input").fill("1968")
    page.locator(".atlas-year input").dispatch_event("input")
    assert japan.get_attribute("class") == "treaties-1"  # in 1968 Japan had joined the Outer Space Treaty only


@pytest.mark.parametrize("code, width", [("lu", 1280), ("lu", 390), ("ke", 390), ("ru", 1280)])
def test_a_country_locator_shows_even_a_small_state_in_its_region(browser, site_url, code, width):
    """The locator zooms to the state's region (the whole world for the largest), and a state too
    small to see at that scale is a dot: the highlight is always several pixels across, on the page."""
    tab = browser.new_page(viewport={"width": width, "height": 844})
    tab.goto(site_url + f"countries/{code}/")
    locator = tab.locator("svg#locator")
    shown = locator.bounding_box()
    highlight = locator.locator(".highlight").bounding_box()
    assert highlight["width"] >= 6 and highlight["height"] >= 6
    assert shown["x"] <= highlight["x"] and highlight["x"] + highlight["width"] <= shown["x"] + shown["width"] + 1
    whole_world = locator.get_attribute("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    assert whole_world == (code == "ru")
    tab.close()
