"""The Jinja environment the page templates are rendered in, and its filters: each turns a value of
the model into Markdown (a link, a date, a citation, a party's actions), escaping all text from YAML."""

from __future__ import annotations

from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined

from ..model.countries import Country
from ..model.entry import Entry
from ..read.partial_date import PartialDate
from ..read.schema import ENTRY_TYPES, PARTY_ACTIONS
from .addresses import built_path
from .figures import LICENCE
from .markdown_text import Markdown, escape_text, finalize, paragraphs


def link(target: Entry | Country, text=None) -> Markdown:
    # Link text is the plain name: acronyms repeated in every link would drown an
    # acronym search (lunr ranks rare words first) in pages that merely mention it.
    # Written from the docs root: MkDocs checks each link and makes it relative.
    name = target.name if text is None else str(text)
    return Markdown(f"[{escape_text(name)}](/{target.page})")


def link_list(targets: list[Entry | Country]) -> Markdown:
    """Links separated by commas, e.g. a program's partners."""
    return Markdown(", ".join(link(target) for target in targets))


def url(page: str) -> Markdown:
    """A link target for a site file named from the docs root, e.g. 'api/v1/entries.json'."""
    return Markdown(f"/{page}")


def external_link(address: str) -> Markdown:
    # Addresses are checked against a strict http(s) pattern by the schema.
    return Markdown(f"[{escape_text(address)}]({address})")


def human_date(value: PartialDate | None) -> Markdown | str:
    """A date for readers, machine-readable too (sortable tables and the timeline use `datetime`)."""
    return Markdown(f'<time datetime="{value.iso()}">{value.human()}</time>') if value else ""


def citation(source: Entry) -> Markdown:
    """A source as an entry's list of sources names it: title (linked to its page), publisher,
    date, document symbol and address."""
    f = source.fields
    parts = [link(source, f.title), " — ", escape_text(f.publisher)]
    if f.date:
        parts += [", ", human_date(f.date)]
    if f.symbol:
        parts += [", ", escape_text(f.symbol)]
    if f.address:
        parts += [". ", external_link(f.address)]
    return Markdown("".join(parts))


def actions(groups, notes: bool = False) -> Markdown:
    """A party's actions, one per kind and date: 'Ratification <time>10 October 1967</time> (London,
    Washington)', with the effective date of a withdrawal and, where asked, the notes."""
    parts = []
    for group in groups:
        text = group.in_words(human_date, lambda words: str(escape_text(words)))
        parts.append(text + ("".join(f" — {escape_text(note)}" for note in group.notes) if notes else ""))
    return Markdown("; ".join(parts))


def words_and_links(parts: list) -> Markdown:
    """A sentence made in the model of text and the entries or countries it names, each linked."""
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append((" " if part[:1] == " " else "") + escape_text(part) + (" " if part[-1:] == " " else ""))
        else:
            out.append(link(part))
    return Markdown("".join(out))


def label(value: str) -> str:
    """A schema choice such as 'national-agency' as readers see it."""
    return str(value).replace("-", " ").capitalize()


# BibTeX counts braces whatever stands before them, so `\}` would still close a field:
# braces and backslashes are written as commands that hold no unbalanced brace.
_BIBTEX = str.maketrans(
    {
        "\\": "\\textbackslash{}",
        "{": "\\textbraceleft{}",
        "}": "\\textbraceright{}",
        "%": "\\%",
        "&": "\\&",
        "$": "\\$",
        "#": "\\#",
        "_": "\\_",
        "^": "\\textasciicircum{}",
        "~": "\\textasciitilde{}",
    }
)


def bibtex(value) -> str:
    """Text for a brace-delimited BibTeX field."""
    return " ".join(str(value).split()).translate(_BIBTEX)


def make_environment(templates: Path, compiled: BytecodeCache | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
        bytecode_cache=compiled,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build: each template is read once
        # No autoescape: `finalize` escapes every printed value for Markdown unless it is Markdown
        # the generator made (a Markup); HTML escaping on top would escape it twice.
        autoescape=False,
    )
    env.globals.update(entry_types=ENTRY_TYPES, licence=LICENCE)
    env.filters.update(
        link=link,
        link_list=link_list,
        url=url,
        external_link=external_link,
        built_path=built_path,
        date=human_date,
        citation=citation,
        paragraphs=paragraphs,
        label=label,
        bibtex=bibtex,
        actions=actions,
        words_and_links=words_and_links,
        verb=lambda action: PARTY_ACTIONS[action].verb,
    )
    return env
