"""What a maintainer waits for in the preview, for `spaceatlas bench`: the seconds from saving a
YAML file in `mkdocs serve --dirty` (as scripts/serve.sh runs it) to the new text being served."""

from __future__ import annotations

import random
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .build_timing import ENV, project_copy


def preview_latency(root: Path, work: Path, rounds: int) -> list[float]:
    """Edit ESA's summary `rounds` times; the seconds until each edit was served."""
    project = project_copy(root, work / "preview", content=True)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{free.getsockname()[1]}"
    serve = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", address]
    server = subprocess.Popen(serve, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://{address}/agencies/esa/"
    path = project / "content/agencies/esa.yaml"
    original = path.read_text()
    times = []
    try:
        _wait_for(url, "European Space Agency", 180)
        for round_ in range(rounds):
            if round_:  # a random pause: a fixed one would keep each save at the same point of any polling cycle
                time.sleep(1 + random.random())
            path.write_text(original.replace("summary: ", f"summary: Benchmark marker {round_} ", 1))
            start = time.perf_counter()
            _wait_for(url, f"Benchmark marker {round_}", 60)
            times.append(time.perf_counter() - start)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return times


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
