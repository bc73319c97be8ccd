"""Parsed YAML kept between builds, so that a build after the first parses only what changed.

Each document is found by a checksum of its text; the whole file is thrown away when the
parser (strict_yaml.py or PyYAML) is not the one that wrote it. Only documents that parsed
without a problem are kept, so a mistake is found again, with its line, on every build; and
only those JSON holds exactly (not NaN, not a number too big for 64 bits). What is read back is
checked against the schema like any freshly parsed file. Parsing is about half of loading: at
5,000 entries 0.3 s of 0.65 s.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import orjson
import yaml

from . import strict_yaml
from .strict_yaml import ParsedDocument, parse_yaml


class ParsedCache:
    """`parse` as strict_yaml.parse_yaml, remembering results in the JSON file at `path` (None:
    remember nothing). `save` writes what this run parsed or found, and nothing else."""

    def __init__(self, path: Path | None):
        self.path = path
        self.parser = _parser_checksum()
        self.known = self._read() if path else {}
        self.used: dict[str, object] = {}
        self.added = False

    def parse(self, text: str) -> ParsedDocument:
        key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
        if key in self.known:
            data = self.used[key] = self.known[key]
        else:
            data = parse_yaml(text).data  # a YamlProblem leaves nothing behind
            if _json_exact(data):
                self.used[key] = data
                self.added = True
        return ParsedDocument(data, text)

    def save(self) -> None:
        """Write the file if this run parsed something new or no longer needs something kept.
        It is replaced whole (never half-written); a folder that cannot be written keeps nothing."""
        if self.path is None or not (self.added or self.used.keys() != self.known.keys()):
            return
        payload = orjson.dumps({"parser": self.parser, "documents": self.used})
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".parsed-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(payload)
            os.replace(temporary, self.path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)

    def _read(self) -> dict[str, object]:
        try:
            stored = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        if not isinstance(stored, dict) or stored.get("parser") != self.parser:
            return {}
        documents = stored.get("documents")
        return documents if isinstance(documents, dict) else {}


def _parser_checksum() -> str:
    """What parsing depends on: our parser's source, PyYAML's version and whether libyaml is used."""
    source = Path(strict_yaml.__file__).read_bytes()
    versions = f"{yaml.__version__} {yaml.__with_libyaml__}".encode()
    return hashlib.blake2b(source + b"\0" + versions, digest_size=16).hexdigest()


def _json_exact(data) -> bool:
    try:
        return orjson.loads(orjson.dumps(data)) == data
    except orjson.JSONEncodeError:
        return False
