#!/usr/bin/env bash
# Quick start, step 2: install the test dependencies and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
.venv/bin/ruff format --check scripts tests
.venv/bin/ruff check scripts tests
.venv/bin/python -m spaceatlas validate
exec .venv/bin/python -m pytest "$@"
