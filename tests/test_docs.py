"""The README is for users: short, with the day's measurements in PERFORMANCE.md."""

import re

from conftest import REPO


def test_readme_is_short():
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 200, f"README.md has {len(lines)} lines; move detail to CONTRIBUTING.md or PERFORMANCE.md"


def test_readme_links_to_files_that_exist():
    links = re.findall(r"\]\(([A-Z]+\.md)\)", (REPO / "README.md").read_text(encoding="utf-8"))
    assert {"CONTRIBUTING.md", "SECURITY.md", "PERFORMANCE.md"} <= set(links)
    assert all((REPO / link).is_file() for link in links)
