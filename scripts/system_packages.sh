#!/usr/bin/env bash
# Debian's packages the project uses beside Python, installed with apt-get when missing (as root,
# or through sudo; with --no-prompt, sudo never asks for a password and the script fails instead):
#   chromium, fonts-dejavu-core  browser tests and the briefing PDF (the fonts it embeds)
#   nginx                        the compressing proxy of scripts/serve-replicas.sh (deploy/)
#   postgresql                   the server binaries (initdb, pg_ctl in /usr/lib/postgresql/*/bin)
#                                for the PostgreSQL store and its throwaway test clusters
# The project runs nginx and PostgreSQL itself, unprivileged, under var/ or a temporary folder.
# Installing them must not leave the system's own services holding ports 80 and 5432: while
# apt-get runs, a policy-rc.d that answers 101 keeps every package from starting its service
# (invoke-rc.d and deb-systemd-invoke both ask it), and under systemd the units just installed
# are disabled so that no reboot starts them either.
# --browser-only: chromium and its fonts alone (what scripts/run.sh's single process needs).
set -euo pipefail
PROMPT="" ONLY=""
for arg in "$@"; do
  case "$arg" in
    --no-prompt) PROMPT="$arg" ;;
    --browser-only) ONLY=browser ;;
    *) echo "usage: $0 [--no-prompt] [--browser-only]" >&2; exit 2 ;;
  esac
done

missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)
if [ -z "$ONLY" ]; then
  # /usr/sbin is not on every user's PATH: look for the binaries where Debian puts them.
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"; [ "$PROMPT" = "--no-prompt" ] && SUDO="sudo -n"
fi

services=()
for pkg in "${missing[@]}"; do
  case "$pkg" in nginx | postgresql) services+=("$pkg") ;; esac
done

POLICY=/usr/sbin/policy-rc.d
placed_policy=""
if [ ${#services[@]} -gt 0 ] && [ ! -e "$POLICY" ]; then
  # shellcheck disable=SC2016  # written as is: the file is a shell script of its own
  $SUDO sh -c 'printf "#!/bin/sh\n# scripts/system_packages.sh: no service starts while it installs\nexit 101\n" > "$1" && chmod 755 "$1"' sh "$POLICY"
  placed_policy=1
fi
cleanup() { if [ -n "$placed_policy" ]; then $SUDO rm -f "$POLICY"; fi; }
trap cleanup EXIT

$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null

if [ ${#services[@]} -gt 0 ]; then
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    $SUDO systemctl disable --now --quiet "${services[@]}" 2>/dev/null || true
  elif [ -z "$placed_policy" ]; then
    # Someone else's policy-rc.d may have let them start: stop what was just installed.
    for svc in "${services[@]}"; do $SUDO service "$svc" stop >/dev/null 2>&1 || true; done
  fi
fi
