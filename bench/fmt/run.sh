#!/usr/bin/env bash
# fmt benchmark: a generated ~20,000-line messy .tf file formatted in place by
# `terraform fmt` and `terraswift fmt` (release build), timed with hyperfine
# when installed (apt-get install hyperfine) or by repeated runs otherwise.
# Prints mean wall and CPU times, the speed-up, and fmt throughput in MB/s.
# Usage: bench/fmt/run.sh [lines] [runs]   (SKIP_BUILD=1 to reuse the build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lines=${1:-20000}
runs=${2:-10}
export TF_CLI_CONFIG_FILE=/dev/null
terraform=${TERRAFORM:-$(command -v terraform || true)}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  (cd "$root" && swift build -c release --product terraswift >/dev/null)
fi
terraswift="$root/.build/release/terraswift"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/bench/fmt/generate.py" "$work/big.tf" "$lines"
mkdir -p "$work/tf" "$work/ts" "$work/check"
bytes=$(wc -c < "$work/big.tf")
echo "input: $(wc -l < "$work/big.tf") lines, $bytes bytes"

# Both must agree on the result before their speed means anything.
cp "$work/big.tf" "$work/ts/main.tf"
(cd "$work/ts" && "$terraswift" fmt main.tf >/dev/null)
if [ -n "$terraform" ]; then
  cp "$work/big.tf" "$work/tf/main.tf"
  (cd "$work/tf" && "$terraform" fmt main.tf >/dev/null)
  if cmp -s "$work/tf/main.tf" "$work/ts/main.tf"; then echo "outputs: identical"; else echo "outputs: DIFFER"; fi
fi
cp "$work/ts/main.tf" "$work/check/main.tf"   # already formatted: -check measures the read-parse-format path

mean() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(" ".join("%.4f %.4f %.4f" % (x["mean"], x["user"], x["system"]) for x in r))' "$1"; }

report() { # label tf_mean tf_user ts_mean ts_user
  python3 - "$@" "$bytes" <<'PY'
import sys
label, tf_mean, tf_cpu, ts_mean, ts_cpu, size = sys.argv[1], *map(float, sys.argv[2:6]), int(sys.argv[6])
if tf_mean > 0:
    print("%-22s terraform %7.1f ms (cpu %7.1f ms)   terraswift %7.1f ms (cpu %7.1f ms)   speed-up %.1fx wall, %.1fx cpu"
          % (label, tf_mean * 1e3, tf_cpu * 1e3, ts_mean * 1e3, ts_cpu * 1e3, tf_mean / ts_mean, tf_cpu / ts_cpu))
else:
    print("%-22s terraswift %7.1f ms (cpu %7.1f ms)" % (label, ts_mean * 1e3, ts_cpu * 1e3))
print("%-22s terraswift throughput %.1f MB/s (wall), %.1f MB/s (cpu)" % ("", size / ts_mean / 1e6, size / ts_cpu / 1e6))
PY
}

if command -v hyperfine >/dev/null; then
  for mode in rewrite check; do
    if [ "$mode" = rewrite ]; then
      prep_tf="cp $work/big.tf $work/tf/main.tf"; prep_ts="cp $work/big.tf $work/ts/main.tf"
      cmd_tf="cd $work/tf && $terraform fmt main.tf"; cmd_ts="cd $work/ts && $terraswift fmt main.tf"
    else
      prep_tf="true"; prep_ts="true"
      cmd_tf="cd $work/check && $terraform fmt -check main.tf"; cmd_ts="cd $work/check && $terraswift fmt -check main.tf"
    fi
    if [ -n "$terraform" ]; then
      hyperfine --warmup 2 --runs "$runs" --style none --export-json "$work/$mode.json" \
        --prepare "$prep_tf" "sh -c '$cmd_tf'" --prepare "$prep_ts" "sh -c '$cmd_ts'" >/dev/null
      set -- $(mean "$work/$mode.json")
      report "fmt 20k lines ($mode)" "$1" "$2" "$4" "$5"
    else
      hyperfine --warmup 2 --runs "$runs" --style none --export-json "$work/$mode.json" --prepare "$prep_ts" "sh -c '$cmd_ts'" >/dev/null
      set -- $(mean "$work/$mode.json")
      report "fmt 20k lines ($mode)" 0 0 "$1" "$2"
    fi
  done
else
  # Fallback: best-effort repeated timing with bash's TIMEFORMAT.
  TIMEFORMAT='%R %U'
  time_cmd() { local total=0 cpu=0; for _ in $(seq "$runs"); do eval "$1"; t=$( { time eval "$2" >/dev/null 2>&1; } 2>&1 ); total=$(python3 -c "print($total+${t% *})"); cpu=$(python3 -c "print($cpu+${t#* })"); done; python3 -c "print($total/$runs, $cpu/$runs)"; }
  set -- $(time_cmd "cp $work/big.tf $work/ts/main.tf" "cd $work/ts && $terraswift fmt main.tf")
  ts_mean=$1 ts_cpu=$2
  if [ -n "$terraform" ]; then
    set -- $(time_cmd "cp $work/big.tf $work/tf/main.tf" "cd $work/tf && $terraform fmt main.tf")
    report "fmt 20k lines (rewrite)" "$1" "$2" "$ts_mean" "$ts_cpu"
  else
    report "fmt 20k lines (rewrite)" 0 0 "$ts_mean" "$ts_cpu"
  fi
fi
