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

# Median wall time and median CPU time (user+sys) of $runs runs, in seconds:
# on a loaded machine wall time mostly measures the wait for a core.
timeit() {
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time.txt"
  done > "$work/runs.txt"
  mid=$(( (runs + 1) / 2 ))
  w=$(cut -d' ' -f1 "$work/runs.txt" | sort -n | sed -n "${mid}p")
  c=$(cut -d' ' -f2 "$work/runs.txt" | sort -n | sed -n "${mid}p")
  echo "$w $c"
}

have_tf=1
command -v "$tf" >/dev/null 2>&1 || have_tf=0
printf '%-18s %9s %9s %7s %9s %9s %7s %s\n' command tf-wall ts-wall speedup tf-cpu ts-cpu speedup same-output
for c in "state list" "state show $addr" "show -json" "output"; do
  # shellcheck disable=SC2086
  set -- $c
  if [ "$c" = "state show $addr" ]; then set -- state show "$addr"; fi
  set -- $(timeit "$ts" "$@") "$@"
  w_ts=$1; c_ts=$2; shift 2
  if [ $have_tf = 1 ]; then
    set -- $(timeit "$tf" "$@") "$@"
    w_tf=$1; c_tf=$2; shift 2
    "$tf" "$@" > tf.out 2>&1 || true
    "$ts" "$@" > ts.out 2>&1 || true
    same=$(cmp -s tf.out ts.out && echo yes || echo NO)
    sw=$(echo "scale=1; $w_tf / $w_ts" | bc)
    sc=$(echo "scale=1; $c_tf / $c_ts" | bc)
  else
    w_tf="-"; c_tf="-"; sw="-"; sc="-"; same="(no terraform)"
  fi
  printf '%-18s %9s %9s %6sx %9s %9s %6sx %s\n' "$(echo "$c" | cut -c1-18)" "$w_tf" "$w_ts" "$sw" "$c_tf" "$c_ts" "$sc" "$same"
done

# Memory: peak resident size of `state list` on a ~50 MB state (the issue's
# limit is about 3x the file size).
python3 "$here/generate-state.py" 66000 > terraform.tfstate
size=$(wc -c < terraform.tfstate)
/usr/bin/time -f "%M" -o "$work/rss.txt" "$ts" state list >/dev/null 2>&1 || true
rss_ts=$(cat "$work/rss.txt")
rss_tf="-"
if [ $have_tf = 1 ]; then
  /usr/bin/time -f "%M" -o "$work/rss.txt" "$tf" state list >/dev/null 2>&1 || true
  rss_tf=$(cat "$work/rss.txt")
fi
echo "memory, state list on $size bytes: terraswift ${rss_ts} KB peak RSS ($(echo "scale=1; $rss_ts * 1024 / $size" | bc)x), terraform ${rss_tf} KB"
