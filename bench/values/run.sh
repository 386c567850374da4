#!/usr/bin/env bash
# Values-layer benchmarks: the same console input through terraform and
# terraswift, wall-clock seconds for each (best of N runs).
#   1. a for/flatten pipeline over 100,000 elements
#   2. jsondecode of a ~10 MB JSON document read with file()
# Usage: bench/values/run.sh [runs]   (builds terraswift in release mode first)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
TERRAFORM=${TERRAFORM:-/usr/local/bin/terraform}
swift build -c release --product terraswift >/dev/null
TS=$(swift build -c release --show-bin-path)/terraswift
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK/big.json" <<'PY'
import json, sys
items = [{"id": i, "name": "item-%d" % i, "tags": ["a", "b", "c"], "value": i * 1.5, "enabled": i % 2 == 0}
         for i in range(110000)]
with open(sys.argv[1], "w") as f:
    json.dump({"items": items}, f)
PY

PIPELINE='length([for x in flatten([for i in range(1000) : [for j in range(100) : i * 100 + j]]) : x * 2 if x % 2 == 0])'
JSON='length(jsondecode(file("big.json")).items)'

best() { # best wall time of RUNS runs of: $1 = binary, $2 = expression
  local bin=$1 expr=$2 best=""
  for _ in $(seq "$RUNS"); do
    local start end t out
    start=$(date +%s.%N)
    out=$(cd "$WORK" && printf '%s\n' "$expr" | TF_CLI_CONFIG_FILE=/dev/null "$bin" console -no-color 2>&1) || { echo "failed: $out" >&2; echo "n/a"; return; }
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || (( $(echo "$t < $best" | bc) )); then best=$t; fi
  done
  echo "$best"
}

report() {
  local name=$1 expr=$2
  local tf ts
  tf=$(best "$TERRAFORM" "$expr")
  ts=$(best "$TS" "$expr")
  if [[ "$tf" != "n/a" && "$ts" != "n/a" ]]; then
    printf '%-28s terraform %6.2fs   terraswift %6.2fs   speed-up %5.1fx\n' "$name" "$tf" "$ts" "$(echo "$tf / $ts" | bc -l)"
  else
    printf '%-28s terraform %s   terraswift %s\n' "$name" "$tf" "$ts"
  fi
}

echo "document: $(du -h "$WORK/big.json" | cut -f1)  runs: $RUNS"
report "for/flatten 100k elements" "$PIPELINE"
report "jsondecode 10 MB" "$JSON"
