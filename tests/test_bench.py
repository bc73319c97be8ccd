"""`spaceatlas bench` runs and prints every figure it promises (it asserts nothing about time)."""

import re
import subprocess
import sys

from conftest import REPO
from spaceatlas.tools.bench import ENV


def test_bench_prints_each_figure():
    run = subprocess.run(
        [sys.executable, "-m", "spaceatlas", "bench", "--sizes", "20", "30", "--serve-rounds", "1", "--pairs", "1"],
        cwd=REPO,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr
    assert re.search(r"package: [\d,]+ lines of Python", run.stdout)
    row = next(line for line in run.stdout.splitlines() if line.split()[:1] == ["30"])
    assert re.match(r"\s*30\s+[\d.]+s\s+[\d.]+s\s+[\d.]+%\s+[\d.]+s\s+[\d.]+s\s+[\d.]+\s+\d+", row), row
    assert re.search(r"30 against 20: time per entry [+-]\d+%", run.stdout)
    real = r"real site: \d+ pages; build [\d.]+s, plain MkDocs [\d.]+s "
    assert re.search(real + r"\(build/floor [\d.]+, the median of 1 pair\(s\): [\d.]+-[\d.]+\)", run.stdout)
    assert re.search(r"treaties/outer-space-treaty \d+ KB", run.stdout)
    assert re.search(r"preview: a saved YAML edit served after [\d.]+s .* each save rewrote \d+ of \d+", run.stdout)
