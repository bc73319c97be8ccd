"""Parse one YAML document strictly and remember where every value came from.

PyYAML's defaults hide mistakes in hand-edited files: duplicate keys silently
overwrite, ``NO`` becomes ``False``, ``010`` becomes 8, unquoted dates become
``datetime.date`` objects, and aliases can expand a small file into gigabytes.
This module composes the node tree with PyYAML and builds the Python values
itself with YAML 1.2's core rules, so none of those can happen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

import yaml
import yaml.reader
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, StreamEndEvent
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

MAX_BYTES = 256 * 1024
MAX_DEPTH = 12

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


@dataclass
class ParsedDocument:
    data: object
    positions: dict[Path, Position]  # where each value starts
    key_positions: dict[Path, Position]  # where each mapping key starts

    def position_of(self, path: Path) -> Position:
        """Position of `path`, or of its nearest ancestor that exists."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Position(1, 1))


class _NoImplicitResolver(BaseResolver):
    # Every untagged scalar resolves to str; _build types plain scalars itself.
    yaml_implicit_resolvers: dict = {}


if yaml.__with_libyaml__:  # libyaml's C parser: the same events, about ten times faster
    from yaml.cyaml import CParser as _Parser

    class _Composer(_Parser, SafeConstructor, _NoImplicitResolver):
        def __init__(self, stream):
            _Parser.__init__(self, stream)
            SafeConstructor.__init__(self)
            _NoImplicitResolver.__init__(self)

else:  # pragma: no cover - PyPI's PyYAML wheels ship libyaml
    class _Parser(Reader, Scanner, Parser):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    class _Composer(Reader, Scanner, Parser, Composer, SafeConstructor, _NoImplicitResolver):
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            _NoImplicitResolver.__init__(self)


def _check_events(text: str) -> None:
    """Refuse aliases, anchors, explicit tags and deep nesting before any node is built,
    so a hostile file can neither expand nor recurse."""
    parser = _Parser(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, StreamEndEvent):
                return
            if isinstance(event, AliasEvent):
                raise YamlProblem(_pos(event.start_mark), "aliases (*name) are not allowed; write the value out")
            if getattr(event, "anchor", None) is not None:
                raise YamlProblem(_pos(event.start_mark), "anchors (&name) are not allowed; write the value out")
            if getattr(event, "tag", None) not in (None, "!"):
                raise YamlProblem(_pos(event.start_mark), f"explicit YAML tags ({event.tag}) are not allowed")
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(_pos(event.start_mark), f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    finally:
        parser.dispose()


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")


def _pos(mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _position_of_offset(text: str, offset: int) -> Position:
    """libyaml counts bytes of UTF-8, the Python reader characters; both agree on ASCII."""
    data = text.encode("utf-8") if yaml.__with_libyaml__ else text
    newline = b"\n" if isinstance(data, bytes) else "\n"
    line_start = data.rfind(newline, 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "ignore")) if isinstance(data, bytes) else offset - line_start
    return Position(data.count(newline, 0, offset) + 1, column + 1)


def _plain_scalar(value: str):
    """YAML 1.2 core schema for unquoted scalars; everything else stays text."""
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
    """Parse one YAML document; raise YamlProblem with a position on any mistake."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlProblem(Position(1, 1), f"file is larger than {MAX_BYTES // 1024} KiB; split it or shorten it")
    loader = None
    try:
        _check_events(text)
        loader = _Composer(text)
        node = loader.get_single_node()
    except YamlProblem:
        raise
    except yaml.reader.ReaderError as exc:  # a control character or other character YAML forbids
        position = _position_of_offset(text, exc.position)
        raise YamlProblem(position, f"invalid character U+{exc.character:04X} (a control character YAML "
                                    "does not allow); remove it") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        position = _pos(mark) if mark else Position(1, 1)
        problem = exc.problem or exc.context or "not valid YAML"
        raise YamlProblem(position, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Position(1, 1), f"invalid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise YamlProblem(Position(1, 1), "file is empty")
    document = ParsedDocument(data=None, positions={}, key_positions={})
    document.data = _build(node, (), document, depth=0)
    return document


def _build(node, path: Path, document: ParsedDocument, depth: int):
    document.positions[path] = _pos(node.start_mark)
    if depth > MAX_DEPTH:
        raise YamlProblem(_pos(node.start_mark), f"nested more than {MAX_DEPTH} levels deep", path)
    if isinstance(node, yaml.ScalarNode):
        return _plain_scalar(node.value) if not node.style else node.value  # plain: None (Python) or "" (libyaml)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), document, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(_pos(key_node.start_mark), "a key must be a plain name, not a list or mapping", path)
            key = key_node.value  # keys stay text: a key `NO:` is the name "NO"
            child = path + (key,)
            if key in result:
                first = document.key_positions[child].line
                raise YamlProblem(
                    _pos(key_node.start_mark), f"duplicate key '{key}' (first given on line {first})", child
                )
            document.key_positions[child] = _pos(key_node.start_mark)
            result[key] = _build(value_node, child, document, depth + 1)
        return result
    raise YamlProblem(_pos(node.start_mark), "unsupported YAML node", path)  # pragma: no cover
