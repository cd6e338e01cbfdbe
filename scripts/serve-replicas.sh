#!/usr/bin/env bash
# N dashboard replicas behind Debian's nginx on PORT: sticky sessions, websockets, gzip, a year's
# cache for Streamlit's content-hashed bundles, one cookie secret for all (deploy/README.md).
#
#   bash scripts/serve-replicas.sh N PORT [-- --section.option value ...]
#   bash scripts/serve-replicas.sh --config-only N PORT     # print the nginx configuration only
#
# Each replica is `python -m dashboard.serve` on a free port of 127.0.0.1 (the flags after `--`
# go to every replica). Ready once every replica answers /_stcore/health and nginx answers in
# front of them; Ctrl-C or SIGTERM stops nginx and every replica, and waits until they are gone.
#
# Environment:
#   SAHEL_DB              the store; N > 1 needs PostgreSQL (postgresql://... or postgres://...):
#                         DuckDB lets one process write a file, so on DuckDB only N=1 is served
#   SAHEL_COOKIE_SECRET   Streamlit's server.cookieSecret for every replica (signed cookies must
#                         verify on any of them); unset: generated once into $SAHEL_VAR/cookie_secret
#   SAHEL_VAR             the state folder (default var/): logs, pids and nginx's files in replicas/
#   SAHEL_PROXY_ADDRESS   the address nginx listens on (default: every interface)
#   SAHEL_REPLICA_PORTS   the replicas' ports, space-separated (default: free ports)
#   SAHEL_WS_COMPRESSION  true|false: Streamlit's server.enableWebsocketCompression (default true:
#                         permessage-deflate, the websocket's bytes to about 40%; see deploy/README.md)
#   SAHEL_START_TIMEOUT   seconds to wait for the replicas and nginx (default 120)
#   NGINX                 the nginx binary (default: nginx on PATH, else /usr/sbin/nginx)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
ME="serve-replicas"

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
die() {
  echo "$ME: $*" >&2
  exit 1
}

CONFIG_ONLY=""
if [ "${1:-}" = "--config-only" ]; then
  CONFIG_ONLY=1
  shift
