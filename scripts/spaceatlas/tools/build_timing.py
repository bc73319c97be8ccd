"""How long the build takes and what it produces weighs, for `spaceatlas bench`: our work in a
fresh process, the full `mkdocs build --strict`, and plain MkDocs building the same Markdown
without the plugin (the floor), on synthetic content of several sizes and on the real content."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from ..read.content_files import Project
from ..site.generated_folder import write_files
from ..site.plan import build_site
from .synthetic_content import synthetic_content

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
# The heaviest pages: an instrument with its world map and chart, the matrix, a country, the indexes.
FIRST_VIEW_PAGES = (
    "treaties/outer-space-treaty treaties/artemis-accords status-matrix countries countries/ke timeline map"
)


def project_copy(root: Path, target: Path, content: bool) -> Path:
    """A project folder with the templates and configuration of `root`, and its content or none."""
    shutil.copytree(root / "templates", target / "templates")
    shutil.copy(root / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("content", "seeds") if content else ():
        shutil.copytree(root / name, target / name)
    return target


def plain_mkdocs(project: Path, target: Path) -> Path:
    """The floor: plain MkDocs on the project's generated Markdown with the same configuration, without the plugin."""
    shutil.copytree(project / "templates/static", target / "docs")
    write_files(build_site(Project(project)).files, target / "docs")
    config = (project / "mkdocs.yml").read_text()
    config = config.replace("docs_dir: templates/static", "docs_dir: docs")
    config = re.sub(r"(?m)^  - spaceatlas:\n(?:      .*\n)+", "", config)
    config = re.sub(r"(?m)^watch:.*\n(?:  - .*\n)+", "", config)
    config = config.replace("custom_dir: templates/overrides", f"custom_dir: {project / 'templates/overrides'}")
    # The same configuration but for the plugin: a floor missing the nav or the extensions measures nothing.
    assert "\nnav:" in config and "\nmarkdown_extensions:" in config and "- spaceatlas" not in config, config
    (target / "mkdocs.yml").write_text(config)
    return target


_OUR_WORK = """
import sys, time
from spaceatlas.site.plan import build_site, load_atlas
from spaceatlas.tools.settings import project_settings
project = project_settings(__import__("pathlib").Path(sys.argv[1]))
start = time.perf_counter()
load_atlas(project)
loaded = time.perf_counter()
build_site(project)  # loads again, then renders
print(loaded - start, time.perf_counter() - loaded - (loaded - start))
"""


def our_work(project: Path) -> tuple[float, float]:
    """Seconds of loading and checking, and of rendering every file, in a fresh process."""
    run = subprocess.run([sys.executable, "-c", _OUR_WORK, str(project)], capture_output=True, check=True, env=ENV)
    load, render = map(float, run.stdout.split())
    return load, render


def timed(command: list[str], cwd: Path) -> tuple[float, int, int]:
    """Seconds, exit status and peak memory (MiB, from the kernel's count for the process) of `python -m COMMAND`."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", *command], cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, process.returncode, usage.ru_maxrss // 1024


def timed_build(folder: Path) -> float:
    command = ["mkdocs", "build", "--strict", "-q", "-d", "site"]
    seconds, status, _ = timed(command, folder)
    if status:
        raise subprocess.CalledProcessError(status, command)
    return seconds


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def measure_sizes(root: Path, sizes: list[int], work: Path) -> list[dict]:
    """For each size: our work, the full build and the floor, each run twice in an order that reads
    the same backwards (so a steady drift of the machine's speed cancels out of every ratio)."""
    folders = {}
    for total in sizes:
        project = project_copy(root, work / f"n{total}", content=False)
        synthetic_content(project, total)
        folders[total] = {"ours": project, "build": project, "floor": plain_mkdocs(project, work / f"floor{total}")}
    runs = {(total, kind): [] for total in sizes for kind in ("ours", "build", "floor")}
    for total, kind in [*runs, *reversed(runs)]:
        folder = folders[total][kind]
        runs[total, kind].append(our_work(folder) if kind == "ours" else timed_build(folder))
    return [
        {
            "entries": total,
            "load": statistics.mean(load for load, _ in runs[total, "ours"]),
            "render": statistics.mean(render for _, render in runs[total, "ours"]),
            "build": statistics.mean(runs[total, "build"]),
            "floor": statistics.mean(runs[total, "floor"]),
            "pages": len(list((work / f"n{total}/site").rglob("*.html"))),
            "search_gz_kb": gzipped(work / f"n{total}/site/search/search_index.json") / 1024,
        }
        for total in sizes
    ]


def page_weight(site: Path, page: str) -> int:
    """Compressed bytes for a first view of a page: its HTML and the stylesheets and scripts it loads."""
    html = site / page / "index.html"
    refs = re.findall(r'(?:href|src)="([^"#?]+\.(?:css|js))"', html.read_text(encoding="utf-8"))
    assets = {(html.parent / ref).resolve() for ref in refs}
    return gzipped(html) + sum(gzipped(path) for path in assets if path.is_file())


def real_site(root: Path, work: Path, pairs: int) -> dict:
    """The real content: its build against the floor, our work, first-view weights, the search index."""
    project = project_copy(root, work / "real", content=True)
    floor = plain_mkdocs(project, work / "real-floor")
    # Pairs of builds, the full build beside plain MkDocs, alternately first: this machine's speed
    # drifts by a fifth within minutes, more than the difference measured, and a ratio taken
    # within a pair leaves most of that drift out.
    times = {project: [], floor: []}
    for pair in range(pairs):
        for folder in (project, floor) if pair % 2 == 0 else (floor, project):
            times[folder].append(timed_build(folder))
    site, index = project / "site", project / "site/search/search_index.json"
    return {
        "pages": len(list(site.rglob("*.html"))),
        "builds": times[project],
        "floors": times[floor],
        "ours": sum(our_work(project)),
        "index_kb": index.stat().st_size / 1024,
        "index_gz_kb": gzipped(index) / 1024,
        "weights_kb": {
            page: page_weight(site, page) / 1024 for page in FIRST_VIEW_PAGES.split() if (site / page).is_dir()
        },
    }
