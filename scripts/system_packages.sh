#!/usr/bin/env bash
# Debian's chromium (browser tests and the briefing PDF) and the DejaVu fonts the PDF embeds,
# installed with apt-get when missing (as root, or through sudo; with --no-prompt, sudo never
# asks for a password and the script fails instead).
set -euo pipefail
if ! command -v chromium >/dev/null || [ ! -d /usr/share/fonts/truetype/dejavu ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"; [ "${1:-}" = "--no-prompt" ] && SUDO="sudo -n"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
