#!/usr/bin/env bash
# One command on a fresh machine: install what the tests need (Python packages and Debian's
# chromium for the browser tests), lint, check the data, then run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt
bash scripts/system_packages.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m dashboard validate
exec .venv/bin/python -m pytest "$@"
