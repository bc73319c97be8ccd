"""`spaceatlas bench --hostile`: the cost of the worst pull request the schema lets through.

Up to 5 MB of YAML shaped to make the build do the most work per byte: 130 instruments whose
party lists run from the year 0001 to today (a year series per instrument), and 1,000 programs
of 200 states each (every pair of states shares every program). The budget is 10 s to validate,
2 minutes to build and 1 GB of memory; this prints what each step took.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..model.countries import country_codes
from .bench import Report
from .build_timing import project_copy, timed

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


def run_hostile_bench(root: Path, write: bool = False) -> str:
    report = Report(root, "spaceatlas bench --hostile")
    with tempfile.TemporaryDirectory() as folder:
        project = project_copy(root, Path(folder) / "project", content=False)
        size = hostile_content(project)
        report.add(f"Hostile content: {size / 1e6:.1f} MB of YAML ({INSTRUMENTS} instruments, {PROGRAMS:,} programs).")
        rows = []
        for step, args, budget in (
            ("validate", ["spaceatlas", "--root", str(project), "validate"], "10 s"),
            ("build", ["mkdocs", "build", "--strict", "--site-dir", str(project / "site")], "120 s, 1,024 MiB"),
        ):
            seconds, code, peak = timed(args, project)
            rows.append(f"| {step} | {seconds:.1f} s | {peak:,} MiB | {code} | {budget} |")
        report.add("| Step | Seconds | Peak memory | Exit status | Budget |", "|---|---:|---:|---:|---|", *rows)
    return report.finish("bench --hostile", write)
