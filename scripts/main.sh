#!/usr/bin/env bash
# The main job: build Terraswift and radiant-sim, bring up the simulated Radiant
# cloud, and bootstrap the terraform/ cluster configuration on it, printing outputs.
# Steps that later issues bring are reported as such, not faked.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
command -v swift >/dev/null || export PATH="/opt/swift/usr/bin:$PATH"

swift build --product terraswift >/tmp/terraswift-main-build.log 2>&1 || { tail -30 /tmp/terraswift-main-build.log; exit 1; }
swift build --product radiant-sim >>/tmp/terraswift-main-build.log 2>&1 || { tail -30 /tmp/terraswift-main-build.log; exit 1; }
bin=$(swift build --show-bin-path)
tf="$bin/terraswift"

state_dir=$(mktemp -d /tmp/radiant-sim.XXXXXX)
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true; }
trap cleanup EXIT

echo "== radiant-sim"
"$bin/radiant-sim" serve --port 0 --state-dir "$state_dir" >"$state_dir/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 50); do
  [ -f "$state_dir/env" ] && break
  sleep 0.2
done
if [ -f "$state_dir/env" ]; then
  cat "$state_dir/sim.log"
  set -a; . "$state_dir/env"; set +a
else
  echo "radiant-sim did not come up:"; cat "$state_dir/sim.log"
fi

echo "== terraswift version"
"$tf" version

echo "== terraswift fmt -check -recursive terraform/"
"$tf" -chdir=terraform fmt -check -recursive || echo "(fmt reported files to change or is not available yet)"

for step in "init -input=false" "validate" "apply -auto-approve -input=false" "output"; do
  echo "== terraswift $step"
  if ! "$tf" -chdir=terraform $step; then
    echo "main: 'terraswift $step' did not succeed; see the open issues for what is not built yet."
    exit 1
  fi
done
