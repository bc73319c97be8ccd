#!/usr/bin/env bash
# Quick start, step 2: install the test dependencies and run the whole test suite, as CI does.
#   bash scripts/test.sh                      everything, browser tests included
#   bash scripts/test.sh --fast               everything but the browser tests and the bench (under a minute)
#   bash scripts/test.sh tests/test_x.py -k y   the checks, then only the tests named (any pytest arguments)
set -euo pipefail
cd "$(dirname "$0")/.."
pytest_args=()
if [ "${1:-}" = "--fast" ]; then
  shift
  pytest_args=(--ignore=tests/test_browser.py --ignore=tests/test_browser_pictures.py --ignore=tests/test_bench.py)
fi
bash scripts/setup.sh test
export NO_MKDOCS_2_WARNING=1 DISABLE_MKDOCS_2_WARNING=true
.venv/bin/ruff format --check scripts tests
.venv/bin/ruff check scripts tests
.venv/bin/python -m spaceatlas validate
.venv/bin/python -m spaceatlas docs --check   # editor schemas, CONTRIBUTING's field reference, README's counts
exec .venv/bin/python -m pytest "${pytest_args[@]}" "$@"
