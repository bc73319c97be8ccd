"""The site's pictures in a real browser, on the real content: world maps coloured from the data,
the status matrix, the atlas at any year, the cooperation grid and the country pages."""

from __future__ import annotations

import pytest

from conftest import REPO
from spaceatlas.model.views import SiteViews
from spaceatlas.read.partial_date import PartialDate
from spaceatlas.site.plan import load_atlas
from spaceatlas.tools.settings import project_settings

# (instrument, state): the colour class its map must show is read from the data, never typed here.
NAMED = [
    ("outer-space-treaty", "US"),
    ("outer-space-treaty", "IN"),
    ("rescue-agreement", "JP"),
    ("liability-convention", "KE"),
    ("moon-agreement", "SA"),
    ("moon-agreement", "IN"),
    ("moon-agreement", "US"),
    ("artemis-accords", "JP"),
    ("artemis-accords", "KE"),
    ("registration-convention", "DE"),
]


@pytest.fixture(scope="module")
def views():
    return SiteViews(load_atlas(project_settings(REPO))[0])


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    yield tab
    context.close()


def expected_status(views, slug: str, code: str) -> str:
    treaty = views.atlas.entries["treaty"][slug]
    record = views.record(views.atlas.countries[code], treaty) if code in views.atlas.countries else None
    return record.status if record else "none"


def shape(page, code: str):
    return page.locator(f'svg.atlas-world [href="../../countries/{code.lower()}/"]')


@pytest.mark.parametrize("slug, code", NAMED)
def test_a_named_state_has_the_colour_of_its_status(page, site_url, views, slug, code):
    page.goto(site_url + f"treaties/{slug}/")
    status = expected_status(views, slug, code)
    if status == "none":
        assert shape(page, code).count() == 0  # drawn as plain land: nothing recorded
    else:
        assert status in shape(page, code).get_attribute("class").split()
        label = shape(page, code).get_attribute("aria-label")
        assert label.startswith(views.atlas.countries[code].name) and shape(page, code).locator("title").count() == 1
    assert page.errors == []


def test_saudi_arabia_shows_as_withdrawn_from_the_moon_agreement(page, site_url, views):
    assert expected_status(views, "moon-agreement", "SA") == "withdrawn"
    page.goto(site_url + "treaties/moon-agreement/")
    assert "withdrawn" in shape(page, "SA").get_attribute("class")
    assert "effective 5 January 2024" in shape(page, "SA").get_attribute("aria-label")


@pytest.mark.parametrize("slug", ["outer-space-treaty", "moon-agreement", "artemis-accords"])
def test_legend_counts_are_the_derived_counts(page, site_url, views, slug):
    page.goto(site_url + f"treaties/{slug}/")
    counts = views.status(views.atlas.entries["treaty"][slug]).counts
    assert page.locator('[data-count="party"]').inner_text() == str(counts["parties"])


def test_a_map_shape_opens_the_country_page(page, site_url):
    page.goto(site_url + "treaties/artemis-accords/")
    shape(page, "BR").click()  # a large country: the middle of its box is its own land
    page.wait_for_url("**/countries/br/")


def test_a_link_with_a_year_opens_the_map_at_that_year(page, site_url, views):
    page.goto(site_url + "treaties/moon-agreement/#year=1984")
    assert page.locator(".atlas-year output").inner_text().startswith("31 December 1984:")
    treaty = views.atlas.entries["treaty"]["moon-agreement"]
    parties_1984 = sum(1 for r in views.status(treaty).states if r.status_on(PartialDate(1984, 12, 31)) == "party")
    assert page.locator('[data-count="party"]').inner_text() == str(parties_1984)
    assert "none" in shape(page, "SA").get_attribute("class").split()  # acceded only in 2012


def test_the_year_control_works_from_the_keyboard_and_keeps_the_address(page, site_url):
    page.goto(site_url + "treaties/moon-agreement/")
    slider = page.locator(".atlas-year input[type=range]")
    slider.focus()
    page.keyboard.press("End")
    today = page.locator(".atlas-year output").inner_text()
    assert today.startswith("today")
    assert "withdrawn" in shape(page, "SA").get_attribute("class")
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    assert page.locator(".atlas-year output").get_attribute("aria-live") == "polite"
    text = page.locator(".atlas-year output").inner_text()
    assert text.startswith("31 December ")
    year = text.split()[2].rstrip(":")
    assert page.evaluate("() => location.hash") == f"#year={year}"
    assert "party" in shape(page, "SA").get_attribute("class").split()  # in 2021-2023 it was a party


