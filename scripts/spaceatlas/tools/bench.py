"""`spaceatlas bench`: how the build grows with the content, on synthetic entries of realistic
shape, and what a reader downloads and a maintainer waits for on the real content. It prints
figures and asserts nothing about time.
"""

from __future__ import annotations

import gzip
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from ..model.countries import country_codes
from ..read.content_files import Project
from ..site.generated_folder import write_files
from ..site.plan import build_site
from .settings import mkdocs_config, plugin_options

PACKAGE = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")

WORDS = (
    "cooperation agency mission orbit partner treaty launch station module science data exploration "
    "lunar instrument agreement policy satellite research program signatory national international "
    "observatory spacecraft support provides operates through under between with joint"
).split()
SHARES = {"treaty": 0.10, "program": 0.40, "agency": 0.25, "concept": 0.05, "source": 0.20}
FOLDERS = {
    "treaty": "content/treaties",
    "program": "content/programs",
    "agency": "content/agencies",
    "concept": "content/concepts",
    "source": "seeds",
}


def _text(rng: random.Random, words: int) -> str:
    sentence = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(sentence).capitalize() + "."


def synthetic_content(root: Path, total: int, seed: int = 42) -> dict[str, int]:
    """Write `total` entries of every type, with references between them, under `root`."""
    rng = random.Random(seed)
    counts = {name: max(1, int(total * share)) for name, share in SHARES.items()}
    slugs = {name: [f"{name}-{i:05d}" for i in range(count)] for name, count in counts.items()}
    codes = country_codes()
    for folder in FOLDERS.values():
        (root / folder).mkdir(parents=True, exist_ok=True)

    def common(name: str) -> dict:
        return {
            "title": f"{name.capitalize()} {rng.randrange(10**6)} {_text(rng, 4)[:-1]}",
            "aliases": [f"{name[:3].upper()}{rng.randrange(1000)}"],
            "summary": _text(rng, 45),
            "description": _text(rng, 120) + "\n\n" + _text(rng, 120),
            "concepts": rng.sample(slugs["concept"], min(2, len(slugs["concept"]))),
            "sources": rng.sample(slugs["source"], min(2, len(slugs["source"]))),
        }

    for slug in slugs["source"]:
        data = {
            "title": _text(rng, 8),
            "publisher": "Synthetic Publisher",
            "date": f"20{rng.randrange(10, 24)}",
            "address": f"https://example.org/{slug}",
            "summary": _text(rng, 40),
        }
        (root / FOLDERS["source"] / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    for slug in slugs["concept"]:
        data = common("concept") | {"kind": "term", "concepts": []}
        (root / FOLDERS["concept"] / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    for slug in slugs["agency"]:
        data = common("agency") | {
            "acronym": "AG" + slug[-5:],
            "kind": "national-agency",
            "country": rng.choice(codes),
            "founded": f"19{rng.randrange(50, 99)}",
            "headquarters": "Synthetic City",
            "website": f"https://example.org/{slug}",
        }
        (root / FOLDERS["agency"] / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    for slug in slugs["treaty"]:
        actions = [
            {
                "party": rng.choice(codes),
                "action": rng.choice(["signature", "ratification", "accession"]),
                "date": f"19{rng.randrange(68, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}",
            }
            for _ in range(rng.randrange(5, 20))
        ]
        data = common("treaty") | {
            "kind": "treaty",
            "dates": {"opened_for_signature": "1967-01-27", "entered_into_force": "1967-10-10"},
            "key_provisions": [{"article": f"Article {i}", "text": _text(rng, 20)} for i in range(1, 4)],
            "related": rng.sample([s for s in slugs["treaty"] if s != slug], min(2, len(slugs["treaty"]) - 1)),
            "parties": {"as_of": "2024-01-01", "source": rng.choice(slugs["source"]), "actions": actions},
        }
        (root / FOLDERS["treaty"] / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    for slug in slugs["program"]:
        # Two partners in three are agencies, as in the real content, at every size.
        partners = [
            {
                "party": rng.choice(slugs["agency"]) if rng.random() < 2 / 3 else rng.choice(codes),
                "contribution": _text(rng, 12),
            }
            for _ in range(rng.randrange(2, 6))
        ]
        partners = list({partner["party"]: partner for partner in partners}.values())
        data = common("program") | {
            "status": rng.choice(["planned", "active", "completed"]),
            "start": f"{rng.randrange(1970, 2024)}",
            "lead": rng.choice(slugs["agency"]),
            "partners": partners,
            "domains": ["science"],
            "instruments": rng.sample(slugs["treaty"], 1),
        }
        (root / FOLDERS["program"] / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return counts


def _project(repo: Path, target: Path, content: bool) -> Path:
    """A project folder with the repository's templates and configuration, and its content or none."""
    target.mkdir(parents=True)
    shutil.copytree(repo / "templates", target / "templates")
    shutil.copy(repo / "mkdocs.yml", target / "mkdocs.yml")
    if content:
        for name in ("content", "seeds"):
            shutil.copytree(repo / name, target / name)
    return target


def _floor(project: Path, files: dict[str, str], target: Path) -> Path:
    """Plain MkDocs on the same generated Markdown with the same configuration, without the plugin."""
    docs = target / "docs"
    shutil.copytree(project / "templates/static", docs)
    write_files(files, docs / "generated")
    for path in (docs / "generated").iterdir():
        path.rename(docs / path.name)
    (docs / "generated").rmdir()
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
from pathlib import Path
start = time.perf_counter()
from spaceatlas.site.plan import build_site, load_atlas
from spaceatlas.tools.settings import project_settings
imported = time.perf_counter()
project = project_settings(Path(sys.argv[1]))
load_atlas(project)
loaded = time.perf_counter()
build_site(project)
built = time.perf_counter()
print(imported - start, loaded - imported, built - loaded - (loaded - imported))
"""


def _our_work(project: Path) -> dict:
    """Our work in a fresh process: importing, loading and checking, and rendering every file."""
    out = subprocess.run(
        [sys.executable, "-c", _OUR_WORK, str(project)], capture_output=True, text=True, check=True, env=ENV
    ).stdout.split()
    return {"import": float(out[0]), "load": float(out[1]), "render": float(out[2])}


def _build(folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"],
        cwd=folder,
        check=True,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def measure_sizes(repo: Path, sizes: list[int], work: Path) -> list[dict]:
    """For each size: our work, the full build and the floor, each run twice in an order that reads
    the same backwards (so a steady drift of the machine's speed cancels out of every ratio)."""
    rows = []
    for total in sizes:
        project = _project(repo, work / f"n{total}", content=False)
        synthetic_content(project, total)
        files = build_site(Project(project)).files
        rows.append(
            {
                "n": total,
                "project": project,
                "floor": _floor(project, files, work / f"floor{total}"),
                "runs": {"ours": [], "build": [], "floor": []},
            }
        )
    order = [(row, kind) for row in rows for kind in ("ours", "build", "floor")]
    for row, kind in order + order[::-1]:
        if kind == "ours":
            row["runs"]["ours"].append(_our_work(row["project"]))
        else:
            row["runs"][kind].append(_build(row["project"] if kind == "build" else row["floor"]))
    for row in rows:
        ours = row["runs"]["ours"]
        row.update(
            load=statistics.mean(r["load"] for r in ours),
            render=statistics.mean(r["render"] for r in ours),
            build=statistics.mean(row["runs"]["build"]),
            floor=statistics.mean(row["runs"]["floor"]),
            pages=len(list((row["project"] / "site").rglob("*.html"))),
            search_gz=len(gzip.compress((row["project"] / "site/search/search_index.json").read_bytes(), 9)),
        )
    return rows


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def page_weight(site: Path, page: str) -> int:
    """Compressed bytes for a first view of a page: its HTML and the stylesheets and scripts it loads."""
    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    assets = {(html_path.parent / ref).resolve() for ref in re.findall(r'(?:href|src)="([^"#?]+\.(?:css|js))"', html)}
    return _gz(html_path) + sum(_gz(path) for path in assets if path.is_file())


def real_site(repo: Path, work: Path, pairs: int) -> dict:
    """The real content's build: its time against the floor, our share, page weights, search index."""
    project = _project(repo, work / "real", content=True)
    files = build_site(Project(project)).files
    floor_project = _floor(project, files, work / "real-floor")
    # Pairs of builds, each the full build beside plain MkDocs, in alternating order (build first,
    # then plain first): this machine's speed drifts by a fifth within minutes, more than the
    # difference measured, and a ratio taken within a pair leaves most of that drift out.
    ratios, builds, floors = [], [], []
    for pair in range(pairs):
        if pair % 2 == 0:
            build, floor = _build(project), _build(floor_project)
        else:
            floor, build = _build(floor_project), _build(project)
        ratios.append(build / floor)
        builds.append(build)
        floors.append(floor)
    ours = [_our_work(project) for _ in range(3)]
    site = project / "site"
    index = site / "search/search_index.json"
    return {
        "pages": len(list(site.rglob("*.html"))),
        "build": statistics.median(builds),
        "floor": statistics.median(floors),
        "ratio": statistics.median(ratios),
        "ratios": ratios,
        "ours": statistics.median(r["load"] + r["render"] for r in ours),
        "index_kb": index.stat().st_size / 1024,
        "index_gz_kb": _gz(index) / 1024,
        "weights": {
            page: page_weight(site, page) / 1024
            for page in (
                "treaties/outer-space-treaty",
                "treaties/artemis-accords",
                "status-matrix",
                "countries",
                "countries/ke",
                "timeline",
                "map",
            )
            if (site / page / "index.html").is_file()
        },
    }


def preview_latency(repo: Path, work: Path, rounds: int) -> dict:
    """Seconds from saving a changed YAML file in `mkdocs serve --dirty` (as scripts/serve.sh runs it, on
    the real content) to the new text being served, and how many generated files each save rewrote."""
    project = _project(repo, work / "preview", content=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/agencies/esa/"
    generated = project / plugin_options(mkdocs_config(project)).get("generated_dir", ".cache/generated")
    try:
        _wait_for(url, "European Space Agency", 180)
        times, rewritten = [], []
        pause = random.Random(7)
        path = project / "content/agencies/esa.yaml"
        original = path.read_text()
        for round_ in range(rounds):
            before = {p: p.stat().st_mtime_ns for p in generated.rglob("*") if p.is_file()}
            marker = f"Benchmark marker {round_}"
            path.write_text(original.replace("summary: ", f"summary: {marker} ", 1))
            start = time.perf_counter()
            _wait_for(url, marker, 60)
            times.append(time.perf_counter() - start)
            rewritten.append(sum(1 for p, t in before.items() if p.stat().st_mtime_ns != t))
            # A random pause: a fixed one would keep each save at the same point of MkDocs' polling cycle.
            time.sleep(1 + pause.random())
        return {"times": times, "rewritten": rewritten, "files": len(before)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{text!r} did not appear at {url}")


def python_lines() -> int:
    """Lines of Python in the package (blank lines and comments included: what a maintainer reads)."""
    return sum(len(path.read_text(encoding="utf-8").splitlines()) for path in PACKAGE.rglob("*.py"))


def run_bench(repo: Path, sizes: list[int], serve_rounds: int, pairs: int) -> None:
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; package: {python_lines():,} lines of Python"
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if sizes:
            rows = measure_sizes(repo, sizes, work)
            print(
                f"{'entries':>8} {'load':>7} {'render':>7} {'our share':>9} {'build':>8} {'plain MkDocs':>12} "
                f"{'build/floor':>11} {'pages':>6} {'ms/entry':>8} {'search gz KB':>12}"
            )
            for r in rows:
                print(
                    f"{r['n']:>8,} {r['load']:>6.2f}s {r['render']:>6.2f}s "
                    f"{100 * (r['load'] + r['render']) / r['build']:>8.1f}% {r['build']:>7.2f}s {r['floor']:>11.2f}s "
                    f"{r['build'] / r['floor']:>11.2f} {r['pages']:>6,} {1000 * r['build'] / r['n']:>8.2f} "
                    f"{r['search_gz'] / 1024:>12.0f}"
                )
            for small, large in zip(rows, rows[1:]):
                per_entry = (large["build"] / large["n"]) / (small["build"] / small["n"]) - 1
                print(f"{large['n']:,} against {small['n']:,}: time per entry {100 * per_entry:+.0f}%")
        real = real_site(repo, work, pairs)
        print(
            f"real site: {real['pages']} pages; build {real['build']:.2f}s, plain MkDocs {real['floor']:.2f}s "
            f"(build/floor {real['ratio']:.2f}, the median of {len(real['ratios'])} pair(s): "
            f"{min(real['ratios']):.2f}-{max(real['ratios']):.2f}); our work {real['ours']:.2f}s; "
            f"search index {real['index_kb']:.0f} KB ({real['index_gz_kb']:.0f} KB gzipped)"
        )
        print(
            "first view, gzipped (HTML, CSS, JavaScript): "
            + ", ".join(f"{page} {kb:.0f} KB" for page, kb in real["weights"].items())
        )
        if serve_rounds:
            preview = preview_latency(repo, work, serve_rounds)
            print(
                f"preview: a saved YAML edit served after {statistics.median(preview['times']):.2f}s (median of "
                f"{serve_rounds}; {min(preview['times']):.2f}-{max(preview['times']):.2f}s); each save rewrote "
                f"{max(preview['rewritten'])} of {preview['files']} generated files at most"
            )
