"""How the search ranks pages and which facets tag them: what a reader searching a word means first."""

from __future__ import annotations

import math

from ..model.atlas import Atlas
from ..model.entry import Entry
from .template_filters import label

COUNTRY_SEARCH_BOOST = 3.0


def search_boost(atlas: Atlas, entry: Entry) -> float:
    """Rank well-connected entries first: when several pages share a word (ISS, ESA), readers
    mean the one most tied into the rest of the atlas, counting links both ways (a body with
    many members, an instrument many entries cite). A source, or a comparison, should not outrank
    the entries it documents."""
    if entry.type.name == "source":
        return 0.5
    if getattr(entry.fields, "compares", None):  # a comparison names its instruments on every line
        return 1.0
    linked = {link.source.key for link in atlas.links_to(entry.key)}
    linked |= {link.target.key for link in atlas.links_from(entry.key) if link.ref.target != "source"}
    return round(1 + math.log2(1 + len(linked)) / 2, 2)


def entry_tags(entry: Entry) -> list[str]:
    """Facets for Material's tags: status, domain and era. (Not the kind: the search index weighs
    tags above everything, so a kind such as "Regulation" would outrank the Registration
    Convention for a search of its acronym, REG; the index pages list every entry's kind.)"""
    fields = entry.fields
    tags = [label(fields.status)] if getattr(fields, "status", None) else []
    tags += [label(domain) for domain in getattr(fields, "domains", [])]
    when = getattr(fields, "start", None) or getattr(fields, "founded", None)
    dates = getattr(fields, "dates", None)
    if dates is not None:
        when = dates.opened_for_signature or dates.signed or dates.adopted or dates.entered_into_force
    if when:
        tags.append(f"{when.year // 10 * 10}s")
    return tags
