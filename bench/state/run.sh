#!/bin/sh
# Times `state list`, `state show ADDR`, `show -json` and `output` on a generated
# 20,000-instance state, terraswift against terraform in the same run, and checks
# both print the same bytes. Usage: bench/state/run.sh [path-to-terraswift]
# (default: a release build, made with `swift build -c release --product terraswift`).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ts=${1:-$root/.build/release/terraswift}
tf=${TERRAFORM:-terraform}
runs=${RUNS:-3}
export TF_CLI_CONFIG_FILE=/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/generate-state.py" 20000 > "$work/terraform.tfstate"
cd "$work"
size=$(wc -c < terraform.tfstate)
addr='module.env["e7"].module.app.terraform_data.r7[3]'
echo "state: $(grep -c '"index_key"' terraform.tfstate) instances, $size bytes"

# Median wall time of $runs runs, in seconds.
timeit() {
  for i in $(seq "$runs"); do
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    echo "$e - $s" | bc
  done | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

have_tf=1
command -v "$tf" >/dev/null 2>&1 || have_tf=0
printf '%-22s %10s %10s %8s %s\n' command terraform terraswift speedup same-output
for c in "state list" "state show $addr" "show -json" "output"; do
  # shellcheck disable=SC2086
  set -- $c
  if [ "$c" = "state show $addr" ]; then set -- state show "$addr"; fi
  t_ts=$(timeit "$ts" "$@")
  if [ $have_tf = 1 ]; then
    t_tf=$(timeit "$tf" "$@")
    "$tf" "$@" > tf.out 2>&1 || true
    "$ts" "$@" > ts.out 2>&1 || true
    same=$(cmp -s tf.out ts.out && echo yes || echo NO)
    speed=$(echo "scale=1; $t_tf / $t_ts" | bc)
  else
    t_tf="-"; speed="-"; same="(no terraform)"
  fi
  printf '%-22s %10s %10s %7sx %s\n' "$(echo "$c" | cut -c1-22)" "$t_tf" "$t_ts" "$speed" "$same"
done
