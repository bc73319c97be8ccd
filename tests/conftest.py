"""Shared fixtures: throwaway projects built from fixture content, and the real site built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"
FIXED_MTIME = 1704110400  # 2024-01-01 12:00 UTC
sys.path.insert(0, str(REPO / "scripts"))
# The founding documents, beside the repository (not in it); three tests compare the content with them.
SEEDS = Path(os.environ.get("SPACEATLAS_SEEDS_DIR", REPO.parent / "shared" / "seeds"))

from spaceatlas.tools.cli import main as spaceatlas_main  # noqa: E402


def make_project(target: Path, content_from: Path = FIXTURE_SITE) -> Path:
    """A complete project folder: the repo's code, templates and config with the given content."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("templates", "scripts"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for name in ("content", "seeds"):
        if (content_from / name).is_dir():
            shutil.copytree(content_from / name, target / name)
    # Outside git, "last updated" falls back to file dates: pin them so pages are reproducible.
    for path in list((target / "content").rglob("*")) + list((target / "seeds").rglob("*")):
        os.utime(path, (FIXED_MTIME, FIXED_MTIME))
    return target


def schema_validator(schema: dict):
    """A validator for a JSON Schema, checked and built once: `jsonschema.validate` does both again
    for every document, which made checking the 682 source records take seconds."""
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def a_former_source_slug() -> tuple[str, str]:
    """A source record's former slug (its redirect_from) and its slug now, from the real content."""
    import yaml

    for path in sorted((REPO / "seeds").glob("*.yaml")):
        if "redirect_from" in (text := path.read_text(encoding="utf-8")):
            return yaml.safe_load(text)["redirect_from"][0], path.stem
    pytest.skip("no source record has a former slug")


def entries_by_key(atlas) -> dict:
    """Every entry by its key ('programs/gateway'), and by each of its former keys (its
    redirect_from): tests that name entries follow a rename, as the site's addresses do."""
    found = {}
    for entry in atlas.all_entries():
        found[entry.key] = entry
        for old in entry.fields.redirect_from:
            found.setdefault(f"{entry.type.folder}/{old}", entry)
    return found


NO_SEEDS = (
    f"the founding documents are not in {SEEDS} (../shared/seeds, beside the repository): "
    "the tests that compare the content with them are skipped"
)


@pytest.fixture(scope="session")
def seed_documents() -> list[Path]:
    """The founding documents; without them, the tests that read them are skipped."""
    documents = sorted(SEEDS.glob("*.txt"))
    if not documents:
        pytest.skip(NO_SEEDS)
    return documents


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Each skip for want of the founding documents is reported at this file's fixture, not at its
    test, so that `-ra` (on by default) folds them into one line: SKIPPED [3] tests/conftest.py: …"""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple) and report.longrepr[2].endswith(NO_SEEDS):
        report.longrepr = (__file__, None, report.longrepr[2])
    return report


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture
def write(project):
    def _write(relative: str, text: str) -> Path:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def run_cli(capsys):
    """Run `spaceatlas ARGS` in-process; return (exit code, stdout, stderr)."""

    def _run(*args: str):
        code = spaceatlas_main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def _mkdocs_build_command(project: Path, site_dir: Path) -> tuple[list[str], dict]:
    env = dict(
        os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONPATH=str(project / "scripts")
    )
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)], env


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    command, env = _mkdocs_build_command(project, site_dir)
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


# The real site's build is a fifth of `scripts/test.sh --fast` (about 12 s of one core, 2026-12-07).
# It starts in the background as soon as the tests are collected, and the tests that read it run
# last, so that on two cores it overlaps with the rest instead of adding to it.
REAL_SITE_BUILD = pytest.StashKey[tuple]()


def _start_real_site_build(config) -> tuple:
    folder = Path(tempfile.mkdtemp(prefix="spaceatlas-real-site-"))
    command, env = _mkdocs_build_command(REPO, folder / "site")
    log = (folder / "build.log").open("w", encoding="utf-8")
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    config.stash[REAL_SITE_BUILD] = (process, folder, log)
    return config.stash[REAL_SITE_BUILD]


def pytest_collection_modifyitems(config, items):
    reading = [item for item in items if "real_site" in getattr(item, "fixturenames", ())]
    if reading:
        items[:] = [item for item in items if item not in reading] + reading
        if not config.option.collectonly:
            _start_real_site_build(config)


def pytest_sessionfinish(session):
    process, folder, log = session.config.stash.get(REAL_SITE_BUILD, (None, None, None))
    if process is not None:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def real_plan():
    """The real content, loaded, checked and given its addresses once for every test that reads it."""
    from spaceatlas.site.plan import plan_site
    from spaceatlas.tools.settings import project_settings

    return plan_site(project_settings(REPO))


@pytest.fixture(scope="session")
def real_site(request) -> Path:
    """The real content built once with `mkdocs build --strict` (started at collection); tests read its HTML."""
    build = request.config.stash.get(REAL_SITE_BUILD, None) or _start_real_site_build(request.config)
    process, folder, log = build
    process.wait(timeout=600)
    log.flush()
    assert process.returncode == 0, (folder / "build.log").read_text(encoding="utf-8")
    return folder / "site"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The small fixture content built once with `mkdocs build --strict`."""
    root = make_project(tmp_path_factory.mktemp("fixture") / "project")
    site = root / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# The browser and the served real site, shared by the browser test modules.
from browser import browser, site_url  # noqa: E402, F401