def test_without_javascript_the_map_and_matrix_show_today(browser, site_url, views):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "treaties/moon-agreement/#year=1984")
    assert "withdrawn" in shape(tab, "SA").get_attribute("class")
    tab.goto(site_url + "status-matrix/")
    columns, states, organisations = views.matrix
    assert tab.locator(".atlas-matrix tbody tr th[scope=row]").count() == len(states) + len(organisations)
    context.close()


def test_matrix_cells_totals_filter_and_sticky_header(page, site_url, views):
    page.goto(site_url + "status-matrix/")
    columns, states, _ = views.matrix
    totals = page.locator(".atlas-matrix thead .atlas-total").all_inner_texts()
    assert totals == [str(views.status(t).counts["parties"]) for t in columns]
    moon = [i for i, t in enumerate(columns) if t.slug == "moon-agreement"][0]
    row = page.locator(".atlas-matrix tbody tr", has=page.locator("th a", has_text="Saudi Arabia"))
    cell = row.locator("td").nth(moon)
    assert cell.inner_text() == "W"
    assert "Withdrawal" in cell.locator("span").get_attribute("aria-label")
    page.locator("#atlas-matrix-filter").fill("ken")
    visible = page.locator(".atlas-matrix tbody tr:not([hidden]) th[scope=row]").all_inner_texts()
    assert visible and all("ken" in name.lower() for name in visible)
    page.locator("#atlas-matrix-filter").fill("")
    box = page.locator(".atlas-matrix")
    box.evaluate("el => el.scrollTop = 600")
    header = page.locator(".atlas-matrix thead th").first.bounding_box()
    assert abs(header["y"] - box.bounding_box()["y"]) < 3  # the header stays in view


def test_matrix_sorts_by_an_instrument(page, site_url):
    page.goto(site_url + "status-matrix/")
    page.locator(".atlas-matrix thead th:nth-child(2) button").click()
    first = page.locator(".atlas-matrix tbody tr").first.locator("td").first.inner_text()
    assert first in ("R", "A", "D")


def test_matrix_prints_on_a4_landscape(page, site_url):
    page.goto(site_url + "status-matrix/")
    page.emulate_media(media="print")
    assert page.locator(".atlas-matrix").evaluate("el => getComputedStyle(el).page") == "matrix"


def test_grid_labels_are_readable_and_never_overlap(page, site_url):
    page.goto(site_url + "map/")
    labels = page.locator(".atlas-grid text")
    assert labels.count() > 10
    sizes = labels.evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 11
    boxes = labels.evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    overlaps = [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
    ]
    assert overlaps == []
    untitled = page.locator(".atlas-grid rect:not(.frame)").evaluate_all(
        "els => els.filter(e => !e.querySelector('title')).length"
    )
    assert untitled == 0


def test_country_page_has_its_locator_status_line_and_partners(page, site_url, views):
    page.goto(site_url + "countries/jp/")
    assert page.locator(".atlas-locator svg .highlight").count() == 1
    line = page.locator(".atlas-status-line").inner_text()
    for treaty in views.compared:
        assert treaty.name in line  # in full, not an acronym explained only on hover
    assert "?" not in line
    story = page.locator("article p").filter(has_text="UN treaties on outer space").first.inner_text()
    assert story.startswith("Japan ratified the Outer Space Treaty in 1967") and "Artemis Accords" in story
    assert page.locator("svg.atlas-bars a").count() > 0


def test_country_index_shades_states_by_un_treaties_and_sorts(page, site_url):
    page.goto(site_url + "countries/")
    assert page.locator("svg.atlas-world [class*=treaties-]").count() > 50
    page.locator(".atlas-sortable th:nth-child(2) button").click()
    page.locator(".atlas-sortable th:nth-child(2) button").click()
    counts = [int(c) for c in page.locator(".atlas-sortable tbody tr td:nth-child(2)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)


def test_pictures_show_in_the_dark_palette(browser, site_url):
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(site_url + "treaties/artemis-accords/")
    fill = shape(tab, "JP").locator("path, circle").first.evaluate("e => getComputedStyle(e).fill")
    background = tab.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert fill != background and fill not in ("none", "")
    context.close()
