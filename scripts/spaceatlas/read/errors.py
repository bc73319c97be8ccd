"""Content problems as values: file, line, column, field and message."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

# A maintainer reads the first problems and fixes them; thousands more only bury them
# (and a hostile file could produce millions). What is left out is counted.
MAX_PER_FILE = 20
MAX_IN_ALL = 200


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem. Its texts quote what a file holds (keys, values, file names): a character that
    is not printable is kept as an escape, so that no message can start a line of its own (a CI
    runner reads a line `::error …` as a command) or hide or reorder its text (bidirectional controls)."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __post_init__(self):
        for name in ("file", "field", "message"):
            value = getattr(self, name)
            if not value.isprintable():
                object.__setattr__(self, name, "".join(_printable(char) for char in value))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}"


def _printable(char: str) -> str:
    return char if char.isprintable() else char.encode("unicode_escape").decode("ascii")


def capped(errors: list[ContentError], not_shown: Counter | None = None) -> tuple[list[ContentError], Counter]:
    """The problems to show, sorted, at most MAX_PER_FILE per file and MAX_IN_ALL in all,
    and per file how many were left out (`not_shown`: those never turned into messages)."""
    shown: list[ContentError] = []
    left_out: Counter = Counter(not_shown or {})
    per_file: Counter = Counter()
    for error in sorted(set(errors)):
        if per_file[error.file] >= MAX_PER_FILE or len(shown) >= MAX_IN_ALL:
            left_out[error.file] += 1
            continue
        per_file[error.file] += 1
        shown.append(error)
    return shown, left_out


class ContentErrors(Exception):
    """Raised when content cannot be built; carries the problems found, and per file how many
    more were found but not turned into messages."""

    def __init__(self, errors: list[ContentError], not_shown: Counter | None = None):
        self.errors = sorted(set(errors))
        self.not_shown = Counter(not_shown or {})
        super().__init__(self.report())

    def __add__(self, other: ContentErrors) -> ContentErrors:
        return ContentErrors(self.errors + other.errors, self.not_shown + other.not_shown)

    def shown(self) -> list[ContentError]:
        return capped(self.errors, self.not_shown)[0]

    def report(self) -> str:
        shown, left_out = capped(self.errors, self.not_shown)
        lines = [str(error) for error in shown]
        for file, count in sorted(left_out.items()):
            lines.append(f"{file}: {count} more problem{'s' if count != 1 else ''} not shown")
        count = len(self.errors) + sum(self.not_shown.values())
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in content.")
        return "\n".join(lines)


def field_name(path) -> str:
    """('partners', 2, 'party') -> 'partners[2].party'"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"
