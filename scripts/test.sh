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
# Two workers (the CI machine's two cores), each with its own servers, Chromium and PostgreSQL:
# the browser tests run on one, the other modules share both (groups in tests/conftest.py).
exec .venv/bin/python -m pytest -n auto --maxprocesses 2 --dist loadgroup "$@"
