"""Text from YAML is data in every field of every type: HTML, links, Jinja and table-breaking
Markdown come out inert; references cannot leave their folder."""

import html as html_lib
import re
from html.parser import HTMLParser

import pytest
import yaml

from conftest import make_project, mkdocs_build

PAYLOAD = (
    "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) "
    "{{ 7*7 }} {% if true %}JINJA{% endif %} a | b | c\n- list\n# heading ![i](https://evil.example/i.png)"
)

ENTRIES = {
    "content/treaties/evil-treaty.yaml": {
        "title": PAYLOAD,
        "short_name": PAYLOAD,
        "acronym": PAYLOAD,
        "aliases": [PAYLOAD],
        "kind": "treaty",
        "where_signed": PAYLOAD,
        "summary": PAYLOAD,
        "description": PAYLOAD + "\n\n" + PAYLOAD,
        "key_provisions": [{"article": PAYLOAD, "text": PAYLOAD}],
        "parties": {"as_of": "2024", "source": "evil-source", "actions": [{"party": "NO", "action": "signature"}]},
        "sources": ["evil-source"],
        "redirect_from": ["evil-old"],
    },
    "content/programs/evil-program.yaml": {
        "title": PAYLOAD,
        "acronym": PAYLOAD,
        "aliases": [PAYLOAD],
        "status": "active",
        "domains": ["science"],
        "partners": [{"party": "nasa", "contribution": PAYLOAD}],
        "summary": PAYLOAD,
        "description": PAYLOAD,
        "instruments": ["evil-treaty"],
        "sources": ["evil-source"],
    },
    "content/agencies/evil-agency.yaml": {
        "title": PAYLOAD,
        "acronym": PAYLOAD,
        "aliases": [PAYLOAD],
        "kind": "council",
        "headquarters": PAYLOAD,
        "summary": PAYLOAD,
        "description": PAYLOAD,
        "country": "NO",
        "sources": ["evil-source"],
    },
    "content/concepts/evil-concept.yaml": {
        "title": PAYLOAD,
        "aliases": [PAYLOAD],
        "kind": "term",
        "summary": PAYLOAD,
        "description": PAYLOAD,
        "see_also": ["programs/evil-program"],
        "sources": ["evil-source"],
    },
    "seeds/evil-source.yaml": {"title": PAYLOAD, "publisher": PAYLOAD, "author": PAYLOAD, "summary": PAYLOAD},
}
PAGES = [
    "treaties/evil-treaty",
    "treaties/evil-old",  # the redirect stub, whose script holds the new address
    "programs/evil-program",
    "agencies/evil-agency",
    "concepts/evil-concept",
    "sources/evil-source",
    "treaties",
    "programs",
    "agencies",
    "concepts",
    "sources",
    "timeline",
    "map",
    "status-matrix",
    "countries/no",
    "",
]


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("evil") / "project")
    for path, data in ENTRIES.items():
        (root / path).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


class Elements(HTMLParser):
    """Every element and attribute as a browser's parser sees them, and script bodies."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements, self.scripts, self._in_script = [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.mark.parametrize("page", PAGES)
def test_payload_is_inert_in_every_field(evil_site, page):
    html = (evil_site / page / "index.html").read_text(encoding="utf-8")
    parsed = Elements(html)
    assert not [a for _, attrs in parsed.elements for a in attrs if a.startswith("on")]
    assert not [attrs for tag, attrs in parsed.elements if tag == "img" and attrs.get("src") == "x"]
    assert not [body for body in parsed.scripts if "alert(" in body]
    assert "<script>alert" not in html
    assert "javascript:" not in " ".join(re.findall(r'(?:href|src)="([^"]*)"', html))
    assert "evil.example" not in " ".join(re.findall(r'(?:href|src)="([^"]*)"', html))
    assert ">49<" not in html and " 49 " not in html


@pytest.mark.parametrize(
    "page",
    [
        "treaties/evil-treaty",
        "programs/evil-program",
        "agencies/evil-agency",
        "concepts/evil-concept",
        "sources/evil-source",
    ],
)
def test_template_syntax_is_shown_not_run(evil_site, page):
    text = html_lib.unescape((evil_site / page / "index.html").read_text(encoding="utf-8"))
    assert "{{ 7*7 }}" in text and "{% if true %}JINJA{% endif %}" in text


def test_payload_is_displayed_as_text(evil_site):
    html = (evil_site / "agencies/evil-agency/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#123;&#123; 7&#42;7 &#125;&#125;" in html


def test_table_cells_stay_in_their_columns(evil_site):
    html = (evil_site / "agencies/evil-agency/index.html").read_text(encoding="utf-8")
    glance = html[html.index("<table>") : html.index("</table>")]
    for row in re.findall(r"<tr>(.*?)</tr>", glance, re.S):
        assert len(re.findall(r"<t[dh][ >]", row)) == 2


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("lead", "../agencies/nasa", "expected a country code such as US"),
        ("lead", "/etc/passwd", "expected a country code such as US"),
        ("part_of", "../../secrets", "expected a slug"),
        ("instruments", ["..%2F..%2Fx"], "expected a slug"),
    ],
)
def test_references_cannot_leave_their_folder(project, write, run_cli, field, value, message):
    entry = {
        "title": "P",
        "status": "active",
        "domains": ["science"],
        "summary": "S.",
        "sources": ["example-source"],
        field: value,
    }
    write("content/programs/escape.yaml", yaml.safe_dump(entry))
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1 and message in err


def test_typed_link_cannot_leave_its_folder(project, write, run_cli):
    write(
        "content/concepts/escape.yaml",
        yaml.safe_dump(
            {
                "title": "C",
                "kind": "term",
                "summary": "S.",
                "sources": ["example-source"],
                "see_also": ["treaties/../../etc/passwd"],
            }
        ),
    )
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1 and "see_also[0]: expected a typed link such as treaties/outer-space-treaty" in err


def test_a_huge_file_is_refused_with_a_message(project, write, run_cli):
    write("content/agencies/huge.yaml", "title: " + "x" * 300_000 + "\n")
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1 and "content/agencies/huge.yaml:1:1: (file): file is larger than 256 KiB" in err


def test_deep_nesting_is_refused_with_a_message(project, write, run_cli):
    write("content/agencies/deep.yaml", "title: " + "[" * 100_000 + "]" * 100_000 + "\n")
    code, _, err = run_cli("--root", project, "validate")
    assert code == 1 and "nested more than 12 levels deep" in err
