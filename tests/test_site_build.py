"""The real `mkdocs build --strict` on fixture content: pages, links both ways, escaping."""

import re

import pytest

from conftest import make_project, mkdocs_build


def html(site, page):
    return (site / page / "index.html").read_text(encoding="utf-8")


def article(site, page):
    text = html(site, page)
    return text[text.index("<article") : text.index("</article>")]


def test_one_page_per_entry_and_country(fixture_site):
    for page in (
        "treaties/outer-space-treaty",
        "treaties/rescue-agreement",
        "programs/international-space-station",
        "agencies/nasa",
        "agencies/esa",
        "concepts/non-appropriation",
        "sources/example-source",
        "countries/us",
        "countries/no",
        "countries/suhh",
    ):
        assert (fixture_site / page / "index.html").is_file(), page


def test_program_links_to_its_lead_agency_and_back(fixture_site):
    assert 'href="../../agencies/nasa/"' in article(fixture_site, "programs/international-space-station")
    assert 'href="../../programs/international-space-station/"' in article(fixture_site, "agencies/nasa")


def test_treaty_party_appears_on_the_country_page(fixture_site):
    assert 'href="../../countries/no/"' in article(fixture_site, "treaties/outer-space-treaty")
    norway = article(fixture_site, "countries/no")
    assert 'href="../../treaties/outer-space-treaty/"' in norway
    assert "Ratification" in norway and "1 July 1969" in norway


def test_related_instruments_link_both_ways(fixture_site):
    assert 'href="../rescue-agreement/"' in article(fixture_site, "treaties/outer-space-treaty")
    assert 'href="../outer-space-treaty/"' in article(fixture_site, "treaties/rescue-agreement")


def test_source_page_lists_the_entries_citing_it(fixture_site):
    source = article(fixture_site, "sources/example-source")
    for page in ("treaties/outer-space-treaty", "agencies/nasa", "concepts/non-appropriation"):
        assert f'href="../../{page}/"' in source


def test_nav_lists_index_pages_only(fixture_site):
    nav = html(fixture_site, "treaties/outer-space-treaty")
    nav = nav[nav.index('<nav class="md-nav md-nav--primary') :]
    nav = nav[: nav.index("</nav>")]
    assert "rescue-agreement" not in nav


def test_no_request_to_outside_hosts_in_built_pages(fixture_site):
    for page in fixture_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', text):
            pytest.fail(f"{page}: loads from outside: {match.group(0)}")


INJECTION = {
    "title": "<script>alert(1)</script> {{ 7*7 }} {% if 1 %}x{% endif %}",
    "acronym": "<img src=x onerror=alert(2)>",
    "headquarters": "[click](javascript:alert(3)) | broken | table",
    "summary": "# not a heading\n- not a list\n<iframe src=javascript:alert(4)></iframe> {: onclick=alert(5) }",
    "description": "**not bold**\n\n    not code\n\n![x](https://evil.example/x.png) <https://evil.example>",
}


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    import yaml

    root = make_project(tmp_path_factory.mktemp("inject") / "project")
    entry = dict(INJECTION, kind="national-agency", sources=["example-source"], aliases=["a|b", "`code`"])
    (root / "content/agencies/evil.yaml").write_text(yaml.safe_dump(entry), encoding="utf-8")
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_text_from_yaml_cannot_inject_html_or_links(injected_site):
    page = html(injected_site, "agencies/evil")
    body = article(injected_site, "agencies/evil")
    assert "<script>alert" not in page and "<img src=x" not in page and "<iframe" not in page
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', page))
    assert "evil.example" not in " ".join(re.findall(r'(?:src|href)="([^"]*)"', page))
    assert "onclick" not in re.sub(r"&[^;]+;", "", " ".join(re.findall(r"<[^>]+>", body)))
    assert "<strong>not bold" not in body and "<pre>" not in body and "<h1>not a heading" not in body


def test_injected_text_is_shown_as_text(injected_site):
    body = article(injected_site, "agencies/evil")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "7&#42;7" in body or "7*7" in body  # Jinja syntax is displayed, not evaluated
    assert "49" not in body


def test_injected_title_is_escaped_in_head_and_nav(injected_site):
    page = html(injected_site, "agencies/evil")
    head = page[: page.index("</head>")]
    assert "&lt;script&gt;" in head and "<script>alert" not in head


def test_a_content_problem_stops_mkdocs_build_with_the_message_and_no_traceback(tmp_path):
    # The plugin turns the content's problems into MkDocs' one-line PluginError: the file, line and
    # field, then a non-zero exit, and no page is written.
    root = make_project(tmp_path / "project")
    broken = root / "content/agencies/nasa.yaml"
    broken.write_text(broken.read_text() + "founded: someday\n")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert "content has problems:" in result.stderr
    assert "content/agencies/nasa.yaml:" in result.stderr and "duplicate key 'founded'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "site").rglob("*.html"))


def test_write_files_rewrites_only_what_changed_and_removes_what_is_gone(tmp_path):
    from spaceatlas.site.generated_folder import write_files

    out = tmp_path / "generated"
    first = {"a.md": "A", "treaties/b.md": "B", "old/c.md": "C"}
    assert write_files(first, out) == 3
    stamps = {p: (out / p).stat().st_mtime_ns for p in first}
    second = {"a.md": "A", "treaties/b.md": "B, edited"}
    # Given what it wrote last time (as in `mkdocs serve`), it compares against that instead of the disk.
    assert write_files(second, out, last_written=first) == 1
    assert (out / "a.md").stat().st_mtime_ns == stamps["a.md"]
    assert (out / "treaties/b.md").read_text() == "B, edited"
    assert not (out / "old").exists()
    # A file deleted behind its back is written again.
    (out / "a.md").unlink()
    assert write_files(second, out, last_written=second) == 1
    listed = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert listed == [".spaceatlas-files", "a.md", "treaties/b.md"]
    # Without `previous` (a fresh process) the disk is compared, and the manifest says what was
    # written before: a file it did not write is never deleted.
    (out / "stray.md").write_text("x")
    assert write_files({"a.md": "A"}, out) == 0
    assert (out / "stray.md").exists() and not (out / "treaties").exists()
