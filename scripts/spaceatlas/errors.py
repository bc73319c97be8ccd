"""Content problems as values: file, line, column, field and message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}"


class ContentErrors(Exception):
    """Raised when content cannot be built; carries every problem found, sorted."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def __reduce__(self):  # pickled as its problems: a second process raises it in the first
        return ContentErrors, (self.errors,)

    def report(self) -> str:
        count = len(self.errors)
        lines = [str(error) for error in self.errors]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in content.")
        return "\n".join(lines)


def field_name(path) -> str:
    """('partners', 2, 'party') -> 'partners[2].party'"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"
