"""`spaceatlas bench --hostile`: the cost of the worst pull request the schema lets through.

Up to 5 MB of YAML shaped to make the build do the most work per byte: 130 instruments whose
party lists run from the year 0001 to today (a year series per instrument), and 1,000 programs
of 200 states each (every pair of states shares every program). The budget is 10 s to validate,
2 minutes to build and 1 GB of memory; this prints what each step took.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..model.countries import country_codes

INSTRUMENTS, PROGRAMS, STATES_PER_PROGRAM = 130, 1000, 200
SOURCE = "title: Hostile source\npublisher: Nobody\nsummary: A source for the hostile bench.\n"


def hostile_content(root: Path) -> int:
    """Write the hostile content under `root`; returns its size in bytes."""
    codes = country_codes()[:STATES_PER_PROGRAM]
    (root / "seeds").mkdir(parents=True)
    (root / "seeds/hostile-source.yaml").write_text(SOURCE)
    treaties, programs = root / "content/treaties", root / "content/programs"
    treaties.mkdir(parents=True)
    programs.mkdir(parents=True)
    for number in range(INSTRUMENTS):
        actions = "".join(
            f"  - {{party: {code}, action: accession, date: '{(index * 10 + number) % 2026 + 1:04d}'}}\n"
            for index, code in enumerate(codes)
        )
        (treaties / f"hostile-{number:03d}.yaml").write_text(
            f"title: Hostile instrument {number}\nkind: treaty\nsummary: A long list.\nsources: [hostile-source]\n"
            f"parties:\n  as_of: '2026'\n  source: hostile-source\n  actions:\n{actions}"
        )
    half = STATES_PER_PROGRAM // 2
    for number in range(PROGRAMS):
        partners = "".join(f"  - {{party: {code}}}\n" for code in codes[:half])
        (programs / f"hostile-{number:04d}.yaml").write_text(
            f"title: Hostile program {number}\nstatus: active\ndomains: [science]\nsummary: Everyone.\n"
            f"sources: [hostile-source]\nhost_countries: [{', '.join(codes[half:])}]\npartners:\n{partners}"
        )
    return sum(path.stat().st_size for path in root.rglob("*.yaml"))


def _timed(command: list[str], cwd: Path) -> tuple[float, int, int]:
    """Seconds, exit code and peak memory (MiB) of one command, run through Python's own process."""
    script = (
        "import re, runpy, sys; sys.argv = sys.argv[1:];"
        "code = 0\n"
        "try: runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
        "except SystemExit as exit: code = exit.code or 0\n"
        "print('peak', re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1), file=sys.stderr)\n"
        "sys.exit(code)"
    )
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", script, *command], cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = re.search(r"peak (\d+)", run.stderr)
    return seconds, run.returncode, int(peak.group(1)) // 1024 if peak else -1


def run_hostile_bench(repo: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        size = hostile_content(root)
        shutil.copytree(repo / "templates", root / "templates")
        shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
        print(f"hostile content: {size / 1e6:.1f} MB of YAML ({INSTRUMENTS} instruments, {PROGRAMS} programs)")
        print(f"{'step':<10} {'seconds':>8} {'peak MiB':>9} {'exit':>5}   budget")
        for step, command, budget in (
            ("validate", ["spaceatlas", "--root", str(root), "validate"], "10 s"),
            ("build", ["mkdocs", "build", "--strict", "--site-dir", str(root / "site")], "120 s, 1024 MiB"),
        ):
            seconds, code, peak = _timed(command, root)
            print(f"{step:<10} {seconds:>8.1f} {peak:>9} {code:>5}   {budget}")
