#!/usr/bin/env bash
# Debian's chromium (browser tests and the briefing PDF) and the DejaVu fonts the PDF embeds,
# installed with apt-get when missing (as root, or through sudo).
set -euo pipefail
if ! command -v chromium >/dev/null || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
