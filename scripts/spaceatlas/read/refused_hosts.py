"""Hosts that never count as a source's `address`: reprints, aggregators, forums, document-sharing
sites. The list lives in content/refused-hosts.yaml, each host with the reason, so a reviewer sees
why; a source record whose address is on one of them (or a subdomain of one) is refused."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from .content_files import Project, UnreadableFile, read_text
from .errors import ContentError
from .strict_yaml import YamlProblem, parse_yaml


def read_refused_hosts(project: Project) -> tuple[dict[str, str], list[ContentError]]:
    """{host: reason} from the project's list, and the problems with the list itself."""
    file = project.refused_hosts_file
    if not os.path.lexists(project.root / file):
        return {}, []
    try:
        document = parse_yaml(read_text(project.root, file))
    except UnreadableFile as unreadable:
        return {}, [unreadable.error]
    except YamlProblem as problem:
        return {}, [ContentError(file, problem.position.line, problem.position.column, "(yaml)", problem.message)]
    if not isinstance(document.data, list):
        return {}, [ContentError(file, 1, 1, "(document)", "expected a list of {host: …, reason: …}")]
    hosts: dict[str, str] = {}
    problems = []
    for index, item in enumerate(document.data):
        if not (
            isinstance(item, dict)
            and set(item) == {"host", "reason"}
            and all(isinstance(v, str) for v in item.values())
        ):
            position = document.positions.of((index,))
            problems.append(
                ContentError(file, position.line, position.column, f"[{index}]", "expected {host: …, reason: …}")
            )
            continue
        hosts[item["host"].strip().lower()] = item["reason"].strip()
    return hosts, problems


def refused_host(address: str, refused: dict[str, str]) -> tuple[str, str] | None:
    """The listed host that `address` is on (the host itself or a subdomain), and why it is refused."""
    host = (urlsplit(address).hostname or "").lower()
    for listed, reason in refused.items():
        if host == listed or host.endswith("." + listed):
            return listed, reason
    return None
