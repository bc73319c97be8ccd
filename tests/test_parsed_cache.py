"""Parsed YAML kept between builds (.cache/parsed-yaml.json): a build that finds it makes the same
site, follows every edit, and reports every mistake again with its line."""

import json
import math

import pytest

from spaceatlas.errors import ContentErrors
from spaceatlas.generate import PARSED_YAML, build_site
from spaceatlas.loader import entry_files
from spaceatlas.parsed_cache import ParsedCache
from spaceatlas.strict_yaml import YamlProblem

NASA = "content/agencies/nasa.yaml"


def test_a_build_finding_parsed_yaml_makes_the_same_site_and_follows_edits(project):
    first = dict(build_site(project).files.items())
    kept = json.loads((project / PARSED_YAML).read_text())
    assert len(kept["documents"]) == len(entry_files(project))
    assert dict(build_site(project).files.items()) == first

    path = project / NASA
    path.write_text(path.read_text().replace("The US civil space agency.", "Edited between builds."))
    assert "Edited between builds." in build_site(project).files["agencies/nasa.md"]


@pytest.mark.parametrize("edit, line, field, message", [
    (("summary: The US civil space agency.\n", "summary: The US civil space agency.\ntitle: Again\n"), 9, "title",
     "duplicate key 'title'"),  # found by the parser: nothing kept
    (("founded: 1958-10-01", "founded: 1958-13-01"), 5, "founded", "not a real calendar date"),  # by the schema
])
def test_a_mistake_is_reported_on_every_build_with_its_line(project, edit, line, field, message):
    build_site(project)
    path = project / NASA
    path.write_text(path.read_text().replace(*edit))
    for _ in range(2):
        with pytest.raises(ContentErrors) as raised:
            build_site(project)
        [error] = [e for e in raised.value.errors if e.file == NASA]
        assert (error.line, error.field) == (line, field)
        assert message in error.message


def test_documents_kept_by_another_parser_or_damaged_are_not_used(project, tmp_path):
    build_site(project)
    cache = project / PARSED_YAML
    kept = json.loads(cache.read_text())
    expected = build_site(project).files["agencies/nasa.md"]
    # The same checksums, other data: as if strict_yaml.py had changed since they were kept.
    wrong = {key: {"title": "Kept by another parser"} for key in kept["documents"]}
    cache.write_text(json.dumps({"parser": "another", "documents": wrong}))
    assert build_site(project).files["agencies/nasa.md"] == expected
    assert json.loads(cache.read_text())["parser"] == kept["parser"], "the build keeps its own parse instead"

    cache.write_bytes(cache.read_bytes()[:100])  # cut short
    assert build_site(project).files["agencies/nasa.md"] == expected
    assert json.loads(cache.read_text())["documents"] == kept["documents"]


def test_only_documents_json_holds_exactly_are_kept(tmp_path):
    path = tmp_path / "parsed.json"
    cache = ParsedCache(path)
    text = "big: 123456789012345678901234567890\nhuge: 1e400\n"
    data = cache.parse(text).data
    assert data["big"] == 123456789012345678901234567890 and data["huge"] == math.inf
    assert cache.parse("plain: words\n").data == {"plain": "words"}
    with pytest.raises(YamlProblem):
        cache.parse("a: 1\na: 2\n")
    cache.save()
    assert list(json.loads(path.read_text())["documents"].values()) == [{"plain": "words"}]


def test_a_folder_that_cannot_be_written_keeps_nothing(tmp_path):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    cache = ParsedCache(blocked / "parsed.json")
    assert cache.parse("title: x\n").data == {"title": "x"}
    cache.save()  # no error: the build goes on without keeping anything
    assert blocked.read_text() == "" and list(tmp_path.iterdir()) == [blocked]
