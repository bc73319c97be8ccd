"""The package's folders are its layers: read → model → site → tools. Each module imports only from
its own layer or an earlier one, and the MkDocs plugin is found through its entry point."""

import ast
import re
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "scripts" / "spaceatlas"
LAYERS = ["read", "model", "site", "tools"]


def _imported_layers(path: Path) -> set[str]:
    """The layers a module imports from (relative imports resolved against its own folder)."""
    layer = path.parent.name
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                found.add(layer)
            elif node.level == 2 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 0 and node.module and node.module.startswith("spaceatlas."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("spaceatlas.")}
    return found


MODULES = sorted(p for layer in LAYERS for p in (PACKAGE / layer).glob("*.py"))


def test_every_module_lives_in_a_layer():
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert loose == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_layer_imports_only_from_itself_and_earlier_layers(path):
    allowed = set(LAYERS[: LAYERS.index(path.parent.name) + 1])
    assert _imported_layers(path) <= allowed, f"{path.parent.name}/{path.name} imports a later layer"


def test_the_layer_check_catches_an_upward_import(tmp_path):
    module = tmp_path / "model" / "bad.py"
    module.parent.mkdir()
    module.write_text("from ..site.render import link\n")
    assert "site" in _imported_layers(module)


def test_the_plugin_is_registered_as_a_mkdocs_plugin():
    (plugin,) = [p for p in entry_points(group="mkdocs.plugins") if p.name == "spaceatlas"]
    assert plugin.value == "spaceatlas.site.plugin:SpaceAtlasPlugin"
    config = (REPO / "mkdocs.yml").read_text()
    assert "  - spaceatlas:" in config and "hooks:" not in config


def _imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports (absolute imports only)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
    return found


SERVING = {"mkdocs", "material", "watchdog"}


@pytest.mark.parametrize(
    "path", [p for p in MODULES if p.parent.name in ("read", "model")], ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_reading_and_the_model_know_nothing_of_mkdocs_or_serving(path):
    assert not _imported_packages(path) & SERVING, f"{path.parent.name}/{path.name} imports {SERVING}"


def test_the_serving_check_catches_an_import_of_mkdocs(tmp_path):
    module = tmp_path / "read" / "bad.py"
    module.parent.mkdir()
    module.write_text("import watchdog.events\nfrom mkdocs.config import base\n")
    assert _imported_packages(module) & SERVING == {"mkdocs", "watchdog"}


TEMPLATES = sorted((REPO / "templates").rglob("*.j2")) + sorted((REPO / "templates").rglob("*.html"))


def test_templates_only_print_short_lines():
    """Work belongs in the view objects (model/views.py); a template line longer than this computes."""
    long_lines = [
        f"{path.relative_to(REPO)}:{number}"
        for path in TEMPLATES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > 160
    ]
    assert TEMPLATES and long_lines == []


@pytest.mark.parametrize("name", ["f", "r", "e", "l", "x"])
def test_templates_name_their_variables(name):
    """One-letter names in templates (`{% for e in entries %}`) make the reader look up what they hold."""
    pattern = re.compile(rf"{{%-?\s*(?:for|set)\s+{name}\b")
    assert [str(p.relative_to(REPO)) for p in TEMPLATES if pattern.search(p.read_text(encoding="utf-8"))] == []
