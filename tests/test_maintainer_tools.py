"""Maintainers' tools: scaffolding, GitHub annotations, the editor schema, workflows and live preview."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import jsonschema
import pytest
import yaml

from conftest import REPO, make_project, schema_validator
from spaceatlas.read.content_files import Project
from spaceatlas.read.inspect_schema import literal_choices
from spaceatlas.read.scaffold_text import PLACEHOLDERS
from spaceatlas.read.schema import ENTRY_TYPES
from spaceatlas.read.strict_yaml import parse_yaml

FOLDERS = {name: Project(REPO).directory(entry_type) for name, entry_type in ENTRY_TYPES.items()}

SOURCES_LINE = "sources: []  # e.g. [johnson-2011-iac-cooperation]"
FILLED = {"title": "Lunar Test Rover", "summary": "A rover used by the tests."}


def fill(text: str, fields=FILLED) -> str:
    """A scaffold with its placeholders replaced (those of `fields`), citing the fixture's source."""
    for name, placeholder in PLACEHOLDERS.items():
        assert placeholder in text
        if name in fields:
            text = re.sub(rf"^{name}: (>-\n  )?{re.escape(placeholder)}$", f"{name}: {fields[name]}", text, flags=re.M)
    return text.replace(SOURCES_LINE, "sources: [example-source]")


@pytest.mark.parametrize("type_name", sorted(ENTRY_TYPES))
def test_new_writes_a_scaffold_that_validates_once_filled_in(project, run_cli, type_name):
    code, out, _ = run_cli("--root", project, "new", type_name, "lunar-test-rover")
    assert code == 0
    path = project / FOLDERS[type_name] / "lunar-test-rover.yaml"
    text = path.read_text()
    assert "# REQUIRED." in text and "# optional." in text
    header = text.split("\n\n", 1)[0]  # it names only fields of its own type (a source has no `sources`)
    assert set(re.findall(r"`(\w+)`", header)) <= set(ENTRY_TYPES[type_name].model.model_fields)
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1 and "lunar-test-rover.yaml" in err  # unfilled: it says what is missing
    text = fill(text)
    if type_name == "source":
        text = text.replace("publisher:", "publisher: Tests")
    path.write_text(text)
    code, _, err = run_cli("--root", project, "validate")
    assert code == 0, err


@pytest.mark.parametrize("type_name", sorted(ENTRY_TYPES))
def test_a_scaffold_cannot_ship_with_its_placeholders(project, run_cli, type_name):
    code, _, _ = run_cli("--root", project, "new", type_name, "lunar-test-rover")
    path = project / FOLDERS[type_name] / "lunar-test-rover.yaml"
    text = fill(path.read_text(), fields={})  # only `sources` filled in
    path.write_text(text)
    written = parse_yaml(text).data
    model = ENTRY_TYPES[type_name].model
    # Every text the scaffold writes (not a choice among fixed values) is a placeholder it declares.
    texts = {name for name, value in written.items() if isinstance(value, str) and name != "sources"}
    texts -= {name for name in texts if literal_choices(model.model_fields[name].annotation)}
    assert texts == set(PLACEHOLDERS)
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    lines = text.splitlines()
    for name in PLACEHOLDERS:  # located at the value, after `name: ` on its key's line
        line = next(number for number, line in enumerate(lines, start=1) if line.startswith(f"{name}:"))
        where = f"{FOLDERS[type_name]}/lunar-test-rover.yaml:{line}:{len(name) + 3}"
        assert f"{where}: {name}: still the scaffold's placeholder; write " in err, err


def test_new_refuses_an_existing_slug(project, run_cli):
    code, _, err = run_cli("--root", project, "new", "agency", "nasa")
    assert code == 2 and "content/agencies/nasa.yaml already exists" in err


def test_new_refuses_a_slug_that_is_not_a_url_slug(project, run_cli):
    code, _, err = run_cli("--root", project, "new", "program", "Lunar Rover!")
    assert code == 2 and "not a valid slug" in err


def test_github_format_prints_annotations(project, write, run_cli):
    write(
        "content/agencies/typo.yaml",
        "title: T\nkind: national-agency\ncountry: XX\nsummary: S.\nsources: [example-source]\n",
    )
    code, out, err = run_cli("--root", project, "validate", "--format", "github")
    assert code == 1
    assert "::error file=content/agencies/typo.yaml,line=3,col=10,title=country::unknown country code 'XX'" in out
    assert "content/agencies/typo.yaml:3:10: country:" in err


OLD_LISTS = """title: Old Body
kind: intergovernmental-organization
members:
  as_of: 2001
  source: example-source
  list: [FR, DE]
head:
  name: A. Person
  role: Director
  as_of: 2002-05
  source: example-source
summary: A body whose lists were last checked long ago.
sources: [example-source]
"""


