"""What a maintainer sees for each kind of content mistake: file:line:column: field: message."""

import pytest

AGENCY = """title: Test Agency
kind: national-agency
country: US
summary: A body used in tests.
sources: [example-source]
"""


def test_valid_fixture_content_passes(project, run_cli):
    code, out, err = run_cli("--root", project, "validate")
    assert code == 0, err
    assert "content is valid" in out


def test_unknown_agency_reference_names_file_line_and_suggests(project, write, run_cli):
    write(
        "content/programs/probe.yaml",
        """title: Probe
status: planned
lead: nasaa
domains: [science]
summary: A probe.
sources: [example-source]
""",
    )
    code, out, err = run_cli("--root", project, "validate")
    assert code == 1
    assert (
        "content/programs/probe.yaml:3:7: lead: unknown agency 'nasaa' "
        "(no content/agencies/nasaa.yaml) — did you mean 'nasa'?"
    ) in err


def test_unknown_partner_in_list_names_index(project, write, run_cli):
    write(
        "content/programs/probe.yaml",
        """title: Probe
status: planned
partners:
  - party: esa
  - party: jaxa
domains: [science]
summary: A probe.
sources: [example-source]
""",
    )
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "content/programs/probe.yaml:5:12: partners[1].party: unknown agency 'jaxa'" in err


def test_duplicate_key_is_an_error(project, write, run_cli):
    write("content/agencies/twice.yaml", AGENCY + "title: Again\n")
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "content/agencies/twice.yaml:6:1: title: duplicate key 'title' (first given on line 1)" in err


def test_missing_title_is_an_error(project, write, run_cli):
    write("content/agencies/untitled.yaml", AGENCY.replace("title: Test Agency\n", ""))
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "content/agencies/untitled.yaml:1:1: title: required field is missing" in err


def test_impossible_date_is_an_error(project, write, run_cli):
    write("content/agencies/dated.yaml", AGENCY + "founded: 1958-02-30\n")
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "content/agencies/dated.yaml:6:10: founded: 1958-02-30 is not a real calendar date" in err


def test_malformed_date_is_an_error(project, write, run_cli):
    write("content/agencies/dated.yaml", AGENCY + "founded: October 1958\n")
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "dated.yaml:6:10: founded: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got 'October 1958'" in err


def test_wrong_type_is_an_error(project, write, run_cli):
    write("content/agencies/typed.yaml", AGENCY.replace("sources: [example-source]", "sources: example-source"))
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "typed.yaml:5:10: sources: expected a list (- item lines or [a, b]); got 'example-source'" in err


def test_yes_no_words_stay_text_so_norway_is_a_country(project, write, run_cli):
    write("content/agencies/norwegian.yaml", AGENCY.replace("country: US", "country: NO"))
    code, _, err = run_cli("--root", project, "validate")
    assert code == 0, err


def test_true_where_text_is_expected_explains_quoting(project, write, run_cli):
    write("content/agencies/boolean.yaml", AGENCY + "headquarters: true\n")
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert (
        "boolean.yaml:6:15: headquarters: expected text; got true (a yes/no value; quote it if you meant text)" in err
    )


def test_unknown_field_suggests_the_right_one(project, write, run_cli):
    write("content/agencies/typo.yaml", AGENCY + "headquater: Paris\n")
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "typo.yaml:6:1: headquater: unknown field for a agency — did you mean 'headquarters'?" in err


def test_unknown_choice_lists_the_allowed_ones(project, write, run_cli):
    write("content/agencies/kind.yaml", AGENCY.replace("national-agency", "national-agncy"))
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "kind.yaml:2:7: kind: expected one of: national-agency," in err
    assert "— did you mean 'national-agency'?" in err


def test_unknown_country_code(project, write, run_cli):
    write("content/agencies/nowhere.yaml", AGENCY.replace("country: US", "country: XX"))
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "nowhere.yaml:3:10: country: unknown country code 'XX'" in err


def test_file_name_must_be_a_slug(project, write, run_cli):
    write("content/agencies/Bad_Name.yaml", AGENCY)
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "content/agencies/Bad_Name.yaml:1:1: (file): file name 'Bad_Name' is not a valid slug" in err


def test_yml_extension_is_refused(project, write, run_cli):
    write("content/agencies/short.yml", AGENCY)
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "content/agencies/short.yml:1:1: (file): not a .yaml file; rename it to .yaml" in err


def test_entry_into_force_before_signature_is_an_error(project, write, run_cli):
    write(
        "content/treaties/backwards.yaml",
        """title: Backwards
kind: treaty
dates:
  opened_for_signature: 1970-05
  entered_into_force: 1969
summary: Dates in the wrong order.
sources: [example-source]
""",
    )
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "backwards.yaml:5:23: dates.entered_into_force: 1969 is before dates.opened_for_signature (1970-05)" in err


def test_program_part_of_cycle_is_an_error(project, write, run_cli):
    for name, parent in (("alpha", "beta"), ("beta", "alpha")):
        write(
            f"content/programs/{name}.yaml",
            f"""title: {name}
status: planned
part_of: {parent}
domains: [science]
summary: Circular.
sources: [example-source]
""",
        )
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "alpha.yaml:3:10: part_of: 'part_of' goes round in a circle: alpha → beta → alpha" in err


def test_redirect_cannot_shadow_an_existing_page(project, write, run_cli):
    write("content/agencies/renamed.yaml", AGENCY + "redirect_from: [nasa]\n")
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert (
        "renamed.yaml:6:17: redirect_from[0]: 'nasa' cannot redirect: the address /agencies/nasa/ "
        "already belongs to content/agencies/nasa.yaml"
    ) in err


def test_all_problems_are_reported_at_once_sorted(project, write, run_cli):
    write("content/agencies/b-second.yaml", AGENCY.replace("country: US", "country: XX"))
    write("content/agencies/a-first.yaml", AGENCY + "title: Again\n")
    code, _, err = run_cli("--root", project, "validate")
    lines = err.strip().splitlines()
    assert code == 1
    assert lines[0].startswith("content/agencies/a-first.yaml:6:1:")
    assert lines[1].startswith("content/agencies/b-second.yaml:3:10:")
    assert lines[-1] == "2 problems found in content."


def test_types_are_checked_before_references(project, write, run_cli):
    # A file with a type error is not also reported for its (unknown) references.
    write(
        "content/programs/broken.yaml",
        """title: Broken
status: flying
lead: nobody
domains: [science]
summary: Type error first.
sources: [example-source]
""",
    )
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "status: expected one of" in err
    assert "nobody" not in err


@pytest.mark.parametrize(
    "text, message",
    [
        ("title: [unclosed\n", "invalid YAML"),
        ("title: &a x\nsummary: *a\n", "anchors (&name) are not allowed"),
        ("- just\n- a list\n", "expected a mapping of fields (title: …), got a list"),
        ("", "file is empty"),
        ("title: !!python/object:os.system x\n", "explicit YAML tags"),
    ],
)
def test_unreadable_yaml_gives_a_located_message(project, write, run_cli, text, message):
    write("content/agencies/odd.yaml", text)
    code, out, err = run_cli("--root", project, "validate")
    assert code == 1
    assert "content/agencies/odd.yaml:" in err and message in err
    assert "Traceback" not in out + err


def test_usage_error_exits_2(run_cli):
    code, _, err = run_cli("frobnicate")
    assert code == 2
