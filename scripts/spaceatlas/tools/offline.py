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
FOLDER = "space-cooperation-atlas"  # the folder the zip unpacks to


def build_offline_site(root: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(
        str(root / "mkdocs.yml"),
        site_dir=str(site_dir),
        plugins=[*mkdocs_config(root).get("plugins", []), "offline"],  # settings kept: search works alike
        extra={"polyfills": [IFRAME_WORKER]},
        strict=True,
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def build_offline_zip(root: Path, out: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_offline_site(root, site)
        files = sorted(path for path in site.rglob("*") if path.is_file())
        with zipfile.ZipFile(out, "w") as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", date_time=ZIP_DATE)
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return len(files)
