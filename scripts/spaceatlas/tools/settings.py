"""The project's settings for the command line: the same folders mkdocs.yml gives the plugin."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..read.content_files import Project

PLUGIN = "spaceatlas"


def find_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / "mkdocs.yml").is_file():
            return folder
    return start


def mkdocs_config(root: Path) -> dict:
    """mkdocs.yml as data; `!ENV` values (set only by the deploy workflow) read as unset."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    path = root / "mkdocs.yml"
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader) if path.is_file() else {}


def plugin_options(config: dict) -> dict:
    for item in config.get("plugins", []):
        if isinstance(item, dict) and PLUGIN in item:
            return item[PLUGIN] or {}
    return {}  # not configured, or named without settings


def project_settings(root: Path) -> Project:
    options = plugin_options(mkdocs_config(root))
    names = ("content_dir", "seeds_dir", "templates_dir")
    return Project(root, **{name: options[name] for name in names if isinstance(options.get(name), str)})
