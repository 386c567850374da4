#!/usr/bin/env bash
# radiant-sim load benchmark. The load comes from other processes (wrk for simple GETs, a Python
# multi-process client for server create+delete), so the figures include real HTTP on loopback.
# Usage: bench/sim/run.sh [seconds]     BIN=.build/release/radiant-sim to measure a release build.
# Prints requests/s; the target for simple GETs is >= 2,000/s on 2 cores.
set -uo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-10}
BIN=${BIN:-.build/debug/radiant-sim}
[ -x "$BIN" ] || swift build --product radiant-sim || exit 1
command -v wrk >/dev/null || apt-get install -y --no-install-recommends wrk >/dev/null 2>&1 || true

# State on /dev/shm when there is one: the figures then show the simulator, not the disk's fsync.
ROOT=/tmp; [ -d /dev/shm ] && ROOT=/dev/shm
STATE=$(mktemp -d "$ROOT/radiant-sim-bench.XXXXXX")
SIM_PID=""
cleanup() { [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null && wait "$SIM_PID" 2>/dev/null; rm -rf "$STATE"; }
trap cleanup EXIT
"$BIN" serve --port 0 --state-dir "$STATE" --build-delay 0 --delete-delay 0 --no-request-log \
  --quota instances=1000000 --quota cores=1000000 --quota ram=1000000000 --quota port=1000000 >"$STATE/stdout" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 100); do [ -s "$STATE/env" ] && break; sleep 0.1; done
. "$STATE/env"
BASE=$RANCHER_URL
TOKEN=$(curl -si -X POST "$OS_AUTH_URL/auth/tokens" -H 'Content-Type: application/json' -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"$OS_USERNAME\",\"domain\":{\"name\":\"Default\"},\"password\":\"$OS_PASSWORD\"}}},\"scope\":{\"project\":{\"name\":\"$OS_PROJECT_NAME\",\"domain\":{\"name\":\"Default\"}}}}}" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}')
echo "radiant-sim bench: $BIN, $(nproc) cores, ${SECONDS_EACH}s per run"

if command -v wrk >/dev/null; then
  for path in /ping /compute/v2.1/flavors /network/v2.0/networks; do
    rps=$(wrk -t2 -c32 -d"${SECONDS_EACH}s" -H "X-Auth-Token: $TOKEN" "$BASE$path" | awk '/Requests\/sec/{print $2}')
    echo "GET $path: $rps requests/s (wrk -t2 -c32)"
  done
else
  echo "wrk not available: GET figures skipped"
fi
python3 bench/sim/create_delete.py "$STATE" "$SECONDS_EACH" 4
