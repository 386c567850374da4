#!/usr/bin/env bash
# End-to-end checks of radiant-sim with clients nobody here wrote: the openstacksdk scenario, faults seen
# through openstacksdk, the Rancher scenario (plain HTTP) and the headless-browser check of the status page. Called by .ci/run after
# `swift build --build-tests`. Installs what it needs, starts its own simulator on a free loopback port,
# stops it, and exits non-zero if any check fails. Safe to run repeatedly.
# SIM_CHECKS_SKIP_BROWSER=1 skips the browser check (it then says so).
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
BIN=.build/debug/radiant-sim
if [ ! -x "$BIN" ]; then
  swift build --product radiant-sim || exit 1
fi

echo "== sim-checks: dependencies"
python3 -c "import openstack" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check openstacksdk || exit 1
CHROMIUM=""
if [ "${SIM_CHECKS_SKIP_BROWSER:-0}" != "1" ]; then
  CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
  if [ -z "$CHROMIUM" ]; then
    (apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 ||
     (apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends chromium >/dev/null 2>&1)) || true
    CHROMIUM=$(command -v chromium || true)
  fi
  python3 -c "import playwright" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check playwright || true
fi

STATE=$(mktemp -d /tmp/radiant-sim-checks.XXXXXX)
SIM_PID=""
stop_sim() {
  [ -n "$SIM_PID" ] || return 0
  kill "$SIM_PID" 2>/dev/null
  for _ in $(seq 1 80); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$SIM_PID" 2>/dev/null
  wait "$SIM_PID" 2>/dev/null
  SIM_PID=""
}
cleanup() {
  [ -n "${TLS_PID:-}" ] && kill -9 "$TLS_PID" 2>/dev/null
  stop_sim
  rm -rf "$STATE"
}
trap cleanup EXIT

"$BIN" serve --port 0 --state-dir "$STATE" --build-delay 1 >"$STATE/stdout" 2>"$STATE/stderr" &
SIM_PID=$!
for _ in $(seq 1 100); do
  [ -s "$STATE/env" ] && break
  sleep 0.1
done
if [ ! -s "$STATE/env" ]; then
  echo "radiant-sim did not start:"; cat "$STATE/stdout" "$STATE/stderr"; exit 1
fi
head -1 "$STATE/stdout"

failed=()
run() {
  local name=$1; shift
  local t0=$(date +%s)
  echo "== sim-checks: $name"
  if timeout 240 "$@"; then
    echo "-- $name passed ($(( $(date +%s) - t0 ))s)"
  else
    echo "-- $name FAILED ($(( $(date +%s) - t0 ))s)"
    failed+=("$name")
  fi
}

run "openstacksdk scenario" python3 Tests/sim/openstacksdk_scenario.py "$STATE"
run "openstacksdk fault injection" python3 Tests/sim/openstacksdk_faults.py "$STATE"
run "rancher scenario" python3 Tests/sim/rancher_scenario.py "$STATE"
if [ "${SIM_CHECKS_SKIP_BROWSER:-0}" = "1" ]; then
  echo "== sim-checks: browser check SKIPPED (SIM_CHECKS_SKIP_BROWSER=1)"
elif [ -z "$CHROMIUM" ] || ! python3 -c "import playwright" 2>/dev/null; then
  echo "== sim-checks: browser check FAILED: chromium or python playwright could not be installed"
  failed+=("browser check (no chromium/playwright)")
else
  run "browser check" python3 Tests/sim/browser_test.py "$STATE" "$CHROMIUM"
fi

# The TLS leg: a second simulator with --tls, checked by openstacksdk verifying against the generated CA.
TLS_STATE="$STATE/tls-run"
mkdir -p "$TLS_STATE"
"$BIN" serve --port 0 --state-dir "$TLS_STATE" --tls >"$TLS_STATE/stdout" 2>"$TLS_STATE/stderr" &
TLS_PID=$!
for _ in $(seq 1 100); do [ -s "$TLS_STATE/env" ] && break; sleep 0.1; done
if [ -s "$TLS_STATE/env" ] && grep -q "TLS: clients must trust the CA certificate $TLS_STATE/tls/ca.pem" "$TLS_STATE/stdout"; then
  run "openstacksdk over TLS" python3 Tests/sim/openstacksdk_tls.py "$TLS_STATE"
else
  echo "-- radiant-sim --tls did not start: FAILED"; cat "$TLS_STATE/stdout" "$TLS_STATE/stderr"; failed+=("tls start")
fi
kill "$TLS_PID" 2>/dev/null
for _ in $(seq 1 80); do kill -0 "$TLS_PID" 2>/dev/null || break; sleep 0.1; done
kill -9 "$TLS_PID" 2>/dev/null
wait "$TLS_PID" 2>/dev/null

if grep -q -- "$(grep '^export OS_PASSWORD=' "$STATE/env" | cut -d= -f2-)" "$STATE/requests.log"; then
  echo "-- request log contains the password: FAILED"; failed+=("request log redaction")
fi

echo "== sim-checks: $(( $(date +%s) - started ))s"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "all radiant-sim checks passed"
