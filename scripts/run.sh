#!/usr/bin/env bash
# One command on a fresh machine: install what the dashboard needs and serve it on the bundled
# data at http://localhost:8501 (the store is created and seeded from data/ on first start).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
exec .venv/bin/python -m dashboard.serve --server.port "${PORT:-8501}" "$@"
