"""Compiled Jinja templates kept in memory for the life of `mkdocs serve`.

Why it exists: every rebuild of the preview makes new Jinja environments, ours and the
theme's, and compiling all their templates again was a large share of each rebuild
(measured with `spaceatlas bench`; the figures are in the README). Jinja checks each
template's source checksum against what it compiled, so an edited template is compiled
afresh; nothing is written to disk, and `mkdocs build` starts with an empty cache.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
