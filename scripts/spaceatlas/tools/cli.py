"""The `spaceatlas` command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..read.errors import ContentError, ContentErrors
from ..read.schema import ENTRY_TYPES
from .settings import find_root, project_settings

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def cmd_validate(args) -> int:
    from ..site.plan import plan_site

    try:
        plan = plan_site(args.project, published_before=args.published_before)
    except ContentErrors as problems:
        if args.format == "github":  # annotations that GitHub shows on the pull request's diff lines
            for error in problems.shown():
                print(github_annotation("error", error))
        raise
    for warning in plan.warnings:
        if args.verbose:
            print(f"warning: {warning}", file=sys.stderr)
        if args.format == "github":  # one annotation per item: each shows on its own line of the diff
            print(github_annotation("warning", warning))
    if plan.warnings and not args.verbose:
        print(f"warning: {stale_summary(len(plan.warnings))}", file=sys.stderr)
    counts = ", ".join(f"{len(by_slug)} {name}" for name, by_slug in plan.atlas.entries.items())
    print(f"content is valid: {counts}, {len(plan.atlas.countries)} countries")
    return EXIT_OK


def stale_summary(count: int) -> str:
    """One line for every list whose as_of date is old (model/checks.py, stale_lists): they are
    many, they stay for months, and a line each buried what a maintainer had just broken."""
    from ..model.checks import STALE_AFTER_YEARS

    what = "list, head or budget is" if count == 1 else "lists, heads or budgets are"
    return f"{count} {what} more than {STALE_AFTER_YEARS} years old; `spaceatlas validate --verbose` lists them"


def github_annotation(level: str, error: ContentError) -> str:
    """A GitHub Actions workflow command: properties and message escaped as its grammar requires,
    so nothing in a file name or message can end the command or start another."""
    properties = {"file": error.file, "line": error.line, "col": error.column, "title": error.field}
    text = ",".join(f"{name}={_gh_property(str(value))}" for name, value in properties.items())
    return f"::{level} {text}::{_gh_data(error.message)}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def cmd_new(args) -> int:
    """Write a new entry file with every field of its type, commented from the schema (read/scaffold_text.py)."""
    from ..read.patterns import RESERVED_SLUGS, SLUG
    from ..read.scaffold_text import scaffold_text

    entry_type = ENTRY_TYPES[args.type]  # argparse offers no other type
    path = args.project.root / args.project.directory(entry_type) / f"{args.slug}.yaml"
    if not SLUG.matches(args.slug):
        problem = (
            f"'{args.slug}' is not a valid slug: use lowercase letters, digits and single hyphens, "
            "e.g. lunar-gateway (it becomes the page's address)"
        )
    elif args.slug in RESERVED_SLUGS:
        problem = f"'{args.slug}' is the address of the {entry_type.label} index page; choose another slug"
    elif os.path.lexists(path):
        problem = f"{path.relative_to(args.project.root)} already exists"
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(scaffold_text(args.type), encoding="utf-8")
        print(
            f"wrote {path.relative_to(args.project.root)}: fill in the REQUIRED fields, then run `spaceatlas validate`"
        )
        return EXIT_OK
    print(f"spaceatlas new: {problem}", file=sys.stderr)
    return EXIT_USAGE


def cmd_docs(args) -> int:
    from .schema_docs import stale_files

    stale = stale_files(args.project)
    for path, text in stale.items():
        shown = path.relative_to(args.project.root)
        if args.check:
            print(f"{shown} is out of date: run `spaceatlas docs --write`", file=sys.stderr)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {shown}")
    return EXIT_CONTENT if args.check and stale else EXIT_OK


def cmd_generate(args) -> int:
    from ..site.generated_folder import UnsafeFolder, write_files
    from ..site.plan import build_site

    if args.out_dir.exists() and not args.out_dir.is_dir():
        print(f"spaceatlas: {args.out_dir} exists and is not a folder", file=sys.stderr)
        return EXIT_USAGE
    files = build_site(args.project).files
    try:
        written = write_files(files, args.out_dir)
    except UnsafeFolder as unsafe:
        print(f"spaceatlas: {unsafe}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{len(files)} files in {args.out_dir} ({written} written, {len(files) - written} unchanged)")
    return EXIT_OK


def cmd_urls(args) -> int:
    from ..site.addresses import write_published
    from ..site.plan import plan_site

    added = write_published(args.project, plan_site(args.project).addresses)
    print(f"{args.project.published_file}: {added} new address{'es' if added != 1 else ''} recorded")
    return EXIT_OK


def cmd_offline(args) -> int:
    from .offline import FOLDER, build_offline_zip

    out = args.zip_file.resolve()
    count = build_offline_zip(args.project.root, out)
    print(f"wrote {out}: {count} files; unzip it and open {FOLDER}/index.html")
    return EXIT_OK


def cmd_check_links(args) -> int:
    from .link_check import check_site, format_report

    if not (args.site_dir / "index.html").is_file():
        print(f"spaceatlas check-links: {args.site_dir} has no index.html; build the site first", file=sys.stderr)
        return EXIT_USAGE
    report = check_site(args.site_dir)
    text = format_report(report)
    if args.report:
        Path(args.report).write_text(text + "\n", encoding="utf-8")
        print(text.splitlines()[0] + f" (full report in {args.report})")
        for line in report.broken:
            print("BROKEN", line)
    else:
        print(text)
    return EXIT_CONTENT if report.broken else EXIT_OK


def cmd_bench(args) -> int:
    from .bench import run_bench
    from .bench_hostile import run_hostile_bench

    if args.lighthouse:
        from .bench_lighthouse import run_lighthouse

        run_lighthouse(args.project.root, args.write)
    elif args.hostile:
        run_hostile_bench(args.project.root, args.write)
    else:
        run_bench(args.project.root, args.sizes, args.serve_rounds, args.pairs, args.write)
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="spaceatlas", description="Build and check the Space Cooperation Atlas.")
    main.add_argument("--root", type=Path, default=None, help="project folder (default: found from here)")
    sub = main.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check every content file; print all problems as file:line:column")
    validate.add_argument(
        "--format", choices=["text", "github"], default="text", help="github: also print GitHub Actions annotations"
    )
    validate.add_argument(
        "--published-before",
        type=Path,
        metavar="FILE",
        help="also keep every address in FILE (CI passes the base branch's content/published-urls.txt)",
    )
    validate.add_argument(
        "--verbose", action="store_true", help="list each list whose as_of date is old, with file and line"
    )
    validate.set_defaults(run=cmd_validate)
    new = sub.add_parser("new", help="write a new entry with every field commented from the schema")
    new.add_argument("type", choices=sorted(ENTRY_TYPES))
    new.add_argument("slug")
    new.set_defaults(run=cmd_new)
    offline = sub.add_parser("offline", help="build a zip of the site that works from the file system")
    offline.add_argument("zip_file", type=Path, metavar="ZIP_FILE")
    offline.set_defaults(run=cmd_offline)
    links = sub.add_parser("check-links", help="check every internal link and anchor of a built site")
    links.add_argument("site_dir", type=Path, metavar="SITE_DIR")
    links.add_argument("--report", help="write the full report, external links included, to this file")
    links.set_defaults(run=cmd_check_links)
    bench = sub.add_parser("bench", help="measure build time, page weights and preview latency (prints a report)")
    bench.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[100, 1000, 5000],
        help="numbers of entries (none: only the real-site and preview figures)",
    )
    bench.add_argument("--serve-rounds", type=int, default=5, help="edits to time in mkdocs serve (0: skip)")
    bench.add_argument("--pairs", type=int, default=7, help="pairs of real-site builds beside plain MkDocs (0: skip)")
    bench.add_argument("--hostile", action="store_true", help="only the worst pull request the schema accepts")
    bench.add_argument("--lighthouse", action="store_true", help="only Lighthouse's mobile profile on six pages")
    bench.add_argument("--write", action="store_true", help="also put the report in PERFORMANCE.md")
    bench.set_defaults(run=cmd_bench)
    docs = sub.add_parser(
        "docs", help="regenerate the editor JSON Schemas, the CONTRIBUTING field reference and the README counts"
    )
    mode = docs.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true", help="exit 1 if any of them is out of date")
    docs.set_defaults(run=cmd_docs)
    generate = sub.add_parser("generate", help="write the site's Markdown pages to OUT_DIR")
    generate.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    generate.set_defaults(run=cmd_generate)
    urls = sub.add_parser("urls", help="record every address the site serves in content/published-urls.txt")
    urls.add_argument("--write", action="store_true", required=True, help="update the record (never removes)")
    urls.set_defaults(run=cmd_urls)
    return main


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    args.project = project_settings((args.root or find_root(Path.cwd())).resolve())
    try:
        return args.run(args)
    except ContentErrors as problems:
        print(problems.report(), file=sys.stderr)
        return EXIT_CONTENT


if __name__ == "__main__":
    sys.exit(main())
