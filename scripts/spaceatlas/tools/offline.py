"""The offline edition: the whole site as a zip that works opened from the file
system (file://), search included, loading nothing from any other host."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from .settings import mkdocs_config

# Material's offline plugin would add a <script> loading iframe-worker from unpkg;
# naming our vendored copy as the polyfill stops it doing so.
IFRAME_WORKER = "javascripts/vendor/iframe-worker/shim.js"
ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # fixed, so the same site gives the same zip


def build_offline_site(root: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        str(root / "mkdocs.yml"),
        site_dir=str(site_dir),
        plugins=[*_configured_plugins(root), "offline"],
        extra={"polyfills": [IFRAME_WORKER]},
        strict=True,
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _configured_plugins(root: Path) -> list:
    """The plugins of mkdocs.yml, settings included, so the offline edition searches alike."""
    return list(mkdocs_config(root).get("plugins", []))


def zip_folder(folder: Path, out: Path, prefix: str) -> int:
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return len(files)


def build_offline_zip(root: Path, out: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_offline_site(root, site)
        return zip_folder(site, out, "space-cooperation-atlas")
