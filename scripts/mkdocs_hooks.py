"""MkDocs glue: ask the generator for pages and hand them to MkDocs, each page's
text fetched when MkDocs first reads it; in `mkdocs serve`, keep the compiled
theme templates between rebuilds and look for edits more often. Nothing else.

MkDocs keeps this module for the whole `mkdocs serve` process, so the
generator is re-imported whenever one of its files changes: edits to its code
show up without restarting the server.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import sys
import time
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel


log = logging.getLogger("mkdocs.hooks.spaceatlas")
GENERATED = ".cache/generated"
PREVIEW_POLL_SECONDS = 0.2
_SERVE = False
_DIRTY_SERVE = False


class _CompiledThemeTemplates(BytecodeCache):
    """Compiled theme templates, kept in memory between the rebuilds of `mkdocs serve`.

    MkDocs loads its configuration again for every rebuild, so the theme's Jinja
    environment is new each time and would compile every Material template again
    (a third of a rebuild). Jinja checks each template's source checksum, so an
    edited override is still compiled afresh."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_THEME_TEMPLATES = _CompiledThemeTemplates()


def on_startup(command: str, dirty: bool) -> None:
    global _SERVE, _DIRTY_SERVE
    _SERVE = command == "serve"
    _DIRTY_SERVE = _SERVE and dirty


def on_serve(server, config, builder):
    # MkDocs polls what it watches every 0.5 s, so a saved edit waited 0.25 s on average (up to
    # 0.5 s) just to be noticed: a third of the preview's delay. The folders listed under `watch`
    # in mkdocs.yml (content, seeds, templates, the generator) are scheduled right after this event,
    # with the observer's interval: poll those every 0.2 s. Scanning their few hundred files that
    # often costs a few per cent of one core. (watchdog keeps the interval in `_timeout`; if a
    # later version does not, the preview is merely slower.)
    if hasattr(server.observer, "_timeout"):
        server.observer._timeout = PREVIEW_POLL_SECONDS
    return server


def on_env(env, config, files):
    if _SERVE:
        env.bytecode_cache = _THEME_TEMPLATES
    return env


_loaded_version: tuple | None = None


def _fresh(module: str, package_dir: Path):
    """Import `module`, re-importing the whole package first if any of its files changed."""
    global _loaded_version
    version = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in package_dir.glob("*.py")))
    if version != _loaded_version:
        for name in [n for n in sys.modules if n == "spaceatlas" or n.startswith("spaceatlas.")]:
            del sys.modules[name]
        _loaded_version = version
    return importlib.import_module(module)


class _RenderedFile(File):
    """A generated page or data file whose text the generator makes when MkDocs first reads it."""

    def __init__(self, config, path: str, texts, inclusion: InclusionLevel):
        super().__init__(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls,
                         inclusion=inclusion)
        self.generated_by = "spaceatlas"
        self._texts = texts

    @property
    def _content(self) -> str:  # where MkDocs keeps a generated file's text
        return self._texts[self.src_uri]

    @_content.setter
    def _content(self, value) -> None:  # a plugin setting `content_string` replaces the text
        self._texts = {self.src_uri: value}


_site = None
_pending = None  # in `mkdocs build`: gives the site that a second process is building
_cpu = 0.0  # CPU seconds this process spent in the hook's own work
_held = 0.0  # seconds the hook kept MkDocs waiting before the pages were set up


def _generator(config):
    root = Path(config.config_file_path).parent
    scripts = str(root / "scripts")
    if scripts not in sys.path:  # works before `pip install -e .` too
        sys.path.insert(0, scripts)
    return root, _fresh("spaceatlas.generate", root / "scripts" / "spaceatlas")


def on_config(config):
    # `mkdocs build`: start a second process loading, checking and rendering the content now, so
    # that it works while MkDocs sets up (clearing the old site, reading the theme). `mkdocs serve`
    # runs threads, which make forking unsafe: there the site is built in on_files.
    global _pending, _cpu, _held
    if not _SERVE:
        start, cpu = time.perf_counter(), time.process_time()
        root, generate = _generator(config)
        _pending = generate.start_site(root, directory_urls=config.use_directory_urls, site_url=config.site_url,
                                       edit_base=config.extra.get("edit_base"))
        _cpu, _held = time.process_time() - cpu, time.perf_counter() - start
    return config


@event_priority(100)  # before plugins: mkdocs-redirects reads its map in its own on_files
def on_files(files: Files, config) -> Files:
    global _site, _pending, _cpu, _held
    start, cpu = time.perf_counter(), time.process_time()
    root, generate = _generator(config)
    errors = importlib.import_module("spaceatlas.errors")
    try:
        if _pending is not None:
            pending, _pending = _pending, None
            _site = site = pending()
        else:
            _site = site = generate.build_site(root, directory_urls=config.use_directory_urls,
                                               site_url=config.site_url, edit_base=config.extra.get("edit_base"))
    except errors.ContentErrors as problems:
        raise PluginError("content has problems:\n" + problems.report()) from None
    # How long MkDocs waited for it: here, and while the second process was started.
    _held += time.perf_counter() - start
    log.info(f"Checked the content and set up {len(site.files):,} pages and data files in {_held:.2f} seconds")
    _held = 0.0
    if _DIRTY_SERVE:
        # `mkdocs serve --dirty` rebuilds the pages whose source file is newer than their
        # output: keep generated files on disk and rewrite only those whose text changed.
        cache = root / GENERATED
        generate.sync_files(site.files, cache)
    for path in site.files:
        # Entry pages are reached through the index pages, never listed in the nav.
        inclusion = InclusionLevel.NOT_IN_NAV if "/" in path and not path.endswith("index.md") \
            else InclusionLevel.INCLUDED
        if _DIRTY_SERVE:
            files.append(File(path, str(cache), config.site_dir, config.use_directory_urls, inclusion=inclusion))
        else:
            files.append(_RenderedFile(config, path, site.files, inclusion))
    if site.last_changed and "SOURCE_DATE_EPOCH" not in os.environ:
        # MkDocs stamps the sitemap's gzip header with the build date; pin it to the content's
        # newest change so that the same content builds byte-identical files on any day.
        stamp = dt.datetime.combine(site.last_changed, dt.time(), dt.timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
    if "redirects" in config.plugins:  # former slugs keep working (mkdocs-redirects writes the stubs)
        config.plugins["redirects"].config["redirect_maps"] = dict(site.redirects)
    _cpu += time.process_time() - cpu
    return files


def on_post_build(config) -> None:
    global _site, _cpu
    if _site is not None:
        files, _site = _site.files, None
        if files.background_seconds is None:  # rendered in this process, while MkDocs waited
            work = f"the generator's work took {_cpu + files.waited:.2f} seconds of CPU"
        else:
            work = (f"the generator's work took {_cpu + files.background_seconds:.2f} seconds of CPU, "
                    f"{files.background_seconds:.2f} of them in a second process")
        log.info(f"MkDocs waited {files.waited:.2f} seconds for rendered pages; {work}")
        _cpu = 0.0
