"""Which fields of which files a page reads, so that the preview renders again only the pages an edit can change.

A read is a key: `(file, field)` for a field of an entry's file, or a tuple naming
something made from many files (`("links to", key)`: which entries name an entry).
While `recording()` is open, every read adds its key to each open set. A value
derived once and shared by many pages (`recorded_cached_property`) keeps the reads
that made it and hands them to every page that uses it: otherwise only the page
that happened to compute it would be known to depend on them.

Only the preview records (site/incremental.py decides what it renders again);
with no recording open, a read costs one test of an empty list.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

# The read sets being recorded: a page's, and a shared value's computed while it renders.
# Empty unless the preview renders: the models' attribute hooks test it before anything else.
recording_now: list[set] = []


def read(key: tuple) -> None:
    for keys in recording_now:
        keys.add(key)


def read_field(file: str | None, name: str) -> None:
    """A read of field `name` of the entry in `file` (None: a nested value, reached through a field)."""
    if file is not None and name[0] != "_":
        for keys in recording_now:
            keys.add((file, name))


@contextmanager
def recording() -> Iterator[set]:
    keys: set = set()
    recording_now.append(keys)
    try:
        yield keys
    finally:
        recording_now.pop()


class recorded_cached_property:  # noqa: N801 (used like functools.cached_property)
    """Like functools.cached_property, but every later use also counts as the reads that made the value."""

    def __init__(self, func):
        self.func = func
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.slot = f"_recorded_{name}"

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        try:
            value, keys = instance.__dict__[self.slot]
        except KeyError:
            with recording() as keys:
                value = self.func(instance)
            instance.__dict__[self.slot] = (value, keys)
        for open_keys in recording_now:
            open_keys |= keys
        return value
