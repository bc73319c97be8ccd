"""An Atom feed of added and changed entries, dated from git history."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ..model.atlas import Atlas
from ..read.history import FileDates, recently_changed
from .addresses import built_path

FEED_SIZE = 100


def atom_feed(atlas: Atlas, dates: dict[str, FileDates], directory_urls: bool, site_url: str | None) -> str:
    base = (site_url or "").rstrip("/")
    entries = recently_changed(atlas.all_entries(), dates, FEED_SIZE)
    newest = max((dates[e.file].changed for e in entries), default=None)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "  <title>Space Cooperation Atlas: added and changed entries</title>",
        "  <id>urn:x-space-cooperation-atlas:feed</id>",
        "  <author><name>Space Cooperation Atlas</name></author>",
        f'  <link rel="alternate" href={quoteattr(base + "/" if base else "./")}/>',
    ]
    if newest:
        lines.append(f"  <updated>{newest.isoformat()}T00:00:00Z</updated>")
    for entry in entries:
        when = dates[entry.file]
        href = (base + "/" if base else "") + built_path(entry.page, directory_urls)
        status = "Added" if when.added == when.changed else "Changed"
        lines += [
            "  <entry>",
            f"    <title>{escape(entry.heading)}</title>",
            f"    <id>urn:x-space-cooperation-atlas:{entry.type.folder}:{entry.slug}</id>",
            f"    <link href={quoteattr(href)}/>",
            f"    <published>{when.added.isoformat()}T00:00:00Z</published>",
            f"    <updated>{when.changed.isoformat()}T00:00:00Z</updated>",
            f"    <category term={quoteattr(entry.type.name)}/>",
            f"    <summary>{escape(status + ' ' + entry.type.name + ': ' + entry.fields.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
