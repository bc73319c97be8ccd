"""Property-based tests: whatever a file holds, the loader gives an entry or located errors — never a traceback."""

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spaceatlas.read.errors import ContentError
from spaceatlas.read.loader import parse_entry
from spaceatlas.read.schema import ENTRY_TYPES

TYPES = st.sampled_from(sorted(ENTRY_TYPES))
FIELD_NAMES = sorted({name for t in ENTRY_TYPES.values() for name in t.model.model_fields} | {"party", "as_of"})
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(["NO", "1967-10-10", "1958-02-30", "nasa", "US", "~"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=10)), inner, max_size=5),
    ),
    max_leaves=20,
)
DOCUMENTS = st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=10)


def check(result, text):
    entry, errors, not_shown = result.entry, result.errors, result.not_shown
    assert entry is not None or errors
    assert entry is None or all("scaffold's placeholder" in error.message for error in errors)
    assert not_shown >= 0
    for path, marker, slug in result.failed.references if result.failed else ():
        assert path and marker and isinstance(slug, str)  # references that passed, from a file that did not
    lines = len(re.split("\r\n|\r|\n|\x85|\u2028|\u2029", text))  # YAML's line breaks
    for error in errors:
        assert isinstance(error, ContentError)
        assert error.file == "content/x/test.yaml"
        assert 1 <= error.line <= lines + 1 and error.column >= 1
        assert error.field and error.message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(type_name=TYPES, text=st.text(max_size=300))
def test_any_text_gives_an_entry_or_located_errors(type_name, text):
    check(parse_entry(ENTRY_TYPES[type_name], "test", "content/x/test.yaml", text), text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(type_name=TYPES, document=DOCUMENTS)
def test_any_yaml_mapping_gives_an_entry_or_located_errors(type_name, document):
    text = yaml.safe_dump(document, allow_unicode=True)
    check(parse_entry(ENTRY_TYPES[type_name], "test", "content/x/test.yaml", text), text)


@settings(max_examples=100, deadline=None)
@given(junk=st.binary(max_size=200))
def test_binary_junk_gives_located_errors(junk):
    text = junk.decode("utf-8", errors="replace")
    check(parse_entry(ENTRY_TYPES["agency"], "test", "content/x/test.yaml", text), text)
