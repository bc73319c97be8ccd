"""`spaceatlas bench`: how the build grows with the content (synthetic_content.py, build_timing.py),
what a reader downloads, and what a maintainer waits for in the preview (preview_latency.py).
It prints a report in Markdown and asserts nothing about time; `--write` also puts the report in
PERFORMANCE.md, in place of the previous run's."""

from __future__ import annotations

import datetime as dt
import os
import platform
import tempfile
from importlib.metadata import version
from pathlib import Path
from statistics import median

from .build_timing import measure_sizes, real_site
from .preview_latency import preview_latency
from .schema_docs import _replace_between

PERFORMANCE = "PERFORMANCE.md"


class Report:
    """A report in Markdown that starts with the date, the machine and the command, printed part by
    part as it is measured."""

    def __init__(self, root: Path, command: str):
        self.root, self.parts = root, []
        versions = (
            f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}"
        )
        machine = f"{os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} at the start), {versions}"
        self.add(f"Run of {dt.date.today().isoformat()} on {machine}: `{command}`")

    def add(self, *lines: str) -> None:
        self.parts.append("\n".join(lines))
        print(self.parts[-1] + "\n", flush=True)

    def finish(self, name: str, write: bool) -> str:
        """The whole report; with `write`, also put in PERFORMANCE.md between the markers of `name`."""
        self.add(f"Load average at the end: {os.getloadavg()[0]:.1f}.")
        text, path = "\n\n".join(self.parts), self.root / PERFORMANCE
        if write:
            begin, end = f"<!-- {name}: begin (written by `spaceatlas {name} --write`) -->", f"<!-- {name}: end -->"
            path.write_text(_replace_between(path, begin, end, f"{begin}\n{text}\n{end}"), encoding="utf-8")
            print(f"wrote {PERFORMANCE}")
        return text


def run_bench(root: Path, sizes: list[int], serve_rounds: int, pairs: int, write: bool = False) -> str:
    sizes_text = " ".join(map(str, sizes))
    report = Report(root, f"spaceatlas bench --sizes {sizes_text} --serve-rounds {serve_rounds} --pairs {pairs}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if sizes:
            report.add(
                "| Entries | Load + check | Render | Our share | Full build | Plain MkDocs (floor) | Build / floor "
                "| Pages | Time per entry | Search index (gzip) |",
                "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
                *map(sizes_row, measure_sizes(root, sizes, work)),
            )
        if pairs > 0:
            real = real_site(root, work, pairs)
            ratios = [build / floor for build, floor in zip(real["builds"], real["floors"])]
            report.add(
                f"Real site ({real['pages']:,} pages): full build {median(real['builds']):.2f} s, plain MkDocs "
                f"{median(real['floors']):.2f} s (medians); build / floor {median(ratios):.2f}, the median of the "
                f"ratios within {pairs} pair(s) of builds run one after the other, alternately first "
                f"({min(ratios):.2f}–{max(ratios):.2f}). Our work in a process of its own (loading, checking and "
                f"rendering): {real['ours']:.2f} s. Search index {real['index_kb']:,.0f} KB, "
                f"{real['index_gz_kb']:,.0f} KB gzipped."
            )
            weights = ", ".join(f"{page} {kb:.0f} KB" for page, kb in real["weights_kb"].items())
            report.add(f"A first view, gzipped (HTML, CSS and JavaScript): {weights}.")
        if serve_rounds > 0:
            times = preview_latency(root, work, serve_rounds)
            report.add(
                f"Preview: a saved YAML edit (ESA's summary) in `mkdocs serve --dirty` was served after "
                f"{median(times):.2f} s (median of {len(times)}; {min(times):.2f}–{max(times):.2f} s)."
            )
    return report.finish("bench", write)


def sizes_row(row: dict) -> str:
    load, render, build, floor = row["load"], row["render"], row["build"], row["floor"]
    return (
        f"| {row['entries']:,} | {load:.2f} s | {render:.2f} s | {100 * (load + render) / build:.1f} % "
        f"| {build:.1f} s | {floor:.1f} s | {build / floor:.2f} | {row['pages']:,} "
        f"| {1000 * build / row['entries']:.1f} ms | {row['search_gz_kb']:,.0f} KB |"
    )
