"""Which files are content, and reading them safely.

Content files are read only as regular files inside the repository: a symbolic
link (which a pull request can point anywhere, or round in a circle) is
refused, never followed, and no more of a file is read than the largest allowed.
Editors' backup and swap files are skipped without a word; anything else that
is not an entry file gets a message, so nothing is silently ignored.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError
from .patterns import SLUG
from .schema import ENTRY_TYPES, EntryType
from .strict_yaml import MAX_BYTES


@dataclass(frozen=True)
class Project:
    """Where a project's files are: its root, and its folders as mkdocs.yml's plugin settings name them."""

    root: Path
    content_dir: str = "content"
    seeds_dir: str = "seeds"
    templates_dir: str = "templates/pages"

    def directory(self, entry_type: EntryType) -> str:
        """Where an entry type's files live, relative to the root: sources are the seeds folder."""
        return self.seeds_dir if entry_type.name == "source" else f"{self.content_dir}/{entry_type.folder}"

    @property
    def published_file(self) -> str:
        return f"{self.content_dir}/published-urls.txt"

    @property
    def refused_hosts_file(self) -> str:
        return f"{self.content_dir}/refused-hosts.yaml"


class UnreadableFile(Exception):
    """A content file that cannot be read as text; `error` says why, at line 1."""

    def __init__(self, error: ContentError):
        super().__init__(str(error))
        self.error = error


def is_editor_file(name: str) -> bool:
    """Backup, swap and lock files editors keep beside an open file (`x.yaml~`, `.x.yaml.swp`, `#x#`)."""
    return name.startswith((".", "#")) or name.endswith("~")


def _problem(file: str, message: str) -> ContentError:
    return ContentError(file, 1, 1, "(file)", message)


def _listing(root: Path, folder: str) -> tuple[list[os.DirEntry], list[ContentError]]:
    """The items of a folder of the repository, refusing a folder that is a link."""
    path = root / folder
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return [], [_problem(folder, "is a symbolic link; content folders must be real folders")]
        with os.scandir(path) as items:
            return sorted(items, key=lambda item: item.name), []
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        return [], [_problem(folder, f"cannot be listed ({os.strerror(exc.errno or errno.EIO)})")]


def entry_files(project: Project) -> tuple[list[tuple[EntryType, str]], list[ContentError]]:
    """Every entry file (type, project-relative path), and a problem for each thing that is not one."""
    found: list[tuple[EntryType, str]] = []
    problems: list[ContentError] = []
    for entry_type in ENTRY_TYPES.values():
        directory = project.directory(entry_type)
        items, errors = _listing(project.root, directory)
        problems += errors
        for item in items:
            file = f"{directory}/{item.name}"  # a control character in it is escaped in messages
            if is_editor_file(item.name):
                continue
            message = _not_an_entry_file(item, directory)
            if message:
                problems.append(_problem(file, message))
            else:
                found.append((entry_type, file))
    return found, problems + _misplaced(project)


def _not_an_entry_file(item: os.DirEntry, directory: str) -> str | None:
    if item.is_symlink():
        return "is a symbolic link; entry files must be regular files inside the repository"
    if item.is_dir(follow_symlinks=False):
        return f"sub-folders are not read; move its files into {directory}/"
    if not item.is_file(follow_symlinks=False):
        return "is not a regular file"
    stem, dot, suffix = item.name.rpartition(".")
    if not dot or suffix != "yaml":
        hint = "rename it to .yaml" if suffix in ("yml", "YAML") else "only .yaml entry files belong here"
        return f"not a .yaml file; {hint}"
    if not SLUG.matches(stem):
        return f"file name '{stem}' is not a valid slug: use {SLUG.hint.split(': ', 1)[1]}"
    return None


def _misplaced(project: Project) -> list[ContentError]:
    """Anything at the top of the content folder that is neither an entry folder nor the address record."""
    items, problems = _listing(project.root, project.content_dir)
    known = {t.folder for t in ENTRY_TYPES.values() if project.directory(t).startswith(project.content_dir + "/")}
    for item in items:
        file = f"{project.content_dir}/{item.name}"
        if is_editor_file(item.name) or file in (project.published_file, project.refused_hosts_file):
            continue
        if item.name in known and item.is_dir(follow_symlinks=False) and not item.is_symlink():
            continue
        folders = ",".join(sorted(known))
        problems.append(_problem(file, f"not an entry folder; entries go in {project.content_dir}/{{{folders}}}/"))
    return problems


def read_text(root: Path, file: str) -> str:
    """The text of a project-relative file, read as a regular file (never through a link) and
    only up to the size allowed; raises UnreadableFile with a message for the maintainer."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(root / file, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableFile(_problem(file, "is a symbolic link; content files must be regular files")) from None
        raise UnreadableFile(_problem(file, f"cannot be read ({os.strerror(exc.errno or errno.EIO)})")) from None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise UnreadableFile(_problem(file, "is not a regular file"))
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadableFile(_problem(file, f"file is larger than {MAX_BYTES // 1024} KiB; split it or shorten it"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFile(ContentError(file, line, 1, "(file)", f"not UTF-8 text ({exc.reason})")) from None
