"""`spaceatlas bench` runs and prints every figure it promises (it asserts nothing about time)."""

import os
import re
import subprocess
import sys

from conftest import REPO


def test_bench_prints_each_figure_including_what_the_hook_logged_and_the_page_mix():
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    run = subprocess.run([sys.executable, "-m", "spaceatlas", "bench", "--sizes", "20", "30", "--serve-rounds", "0",
                          "--page-mix"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    row = next(line for line in run.stdout.splitlines() if line.split()[:1] == ["30"])
    # The "MkDocs held up" figure comes from the hook's log lines: a changed message would show as nan.
    assert "nan" not in row
    assert re.match(r"\s*30\s+[\d.]+s\s+[\d.]+s\s+[\d.]+s \([\d.]+%\)\s+[\d.]+s\s+[\d.]+s\s+[\d.]+%\s+[\d.]+ ", row), row
    assert re.search(r"our share on a fresh clone \(.*\): 20 [\d.]+% \([\d.]+s\), 30 [\d.]+% \([\d.]+s\)",
                     run.stdout)
    assert re.search(r"30 against 20: time per page [+-]\d+% \(plain MkDocs [+-]\d+%\), time per entry [+-]\d+%",
                     run.stdout)
    # --page-mix: the same Markdown with each page that is not an entry's cut to its heading, timed too.
    assert re.search(r"30 against 20, plain MkDocs with every page that is not an entry's cut to its heading "
                     r"\(\d+ and \d+\): time per page [+-]\d+%, time per entry [+-]\d+%", run.stdout)
    assert re.search(r"real site: \d+ pages, search index \d+ KB \(\d+ KB gzipped\); first page view \d+ KB",
                     run.stdout)
