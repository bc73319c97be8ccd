#!/usr/bin/env bash
# Quick start, step 1: install what the site needs, then build and serve it with live reload.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
exec .venv/bin/mkdocs serve --dirty "$@"
