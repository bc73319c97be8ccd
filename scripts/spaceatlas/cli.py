"""The `spaceatlas` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentErrors

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def find_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    return start


def cmd_validate(args) -> int:
    from .generate import load_atlas

    atlas = load_atlas(args.root)
    counts = ", ".join(f"{len(by_slug)} {name}" for name, by_slug in atlas.entries.items())
    print(f"content is valid: {counts}, {len(atlas.countries)} countries")
    return EXIT_OK


def cmd_generate(args) -> int:
    from .generate import build_pages, write_pages

    pages = build_pages(args.root)
    out_dir = Path(args.out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        print(f"spaceatlas: {out_dir} exists and is not a folder", file=sys.stderr)
        return EXIT_USAGE
    written = write_pages(pages, out_dir)
    print(f"{len(pages)} pages in {out_dir} ({written} written, {len(pages) - written} unchanged)")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="spaceatlas", description="Build and check the Space Cooperation Atlas.")
    main.add_argument("--root", type=Path, default=None, help="project folder (default: found from here)")
    sub = main.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every content file; print all problems as file:line:column").set_defaults(
        run=cmd_validate
    )
    generate = sub.add_parser("generate", help="write the site's Markdown pages to OUT_DIR")
    generate.add_argument("out_dir", metavar="OUT_DIR")
    generate.set_defaults(run=cmd_generate)
    return main


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    args.root = (args.root or find_root(Path.cwd())).resolve()
    try:
        return args.run(args)
    except ContentErrors as problems:
        print(problems.report(), file=sys.stderr)
        return EXIT_CONTENT


if __name__ == "__main__":
    sys.exit(main())
