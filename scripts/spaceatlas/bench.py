"""`spaceatlas bench`: how the build grows with the content, on synthetic entries of
realistic shape. It prints figures and asserts nothing about time."""

from __future__ import annotations

import gzip
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from .countries import country_codes

WORDS = ("cooperation agency mission orbit partner treaty launch station module science data exploration "
         "lunar instrument agreement policy satellite research program signatory national international "
         "observatory spacecraft support provides operates through under between with joint").split()
SHARES = {"treaty": 0.10, "program": 0.40, "agency": 0.25, "concept": 0.05, "source": 0.20}
FOLDERS = {"treaty": "content/treaties", "program": "content/programs", "agency": "content/agencies",
           "concept": "content/concepts", "source": "seeds"}


def _text(rng: random.Random, words: int) -> str:
    sentence = [rng.choice(WORDS) for _ in range(words)]
    return (" ".join(sentence).capitalize() + ".")


def synthetic_content(root: Path, total: int, seed: int = 42) -> dict[str, int]:
    """Write `total` entries of every type, with references between them, under `root`."""
    rng = random.Random(seed)
    counts = {name: max(1, int(total * share)) for name, share in SHARES.items()}
    slugs = {name: [f"{name}-{i:05d}" for i in range(count)] for name, count in counts.items()}
    codes = country_codes()
    for folder in FOLDERS.values():
        (root / folder).mkdir(parents=True, exist_ok=True)

    def common(name: str) -> dict:
        return {"title": f"{name.capitalize()} {rng.randrange(10**6)} {_text(rng, 4)[:-1]}",
                "aliases": [f"{name[:3].upper()}{rng.randrange(1000)}"],
                "summary": _text(rng, 45),
                "description": _text(rng, 120) + "\n\n" + _text(rng, 120),
                "concepts": rng.sample(slugs["concept"], min(2, len(slugs["concept"]))),
                "sources": rng.sample(slugs["source"], min(2, len(slugs["source"])))}

    for slug in slugs["source"]:
        data = {"title": _text(rng, 8), "publisher": "Synthetic Publisher", "date": f"20{rng.randrange(10, 24)}",
                "address": f"https://example.org/{slug}", "summary": _text(rng, 40)}
        (root / FOLDERS["source"] / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    for slug in slugs["concept"]:
        data = common("concept") | {"kind": "term", "concepts": []}
        (root / FOLDERS["concept"] / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    for slug in slugs["agency"]:
        data = common("agency") | {"acronym": "AG" + slug[-5:], "kind": "national-agency",
                                    "country": rng.choice(codes), "founded": f"19{rng.randrange(50, 99)}",
                                    "headquarters": "Synthetic City", "website": f"https://example.org/{slug}"}
        (root / FOLDERS["agency"] / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    for slug in slugs["treaty"]:
        actions = [{"party": rng.choice(codes), "action": rng.choice(["signature", "ratification", "accession"]),
                    "date": f"19{rng.randrange(60, 99)}-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}"}
                   for _ in range(rng.randrange(5, 20))]
        data = common("treaty") | {"kind": "treaty", "dates": {"opened_for_signature": "1967-01-27",
                                                               "entered_into_force": "1967-10-10"},
                                   "key_provisions": [{"article": f"Article {i}", "text": _text(rng, 20)}
                                                      for i in range(1, 4)],
                                   "related": rng.sample([s for s in slugs["treaty"] if s != slug],
                                                         min(2, len(slugs["treaty"]) - 1)),
                                   "parties": {"as_of": "2024-01-01", "source": rng.choice(slugs["source"]),
                                               "actions": actions}}
        (root / FOLDERS["treaty"] / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    for slug in slugs["program"]:
        # Two partners in three are agencies, as in the real content (36 of 56), at every size: choosing
        # from agencies and countries together drifted from one in two at 1,000 entries to five in six at
        # 5,000, so each agency had two thirds more partner programs at 5,000.
        partners = [{"party": rng.choice(slugs["agency"]) if rng.random() < 2 / 3 else rng.choice(codes),
                     "contribution": _text(rng, 12)} for _ in range(rng.randrange(2, 6))]
        data = common("program") | {"status": rng.choice(["planned", "active", "completed"]),
                                    "start": f"{rng.randrange(1970, 2024)}", "lead": rng.choice(slugs["agency"]),
                                    "partners": partners, "domains": ["science"],
                                    "instruments": rng.sample(slugs["treaty"], 1)}
        (root / FOLDERS["program"] / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return counts


def _project(repo: Path, target: Path) -> None:
    for name in ("templates", "scripts"):
        shutil.copytree(repo / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(repo / "mkdocs.yml", target / "mkdocs.yml")


_MEASURE = """
import re, resource, subprocess, sys, time
start = time.perf_counter()
run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
def logged(pattern):
    found = re.search(pattern, run.stderr)
    return found.group(1) if found else "nan"
print(run.returncode, elapsed, peak, logged(r"set up [0-9,]+ pages and data files in ([0-9.]+) seconds"),
      logged(r"MkDocs waited ([0-9.]+) seconds for rendered pages"),
      logged(r"the generator's work took ([0-9.]+) seconds of CPU"))
"""


def _measured(command: list[str], cwd: Path) -> dict:
    """Run a command; return its seconds, its peak resident memory in KiB, and what the hook logged
    in that build (NaN without the hook): how long it held MkDocs up (setting up the pages, then
    waiting for rendered ones), and the CPU time of our work in MkDocs' process and the second
    process together."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    out = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    if out[0] != "0":
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}")
    return {"seconds": float(out[1]), "peak_kib": int(out[2]), "held_up": float(out[3]) + float(out[4]),
            "ours": float(out[5])}


def _site_figures(site: Path) -> dict:
    pages = list(site.rglob("*.html"))
    html_bytes = sum(p.stat().st_size for p in pages)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = (site / "search/search_index.json").read_bytes()
    return {"pages": len(pages), "site_mb": total / 2**20, "html_per_page": html_bytes / len(pages),
            "search_kb": len(index) / 1024, "search_gz_kb": len(gzip.compress(index, 9)) / 1024}


_OUR_WORK = """
import sys, time
from pathlib import Path
from spaceatlas.generate import fewer_gc_pauses, load_atlas, render_atlas
project = Path(sys.argv[1])
with fewer_gc_pauses():  # as build_site, which the MkDocs hook calls
    start = time.perf_counter()
    atlas = load_atlas(project)
    loaded = time.perf_counter()
    files = render_atlas(atlas, project).files
    for path in files:  # every file, in this one process: what rendering costs in all
        files[path]
print(loaded - start, time.perf_counter() - loaded)
"""


def _our_work(project: Path, cold: bool = False) -> tuple[float, float]:
    """Seconds to load and validate, and to render everything, in a fresh process (nothing
    compiled or cached in memory beforehand), as `mkdocs build` would on this project. It finds
    what the last build kept in .cache (parsed YAML, compiled templates); `cold`: nothing, as on
    a fresh clone (the run keeps them again for the next)."""
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    out = subprocess.run([sys.executable, "-c", _OUR_WORK, str(project)], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), float(out[1])


def _bare(text: str) -> str:
    """A page cut to its front matter and first line (its heading)."""
    head, _, body = text.partition("\n---\n\n")
    heading = body.split("\n", 1)[0]
    return f"{head}\n---\n\n{heading}\n"


def prepare_size(repo: Path, total: int, work: Path, page_mix: bool = False) -> dict:
    """Write a project of `total` synthetic entries and, beside it, the floor: the same generated
    Markdown with the same config for plain MkDocs (no hook). `page_mix`: also a copy of the floor
    with every page that is not an entry's (countries, indexes, timeline, map...) cut to its heading."""
    from .generate import build_site
    from .schema import TYPE_BY_FOLDER

    project = work / f"n{total}"
    _project(repo, project)
    synthetic_content(project, total)
    # Like any build after the first, every timed run finds the YAML parsed and the templates
    # compiled (.cache), except the runs timing our work on a fresh clone.
    texts = dict(build_site(project).files.items())
    floor = work / f"floor{total}"
    (floor / "docs").mkdir(parents=True)
    shutil.copytree(project / "templates/static", floor / "docs", dirs_exist_ok=True)
    for path, text in texts.items():
        (floor / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (floor / "docs" / path).write_text(text, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text().replace("docs_dir: templates/static", "docs_dir: docs")
    config = config.replace("hooks:\n  - scripts/mkdocs_hooks.py\n", "")
    config = re.sub(r"(?m)^watch:\n(?:  - .*\n)+", "", config)
    config = config.replace("custom_dir: templates/overrides", f"custom_dir: {project / 'templates/overrides'}")
    (floor / "mkdocs.yml").write_text(config)
    size = {"n": total, "project": project, "floor": floor}
    if page_mix:
        size["bare"] = work / f"bare{total}"
        shutil.copytree(floor, size["bare"])
        bare = [path for path in texts if path.endswith(".md")
                and (path.rpartition("/")[0] not in TYPE_BY_FOLDER or path.endswith("/index.md"))]
        for path in bare:
            (size["bare"] / "docs" / path).write_text(_bare(texts[path]), encoding="utf-8")
        size["bare_pages"] = len(bare)
    return size


def timed_builds(sizes: list[dict]) -> list[str]:
    """Time, for each size, our work alone in a fresh process ("ours"), the build with the hook
    ("build") and plain MkDocs on its Markdown ("floor"; and "bare", that Markdown with the pages
    that are not entries' cut to their heading, if prepared), twice each, in an order that reads the
    same backwards: 100 ours, 100 build, 100 floor, 1000 ours, ... 1000 ours, 100 floor, 100 build,
    100 ours. This machine's speed drifts by several per cent over minutes; every series is
    centred on the same moment, so a steady drift cancels out of each ratio (our work to the
    build, build to floor, time per page at one size to another). Adds each size's figures (the
    means of its two runs); returns the order run, for the record."""
    half = [(size, kind) for size in sizes for kind in ("ours", "build", "floor", "bare")
            if kind != "bare" or "bare" in size]
    order = []
    for size in sizes:
        size["runs"] = {"ours": [], "build": [], "floor": [], "bare": []}
    for size, kind in half + half[::-1]:
        if kind == "ours":
            cold = sum(_our_work(size["project"], cold=True))
            load_s, render_s = _our_work(size["project"])
            size["runs"]["ours"].append({"load": load_s, "render": render_s, "cold": cold})
            order.append(f"{size['n']} ours {cold:.1f}s cold, {load_s + render_s:.1f}s")
            continue
        where = {"build": size["project"], "floor": size["floor"], "bare": size.get("bare")}[kind]
        # Not strict for the bare pages: links to their sections now miss.
        strict = ["--strict"] if kind != "bare" else []
        run = _measured([sys.executable, "-m", "mkdocs", "build", *strict, "-d", "site"], where)
        size["runs"][kind].append(run)
        order.append(f"{size['n']} {kind} {run['seconds']:.1f}s")
    for size in sizes:
        ours, builds, floors = size["runs"]["ours"], size["runs"]["build"], size["runs"]["floor"]
        size.update(load_s=sum(r["load"] for r in ours) / 2, render_s=sum(r["render"] for r in ours) / 2,
                    cold_s=sum(r["cold"] for r in ours) / 2,
                    build_s=sum(r["seconds"] for r in builds) / 2, floor_s=sum(r["seconds"] for r in floors) / 2,
                    hook_s=sum(r["held_up"] for r in builds) / 2, ours_in_build_s=sum(r["ours"] for r in builds) / 2,
                    peak_mb=max(r["peak_kib"] for r in builds) / 1024, **_site_figures(size["project"] / "site"))
        if size["runs"]["bare"]:
            size["bare_s"] = sum(r["seconds"] for r in size["runs"]["bare"]) / 2
    return order


def serve_latency(repo: Path, rounds: int = 5) -> list[float]:
    """Seconds from saving a changed YAML file in `mkdocs serve --dirty` (as scripts/serve.sh runs it, on the
    real content) to the new text being served."""
    import socket

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        _project(repo, project)
        for name in ("content", "seeds"):
            shutil.copytree(repo / name, project / name)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true",
                   PYTHONPATH=str(project / "scripts"))
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                  cwd=project,
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/agencies/esa/"
        try:
            _wait_for(url, "European Space Agency", 120)
            times = []
            pause = random.Random(7)
            path = project / "content/agencies/esa.yaml"
            original = path.read_text()
            for round_ in range(rounds):
                marker = f"Benchmark marker {round_}"
                path.write_text(original.replace("summary: ", f"summary: {marker} ", 1))
                start = time.perf_counter()
                _wait_for(url, marker, 60)
                times.append(time.perf_counter() - start)
                # A random pause: a fixed one would keep each save at the same point of MkDocs'
                # 0.5 s polling cycle and measure that one phase every time.
                time.sleep(1 + pause.random())
            return times
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


def reader_weight(site: Path) -> dict:
    """Compressed bytes for a first page view (HTML, CSS, JS) and for the first search (index + worker)."""
    def gz(path: Path) -> int:
        return len(gzip.compress(path.read_bytes(), 9))

    page = site / "treaties/outer-space-treaty/index.html"
    html = page.read_text(encoding="utf-8")

    assets = [site / "treaties/outer-space-treaty" / ref for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html)]
    first_view = gz(page) + sum(gz(p.resolve()) for p in assets if p.resolve().is_file())
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js"))
    first_search = gz(site / "search/search_index.json") + gz(worker)
    return {"first_view_kb": first_view / 1024, "first_search_kb": first_search / 1024}


def _growth(small: dict, large: dict, key: str, per: str | None = None) -> str:
    """How much larger a figure (per page, per entry, or as it is) is at the larger size, in per cent."""
    def value(r: dict) -> float:
        return r[key] / r[per] if per else r[key]
    return f"{100 * (value(large) / value(small) - 1):+.0f}%"


def run_bench(repo: Path, sizes: list[int], serve_rounds: int, page_mix: bool = False) -> None:
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    # "load+validate" and "render": our work in a fresh process, as `mkdocs build` does it but all in
    # that one process, finding what the build before kept (parsed YAML, compiled templates).
    # "our share": that work over the full build. "MkDocs held up": how long the
    # hook kept the real build waiting (importing, loading and checking, then waiting for rendered
    # pages: a second process renders them meanwhile). ms/entry as well as ms/page: the 249
    # country pages are there at every size and list more as the entries grow, so time per page
    # rises even where time per entry does not.
    header = (f"{'N':>6} {'load+validate':>13} {'render':>7} {'MkDocs held up':>17} {'build':>7} {'plain MkDocs':>12} "
              f"{'our share':>9} "
              f"{'build/floor':>11} {'peak MB':>8} {'site MB':>8} {'HTML B/page':>11} {'ms/page':>8} {'ms/entry':>8} "
              f"{'search KB':>9} {'search gz KB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        prepared = [prepare_size(repo, size, Path(tmp), page_mix) for size in sizes]
        order = timed_builds(prepared)
        print(header)
        for r in prepared:
            hook = f"{r['hook_s']:.2f}s ({100 * r['hook_s'] / r['build_s']:.1f}%)"
            print(f"{r['n']:>6} {r['load_s']:>12.2f}s {r['render_s']:>6.2f}s {hook:>17} {r['build_s']:>6.2f}s "
                  f"{r['floor_s']:>11.2f}s {100 * (r['load_s'] + r['render_s']) / r['build_s']:>8.1f}% "
                  f"{r['build_s'] / r['floor_s']:>11.2f} "
                  f"{r['peak_mb']:>8.0f} {r['site_mb']:>8.1f} {r['html_per_page']:>11.0f} "
                  f"{1000 * r['build_s'] / r['pages']:>8.2f} {1000 * r['build_s'] / r['n']:>8.2f} {r['search_kb']:>9.0f} {r['search_gz_kb']:>12.0f}")
        print("our share on a fresh clone (no parsed YAML or compiled templates kept from an earlier build): "
              + ", ".join(f"{r['n']:,} {100 * r['cold_s'] / r['build_s']:.1f}% ({r['cold_s']:.2f}s)" for r in prepared))
        # The same work timed inside the real builds also counts importing the generator and
        # handing the pages from the second process to MkDocs, running beside MkDocs.
        print("our work's CPU time inside the builds (in MkDocs' process and the second one), over the build: " + ", ".join(f"{r['n']:,} {100 * r['ours_in_build_s'] / r['build_s']:.1f}%"
                                             for r in prepared))
        for small, large in zip(prepared, prepared[1:]):
            print(f"{large['n']:,} against {small['n']:,}: time per page {_growth(small, large, 'build_s', 'pages')} "
                  f"(plain MkDocs {_growth(small, large, 'floor_s', 'pages')}), "
                  f"time per entry {_growth(small, large, 'build_s', 'n')}, "
                  f"HTML per page {_growth(small, large, 'html_per_page')}")
            if page_mix:
                # The same Markdown, but each page not an entry's cut to its heading: if time per page
                # still grows, it is because those pages are a smaller part of the site at the larger size.
                print(f"{large['n']:,} against {small['n']:,}, plain MkDocs with every page that is not an entry's "
                      f"cut to its heading ({small['bare_pages']} and {large['bare_pages']}): time per page "
                      f"{_growth(small, large, 'bare_s', 'pages')}, "
                      f"time per entry {_growth(small, large, 'bare_s', 'n')}")
        print("the builds in the order run: " + ", ".join(order), flush=True)
        real = Path(tmp) / "real"
        _measured([sys.executable, "-m", "mkdocs", "build", "-d", str(real)], repo)
        weight = reader_weight(real)
        figures = _site_figures(real)
        print(f"real site: {figures['pages']} pages, search index {figures['search_kb']:.0f} KB "
              f"({figures['search_gz_kb']:.0f} KB gzipped); first page view {weight['first_view_kb']:.0f} KB "
              f"gzipped, first search {weight['first_search_kb']:.0f} KB gzipped")
    if serve_rounds:
        times = serve_latency(repo, serve_rounds)
        print("mkdocs serve --dirty, saved YAML edit to page served (real content): "
              + ", ".join(f"{t:.2f}s" for t in times) + f"; median {sorted(times)[len(times) // 2]:.2f}s")
