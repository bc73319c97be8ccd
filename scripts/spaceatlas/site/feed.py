"""Atom feeds: added and changed entries (dated from git history), and changes in who has joined
what (dated from the treaty actions themselves)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..model.atlas import Atlas
from ..model.views import SiteViews
from ..read.history import FileDates, recently_changed
from .addresses import built_path

FEED_SIZE = 100


def _feed(title: str, name: str, base: str, updated: str | None, items: list[str]) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(title)}</title>",
        f"  <id>urn:x-space-cooperation-atlas:{name}</id>",
        "  <author><name>Space Cooperation Atlas</name></author>",
        f'  <link rel="alternate" href={quoteattr(base + "/" if base else "./")}/>',
    ]
    if updated:
        lines.append(f"  <updated>{updated}T00:00:00Z</updated>")
    return "\n".join(lines + items + ["</feed>"]) + "\n"


def _item(title: str, ident: str, href: str, published: str, updated: str, category: str, summary: str) -> str:
    return "\n".join(
        [
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f"    <id>urn:x-space-cooperation-atlas:{ident}</id>",
            f"    <link href={quoteattr(href)}/>",
            f"    <published>{published}T00:00:00Z</published>",
            f"    <updated>{updated}T00:00:00Z</updated>",
            f"    <category term={quoteattr(category)}/>",
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    )


def atom_feed(atlas: Atlas, dates: dict[str, FileDates], directory_urls: bool, base: str) -> str:
    """`base`: the site's address without a trailing slash; "" when not known (the links are then relative)."""
    entries = recently_changed(atlas.all_entries(), dates, FEED_SIZE)
    newest = max((dates[e.file].changed for e in entries), default=None)
    items = []
    for entry in entries:
        when = dates[entry.file]
        href = (base + "/" if base else "") + built_path(entry.page, directory_urls)
        status = "Added" if when.added == when.changed else "Changed"
        items.append(
            _item(
                entry.heading,
                f"{entry.type.folder}:{entry.slug}",
                href,
                when.added.isoformat(),
                when.changed.isoformat(),
                entry.type.name,
                f"{status} {entry.type.name}: {entry.fields.summary}",
            )
        )
    title = "Space Cooperation Atlas: added and changed entries"
    return _feed(title, "feed", base, newest.isoformat() if newest else None, items)


def changes_feed(views: SiteViews, directory_urls: bool, base: str) -> str:
    """The newest changes in who has joined which instrument: signatures, ratifications, withdrawals."""
    changes = [change for change in views.changes if change.date.day][:FEED_SIZE]
    items = []
    for change in changes:
        href = (base + "/" if base else "") + built_path(change.instrument.page, directory_urls)
        day = change.date.iso()
        source = change.sources[0].fields.title if change.sources else ""
        ident = f"change:{change.instrument.slug}:{change.party.key}:{change.group.action}:{day}"
        items.append(
            _item(
                change.in_words(), ident, href, day, day, change.group.action, f"{change.in_words()}. Source: {source}"
            )
        )
    updated = changes[0].date.iso() if changes else None
    return _feed("Space Cooperation Atlas: changes in who has joined what", "changes", base, updated, items)
