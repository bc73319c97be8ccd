"""The content reads as the atlas's own: no sentence copied from the founding documents, no internal
words in what readers see, no source resting on an encyclopedia or an aggregator, every stated
total met by the list it describes."""

import re

import pytest

from conftest import REPO
from spaceatlas.read.schema import ENTRY_TYPES

RUN = 12  # a run of this many words in the same order counts as copied
INTERNAL_WORDS = re.compile(r"\b(seeds?|seed material|seed documents?|source documents?|our sources)\b", re.I)
NOT_SUPPORT = re.compile(
    r"wikipedia\.org|wikiwand|wikimili|friendlywiki|idwikipedia|xcv\.wiki|qaz\.wiki|qeeebo|everybodywiki|"
    r"dbpedia|wikidata\.org|alchetron|infogalactic",
    re.I,
)


@pytest.fixture(scope="module")
def atlas(real_plan):
    return real_plan.atlas


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _texts(model, path=""):
    """Every text value of a model with where it is, e.g. ('key_provisions[2].text', '...')."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        where = f"{path}{name}"
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield f"{where}[{index}]", item
                elif hasattr(type(item), "model_fields"):
                    yield from _texts(item, f"{where}[{index}].")
        elif hasattr(type(value), "model_fields"):
            yield from _texts(value, f"{where}.")


def copied_runs(text: str, document_runs: set[tuple]) -> list[str]:
    words = _words(text)
    return [
        " ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1) if tuple(words[i : i + RUN]) in document_runs
    ]


def test_no_text_field_repeats_twelve_words_of_a_founding_document(seed_documents, atlas):
    runs = set()
    for document in seed_documents:
        words = _words(document.read_text(encoding="utf-8", errors="replace"))
        runs |= {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}
    copied = []
    for entry in atlas.all_entries():
        for where, text in _texts(entry.fields):
            if where in ("title", "publisher", "address", "copy_address") or where.startswith("sources"):
                continue  # a document's own title is cited, not copied
            copied += [f"{entry.file}: {where}: {run}" for run in copied_runs(text, runs)]
    assert copied == []


def test_the_copy_check_finds_a_copied_run():
    sentence = "one two three four five six seven eight nine ten eleven twelve thirteen"
    runs = {tuple(sentence.split()[1:13])}
    assert copied_runs("Here: " + sentence + ".", runs) == [" ".join(sentence.split()[1:13])]


def test_reader_visible_text_has_no_internal_words(atlas):
    found = []
    for entry in atlas.all_entries():
        for where, text in _texts(entry.fields):
            if where.startswith(("sources", "seed_file", "redirect_from", "address", "copy_address")):
                continue
            if entry.type.name == "source" and where == "title":
                continue
            for match in INTERNAL_WORDS.finditer(text):
                found.append(f"{entry.file}: {where}: …{text[max(0, match.start() - 30) : match.end() + 30]}…")
    assert found == []


def test_no_source_rests_on_an_encyclopedia_or_an_aggregator(atlas):
    weak = [
        f"{source.file}: {address}"
        for source in atlas.entries["source"].values()
        for address in (source.fields.address, source.fields.copy_address)
        if address and NOT_SUPPORT.search(address)
    ]
    assert weak == []


def test_every_entry_type_has_content(atlas):
    for name in ENTRY_TYPES:
        assert atlas.entries[name], name


def test_templates_never_look_anything_up_by_slug():
    for template in (REPO / "templates/pages").rglob("*.j2"):
        assert "lookup(" not in template.read_text(encoding="utf-8"), template.name


def test_source_records_name_their_copy_when_read_in_one(atlas):
    # A record read in a copy says where; one with neither address says nothing about where it was read.
    unplaced = [
        s.file
        for s in atlas.entries["source"].values()
        if not (s.fields.address or s.fields.copy_address or s.fields.seed_file)
    ]
    assert unplaced == []
