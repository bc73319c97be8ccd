"""Parse one YAML document strictly and remember where every value came from.

PyYAML's defaults hide mistakes in hand-edited files: duplicate keys silently
overwrite, ``NO`` becomes ``False``, ``010`` becomes 8, unquoted dates become
``datetime.date`` objects, and aliases can expand a small file into gigabytes.
This module reads PyYAML's event stream and builds the Python values itself,
with YAML 1.2's core rules, in one pass — so none of those can happen, and
aliases, anchors, tags and deep nesting are refused before anything grows.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import yaml
import yaml.reader
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12
# More items than any field holds (the schema allows 2,000): stop reading a hostile list early.
MAX_ITEMS = 5000

Path = tuple  # a path into the data: ("partners", 2, "party")


class Position(NamedTuple):  # a tuple: one is made for every value of every file
    line: int  # 1-based
    column: int  # 1-based


class YamlProblem(Exception):
    """A document that cannot be read as data; carries where and why."""

    def __init__(self, position: Position, message: str, path: Path = ()):
        super().__init__(message)
        self.position = position
        self.message = message
        self.path = path


class Positions:
    """Where each value and key of a document starts. Worked out only when a message needs
    it (most files have no mistakes, and recording every position costs a third of a parse)."""

    def __init__(self, text: str):
        self._text = text

    @cached_property
    def _located(self) -> tuple[dict[Path, Position], dict[Path, Position]]:
        builder = _parse(self._text, record=True)
        return builder.positions, builder.key_positions

    def of_key(self, path: Path) -> Position:
        """Where the key of `path` starts, or its value if it has no key."""
        return self._located[1].get(path) or self.of(path)

    def of(self, path: Path) -> Position:
        """Where the value at `path` starts, or its nearest ancestor that exists."""
        positions = self._located[0]
        while path:
            if path in positions:
                return positions[path]
            path = path[:-1]
        return positions.get((), Position(1, 1))


@dataclass
class ParsedDocument:
    data: object
    positions: Positions


if yaml.__with_libyaml__:  # libyaml's C parser: the same events, about ten times faster
    from yaml.cyaml import CParser as _Parser
else:  # pragma: no cover - PyPI's PyYAML wheels ship libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

        def dispose(self):
            pass


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")
# Characters no text field may hold, however written: C0 and C1 controls but tab and newline,
# DEL, lone surrogates (no UTF-8 writer can encode them), the line and paragraph separators
# (YAML and JavaScript read them as line breaks: a value could end a page's front matter) and
# Unicode's non-characters (XML 1.0 forbids U+FFFE and U+FFFF: the feed would not parse).
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
_FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_NONCHARACTERS}]")
_NEEDS_TYPING = re.compile(r"^(?:[-+.~0-9]|[nN]ull$|NULL$|[tT]rue$|TRUE$|[fF]alse$|FALSE$|$)")


def _pos(mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _position_of_offset(text: str, offset: int) -> Position:
    """libyaml counts bytes of UTF-8, the Python reader characters; both agree on ASCII."""
    data = text.encode("utf-8") if yaml.__with_libyaml__ else text
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line_start = data.rfind(newline, 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "ignore")) if isinstance(data, bytes) else offset - line_start
    return Position(data.count(newline, 0, offset) + 1, column + 1)


def _text(event, path: Path) -> str:
    """A scalar's text, checked and normalised once, on the way in: whether a control character
    was typed or written as an escape ("\\x01", "\\0", "\\e"), it is refused here."""
    value = event.value
    bad = _FORBIDDEN.search(value)
    if bad is not None:
        raise YamlProblem(
            _pos(event.start_mark),
            f"{_character_kind(bad.group())} in text (typed or written as an escape); remove it",
            path,
        )
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def _character_kind(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in "\u2028\u2029":
        return f"line or paragraph separator {code}"
    if "\ud800" <= char <= "\udfff":
        return f"lone surrogate {code}"
    if ord(char) >= 0xFDD0:
        return f"Unicode non-character {code}"
    return f"control character {code}"


def _plain_scalar(value: str):
    """YAML 1.2 core schema for unquoted scalars; everything else stays text."""
    if not _NEEDS_TYPING.match(value):  # most values are words: skip the five patterns
        return value
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def parse_yaml(text: str) -> ParsedDocument:
    """Parse one YAML document; raise YamlProblem with a position on any mistake.

    Positions are not recorded on the way: most files have no mistakes, and recording
    one per value costs a third of the time. A message that needs them parses again."""
    if len(text) > MAX_BYTES or len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlProblem(Position(1, 1), f"file is larger than {MAX_BYTES // 1024} KiB; split it or shorten it")
    try:
        data = _parse(text, record=False).data
    except YamlProblem:
        _parse(text, record=True)  # the same problem again, now with every position known (for duplicates)
        raise
    return ParsedDocument(data, Positions(text))


def _parse(text: str, record: bool) -> _Builder:
    parser = _Parser(text)
    builder = _Builder(parser, record)
    try:
        _expect(parser, StreamStartEvent)
        if isinstance(parser.peek_event(), StreamEndEvent):
            raise YamlProblem(Position(1, 1), "file is empty")
        _expect(parser, DocumentStartEvent)
        builder.data = builder.value(parser.get_event(), (), 0)
        _expect(parser, DocumentEndEvent)
        event = parser.get_event()
        if not isinstance(event, StreamEndEvent):
            raise YamlProblem(
                _pos(event.start_mark),
                "invalid YAML: expected a single document in the stream, but found another document",
            )
    except YamlProblem:
        raise
    except yaml.reader.ReaderError as exc:  # a control character or other character YAML forbids
        position = _position_of_offset(text, exc.position)
        raise YamlProblem(
            position, f"{_character_kind(chr(exc.character))}, which YAML does not allow; remove it"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = _pos(mark) if mark else Position(1, 1)
        problem = exc.problem or exc.context or "not valid YAML"
        if "nesting depth" in problem:  # libyaml (PyYAML 6.0.4 on) stops at a depth of its own, reading ahead
            raise YamlProblem(position, f"nested more than {MAX_DEPTH} levels deep") from None
        raise YamlProblem(position, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Position(1, 1), f"invalid YAML: {exc}") from None
    finally:
        parser.dispose()
    return builder


def _expect(parser, kind) -> None:
    event = parser.get_event()
    if not isinstance(event, kind):  # pragma: no cover - the parser only emits well-formed streams
        raise YamlProblem(_pos(event.start_mark), "invalid YAML: unexpected structure")


_UNTAGGED = (None, "!")


class _Builder:
    """Builds values from the parser's events; with `record`, also where each one starts."""

    def __init__(self, parser, record: bool):
        self.get_event = parser.get_event
        self.record = record
        self.data: object = None
        self.positions: dict[Path, Position] = {}
        self.key_positions: dict[Path, Position] = {}

    def value(self, event, path: Path, depth: int):
        kind = type(event)
        if kind is AliasEvent or event.anchor is not None or event.tag not in _UNTAGGED:
            _refuse(event, path)
        if self.record:
            self.positions[path] = _pos(event.start_mark)
        if kind is ScalarEvent:
            text = _text(event, path)
            if event.style:
                return text
            try:
                return _plain_scalar(text)
            except ValueError:  # Python refuses to read an integer of more than 4,300 digits
                raise YamlProblem(
                    _pos(event.start_mark), f"a number of {len(text):,} digits; no field holds one", path
                ) from None
        if depth >= MAX_DEPTH:
            raise YamlProblem(_pos(event.start_mark), f"nested more than {MAX_DEPTH} levels deep", path)
        if kind is SequenceStartEvent:
            return self.sequence(path, depth + 1)
        return self.mapping(path, depth + 1)

    def sequence(self, path: Path, depth: int) -> list:
        result: list = []
        get_event = self.get_event
        while True:
            event = get_event()
            if type(event) is SequenceEndEvent:
                return result
            if len(result) >= MAX_ITEMS:
                raise YamlProblem(_pos(event.start_mark), f"more than {MAX_ITEMS:,} items in one list", path)
            result.append(self.value(event, path + (len(result),), depth))

    def mapping(self, path: Path, depth: int) -> dict:
        result: dict = {}
        get_event = self.get_event
        while True:
            event = get_event()
            kind = type(event)
            if kind is MappingEndEvent:
                return result
            if kind is AliasEvent or event.anchor is not None or event.tag not in _UNTAGGED:
                _refuse(event, path)
            if kind is not ScalarEvent:
                raise YamlProblem(_pos(event.start_mark), "a key must be a plain name, not a list or mapping", path)
            key = _text(event, path)  # keys stay text: a key `NO:` is the name "NO"
            child = path + (key,)
            if key in result:
                first = self.key_positions[child].line if self.record else "?"
                raise YamlProblem(_pos(event.start_mark), f"duplicate key '{key}' (first given on line {first})", child)
            if self.record:
                self.key_positions[child] = _pos(event.start_mark)
            result[key] = self.value(get_event(), child, depth)


def _refuse(event, path: Path) -> None:
    """Aliases, anchors and tags could expand a file or smuggle in types: refuse them."""
    position = _pos(event.start_mark)
    if type(event) is AliasEvent:
        raise YamlProblem(position, "aliases (*name) are not allowed; write the value out", path)
    if event.anchor is not None:
        raise YamlProblem(position, "anchors (&name) are not allowed; write the value out", path)
    raise YamlProblem(position, f"explicit YAML tags ({event.tag}) are not allowed", path)
