"""The YAML reader: YAML's traps are closed, and every value knows its line."""

import pytest

from spaceatlas.read.strict_yaml import MAX_BYTES, YamlProblem, parse_yaml


def test_norway_stays_a_country_code_and_yes_stays_a_word():
    data = parse_yaml("a: NO\nb: yes\nc: off\nd: y\n").data
    assert data == {"a": "NO", "b": "yes", "c": "off", "d": "y"}


def test_only_true_and_false_are_booleans():
    assert parse_yaml("a: true\nb: False\n").data == {"a": True, "b": False}


def test_unquoted_dates_stay_text_for_the_schema_to_check():
    assert parse_yaml("a: 1967-10-10\n").data == {"a": "1967-10-10"}


def test_numbers_follow_yaml_1_2():
    assert parse_yaml("a: 010\nb: 1:20\nc: 1.5\nd: '7'\n").data == {"a": 10, "b": "1:20", "c": 1.5, "d": "7"}


def test_positions_are_one_based_line_and_column():
    doc = parse_yaml("title: x\npartners:\n  - party: esa\n")
    assert doc.positions.of(("partners", 0, "party")).line == 3
    assert doc.positions.of(("partners", 0, "party")).column == 12


def test_duplicate_key_names_both_lines():
    with pytest.raises(YamlProblem) as problem:
        parse_yaml("a: 1\nb: 2\na: 3\n")
    assert problem.value.position.line == 3
    assert "first given on line 1" in problem.value.message


def test_aliases_cannot_expand_a_small_file():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    with pytest.raises(YamlProblem, match="anchors"):
        parse_yaml(bomb)


def test_deep_nesting_is_refused_quickly():
    with pytest.raises(YamlProblem, match="nested"):
        parse_yaml("a: " + "[" * 5000 + "]" * 5000)


def test_huge_file_is_refused():
    with pytest.raises(YamlProblem, match="larger than"):
        parse_yaml("a: '" + "x" * MAX_BYTES + "'\n")


def test_several_documents_are_refused():
    with pytest.raises(YamlProblem, match="invalid YAML"):
        parse_yaml("a: 1\n---\nb: 2\n")


def test_control_characters_are_located():
    with pytest.raises(YamlProblem) as problem:
        parse_yaml("a: 1\nb: x\x1fy\n")
    assert (problem.value.position.line, problem.value.position.column) == (2, 5)
    assert "U+001F" in problem.value.message
