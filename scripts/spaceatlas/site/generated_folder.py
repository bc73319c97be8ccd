"""Writing the generated files to a folder without harming anything else on the disk.

The preview (`mkdocs serve --dirty`) and `spaceatlas generate` write the site's
files to a folder. A pull request can commit a symbolic link where that folder,
or a folder inside it, would be: written through, every page would land where
the link points, and a clean-up of "everything else" would delete a maintainer's
files. So the preview's folder must be a real folder inside the repository, no
file is written through a link, and only files this package wrote (listed in the
folder's manifest) are ever deleted: never a tree.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

MANIFEST = ".spaceatlas-files"  # the files the last write put in the folder, one per line


class UnsafeFolder(Exception):
    """A folder that cannot be written safely; the message says why and what to do."""


def checked_folder(root: Path, folder: str) -> Path:
    """`folder` (relative to the repository root `root`) as a path that is inside the repository
    and reached through no symbolic link; raises UnsafeFolder otherwise. It need not exist yet."""
    path = Path(os.path.normpath(root / folder))
    if not path.is_relative_to(root) or path == root:
        raise UnsafeFolder(f"'{folder}' is not a folder inside the repository ({root})")
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            shown = current.relative_to(root).as_posix()
            raise UnsafeFolder(
                f"'{folder}': {shown} is a symbolic link; the generated files go in a real folder. "
                f"Remove the link (and `git rm` it if it was committed): it is made again as a folder"
            )
        if current.exists() and not current.is_dir():
            raise UnsafeFolder(f"'{folder}': {current.relative_to(root).as_posix()} exists and is not a folder")
    return path


def write_files(
    files: Mapping[str, str | bytes], out_dir: Path, last_written: Mapping[str, str | bytes] | None = None
) -> int:
    """Make out_dir hold `files`: write what changed (an unchanged file keeps its time, so
    `mkdocs serve --dirty` rebuilds only what changed) and delete the files that a former write
    made and that are now gone. Returns how many files were written.

    `last_written` is what this process last wrote to out_dir: a file whose text is unchanged since then
    is not read back (each save of the preview changes few files)."""
    if out_dir.is_symlink():
        raise UnsafeFolder(f"{out_dir} is a symbolic link; generated files are never written through one")
    out_dir.mkdir(parents=True, exist_ok=True)
    listed = set(last_written) if last_written is not None else _manifest(out_dir)
    written = 0
    folders: set[Path] = set()
    for path, text in files.items():
        target = out_dir / path
        if last_written is not None and last_written.get(path) == text and target.is_file() and not target.is_symlink():
            continue
        if target.parent not in folders:
            _real_folder(target.parent, out_dir)
            folders.add(target.parent)
        data = text if isinstance(text, bytes) else text.encode("utf-8")  # figures' PNGs are bytes
        if target.is_symlink():
            target.unlink()  # write a file in the link's place, never through it
        elif target.is_file() and target.read_bytes() == data:
            continue
        target.write_bytes(data)
        written += 1
    for path in sorted(listed - set(files)):
        _remove_own_file(out_dir, path)
    listing = out_dir / MANIFEST
    if listing.is_symlink():
        listing.unlink()  # a committed link in the manifest's place: write a file there, not through it
    listing.write_text("".join(f"{path}\n" for path in sorted(files)), encoding="utf-8")
    return written


def _real_folder(folder: Path, out_dir: Path) -> None:
    """Make `folder`, inside out_dir, exist, refusing a link at any level below out_dir."""
    current = out_dir
    for part in folder.relative_to(out_dir).parts:
        current = current / part
        if current.is_symlink():
            raise UnsafeFolder(f"{current} is a symbolic link; generated files are never written through one")
        current.mkdir(exist_ok=True)


def _manifest(out_dir: Path) -> set[str]:
    """The files an earlier write listed, keeping only plain relative paths inside the folder
    (the manifest is a file on disk: a pull request could commit one that names others)."""
    listing = out_dir / MANIFEST
    if listing.is_symlink() or not listing.is_file():
        return set()
    paths = set()
    for line in listing.read_text(encoding="utf-8", errors="replace").splitlines():
        path = PurePosixPath(line)
        if line and not path.is_absolute() and ".." not in path.parts and str(path) == line:
            paths.add(line)
    return paths


def _remove_own_file(out_dir: Path, path: str) -> None:
    """Delete one file an earlier write made, if it is still a regular file reached through no link;
    then its folders inside out_dir, if that leaves them empty."""
    target = out_dir / path
    parents = [out_dir / part for part in reversed(PurePosixPath(path).parents) if str(part) != "."]
    if any(folder.is_symlink() or not folder.is_dir() for folder in parents):
        return
    if target.is_file() and not target.is_symlink():
        target.unlink()
    for folder in reversed(parents):
        if any(folder.iterdir()):
            break
        folder.rmdir()
