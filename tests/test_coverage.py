"""Coverage: every treaty, program and body the founding documents name has its own entry or is
deliberately folded into one that speaks of it."""

import re

import pytest

from conftest import REPO, entries_by_key
from spaceatlas.read.strict_yaml import parse_yaml

NAMES = parse_yaml((REPO / "tests/fixtures/seed-names.yaml").read_text(encoding="utf-8")).data


@pytest.fixture(scope="module")
def entries(real_plan):
    return entries_by_key(real_plan.atlas)  # a renamed entry is found by its former slug


def _text(entry) -> str:
    fields = entry.fields
    parts = [
        fields.title,
        fields.summary,
        getattr(fields, "description", None) or "",
        *fields.aliases,
        getattr(fields, "acronym", None) or "",
        getattr(fields, "short_name", None) or "",
    ]
    parts += [p.contribution or "" for p in getattr(fields, "partners", [])]
    return " ".join(parts)


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.replace("’", "'")).lower()


def test_the_list_names_what_the_documents_name(seed_documents):
    documents = _norm(" ".join(d.read_text(encoding="utf-8", errors="replace") for d in seed_documents))
    assert len(NAMES) >= 100
    missing = [item["name"] for item in NAMES if not any(_norm(name) in documents for name in item["found_as"])]
    assert missing == []


@pytest.mark.parametrize("item", NAMES, ids=[item["name"][:60] for item in NAMES])
def test_every_named_subject_has_an_entry_or_is_folded_into_one(entries, item):
    assert item["lives_in"] in entries, f"{item['name']}: no entry {item['lives_in']}"
    entry = entries[item["lives_in"]]
    if item["how"] == "folded":
        text = _norm(_text(entry))
        assert any(_norm(name) in text for name in item["found_as"]), f"{entry.file} does not mention {item['name']}"
