"""The site's pictures, drawn from the model for one page: world maps of who is party to what,
a country's locator, parties over time, the cooperation grid and a country's partners.
Links inside an SVG are not rewritten by MkDocs, so each is made relative to the page here."""

from __future__ import annotations

from markupsafe import Markup

from ..model.countries import Country
from ..model.entry import Entry
from ..model.views import SharedPrograms, SiteViews
from .addresses import built_url
from .charts import cooperation_grid, parties_over_time, partner_bars
from .world_map import Mark, world_map

GRID_SIZE = 40  # countries in the cooperation grid: the most connected; the table lists them all


class SvgForPage:
    """The pictures of the page at `page` (its site path, e.g. 'treaties/outer-space-treaty.md')."""

    def __init__(self, views: SiteViews, page: str, directory_urls: bool):
        self.views = views
        self.page = page
        self.directory_urls = directory_urls

    def href(self, target: Entry | Country) -> str:
        """A relative address from this page to an entry's or a country's page."""
        return built_url(self.page, target.page, self.directory_urls)

    def instrument_map(self, treaty: Entry) -> Markup:
        status = self.views.status(treaty)
        marks = {}
        for record in status.states:
            if isinstance(record.party, Country) and not record.party.former:
                marks[record.party.code] = Mark(
                    record.status, record.in_words(status.words), self.href(record.party), record.years
                )
        counts, words = status.counts, status.words
        title = (
            f"World map of the {treaty.name}: {words.count(counts['parties'])}, "
            f"{counts['signatories']} signatories only, {counts['withdrawn']} withdrawn, as of {status.as_of.human()}"
        )
        return world_map(marks, title, element_id=f"map-{treaty.slug}")

    def treaty_count_map(self) -> Markup:
        """Each state shaded by how many of the UN treaties on outer space it has joined."""
        total = len(self.views.un_treaties)
        title = f"World map: how many of the {total} UN treaties on outer space each state has joined"
        return self.count_map(self.views.un_treaties, f"the {total} UN treaties", title, "map-countries")

    def overlap_map(self, instruments: list[Entry]) -> Markup:
        """Each state shaded by how many of a comparison's frameworks it belongs to."""
        total = len(instruments)
        title = f"World map: how many of the {total} frameworks compared each state belongs to"
        return self.count_map(instruments, f"the {total} frameworks", title, "map-overlaps")

    def count_map(self, instruments: list[Entry], what: str, title: str, element_id: str) -> Markup:
        """Each state shaded by how many of `instruments` it belongs to, with the years for the year control."""
        marks = {}
        for country in self.views.atlas.countries.values():
            if not country.former:
                joined = self.views.joined_names(country, instruments)
                spans = self.views.joined_spans(country, instruments)
                names = f" ({', '.join(t.short_label for t in joined)})" if joined and len(instruments) < 5 else ""
                marks[country.code] = Mark(
                    f"treaties-{len(joined)}",
                    f"{country.name}: {len(joined)} of {what}{names}",
                    self.href(country),
                    {"t": spans} if spans else None,
                )
        return world_map(marks, title, element_id=element_id)

    def locator(self, country: Country) -> Markup:
        if country.former:
            return Markup("")
        return world_map(
            {country.code: Mark("highlight", country.name)},
            f"Where {country.name} is on the world map",
            locator=True,
            element_id="locator",
        )

    def parties_chart(self, treaty: Entry) -> Markup:
        status = self.views.status(treaty)
        title = f"{treaty.name}: {status.words.over_time.lower()}"
        return parties_over_time(status.parties_by_year, title, f"chart-{treaty.slug}", status.words)

    def cooperation_grid(self) -> Markup:
        shown, pairs = self.views.cooperation_grid(GRID_SIZE)
        index = {c.key: i for i, c in enumerate(shown)}
        cells = {(index[a], index[b]): (row.count, row.in_words()) for (a, b), row in pairs.items()}
        names = [(c.name, self.href(c)) for c in shown]
        return cooperation_grid(
            names, cells, "Countries that share programs: the darker the cell, the more programs", "grid"
        )

    def partners(self, country: Country, rows: list[SharedPrograms], limit: int = 12) -> Markup:
        bars = [
            (
                row.country.name,
                self.href(row.country),
                row.count,
                f"{row.country.name}: {row.count} shared program{'s' if row.count != 1 else ''} — {row.in_words()}",
            )
            for row in rows[:limit]
        ]
        return partner_bars(bars, f"Countries {country.name} shares the most programs with", "partners")