def test_old_lists_are_one_warning_line_unless_verbose(project, write, run_cli):
    write("content/agencies/old-body.yaml", OLD_LISTS)
    code, out, err = run_cli("--root", project, "validate")
    assert code == 0 and "content is valid" in out
    assert err.splitlines() == [
        "warning: 2 lists, heads or budgets are more than 3 years old; `spaceatlas validate --verbose` lists them"
    ]
    code, out, err = run_cli("--root", project, "validate", "--verbose")
    assert code == 0
    assert err.splitlines() == [
        "warning: content/agencies/old-body.yaml:4:10: members.as_of: as of 2001: more than 3 years old; "
        "check the newest source and update the list",
        "warning: content/agencies/old-body.yaml:10:10: head.as_of: as of 2002-05: more than 3 years old; "
        "check the newest source and update the list",
    ]


def test_github_format_keeps_one_warning_annotation_per_old_list(project, write, run_cli):
    write("content/agencies/old-body.yaml", OLD_LISTS)
    code, out, _ = run_cli("--root", project, "validate", "--format", "github")
    assert code == 0
    annotations = [line for line in out.splitlines() if line.startswith("::warning ")]
    assert [a.split(",title=")[0] for a in annotations] == [
        "::warning file=content/agencies/old-body.yaml,line=4,col=10",
        "::warning file=content/agencies/old-body.yaml,line=10,col=10",
    ]


@pytest.mark.parametrize("type_name", sorted(ENTRY_TYPES))
def test_editor_schema_accepts_every_real_entry(type_name):
    validator = schema_validator(json.loads((REPO / ".vscode/schemas" / f"{type_name}.json").read_text()))
    files = sorted((REPO / FOLDERS[type_name]).glob("*.yaml"))
    assert files
    for path in files:
        validator.validate(parse_yaml(path.read_text()).data)


@pytest.mark.parametrize(
    "broken",
    [
        {"title": "X", "kind": "national-agncy", "summary": "S.", "sources": ["a"]},
        {"title": "X", "kind": "national-agency", "summary": "S.", "sources": ["a"], "headquater": "Paris"},
        {"title": "X", "kind": "national-agency", "summary": "S.", "sources": []},
        {"title": "X", "kind": "national-agency", "summary": "S.", "sources": ["a"], "founded": "October 1958"},
        {"kind": "national-agency", "summary": "S.", "sources": ["a"]},
    ],
)
def test_editor_schema_rejects_broken_entries(broken):
    schema = json.loads((REPO / ".vscode/schemas/agency.json").read_text())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_vscode_maps_each_folder_to_its_schema():
    settings = json.loads((REPO / ".vscode/settings.json").read_text())
    for name in ENTRY_TYPES:
        assert settings["yaml.schemas"][f"./.vscode/schemas/{name}.json"] == f"{FOLDERS[name]}/*.yaml"


def test_workflows_validate_build_test_check_links_and_deploy():
    ci = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text())
    steps = " ".join(step.get("run", "") for step in ci["jobs"]["check"]["steps"])
    for command in ("validate --format github", "mkdocs build --strict", "check-links", "scripts/test.sh"):
        assert command in steps
    deploy = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text())
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["jobs"]["deploy"]["steps"])
    for template in ("incorrect-details.yml", "suggest-entry.yml"):
        form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE" / template).read_text())
        assert form["name"] and form["body"]
    precommit = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    assert "spaceatlas validate" in json.dumps(precommit)


def test_the_test_script_checks_the_derived_files_and_has_a_fast_mode():
    script = (REPO / "scripts/test.sh").read_text()
    assert "spaceatlas validate" in script and "spaceatlas docs --check" in script  # CI runs this script
    left_out = re.findall(r"--ignore=([\w/.]+)", script)  # by --fast
    assert sorted(left_out) == ["tests/test_bench.py", "tests/test_browser.py", "tests/test_browser_pictures.py"]
    assert all((REPO / path).is_file() for path in left_out)


def _top_level(text: str, separator: str) -> list[int]:
    """Where `separator` occurs in `text` outside parentheses."""
    depth, found = 0, []
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == separator and depth == 0:
            found.append(index)
    return found


