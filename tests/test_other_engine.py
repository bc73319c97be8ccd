"""Engine independence: `spaceatlas generate` writes plain Markdown that Zensical (the Material
team's successor to MkDocs) builds into pages that link to each other."""

import os
import shutil
import subprocess
import sys

from conftest import make_project


def test_zensical_builds_the_generated_markdown(tmp_path, run_cli):
    project = make_project(tmp_path / "project")
    docs = tmp_path / "zensical" / "docs"
    code, _, err = run_cli("--root", project, "generate", docs)
    assert code == 0, err
    shutil.copytree(project / "templates/static", docs, dirs_exist_ok=True)
    (tmp_path / "zensical" / "zensical.toml").write_text(
        '[project]\nsite_name = "Space Cooperation Atlas"\ndocs_dir = "docs"\nsite_dir = "site"\n'
        'extra_css = ["stylesheets/atlas.css"]\nextra_javascript = ["javascripts/atlas.js"]\n',
        encoding="utf-8",
    )
    zensical = shutil.which("zensical", path=os.path.dirname(sys.executable))
    result = subprocess.run([zensical, "build"], cwd=tmp_path / "zensical", capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "zensical" / "site"
    treaty = (site / "treaties/outer-space-treaty/index.html").read_text(encoding="utf-8")
    program = (site / "programs/international-space-station/index.html").read_text(encoding="utf-8")
    assert "Outer Space Treaty" in treaty
    assert 'href="../rescue-agreement/"' in treaty or 'href="../rescue-agreement/index.html"' in treaty
    assert "../../agencies/nasa/" in program
    assert (site / "agencies/nasa/index.html").is_file() and (site / "countries/no/index.html").is_file()