fi
[ $# -ge 2 ] || usage
N="$1" PORT="$2"
shift 2
if [ $# -gt 0 ]; then
  [ "$1" = "--" ] || usage
  shift
fi
EXTRA=("$@")
[[ "$N" =~ ^[1-9][0-9]*$ ]] && [ "$N" -le 64 ] || die "N must be a number of replicas from 1 to 64, not '$N'"
[[ "$PORT" =~ ^[1-9][0-9]*$ ]] && [ "$PORT" -le 65535 ] || die "PORT must be a TCP port, not '$PORT'"

if [ -z "$CONFIG_ONLY" ] && [ "$N" -gt 1 ] && [[ "${SAHEL_DB:-}" != postgresql://* ]] && [[ "${SAHEL_DB:-}" != postgres://* ]]; then
  cat >&2 <<EOF
$ME: refusing to start $N replicas on ${SAHEL_DB:-the default DuckDB store (var/sahel.duckdb)}.
  DuckDB lets one process write a file: a second replica could not open the store and would
  serve a copy of the bundled data instead. Several replicas need the PostgreSQL store:
    SAHEL_DB=postgresql://USER@HOST/DB bash scripts/serve-replicas.sh $N $PORT
  or serve one replica on DuckDB:
    bash scripts/serve-replicas.sh 1 $PORT
EOF
  exit 2
fi

PY="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PY" ] || die "no Python at $PY: run 'bash scripts/setup.sh' first"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
[ -x "$NGINX" ] || die "nginx not found (looked for $NGINX): 'bash scripts/system_packages.sh' installs Debian's"

VAR="${SAHEL_VAR:-$ROOT/var}"
mkdir -p "$VAR"
VAR="$(cd "$VAR" && pwd)"
STATE="$VAR/replicas"
LISTEN_ADDR="${SAHEL_PROXY_ADDRESS:-}"
WS_COMPRESSION="${SAHEL_WS_COMPRESSION:-true}"
[[ "$WS_COMPRESSION" =~ ^(true|false)$ ]] || die "SAHEL_WS_COMPRESSION must be true or false"
START_TIMEOUT="${SAHEL_START_TIMEOUT:-120}"

# The replicas' ports: given, or N ports that are free now on 127.0.0.1 (all held open at once
# while they are picked, so they differ).
if [ -n "${SAHEL_REPLICA_PORTS:-}" ]; then
  read -r -a PORTS <<<"$SAHEL_REPLICA_PORTS"
  [ "${#PORTS[@]}" -eq "$N" ] || die "SAHEL_REPLICA_PORTS names ${#PORTS[@]} ports for $N replicas"
else
  read -r -a PORTS <<<"$("$PY" -c '
import socket, sys
held = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in held:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in held))
' "$N")"
fi

# bash 5.2 would put the matched text in place of each "&" in a ${x//pattern/replacement}.
shopt -u patsub_replacement 2>/dev/null || true
render_config() {
  local servers="" names="" i user_line=""
  for i in "${!PORTS[@]}"; do
    # max_fails=0: a replica is never set aside for a while as a whole (with two, one slow
    # answer each would leave none: 502); a request it refuses goes to the next one.
    servers+="        server 127.0.0.1:${PORTS[$i]} max_fails=0;"$'\n'
    names+="        \"127.0.0.1:${PORTS[$i]}\" replica-$((i + 1));"$'\n'
  done
  # As root the master would hand its workers to "nobody", who may not even reach var/: keep
  # them as the user who started this (an unprivileged user is never switched). A printed
  # configuration (--config-only) is for an nginx started as its own user (deploy/systemd/).
  if [ "$(id -u)" -eq 0 ] && [ -z "$CONFIG_ONLY" ]; then
    user_line="user $(id -un) $(id -gn);"
  fi
  local listen="$PORT"
  [ -n "$LISTEN_ADDR" ] && listen="$LISTEN_ADDR:$PORT"
  local text
  text="$(<"$ROOT/deploy/nginx.conf.template")"
  text="${text//@@USER_LINE@@/$user_line}"
  text="${text//@@STATE@@/$STATE}"
  text="${text//@@LISTEN@@/$listen}"
  text="${text//@@UPSTREAM_SERVERS@@/${servers%$'\n'}}"
  text="${text//@@REPLICA_NAMES@@/${names%$'\n'}}"
  printf '%s\n' "$text"
}

if [ -n "$CONFIG_ONLY" ]; then
  render_config
  exit 0
fi

mkdir -p "$STATE/nginx/temp" "$STATE/nginx/cache"
# One launcher per state folder. The lock is inherited by what it starts, so replicas left
# over from a launcher that was killed -9 keep it too, and are named here rather than
# silently joined by a second set.
exec 9>"$STATE/lock"
if ! flock -n 9; then
  die "$STATE is in use by another serve-replicas.sh (or what it left running: $(tr '\n' ' ' <"$STATE/pids" 2>/dev/null))"
fi

# One server.cookieSecret for every replica, passed in the environment (never on a command line).
if [ -n "${SAHEL_COOKIE_SECRET:-}" ]; then
  SECRET="$SAHEL_COOKIE_SECRET"
else
  SECRET_FILE="$VAR/cookie_secret"
  if [ ! -s "$SECRET_FILE" ]; then
    (
      umask 077
      "$PY" -c 'import secrets; print(secrets.token_urlsafe(32))' >"$SECRET_FILE.new"
      mv "$SECRET_FILE.new" "$SECRET_FILE"
    )
    echo "$ME: generated the replicas' cookie secret into $SECRET_FILE"
  fi
  chmod 600 "$SECRET_FILE"
  SECRET="$(<"$SECRET_FILE")"
fi
[ "${#SECRET}" -ge 32 ] || echo "$ME: warning: the cookie secret is shorter than 32 characters" >&2
export STREAMLIT_SERVER_COOKIE_SECRET="$SECRET"

REPLICA_PIDS=()
NGINX_PID=""
STOPPING=""

# Stop nginx first (no new requests), then the replicas; wait for each by pid with a deadline,
# and kill what outlives it. Safe to run twice.
stop_all() {
  local pid deadline
  local pids=()
  [ -n "$NGINX_PID" ] && pids+=("$NGINX_PID")
  pids+=("${REPLICA_PIDS[@]}")
  [ ${#pids[@]} -gt 0 ] || return 0
  [ -n "$NGINX_PID" ] && kill -TERM "$NGINX_PID" 2>/dev/null || true
  for pid in "${REPLICA_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  deadline=$((SECONDS + 20))
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$ME: pid $pid did not stop in 20 s: killed" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  NGINX_PID=""
  REPLICA_PIDS=()
  rm -f "$STATE/pids"
}
on_signal() {
  STOPPING=1
  trap - INT TERM
  echo "$ME: $1: stopping nginx and ${#REPLICA_PIDS[@]} replica(s)"
  stop_all
  echo "$ME: stopped"
  exit 0
}
trap 'on_signal SIGINT' INT
trap 'on_signal SIGTERM' TERM
trap 'stop_all' EXIT

: >"$STATE/pids"
for i in "${!PORTS[@]}"; do
  name="replica-$((i + 1))"
  "$PY" -m dashboard.serve \
    --server.port "${PORTS[$i]}" --server.address 127.0.0.1 --server.headless true \
    --server.enableWebsocketCompression "$WS_COMPRESSION" "${EXTRA[@]}" \
    >"$STATE/$name.log" 2>&1 &
  REPLICA_PIDS+=($!)
  echo "$name $! 127.0.0.1:${PORTS[$i]}" >>"$STATE/pids"
done

# Ready when GET URL answers 200 (and PID is alive), within the deadline.
wait_healthy() {
  local url="$1" pid="$2" what="$3" log="$4" deadline=$((SECONDS + START_TIMEOUT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    kill -0 "$pid" 2>/dev/null || die "$what exited while starting; the end of $log:
$(tail -n 20 "$log" 2>/dev/null)"
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  die "$what did not answer $url within $START_TIMEOUT s; see $log"
}
for i in "${!PORTS[@]}"; do
  name="replica-$((i + 1))"
  wait_healthy "http://127.0.0.1:${PORTS[$i]}/_stcore/health" "${REPLICA_PIDS[$i]}" "$name" "$STATE/$name.log"
  echo "$ME: $name ready on 127.0.0.1:${PORTS[$i]} (pid ${REPLICA_PIDS[$i]}, log $STATE/$name.log)"
done

render_config >"$STATE/nginx/nginx.conf"
NGINX_ARGS=(-p "$STATE/nginx/" -c "$STATE/nginx/nginx.conf" -e "$STATE/nginx-error.log")
"$NGINX" "${NGINX_ARGS[@]}" -t -q || die "nginx refused $STATE/nginx/nginx.conf (see above)"
"$NGINX" "${NGINX_ARGS[@]}" -g "daemon off;" &
NGINX_PID=$!
echo "nginx $NGINX_PID ${LISTEN_ADDR:-*}:$PORT" >>"$STATE/pids"
HOST="${LISTEN_ADDR:-127.0.0.1}"
[ "$HOST" = "0.0.0.0" ] && HOST=127.0.0.1
wait_healthy "http://$HOST:$PORT/_stcore/health" "$NGINX_PID" "nginx" "$STATE/nginx-error.log"

SHOWN="${LISTEN_ADDR:-localhost}"
[ "$SHOWN" = "0.0.0.0" ] && SHOWN=localhost
echo "$ME: ready: http://$SHOWN:$PORT ($N replica(s) behind nginx pid $NGINX_PID; logs in $STATE/)"

# Until a signal, or until one of them exits by itself: then stop the others and say which.
while :; do
  set +e
  wait -n
  set -e
  # Ctrl-C reaches nginx and the replicas too, and one may exit before this shell's own trap
  # has run: a moment for it, so that a stop asked for is not reported as a crash.
  sleep 0.5
  [ -n "$STOPPING" ] && break
  for i in "${!REPLICA_PIDS[@]}"; do
    if ! kill -0 "${REPLICA_PIDS[$i]}" 2>/dev/null; then
      echo "$ME: replica-$((i + 1)) (pid ${REPLICA_PIDS[$i]}) exited; see $STATE/replica-$((i + 1)).log. Stopping." >&2
      exit 1
    fi
  done
  if ! kill -0 "$NGINX_PID" 2>/dev/null; then
    echo "$ME: nginx (pid $NGINX_PID) exited; see $STATE/nginx-error.log. Stopping." >&2
    exit 1
  fi
done
