"""When each content file was added and last changed, from git history.

Dates come from commits, never from the clock, so the same checkout builds the
same pages; commits listed in .git-blame-ignore-revs (reformatting, migrations)
are skipped. A file with uncommitted edits (or a tree outside git) falls back to
the file's modification date.
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileDates:
    added: dt.date
    changed: dt.date


logger = logging.getLogger("spaceatlas")


def _commit_day(text: str) -> dt.date | None:
    """A commit's date, or None for one that cannot be real (a commit's date is whatever its
    author's clock or a hostile `git commit --date` said): such a commit is left out, with a warning."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        day = None
    if day is None or day > dt.date.today():
        logger.warning(f"spaceatlas: a commit dated {text.strip()[:40]!r} is left out of the page dates: no real date")
        return None
    return day


def _mechanical_commits(root: Path) -> set[str]:
    """Commits that changed files without changing what they say (reformatting, a migration): listed,
    one full hash a line, in .git-blame-ignore-revs, which `git blame` reads for the same purpose.
    A page's "last updated" skips them."""
    path = root / ".git-blame-ignore-revs"
    if not path.is_file():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def file_dates(root: Path, files: list[str], folders: list[str]) -> dict[str, FileDates]:
    """Dates for each project-relative file (all in `folders`), in one pass over the history."""
    log = _git(root, "log", "--format=%x00%H %cs", "--name-only", "--no-renames", "--", *folders) or ""
    mechanical = _mechanical_commits(root)
    dirty_out = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *folders) or ""
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    seen: dict[str, list[dt.date]] = {}
    for block in log.split("\0")[1:]:  # the format starts each with the line "hash date"
        lines = block.strip().splitlines()
        commit, _, when = lines[0].partition(" ")
        day = _commit_day(when)
        if day is None or commit in mechanical:
            continue
        for name in lines[1:]:
            name = name.strip()
            if name.startswith(prefix):
                seen.setdefault(name[len(prefix) :], []).append(day)
    dirty = set()
    for line in dirty_out.splitlines():  # porcelain paths are relative to the repository's top, like the log's
        name = line[3:].strip().split(" -> ")[-1]
        if name.startswith(prefix):
            dirty.add(name[len(prefix) :])
    dates = {}
    for file in files:
        history = seen.get(file)
        if history and file not in dirty:
            dates[file] = FileDates(added=min(history), changed=max(history))
        else:
            mtime = dt.date.fromtimestamp((root / file).lstat().st_mtime)
            dates[file] = FileDates(added=min(history) if history else mtime, changed=mtime)
    return dates


def recently_changed(entries: list, dates: dict[str, FileDates], limit: int) -> list:
    """The `limit` entries whose files changed last, newest first (ties by address, so stable)."""
    return sorted(entries, key=lambda e: (dates[e.file].changed, e.key), reverse=True)[:limit]
