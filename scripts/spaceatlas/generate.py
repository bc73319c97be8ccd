"""The pipeline in one place: load → validate → link → render."""

from __future__ import annotations

from pathlib import Path

from .atlas import Atlas, build_atlas
from .errors import ContentErrors
from .loader import load_entries
from .render import render_site


def load_atlas(root: Path) -> Atlas:
    """Load and check all content; raise ContentErrors with every problem (types first, then relations)."""
    loaded = load_entries(root)
    try:
        atlas = build_atlas(loaded.entries, loaded.broken)
    except ContentErrors as problems:
        raise ContentErrors(loaded.errors + problems.errors) from None
    if loaded.errors:
        raise ContentErrors(loaded.errors)
    return atlas


def build_pages(root: Path) -> dict[str, str]:
    """Every generated page, path -> Markdown."""
    return render_site(load_atlas(root), root / "templates" / "pages")


def write_pages(pages: dict[str, str], out_dir: Path) -> int:
    """Write pages under out_dir, leaving files whose content is unchanged untouched."""
    written = 0
    for path, text in pages.items():
        target = out_dir / path
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    return written
