#!/usr/bin/env bash
# One command on a fresh machine: install what the dashboard needs and serve it on the bundled
# data at http://localhost:8501 (the store is created and seeded from data/ on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
# The briefing PDF is printed by Chromium; without it the dashboard serves all the same.
bash scripts/system_packages.sh --no-prompt --browser-only || echo "chromium could not be installed: the dashboard serves without the briefing PDF" >&2
exec .venv/bin/python -m dashboard.serve --server.port "${PORT:-8501}" "$@"
