"""`spaceatlas bench --lighthouse`: Lighthouse's mobile profile on six pages of the real site,
served gzipped from a local server, as a reader's phone would fetch them. Prints each page's
performance and accessibility scores and its total blocking time: the median of three runs.

Lighthouse comes from the npm registry (installed once into .cache/lighthouse); it drives the
machine's Chromium (Debian's chromium, or CHROMIUM). Nothing is downloaded at run time but the
npm package.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from .bench import Report
from .build_timing import ENV

LIGHTHOUSE = "lighthouse@12.8.2"
PAGES = {
    "front page": "",
    "a treaty with its map": "treaties/outer-space-treaty/",
    "status matrix": "status-matrix/",
    "a country": "countries/ke/",
    "timeline": "timeline/",
    "what changed": "changes/",
}
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml")
RUNS = 3  # Lighthouse's scores vary from run to run on a small machine: its own advice is the median of several
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzipped when the browser accepts it, as a real host would."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in TEXT or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@contextmanager
def _served(folder: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _lighthouse(repo: Path) -> Path:
    folder = repo / ".cache" / "lighthouse"
    binary = folder / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(folder), LIGHTHOUSE], check=True
        )
    return binary


def run_lighthouse(repo: Path, write: bool = False) -> str:
    binary = _lighthouse(repo)
    report = Report(repo, "spaceatlas bench --lighthouse")
    env = {"CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium"), **ENV}
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
        subprocess.run(build, cwd=repo, env=env, check=True, capture_output=True)
        with _served(site) as base:
            runs = {name: [] for name in PAGES}
            for _ in range(RUNS):  # round by round, so that a busy moment of the machine hits every page alike
                for name, path in PAGES.items():
                    result_file = Path(folder) / "report.json"
                    command = [str(binary), base + path, "--quiet", "--output=json", f"--output-path={result_file}"]
                    command += ["--only-categories=performance,accessibility", f"--chrome-flags={CHROME_FLAGS}"]
                    subprocess.run(command, env=env, check=True)
                    result = json.loads(result_file.read_text(encoding="utf-8"))
                    scores = {key: round(100 * value["score"]) for key, value in result["categories"].items()}
                    blocking = result["audits"]["total-blocking-time"]["numericValue"]
                    runs[name].append((scores["performance"], scores["accessibility"], blocking))
    for name, results in runs.items():
        performance, accessibility, blocking = sorted(results)[len(results) // 2]  # the run of median performance
        spread = f"{min(r[0] for r in results)}–{max(r[0] for r in results)}"
        rows.append(f"| {name} | {performance} | {spread} | {accessibility} | {blocking:,.0f} ms |")
    report.add(
        f"{LIGHTHOUSE}, mobile profile, pages served gzipped from 127.0.0.1; the median of {RUNS} runs per page:",
        "",
        "| Page | Performance | Range | Accessibility | Total blocking time |",
        "|---|---:|---:|---:|---:|",
        *rows,
    )
    return report.finish("bench --lighthouse", write)