def named_paths(pattern: str) -> list[str]:
    """The paths a simple `files:` pattern names: '^(scripts|tests)/' -> ['scripts/', 'tests/'].
    Only literals, escaped dots, groups of alternatives, ^ and $; anything else is refused, so that
    a pattern stays a list of paths this test can check."""
    pattern = pattern.removeprefix("^").removesuffix("$")
    if bars := _top_level(pattern, "|"):
        cuts = [-1, *bars, len(pattern)]
        return [path for a, b in zip(cuts, cuts[1:]) for path in named_paths(pattern[a + 1 : b])]
    paths, rest = [""], pattern
    while rest:
        if rest[0] == "(":
            close = _top_level(rest, ")")[0]  # where the group's depth returns to 0
            options, rest = named_paths(rest[1:close]), rest[close + 1 :]
            paths = [path + option for path in paths for option in options]
            continue
        char, rest = (".", rest[2:]) if rest.startswith("\\.") else (rest[0], rest[1:])
        assert char not in "*+?[]{}()|\\$^", f"not a plain list of paths: {pattern}"
        paths = [path + char for path in paths]
    return paths


def test_named_paths_reads_a_pattern():
    assert named_paths(r"^(scripts/a\.py|content/|(b|c)d/)") == ["scripts/a.py", "content/", "bd/", "cd/"]


