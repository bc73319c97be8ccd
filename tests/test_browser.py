"""The real site in a real browser (Debian's chromium): rendering, search, keyboard,
sorting, filtering, accessibility, and no request to any other host."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO, a_former_source_slug

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PAGES = {
    "home": "",
    "treaty": "treaties/outer-space-treaty/",
    "program": "programs/international-space-station/",
    "agency": "agencies/esa/",
    "concept": "concepts/non-appropriation/",
    "theme": "concepts/why-nations-cooperate/",
    "source": "sources/johnson-2011-iac-cooperation/",
    "country": "countries/jp/",
    "treaty index": "treaties/",
    "program index": "programs/",
    "agency index": "agencies/",
    "country index": "countries/",
    "concept index": "concepts/",
    "source index": "sources/",
    "matrix": "status-matrix/",
    "timeline": "timeline/",
    "map": "map/",
    "tags": "tags/",
    "data": "data/",
}
SEARCHES = {
    # countries by name, treaties by the UN's acronyms, agencies and bodies by theirs
    "Kenya": "countries/ke/",
    "Luxembourg": "countries/lu/",
    "Indonesia": "countries/id/",
    "OST": "treaties/outer-space-treaty/",
    "ARRA": "treaties/rescue-agreement/",
    "LIAB": "treaties/liability-convention/",
    "REG": "treaties/registration-convention/",
    "MOON": "treaties/moon-agreement/",
    "ESA": "agencies/esa/",
    "JAXA": "agencies/jaxa/",
    "KASA": "agencies/kasa/",
    "ISS": "programs/international-space-station/",
    "IADC": "agencies/iadc/",
    "COSPAR": "agencies/cospar/",
    "Roscosmos": "agencies/roscosmos/",
    "EUMETSAT": "agencies/eumetsat/",
    "CSpO": "programs/combined-space-operations/",
    "Artemis program": "programs/artemis/",
}


@pytest.fixture
def page(browser, site_url):
    """A page that records console errors and every request leaving 127.0.0.1."""
    context = browser.new_context()
    tab = context.new_page()
    tab.console_errors, tab.outside_requests = [], []
    tab.on("console", lambda m: m.type == "error" and tab.console_errors.append(m.text))
    tab.on("pageerror", lambda e: tab.console_errors.append(str(e)))

    def record(request):
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host != "127.0.0.1":
            tab.outside_requests.append(request.url)

    tab.on("request", record)
    yield tab
    context.close()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_renders_without_errors_or_outside_requests(page, site_url, name):
    page.goto(site_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    assert page.console_errors == []
    assert page.outside_requests == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_has_no_serious_accessibility_violations(page, site_url, name):
    page.goto(site_url + PAGES[name])
    page.add_script_tag(content=AXE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['html'][:120]})"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def search(page, query: str):
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.focus()
    page.keyboard.insert_text(query)  # Material searches on key release: insert, then press one key
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    return page.locator(".md-search-result__item a").first.get_attribute("href")


@pytest.mark.parametrize("query", sorted(SEARCHES))
def test_search_puts_the_right_page_first(page, site_url, query):
    page.goto(site_url)
    href = search(page, query).split("?")[0].split("#")[0]
    assert href.rstrip("/").endswith(SEARCHES[query].rstrip("/")), href
    assert page.outside_requests == []


def test_keyboard_reaches_search_and_main_content(page, site_url):
    page.goto(site_url + PAGES["treaty"])
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "() => { const e = document.activeElement; "
                "return (e.className || '') + ' ' + (e.getAttribute('href') || '') }"
            )
        )
    assert any("md-skip" in r and "#" in r for r in reached), reached[:5]
    assert any("md-search__input" in r for r in reached), reached
    page.goto(site_url + PAGES["treaty"])
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link moves focus into the content
    assert page.evaluate("() => location.hash") != ""


def test_index_table_sorts_by_a_column(page, site_url):
    page.goto(site_url + "programs/")

    def first_cells():
        return page.locator(".atlas-sortable tbody tr td:nth-child(3)").all_inner_texts()

    page.locator(".atlas-sortable th:nth-child(3) button").click()
    ascending = first_cells()
    page.locator(".atlas-sortable th:nth-child(3) button").click()
    descending = first_cells()
    assert ascending != descending
    assert page.locator(".atlas-sortable th:nth-child(3)").get_attribute("aria-sort") == "descending"
    dates = page.eval_on_selector_all(
        ".atlas-sortable tbody tr td:nth-child(3) time", "els => els.map(e => e.getAttribute('datetime'))"
    )
    assert dates == sorted(dates, reverse=True)


def test_timeline_opens_on_milestones_with_state_actions_behind_a_filter(page, site_url):
    page.goto(site_url + "timeline/")
    folded = page.locator("details.atlas-actions")
    assert folded.count() > 0 and page.locator("details.atlas-actions[open]").count() == 0
    assert page.locator("h2#decade-1960").is_visible()
    toggle = page.get_by_label(re.compile(r"Show all \d+ per-state actions"))
    toggle.check()
    assert page.locator("details.atlas-actions[open]").count() == folded.count()
    total = int(page.locator(".atlas-timeline").get_attribute("data-actions"))
    assert page.locator(".atlas-filter__count").inner_text() == f"{total} of {total} per-state actions shown"
    page.locator(".atlas-filter select").select_option(label="Outer Space Treaty")
    shown = page.locator("details.atlas-actions[open] tbody tr:not([hidden])")
    assert 0 < shown.count() <= total
    # text_content, not inner_text: a decade off screen is not laid out yet (content-visibility), and
    # inner_text reads the layout
    assert {text.strip() for text in shown.locator("td:nth-child(4)").all_text_contents()} == {"Outer Space Treaty"}


@pytest.mark.parametrize("width", [390, 1280])
def test_a_decade_link_lands_on_its_decade_though_sections_are_laid_out_late(browser, site_url, width):
    """Decades off screen are laid out only near the viewport (content-visibility): a jump to one must
    still end with its heading at the top, from the address and from the bar of decades."""
    tab = browser.new_page(viewport={"width": width, "height": 844})
    top = "id => document.getElementById(id).getBoundingClientRect().top"
    tab.goto(site_url + "timeline/#decade-1990")
    tab.wait_for_timeout(500)
    assert 0 <= tab.evaluate(top, "decade-1990") < 200
    tab.locator(".atlas-jumpbar a", has_text="2010s").click()
    tab.wait_for_timeout(500)
    assert 0 <= tab.evaluate(top, "decade-2010") < 200
    tab.close()


def test_cooperation_grid_labels_link_to_country_pages(page, site_url):
    page.goto(site_url + "map/")
    label = page.locator(".atlas-grid a.label").first
    href = label.get_attribute("href")
    assert href.startswith("../countries/")
    label.click()
    page.wait_for_url("**/countries/**")


def test_offline_zip_works_from_the_file_system(browser, tmp_path):
    archive = tmp_path / "atlas.zip"
    # A separate process, as a user runs it.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    result = subprocess.run(
        [sys.executable, "-m", "spaceatlas", "--root", str(REPO), "offline", str(archive)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(tmp_path / "unzipped")
    home = (tmp_path / "unzipped" / "space-cooperation-atlas" / "index.html").as_uri()
    context = browser.new_context()
    tab = context.new_page()
    outside, errors = [], []
    tab.on("request", lambda r: not r.url.startswith(("file:", "data:", "blob:")) and outside.append(r.url))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(home)
    tab.locator("a[href='treaties/index.html']").first.click()
    assert tab.url.endswith("treaties/index.html")
    tab.goto(home)
    href = search(tab, "Roscosmos")
    assert "agencies/roscosmos.html" in href
    assert outside == [] and errors == []
    context.close()


def test_a_former_address_redirects_with_its_fragment(page, site_url):
    old, new = a_former_source_slug()
    page.goto(f"{site_url}sources/{old}/#cited-by")
    page.wait_for_url(f"{site_url}sources/{new}/#cited-by")
    assert page.url == f"{site_url}sources/{new}/#cited-by"


def test_entry_page_prints_as_a_clean_handout(page, site_url):
    page.goto(site_url + PAGES["program"])
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("article h1").is_visible()
    after = page.evaluate("""() => getComputedStyle(
        document.querySelector("article a[href^='https://']"), "::after").content""")
    assert after.startswith('" <"') or "attr(href)" in after or "https://" in after