def test_pre_commit_hooks_name_existing_paths_and_the_pinned_ruff():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    patterns = [hook[key] for hook in hooks.values() for key in ("files", "exclude") if key in hook]
    for pattern in patterns:
        for path in named_paths(pattern):
            assert (REPO / path).exists(), f"{pattern} names {path}, which does not exist"
    pins = dict(line.split("==", 1) for line in (REPO / "constraints.txt").read_text().splitlines() if "==" in line)
    (ruff,) = [repo for repo in config["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    assert ruff["rev"] == f"v{pins['ruff']}"
    # docs --check compares files derived from the schema and counts derived from the content
    watched = set(named_paths(hooks["spaceatlas-docs"]["files"]))
    assert {"scripts/spaceatlas/read/schema.py", "content/", "seeds/"} <= watched


def test_edit_link_points_at_the_yaml_file(tmp_path):
    from conftest import mkdocs_build

    project = make_project(tmp_path / "project")
    os.environ["EDIT_BASE_URL"] = "https://github.com/example/atlas/edit/main/"
    try:
        assert mkdocs_build(project, project / "site").returncode == 0
    finally:
        del os.environ["EDIT_BASE_URL"]
    page = (project / "site/agencies/nasa/index.html").read_text()
    assert 'href="https://github.com/example/atlas/edit/main/content/agencies/nasa.yaml"' in page
    assert 'href="https://github.com/example/atlas/commits/main/content/agencies/nasa.yaml"' in page  # its history
    assert "api.github.com" not in page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except Exception as exc:  # noqa: BLE001 - any failure means "not served yet"
        return getattr(exc, "code", 0), ""


def _wait_for_text(url: str, text: str, timeout: float = 60) -> str:
    deadline = time.time() + timeout
    body = ""
    while time.time() < deadline:
        status, body = _get(url)
        if status == 200 and text in body:
            break
        time.sleep(0.3)
    return body


def _builds_once_quiet(log, quiet: float = 1.0, timeout: float = 30) -> int:
    """How many builds the server's log shows, once none has started for `quiet` seconds
    (a server that rebuilds for ever never gets there, and the caller's count then differs)."""
    count, since, deadline = -1, time.time(), time.time() + timeout
    while time.time() < deadline:
        now = log.read_text().count("Building documentation")
        if now != count:
            count, since = now, time.time()
        elif time.time() - since >= quiet:
            break
        time.sleep(0.2)
    return count


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve --dirty"])
def test_serve_picks_up_new_entries_template_and_theme_edits_without_restarting(tmp_path, dirty):
    project = make_project(tmp_path / "project")
    port = _free_port()
    env = dict(
        os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONPATH=str(project / "scripts")
    )
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []), "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    base = f"http://127.0.0.1:{port}/"
    page = base + "programs/lunar-test-rover/"
    try:
        deadline = time.time() + 60
        while _get(base)[0] != 200 and time.time() < deadline:
            time.sleep(0.3)
        assert _get(base)[0] == 200
        # A new entry from the scaffold appears.
        subprocess.run(
            [sys.executable, "-m", "spaceatlas", "--root", str(project), "new", "program", "lunar-test-rover"],
            check=True,
            env=env,
            capture_output=True,
        )
        path = project / "content/programs/lunar-test-rover.yaml"
        path.write_text(fill(path.read_text()))
        assert "<td>Planned</td>" in _wait_for_text(page, "Lunar Test Rover")
        # An edit to a page template shows without a restart (an edit to the Python code needs one).
        template = project / "templates/pages/program.md.j2"
        template.write_text(
            template.read_text().replace(
                "| Status | {{ fields.status | label }} |", "| Status | {{ fields.status | label }} (edited) |"
            )
        )
        assert "<td>Planned (edited)</td>" in _wait_for_text(page, "<td>Planned (edited)</td>")
        # An edited theme override is used.
        search = project / "templates/overrides/partials/search.html"
        search.write_text(search.read_text().replace('role="dialog"', 'role="dialog" data-test-edit="1"'))
        assert 'data-test-edit="1"' in _wait_for_text(page, 'data-test-edit="1"')
        # So are edits to mkdocs.yml and to the static files (docs_dir).
        config = project / "mkdocs.yml"
        config.write_text(config.read_text().replace("site_name: ", "site_name: Edited ", 1))
        assert "Edited " in _wait_for_text(page, "<title>Lunar Test Rover - Edited ")
        css = project / "templates/static/stylesheets/atlas.css"
        css.write_text(css.read_text() + "\n/* test-edit */\n")
        assert "test-edit" in _wait_for_text(base + "stylesheets/atlas.css", "test-edit")
        # And once the edits are served, the server rests: a rebuild reads every watched file, and
        # reading must not count as a change (else each rebuild starts the next, for ever).
        builds = _builds_once_quiet(log)
        time.sleep(2)  # longer than a rebuild of this content takes, even on a busy machine
        assert log.read_text().count("Building documentation") == builds
        # Only a dirty rebuild needs the pages on disk (it compares their times with the built
        # pages'); otherwise MkDocs gets them in memory.
        assert (project / ".cache/generated/programs/lunar-test-rover.md").is_file() == dirty
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_every_dependency_is_pinned_in_the_constraints_file():
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    pins = dict(line.split("==", 1) for line in (REPO / "constraints.txt").read_text().splitlines() if "==" in line)
    pinned = {name.lower().replace("_", "-") for name in pins}
    names = {re.split(r"[<>=!~\[ ]", d, maxsplit=1)[0].lower().replace("_", "-") for d in wanted}
    assert names <= pinned, sorted(names - pinned)


def test_workflows_are_least_privileged_and_pinned():
    for name in ("ci.yml", "deploy.yml"):
        workflow = yaml.safe_load((REPO / ".github/workflows" / name).read_text())
        assert workflow["permissions"] == {}
        for job_name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{name}: {job_name} has no permissions block"
            for step in job["steps"]:
                if "uses" in step:
                    ref = step["uses"].split("@", 1)[1]
                    assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), step["uses"]
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
    deploy = yaml.safe_load((REPO / ".github/workflows/deploy.yml").read_text())
    assert deploy["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    text = (REPO / ".github/workflows/ci.yml").read_text() + (REPO / ".github/workflows/deploy.yml").read_text()
    assert text.count("@") == len(re.findall(r"@[0-9a-f]{40} # v\d", text))


NEEDS_SEEDS = [
    "tests/test_coverage.py::test_the_list_names_what_the_documents_name",
    "tests/test_real_content.py::test_every_seed_document_has_a_source_record",
    "tests/test_content_quality.py::test_no_text_field_repeats_twelve_words_of_a_founding_document",
]


def test_without_the_founding_documents_the_suite_says_so_in_one_line(tmp_path):
    env = dict(os.environ, SPACEATLAS_SEEDS_DIR=str(tmp_path))  # an empty folder
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *NEEDS_SEEDS],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert result.returncode == 0, result.stdout
    assert skipped == [
        f"SKIPPED [3] tests/conftest.py: the founding documents are not in {tmp_path} (../shared/seeds, "
        "beside the repository): the tests that compare the content with them are skipped"
    ], result.stdout


def test_the_preview_shows_content_problems_in_the_browser_at_every_save(tmp_path):
    project = make_project(tmp_path / "project")
    port = _free_port()
    env = dict(
        os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONPATH=str(project / "scripts")
    )
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    page = f"http://127.0.0.1:{port}/agencies/nasa/"
    path = project / "content/agencies/nasa.yaml"
    good = path.read_text()
    try:
        assert "National Aeronautics" in _wait_for_text(page, "National Aeronautics")
        for attempt in range(2):  # the same mistake saved twice is shown and printed twice
            path.write_text(good.replace("founded:", "fonded:") + f"\n# save {attempt}\n")
            body = _wait_for_text(page, "The content has problems")
            assert "content/agencies/nasa.yaml" in body and "unknown field for an agency" in body
            deadline = time.time() + 30
            while log.read_text().count("every page of the preview shows them") <= attempt and time.time() < deadline:
                time.sleep(0.3)
            assert log.read_text().count("every page of the preview shows them") == attempt + 1
            path.write_text(good)
            assert "National Aeronautics" in _wait_for_text(page, "National Aeronautics")
    finally:
        server.terminate()
        server.wait(timeout=20)
